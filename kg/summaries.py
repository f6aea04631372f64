"""What the minutes say about one person, unit, meeting, project or document, each row with its source.

A summary is plain data: a heading and named sections of rows (dicts). Rows come from SPARQL run
through the store's parameterised query (the name the user typed is matched in Python against the
labels the store holds, and only the matched IRI goes into a query), and every row carries the
columns ``date``, ``source`` and ``quote``: the meeting's date, the file of minutes, and the
sentence the fact was read from, so a reader can check it. The network figures (degree, PageRank,
community) come from :mod:`kg.analytics`.

Kinds register in :data:`KINDS`; ``project`` also finds documents (《》 titles), whose timeline is
the same question. A name that matches nothing raises :class:`NotFoundError` with the nearest
known names.

>>> nearest("县发改", ["县发改局", "县财政局", "石浦镇"])
['县发改局']
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import PurePath

from rdflib import URIRef

from kg import summary_queries as q
from kg.names import local_name, nearest
from kg.scope import Filters, scoped
from kg.sections import Section, Tables
from kg.terms import records
from loaders.errors import KGError
from loaders.record import NOT_IN_ROOM
from loaders.record import ROLES as RECORD_ROLES

QUOTE_LIMIT = 120
"""Quotes longer than this (an item's whole text) are cut to their first sentence."""

SENTENCE_END = re.compile(r"[。；！？]|\n")


class NotFoundError(KGError):
    """No person, unit, meeting, project or document of that name is in the store."""


def summary(kind: str, name: str, store=None, *, filters: Filters | None = None) -> Tables:
    """The summary of the ``kind`` (person, unit, meeting, project, document) named ``name``.

    ``store`` is a :class:`kg.store.Store` or its path (default: ``$KG_STORE``, else ``.kg/store``).
    ``meta`` holds the kind, the name and the IRIs the name matched (a name may match one node per
    government). ``filters`` (:class:`kg.scope.Filters`) keep only the meetings they let through.
    """
    entry = KINDS.get(kind)
    if entry is None:
        raise KGError(f"unknown kind of summary {kind!r}; known: {', '.join(KINDS)}")
    with scoped(store, filters) as st:
        uris = resolve(st, entry.finder, name, kind)
        sections = [Section(title, build(st, uris)) for title, build in entry.sections]
    return Tables(f"{kind.capitalize()}: {name}", sections, {"kind": kind, "name": name, "uris": uris})


# ---------------------------------------------------------------- finding the thing by name


def resolve(store, finder: str, name: str, kind: str) -> list[str]:
    """The IRIs whose label (or alias, or file name) is ``name``; NotFoundError with suggestions if none."""
    labels: dict[str, set[str]] = {}
    for row in select(store, finder):
        labels.setdefault(row["name"], set()).add(row["node"])
        stem = PurePath(row["name"]).stem
        if stem != row["name"]:
            labels.setdefault(stem, set()).add(row["node"])
    if name in labels:
        return sorted(labels[name])
    suggestions = nearest(name, labels)
    hint = f"; did you mean {', '.join(suggestions)}?" if suggestions else "; the store holds none"
    raise NotFoundError(f"no {kind} named {name!r} in the store{hint}")


# ---------------------------------------------------------------- running the queries


def select(store, sparql: str, **params: str) -> list[dict]:
    """Rows of plain values (str, int, None) for a SELECT; ``params`` are IRIs bound, never formatted in."""
    return records(store.query(sparql, {k: URIRef(v) for k, v in params.items()}))


def _rows(sparql: str, *, order: Callable | None = None, post: Callable | None = None):
    """A section builder running ``sparql`` once per IRI the name resolved to (bound as ``?target``)."""

    def build(store, uris: list[str]) -> list[dict]:
        rows = [row for uri in uris for row in select(store, sparql, target=uri)]
        rows = [{k: _local(k, v) for k, v in row.items() if v is not None and k != "target"} for row in rows]
        if order:
            rows.sort(key=order)
        return (post or _drop_private)(rows)

    return build


def _local(key: str, value):
    """Roles, kinds and outcomes are vocabulary IRIs; a row shows their local name (``present``).
    A quote is the sentence a fact came from; an item's span is its whole text, so it is cut to its
    first sentence or line."""
    if key in ("role", "kind", "outcome") and isinstance(value, str) and "/" in value:
        return local_name(value)
    if key == "quote" and isinstance(value, str):
        return first_sentence(value)
    return value


def first_sentence(text: str, limit: int = QUOTE_LIMIT) -> str:
    """``text`` up to the end of its first sentence or line, when it is longer than ``limit``.

    >>> first_sentence("四、听取汇报。会议指出，甲。会议强调，乙。", limit=10)
    '四、听取汇报。'
    >>> first_sentence("会议原则同意，提请审议。")
    '会议原则同意，提请审议。'
    """
    if len(text) <= limit:
        return text
    found = SENTENCE_END.search(text)
    return text[: found.end()].strip() if found else text


def _by_date(row: dict):
    return (row.get("date", ""), row.get("source", ""), row.get("item", 0), row.get("_start", 0))


def _by_count(key: str):
    return lambda row: (-row.get(key, 0), row.get("person") or row.get("unit") or "")


ROLES = ("chair", *sorted(RECORD_ROLES, key=lambda r: r in NOT_IN_ROOM))
"""The roles a row shows, in this order: the chair, those in the room, those listed but away."""
ROLE_ORDER = {r: n for n, r in enumerate(ROLES)}


def _by_role(row: dict):
    return (row.get("date", ""), ROLE_ORDER.get(row["role"], len(ROLES)), row.get("_start", 0))


def _drop_private(rows: list[dict]) -> list[dict]:
    """Drop the columns used only to sort (``_start``)."""
    return [{k: v for k, v in row.items() if not k.startswith("_")} for row in rows]


def _seen(store, uris: list[str]) -> list[dict]:
    """First and last meeting a person was listed at, each with its row's citation."""
    dated = [r for r in _rows(q.PERSON_MEETINGS, order=_by_date)(store, uris) if r.get("date")]
    if not dated:
        return []
    return [{"seen": "first", **dated[0]}, {"seen": "last", **dated[-1]}]


def _rooms(store, uris: list[str]) -> list[dict]:
    """The meetings the person was in the room at: ``meeting``, ``day`` and ``file``."""
    return [room for uri in uris for room in select(store, q.PERSON_ROOMS, target=uri)]


def _co_attendees(store, uris: list[str]) -> list[dict]:
    """The people in the room with the person most often, with the meetings' dates and files.

    Counted here from one small query per meeting: one query over every pair of attendees of
    every meeting is much slower in the store.
    """
    shared: dict[str, _Tally] = {}
    for room in _rooms(store, uris):
        for row in select(store, q.ROOM, target=room["meeting"]):
            if row["person"] not in uris:
                shared.setdefault(row["person"], _Tally(row["name"])).add(room["meeting"], room)
    rows = [tally.row("person", "meetings_shared") for tally in shared.values()]
    return sorted(rows, key=_by_count("meetings_shared"))


def _units_with(store, uris: list[str]) -> list[dict]:
    """Units that presented items at the person's meetings, and units the person was listed with."""
    units: dict[tuple[str, str], _Tally] = {}
    for room in _rooms(store, uris):
        for row in select(store, q.MEETING_PRESENTERS, target=room["meeting"]):
            key = (row["unit"], "presented at their meeting")
            units.setdefault(key, _Tally(*key)).add(row["i"], room)
    for uri in uris:
        for row in select(store, q.PERSON_MEMBERSHIPS, target=uri):
            key = (row["unit"], "listed with")
            units.setdefault(key, _Tally(*key)).add(row["file"], row)
    rows = [tally.row("unit", "count") for tally in units.values()]
    return sorted(rows, key=_by_count("count"))


@dataclass
class _Tally:
    """Counts distinct things seen with a name, and the dates and files they were seen in."""

    name: str
    how: str | None = None
    things: set = field(default_factory=set)
    days: set = field(default_factory=set)
    files: set = field(default_factory=set)

    def add(self, thing, where: dict) -> None:
        self.things.add(thing)
        self.days.add(where.get("day") or "")
        self.files.add(where.get("file") or "")

    def row(self, name_key: str, count_key: str) -> dict:
        """The name, how many, and the first and last day: a count, not a list of every date and file
        (the files are cited row by row in the sections of facts)."""
        how = {"how": self.how} if self.how else {}
        days = sorted(filter(None, self.days))
        span = {"first": days[0], "last": days[-1]} if days else {}
        return {name_key: self.name, **how, count_key: len(self.things), **span}


def _network(name: str):
    """A section builder: the node's figures in one network of :mod:`kg.analytics`."""

    def build(store, uris: list[str]) -> list[dict]:
        from kg.analytics import NETWORK_PREDICATES, NETWORKS, centrality
        from kg.projection import store_graph

        rows = centrality(NETWORKS[name](store_graph(store, NETWORK_PREDICATES)))
        mine = (r for r in rows if r["uri"] in uris)
        return [{"network": name, **{k: v for k, v in r.items() if k != "uri"}} for r in mine]

    return build


def _status_changes(rows: list[dict]) -> list[dict]:
    """Mark each row whose document status differs from the last status seen before it."""
    last = None
    for row in rows:
        status = row.get("document_status")
        if status and status != last:
            row["status_change"] = f"{last} → {status}" if last else f"first seen as {status}"
            last = status
    return _drop_private(rows)


# ---------------------------------------------------------------- the registry of kinds


@dataclass(frozen=True)
class Kind:
    """A kind of summary: the query that finds names, and its sections as (title, builder)."""

    finder: str
    sections: tuple


def _profile(store, uris: list[str]) -> list[dict]:
    """The head of a person's summary, one ``what``/``value`` row each: the government, the posts
    held (with the first and last day a meeting named them so), first and last meeting, and how
    many meetings in each role."""
    rows = []
    profile = sorted((r for uri in uris for r in select(store, q.PERSON_PROFILE, target=uri)), key=str)
    for row in profile:
        rows.append({"what": "government", "value": row.get("government") or "", "first": row.get("first"),
                     "last": row.get("last")})  # fmt: skip
    for row in sorted((r for uri in uris for r in select(store, q.PERSON_POSTS, target=uri)), key=str):
        rows.append({"what": "post", "value": row["post"], "first": row["from"], "last": row["to"]})
    roles = Counter()
    for row in (r for uri in uris for r in select(store, q.PERSON_ROLES, target=uri)):
        roles[_local("role", row["role"])] += row["n"]
    rows += [{"what": f"meetings as {role}", "value": roles[role]} for role in ROLES if roles[role]]
    rows.append({"what": "meetings in all", "value": sum(r["meetings"] for r in profile)})
    return rows


def _per_month(store, uris: list[str]) -> list[dict]:
    """The person's meetings per month, every month of their span shown (a gap is news too)."""
    days = [r for uri in uris for r in select(store, q.PERSON_DAYS, target=uri)]
    return [{"month": month, "meetings": n} for month, n in per_month(days)]


def per_month(rows: list[dict]) -> list[tuple[str, int]]:
    """Rows counted by the month of their ``date``, every month from the first to the last shown
    (an empty month is a gap a reader should see); undated rows last.

    >>> per_month([{"date": "2024-11-05"}, {"date": "2025-02-01"}, {}])
    [('2024-11', 1), ('2024-12', 0), ('2025-01', 0), ('2025-02', 1), ('undated', 1)]
    """
    counts = Counter((r.get("date") or "undated")[:7] for r in rows)
    undated = counts.pop("undated", 0)
    months = []
    if counts:
        (y, m), last = map(int, min(counts).split("-")), max(counts)
        while f"{y:04d}-{m:02d}" <= last:
            months.append(f"{y:04d}-{m:02d}")
            y, m = (y + 1, 1) if m == 12 else (y, m + 1)
    return [(month, counts.get(month, 0)) for month in months] + ([("undated", undated)] if undated else [])


TIMELINE = (("Timeline across meetings", _rows(q.TIMELINE, order=_by_date, post=_status_changes)),)

KINDS = {
    "person": Kind(
        q.find("Person"),
        (
            ("Profile", _profile),
            ("Meetings per month", _per_month),
            ("Meetings by role", _rows(q.PERSON_MEETINGS, order=_by_role)),
            ("Items chaired", _rows(q.PERSON_ITEMS_CHAIRED, order=_by_date)),
            ("Seen most often with", _co_attendees),
            ("Units they appear with", _units_with),
            ("First and last seen", _seen),
            ("Place in the co-attendance network", _network("co_attendance")),
        ),
    ),
    "unit": Kind(
        q.find("Organization"),
        (
            ("Names", _rows(q.UNIT_ALIASES)),
            ("Items it reported on", _rows(q.UNIT_ITEMS, order=_by_date)),
            ("Decisions on what it submitted", _rows(q.UNIT_DECISIONS, order=_by_date)),
            ("Directives addressed to it", _rows(q.UNIT_DIRECTIVES, order=_by_date)),
            ("Documents it submitted", _rows(q.UNIT_DOCUMENTS, order=_by_date)),
            ("Its meetings", _rows(q.UNIT_MEETINGS, order=_by_date)),
            ("Place in the unit–item network", _network("unit_item")),
        ),
    ),
    "meeting": Kind(
        q.FIND_MEETING,
        (
            ("Meeting", _rows(q.MEETING_OVERVIEW)),
            ("Attendance by role", _rows(q.MEETING_ATTENDANCE, order=_by_role)),
            ("Items", _rows(q.MEETING_ITEMS, order=_by_date)),
            ("Decisions", _rows(q.MEETING_DECISIONS, order=_by_date)),
            ("Directives", _rows(q.MEETING_DIRECTIVES, order=_by_date)),
        ),
    ),
    "project": Kind(q.find("Project", "Document"), TIMELINE),
    "document": Kind(q.find("Document"), TIMELINE),
}
"""The kinds of summary ``kg summary KIND NAME`` knows; ``project`` finds documents too."""
