"""Cypher over the Neo4j copy of the graph, read-only unless asked: ``kg cypher``.

A read runs in a transaction of READ access mode, so Neo4j itself refuses a write in it; values
come back as plain Python (nodes and relationships as their properties, dates as ISO text), in
the :class:`kg.store.Table` that ``kg sparql`` returns too.

READ access mode still lets a query read files or the network (``LOAD CSV FROM 'file:///…'`` or
``'http://…'``, APOC's load, import and export procedures), so a read-only query that names any
of them is refused before it is sent; ``--write`` is the user saying they mean it.
"""

from __future__ import annotations

import re

from kg.neo4j.connection import Connection, CypherError, driver, translated
from kg.store import Table

_IGNORED = re.compile(r"/\*.*?\*/|//[^\n]*|`|\s+", re.DOTALL)
"""What may stand between the words of a clause: comments, back-ticks around names, white space."""

_REACHES_OUT = re.compile(
    r"loadcsv|apoc\.(?:load|import|export|cypher|periodic|systemdb|log|util\.sleep)\b"
    r"|apoc\.(?:[a-z]+\.)*(?:url|file)|dbms\.(?:setconfig|security)|gds\.[\w.]*export",
    re.IGNORECASE,
)
"""``LOAD CSV`` and procedures that touch files or the network (or run a query given as text)."""


def reaches_out(query: str) -> bool:
    """Whether ``query`` asks to read a file or a URL, written however it is spaced or commented.

    >>> reaches_out("LOAD /* x */ csv FROM 'file:///etc/passwd' AS r RETURN r")
    True
    >>> reaches_out("CALL `apoc`.load.json('http://x')"), reaches_out("MATCH (n) RETURN n.load")
    (True, False)
    """
    return bool(_REACHES_OUT.search(_IGNORED.sub("", query)))


def cypher(query: str, conn: Connection, params: dict | None = None, write: bool = False, db=None) -> Table:
    """Answer ``query`` with ``params`` bound as Cypher parameters (``$name``).

    ``db`` is an open driver to reuse (``kg ask --all`` asks hundreds of questions); by default
    one is opened for this query. Without ``write``, a query that reads files or URLs is refused.
    """
    if not write and reaches_out(query):
        raise CypherError(
            "a read-only query may not use LOAD CSV or procedures that reach files or the network; "
            "pass --write if you mean it"
        )
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
