"""Triples per second into Neo4j: ``kg push`` and ``kg push --rebuild`` against rdflib-neo4j, same
triples, same server, same run.

The corpus is loaded once, then copied with its instance IRIs renamed (``…/id/copy7/…``) until the
store holds at least ``--triples`` triples, so every copy adds new nodes rather than merging into
the first. Both writers load those triples into an emptied database of one Neo4j server, started for
the bench in its own home on its own port (the default server on 7687 is left alone):

- ``kg push``: the projection, documents batched into transactions of ``BATCH_TRIPLES``, each a few
  ``UNWIND … CREATE/MERGE`` statements; and, for comparison, one transaction per document (as
  before issue 13);
- rdflib-neo4j (Neo4j Labs' RDFLib store, ``pip install rdflib-neo4j``): ``Graph.add`` of each
  triple with its default batching, full IRIs kept (``HANDLE_VOCAB_URI_STRATEGY.IGNORE``);
- ``kg push --rebuild`` (last, since it stops and starts the server): the import files written,
  the server stopped, ``neo4j-admin database import full``, the server started, the constraints
  made and the counts checked. Its whole time is printed, and the time of the files and import
  alone (the server's stop and start cost the same for ten triples or ten million).

Each Bolt writer first loads one copy of the corpus untimed, so that the server has planned its
statements (a cold Neo4j spends seconds planning each new statement). Prints triples, seconds and
triples/s for each, the ratios, and the goals of issue 13: the rebuild >= 200,000 triples/s; the
incremental push >= 50,000 triples/s and >= 10x rdflib-neo4j.

    .venv/bin/python bench/bench_neo4j.py [--triples 100000] [--port 7690]
"""

from __future__ import annotations

import argparse
import time
from pathlib import Path

import rdflib

from kg.neo4j import credentials, server
from kg.neo4j.bulk import rebuild
from kg.neo4j.connection import Connection, driver
from kg.neo4j.sync import clear, push
from kg.pipeline import load
from kg.store import Store
from ontology import ID

CORPUS = Path(__file__).resolve().parents[2] / "shared" / "corpus"


def corpus_graphs() -> list[rdflib.Graph]:
    """The corpus as one rdflib graph per document."""
    store = Store(None)
    report = load(sorted(CORPUS.glob("*.txt")), store)
    assert not report.failed, [r.reason for r in report.failed]
    graphs: dict[str, rdflib.Graph] = {}
    for q in store.quads():
        name = q.graph_name.value
        graph = graphs.setdefault(name, rdflib.Graph(identifier=rdflib.URIRef(name)))
        graph.add(tuple(_rdflib(t) for t in (q.subject, q.predicate, q.object)))
    return list(graphs.values())


def repeated(graphs: list[rdflib.Graph], at_least: int) -> Store:
    """A store holding copies of ``graphs`` with renamed instance IRIs, ``at_least`` triples in all."""
    store, total, copy = Store(None), 0, 0
    while total < at_least:
        renamed = [_renamed(g, f"copy{copy}/") for g in graphs]
        store.replace_many(renamed)
        total += sum(len(g) for g in renamed)
        copy += 1
    return store


def _renamed(graph: rdflib.Graph, prefix: str) -> rdflib.Graph:
    base = str(ID)

    def rename(term):
        if isinstance(term, rdflib.URIRef) and str(term).startswith(base):
            return rdflib.URIRef(base + prefix + str(term)[len(base) :])
        return term

    out = rdflib.Graph(identifier=rename(graph.identifier))
    for triple in graph:
        out.add(tuple(rename(t) for t in triple))
    return out


def _rdflib(term):
    import pyoxigraph as ox

    if isinstance(term, ox.NamedNode):
        return rdflib.URIRef(term.value)
    if term.language:
        return rdflib.Literal(term.value, lang=term.language)
    return rdflib.Literal(term.value, datatype=rdflib.URIRef(term.datatype.value))


REBUILD_GOAL = 200_000
PUSH_GOAL = 50_000
RATIO_GOAL = 10


def time_push(store: Store, conn: Connection, **options) -> float:
    clear(conn)
    start = time.perf_counter()
    push(store, conn, **options)
    return time.perf_counter() - start


def time_rebuild(store: Store, conn: Connection) -> tuple[float, dict]:
    """The whole rebuild's seconds, and those of its steps."""
    start = time.perf_counter()
    done = rebuild(store, conn)
    return time.perf_counter() - start, done["seconds"]


def time_rdflib_neo4j(store: Store, conn: Connection) -> float:
    from rdflib_neo4j import HANDLE_VOCAB_URI_STRATEGY, Neo4jStore, Neo4jStoreConfig

    clear(conn)
    config = Neo4jStoreConfig(
        handle_vocab_uri_strategy=HANDLE_VOCAB_URI_STRATEGY.IGNORE,
        batching=True,
    )
    triples = [tuple(_rdflib(t) for t in (q.subject, q.predicate, q.object)) for q in store.quads()]
    with driver(conn) as db:
        start = time.perf_counter()
        graph = rdflib.Graph(store=Neo4jStore(config=config, neo4j_driver=db))
        for triple in triples:
            graph.add(triple)
        graph.close(True)
        return time.perf_counter() - start


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--triples", type=int, default=100_000)
    parser.add_argument("--port", type=int, default=7690)
    args = parser.parse_args()

    home = server.default_home().with_name(server.default_home().name + "-bench")
    server.start(home, port=args.port)
    uri = f"bolt://127.0.0.1:{args.port}"
    conn = Connection(uri, "neo4j", credentials.for_uri(uri))
    try:
        graphs = corpus_graphs()
        warm_up = repeated(graphs, 1)  # one copy: both writers' statements planned before timing
        time_push(warm_up, conn)
        time_push(warm_up, conn, batch_triples=1)
        time_rdflib_neo4j(warm_up, conn)
        store = repeated(graphs, args.triples)
        triples = sum(1 for _ in store.quads())
        ours = time_push(store, conn)
        each = time_push(store, conn, batch_triples=1)
        theirs = time_rdflib_neo4j(store, conn)
        whole, steps = time_rebuild(store, conn)
    finally:
        server.stop(home)
    imported = steps["files"] + steps["import"]
    print(f"triples: {triples}")
    print(f"kg push (batched):           {ours:8.2f} s  {triples / ours:10.0f} triples/s")
    print(f"kg push (one per document):  {each:8.2f} s  {triples / each:10.0f} triples/s")
    print(f"rdflib-neo4j:                {theirs:8.2f} s  {triples / theirs:10.0f} triples/s")
    print(f"kg push --rebuild, all:      {whole:8.2f} s  {triples / whole:10.0f} triples/s")
    print(f"  files {steps['files']:.1f} s, stop {steps['stop']:.1f} s, import {steps['import']:.1f} s, "
          f"start and constraints {steps['start']:.1f} s; files and import alone: "
          f"{triples / imported:.0f} triples/s")  # fmt: skip
    print(
        f"ratio (kg push / rdflib-neo4j): {theirs / ours:.2f}x; "
        f"batched / one per document: {each / ours:.2f}x"
    )
    print(f"goal: rebuild >= {REBUILD_GOAL} triples/s: {_met(triples / whole >= REBUILD_GOAL)} "
          f"(files and import alone: {_met(triples / imported >= REBUILD_GOAL)})")  # fmt: skip
    print(f"goal: incremental push >= {PUSH_GOAL} triples/s: {_met(triples / ours >= PUSH_GOAL)}; "
          f">= {RATIO_GOAL}x rdflib-neo4j: {_met(theirs / ours >= RATIO_GOAL)}")  # fmt: skip


def _met(ok: bool) -> str:
    return "met" if ok else "not met"


if __name__ == "__main__":
    main()
