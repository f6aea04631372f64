"""The passwords of the Neo4j servers ``kg neo4j start`` runs, kept where only their owner can read them.

A server started by ``kg`` has authentication on; its password is generated on the first start of
its home and kept in ``$XDG_CONFIG_HOME/minutes-kg/neo4j-servers.json`` (``~/.config`` by default),
a file of mode 0600 in a folder of mode 0700, keyed by the server's home and Bolt address. Every
``kg`` command that talks to ``bolt://127.0.0.1:<port>`` without a password of its own finds it
there, so nobody has to copy it into ``NEO4J_PASSWORD``. A password the user chose
(``kg neo4j start --password P``) is theirs to keep and is not written here.
"""

from __future__ import annotations

import json
import os
import secrets
from pathlib import Path
from urllib.parse import urlsplit

from loaders.errors import KGError

FILE = "neo4j-servers.json"
LOCAL_HOSTS = frozenset({"127.0.0.1", "localhost", "::1"})


class CredentialsError(KGError):
    """The file of kept Neo4j passwords cannot be read or written."""


def config_dir() -> Path:
    """``$XDG_CONFIG_HOME/minutes-kg``, else ``~/.config/minutes-kg``."""
    base = os.environ.get("XDG_CONFIG_HOME") or Path.home() / ".config"
    return Path(base) / "minutes-kg"


def generate() -> str:
    """A new password: 24 URL-safe characters (Neo4j asks for at least 8).

    >>> len(generate()), generate() != generate()
    (24, True)
    """
    return secrets.token_urlsafe(18)


def save(home, uri: str, password: str) -> Path:
    """Keep ``password`` as that of the server in ``home`` listening at ``uri``; returns the file."""
    servers = _read()
    servers.pop(str(home), None)
    servers[str(home)] = {"uri": uri, "password": password}  # last: the newest start wins a shared port
    return _write(servers)


def for_home(home) -> str | None:
    """The kept password of the server in ``home``, if one was generated for it."""
    entry = _read().get(str(home))
    return entry["password"] if entry else None


def homes() -> dict[str, str]:
    """The homes of the servers whose passwords are kept, oldest start first, with their Bolt address."""
    return {home: entry["uri"] for home, entry in _read().items()}


def for_uri(uri: str) -> str | None:
    """The kept password of the managed server at ``uri`` (a local Bolt address), newest first.

    >>> for_uri("neo4j+s://x.databases.neo4j.io") is None
    True
    """
    wanted = local_port(uri)
    if wanted is None:
        return None
    found = [e["password"] for e in _read().values() if local_port(e["uri"]) == wanted]
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


def _read() -> dict:
    path = config_dir() / FILE
    try:
        return json.loads(path.read_text(encoding="utf-8")).get("servers", {})
    except FileNotFoundError:
        return {}
    except (OSError, ValueError, AttributeError) as error:
        raise CredentialsError(f"{path}: cannot read the kept Neo4j passwords ({error})") from None


def _write(servers: dict) -> Path:
    """Write the file owner-only from its first byte (created 0600, replaced by a rename)."""
    folder = config_dir()
    path = folder / FILE
    temporary = folder / f".{FILE}.{os.getpid()}.tmp"
    try:
        folder.mkdir(parents=True, exist_ok=True, mode=0o700)
        os.chmod(folder, 0o700)
        descriptor = os.open(temporary, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
        with os.fdopen(descriptor, "w", encoding="utf-8") as out:
            json.dump({"servers": servers}, out, indent=1)
        os.replace(temporary, path)
    except OSError as error:
        temporary.unlink(missing_ok=True)
        raise CredentialsError(f"{path}: cannot keep the Neo4j password ({error.strerror})") from None
    return path
