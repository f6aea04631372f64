"""kg sparql-server start|stop|status, and what docs/sparql-server.md says of each engine, on real servers.

The lifecycle tests run their own server (a data folder in ``tmp_path``, a free port) through the
command line as a subprocess; the rest use the session's servers (``oxigraph_server``,
``fuseki_server`` from tests/sparql_servers.py), in graphs of their own that they drop afterwards.
"""

import base64
import json
import socket
import subprocess
import sys
import urllib.error
import urllib.parse
import urllib.request
import uuid
from pathlib import Path

import pytest

from kg import processes, sparqlserver
from tests.conftest import one_line

KG = [str(Path(sys.executable).with_name("kg"))]
ENGINES = ["oxigraph", "fuseki"]
EX = "http://example.org/"
TRIPLE_TERM = f"<{EX}d> <{EX}states> <<( <{EX}a> <{EX}p> <{EX}b> )>>"
"""The store's layout: a document states a triple (``<doc> mkg:states <<( s p o )>>``)."""


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def request(url, data=None, content_type=None, accept=None, auth=None, method=None):
    """One HTTP request: ``(status, body text)``; a refusal is a status, not an exception."""
    headers = {k: v for k, v in (("Content-Type", content_type), ("Accept", accept)) if v}
    if auth and auth[0]:
        headers["Authorization"] = "Basic " + base64.b64encode(f"{auth[0]}:{auth[1]}".encode()).decode()
    body = data.encode() if isinstance(data, str) else data
    sent = urllib.request.Request(url, body, headers, method=method)
    try:
        with urllib.request.urlopen(sent, timeout=60) as answer:
            return answer.status, answer.read().decode()
    except urllib.error.HTTPError as error:
        return error.code, error.read().decode(errors="replace")


def update(server, text, auth=True):
    return request(server["endpoints"]["update"], text, "application/sparql-update",
                   auth=(server["user"], server["password"]) if auth else None)  # fmt: skip


def updated(server, text):
    """Run an update that must succeed."""
    status, body = update(server, text)
    assert status in (200, 204), body


def select(server, query, accept="application/sparql-results+json"):
    url = server["endpoints"]["query"] + "?" + urllib.parse.urlencode({"query": query})
    status, body = request(url, accept=accept, auth=(server["user"], server["password"]))
    assert status == 200, body
    return json.loads(body)["results"]["bindings"] if accept.endswith("json") else body


@pytest.fixture(params=ENGINES)
def server(request):
    """Each engine's session server, by name."""
    return request.getfixturevalue(f"{request.param}_server")


@pytest.fixture
def graph(server):
    """A named graph of this test's own, dropped afterwards."""
    name = f"http://example.org/test/{uuid.uuid4()}"
    yield name
    update(server, f"DROP SILENT GRAPH <{name}>")


def kg(*args, env=None):
    return subprocess.run([*KG, *args], capture_output=True, text=True, env=env, timeout=600)


@pytest.mark.parametrize("engine", ENGINES)
def test_start_status_stop_and_the_data_survives_a_restart(engine, tmp_path):
    port, data = str(free_port()), str(tmp_path / engine)
    where = ["--engine", engine, "--data", data]
    started = kg("sparql-server", "start", *where, "--port", port)
    assert started.returncode == 0, started.stderr
    url = f"http://127.0.0.1:{port}{sparqlserver.ENGINES[engine].dataset_path}"
    assert started.stdout.startswith(f"{engine} started\nurl: {url}\n")
    assert f"--store {url}" in started.stdout
    try:
        again = kg("sparql-server", "start", *where, "--port", port)
        assert again.stdout.startswith(f"{engine} is already running\nurl: {url}\n")
        running = kg("sparql-server", "status", *where)
        assert running.returncode == 0 and f"data: {data}" in running.stdout
        info = sparqlserver.status(engine, data) | _credentials(url)
        updated(info, f"INSERT DATA {{ GRAPH <{EX}g> {{ {TRIPLE_TERM} }} }}")
        assert kg("sparql-server", "stop", *where).stdout.startswith(f"{engine} stopped (pid ")
        assert not processes.port_open(int(port)), "stop returned before the server let go of its port"
        assert kg("sparql-server", "status", *where).returncode == 1
        assert kg("sparql-server", "start", *where, "--port", port).returncode == 0
        assert select(info, "SELECT ?d { ?d ?p <<( ?s ?q ?o )>> }") == [
            {"d": {"type": "uri", "value": f"{EX}d"}}
        ]
    finally:
        sparqlserver.stop(engine, data)
    assert kg("sparql-server", "stop", *where).stdout == f"{engine} was not running\n"


def _credentials(url):
    user, password = sparqlserver.credentials_for(url) or (None, None)
    return {"user": user, "password": password}


def test_a_port_another_program_holds_is_a_clear_error(tmp_path):
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        done = kg("sparql-server", "start", "--data", str(tmp_path), "--port", str(port))
    taken_line = f"kg: port {port} on 127.0.0.1 is taken by another program: choose another with --port"
    assert one_line(done) == taken_line


def test_an_unknown_engine_is_refused():
    done = kg("sparql-server", "status", "--engine", "qlever")
    assert done.returncode == 2 and "'qlever' is not one of 'oxigraph', 'fuseki'" in done.stderr


def listening_addresses(port: int) -> set[str]:
    """The local addresses of the sockets listening on ``port`` (from /proc/net/tcp and tcp6)."""
    found = set()
    for table in ("/proc/net/tcp", "/proc/net/tcp6"):
        for line in Path(table).read_text().splitlines()[1:]:
            local, state = line.split()[1], line.split()[3]
            address, hex_port = local.split(":")
            if state == "0A" and int(hex_port, 16) == port:
                found.add(_address(address))
    return found


def _address(hex_address: str) -> str:
    raw = bytes.fromhex(hex_address)
    words = b"".join(raw[i : i + 4][::-1] for i in range(0, len(raw), 4))
    if len(words) == 4:
        return socket.inet_ntop(socket.AF_INET, words)
    address = socket.inet_ntop(socket.AF_INET6, words)
    return address.removeprefix("::ffff:")


def test_bound_to_loopback_only(server):
    port = urllib.parse.urlsplit(server["url"]).port
    assert listening_addresses(port) == {"127.0.0.1"}


def test_the_default_graph_is_the_union_of_the_named_graphs(server, graph):
    updated(server, f"INSERT DATA {{ GRAPH <{graph}> {{ <{graph}#s> <{graph}#p> 1 }} }}")
    rows = select(server, f"SELECT ?o {{ <{graph}#s> <{graph}#p> ?o }}")
    assert [row["o"]["value"] for row in rows] == ["1"]


def test_fuseki_refuses_anyone_without_the_password(fuseki_server):
    insert = "INSERT DATA { <urn:x:s> <urn:x:p> <urn:x:o> }"
    assert update(fuseki_server, insert, auth=False)[0] == 401
    wrong = fuseki_server | {"password": "not-the-password"}
    assert update(wrong, insert)[0] == 401
    assert request(fuseki_server["endpoints"]["query"] + "?query=ASK%7B%7D")[0] == 401
    assert request(fuseki_server["url"], accept="application/n-quads")[0] == 401


def test_fuseki_s_password_is_kept_owner_only(fuseki_server):
    from kg import passwords

    kept = passwords.config_dir() / sparqlserver.FILE
    assert kept.stat().st_mode & 0o777 == 0o600
    realm = Path(fuseki_server["data"]) / "passwd"
    assert realm.stat().st_mode & 0o777 == 0o600 and fuseki_server["password"] not in realm.read_text()
    assert fuseki_server["user"] == "kg" and len(fuseki_server["password"]) == 24


def test_oxigraph_s_server_asks_for_no_password(oxigraph_server):
    assert oxigraph_server["user"] is None and sparqlserver.credentials_for(oxigraph_server["url"]) is None


@pytest.mark.parametrize("accept", ["application/sparql-results+json", "application/sparql-results+xml",
                                    "text/tab-separated-values"])  # fmt: skip
def test_triple_terms_in_an_update_a_pattern_and_each_result_format(server, graph, accept):
    updated(server, f"INSERT DATA {{ GRAPH <{graph}> {{ {TRIPLE_TERM} }} }}")
    found = select(server, f"SELECT ?t {{ GRAPH <{graph}> {{ <{EX}d> <{EX}states> ?t }} }}", accept)
    if accept.endswith("json"):
        assert found == [{"t": {"type": "triple", "value": {
            "subject": {"type": "uri", "value": f"{EX}a"},
            "predicate": {"type": "uri", "value": f"{EX}p"},
            "object": {"type": "uri", "value": f"{EX}b"},
        }}}]  # fmt: skip
    elif accept.endswith("xml"):
        assert f"<triple><subject><uri>{EX}a</uri></subject>" in "".join(found.split())
    else:
        assert found.splitlines()[1] == f"<<( <{EX}a> <{EX}p> <{EX}b> )>>"
    pattern = f"SELECT ?o {{ ?d <{EX}states> <<( <{EX}a> <{EX}p> ?o )>> }}"
    assert [row["o"]["value"] for row in select(server, pattern)] == [f"{EX}b"]


def test_n_quads_with_triple_terms_go_in_through_the_graph_store_protocol(server, graph):
    auth, store = (server["user"], server["password"]), server["endpoints"]["store"]
    quads = f"{TRIPLE_TERM} <{graph}> .\n"
    posted = request(store, quads, "application/n-quads", auth=auth, method="POST")
    assert posted[0] in (200, 204), posted[1]
    into_graph = store + "?" + urllib.parse.urlencode({"graph": graph})
    triples = f'{TRIPLE_TERM} .\n<{EX}e> <{EX}p> "1" .\n'
    put = request(into_graph, triples, "application/n-triples", auth=auth, method="PUT")
    assert put[0] in (200, 201, 204), put[1]
    rows = select(server, f"SELECT ?s ?t {{ GRAPH <{graph}> {{ ?s ?p ?t }} }} ORDER BY ?s")
    assert [row["t"]["type"] for row in rows] == ["triple", "literal"]


def test_service_is_refused_by_fuseki_and_run_by_oxigraph(oxigraph_server, fuseki_server):
    """Oxigraph's server has no switch for SERVICE; kg's Fuseki turns it off (arq:httpServiceAllowed)."""
    remote = f"SELECT * {{ SERVICE <{oxigraph_server['endpoints']['query']}> {{ BIND(1 AS ?one) }} }}"
    assert select(oxigraph_server, remote) == [
        {"one": {"type": "literal", "value": "1", "datatype": "http://www.w3.org/2001/XMLSchema#integer"}}
    ]
    url = fuseki_server["endpoints"]["query"] + "?" + urllib.parse.urlencode({"query": remote})
    status, body = request(url, auth=(fuseki_server["user"], fuseki_server["password"]))
    assert status >= 400 and "SERVICE execution disabled" in body


def test_load_of_a_file_url(server, graph, tmp_path):
    """Oxigraph refuses ``LOAD <file:…>``; Fuseki reads the file, and has no switch to stop it (only
    its password keeps others out): docs/sparql-server.md says so."""
    facts = tmp_path / "facts.nt"
    facts.write_text(f'<{EX}f> <{EX}p> "from a file" .\n', encoding="utf-8")
    status, _ = update(server, f"LOAD <{facts.as_uri()}> INTO GRAPH <{graph}>")
    rows = select(server, f"SELECT ?o {{ GRAPH <{graph}> {{ ?s ?p ?o }} }}")
    if server["engine"] == "oxigraph":
        assert status == 500 and rows == []
    else:
        assert status in (200, 204) and [row["o"]["value"] for row in rows] == ["from a file"]


def test_missing_java_or_maven_is_a_clear_error(tmp_path, monkeypatch):
    data = str(tmp_path / "data")
    done = kg("sparql-server", "start", "--engine", "fuseki", "--data", data, env={"PATH": str(tmp_path)})
    assert one_line(done).startswith("kg: `java` is not on PATH: install a Java 17 runtime")
    monkeypatch.setenv("PATH", str(tmp_path))
    with pytest.raises(sparqlserver.SparqlServerError, match="`mvn` is not on PATH: install Maven 3"):
        sparqlserver.fuseki.fetch_jars(sparqlserver.SparqlServerError, tmp_path / "lib")
