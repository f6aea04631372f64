"""``kg push --rebuild`` (issue 13): the database made anew by neo4j-admin's import holds what an
incremental push writes, to the last ``sources`` list; a later push finds every document there;
the saved questions agree; a server kg does not run is told what to run; ``neo4j://`` reaches the
same server as ``bolt://``.

The server is a real one kg runs, in a home of its own on port 7695 (a rebuild stops and starts it,
which the shared servers on 7687 and 7689 must never be), its password kept in a config folder
under ``tmp_path``, never the user's.
"""

import json
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

from kg.cli import main
from kg.neo4j import credentials, server
from kg.neo4j.connection import Connection
from kg.neo4j.cypher import cypher
from kg.neo4j.sync import clear, counts, push
from kg.projection import project
from kg.stores import opened

PORT = 7695
URI = f"bolt://127.0.0.1:{PORT}"
KG = Path(sys.executable).with_name("kg")


@pytest.fixture(scope="module")
def managed(tmp_path_factory):
    """A server kg runs, and the config folder that keeps its password (set for the module)."""
    config = tmp_path_factory.mktemp("config")
    home = tmp_path_factory.mktemp("neo4j-rebuild") / "home"
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("XDG_CONFIG_HOME", str(config))
        for name in ("NEO4J_URI", "NEO4J_USERNAME", "NEO4J_PASSWORD", "NEO4J_DATABASE"):
            patch.delenv(name, raising=False)
        server.start(home, port=PORT)
        yield Connection(URI, "neo4j", credentials.for_uri(URI))
        server.stop(home)


def snapshot(conn) -> tuple[dict, list]:
    """Every node (labels, properties) by uri and every relationship (ends, type, properties)."""
    nodes = cypher("MATCH (n) RETURN coalesce(n.uri, ''), labels(n), properties(n)", conn).rows
    rels = cypher("MATCH (a)-[r]->(b) RETURN a.uri, type(r), b.uri, properties(r)", conn).rows
    node_map = {(uri, tuple(sorted(labels))): props for uri, labels, props in nodes}
    assert len(node_map) == len(nodes)
    return node_map, sorted(json.dumps(row, ensure_ascii=False, sort_keys=True) for row in rels)


def test_a_rebuild_holds_what_a_push_writes(managed, county_store, tmp_path):
    clear(managed)
    with opened(county_store) as st:
        pushed = push(st, managed)
        pg = project(st.quads())
    written = snapshot(managed)

    files = tmp_path / "files"
    runner = CliRunner()
    done = runner.invoke(main, ["push", "--rebuild", "--files", str(files), "--store", str(county_store),
                                "--uri", URI])  # fmt: skip
    assert done.exit_code == 0, done.output
    documents = len(pushed["pushed"])
    rebuilt = f"{documents} documents rebuilt: {len(pg.nodes)} nodes, {len(pg.edges)} relationships"
    assert done.output.startswith(rebuilt)
    assert (files / "graphs.csv").exists()  # kept where asked
    assert snapshot(managed) == written
    assert counts(managed) == {"nodes": len(pg.nodes), "relationships": len(pg.edges)}
    constraints = cypher("SHOW CONSTRAINTS YIELD name RETURN name ORDER BY name", managed).rows
    assert constraints == [["kg_kggraph_uri"], ["kg_resource_uri"]]

    again = runner.invoke(main, ["push", "--store", str(county_store), "--uri", URI])
    assert again.output.startswith(f"0 pushed, {documents} unchanged, 0 withdrawn"), again.output
    compare = runner.invoke(main, ["ask", "--all", "--compare", "--store", str(county_store), "--uri", URI])
    assert compare.exit_code == 0, compare.output
    assert compare.output.splitlines()[-1].endswith("answers agree")


def test_routing_uris_reach_the_same_server(managed, corpus_store):
    """neo4j:// asks the server where to go; a server kg runs names itself, not localhost:7687."""
    routed = Connection(f"neo4j://127.0.0.1:{PORT}", "neo4j", managed.password)
    clear(routed)
    with opened(corpus_store) as st:
        summary = push(st, routed)
        pg = project(st.quads())
    assert len(summary["pushed"]) == 5
    assert counts(managed) == counts(routed) == {"nodes": len(pg.nodes), "relationships": len(pg.edges)}
    table = cypher("CALL dbms.routing.getRoutingTable({}, null) YIELD servers RETURN servers", managed)
    assert {a for s in table.rows[0][0] for a in s["addresses"]} == {f"127.0.0.1:{PORT}"}


def test_a_server_kg_does_not_run_is_told_what_to_run(corpus_store, tmp_path):
    environ = {"PATH": "/usr/bin:/bin", "XDG_CONFIG_HOME": str(tmp_path / "config")}
    uri = "bolt://db.example:7687"
    command = [str(KG), "push", "--rebuild", "--store", str(corpus_store), "--uri", uri, "--password", "x"]
    told = subprocess.run(command, capture_output=True, text=True, env=environ)
    assert told.returncode == 1 and told.stdout == ""
    assert told.stderr.count("\n") == 1 and "Traceback" not in told.stderr
    assert told.stderr.startswith(f"kg: Neo4j at {uri} is not a server kg runs")
    assert "--files DIR" in told.stderr

    files = tmp_path / "files"
    written = subprocess.run([*command, "--files", str(files)], capture_output=True, text=True, env=environ)
    assert written.returncode == 1 and written.stderr.count("\n") == 1
    assert f"--nodes={files}/graphs.csv" in written.stderr
    assert "neo4j-admin database import full" in written.stderr
    header = (files / "graphs.csv").read_text(encoding="utf-8").splitlines()[0]
    assert header == "uri:ID(KGGraph),:LABEL,digest:string"
