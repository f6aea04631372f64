"""The graph in the files other tools read: RDF for triple stores, GraphML/GEXF for Gephi, CSV for Neo4j.

One registry of formats, each a name, a default file name and a writer. RDF formats serialise the
store's quads with pyoxigraph (TriG, N-Quads and JSON-LD keep the named graph of each source
document; Turtle and N-Triples hold the union, each triple once). Graph formats take the one projection
(:mod:`kg.projection`), so Gephi shows the nodes and edges Neo4j holds:

- GraphML and GEXF hold only scalar attributes: a list becomes its items joined by ``;`` and each
  attribute takes one type over the whole file (numbers stay numbers where every value is one).
  GEXF reserves ``start``/``end`` (time spans) and the edge's ``type`` (directed or not), so there
  the offsets are ``start_offset``/``end_offset`` and the relation is ``relation``. GEXF's ``start``
  is the day a node or edge enters the record (:func:`first_days`), so Gephi's timeline plays the
  meetings in order.
- CSV is the header format of ``neo4j-admin database import full``: ``nodes.csv`` with ``uri:ID``
  and ``:LABEL``, ``relationships.csv`` with ``:START_ID``, ``:END_ID`` and ``:TYPE``; arrays are
  ``;``-separated with a ``:string[]`` header. It is two files, so it needs a directory. Quotes span
  lines: import with ``--multiline-fields=true``.
- JSON is the property graph as ``{"nodes": [...], "edges": [...]}``.
- tables is a CSV per table of the record (meetings, attendance, items, decisions, directives,
  documents: :mod:`kg.tabular`), each row with its meeting, date and government, for pandas.

>>> sorted(FORMATS)
['csv', 'gexf', 'graphml', 'json', 'jsonld', 'nq', 'nt', 'tables', 'trig', 'ttl']
"""

from __future__ import annotations

import csv
import io
import json
import sys
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import BinaryIO

import networkx as nx

from kg.outputs import replacing, write_text
from kg.tabular import write_tables
from loaders.errors import KGError

SEPARATOR = ";"
"""Joins list values in GraphML, GEXF and the arrays of neo4j-admin CSV (its default array delimiter)."""

GEXF_RENAMES = {"start": "start_offset", "end": "end_offset"}
GEXF_EDGE_RENAMES = GEXF_RENAMES | {"type": "relation"}


class ExportError(KGError):
    """An export cannot be written where or how it was asked for."""


@dataclass(frozen=True)
class Format:
    """An export format: ``name``, the file name used inside a directory, and what writes it."""

    name: str
    filename: str
    write: Callable
    source: str  # "quads" (the store as RDF) or "graph" (the projection)
    description: str


def export(format: str, out="-", store=None, *, filters=None) -> list[str]:
    """Write the graph of the store (a Store or its path) as ``format`` to ``out``; return paths written.

    ``out`` is a file, a directory (the format's file name inside it), ``-`` for stdout, or an open
    binary stream; ``csv`` writes two files and needs a directory. ``filters`` (:class:`kg.scope.Filters`)
    keep only the documents of the meetings they let through.
    """
    from kg.scope import scoped

    fmt = FORMATS.get(format)
    if fmt is None:
        raise ExportError(f"unknown export format {format!r}; known: {', '.join(sorted(FORMATS))}")
    if not fmt.filename:
        directory = _directory(fmt, out)
        with scoped(store, filters) as st:
            return fmt.write(_projection(st), directory)
    path = _file(fmt, out)
    with scoped(store, filters) as st:
        data = st.quads() if fmt.source == "quads" else _projection(st)
        if path is None:
            stream = sys.stdout.buffer if out == "-" else out
            fmt.write(data, stream)
            stream.flush()
            return []
        with replacing(path) as stream:
            fmt.write(data, stream)
    return [str(path)]


def _file(fmt: Format, out) -> Path | None:
    """The file to write, or None for stdout or a stream given."""
    if out == "-" or not isinstance(out, str | Path):
        return None
    path = Path(out)
    if path.is_dir():
        path = path / fmt.filename
    if not path.parent.is_dir():
        raise ExportError(f"{path}: the folder {path.parent} does not exist")
    return path


def _projection(store):
    from kg.projection import project

    return project(store.quads())


def _directory(fmt: Format, out) -> Path:
    if not isinstance(out, str | Path) or str(out) == "-":
        raise ExportError(f"{fmt.name} writes several files ({fmt.description}): give --out a directory")
    path = Path(out)
    if path.exists() and not path.is_dir():
        raise ExportError(f"{path}: csv writes two files; give a directory, not a file")
    path.mkdir(parents=True, exist_ok=True)
    return path


# ---------------------------------------------------------------- RDF


def _rdf_writer(name: str, union: bool):
    """A writer of the store's quads in pyoxigraph's format ``name``; ``union`` drops graph names."""

    def write(quads: Iterable, stream: BinaryIO) -> None:
        import pyoxigraph

        rows = quads
        if union:  # the same triple in two documents is one triple
            rows = dict.fromkeys(pyoxigraph.Triple(q.subject, q.predicate, q.object) for q in quads)
        pyoxigraph.serialize(rows, stream, getattr(pyoxigraph.RdfFormat, name), prefixes=PREFIXES)

    return write


PREFIXES = {
    "mkg": "https://w3id.org/minutes-kg/ns#",
    "rdfs": "http://www.w3.org/2000/01/rdf-schema#",
    "xsd": "http://www.w3.org/2001/XMLSchema#",
    "dcterms": "http://purl.org/dc/terms/",
    "prov": "http://www.w3.org/ns/prov#",
    "skos": "http://www.w3.org/2004/02/skos/core#",
}
"""Prefixes of the vocabularies; instance IRIs stay written in full (as prefixed names their ``/`` and
``%`` would need backslashes)."""


# ---------------------------------------------------------------- graphs


def scalar_graph(pg, *, node_renames=None, edge_renames=None) -> nx.MultiDiGraph:
    """The projection as a networkx graph whose attributes are scalars of one type per name.

    >>> from kg.projection import Edge, Node, PropertyGraph
    >>> pg = PropertyGraph({"a": Node("a", "Person", ["Person"], {"uri": "a", "name": ["甲", "乙"]})}, [])
    >>> scalar_graph(pg).nodes["a"]["name"]
    '甲;乙'
    """
    from kg.projection import to_networkx

    graph = to_networkx(pg)
    out = nx.MultiDiGraph()
    nodes = {n: _renamed(d, node_renames) for n, d in graph.nodes(data=True)}
    edges = [(u, v, k, _renamed(d, edge_renames)) for u, v, k, d in graph.edges(keys=True, data=True)]
    node_types, edge_types = _types(nodes.values()), _types(d for *_, d in edges)
    for node, data in nodes.items():
        out.add_node(node, **_scalars(data, node_types))
    for n, (u, v, _, data) in enumerate(edges):
        out.add_edge(u, v, key=f"e{n}", **_scalars(data, edge_types))
    return out


def _renamed(data: dict, renames: dict | None) -> dict:
    return {(renames or {}).get(k, k): v for k, v in data.items() if v is not None}


def _types(rows: Iterable[dict]) -> dict[str, type]:
    """Per attribute name: ``int``/``float``/``bool`` where every value is one, else ``str``."""
    seen: dict[str, set[type]] = {}
    for row in rows:
        for key, value in row.items():
            seen.setdefault(key, set()).add(type(value))
    return {
        key: next(iter(kinds)) if len(kinds) == 1 and kinds <= {int, float, bool} else str
        for key, kinds in seen.items()
    }


def _scalars(data: dict, types: dict[str, type]) -> dict:
    return {k: types[k](v) if types[k] is not str else _text(v) for k, v in data.items()}


def _text(value) -> str:
    if isinstance(value, list | tuple | set):
        return SEPARATOR.join(_text(v) for v in value)
    return str(value)


def _graphml(pg, stream: BinaryIO) -> None:
    nx.write_graphml(scalar_graph(pg), stream, encoding="utf-8", named_key_ids=True)


def _gexf(pg, stream: BinaryIO) -> None:
    graph = scalar_graph(pg, node_renames=GEXF_RENAMES, edge_renames=GEXF_EDGE_RENAMES)
    days = first_days(graph)
    for node, data in graph.nodes(data=True):
        if node in days:
            data["start"] = days[node]
    for u, v, key, data in graph.edges(keys=True, data=True):
        data["id"] = key
        if u in days and v in days:
            data["start"] = max(days[u], days[v])
    nx.write_gexf(graph, stream, encoding="utf-8")


SHARED_TYPES = frozenset({"Person", "Organization", "Document", "Project", "Post"})
"""Things several meetings share: they appear on Gephi's timeline with the first meeting that names them."""


def first_days(graph: nx.MultiDiGraph) -> dict:
    """The day each node enters the record, for Gephi's timeline (GEXF ``start``): a meeting's date;
    what a meeting holds (items, decisions, directives, stages, its source) the date of its meeting;
    a person, unit, document, project or post the first date of the things it is tied to.

    >>> g = nx.MultiDiGraph()
    >>> g.add_node("m1", type="Meeting", date="2024-03-01")
    >>> g.add_node("m2", type="Meeting", date="2024-01-05")
    >>> g.add_node("i", type="AgendaItem"); g.add_node("p", type="Person")
    >>> _ = g.add_edges_from([("m1", "i"), ("p", "m1"), ("p", "m2")])
    >>> sorted(first_days(g).items())
    [('i', '2024-03-01'), ('m1', '2024-03-01'), ('m2', '2024-01-05'), ('p', '2024-01-05')]
    """
    days = {
        n: str(d["date"]) for n, d in graph.nodes(data=True) if d.get("type") == "Meeting" and d.get("date")
    }
    frontier = list(days)
    while frontier:  # down from each meeting to what it holds, and up to its source
        node = frontier.pop()
        for nxt in [*graph.successors(node), *graph.predecessors(node)]:
            if nxt not in days and graph.nodes[nxt].get("type") not in SHARED_TYPES | {"Meeting"}:
                days[nxt] = days[node]
                frontier.append(nxt)
    for node, data in graph.nodes(data=True):
        if data.get("type") in SHARED_TYPES:
            seen = [days[n] for n in (*graph.successors(node), *graph.predecessors(node)) if n in days]
            if seen:
                days[node] = min(seen)
    return days


def _json(pg, stream: BinaryIO) -> None:
    data = {
        "nodes": [
            {"uri": n.uri, "label": n.label, "labels": n.labels, "props": n.props} for n in pg.nodes.values()
        ],
        "edges": [
            {"source": e.source, "target": e.target, "type": e.type, "props": e.props} for e in pg.edges
        ],
    }
    stream.write(json.dumps(data, ensure_ascii=False, indent=1, default=str).encode("utf-8"))


# ---------------------------------------------------------------- neo4j-admin CSV

NEO4J_TYPES = {int: "long", float: "double", bool: "boolean", str: "string"}


def _csv(pg, directory: Path) -> list[str]:
    nodes = [{"uri": n.uri, ":LABEL": SEPARATOR.join(n.labels), **_props(n.props)} for n in pg.nodes.values()]
    edges = [{":START_ID": e.source, ":END_ID": e.target, ":TYPE": e.type, **e.props} for e in pg.edges]
    written = []
    for name, rows, fixed in (
        ("nodes.csv", nodes, {"uri": "uri:ID"}),
        ("relationships.csv", edges, {}),
    ):
        path = directory / name
        write_text(path, _csv_text(rows, fixed))
        written.append(str(path))
    return written


def _props(props: dict) -> dict:
    """Properties beside the fixed columns; a node's ``uri`` is its ``uri:ID`` column already."""
    return {k: v for k, v in props.items() if v is not None and k != "uri"}


def _csv_text(rows: list[dict], fixed: dict[str, str]) -> str:
    """The rows under a neo4j-admin header: ``name:type`` per column, ``name:string[]`` for lists."""
    columns = list(dict.fromkeys(k for row in rows for k in row))
    header = [fixed.get(c) or (c if c.startswith(":") else _typed(c, rows)) for c in columns]
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(header)
    for row in rows:
        writer.writerow(["" if row.get(c) is None else _text(row[c]) for c in columns])
    return buffer.getvalue()


def _typed(column: str, rows: list[dict]) -> str:
    values = [row[column] for row in rows if row.get(column) is not None]
    if any(isinstance(v, list) for v in values):
        return f"{column}:string[]"
    kinds = {type(v) for v in values}
    kind = NEO4J_TYPES[next(iter(kinds))] if len(kinds) == 1 and kinds <= NEO4J_TYPES.keys() else "string"
    return f"{column}:{kind}"


FORMATS = {
    f.name: f
    for f in (
        Format("ttl", "graph.ttl", _rdf_writer("TURTLE", union=True), "quads", "Turtle, one graph"),
        Format("nt", "graph.nt", _rdf_writer("N_TRIPLES", union=True), "quads", "N-Triples, one graph"),
        Format("trig", "graph.trig", _rdf_writer("TRIG", union=False), "quads", "TriG, graph per document"),
        Format("nq", "graph.nq", _rdf_writer("N_QUADS", union=False), "quads", "N-Quads, graph per document"),
        Format(
            "jsonld", "graph.jsonld", _rdf_writer("JSON_LD", union=False), "quads", "JSON-LD, graph per doc"
        ),
        Format("graphml", "graph.graphml", _graphml, "graph", "GraphML for Gephi, yEd, networkx"),
        Format("gexf", "graph.gexf", _gexf, "graph", "GEXF for Gephi"),
        Format("csv", "", _csv, "graph", "neo4j-admin import CSV: nodes.csv, relationships.csv"),
        Format("json", "graph.json", _json, "graph", "the property graph as JSON"),
        Format("tables", "", write_tables, "graph", "a CSV per table of the record, for pandas"),
    )
}
"""Export formats by name."""
