"""Oxigraph's own server, the binary the ``oxigraph`` package on PyPI installs beside Python.

It is the engine of the embedded store behind HTTP: ``oxigraph serve`` with ``--location`` (a
RocksDB folder), ``--bind 127.0.0.1:PORT`` and ``--union-default-graph``. It has no authentication
at all, so it listens on loopback only and anyone on this machine can write to it; its SPARQL
``SERVICE`` and ``LOAD`` fetch http(s) URLs and it has no switch to turn that off (``file:`` URLs are
refused). docs/sparql-server.md records what was verified.
"""

from __future__ import annotations

import shutil
import sysconfig
from pathlib import Path

DEFAULT_PORT = 7878
USER = None
"""No user: Oxigraph's server has no authentication."""
dataset_path = ""


def binary() -> Path | None:
    """The ``oxigraph`` program of this Python's environment (where pip puts it), else on PATH."""
    beside = Path(sysconfig.get_path("scripts")) / "oxigraph"
    if beside.exists():
        return beside
    found = shutil.which("oxigraph")
    return Path(found) if found else None


def require(error) -> None:
    if binary() is None:
        raise error("the `oxigraph` server program is missing: pip install 'oxigraph>=0.5,<0.6'")


def prepare(data: Path, port: int, password, error) -> list[str]:
    """The command that serves the database in ``data/db`` on ``127.0.0.1:port``."""
    (data / "db").mkdir(parents=True, exist_ok=True)
    return [str(binary()), "serve", marker(data), f"--bind=127.0.0.1:{port}", "--union-default-graph"]


def marker(data: Path) -> str:
    """The argument that tells this folder's server among processes.

    >>> marker(Path("/d"))
    '--location=/d/db'
    """
    return f"--location={data / 'db'}"


def endpoints(url: str) -> dict:
    """The SPARQL 1.1 Protocol and Graph Store Protocol endpoints of the server at ``url``.

    >>> endpoints("http://127.0.0.1:7878")["store"]
    'http://127.0.0.1:7878/store'
    """
    return {"query": f"{url}/query", "update": f"{url}/update", "store": f"{url}/store"}
