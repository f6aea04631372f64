"""``kg viz --cypher``: the nodes a Cypher query on the real Neo4j server returns, drawn from the same
projection the embedded store holds. The Neo4j is the tests' own (``neo4j_server``: a missing server
fails, never skips), emptied and brought up to the corpus store once for the module."""

import pytest
from click.testing import CliRunner

from kg.cli import main
from kg.viz import NotInGraphError, subgraph

CHAIRED = "MATCH (m:Meeting)-[:CHAIR]->(p:Person) WHERE p.name = '李晓东' RETURN m, p"


@pytest.fixture(scope="module")
def neo4j(neo4j_server, corpus_store):
    """The tests' Neo4j holding the corpus store; the module's tests only read it."""
    from conftest import tests_connection

    from kg.neo4j.sync import clear, push
    from kg.stores import opened

    conn = tests_connection(neo4j_server)
    clear(conn)
    with opened(corpus_store) as st:
        push(st, conn)
    return conn


def test_cypher_focus_draws_the_nodes_it_returns(neo4j, corpus_store):
    focused = subgraph(corpus_store, cypher=CHAIRED, connection=neo4j)
    g = focused.graph
    assert sorted(t for _, t in g.nodes(data="type")) == ["Meeting", "Person"]
    assert {t for *_, t in g.edges(data="type")} == {"CHAIR", "ATTENDED"}
    assert focused.focus == sorted(g)


def test_cypher_focus_with_depth_reaches_the_attendees(neo4j, corpus_store):
    g = subgraph(corpus_store, cypher=CHAIRED, depth=1, connection=neo4j).graph
    assert sum(1 for *_, t in g.edges(data="type") if t == "ATTENDED") == 40


def test_cypher_answer_naming_nothing_drawable_is_an_error(neo4j, corpus_store):
    with pytest.raises(NotInGraphError, match="names no node"):
        subgraph(corpus_store, cypher="RETURN 'nothing' AS x", connection=neo4j)


def test_cli_cypher(neo4j, corpus_store, tmp_path):
    out = tmp_path / "c.html"
    args = ["viz", "--store", str(corpus_store), "--cypher", CHAIRED, "--out", str(out)]
    result = CliRunner().invoke(main, args, env={"NEO4J_URI": neo4j.uri})
    assert result.exit_code == 0, result.output
    assert "李晓东" in out.read_text(encoding="utf-8")
