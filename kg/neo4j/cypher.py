"""Cypher over the Neo4j copy of the graph, read-only unless asked: ``kg cypher``.

A read runs in a transaction of READ access mode, so Neo4j itself refuses a write in it; values
come back as plain Python (nodes and relationships as their properties, dates as ISO text), in
the :class:`kg.pipeline.Table` that ``kg sparql`` returns too.
"""

from __future__ import annotations

from kg.neo4j.connection import Connection, driver, translated
from kg.pipeline import Table


def cypher(query: str, conn: Connection, params: dict | None = None, write: bool = False, db=None) -> Table:
    """Answer ``query`` with ``params`` bound as Cypher parameters (``$name``).

    ``db`` is an open driver to reuse (``kg ask --all`` asks hundreds of questions); by default
    one is opened for this query.
    """
    if db is None:
        with driver(conn) as db:
            return cypher(query, conn, params, write, db)
    import neo4j

    mode = neo4j.WRITE_ACCESS if write else neo4j.READ_ACCESS
    session = db.session(database=conn.database, default_access_mode=mode)
    with translated(conn), session, session.begin_transaction() as tx:
        result = tx.run(query, params or {})
        columns = list(result.keys())
        rows = [[plain(value) for value in record.values()] for record in result]
        tx.commit()
    return Table(columns, rows)


def plain(value):
    """A Cypher value as plain Python data.

    >>> plain([1, "a", None])
    [1, 'a', None]
    """
    import neo4j.graph
    import neo4j.time

    if isinstance(value, neo4j.graph.Node | neo4j.graph.Relationship):
        return {k: plain(v) for k, v in value.items()}
    if isinstance(value, neo4j.graph.Path):
        return [plain(n) for n in value.nodes]
    if isinstance(value, list):
        return [plain(v) for v in value]
    if isinstance(value, dict):
        return {k: plain(v) for k, v in value.items()}
    if isinstance(value, neo4j.time.Date | neo4j.time.DateTime | neo4j.time.Time | neo4j.time.Duration):
        return value.iso_format()
    return value
