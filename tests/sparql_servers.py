"""Fixtures for the SPARQL servers kg runs: ``oxigraph_server`` and ``fuseki_server``, one per test session.

Each is started by :func:`kg.sparqlserver.start`, the function behind ``kg sparql-server start``, as
a server of its own (a data folder beside the default one, ``<engine>-tests``, and a port of its own,
7879 and 3031), so tests never touch the graph of the server a person runs on the default port. It
is left running for the next session, as the Neo4j tests' server is. One test session at a time
holds the tests' servers (``servers_lock`` in conftest.py, one lock for these and Neo4j's), so suites
running side by side don't change each other's graphs. It fails, never skips, when it cannot be had
(Fuseki's jars come from Maven Central on the first start). Registered for every test module by
``pytest_plugins`` in conftest.py.
"""

import pytest

TEST_PORTS = {"oxigraph": 7879, "fuseki": 3031}


def data_folder(engine: str):
    """The data folder of the tests' server of ``engine``, beside the default one."""
    from kg import sparqlserver

    default = sparqlserver.default_data(engine)
    return default.with_name(f"{default.name}-tests")


def tests_server(engine: str) -> dict:
    """Start (or find running) the tests' server of ``engine``: ``{url, user, password, endpoints,
    engine, data, pid, …}``; user and password are None for a server without authentication."""
    from kg import sparqlserver

    info = sparqlserver.start(engine, port=TEST_PORTS[engine], data=data_folder(engine))
    user, password = sparqlserver.credentials_for(info["url"]) or (None, None)
    return info | {"user": user, "password": password}


@pytest.fixture(scope="session")
def oxigraph_server(servers_lock):
    """Oxigraph's server for the tests on 127.0.0.1:7879 (no authentication: user and password None)."""
    return tests_server("oxigraph")


@pytest.fixture(scope="session")
def fuseki_server(servers_lock):
    """Fuseki with its TDB2 dataset ``kg`` for the tests, at http://127.0.0.1:3031/kg, user kg."""
    return tests_server("fuseki")
