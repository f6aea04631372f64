"""The real Neo4j server: start is idempotent, tools missing are clear errors, and a second instance
with a password serves the sync, survives being killed mid-push, and catches up with nothing doubled."""

import os
import signal
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

from kg.cli import main
from kg.neo4j import server
from kg.neo4j.connection import Neo4jAuthError, Neo4jUnavailableError, connection
from kg.neo4j.sync import counts, push
from kg.projection import project
from kg.stores import opened

AUTH_PORT = 7688
PASSWORD = "-kg-test-Secret-9"
"""Starts with a dash, as one generated password in 64 does: neo4j-admin took such a one for an
option and printed its usage instead of setting it."""


def test_start_again_says_it_is_already_running():
    """The default server (scripts/test starts it; this starts it if not): a second start is a no-op."""
    server.start()
    kg = Path(sys.executable).parent / "kg"
    result = subprocess.run([str(kg), "neo4j", "start"], capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
    assert result.stdout.startswith("Neo4j is already running")
    assert f"data: {server.status()['data']}" in result.stdout and "log: " in result.stdout
    status = CliRunner().invoke(main, ["neo4j", "status"])
    assert status.exit_code == 0 and status.output.startswith("Neo4j is running")


def test_status_of_a_home_without_a_server(tmp_path):
    result = CliRunner().invoke(main, ["neo4j", "status", "--home", str(tmp_path)])
    assert result.exit_code == 1 and result.output.startswith("Neo4j is not running")
    assert (
        CliRunner().invoke(main, ["neo4j", "stop", "--home", str(tmp_path)]).output
        == "Neo4j was not running\n"
    )


def test_missing_java_is_a_clear_error(tmp_path, monkeypatch):
    monkeypatch.setenv("PATH", str(tmp_path))
    result = CliRunner().invoke(main, ["neo4j", "start", "--home", str(tmp_path / "home")])
    assert result.exit_code == 1
    assert result.output.startswith("kg: `java` is not on PATH: install a Java 17 runtime")


def test_missing_maven_is_a_clear_error(tmp_path, monkeypatch):
    monkeypatch.setenv("PATH", str(tmp_path))
    with pytest.raises(server.Neo4jServerError, match="`mvn` is not on PATH: install Maven"):
        server.fetch_jars(tmp_path / "lib")


@pytest.fixture(scope="module")
def auth_server(tmp_path_factory, neo4j_server):
    """A second server, in its own home on its own port, with authentication on."""
    home = tmp_path_factory.mktemp("neo4j-auth")
    server.start(home, port=AUTH_PORT, password=PASSWORD)
    yield home
    server.stop(home)


def test_authentication_is_honoured_and_never_printed(auth_server):
    runner = CliRunner()
    ok = runner.invoke(main, ["cypher", "RETURN 1 AS one", "--uri", f"bolt://127.0.0.1:{AUTH_PORT}"],
                       env={"NEO4J_PASSWORD": PASSWORD})  # fmt: skip
    assert ok.exit_code == 0 and ok.output.splitlines()[-1] == "1"
    bad = runner.invoke(
        main, ["cypher", "RETURN 1", "--uri", f"bolt://127.0.0.1:{AUTH_PORT}", "--password", "nope"]
    )
    assert bad.exit_code == 1
    assert bad.output.startswith(f"kg: Neo4j at bolt://127.0.0.1:{AUTH_PORT} refused user 'neo4j'")
    assert "nope" not in bad.output
    with pytest.raises(Neo4jAuthError):
        counts(connection(f"bolt://127.0.0.1:{AUTH_PORT}", password=None, username="neo4j"))


def test_killed_mid_push_then_caught_up(auth_server, corpus_store):
    conn = connection(f"bolt://127.0.0.1:{AUTH_PORT}", password=PASSWORD)
    status = server.status(auth_server)

    def kill_after_first(graph):
        os.kill(status["pid"], signal.SIGKILL)

    with opened(corpus_store) as st:
        before = sum(1 for _ in st.quads())
        with pytest.raises(Neo4jUnavailableError, match="is it running"):
            push(st, conn, progress=kill_after_first, batch_triples=1)  # a transaction per document
        assert sum(1 for _ in st.quads()) == before  # the embedded store is intact

    server.start(auth_server, port=AUTH_PORT, password=PASSWORD)
    with opened(corpus_store) as st:
        summary = push(st, conn)
        pg = project(st.quads())
    assert summary["unchanged"] == 1 and len(summary["pushed"]) == 4  # the first document had landed
    assert counts(conn) == {"nodes": len(pg.nodes), "relationships": len(pg.edges)}
