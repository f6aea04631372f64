"""The sync into a real Neo4j: the same graph as the store's projection, idempotent, stale facts gone."""

import datetime

from click.testing import CliRunner

from kg import pipeline
from kg.cli import main
from kg.neo4j.cypher import cypher
from kg.neo4j.sync import GRAPH_LABEL, RESOURCE, counts, push
from kg.projection import project
from kg.stores import opened
from loaders.reading import read_minutes
from tests.many import copy_text, template


def projected(store_path):
    with opened(store_path) as st:
        return project(st.quads())


def neo4j_graph(conn):
    """Nodes ``{uri: (labels, props)}`` and relationships ``{(source, type, target, uri)}`` in Neo4j."""
    nodes = cypher(f"MATCH (n:{RESOURCE}) RETURN n.uri, labels(n), properties(n)", conn).rows
    rels = cypher("MATCH (a)-[r]->(b) RETURN a.uri, type(r), b.uri, r.uri", conn).rows
    return {uri: (sorted(labels), props) for uri, labels, props in nodes}, sorted(map(tuple, rels))


def test_push_writes_the_projection_of_the_store(neo4j, corpus_store):
    with opened(corpus_store) as st:
        summary = push(st, neo4j)
    pg = projected(corpus_store)
    assert len(summary["pushed"]) == 5
    assert counts(neo4j) == {"nodes": len(pg.nodes), "relationships": len(pg.edges)}
    nodes, rels = neo4j_graph(neo4j)
    assert set(nodes) == set(pg.nodes)
    for uri, node in pg.nodes.items():
        labels, props = nodes[uri]
        assert labels == sorted([*node.labels, RESOURCE])
        sources = props.pop("sources")
        assert sources and all(s.startswith("https://w3id.org/minutes-kg/id/source/") for s in sources)
        assert props == {k: v for k, v in node.props.items()}, uri
    assert rels == sorted((e.source, e.type, e.target, e.props.get("uri")) for e in pg.edges)


def test_a_second_push_changes_nothing(neo4j, corpus_store):
    with opened(corpus_store) as st:
        push(st, neo4j)
        before = neo4j_graph(neo4j)
        summary = push(st, neo4j)
    assert summary == {"pushed": [], "unchanged": 5, "withdrawn": []}
    assert neo4j_graph(neo4j) == before


def seed_copies(corpus_dir, folder, **copies):
    """Minutes of the seed's government as ``name=(ordinal, renamed)``: the seed's text under a new
    ordinal and date, with the names in ``renamed`` changed; returns the seed's chair."""
    seed = template(corpus_dir / "xiangshan-2023-standing-28.txt")
    chair = read_minutes(seed.path).meeting.chair
    folder.mkdir(exist_ok=True)
    for name, (ordinal, renamed) in copies.items():
        day = seed.date + datetime.timedelta(days=7 * ordinal)
        text = copy_text(seed, day, ordinal, {chair: renamed} if renamed else None)
        (folder / name).write_text(text, encoding="utf-8")
    return chair


def test_changed_and_removed_documents_leave_no_stale_facts(neo4j, corpus_dir, tmp_path):
    """Two minutes share their chair; a corrected one that no longer names them keeps them, removing
    the other drops them."""
    folder, store = tmp_path / "docs", tmp_path / "store"
    seed_copies(corpus_dir, folder, **{"a.txt": (1, None), "b.txt": (2, None)})
    pipeline.load([folder], store)
    with opened(store) as st:
        push(st, neo4j)
    chair = cypher("MATCH (m:Meeting)-[:CHAIR]->(p) RETURN p.uri, p.sources", neo4j).rows
    assert len({row[0] for row in chair}) == 1 and len(chair[0][1]) == 2  # one chair, named by both

    seed_copies(corpus_dir, folder, **{"a.txt": (1, "甄一鸣")})  # a.txt corrected: another chair
    assert pipeline.load([folder], store).counts()["replaced"] == 1
    with opened(store) as st:
        assert push(st, neo4j)["pushed"] == ["https://w3id.org/minutes-kg/id/source/a.txt"]
    _assert_same_graph(neo4j, store)
    still = cypher("MATCH (p {uri: $uri}) RETURN p.sources", neo4j, {"uri": chair[0][0]}).rows
    assert still == [[["https://w3id.org/minutes-kg/id/source/b.txt"]]]

    pipeline.remove("b.txt", store)
    with opened(store) as st:
        assert len(push(st, neo4j)["withdrawn"]) == 1
    _assert_same_graph(neo4j, store)
    assert cypher("MATCH (p {uri: $uri}) RETURN p", neo4j, {"uri": chair[0][0]}).rows == []


def _assert_same_graph(conn, store):
    pg = projected(store)
    nodes, rels = neo4j_graph(conn)
    assert set(nodes) == set(pg.nodes)
    assert rels == sorted((e.source, e.type, e.target, e.props.get("uri")) for e in pg.edges)
    with opened(store) as st:
        documents = len(st.documents())
    assert cypher(f"MATCH (g:{GRAPH_LABEL}) RETURN count(g)", conn).rows == [[documents]]


def test_kg_push_and_cypher_from_the_command_line(neo4j, corpus_store):
    runner = CliRunner()
    pushed = runner.invoke(main, ["push", "--store", str(corpus_store), "--uri", neo4j.uri])
    assert pushed.exit_code == 0, pushed.output
    assert pushed.output.startswith("5 pushed, 0 unchanged, 0 withdrawn")
    again = runner.invoke(main, ["push", "--store", str(corpus_store), "--uri", neo4j.uri])
    assert again.output.startswith("0 pushed, 5 unchanged")
    query = "MATCH (m:Meeting) WHERE m.ordinal = toInteger($n) RETURN m.name AS name"
    answer = runner.invoke(main, ["cypher", query, "--param", "n=28", "--format", "json", "--uri", neo4j.uri])
    assert answer.exit_code == 0, answer.output
    assert '"name": "县政府第二十八次常务会议"' in answer.output


def test_cypher_is_read_only_unless_asked(neo4j):
    runner = CliRunner()
    refused = runner.invoke(main, ["cypher", "CREATE (:Resource {uri: 'x:1'})", "--uri", neo4j.uri])
    assert refused.exit_code == 1
    assert "kg: Neo4j rejected the query: Neo.ClientError.Statement.AccessMode" in refused.output
    create = "CREATE (n:Resource {uri: 'x:1'}) RETURN n.uri AS uri"
    written = runner.invoke(main, ["cypher", create, "--write", "--uri", neo4j.uri])
    assert written.exit_code == 0 and "x:1" in written.output


def test_neo4j_down_is_one_clear_line():
    result = CliRunner().invoke(main, ["cypher", "RETURN 1", "--uri", "bolt://127.0.0.1:9"])
    assert result.exit_code == 1
    assert result.output.startswith("kg: Neo4j refused the connection at bolt://127.0.0.1:9 - is it running?")


def test_load_and_remove_with_neo4j(neo4j, corpus_dir, tmp_path):
    runner, store = CliRunner(), str(tmp_path / "store")
    seed = str(corpus_dir / "xiangshan-2023-standing-28.txt")
    env = {"NEO4J_URI": neo4j.uri}
    loaded = runner.invoke(main, ["load", seed, "--store", store, "--neo4j"], env=env)
    assert loaded.exit_code == 0, loaded.output
    assert loaded.output.splitlines()[-1] == f"1 pushed, 0 unchanged, 0 withdrawn ({neo4j.uri})"
    before = counts(neo4j)
    again = runner.invoke(main, ["load", seed, "--store", store, "--neo4j"], env=env)
    assert again.output.splitlines()[-1].startswith("0 pushed, 1 unchanged") and counts(neo4j) == before
    removed = runner.invoke(
        main, ["remove", "xiangshan-2023-standing-28.txt", "--store", store, "--neo4j"], env=env
    )
    assert removed.exit_code == 0, removed.output
    assert counts(neo4j) == {"nodes": 0, "relationships": 0}


def test_a_new_document_takes_over_nodes_a_changed_one_held(neo4j, corpus_dir, tmp_path):
    """b.txt's chair moves to a new a.txt: b.txt is rewritten first, so a.txt can create them anew."""
    folder, store = tmp_path / "docs", tmp_path / "store"
    chair = seed_copies(corpus_dir, folder, **{"b.txt": (2, None)})
    pipeline.load([folder], store)
    with opened(store) as st:
        push(st, neo4j)
    seed_copies(corpus_dir, folder, **{"b.txt": (2, "甄一鸣"), "a.txt": (1, None)})
    pipeline.load([folder], store)
    with opened(store) as st:
        summary = push(st, neo4j)
    source = "https://w3id.org/minutes-kg/id/source/"
    assert summary["pushed"] == [f"{source}b.txt", f"{source}a.txt"]
    _assert_same_graph(neo4j, store)
    named = cypher("MATCH (p:Person {name: $name}) RETURN p.sources", neo4j, {"name": chair}).rows
    assert named == [[[f"{source}a.txt"]]]
