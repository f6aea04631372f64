"""SPARQL servers to put the graph in, run in the background: ``kg sparql-server start|stop|status``.

Two engines, each a module registered in :data:`ENGINES`: :mod:`kg.sparqlserver.oxigraph` (the
server binary of the ``oxigraph`` package, the same engine as the embedded store) and
:mod:`kg.sparqlserver.fuseki` (Apache Jena Fuseki with a TDB2 dataset, jars from Maven Central).
Either listens on 127.0.0.1 only, keeps its data in a folder of the user's cache
(``~/.cache/minutes-kg/sparql/<engine>``), and answers queries without ``GRAPH`` over the union of
its named graphs, as the embedded store does. :func:`start` returns the dataset's URL, the one to
pass as ``--store``; a server that takes a password (Fuseki) gets one generated on its first start,
kept owner-only in the user's config folder and found by :func:`credentials_for`.
docs/sparql-server.md records what was verified about each engine.

A data folder holds ``server.json`` (engine, port, URL), ``server.pid``, ``server.log`` and the
engine's database in ``db/``.
"""

from __future__ import annotations

import base64
import json
import os
import time
import urllib.error
import urllib.parse
import urllib.request
from pathlib import Path

from kg import passwords, processes
from kg.sparqlserver import fuseki, oxigraph
from loaders.errors import KGError

ENGINES = {"oxigraph": oxigraph, "fuseki": fuseki}
"""Engine name -> its module: ``DEFAULT_PORT``, ``USER`` (None: no authentication),
``prepare(data, port, password, error) -> command``, ``marker(data)``, ``dataset_path``,
``endpoints(url)``, ``require(error)``."""

DEFAULT_ENGINE = "oxigraph"
FILE = "sparql-servers.json"
READY_TIMEOUT = 120.0
STOP_TIMEOUT = 60.0
LOCAL_HOSTS = frozenset({"127.0.0.1", "localhost", "::1"})


class SparqlServerError(KGError):
    """A SPARQL server cannot be fetched, configured, started or stopped."""


def engine_module(engine: str):
    """The module of ``engine``; an unknown name is an error listing the known ones.

    >>> engine_module("qlever")
    Traceback (most recent call last):
    ...
    kg.sparqlserver.SparqlServerError: unknown SPARQL server engine 'qlever': choose fuseki or oxigraph
    """
    if engine not in ENGINES:
        known = " or ".join(sorted(ENGINES))
        raise SparqlServerError(f"unknown SPARQL server engine {engine!r}: choose {known}")
    return ENGINES[engine]


def default_data(engine: str = DEFAULT_ENGINE) -> Path:
    """``sparql/<engine>`` in the user's cache folder (``$XDG_CACHE_HOME``, else ``~/.cache``).

    >>> default_data("fuseki").parts[-3:]
    ('minutes-kg', 'sparql', 'fuseki')
    """
    cache = Path(os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache")
    return cache / "minutes-kg" / "sparql" / engine


def start(engine: str = DEFAULT_ENGINE, port: int | None = None, data=None) -> dict:
    """Start the server in the background and wait until it answers a query; idempotent.

    A server already running from ``data`` is left as it is (on its own port) and its status
    returned with ``already_running`` true. A port another program holds is an error, not a wait.
    """
    module = engine_module(engine)
    data = Path(data or default_data(engine)).absolute()
    module.require(SparqlServerError)
    if not data.exists():
        data.mkdir(parents=True, mode=0o700)  # the graph is the user's alone, like its password
    with processes.locked(data):
        if _pid(module, data):
            return status(engine, data) | {"already_running": True}
        port = port or module.DEFAULT_PORT
        if processes.port_open(port):
            raise SparqlServerError(
                f"port {port} on 127.0.0.1 is taken by another program: choose another with --port"
            )
        password = _password(module, data)
        command = module.prepare(data, port, password, SparqlServerError)
        url = f"http://127.0.0.1:{port}{module.dataset_path}"
        (data / "server.json").write_text(json.dumps({"engine": engine, "port": port, "url": url}))
        pid = processes.launch(command, data, data / "server.log", data / "server.pid")
        _wait_until_ready(module, data, pid, url, password)
        if password is not None:
            _keep(data, url, module.USER, password)
        return status(engine, data) | {"already_running": False}


def stop(engine: str = DEFAULT_ENGINE, data=None) -> dict:
    """Shut the server down (SIGTERM: both engines close their database cleanly on it);
    ``stopped`` false when it was not running."""
    module = engine_module(engine)
    data = Path(data or default_data(engine)).absolute()
    pid = _pid(module, data)
    if not pid:
        return {"engine": engine, "data": str(data), "stopped": False}
    processes.terminate(pid, STOP_TIMEOUT, f"{data}: {engine}", SparqlServerError)
    (data / "server.pid").unlink(missing_ok=True)
    return {"engine": engine, "data": str(data), "stopped": True, "pid": pid}


def status(engine: str = DEFAULT_ENGINE, data=None) -> dict:
    """Whether the server of ``data`` runs, its pid, dataset URL, endpoints, user and log."""
    module = engine_module(engine)
    data = Path(data or default_data(engine)).absolute()
    pid = _pid(module, data)
    url = _state(data).get("url")
    return {
        "running": bool(pid),
        "engine": engine,
        "pid": pid,
        "url": url,
        "endpoints": module.endpoints(url) if url else None,
        "user": module.USER,
        "data": str(data),
        "log": str(data / "server.log"),
    }


def credentials_for(url: str) -> tuple[str, str] | None:
    """The user and password kg keeps for the server it started at ``url`` (the dataset URL or any
    endpoint under it), or None: a server without authentication (Oxigraph's), or not one of kg's.

    >>> credentials_for("https://sparql.example.org/kg") is None
    True
    """
    wanted = _local(url)
    if wanted is None:
        return None
    found = [(e["user"], e["password"]) for e in passwords.read(FILE).values() if _under(wanted, e["url"])]
    return found[-1] if found else None


def _under(wanted: tuple[int, str], dataset_url: str) -> bool:
    """``wanted`` (port, path) is the dataset at ``dataset_url`` or an endpoint below it.

    >>> _under((3030, "/kg/query"), "http://127.0.0.1:3030/kg"), _under((3030, "/kgx"), "http://localhost:3030/kg")
    (True, False)
    """
    dataset = _local(dataset_url)
    if dataset is None or dataset[0] != wanted[0]:
        return False
    return wanted[1] == dataset[1] or wanted[1].startswith(dataset[1] + "/")


def _local(url: str) -> tuple[int, str] | None:
    """``(port, path)`` of an http URL on this machine, None for any other.

    >>> _local("http://localhost:3030/kg/query"), _local("http://db.example.org:3030/kg")
    ((3030, '/kg/query'), None)
    """
    parts = urllib.parse.urlsplit(url)
    try:
        port = parts.port or 80
    except ValueError:
        return None
    return (port, parts.path) if parts.scheme == "http" and parts.hostname in LOCAL_HOSTS else None


def _password(module, data: Path) -> str | None:
    """The kept password of this data folder's server, a new one on its first start, or None for an
    engine without authentication."""
    if module.USER is None:
        return None
    entry = passwords.read(FILE).get(str(data))
    return entry["password"] if entry else passwords.generate()


def _keep(data: Path, url: str, user: str, password: str) -> None:
    servers = passwords.read(FILE)
    servers.pop(str(data), None)
    servers[str(data)] = {"url": url, "user": user, "password": password}  # last: the newest start wins
    passwords.write(FILE, servers)


def _state(data: Path) -> dict:
    try:
        return json.loads((data / "server.json").read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}


def _pid(module, data: Path) -> int | None:
    return processes.running_pid(data / "server.pid", module.marker(data))


def _wait_until_ready(module, data: Path, pid: int, url: str, password: str | None) -> None:
    """Poll with ``ASK {}`` until the query endpoint answers; an open port alone is not ready."""
    query = module.endpoints(url)["query"] + "?" + urllib.parse.urlencode({"query": "ASK {}"})
    request = urllib.request.Request(query, headers={"Accept": "application/sparql-results+json"})
    if password is not None:
        token = base64.b64encode(f"{module.USER}:{password}".encode()).decode()
        request.add_header("Authorization", f"Basic {token}")
    deadline = time.monotonic() + READY_TIMEOUT
    while True:
        if not processes.alive(pid):
            (data / "server.pid").unlink(missing_ok=True)
            tail = processes.log_tail(data / "server.log")
            raise SparqlServerError(f"{data}: the server exited while starting: {tail}")
        try:
            with urllib.request.urlopen(request, timeout=5) as answer:
                answer.read()
            return
        except (urllib.error.URLError, OSError):
            if time.monotonic() > deadline:
                tail = processes.log_tail(data / "server.log")
                raise SparqlServerError(
                    f"{data}: the server did not answer at {url} within {READY_TIMEOUT:.0f} s: {tail}"
                ) from None
            time.sleep(0.2)
