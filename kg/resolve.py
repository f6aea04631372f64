"""Reviewed entity resolution: what the rules could not decide, a person decides, and it sticks.

The alias rules (:mod:`loaders.aliases`) make 县发改局 and 某县发展和改革局 one unit by themselves.
What they cannot know - that two names are one person, that a renamed unit is the old one, that two
people share a name, that a government keyed by its document-number prefix is a government keyed by
its full name - is listed by :func:`candidates` for review. Each answer is a *decision*
(:func:`merge`, :func:`split`, :func:`distinct`) kept in ``resolution.json`` in the store's folder,
beside an optional ``aliases.ttl`` of the government's own aliases (the format of
``ontology/aliases.ttl``). Both are read on every load (:func:`names` is what the pipeline passes
to ``to_statements``), and a new decision is applied at once to the documents already loaded
(:func:`apply`), by rewriting their graphs: so the store never needs the source files again.

Why rewrite instead of materialising ``owl:sameAs`` links: every query (SPARQL, Cypher, the
summaries) would have to follow them; with one IRI per real thing, every query stays simple.
"""

from __future__ import annotations

import json
import tempfile
from collections import defaultdict
from pathlib import Path
from urllib.parse import unquote

import rdflib
from rdflib.namespace import RDF, RDFS, SKOS

from kg.store import ALIASES_FILE, DECISIONS_FILE, Store
from kg.stores import opened, sparql
from loaders import aliases, iris
from loaders.errors import KGError
from loaders.rdf import rdflib_term
from ontology import ALIASES_TTL, ID, MKG

SEGMENT_KINDS = {"person": "person", "org": "unit", "document": "document", "project": "project"}
"""The IRI path segment of each kind of named thing (loaders/iris.py) -> its kind in loaders.aliases."""

CLASSES = {"person": MKG.Person, "unit": MKG.Organization, "document": MKG.Document, "project": MKG.Project}


class ResolveError(KGError):
    """A decision that cannot be taken: a name not in the store, or in several governments."""


# --- where the decisions live -------------------------------------------------------------------


def decisions(store=None) -> list[dict]:
    """The decisions taken so far for ``store``, oldest first (empty when none)."""
    with opened(store) as st:
        text = st.kept(DECISIONS_FILE)
        where = _where(st, DECISIONS_FILE)
    if text is None:
        return []
    try:
        found = json.loads(text)
    except ValueError as error:
        raise ResolveError(f"{where}: cannot read the decisions ({error})") from None
    if not isinstance(found, list):
        raise ResolveError(f"{where}: expected a JSON list of decisions")
    return found


def names(store=None) -> aliases.Names:
    """What names resolve to for ``store``: the shipped rules, the store's aliases, its decisions
    (an in-memory store has only the shipped rules)."""
    with opened(store) as st:
        table, where = st.kept(ALIASES_FILE), _where(st, ALIASES_FILE)
        taken = decisions(st)
    if table is None:
        return aliases.with_decisions(aliases.default_names(), taken) if taken else aliases.default_names()
    with tempfile.TemporaryDirectory() as folder:
        copy = Path(folder) / ALIASES_FILE
        copy.write_text(table, encoding="utf-8")
        try:
            read = aliases.read_aliases([ALIASES_TTL, copy])
        except aliases.AliasFileError as error:
            raise aliases.AliasFileError(str(error).replace(str(copy), where)) from None
    return aliases.with_decisions(read, taken)


def _where(store, name: str) -> str:
    """Where the text ``name`` is kept, for messages: the file beside an embedded store, or the
    server's URL."""
    if isinstance(store, Store):
        return str(store.path / name) if store.path else name
    return f"{store.url} ({name} in its bookkeeping graph)"


def _record(store, decision: dict) -> None:
    with opened(store) as st:
        taken = decisions(st)
        if decision not in taken:
            st.keep(DECISIONS_FILE, json.dumps([*taken, decision], ensure_ascii=False, indent=2))


# --- taking decisions ---------------------------------------------------------------------------


def merge(kind: str, name: str, into: str, store=None, government: str | None = None) -> dict:
    """Record that ``name`` is ``into`` (a unit renamed, a name misspelt, a government keyed two ways)
    and apply it to what is loaded; returns the decision and the documents rewritten.

    ``kind`` is person, unit, document, project or government. The government is found from the
    store where only one holds ``name``.
    """
    if name == into:
        raise ResolveError(f"{name!r} cannot be merged into itself; give the name to keep as INTO")
    if kind == "government":
        decision = {"action": "merge", "kind": kind, "name": name, "into": into}
    else:
        gov = government or _government_of(kind, name, store)
        decision = {"action": "merge", "kind": kind, "government": gov, "name": name, "into": into}
    return _take(store, decision)


def split(name: str, documents: list[str], store=None, government: str | None = None, tag: str = "2") -> dict:
    """Record that the person ``name`` in ``documents`` (file names) is someone else than the person
    of that name elsewhere; ``tag`` tells the two apart in the IRI (the label stays the name)."""
    gov = government or _government_of("person", name, store)
    files = sorted(Path(d).name for d in documents)
    return _take(store, {"action": "split", "government": gov, "name": name, "documents": files, "tag": tag})


def distinct(kind: str, name: str, other: str, store=None, government: str | None = None) -> dict:
    """Record that ``name`` and ``other`` were reviewed and are not the same: no longer a candidate."""
    decision = {"action": "distinct", "kind": kind, "name": name, "other": other}
    if government:
        decision["government"] = government
    return _take(store, decision)


def _take(store, decision: dict) -> dict:
    _record(store, decision)
    return {"decision": decision, "rewritten": apply(store)}


def _government_of(kind: str, name: str, store) -> str:
    if kind not in CLASSES:
        raise ResolveError(f"unknown kind {kind!r} (known: {', '.join([*CLASSES, 'government'])})")
    query = """PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
PREFIX skos: <http://www.w3.org/2004/02/skos/core#>
SELECT DISTINCT ?x ?name ?class WHERE {
  ?x a ?class ; rdfs:label|skos:altLabel ?l . FILTER(STR(?l) = ?name)
}"""
    rows = sparql(query, store, {"name": name, "class": CLASSES[kind]}).rows
    found = sorted({_parts(row[0])[0] for row in rows})
    if not found:
        raise ResolveError(f"no {kind} named {name!r} in the store; check the name with `kg resolve`")
    if len(found) > 1:
        raise ResolveError(
            f"{name!r} is a {kind} of several governments ({', '.join(found)}); give --government"
        )
    return found[0]


# --- applying decisions to what is loaded -------------------------------------------------------


def apply(store=None) -> list[str]:
    """Rewrite every loaded document so that it says what the decisions say; the IRIs of the
    documents that changed. Applying twice changes nothing the second time."""
    with opened(store, write=True) as st:
        table = names(st)
        changed = []
        for file, entry in sorted(st.documents().items()):
            triples = {tuple(rdflib_term(t) for t in q.triple) for q in st.document_quads(entry["graph"])}
            rewritten = rewrite(triples, table, file)
            if rewritten != triples:
                graph = rdflib.Graph(identifier=rdflib.URIRef(entry["graph"]))
                graph += rewritten
                changed.append(graph)
        if changed:  # all at once: no reader sees some documents rewritten and others not
            st.replace_many(changed)
        return [str(graph.identifier) for graph in changed]


def rewrite(triples: set[tuple], table: aliases.Names, file: str) -> set[tuple]:
    """One document's triples with every named thing's IRI and label as ``table`` resolves them.

    The label a node had becomes a skos:altLabel when it changes, so no name seen is lost.
    """
    mapping: dict[rdflib.URIRef, rdflib.URIRef] = {}
    labels: dict[rdflib.URIRef, str] = {}
    for term in {t for triple in triples for t in triple if isinstance(t, rdflib.URIRef)}:
        new, label = _renamed(term, table, file)
        mapping[term] = new
        if label is not None:
            labels[new] = label
    out = set()
    for s, p, o in triples:
        s, o = mapping.get(s, s), mapping.get(o, o)
        moved = p == RDFS.label and s in labels and str(o) != labels[s]
        out.add((s, SKOS.altLabel if moved else p, o))
    units = {s for s, p, o in out if p == RDF.type and o == MKG.Organization}
    for node, label in labels.items():
        out.add((node, RDFS.label, rdflib.Literal(label, lang="zh")))
        if node in units:
            for other in aliases.unit_names(label, _parts(str(node))[0], table):
                out.add((node, SKOS.hiddenLabel, rdflib.Literal(other, lang="zh")))
    return out


def _parts(iri: str) -> list[str]:
    return [unquote(p) for p in iri.removeprefix(str(ID)).split("/")]


def _renamed(term: rdflib.URIRef, table: aliases.Names, file: str) -> tuple[rdflib.URIRef, str | None]:
    """The IRI a term has under ``table``, and the label to give it when it is a named thing."""
    if not str(term).startswith(str(ID)) or str(term).startswith(str(ID) + "source/"):
        return term, None
    parts = _parts(str(term))
    old, gov = parts[0], table.government(parts[0])
    label = None
    if len(parts) == 3 and parts[1] in SEGMENT_KINDS:
        kind, key = SEGMENT_KINDS[parts[1]], parts[2]
        if kind == "unit" and key == old:
            key = gov
        if not (kind == "person" and "~" in key):
            resolved = aliases.resolve(kind, key, gov, table, file)
            key, label = resolved.key, resolved.label
        parts = [gov, parts[1], key]
    elif len(parts) >= 5 and parts[-3] == "holding":
        parts[-2] = aliases.resolve("person", parts[-2], gov, table, file).key
        parts[0] = gov
    else:
        parts[0] = gov
    return rdflib.URIRef(str(ID) + "/".join(iris.segment(p) for p in parts)), label


# --- candidates for review ----------------------------------------------------------------------

_NAMED = """PREFIX mkg: <https://w3id.org/minutes-kg/ns#>
PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
SELECT DISTINCT ?x ?class ?label WHERE {
  VALUES ?class { mkg:Person mkg:Organization mkg:Document mkg:Project mkg:GovernmentBody }
  ?x a ?class ; rdfs:label ?label .
}"""

COLUMNS = ["kind", "government", "name", "other_government", "other", "why"]


def candidates(store=None) -> list[dict]:
    """Pairs of names that may be one thing, for a person to review with merge or distinct.

    - a person of the same name in two governments (often one official, sometimes two people);
    - two units of one government where one name's characters run, in order, through the other's
      and both end alike (某县农机局 in 某县农业机械局): an abbreviation the rules do not know, or a
      renaming (某县旅游局 in 某县文化和旅游局);
    - two governments where one key abbreviates the other (a document-number prefix);
    - documents or projects of one government whose title holds the other's.
    Pairs already decided (merged or kept distinct) are left out.
    """
    by_kind: dict[str, dict[str, set[str]]] = defaultdict(lambda: defaultdict(set))
    kinds = {str(MKG.GovernmentBody): "government", **{str(c): k for k, c in CLASSES.items()}}
    for x, cls, label in sparql(_NAMED, store).rows:
        by_kind[kinds[cls]][_parts(x)[0]].add(label)
    decided, table = decisions(store), names(store)
    found = [*_same_person(by_kind["person"]), *_governments(by_kind["government"])]
    for government, units in sorted(by_kind["unit"].items()):
        found += _pairs("unit", government, units, _abbreviates, "one name abbreviates the other")
    for kind in ("document", "project"):
        for government, titles in sorted(by_kind[kind].items()):
            found += _pairs(kind, government, titles, _contains, "one title holds the other")
    return [c for c in found if not any(_settles(d, c, table) for d in decided)]


def _settles(decision: dict, candidate: dict, table: aliases.Names) -> bool:
    """Whether a decision answers a candidate pair (names compared as they resolve: 县甲局 is 某县甲局)."""
    other = decision.get("into") or decision.get("other")
    if decision.get("kind") != candidate["kind"] or other is None:
        return False
    if decision.get("government") not in (None, candidate["government"], candidate["other_government"]):
        return False
    pair = {candidate["name"], candidate["other"]}

    def forms(name: str) -> set[str]:
        if candidate["kind"] != "unit":
            return {name}
        return {name, aliases.resolve("unit", name, candidate["government"], table).label}

    return bool(forms(decision["name"]) & pair and forms(other) & pair)


def _same_person(persons: dict[str, set[str]]) -> list[dict]:
    governments_of: dict[str, list[str]] = defaultdict(list)
    for government, people in persons.items():
        for name in people:
            governments_of[name].append(government)
    out = []
    for name, govs in sorted(governments_of.items()):
        govs.sort()
        for other in govs[1:]:
            why = "the same name in two governments"
            out.append(_row("person", govs[0], name, other, name, why))
    return out


def _governments(bodies: dict[str, set[str]]) -> list[dict]:
    keys = sorted(bodies)
    return [
        _row("government", a, a, b, b, "one key abbreviates the other")
        for a in keys
        for b in keys
        if a != b and _abbreviates(a, b)
    ]


def _pairs(kind: str, government: str, labels: set[str], related, why: str) -> list[dict]:
    ordered = sorted(labels, key=lambda s: (len(s), s))
    return [
        _row(kind, government, a, government, b, why)
        for i, a in enumerate(ordered)
        for b in ordered[i + 1 :]
        if related(a, b)
    ]


def _row(kind, government, name, other_government, other, why) -> dict:
    return dict(zip(COLUMNS, (kind, government, name, other_government, other, why), strict=True))


def _abbreviates(short: str, full: str) -> bool:
    """Whether ``short``'s characters appear in ``full`` in order, ending alike (an abbreviation).

    >>> _abbreviates("县农机局", "县农业机械局"), _abbreviates("县财政局", "县交通局")
    (True, False)
    """
    if not (2 <= len(short) < len(full)) or short[-1] != full[-1]:
        return False
    rest = iter(full)
    return all(ch in rest for ch in short)


def _contains(short: str, long: str) -> bool:
    return len(short) >= 4 and short != long and short in long
