"""What ``kg serve`` shows, as plain data: search hits, an entity's page, its neighbours, a source text.

Each function takes an open :class:`kg.store.Store` and returns dicts and lists of plain values
(``str``, ``int``, ``None``), so the web layer only lays them out, and a test reads them directly.
The queries are in :mod:`kg.explore_queries`; IRIs are bound there, never formatted in.

A row about a fact keeps where it came from: ``source`` (the file), ``start`` and ``end`` (the
offsets of its sentence in that file) and ``quote`` (the sentence), so a page can link the row to
its sentence in the source. Columns ending in ``_iri`` hold the IRI of the thing in the column of
the same name, for links.

>>> filter_rows([{"date": "2025-01-02", "role": "present"}, {"date": "2024-05-01"}], {"from": "2025"})
[{'date': '2025-01-02', 'role': 'present'}]
"""

from __future__ import annotations

import itertools
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import unquote

from rdflib import Literal, URIRef

from kg import explore_queries as q
from kg.names import local_name
from kg.sections import Section
from kg.stores import sparql
from kg.terms import records
from loaders.errors import KGError
from ontology import ID

SEARCH_LIMIT = 200
"""The most hits a search returns; a longer list is no use to read, so narrow by type or government."""

TYPES = {
    "Person": "人员 person",
    "Organization": "单位 unit",
    "GovernmentBody": "政府 government",
    "Department": "部门 department",
    "Township": "乡镇 township",
    "Enterprise": "企业 enterprise",
    "Meeting": "会议 meeting",
    "SourceDocument": "纪要 minutes",
    "Document": "文件 document",
    "Project": "项目 project",
    "AgendaItem": "议题 item",
    "Decision": "决定 decision",
    "Directive": "要求 directive",
    "Post": "职务 post",
}
"""The kinds of node the explorer names, most specific last (a Department is also an Organization)."""

SEARCH_KINDS = {
    "person": ("Person",),
    "unit": ("Organization", "GovernmentBody", "Department", "Township", "Enterprise"),
    "meeting": ("Meeting",),
    "document": ("SourceDocument", "Document"),
    "project": ("Project",),
}
"""What the search's type filter offers, and the classes each choice takes in."""

FILTERS = ("from", "to", "role", "outcome", "unit", "government")
"""Filters a list or a page takes from its query string."""


class NotFoundError(KGError):
    """The store holds nothing about the IRI a page asks for."""


class ReadOnlyError(KGError):
    """A SPARQL update or a Cypher write was sent to the explorer, which only reads."""


class SourceMissing(KGError):
    """The file of minutes a fact was read from is not in any folder the explorer was given."""


SECTION_ROWS = 200
"""The rows a section of a page shows unless all are asked for: a person at 500 meetings has 1,000
rows of attendance, which took a page to 1.5 s and 2 MB (bench/bench_serve.py)."""


@dataclass
class Entity:
    """One entity's page: what it is, its names, its government, and its sections."""

    iri: str
    type: str
    label: str
    aliases: list[str]
    government: str | None
    sections: list[Section]


# ---------------------------------------------------------------- naming things


def main_type(types) -> str:
    """The most specific of a node's classes that the explorer names (else the first)."""
    known = [t for t in TYPES if t in types]
    return known[-1] if known else sorted(types)[0] if types else "Thing"


def government_key(iri: str) -> str | None:
    """The government an IRI was minted under (its first segment after the id namespace).

    >>> government_key("https://w3id.org/minutes-kg/id/青禾县人民政府/org/县财政局")
    '青禾县人民政府'
    """
    if not iri.startswith(str(ID)) or iri.startswith(str(ID) + "source/"):
        return None
    return unquote(iri.removeprefix(str(ID)).split("/", 1)[0])


def governments(st) -> dict[str, str]:
    """``{government key: its name}`` for every government body in the store."""
    out = {}
    for row in rows(st, q.GOVERNMENTS):
        key = government_key(row["node"])
        if key and unquote(row["node"].rsplit("/", 1)[-1]) == key:  # the government's own node
            out.setdefault(key, name_of(st, row["node"]) or key)
    return out


def government_of(st, iri: str) -> str | None:
    """The name of the government an IRI was minted under (its own node is ``<key>/org/<key>``)."""
    key = government_key(iri)
    if key is None:
        return None
    segment = iri.removeprefix(str(ID)).split("/", 1)[0]
    return name_of(st, f"{ID}{segment}/org/{segment}") or key


def name_of(st, iri: str) -> str | None:
    """The name of a node: its label, else the sentence it was read from (a decision, a directive)."""
    names = sorted({r["name"] for r in rows(st, q.NODE, target=iri) if r["name"]}, key=lambda n: (len(n), n))
    return names[0] if names else None


def _named(st, found: list[dict]) -> list[dict]:
    """Rows with a name beside every linked IRI (``unit`` for ``unit_iri``, in its place), each IRI
    looked up once."""
    names: dict[str, str] = {}
    out = []
    for row in found:
        named = {}
        for key, value in row.items():
            if key.endswith("_iri") and value and not row.get(key[:-4]):
                if value not in names:
                    names[value] = name_of(st, value) or _short_iri(value)
                named[key[:-4]] = names[value]
            named[key] = value
        out.append(named)
    return out


def rows(st, sparql: str, **params) -> list[dict]:
    """A SELECT's rows as dicts of plain values; ``target`` binds an IRI, other params a string."""
    bound = {k: URIRef(v) if k == "target" else v for k, v in params.items()}
    return records(st.query(sparql, bound))


# ---------------------------------------------------------------- search


def search(
    st, text: str, kind: str | None = None, government: str | None = None, contains: bool = False
) -> list[dict]:
    """Persons, units, meetings, documents and projects one of whose names is ``text`` or, when
    ``contains`` is asked or no name is exactly it, contains it.

    Each hit is ``{"iri", "type", "name", "matched", "government"}``: ``name`` is its preferred name,
    ``matched`` the name the text was found in (an alias, a title). Exact names come first; at most
    :data:`SEARCH_LIMIT` hits. An exact name is an index look-up; a part of a name means reading every
    name in the store (seconds on 10,000 documents, bench/bench_serve.py).
    """
    text = text.strip()
    if not text:
        return []
    wanted = set(SEARCH_KINDS.get(kind or "", ())) or {t for ts in SEARCH_KINDS.values() for t in ts}
    matched = {
        r["node"]: text for r in rows(st, q.SEARCH_EXACT, zh=Literal(text, lang="zh"), plain=Literal(text))
    }
    hits = _hits(st, matched, wanted, government)
    if contains or not hits:
        for row in rows(st, q.SEARCH, q=text):
            if matched.get(row["node"]) != text:
                matched[row["node"]] = row["name"]
        hits = _hits(st, matched, wanted, government)
    return sorted(hits, key=lambda h: (h["matched"] != text, h["name"] != text, len(h["name"]), h["name"]))


def _hits(st, matched: dict[str, str], wanted: set[str], government: str | None) -> list[dict]:
    """The matched nodes of the wanted types and government, best matches first, at most
    :data:`SEARCH_LIMIT`."""
    out = []
    for iri, name in sorted(matched.items(), key=lambda m: (len(m[1]), m[1], m[0])):
        named = government_of(st, iri)
        if government and named != government:
            continue
        node_type, label, _ = head(st, iri)
        if node_type in wanted:
            out.append(
                {"iri": iri, "type": node_type, "name": label or name, "matched": name, "government": named}
            )
        if len(out) >= SEARCH_LIMIT:
            break
    return out


def head(st, iri: str) -> tuple[str | None, str | None, list[str]]:
    """A node's type (the most specific the explorer names), preferred name and other names; the type
    is None for an IRI the store says nothing of. A source document is named by its title."""
    found = rows(st, q.HEAD, target=iri)
    if not found:
        return None, None, []
    labels = sorted({r["label"] for r in found if r["label"]})
    titles = sorted({r["title"] for r in found if r["title"]})
    label = (titles or labels or [None])[0]
    aliases = sorted({r["alias"] for r in found if r["alias"]} | set(labels) - {label})
    return main_type({local_name(r["type"]) for r in found}), label, aliases


# ---------------------------------------------------------------- an entity's page


def entity(
    st, iri: str, filters: dict | None = None, full: bool = True, limit: int | None = SECTION_ROWS
) -> Entity:
    """The page of the node ``iri``: its names and government, then its sections (rows filtered by
    ``filters``, see :func:`filter_rows`), then every statement about it and every link to it; each
    section at most ``limit`` rows (None: all). ``full=False`` keeps only the statements (what the
    graph's side panel shows)."""
    node_type, label, aliases = head(st, iri)
    if node_type is None:
        raise NotFoundError(f"{iri}: the store holds nothing about this IRI")
    label = label or _short_iri(iri)
    sections = [
        _cut(title, filter_rows(_named(st, _tidy(rows(st, sparql, target=iri))), filters or {}), limit)
        for title, sparql in (SECTIONS.get(node_type, ()) if full else ())
    ]
    sections += [_cut("Facts 事实", _facts(st, iri), limit), _links_in(st, iri, limit)]
    return Entity(iri, node_type, label, aliases, government_of(st, iri), sections)


def _cut(title: str, found: list[dict], limit: int | None) -> Section:
    return Section(title, found[:limit] if limit is not None else found, total=len(found))


def _facts(st, iri: str) -> list[dict]:
    out = []
    for row in rows(st, q.OUTGOING, target=iri):
        value = row["value"]
        link = {"value_iri": value} if isinstance(value, str) and value.startswith(str(ID)) else {}
        out.append({"relation": local_name(row["relation"]), **({} if link else {"value": value}), **link})
    return sorted(_named(st, out), key=lambda r: (r["relation"], str(r["value"])))


def _links_in(st, iri: str, limit: int | None) -> Section:
    """The links to the node, the first ``limit`` named (a name is a look-up each)."""
    out = [
        {"relation": local_name(r["relation"]), "from_iri": r["from_iri"]}
        for r in rows(st, q.INCOMING, target=iri)
        if r["from_iri"].startswith(str(ID))
    ]
    out.sort(key=lambda r: (r["relation"], r["from_iri"]))
    shown = out[:limit] if limit is not None else out
    return Section("Linked from 被引用", _named(st, shown), total=len(out))


def _short_iri(iri: str) -> str:
    """An IRI without the id namespace, decoded, for a node that has no name."""
    return unquote(iri.removeprefix(str(ID)))


def _tidy(found: list[dict]) -> list[dict]:
    """Rows by date then place in the file, vocabulary IRIs as their local names, offsets renamed
    ``start``/``end``, empty columns and the bound ``target`` dropped."""
    out = []
    for row in sorted(
        found, key=lambda r: (str(r.get("date") or ""), r.get("source") or "", r.get("_start") or 0)
    ):
        tidy = {}
        for k, v in row.items():
            if v is None or k == "target":
                continue
            if k in ("role", "outcome") and isinstance(v, str) and "/" in v:
                v = local_name(v)
            tidy[k.lstrip("_")] = v
        out.append(tidy)
    return out


def filter_rows(found: list[dict], filters: dict) -> list[dict]:
    """The rows that pass every filter given: ``from``/``to`` (a date or its start, against the
    row's ``date``), ``role`` and ``outcome`` (equal), ``unit`` and ``government`` (contained in the
    row's ``unit``/``government``). A filter a row has no column for lets the row through, except
    the dates: an undated row is kept only when no date range is asked."""
    start, end = filters.get("from") or "", filters.get("to") or ""
    kept = []
    for row in found:
        date = str(row.get("date") or "")
        if (start or end) and "date" in row and not (date[: len(start)] >= start and date[: len(end)] <= end):
            continue
        if any(filters.get(k) and k in row and row[k] != filters[k] for k in ("role", "outcome")):
            continue
        if any(filters.get(k) and k in row and filters[k] not in str(row[k]) for k in ("unit", "government")):
            continue
        kept.append(row)
    return kept


SECTIONS = {
    "Person": (
        ("Meetings and roles 参会", q.PERSON_MEETINGS),
        ("Posts over time 职务", q.PERSON_POSTS),
        ("Directives naming them 涉及的要求", q.PERSON_DIRECTIVES),
    ),
    "Organization": (
        ("Items presented 汇报议题", q.UNIT_ITEMS),
        ("Decisions on them 决定", q.UNIT_DECISIONS),
        ("Directives to it 要求", q.UNIT_DIRECTIVES),
    ),
    "GovernmentBody": (("Meetings 会议", q.BODY_MEETINGS),),
    "Meeting": (
        ("The record 纪要", q.MEETING_RECORD),
        ("Attendance 出席", q.MEETING_ATTENDANCE),
        ("Items 议题", q.MEETING_ITEMS),
        ("Decisions 决定", q.MEETING_DECISIONS),
        ("Directives 要求", q.MEETING_DIRECTIVES),
    ),
    "SourceDocument": (("The minutes 纪要", q.SOURCE_RECORD),),
    "AgendaItem": (("Item 议题", q.ITEM_RECORD), ("Decisions and directives 决定与要求", q.ITEM_FACTS)),
    "Document": (("Timeline 进程", q.TIMELINE),),
    "Project": (("Timeline 进程", q.TIMELINE),),
}
"""Sections of a page by the entity's type; every page ends with its facts and the links to it."""
for _unit in ("Department", "Township", "Enterprise"):
    SECTIONS[_unit] = SECTIONS["Organization"]


# ---------------------------------------------------------------- the neighbourhood


def neighbours(st, iri: str, limit: int | None = None) -> dict:
    """The node ``iri`` and the nodes one link away (the first ``limit`` of them; None: all), as
    ``{"nodes": [...], "edges": [...], "more": how many were left out}``.

    A node is ``{"id", "type", "label", "date", "government"}``; an edge ``{"id", "from", "to",
    "label"}`` (an attendance is one edge from the person to the meeting, labelled with the role).
    """
    if not rows(st, q.NODE, target=iri):
        raise NotFoundError(f"{iri}: the store holds nothing about this IRI")
    nodes = {iri: _node(st, iri)}
    edges = {}
    found = rows(st, q.NEIGHBOURS, target=iri) + rows(st, q.ATTENDANCE_NEIGHBOURS, target=iri)
    left_out = set()
    for row in found:
        if row["node"] not in nodes and limit is not None and len(nodes) > limit:
            left_out.add(row["node"])
            continue
        node = nodes.get(row["node"]) or _node(st, row["node"])
        if node["type"] in HIDDEN_NODES:
            continue
        nodes[row["node"]] = node
        a, b = (iri, row["node"]) if row["out"] else (row["node"], iri)
        if "/role/" in row["relation"]:
            a, b = (b, a) if row["out"] else (a, b)  # the person attended the meeting
        label = local_name(row["relation"])
        edges[(a, b, label)] = {"id": f"{a}|{label}|{b}", "from": a, "to": b, "label": label}
    return {"nodes": list(nodes.values()), "edges": list(edges.values()), "more": len(left_out)}


HIDDEN_NODES = {"Attendance", "PostHolding", "Thing"}
"""Nodes a graph does not draw: an attendance is the link from a person to a meeting, a post held the
link from a person to the post; a vocabulary term (a role, an outcome) is no node of the graph."""


def _node(st, iri: str) -> dict:
    found = rows(st, q.NODE, target=iri)
    names = sorted({r["name"] for r in found if r.get("name")}, key=lambda n: (len(n), n))
    dates = sorted({r["date"] for r in found if r.get("date")})
    return {
        "id": iri,
        "type": main_type({local_name(r["type"]) for r in found}),
        "label": names[0] if names else _short_iri(iri),
        "date": dates[0] if dates else None,
        "government": government_key(iri),
    }


def subgraph(st, iris: list[str]):
    """The nodes ``iris`` and the links among them as a networkx graph that
    :func:`visualizations.pages.render_page` draws (what ``kg viz`` writes): the saved view."""
    import networkx as nx

    wanted = set(iris)
    graph = nx.MultiDiGraph()
    for iri in iris:
        found = neighbours(st, iri)
        for node in found["nodes"]:
            if node["id"] in wanted and node["id"] not in graph:
                graph.add_node(node["id"], type=node["type"], label=node["label"], date=node["date"])
        for edge in found["edges"]:
            if (
                edge["from"] in wanted
                and edge["to"] in wanted
                and not graph.has_edge(edge["from"], edge["to"], edge["label"])
            ):
                graph.add_edge(edge["from"], edge["to"], key=edge["label"], label=edge["label"])
    return graph


# ---------------------------------------------------------------- the source text


def source(st, file: str, folders) -> dict:
    """The text of the minutes ``file`` (found by name in ``folders``) and the span of every fact
    read from it: ``{"file", "text", "spans": [{"start", "end", "iri", "type"}], "meeting_iri",
    "meeting", "changed"}``. ``changed`` says the file on disk is not the one that was loaded."""
    import hashlib

    from loaders.formats import read_source

    found = rows(st, q.SOURCE_DOCUMENT, file=file)
    if not found:
        raise NotFoundError(f"{file}: no minutes of this name are loaded")
    path = find_file(file, folders)
    text = read_source(path).text
    spans = [
        {"start": r["_start"], "end": r["_end"], "iri": r["fact"], "type": local_name(r["type"])}
        for r in rows(st, q.SOURCE_FACTS, file=file)
    ]
    spans = sorted(
        {(s["start"], s["end"], s["iri"]): s for s in spans}.values(), key=lambda s: (s["start"], -s["end"])
    )
    digest = hashlib.sha256(path.read_bytes()).hexdigest()
    record = found[0]
    return {
        "file": file,
        "text": text,
        "spans": spans,
        "meeting_iri": record["meeting_iri"],
        "meeting": record["meeting"],
        "changed": record["hash"] is not None and record["hash"] != digest,
    }


def find_file(file: str, folders) -> Path:
    """The file named ``file`` in one of ``folders`` (searched recursively, in order)."""
    for folder in folders:
        folder = Path(folder)
        if (folder / file).is_file():
            return folder / file
        for path in folder.rglob(file):
            if path.is_file():
                return path
    where = ", ".join(str(f) for f in folders) or "no folder given (kg serve --sources DIR)"
    raise SourceMissing(f"{file}: not found in {where}")


def pieces(text: str, spans: list[dict]) -> list[dict]:
    """The text cut at the spans' edges: ``[{"text", "spans": [indexes of the spans covering it]}]``,
    so a page marks each piece with every fact it belongs to (spans nest: an item holds its
    decisions).

    >>> [(p["text"], p["spans"]) for p in pieces("abcdef", [{"start": 1, "end": 3}, {"start": 2, "end": 5}])]
    [('a', []), ('b', [0]), ('c', [0, 1]), ('de', [1]), ('f', [])]
    """
    cuts = sorted({0, len(text)} | {s["start"] for s in spans} | {s["end"] for s in spans})
    out = []
    for a, b in itertools.pairwise(cuts):
        if a >= b or b > len(text):
            continue
        covering = [n for n, s in enumerate(spans) if s["start"] <= a and b <= s["end"]]
        out.append({"text": text[a:b], "spans": covering})
    return out


# ---------------------------------------------------------------- queries


def read_only_sparql(st, text: str):
    """The answer to a SPARQL query as a :class:`kg.store.Table`; an update, or a SERVICE that would
    send a request out, is refused (:mod:`kg.readonly`, as ``kg sparql`` refuses them)."""
    return sparql(text, st)


def read_only_cypher(text: str, conn):
    """The answer to a Cypher query, in a read session: Neo4j itself refuses a write in it."""
    from kg.neo4j.connection import CypherError
    from kg.neo4j.cypher import cypher

    try:
        return cypher(text, conn, write=False)
    except CypherError as error:
        if "write" in str(error).lower() or "AccessMode" in str(error):
            raise ReadOnlyError(f"Cypher writes are refused: kg serve reads only ({error})") from None
        raise


def meetings(st, filters: dict | None = None) -> list[dict]:
    """Every meeting (name, date, government, chair, file), by date, passing ``filters``."""
    return filter_rows(_named(st, _tidy(rows(st, q.MEETINGS))), filters or {})
