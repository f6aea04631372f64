"""The saved questions of issue 6 give the same answer in SPARQL (embedded store) and Cypher (a real
Neo4j server holding the same graph), over the corpus and the invented county's minutes."""

from collections import Counter
from pathlib import Path

import pytest

import kg
from kg.pipeline import load, opened, sparql

MULTI = Path(__file__).parent / "data" / "multi"
QUERIES = Path(kg.__file__).parent / "queries"

CASES = [
    ("post-holders", {"title": "常务副县长", "date": "2025-11"}),
    ("post-holders", {"title": "常务副县长", "date": ""}),
    ("post-holders", {"title": "县长", "date": "2026"}),
    ("open-directives", {"unit": "县旅游局"}),
    ("open-directives", {"unit": "县人社局"}),
    ("open-directives", {"unit": "青禾县人力资源和社会保障局"}),
    ("open-directives", {"unit": "县政府办公室"}),
    ("open-directives", {"unit": "县水利局"}),
    ("document-history", {"subject": "青禾县城乡供水一体化实施方案"}),
    ("document-history", {"subject": "政府工作报告"}),
    ("project-history", {"subject": "滨江大道改造工程项目"}),
    ("project-history", {"subject": "石浦港海底隧道及接线工程"}),
]


@pytest.fixture(scope="module")
def engines(tmp_path_factory, corpus_dir):
    """A store of the corpus and the county, and a running Neo4j (a missing server fails)."""
    from kg.neo4j import server
    from kg.neo4j.connection import connection

    store = tmp_path_factory.mktemp("engines") / "store"
    report = load([*sorted(corpus_dir.glob("*.txt")), MULTI], store)
    assert not report.failed
    server.start()
    return store, connection()


def cypher_rows(conn, text: str, params: dict) -> list[list]:
    from kg.neo4j.connection import driver

    with driver(conn) as db, db.session(database=conn.database) as session:
        result = session.run(text, params)
        return [list(record.values()) for record in result]


@pytest.mark.parametrize(("name", "params"), CASES, ids=[f"{n}-{'-'.join(p.values())}" for n, p in CASES])
def test_sparql_and_cypher_agree(engines, name, params):
    from kg.neo4j import sync

    store, conn = engines
    with opened(store) as st:  # each test brings Neo4j up to this store: other tests push theirs
        sync.push(st, conn)
    table = sparql((QUERIES / f"{name}.rq").read_text(encoding="utf-8"), store, params)
    cypher = cypher_rows(conn, (QUERIES / f"{name}.cypher").read_text(encoding="utf-8"), params)
    assert table.rows, "a case that answers nothing compares nothing"
    assert Counter(map(tuple, table.rows)) == Counter(map(tuple, cypher))
