"""The passwords of the servers kg runs, kept where only their owner can read them.

A server kg starts has authentication on where it supports it; its password is generated on its
first start and kept in a JSON file of ``$XDG_CONFIG_HOME/minutes-kg`` (``~/.config`` by default),
mode 0600 in a folder of mode 0700, so every ``kg`` command finds it and nobody copies it into an
environment variable. Each kind of server has a file of its own (``neo4j-servers.json``,
``sparql-servers.json``) mapping the server's folder to what is kept for it.
"""

from __future__ import annotations

import json
import os
import secrets
from pathlib import Path

from loaders.errors import KGError


class CredentialsError(KGError):
    """A file of kept passwords cannot be read or written."""


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


def read(name: str) -> dict:
    """The servers kept in the file ``name`` of the config folder, oldest kept first; {} when none."""
    path = config_dir() / name
    try:
        return json.loads(path.read_text(encoding="utf-8")).get("servers", {})
    except FileNotFoundError:
        return {}
    except (OSError, ValueError, AttributeError) as error:
        raise CredentialsError(f"{path}: cannot read the kept passwords ({error})") from None


def write(name: str, servers: dict) -> Path:
    """Write the file ``name`` owner-only from its first byte (created 0600, replaced by a rename)."""
    folder = config_dir()
    path = folder / name
    try:
        folder.mkdir(parents=True, exist_ok=True, mode=0o700)
        os.chmod(folder, 0o700)
        write_owner_only(path, json.dumps({"servers": servers}, indent=1))
    except OSError as error:
        raise CredentialsError(f"{path}: cannot keep the password ({error.strerror})") from None
    return path


def write_owner_only(path: Path, text: str) -> None:
    """Replace ``path`` with ``text`` in a file that is the owner's only from its first byte
    (created 0600 beside it, then renamed over it), so no reader ever sees a secret in it."""
    temporary = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    try:
        descriptor = os.open(temporary, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
        with os.fdopen(descriptor, "w", encoding="utf-8") as out:
            out.write(text)
        os.replace(temporary, path)
    finally:
        temporary.unlink(missing_ok=True)
