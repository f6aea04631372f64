"""The passwords of the Neo4j servers ``kg neo4j start`` runs, kept where only their owner can read them.

A server started by ``kg`` has authentication on; its password is generated on the first start of
its home and kept in ``$XDG_CONFIG_HOME/minutes-kg/neo4j-servers.json`` (``~/.config`` by default),
a file of mode 0600 in a folder of mode 0700, keyed by the server's home and Bolt address. Every
``kg`` command that talks to ``bolt://127.0.0.1:<port>`` without a password of its own finds it
there, so nobody has to copy it into ``NEO4J_PASSWORD``. A password the user chose
(``kg neo4j start --password P``) is theirs to keep and is not written here.
"""

from __future__ import annotations

from pathlib import Path
from urllib.parse import urlsplit

from kg import passwords

FILE = "neo4j-servers.json"
LOCAL_HOSTS = frozenset({"127.0.0.1", "localhost", "::1"})


def save(home, uri: str, password: str) -> Path:
    """Keep ``password`` as that of the server in ``home`` listening at ``uri``; returns the file."""
    servers = passwords.read(FILE)
    servers.pop(str(home), None)
    servers[str(home)] = {"uri": uri, "password": password}  # last: the newest start wins a shared port
    return passwords.write(FILE, servers)


def for_home(home) -> str | None:
    """The kept password of the server in ``home``, if one was generated for it."""
    entry = passwords.read(FILE).get(str(home))
    return entry["password"] if entry else None


def homes() -> dict[str, str]:
    """The homes of the servers whose passwords are kept, oldest start first, with their Bolt address."""
    return {home: entry["uri"] for home, entry in passwords.read(FILE).items()}


def for_uri(uri: str) -> str | None:
    """The kept password of the managed server at ``uri`` (a local Bolt address), newest first.

    >>> for_uri("neo4j+s://x.databases.neo4j.io") is None
    True
    """
    wanted = local_port(uri)
    if wanted is None:
        return None
    found = [e["password"] for e in passwords.read(FILE).values() if local_port(e["uri"]) == wanted]
    return found[-1] if found else None


def local_port(uri: str) -> int | None:
    """The port of a Bolt address on this machine, None for any other address.

    >>> local_port("bolt://localhost:7689"), local_port("neo4j://127.0.0.1"), local_port("bolt://db:1")
    (7689, 7687, None)
    """
    parts = urlsplit(uri)
    try:
        port = parts.port or 7687
    except ValueError:
        return None
    return port if parts.hostname in LOCAL_HOSTS and parts.scheme.startswith(("bolt", "neo4j")) else None
