"""The routes of ``kg serve``: each reads the request, asks :mod:`kg.explore` (or the saved
questions, the report) for plain data and renders a template; none writes to the store.

A library error (a bad query, an unknown IRI, a missing source file) becomes a page with one line
saying what is wrong, with the status that fits (400 for the query, 404 for what is not there).
"""

from __future__ import annotations

from urllib.parse import quote

from flask import Response, current_app, jsonify, render_template, request

from kg import explore, readonly
from kg.sections import answer, render
from loaders.errors import KGError
from ontology import ID

REPORT_CSP = "default-src 'none'; script-src 'unsafe-inline'; style-src 'unsafe-inline'; img-src data:"
"""The report is the page ``kg report`` writes, with its own inline sorting script and style."""

STATUS = {
    explore.NotFoundError: 404,
    explore.SourceMissing: 404,
    explore.ReadOnlyError: 403,
    readonly.UnsafeQuery: 403,
}
"""The HTTP status of a library error (any other is the user's request: 400)."""

MINI_GRAPH = 100
"""The most neighbours an entity page draws; the graph view (``/graph``) draws them all."""

DOWNLOADS = {"csv": "text/csv; charset=utf-8", "json": "application/json; charset=utf-8"}


def entity_url(iri: str) -> str | None:
    """The explorer's URL of a node, or None for an IRI outside the id namespace (vocabulary).

    >>> entity_url("https://w3id.org/minutes-kg/id/县/person/张%40三")
    '/id/%E5%8E%BF/person/%E5%BC%A0%2540%E4%B8%89'
    """
    if not isinstance(iri, str) or not iri.startswith(str(ID)):
        return None
    return "/id/" + quote(iri.removeprefix(str(ID)), safe="/")


def register(app) -> None:
    """Add every route to ``app``."""
    for rule, view in ROUTES:
        app.add_url_rule(rule, view.__name__, view, methods=["GET", "POST"] if view is save_view else ["GET"])
    app.register_error_handler(KGError, _error)


def _store():
    return current_app.config["KG_STORE"]


def _filters() -> dict:
    return {k: request.args.get(k, "").strip() for k in explore.FILTERS if request.args.get(k, "").strip()}


def _error(error: KGError):
    status = next((s for cls, s in STATUS.items() if isinstance(error, cls)), 400)
    if request.path.startswith("/api/"):
        return jsonify({"error": str(error)}), status
    return render_template("error.html", message=str(error)), status


# ---------------------------------------------------------------- search, lists, pages


def home():
    text, kind, government = (request.args.get(k, "").strip() for k in ("q", "kind", "government"))
    contains = bool(request.args.get("contains"))
    st = _store()
    hits = explore.search(st, text, kind or None, government or None, contains) if text else []
    return render_template(
        "search.html",
        q=text,
        contains=contains,
        kind=kind,
        government=government,
        hits=hits,
        kinds=explore.SEARCH_KINDS,
        governments=sorted(set(explore.governments(st).values())),
    )


def meetings():
    filters = _filters()
    found = explore.meetings(_store(), filters)
    governments = sorted(set(explore.governments(_store()).values()))
    return render_template("meetings.html", rows=found, filters=filters, governments=governments)


def entity(tail: str):
    iri = str(ID) + tail
    filters = _filters()
    page = explore.entity(
        _store(), iri, filters, limit=None if request.args.get("all") else explore.SECTION_ROWS
    )
    graph = explore.neighbours(_store(), iri, limit=MINI_GRAPH)
    return render_template("entity.html", page=page, filters=filters, graph=graph, styles=_styles())


def source(file: str):
    found = explore.source(_store(), file, current_app.config["KG_SOURCES"])
    start, end = request.args.get("start", type=int), request.args.get("end", type=int)
    marked = [{**s, "focus": s["start"] == start and s["end"] == end} for s in found["spans"]]
    pieces = explore.pieces(found["text"], marked)
    for piece in pieces:
        piece["focus"] = any(marked[n]["focus"] for n in piece["spans"])
        piece["types"] = sorted({marked[n]["type"] for n in piece["spans"]})
        piece["iris"] = [marked[n]["iri"] for n in piece["spans"]]
    first = next((n for n, p in enumerate(pieces) if p["focus"]), None)
    return render_template("source.html", doc=found, pieces=pieces, first=first)


# ---------------------------------------------------------------- the graph


def graph():
    focus = request.args.get("focus", "").strip()
    start = explore.neighbours(_store(), focus) if focus else {"nodes": [], "edges": []}
    return render_template("graph.html", focus=focus, start=start, styles=_styles())


def api_neighbours():
    return jsonify(explore.neighbours(_store(), request.args.get("iri", "")))


def api_node():
    from flask import url_for

    page = explore.entity(_store(), request.args.get("iri", ""), full=False)
    facts = next(s for s in page.sections if s.title.startswith("Facts")).rows
    return jsonify(
        {
            "iri": page.iri,
            "type": page.type,
            "label": page.label,
            "aliases": page.aliases,
            "government": page.government,
            "url": entity_url(page.iri),
            "graph": url_for("graph", focus=page.iri),
            "facts": [[r["relation"], str(r["value"])] for r in facts],
        }
    )


def save_view():
    from visualizations.pages import render_page

    ids = [i for i in request.form.getlist("id") if i.startswith(str(ID))]
    title = request.form.get("title", "minutes-kg")
    html = render_page(explore.subgraph(_store(), ids), title=title, max_nodes=max(len(ids), 1))
    headers = {"Content-Disposition": 'attachment; filename="kg-view.html"'}
    return Response(html, mimetype="text/html", headers=headers)


def _styles() -> dict:
    from visualizations.styles import STYLES, style_for

    types = set(STYLES) | set(explore.TYPES)
    return {
        t: {"color": style_for(t).color, "shape": style_for(t).shape, "name": explore.TYPES.get(t, t)}
        for t in types
    }


# ---------------------------------------------------------------- queries and the report


def sparql():
    text = request.args.get("query", "").strip()
    table = explore.read_only_sparql(_store(), text) if text else None
    return _answer("sparql.html", table, query=text)


def cypher():
    conn = current_app.config["KG_NEO4J"]
    text = request.args.get("query", "").strip()
    if conn is None:
        return render_template("cypher.html", query=text, table=None, configured=False)
    table = explore.read_only_cypher(text, conn) if text else None
    return _answer("cypher.html", table, query=text, configured=True)


def questions():
    from kg.questions import questions as saved

    return render_template("questions.html", questions=saved().values())


def question(name: str):
    from kg.questions import ask
    from kg.questions import question as saved

    q = saved(name)
    params = {p: request.args[p] for p in q.params if request.args.get(p)}
    asked = request.args.get("ask") is not None
    table = ask(name, "sparql", params, _store()) if asked else None
    return _answer("question.html", table, q=q, params=params)


def report():
    from kg.report import render_html, report_data

    response = Response(render_html(report_data(_store())), mimetype="text/html")
    response.headers["Content-Security-Policy"] = REPORT_CSP
    return response


def _answer(template: str, table, **context):
    """The page of an answer, or the answer as a CSV or JSON download (``?format=csv``)."""
    fmt = request.args.get("format")
    if table is not None and fmt in DOWNLOADS:
        headers = {"Content-Disposition": f'attachment; filename="answer.{fmt}"'}
        return Response(render(answer(table), fmt), mimetype=DOWNLOADS[fmt], headers=headers)
    return render_template(template, table=table, **context)


ROUTES = [
    ("/", home),
    ("/meetings", meetings),
    ("/id/<path:tail>", entity),
    ("/source/<path:file>", source),
    ("/graph", graph),
    ("/graph/save", save_view),
    ("/api/neighbours", api_neighbours),
    ("/api/node", api_node),
    ("/sparql", sparql),
    ("/cypher", cypher),
    ("/questions", questions),
    ("/questions/<name>", question),
    ("/report", report),
]
