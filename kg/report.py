"""The whole corpus at a glance, in one file that reads offline: ``kg report --out report.html``.

A table of contents, counts, meetings per month (every month of the span, the empty ones too), the
most active units, attendance per person (a table that sorts when a heading is clicked), decisions
still waiting for their next step, and the networks of :mod:`kg.analytics`; every table that can mix
governments shows the government, and ``filters`` narrow it to some meetings. Charts are inline SVG
from :mod:`kg.charts` (why not matplotlib: see there), so the page fetches nothing; the Markdown
report carries the same charts as ``data:`` images.

:func:`report_data` gathers plain rows; the renderers in :data:`FORMATS` (by file suffix) only lay
them out: the HTML through the Jinja2 templates of :mod:`kg.sections` (``report.html``, autoescape on,
so every text that came from a document is escaped by the template engine), the Markdown with
:func:`kg.sections.md_escape`.
"""

from __future__ import annotations

import base64
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

from markupsafe import Markup

from kg import summary_queries as q
from kg.charts import bar_chart, column_chart
from kg.names import local_name
from kg.outputs import write_text
from kg.sections import Section, md_escape, md_table, templates
from kg.summaries import ROLES, per_month, select
from loaders.errors import KGError
from loaders.record import NOT_IN_ROOM

TITLE = "Minutes knowledge graph: report"

TOP = 15
"""Bars in a chart of units or persons."""

MEETINGS = q.query("""
SELECT DISTINCT ?meeting ?meeting_name ?government ?chair (COUNT(DISTINCT ?i) AS ?items)
       (COUNT(DISTINCT ?d) AS ?decisions) ?date ?source WHERE {
  ?meeting a mkg:Meeting .
  OPTIONAL { ?meeting mkg:body ?b . ?b rdfs:label ?government }
  OPTIONAL { ?meeting mkg:chair ?c . ?c rdfs:label ?chair }
  OPTIONAL { ?meeting mkg:hasItem ?i . OPTIONAL { ?i mkg:hasDecision ?d } }
  OPTIONAL { ?minutes_doc mkg:recordOf ?meeting ; mkg:sourceFile ?source }
  $meeting_context
} GROUP BY ?meeting ?meeting_name ?government ?chair ?date ?source""")

UNITS = q.query("""
SELECT ?unit ?name ?government (COUNT(DISTINCT ?presented) AS ?items_presented)
       (COUNT(DISTINCT ?directive) AS ?directives_addressed) (COUNT(DISTINCT ?meeting) AS ?meetings) WHERE {
  { ?presented mkg:presenter ?unit . ?meeting mkg:hasItem ?presented }
  UNION { ?directive mkg:addressee ?unit . ?i mkg:hasDirective ?directive . ?meeting mkg:hasItem ?i }
  ?unit rdfs:label ?name .
  OPTIONAL { ?meeting mkg:body ?b . ?b rdfs:label ?government }
} GROUP BY ?unit ?name ?government""")

ATTENDANCE = q.query("""
SELECT ?person ?name ?government ?role (COUNT(DISTINCT ?meeting) AS ?n) (MIN(?day) AS ?first)
       (MAX(?day) AS ?last) WHERE {
  ?a mkg:attendee ?person ; mkg:role ?role . ?meeting mkg:hasAttendance ?a . ?person rdfs:label ?name .
  OPTIONAL { ?meeting dcterms:date ?day } OPTIONAL { ?meeting mkg:body ?b . ?b rdfs:label ?government }
} GROUP BY ?person ?name ?government ?role""")

CHAIRS = q.query("""
SELECT ?person ?name ?government ("chair" AS ?role) (COUNT(DISTINCT ?meeting) AS ?n)
       (MIN(?day) AS ?first) (MAX(?day) AS ?last) WHERE {
  ?meeting mkg:chair ?person . ?person rdfs:label ?name . OPTIONAL { ?meeting dcterms:date ?day }
  OPTIONAL { ?meeting mkg:body ?b . ?b rdfs:label ?government }
} GROUP BY ?person ?name ?government""")
"""Attendance and chairs are asked apart: a UNION with a BIND in one branch is far slower here."""

PENDING = q.query("""
SELECT DISTINCT ?d ?government ?meeting_name ?item ?document ?document_status ?next_step
       ?date ?source ?quote ?_start ?_doc WHERE {
  ?d mkg:nextStep ?next_step . ?i mkg:hasDecision ?d . $item_context
  OPTIONAL { ?d mkg:aboutDocument ?_doc . ?_doc rdfs:label ?document }
  OPTIONAL { ?d mkg:documentStatus ?document_status }
  $decision_provenance $meeting_context
  OPTIONAL { ?meeting mkg:body ?b . ?b rdfs:label ?government }
}""")
"""Decisions that name a next step (提请县委审议, 印发 …); :data:`LAST_TAKEN_UP` leaves out those whose
document a later meeting took up."""

LAST_TAKEN_UP = q.query("""
SELECT ?doc (MAX(?day) AS ?last) WHERE {
  ?d mkg:aboutDocument ?doc . ?i mkg:hasDecision ?d . ?meeting mkg:hasItem ?i ; dcterms:date ?day .
} GROUP BY ?doc""")
"""The last day a meeting decided on each document: one pass, where a NOT EXISTS per decision
compared every decision on a document with every other (minutes on a thousand documents)."""

OUTCOMES = q.query("""
SELECT ?outcome (COUNT(DISTINCT ?d) AS ?n) WHERE { [] mkg:hasDecision ?d . ?d mkg:outcome ?outcome }
GROUP BY ?outcome""")


@dataclass
class ReportData:
    """What the report shows, as plain rows; ``charts`` are ``(title, rows, kind)``."""

    counts: dict
    sections: list[Section]
    charts: list[tuple[str, list[tuple[str, float]], str]] = field(default_factory=list)
    filters: list[str] = field(default_factory=list)


def report_data(store=None, *, filters=None, progress=None) -> ReportData:
    """Gather the report's rows from the store (a Store or its path).

    ``filters`` (:class:`kg.scope.Filters`) keep the meetings they let through; ``progress`` is called
    with the name of each part before it is gathered, so a command can say where a long report is.
    """
    from kg.analytics import NETWORK_PREDICATES, figures, network_sections
    from kg.pipeline import stats
    from kg.projection import store_graph
    from kg.scope import scoped

    step = progress or (lambda part: None)
    with scoped(store, filters) as st:
        step("counts")
        counts = stats(st)
        step("meetings")
        meetings = sorted(
            _public(select(st, MEETINGS)), key=lambda r: (r.get("date") or "", r.get("source") or "")
        )
        step("units")
        units = sorted(
            _public(select(st, UNITS)),
            key=lambda r: (-r["items_presented"] - r["directives_addressed"], r["name"]),
        )
        step("attendance")
        people = _attendance(select(st, ATTENDANCE) + select(st, CHAIRS))
        step("decisions waiting")
        last = {row["doc"]: row["last"] for row in select(st, LAST_TAKEN_UP)}
        waiting = [
            r for r in select(st, PENDING) if not r["_doc"] or last.get(r["_doc"], "") <= (r["date"] or "")
        ]
        pending = sorted(_public(waiting), key=lambda r: (r.get("date") or "", r.get("_start") or 0))
        outcomes = [(local_name(r["outcome"]), r["n"]) for r in select(st, OUTCOMES)]
        step("networks")
        found = figures(store_graph(st, NETWORK_PREDICATES))
    _add_network_figures(people, found["co_attendance"][1])
    sections = [
        Section("Meetings", meetings),
        Section("Most active units", units),
        Section("Attendance per person", people),
        Section("Decisions waiting for a next step", [_drop_private(r) for r in pending]),
        *network_sections(found, TOP),
    ]
    charts = [
        ("Meetings per month", per_month(meetings), "column"),
        ("Most active units (items presented + directives addressed)",
         [(u["name"], u["items_presented"] + u["directives_addressed"]) for u in units[:TOP]], "bar"),
        ("Meetings attended (in the room) per person",
         [(p["name"], p["in_room"]) for p in sorted(people, key=lambda p: -p["in_room"])[:TOP]], "bar"),
        ("Decisions by outcome", sorted(outcomes), "bar"),
        ("Next steps asked for", Counter(r["next_step"] for r in pending).most_common(TOP), "bar"),
    ]  # fmt: skip
    return ReportData(counts, sections, charts, filters.clauses() if filters else [])


def _public(rows: list[dict]) -> list[dict]:
    """Rows without the IRIs the queries group by (``meeting``, ``unit``, ``d``)."""
    return [
        {k: v for k, v in row.items() if k not in ("meeting", "unit", "d") and v is not None} for row in rows
    ]


def _drop_private(row: dict) -> dict:
    return {k: v for k, v in row.items() if not k.startswith("_")}


def _attendance(rows: list[dict]) -> list[dict]:
    """One row per person: meetings in each role, in the room, first and last seen."""
    people: dict[str, dict] = {}
    for row in rows:
        person = people.setdefault(
            row["person"], {"name": row["name"], "government": row["government"], **dict.fromkeys(ROLES, 0)}
        )
        person[local_name(row["role"])] = row["n"]
        for key, pick in (("first", min), ("last", max)):
            if row.get(key):
                person[key] = pick(filter(None, (person.get(key), row[key])))
        person["uri"] = row["person"]
    for person in people.values():
        person["in_room"] = sum(person[r] for r in ROLES if r != "chair" and r not in NOT_IN_ROOM)
        person["in_room"] = max(person["in_room"], person["chair"])
    return sorted(people.values(), key=lambda p: (-p["in_room"], p["name"]))


def _add_network_figures(people: list[dict], rows: list[dict]) -> None:
    """Each person's PageRank and community in the co-attendance network, beside their counts."""
    by_uri = {r["uri"]: r for r in rows}
    for person in people:
        uri = person.pop("uri")
        if uri in by_uri:
            person["pagerank"] = by_uri[uri]["pagerank"]
            person["community"] = by_uri[uri]["community"]


# ---------------------------------------------------------------- rendering


def _chart(title: str, rows, kind: str) -> str:
    return (column_chart if kind == "column" else bar_chart)(rows, title=title)


def contents(data: ReportData) -> list[str]:
    """The headings of the report, in order: what its table of contents lists."""
    return ["Counts", "Charts", *(s.title for s in data.sections)]


def render_html(data: ReportData) -> str:
    """The report as one page (``kg/templates/report.html``): every text escaped by the template; the
    charts are SVG that the same engine wrote (``chart.svg``), so they go in as they are."""
    return (
        templates()
        .get_template("report.html")
        .render(
            title=TITLE,
            filters=data.filters,
            contents=contents(data),
            counts=data.counts,
            charts=[Markup(_chart(*c)) for c in data.charts if c[1]],
            sections=data.sections,
        )
    )


def _anchor(title: str) -> str:
    """The anchor GitHub and most Markdown viewers give a heading: lower case, punctuation out,
    spaces as hyphens.

    >>> _anchor("co_attendance network (12 nodes, 30 edges)")
    'co_attendance-network-12-nodes-30-edges'
    """
    kept = "".join(c for c in title.lower() if c.isalnum() or c in " _-")
    return kept.replace(" ", "-")


def render_md(data: ReportData) -> str:
    lines = [f"# {TITLE}", ""]
    lines += [f"Filters: {md_escape(', '.join(data.filters))}", ""] if data.filters else []
    lines += ["Contents:", ""] + [f"- [{t}](#{_anchor(t)})" for t in contents(data)] + [""]
    counts = Section("Counts", [{"what": k, "count": v} for k, v in data.counts.items()])
    lines += ["## Counts", "", *md_table(counts)]
    lines += ["", "## Charts", ""]
    for title, rows, kind in data.charts:
        if rows:
            svg = base64.b64encode(_chart(title, rows, kind).encode("utf-8")).decode("ascii")
            lines += [f"![{title}](data:image/svg+xml;base64,{svg})", ""]
    for section in data.sections:
        lines += [f"## {md_escape(section.title)}", "", *md_table(section), ""]
    return "\n".join(lines).rstrip("\n")


FORMATS = {".html": render_html, ".htm": render_html, ".md": render_md}
"""Report layouts by the suffix of the file asked for."""


def report(store=None, out: str | Path = "report.html", *, filters=None, progress=None) -> str:
    """Write the report of the store to ``out`` (``.html`` or ``.md``); returns the path.

    ``filters`` and ``progress`` are those of :func:`report_data`.
    """
    path = Path(out)
    renderer = FORMATS.get(path.suffix.lower())
    if renderer is None:
        raise KGError(
            f"{path}: a report is written as {', '.join(sorted(FORMATS))}; choose one of those suffixes"
        )
    if not path.parent.is_dir():
        raise KGError(f"{path}: the folder {path.parent} does not exist")
    text = renderer(report_data(store, filters=filters, progress=progress))
    return str(write_text(path, text + "\n"))
