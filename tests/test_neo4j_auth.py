"""The Neo4j that ``kg neo4j start`` runs is locked (issue 11, point 5): authentication on with a
generated password kept owner-only and used by every kg command, a restart never weakens it, LOAD
CSV cannot read the machine's files, a read-only ``kg cypher`` refuses what reaches files or the
network, and a password inside ``--uri`` is never echoed.

The server is a real one in a home of its own (port 7693), first run the way an older kg ran it
(authentication off), so the first start of this kg shows how such a home is given a password. The
kept passwords go to a config folder under ``tmp_path``, never the user's.
"""

import os
import subprocess
import sys
import time
from pathlib import Path

import pytest

from kg import passwords
from kg.neo4j import credentials, server
from kg.neo4j.connection import Connection, Neo4jAuthError
from kg.neo4j.sync import counts
from tests.conftest import one_line

PORT = 7693
URI = f"bolt://127.0.0.1:{PORT}"
KG = Path(sys.executable).with_name("kg")


def kg(*args, env=None) -> subprocess.CompletedProcess:
    environ = {k: v for k, v in os.environ.items() if not k.startswith("NEO4J_")} | (env or {})
    return subprocess.run([str(KG), *args], capture_output=True, text=True, env=environ)


def start_as_an_older_kg_did(home: Path) -> None:
    """Run ``home`` once with authentication off, as ``kg neo4j start`` without --password used to."""
    import neo4j

    lib = server.fetch_jars(server.default_home() / "lib")
    server._configure(home, PORT)
    conf = home / "conf" / "neo4j.conf"
    conf.write_text(conf.read_text().replace("auth_enabled=true", "auth_enabled=false"))
    server._launch(home, lib)
    deadline = time.monotonic() + server.READY_TIMEOUT
    while True:
        try:
            with neo4j.GraphDatabase.driver(URI, auth=None) as db, db.session() as session:
                session.run("RETURN 1").consume()
            break
        except (neo4j.exceptions.ServiceUnavailable, neo4j.exceptions.SessionExpired, OSError):
            assert time.monotonic() < deadline, "the open server did not come up"
            time.sleep(0.5)
    server.stop(home)


@pytest.fixture(scope="module")
def locked(tmp_path_factory):
    """The home, after an open first run and a start by this kg, with its config folder set."""
    config = tmp_path_factory.mktemp("config")
    home = tmp_path_factory.mktemp("neo4j-locked") / "home"
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("XDG_CONFIG_HOME", str(config))
        start_as_an_older_kg_did(home)
        server.start(home, port=PORT)
        yield home
        server.stop(home)


def test_the_password_is_generated_and_kept_owner_only(locked):
    kept = passwords.config_dir() / credentials.FILE
    assert kept.stat().st_mode & 0o777 == 0o600
    assert kept.parent.stat().st_mode & 0o777 == 0o700
    password = credentials.for_home(locked)
    assert len(password) >= 20
    conf = (locked / "conf" / "neo4j.conf").read_text()
    assert "dbms.security.auth_enabled=true" in conf
    assert "dbms.security.allow_csv_import_from_file_urls=false" in conf
    assert kg("neo4j", "password", "--home", str(locked)).stdout.strip() == password


def test_every_command_uses_the_kept_password(locked, tmp_path):
    done = kg("cypher", "RETURN 1 AS one", "--uri", URI)
    assert done.returncode == 0, done.stderr
    assert done.stdout.splitlines()[-1] == "1"
    elsewhere = {"XDG_CONFIG_HOME": str(tmp_path)}  # another user: no password kept
    assert "refused user 'neo4j'" in one_line(kg("cypher", "RETURN 1", "--uri", URI, env=elsewhere))
    wrong = one_line(kg("cypher", "RETURN 1", "--uri", URI, "--password", "not-it-123"))
    assert "refused user 'neo4j'" in wrong and "not-it-123" not in wrong


def test_load_csv_cannot_read_the_machines_files(locked):
    for url in ("file:///etc/passwd", "file:///passwd"):
        query = f"LOAD CSV FROM '{url}' AS row RETURN row LIMIT 1"
        read = one_line(kg("cypher", query, "--uri", URI))
        assert "read-only query may not use LOAD CSV" in read
        written = one_line(kg("cypher", query, "--uri", URI, "--write"))
        assert written.startswith("kg: Neo4j rejected the query") and "root:" not in written


def test_read_only_cypher_refuses_file_and_network_procedures():
    """Refused before anything is sent: the port has no server, yet the answer is the refusal."""
    for query in (
        "CALL apoc.load.json('http://example.org/x.json') YIELD value RETURN value",
        "CALL `apoc`.`export`.csv.all('/tmp/x.csv', {})",
        "LOAD // a comment\n CSV FROM 'https://example.org/a.csv' AS r RETURN r",
    ):
        line = one_line(kg("cypher", query, "--uri", "bolt://127.0.0.1:1"))
        assert "read-only query may not use LOAD CSV or procedures" in line


def test_a_password_inside_the_uri_is_never_echoed():
    for uri in ("bolt://neo4j:s3cret-pw@127.0.0.1:1", "http://neo4j:s3cret-pw@127.0.0.1:7474"):
        line = one_line(kg("cypher", "RETURN 1", "--uri", uri))
        assert "s3cret-pw" not in line and "127.0.0.1" in line


def test_http_uri_is_one_line():
    line = one_line(kg("cypher", "RETURN 1", "--uri", "http://127.0.0.1:7474"))
    assert line.startswith("kg: http://127.0.0.1:7474 is not a Neo4j Bolt address")


def test_password_changes_and_a_restart_never_weakens(locked):
    old = credentials.for_home(locked)
    done = kg("neo4j", "password", "--home", str(locked), "--change")
    assert done.returncode == 0, done.stderr
    new = done.stdout.strip()
    assert new != old and credentials.for_home(locked) == new
    with pytest.raises(Neo4jAuthError):
        counts(Connection(URI, "neo4j", old))
    server.stop(locked)
    conf = locked / "conf" / "neo4j.conf"  # as an older kg's start without --password left it
    conf.write_text(conf.read_text().replace("auth_enabled=true", "auth_enabled=false"))
    server.start(locked, port=PORT)
    assert "dbms.security.auth_enabled=true" in conf.read_text()
    assert credentials.for_home(locked) == new
    assert set(counts(Connection(URI, "neo4j", new))) == {"nodes", "relationships"}
    with pytest.raises(Neo4jAuthError):
        counts(Connection(URI, "neo4j", None))
