"""Fixtures for the SPARQL servers kg runs: ``oxigraph_server`` and ``fuseki_server``, one per test session.

Each is started by :func:`kg.sparqlserver.start`, the function behind ``kg sparql-server start``, as
a server of its own (a data folder beside the default one, ``<engine>-tests``, and a port of its own,
7879 and 3031), so tests never touch the graph of the server a person runs on the default port. It
is left running for the next session, as the Neo4j tests' server is. One test session at a time
holds it (a lock in its data folder), so suites running side by side don't change each other's
graph. It fails, never skips, when it cannot be had (Fuseki's jars come from Maven Central on the
first start). Registered for every test module by ``pytest_plugins`` in conftest.py.
"""

import fcntl

import pytest

TEST_PORTS = {"oxigraph": 7879, "fuseki": 3031}


def data_folder(engine: str):
    """The data folder of the tests' server of ``engine``, beside the default one."""
    from kg import sparqlserver

    default = sparqlserver.default_data(engine)
    return default.with_name(f"{default.name}-tests")


def held_server(engine: str):
    """Start (or find running) the tests' server of ``engine`` and hold its lock while yielding
    ``{url, user, password, endpoints, engine, data, pid}``; user and password are None for a
    server without authentication."""
    from kg import sparqlserver

    info = sparqlserver.start(engine, port=TEST_PORTS[engine], data=data_folder(engine))
    user, password = sparqlserver.credentials_for(info["url"]) or (None, None)
    with open(data_folder(engine) / "tests.lock", "w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        yield info | {"user": user, "password": password}


@pytest.fixture(scope="session")
def oxigraph_server():
    """Oxigraph's server for the tests on 127.0.0.1:7879 (no authentication: user and password None)."""
    yield from held_server("oxigraph")


@pytest.fixture(scope="session")
def fuseki_server():
    """Fuseki with its TDB2 dataset ``kg`` for the tests, at http://127.0.0.1:3031/kg, user kg."""
    yield from held_server("fuseki")
