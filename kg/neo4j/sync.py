"""Bring Neo4j up to the embedded store: the same graph, written fast and idempotently.

Each document's named graph is projected (:func:`kg.projection.project`) and written in one
transaction of a few batched ``UNWIND $rows ...`` statements (CREATE for what is new to Neo4j,
MERGE on ``uri`` for the rest). Neo4j keeps, per document, a ``(:KGGraph {uri, digest})`` node
with the digest of the triples it was given, so:

- a document whose digest is unchanged is skipped (a reload changes nothing);
- a changed document is rewritten, and what it alone said is removed: every node and relationship
  carries ``sources``, the documents it came from, so a person named in many documents stays until
  the last of them goes;
- a document no longer in the store is withdrawn the same way;
- when Neo4j fails mid-way, the document's transaction rolls back, the error says so, and the next
  push catches up (the digests tell which documents are not there yet); MERGE duplicates nothing.

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

RESOURCE = "Resource"
"""The label every node of the graph has besides its classes, so that one uniqueness constraint on
``uri`` finds any node by its IRI: each statement MERGEs or MATCHes ``(:Resource {uri})`` and sets
the node's own labels from the row (the way neosemantics (n10s) does it)."""

GRAPH_LABEL = "KGGraph"
"""The label of the bookkeeping nodes, one per loaded document: ``{uri, digest}``."""

_NAME = re.compile(r"^[A-Za-z][A-Za-z0-9_]*$")
_TYPE = ox.NamedNode("http://www.w3.org/1999/02/22-rdf-syntax-ns#type")

_SOURCES = "CASE WHEN $graph IN old THEN old ELSE old + $graph END"


def push(store, conn: Connection, progress: Callable[[str], None] | None = None) -> dict:
    """Bring Neo4j up to ``store``; returns what was written, skipped and withdrawn.

    ``progress`` is called with each document's graph name once it is written (the command line's
    progress bar; a test uses it to stop the server mid-way).
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
        for graph in changed:
            _in_transaction(session, _write_document, view, graph, graph in have)
            summary["pushed"].append(graph)
            if progress:
                progress(graph)
    return summary


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
        self.digests = {graph: digest(quads) for graph, quads in self.quads.items()}
        self._by_subject: dict[str, list] | None = None

    def project(self, graph: str) -> PropertyGraph:
        """One document's nodes and edges; shared nodes with the properties of the whole store."""
        pg = project(self.quads[graph])
        shared = [uri for uri in pg.nodes if len(self.graphs_of.get(uri, ())) > 1]
        for uri, props in self.props(shared).items():
            pg.nodes[uri].props = props
        return pg

    def props(self, uris: list[str]) -> dict[str, dict]:
        """Properties of ``uris`` over all documents: their triples, and the types of their objects."""
        if not uris:
            return {}
        if self._by_subject is None:
            self._by_subject = defaultdict(list)
            for quads in self.quads.values():
                for q in quads:
                    self._by_subject[q.subject.value].append(q)
        picked = []
        for uri in uris:
            own = self._by_subject.get(uri, [])
            picked += own
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


# --- one document, in one transaction --------------------------------------------------------


def _write_document(tx, view: StoreView, graph: str, previous: bool) -> None:
    """Write one document: CREATE what is new to Neo4j, MERGE what it may already hold.

    A node is new when the document is (Neo4j has no digest of it) and no other document names the
    node; ``push`` rewrites the documents Neo4j had before it writes new ones, so such a node cannot
    be there. An edge with a new end is new too. CREATE skips MERGE's lookups and locks and the
    per-row ``sources`` arithmetic; everything else is merged on ``uri`` as before.
    """
    pg = view.project(graph)
    if previous:
        _retract(tx, view, graph, keep_nodes=list(pg.nodes), keep_edges=[_edge_key(e) for e in pg.edges])
        new = set()
    else:
        new = {uri for uri in pg.nodes if view.graphs_of.get(uri) == {graph}}
    _write_nodes(tx, graph, pg.nodes.values(), new)
    _write_edges(tx, graph, pg, new)
    query = f"MERGE (g:{GRAPH_LABEL} {{uri: $graph}}) SET g.digest = $digest"
    tx.run(query, graph=graph, digest=view.digests[graph]).consume()


def _write_nodes(tx, graph: str, nodes, new: set[str]) -> None:
    """All nodes in one statement: a unit subquery per label set for the new, one MERGE for the rest.

    New nodes are created with their labels written into the statement (a dynamic label in CREATE
    plans and runs slower); the others MERGE on ``:Resource {uri}`` and get their labels from the row.
    """
    created, merged = defaultdict(list), []
    for n in nodes:
        labels = tuple(sorted(_name(x) for x in n.labels))
        if n.uri in new:
            created[labels].append(n.props)
        else:
            merged.append({"uri": n.uri, "labels": list(labels), "props": n.props})
    blocks, params = [], {"graph": graph}
    for i, (labels, rows) in enumerate(sorted(created.items())):
        blocks.append(
            f"CALL () {{ UNWIND $n{i} AS props CREATE (n:{':'.join((RESOURCE, *labels))}) "
            "SET n = props, n.sources = [$graph] }"
        )
        params[f"n{i}"] = rows
    if merged:
        blocks.append(
            f"CALL () {{ UNWIND $merged AS row MERGE (n:{RESOURCE} {{uri: row.uri}}) "
            "WITH n, row, coalesce(n.sources, []) AS old "
            f"SET n = row.props, n.sources = {_SOURCES}, n:$(row.labels) }}"
        )
        params["merged"] = merged
    if blocks:
        tx.run("\n".join(blocks), params).consume()


def _write_edges(tx, graph: str, pg: PropertyGraph, new: set[str]) -> None:
    """All edges in one statement: a unit subquery per relationship type and way of writing.

    The type is written into the statement, not given as ``$(row.type)``: Neo4j 5.26 plans a MERGE
    of a dynamic type as a filter over the start node's relationships, some ten times slower; and
    one statement per type pays a round trip and a plan lookup each. Documents with the same set of
    types send the same statement, which Neo4j plans once. An edge with a new end is created; the
    others are merged, one with a ``uri`` (ATTENDED) keyed on it, the rest on their ends and type.
    """
    rows = defaultdict(list)
    for e in pg.edges:
        how = "create" if e.source in new or e.target in new else "uri" if "uri" in e.props else "ends"
        rows[(_name(e.type), how)].append({"s": e.source, "t": e.target, "props": e.props})
    blocks, params = [], {"graph": graph}
    for i, ((type_, how), group) in enumerate(sorted(rows.items())):
        ends = f"UNWIND $e{i} AS row MATCH (a:{RESOURCE} {{uri: row.s}}) MATCH (b:{RESOURCE} {{uri: row.t}}) "
        if how == "create":
            write = f"CREATE (a)-[r:{type_}]->(b) SET r = row.props, r.sources = [$graph]"
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
