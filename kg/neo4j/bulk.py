"""A Neo4j database made anew in one go: ``kg push --rebuild``.

Writing a large graph statement by statement costs the server a lookup, a lock and a log entry per
node and relationship; ``neo4j-admin database import full`` writes the store files directly, many
times faster, but only into a stopped server. So for the server ``kg neo4j start`` runs, a rebuild
writes the graph as import files, stops the server, imports, starts it again, recreates the
constraints (an import drops the schema) and checks the counts against the store. For any other
server it writes the files and says what to run where that server is.

The files hold exactly what :func:`kg.neo4j.sync.push` would have written into an empty database —
every node and relationship with its ``sources`` (the documents that say it, in push's order) and a
``(:KGGraph {uri, digest})`` node per document — so a later ``kg push`` finds every document
there and writes only what changed since. Nodes and relationships are grouped into files by the
names and types of their properties, one header each, so that a value keeps its type (a single
name stays a string beside nodes whose names are lists).
"""

from __future__ import annotations

import csv
import shutil
import tempfile
import time
from collections import defaultdict
from pathlib import Path

from kg.neo4j import server
from kg.neo4j.connection import Connection, driver, translated
from kg.neo4j.sync import GRAPH_LABEL, RESOURCE, StoreView, counts, ensure_schema
from kg.projection import project
from loaders.errors import KGError

DELIMITERS = ";|\u2016\u00a6\u241e"
"""Candidates for the array delimiter of the import, the first that no list value contains."""

_KINDS = {bool: "boolean", int: "long", float: "double", str: "string"}


class RebuildError(KGError):
    """Neo4j cannot be rebuilt from the store (a server kg does not run, or counts that differ)."""


def rebuild(store, conn: Connection, files=None) -> dict:
    """Make the database of the server kg runs at ``conn.uri`` anew from ``store``; what was written.

    ``files`` is a folder for the import files (kept); by default a temporary one in the server's
    home. A server kg does not run is not touched: the files are written to ``files`` and the
    error says what to run, or, without ``files``, how to have them written.
    """
    home = server.managed_home(conn.uri)
    if home is None:
        raise RebuildError(_unmanaged(conn, store, files))
    database = conn.database or "neo4j"
    timings = {}
    started = time.perf_counter()
    folder = Path(files) if files else Path(tempfile.mkdtemp(prefix="kg-import-", dir=home))
    try:
        written = write_import(store, folder)
        timings["files"] = time.perf_counter() - started
        server.stop(home)
        timings["stop"] = time.perf_counter() - started - sum(timings.values())
        try:
            server.import_full(
                home, written["nodes"], written["relationships"], database, written["delimiter"]
            )
        finally:  # a failed import too: the error is reported with the server running again
            timings["import"] = time.perf_counter() - started - sum(timings.values())
            server.start(home, port=server.configured_port(home), password=conn.password)
    finally:
        if not files:
            shutil.rmtree(folder, ignore_errors=True)
    with driver(conn) as db, translated(conn), db.session(database=conn.database) as session:
        ensure_schema(session)
        session.run("CALL db.awaitIndexes(300)").consume()
    timings["start"] = time.perf_counter() - started - sum(timings.values())
    found = counts(conn) | {"documents": _documents(conn)}
    if found != written["counts"]:
        raise RebuildError(
            f"Neo4j at {conn.uri} holds {found} after the import; the store {written['counts']}"
        )
    return written["counts"] | {"triples": written["triples"], "seconds": timings, "home": str(home)}


def _unmanaged(conn: Connection, store, files) -> str:
    """What to run for a server kg does not run: with ``files``, written there now."""
    if files is None:
        return (
            f"Neo4j at {conn.uri} is not a server kg runs, so kg cannot stop it to import: "
            "`kg push --rebuild --files DIR` writes the import files and prints the neo4j-admin command "
            "to run where that server is (or use `kg push`, which writes through Bolt)"
        )
    written = write_import(store, Path(files))
    command = import_command(written, conn.database or "neo4j")
    return (
        f"Neo4j at {conn.uri} is not a server kg runs: the import files are in {files}; copy them to "
        f"that server, stop it, run `{command}`, start it and run `kg push` (it creates the constraints)"
    )


def import_command(written: dict, database: str) -> str:
    """The neo4j-admin command line that imports ``written`` (what :func:`write_import` returns)."""
    parts = ["neo4j-admin database import full"]
    parts += [f"--nodes={p}" for p in written["nodes"]] + [
        f"--relationships={p}" for p in written["relationships"]
    ]
    parts += [
        "--overwrite-destination=true",
        "--multiline-fields=true",
        f"--array-delimiter='{written['delimiter']}'",
    ]
    return " ".join([*parts, database])


def write_import(store, folder: Path) -> dict:
    """Write the graph of ``store`` as neo4j-admin import files into ``folder``; the files, the
    array delimiter and the counts of nodes, relationships, documents and triples."""
    view = StoreView(store)
    nodes, edges = _graph(view)
    delimiter = _delimiter([*nodes.values(), *edges.values()])
    folder.mkdir(parents=True, exist_ok=True)
    node_files = _write_groups(folder / "nodes", nodes.values(), ["uri:ID", ":LABEL"], delimiter)
    graphs = folder / "graphs.csv"
    _write_csv(graphs, ["uri:ID(KGGraph)", ":LABEL", "digest:string"],
               ([g, GRAPH_LABEL, d] for g, d in sorted(view.digests.items())))  # fmt: skip
    edge_files = _write_groups(
        folder / "relationships", edges.values(), [":START_ID", ":END_ID", ":TYPE"], delimiter
    )
    return {
        "nodes": [*node_files, graphs],
        "relationships": edge_files,
        "delimiter": delimiter,
        "counts": {"nodes": len(nodes), "relationships": len(edges), "documents": len(view.digests)},
        "triples": sum(len(quads) for quads in view.quads.values()),
    }


def _graph(view: StoreView) -> tuple[dict, dict]:
    """Nodes and relationships as a push into an empty database leaves them, each as ``[fixed
    columns, properties, sources]``: the documents' projections in push's order, the properties of a
    node several documents name taken over the whole store, ``sources`` the documents that say it."""
    nodes: dict[str, list] = {}
    edges: dict[tuple, list] = {}
    for graph in sorted(view.quads):
        pg = project(view.quads[graph])
        for uri, node in pg.nodes.items():
            if uri in nodes:
                nodes[uri][2].append(graph)
            else:
                props = {k: v for k, v in node.props.items() if k != "uri"}
                nodes[uri] = [[uri, sorted([RESOURCE, *node.labels])], props, [graph]]
        for e in pg.edges:
            key = (e.source, e.type, e.target, e.props.get("uri"))
            if key in edges:
                edges[key][1] = e.props  # the last document's, as a push sets them
                edges[key][2].append(graph)
            else:
                edges[key] = [[e.source, e.target, e.type], e.props, [graph]]
    shared = [uri for uri in nodes if len(view.graphs_of.get(uri, ())) > 1]
    for uri, props in view.props(shared).items():
        nodes[uri][1] = {k: v for k, v in props.items() if k != "uri"}
    return nodes, edges


def _delimiter(rows) -> str:
    """The first of :data:`DELIMITERS` that no label and no item of a list value contains."""
    items = set()
    for fixed, props, _ in rows:
        for value in [*fixed, *props.values()]:
            if isinstance(value, list):
                items.update(map(str, value))
    for candidate in DELIMITERS:
        if not any(candidate in item for item in items):
            return candidate
    raise RebuildError(f"every array delimiter neo4j-admin could use ({DELIMITERS}) occurs in a list value")


def _write_groups(stem: Path, rows, fixed: list[str], delimiter: str) -> list[Path]:
    """One file per set of property names and types (``stem-0.csv``, ...), each with its header."""
    groups = defaultdict(list)
    for row in rows:
        fixed_values, props, sources = row
        header = tuple(sorted((key, _kind(value)) for key, value in props.items() if value is not None))
        groups[header].append((fixed_values, props, sources))
    written = []
    for i, (header, group) in enumerate(sorted(groups.items())):
        path = stem.with_name(f"{stem.name}-{i}.csv")
        columns = [*fixed, *(f"{key}:{kind}" for key, kind in header), "sources:string[]"]
        _write_csv(path, columns, (
            [*(_cell(v, delimiter) for v in values), *(_cell(props[k], delimiter) for k, _ in header),
             delimiter.join(sources)]
            for values, props, sources in group
        ))  # fmt: skip
        written.append(path)
    return written


def _kind(value) -> str:
    """The neo4j-admin type of a property value.

    >>> _kind(3), _kind(["a", "b"]), _kind([1, 2]), _kind(True)
    ('long', 'string[]', 'long[]', 'boolean')
    """
    if isinstance(value, list):
        kinds = {_KINDS.get(type(v), "string") for v in value}
        return f"{kinds.pop() if len(kinds) == 1 else 'string'}[]"
    return _KINDS.get(type(value), "string")


def _cell(value, delimiter: str) -> str:
    if isinstance(value, list):
        return delimiter.join(_cell(v, delimiter) for v in value)
    if isinstance(value, bool):
        return "true" if value else "false"
    return str(value)


def _write_csv(path: Path, header: list[str], rows) -> None:
    with open(path, "w", encoding="utf-8", newline="") as out:
        writer = csv.writer(out, lineterminator="\n")
        writer.writerow(header)
        writer.writerows(rows)


def _documents(conn: Connection) -> int:
    with driver(conn) as db, translated(conn), db.session(database=conn.database) as session:
        return session.run(f"MATCH (g:{GRAPH_LABEL}) RETURN count(g) AS n").single()["n"]
