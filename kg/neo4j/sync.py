"""Bring Neo4j up to the embedded store: the same graph, written fast and idempotently.

Each document's named graph is projected (:func:`kg.projection.project`); documents are written
in transactions of about :data:`BATCH_TRIPLES` triples, each a few ``UNWIND $rows ...`` statements
over all its documents (CREATE for what is new to Neo4j, MERGE on ``uri`` for the rest). Neo4j
keeps, per document, a ``(:KGGraph {uri, digest})`` node with the digest of the triples it was
given, so:

- a document whose digest is unchanged is skipped (a reload changes nothing);
- a changed document is rewritten, and what it alone said is removed: every node and relationship
  carries ``sources``, the documents it came from, so a person named in many documents stays until
  the last of them goes;
- a document no longer in the store is withdrawn the same way;
- when Neo4j fails mid-way, the transaction of the documents being written rolls back, the error
  says so, and the next push catches up (the digests tell which documents are not there yet);
  MERGE duplicates nothing.

A whole new database is written faster by :mod:`kg.neo4j.bulk` (``kg push --rebuild``).

Labels and relationship types in the statements come from the vocabulary (checked to be plain
names), never from document text; every value goes in as a parameter.
"""

from __future__ import annotations

import hashlib
import re
from collections import defaultdict
from collections.abc import Callable

import pyoxigraph as ox

from kg.neo4j.connection import Connection, driver, translated
from kg.projection import PropertyGraph, project
from ontology import IMPLIED_CLASSES

RESOURCE = "Resource"
"""The label every node of the graph has besides its classes, so that one uniqueness constraint on
``uri`` finds any node by its IRI: each statement MERGEs or MATCHes ``(:Resource {uri})`` and sets
the node's own labels from the row (the way neosemantics (n10s) does it)."""

GRAPH_LABEL = "KGGraph"
"""The label of the bookkeeping nodes, one per loaded document: ``{uri, digest}``."""

_NAME = re.compile(r"^[A-Za-z][A-Za-z0-9_]*$")
_TYPE = ox.NamedNode("http://www.w3.org/1999/02/22-rdf-syntax-ns#type")
_IMPLYING = frozenset(ox.NamedNode(str(link)) for link in IMPLIED_CLASSES)

_SOURCES = "old + [g IN row.graphs WHERE NOT g IN old]"

BATCH_TRIPLES = 20_000
"""About how many triples of documents go to Neo4j in one transaction. One document per transaction
paid a commit, a round trip and a plan lookup per statement for every few hundred triples; batches
of tens of thousands keep the server's transaction state well inside its heap."""


def push(
    store, conn: Connection, progress: Callable[[str], None] | None = None, batch_triples: int = BATCH_TRIPLES
) -> dict:
    """Bring Neo4j up to ``store``; returns what was written, skipped and withdrawn.

    ``progress`` is called with each document's graph name once it is written (the command line's
    progress bar; a test uses it to stop the server mid-way). ``batch_triples`` bounds a
    transaction (a document is never split; 1 writes each in a transaction of its own).
    """
    view = StoreView(store)
    summary = {"pushed": [], "unchanged": 0, "withdrawn": []}
    with driver(conn) as db, translated(conn), db.session(database=conn.database) as session:
        ensure_schema(session)
        query = f"MATCH (g:{GRAPH_LABEL}) RETURN g.uri AS uri, g.digest AS digest"
        have = {r["uri"]: r["digest"] for r in session.run(query)}
        for graph in sorted(set(have) - set(view.digests)):
            _in_transaction(session, _withdraw, view, graph)
            summary["withdrawn"].append(graph)
        # documents Neo4j had go first: once they are rewritten, a node that only new documents
        # name cannot be in Neo4j yet, so new documents may CREATE it (see _write_document)
        changed = sorted(
            (g for g, value in view.digests.items() if have.get(g) != value), key=lambda g: (g not in have, g)
        )
        summary["unchanged"] = len(view.digests) - len(changed)
        for batch in _batches(view, changed, have, batch_triples):
            _in_transaction(session, _write_documents, view, batch, batch[0] in have)
            summary["pushed"] += batch
            for graph in batch if progress else ():
                progress(graph)
    return summary


def _batches(view: StoreView, graphs: list[str], have: dict, limit: int):
    """``graphs`` in runs of about ``limit`` triples, the documents Neo4j had apart from new ones."""
    batch, size = [], 0
    for graph in graphs:
        if batch and (size + len(view.quads[graph]) > limit or (graph in have) != (batch[0] in have)):
            yield batch
            batch, size = [], 0
        batch.append(graph)
        size += len(view.quads[graph])
    if batch:
        yield batch


def _in_transaction(session, work, *args) -> None:
    """Run ``work(tx, *args)`` in one explicit transaction: all of it or nothing.

    Not ``execute_write``: it would retry for half a minute when the server is gone, where the
    user is better served by the error at once (a later push catches up).
    """
    with session.begin_transaction() as tx:
        work(tx, *args)
        tx.commit()


def ensure_schema(session) -> None:
    """The uniqueness constraints on ``uri``: of every node (``Resource``) and of the bookkeeping."""
    for label in (RESOURCE, GRAPH_LABEL):
        name = f"kg_{label.lower()}_uri"
        session.run(
            f"CREATE CONSTRAINT {name} IF NOT EXISTS FOR (n:{_name(label)}) REQUIRE n.uri IS UNIQUE"
        ).consume()


def counts(conn: Connection) -> dict:
    """Nodes and relationships in Neo4j, the bookkeeping nodes left out."""
    query = (
        f"MATCH (n) WHERE NOT n:{GRAPH_LABEL} WITH count(n) AS nodes "
        "OPTIONAL MATCH ()-[r]->() RETURN nodes, count(r) AS relationships"
    )
    with driver(conn) as db, translated(conn), db.session(database=conn.database) as session:
        return dict(session.run(query).single())


class StoreView:
    """The store as read once for a push: each document's quads and digest, and who shares what.

    A node several documents name (a person, a unit) gets its properties from all of them, as in
    the projection of the whole store; a node only one document names, from that document.
    """

    def __init__(self, store):
        self.quads: dict[str, list] = defaultdict(list)
        self.graphs_of: dict[str, set[str]] = defaultdict(set)
        for q in store.document_quads():
            graph = q.graph_name.value
            self.quads[graph].append(q)
            if q.predicate == _TYPE:
                self.graphs_of[q.subject.value].add(graph)
            elif q.predicate in _IMPLYING:  # a part whose class its link implies
                self.graphs_of[q.object.value].add(graph)
        self.digests = {graph: digest(quads) for graph, quads in self.quads.items()}
        self._by_subject: dict[str, list] | None = None
        self._links_to: dict[str, list] = {}

    def project(self, graphs: list[str]) -> dict[str, PropertyGraph]:
        """Documents' nodes and edges; shared nodes with the properties of the whole store (worked
        out once for all the documents given)."""
        projected = {graph: project(self.quads[graph]) for graph in graphs}
        shared = {
            uri for pg in projected.values() for uri in pg.nodes if len(self.graphs_of.get(uri, ())) > 1
        }
        props = self.props(sorted(shared))
        for pg in projected.values():
            for uri in shared.intersection(pg.nodes):
                if uri in props:
                    pg.nodes[uri].props = props[uri]
        return projected

    def props(self, uris: list[str]) -> dict[str, dict]:
        """Properties of ``uris`` over all documents: their triples, the types of their objects, and
        the links that imply their class (an agenda item two documents of one meeting record)."""
        if not uris:
            return {}
        if self._by_subject is None:
            self._by_subject, self._links_to = defaultdict(list), defaultdict(list)
            for quads in self.quads.values():
                for q in quads:
                    self._by_subject[q.subject.value].append(q)
                    if q.predicate in _IMPLYING:
                        self._links_to[q.object.value].append(q)
        picked = []
        for uri in uris:
            own = self._by_subject.get(uri, [])
            picked += own + self._links_to.get(uri, [])
            for q in own:
                picked += (
                    t
                    for t in self._by_subject.get(getattr(q.object, "value", None), ())
                    if t.predicate == _TYPE
                )
        nodes = project(picked).nodes
        return {uri: nodes[uri].props for uri in uris if uri in nodes}


def digest(quads) -> str:
    """A digest of the triples of one document graph, in a canonical order."""
    lines = sorted(f"{q.subject} {q.predicate} {q.object}" for q in quads)
    return hashlib.sha256("\n".join(lines).encode()).hexdigest()


# --- documents, in one transaction -------------------------------------------------------------


def _write_documents(tx, view: StoreView, graphs: list[str], previous: bool) -> None:
    """Write documents: CREATE what is new to Neo4j, MERGE what it may already hold.

    A node is new when its document is (Neo4j has no digest of it) and no other document names the
    node; ``push`` rewrites the documents Neo4j had before it writes new ones, so such a node cannot
    be there. An edge with a new end is new too. CREATE skips MERGE's lookups and locks and the
    per-row ``sources`` arithmetic; everything else is merged on ``uri``, once per batch, with the
    batch's documents that name it added to its ``sources``.
    """
    projected = view.project(graphs)
    new = set()
    for graph, pg in projected.items():
        if previous:
            keep_edges = [_edge_key(e) for e in pg.edges]
            _retract(tx, view, graph, keep_nodes=list(pg.nodes), keep_edges=keep_edges)
        else:
            new |= {uri for uri in pg.nodes if view.graphs_of.get(uri) == {graph}}
    _write_nodes(tx, projected, new)
    _write_edges(tx, projected, new)
    rows = [{"uri": graph, "digest": view.digests[graph]} for graph in graphs]
    tx.run(
        f"UNWIND $rows AS row MERGE (g:{GRAPH_LABEL} {{uri: row.uri}}) SET g.digest = row.digest", rows=rows
    )


def _write_nodes(tx, projected: dict[str, PropertyGraph], new: set[str]) -> None:
    """All nodes in one statement: a unit subquery per label set for the new, one MERGE for the rest.

    New nodes are created with their labels written into the statement (a dynamic label in CREATE
    plans and runs slower); the others MERGE on ``:Resource {uri}`` and get their labels from the row.
    """
    created, merged = defaultdict(list), {}
    for graph, pg in projected.items():
        for n in pg.nodes.values():
            labels = tuple(sorted(_name(x) for x in n.labels))
            if n.uri in new:
                created[labels].append(n.props | {"sources": [graph]})
            elif n.uri in merged:
                row = merged[n.uri]
                row["labels"] = sorted(set(row["labels"]) | set(labels))
                row["props"] = n.props
                row["graphs"].append(graph)
            else:
                merged[n.uri] = {"uri": n.uri, "labels": list(labels), "props": n.props, "graphs": [graph]}
    blocks, params = [], {}
    for i, (labels, rows) in enumerate(sorted(created.items())):
        blocks.append(
            f"CALL () {{ UNWIND $n{i} AS props CREATE (n:{':'.join((RESOURCE, *labels))}) SET n = props }}"
        )
        params[f"n{i}"] = rows
    if merged:
        blocks.append(
            f"CALL () {{ UNWIND $merged AS row MERGE (n:{RESOURCE} {{uri: row.uri}}) "
            "WITH n, row, coalesce(n.sources, []) AS old "
            f"SET n = row.props, n.sources = {_SOURCES}, n:$(row.labels) }}"
        )
        params["merged"] = list(merged.values())
    if blocks:
        tx.run("\n".join(blocks), params).consume()


def _write_edges(tx, projected: dict[str, PropertyGraph], new: set[str]) -> None:
    """All edges in one statement: a unit subquery per relationship type and way of writing.

    The type is written into the statement, not given as ``$(row.type)``: Neo4j 5.26 plans a MERGE
    of a dynamic type as a filter over the start node's relationships, some ten times slower; and
    one statement per type pays a round trip and a plan lookup each. Batches with the same set of
    types send the same statement, which Neo4j plans once. An edge with a new end is created; the
    others are merged, one with a ``uri`` (ATTENDED) keyed on it, the rest on their ends and type.
    """
    rows, merged = defaultdict(list), {}
    for graph, pg in projected.items():
        for e in pg.edges:
            if e.source in new or e.target in new:
                rows[(_name(e.type), "create")].append(
                    {"s": e.source, "t": e.target, "props": e.props | {"sources": [graph]}}
                )
                continue
            key = (
                _name(e.type),
                "uri" if "uri" in e.props else "ends",
                e.source,
                e.target,
                e.props.get("uri"),
            )
            if key in merged:
                merged[key]["props"] = e.props  # the last document's, as one transaction each would leave
                merged[key]["graphs"].append(graph)
            else:
                merged[key] = {"s": e.source, "t": e.target, "props": e.props, "graphs": [graph]}
    for (type_, how, *_), row in merged.items():
        rows[(type_, how)].append(row)
    blocks, params = [], {}
    for i, ((type_, how), group) in enumerate(sorted(rows.items())):
        ends = f"UNWIND $e{i} AS row MATCH (a:{RESOURCE} {{uri: row.s}}) MATCH (b:{RESOURCE} {{uri: row.t}}) "
        if how == "create":
            write = f"CREATE (a)-[r:{type_}]->(b) SET r = row.props"
        else:
            key = " {uri: row.props.uri}" if how == "uri" else ""
            write = (
                f"MERGE (a)-[r:{type_}{key}]->(b) "
                f"WITH r, row, coalesce(r.sources, []) AS old SET r = row.props, r.sources = {_SOURCES}"
            )
        blocks.append(f"CALL () {{ {ends}{write} }}")
        params[f"e{i}"] = group
    if blocks:
        tx.run("\n".join(blocks), params).consume()


def _withdraw(tx, view: StoreView, graph: str) -> None:
    _retract(tx, view, graph, keep_nodes=[], keep_edges=[])
    tx.run(f"MATCH (g:{GRAPH_LABEL} {{uri: $graph}}) DELETE g", graph=graph).consume()


def _retract(tx, view: StoreView, graph: str, keep_nodes: list[str], keep_edges: list[str]) -> None:
    """Take ``graph`` out of the sources of what it no longer says; delete what no document says.

    Nodes that other documents still name get their properties again from the store, which no
    longer holds this document's old version.
    """
    tx.run(
        "MATCH (a)-[r]->(b) WHERE $graph IN r.sources "
        "AND NOT a.uri + ' ' + type(r) + ' ' + b.uri + ' ' + coalesce(r.uri, '') IN $keep "
        "SET r.sources = [s IN r.sources WHERE s <> $graph] "
        "WITH r WHERE size(r.sources) = 0 DELETE r",
        graph=graph,
        keep=keep_edges,
    ).consume()
    left = tx.run(
        f"MATCH (n:{RESOURCE}) WHERE $graph IN n.sources AND NOT n.uri IN $keep "
        "SET n.sources = [s IN n.sources WHERE s <> $graph] RETURN n.uri AS uri, size(n.sources) AS left",
        graph=graph,
        keep=keep_nodes,
    )
    survivors = [r["uri"] for r in left if r["left"]]
    tx.run(f"MATCH (n:{RESOURCE}) WHERE n.sources = [] DETACH DELETE n").consume()
    tx.run(
        f"UNWIND $rows AS row MATCH (n:{RESOURCE} {{uri: row.uri}}) "
        "WITH n, row, n.sources AS old SET n = row.props, n.sources = old",
        rows=[{"uri": uri, "props": props} for uri, props in view.props(survivors).items()],
    ).consume()


def _edge_key(edge) -> str:
    """An edge by its ends, its type and its ``uri``: an attendance whose IRI now names another
    person (a corrected document) is another edge, and the old one goes."""
    return f"{edge.source} {edge.type} {edge.target} {edge.props.get('uri', '')}"


def _name(name: str) -> str:
    """A label or relationship type from the vocabulary, checked before it goes into a statement."""
    if not _NAME.match(name):
        raise ValueError(f"not a plain label or type name: {name!r}")
    return name


def clear(conn: Connection) -> None:
    """Delete every node and relationship, in batches (Community has one database to reset)."""
    with driver(conn) as db, translated(conn), db.session(database=conn.database) as session:
        session.run("MATCH (n) CALL (n) { DETACH DELETE n } IN TRANSACTIONS OF 10000 ROWS").consume()
