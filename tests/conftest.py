"""Shared fixtures: the corpus of real minutes and the scorer that come with the project's shared folder."""

from pathlib import Path

import pytest

pytest_plugins = ["tests.sparql_servers"]  # the oxigraph_server and fuseki_server fixtures

ROOT = Path(__file__).resolve().parent.parent
SHARED = ROOT.parent / "shared"
CORPUS = SHARED / "corpus"
SCORER = SHARED / "tools" / "score-minutes"
EXAMPLES = ROOT / "examples" / "minutes"
MULTI = ROOT / "tests" / "data" / "multi"
SEED = "xiangshan-2023-standing-28"
CORPUS_NAMES = sorted(p.name.removesuffix(".expected.json") for p in CORPUS.glob("*.expected.json"))


@pytest.fixture(scope="session")
def corpus_dir() -> Path:
    """The shared corpus; a missing one fails the run rather than skipping it."""
    assert CORPUS.is_dir(), f"the shared corpus is missing at {CORPUS}"
    return CORPUS


@pytest.fixture
def store_path(tmp_path) -> Path:
    """A fresh on-disk store location for one test."""
    return tmp_path / "store"


@pytest.fixture(scope="session")
def corpus_store(tmp_path_factory, corpus_dir) -> Path:
    """A store on disk with the whole corpus loaded once per run; tests read it and never write."""
    from kg.pipeline import load

    path = tmp_path_factory.mktemp("corpus") / "store"
    report = load(sorted(str(p) for p in corpus_dir.glob("*.txt")), path)
    assert not report.failed, [r.reason for r in report.failed]
    return path


@pytest.fixture(scope="session")
def county_store(tmp_path_factory, corpus_dir) -> Path:
    """The corpus and the invented county's minutes (``tests/data/multi``: one government over
    several meetings, so units, people and documents recur) in one store; tests never write it."""
    from kg.pipeline import load

    path = tmp_path_factory.mktemp("county") / "store"
    report = load(sorted(str(p) for p in [*corpus_dir.glob("*.txt"), *MULTI.glob("*.txt")]), path)
    assert not report.failed, [r.reason for r in report.failed]
    return path


def one_line(done) -> str:
    """A failed ``kg`` subprocess's message: exit non-zero, exactly one line on stderr, no traceback."""
    assert done.returncode != 0
    assert "Traceback" not in done.stderr
    lines = done.stderr.strip().splitlines()
    assert len(lines) == 1, done.stderr
    return lines[0]


CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_FLAGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]  # playwright adds --headless


@pytest.fixture(scope="session")
def browser(tmp_path_factory):
    """One headless Chromium (Debian's) with a fresh profile, offline, for every page test of the run;
    a missing Chromium fails the tests. Playwright runs one instance per thread, so tests share it."""
    from playwright.sync_api import sync_playwright

    assert CHROMIUM.exists(), f"{CHROMIUM} is missing: apt-get install chromium (scripts/test does)"
    profile = tmp_path_factory.mktemp("chromium-profile")
    with sync_playwright() as pw:
        context = pw.chromium.launch_persistent_context(
            profile,
            executable_path=CHROMIUM,
            args=CHROMIUM_FLAGS,
            headless=True,
            viewport={"width": 1400, "height": 900},
        )
        context.set_offline(True)
        yield context
        context.close()


@pytest.fixture(scope="session")
def servers_lock():
    """One test session at a time uses the tests' servers (Neo4j on 7689, Oxigraph's on 7879, Fuseki
    on 3031), so suites run side by side don't change each other's graphs. One lock for all of them,
    taken when a session first needs any: with a lock per server, two sessions each holding one and
    waiting for the other's would wait for ever. It is the file earlier sessions locked for Neo4j
    alone, so they and this one still exclude each other."""
    import fcntl

    from kg.neo4j import server

    home = server.default_home().with_name(server.default_home().name + "-tests")
    home.mkdir(parents=True, exist_ok=True)
    with open(home / "tests.lock", "w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        yield


@pytest.fixture(scope="session")
def neo4j_server(servers_lock):
    """A Neo4j for the tests, started by the function behind `kg neo4j start` if it is not up.

    It is a server of its own (its own home beside the default one, port 7689), so tests that reset
    it never wipe the graph of the default server on 7687, which people and other tests use. It
    fails, never skips, when it cannot be had; one test session at a time holds it (``servers_lock``).
    """
    from kg.neo4j import server

    home = server.default_home().with_name(server.default_home().name + "-tests")
    return server.start(home, port=7689)


def tests_connection(info: dict):
    """A connection to the tests' server as user neo4j, with the password kg keeps for it (none is
    kept for a server an older kg started without authentication; it takes any)."""
    from kg.neo4j import credentials
    from kg.neo4j.connection import Connection

    return Connection(info["uri"], "neo4j", credentials.for_uri(info["uri"]))


@pytest.fixture
def neo4j(neo4j_server):
    """A connection to that Neo4j, emptied (batched DETACH DELETE) before the test."""
    from kg.neo4j.sync import clear

    conn = tests_connection(neo4j_server)
    clear(conn)
    return conn


@pytest.fixture(scope="module")
def county_neo4j(neo4j_server, county_store):
    """The test Neo4j holding the county store, emptied and pushed once per module: a push takes
    seconds, so a module's tests share it and must not change it (or put back what they change)."""
    from kg.neo4j.sync import clear, push
    from kg.stores import opened

    conn = tests_connection(neo4j_server)
    clear(conn)
    with opened(county_store) as st:
        push(st, conn)
    return conn
