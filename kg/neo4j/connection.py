"""Where Neo4j is and who we are to it, by the conventions of Neo4j's own tools.

``NEO4J_URI`` (default ``bolt://127.0.0.1:7687``), ``NEO4J_USERNAME``, ``NEO4J_PASSWORD`` and
``NEO4J_DATABASE`` are read from the environment; arguments (the command line's options) override
them. Without a password, a server ``kg neo4j start`` runs at that address is reached with the
password kept for it (:mod:`kg.neo4j.credentials`). The URI goes to the driver as it is, so
``neo4j+s://`` (Aura, a cluster) works; a user and password written inside it are taken out of it,
and an address that is not Bolt (``http://``) is refused before the driver sees it. The password
is never part of a message or a ``repr``.

>>> c = connection(uri="neo4j+s://x.databases.neo4j.io", username="neo4j", password="s3cret")
>>> "s3cret" in repr(c), c.auth[0]
(False, 'neo4j')
>>> c = connection(uri="bolt://ann:s3cret@db.example:7687")
>>> c.uri, c.username, "s3cret" in repr(c)
('bolt://db.example:7687', 'ann', False)
"""

from __future__ import annotations

import os
from contextlib import contextmanager
from dataclasses import dataclass, field
from urllib.parse import unquote, urlsplit

from loaders.errors import KGError

DEFAULT_URI = "bolt://127.0.0.1:7687"
SCHEMES = ("bolt", "bolt+s", "bolt+ssc", "neo4j", "neo4j+s", "neo4j+ssc")
"""The driver's schemes: Bolt, direct or routed, plain or with TLS."""


class Neo4jUnavailableError(KGError):
    """Neo4j cannot be reached (not running, wrong address, went away mid-way)."""


class Neo4jAddressError(KGError):
    """The Neo4j address is not one the driver speaks (Bolt or neo4j), or cannot be read."""


class Neo4jAuthError(KGError):
    """Neo4j refused the user name or password."""


class CypherError(KGError):
    """Neo4j rejected a Cypher query (syntax, a write in a read-only session, a constraint)."""


@dataclass(frozen=True)
class Connection:
    """The settings of one Neo4j connection; the password stays out of ``repr``."""

    uri: str
    username: str
    password: str | None = field(default=None, repr=False)
    database: str | None = None

    @property
    def auth(self):
        """``(user, password)`` for the driver, or None when no password is set (auth off)."""
        return None if self.password is None else (self.username, self.password)


def connection(uri=None, username=None, password=None, database=None) -> Connection:
    """Settings from the arguments, else the ``NEO4J_*`` environment, else the local defaults (with
    the password kept for a server ``kg neo4j start`` runs at that address)."""
    from kg.neo4j import credentials

    env = os.environ.get
    uri, in_uri_user, in_uri_password = _split_credentials(uri or env("NEO4J_URI") or DEFAULT_URI)
    if password is None:
        password = in_uri_password if in_uri_password is not None else env("NEO4J_PASSWORD")
    return Connection(
        uri=uri,
        username=username or in_uri_user or env("NEO4J_USERNAME") or "neo4j",
        password=password if password is not None else credentials.for_uri(uri),
        database=database or env("NEO4J_DATABASE") or None,
    )


def _split_credentials(uri: str) -> tuple[str, str | None, str | None]:
    """``uri`` without a ``user:password@`` part, and that user and password; refuses a scheme the
    driver does not speak, naming the address without its password.

    >>> _split_credentials("http://u:pw@h:7474")  # doctest: +ELLIPSIS
    Traceback (most recent call last):
    ...
    kg.neo4j.connection.Neo4jAddressError: http://h:7474 is not a Neo4j Bolt address: use bolt://...
    """
    parts = urlsplit(uri)
    try:
        host = parts.hostname or ""
        port = f":{parts.port}" if parts.port else ""
    except ValueError:
        raise Neo4jAddressError(f"{parts.scheme}://{host}: not a valid Neo4j address (its port)") from None
    host = f"[{host}]" if ":" in host else host
    clean = parts._replace(netloc=host + port).geturl() if "@" in parts.netloc else uri
    if parts.scheme.lower() not in SCHEMES:
        raise Neo4jAddressError(
            f"{clean} is not a Neo4j Bolt address: use bolt://HOST:7687 or neo4j://HOST "
            "(neo4j+s:// for Aura); NEO4J_URI or --uri"
        )
    user = unquote(parts.username) if parts.username else None
    secret = unquote(parts.password) if parts.password is not None else None
    return clean, user, secret


@contextmanager
def driver(conn: Connection):
    """A connected driver; the driver's errors come out as one-line :class:`KGError` messages."""
    import neo4j

    quiet = {"notifications_min_severity": "OFF"}  # planner hints would go to stderr as log lines
    with translated(conn), neo4j.GraphDatabase.driver(conn.uri, auth=conn.auth, **quiet) as db:
        db.verify_connectivity()
        yield db


@contextmanager
def translated(conn: Connection):
    """Turn the driver's exceptions into errors a user can act on, naming the URI, never the password."""
    from neo4j import exceptions as ex

    try:
        yield
    except ex.AuthError:
        raise Neo4jAuthError(
            f"Neo4j at {conn.uri} refused user {conn.username!r}: set NEO4J_USERNAME and NEO4J_PASSWORD"
        ) from None
    except (ex.ServiceUnavailable, ex.SessionExpired) as error:
        raise Neo4jUnavailableError(
            f"Neo4j refused the connection at {conn.uri} - is it running? "
            f"Start it with `kg neo4j start`, or set NEO4J_URI ({_first_line(error)})"
        ) from None
    except ex.Neo4jError as error:
        raise CypherError(f"Neo4j rejected the query: {error.code}: {_first_line(error.message)}") from None
    except ex.DriverError as error:
        raise Neo4jUnavailableError(f"Neo4j at {conn.uri}: {_first_line(error)}") from None


def _first_line(error) -> str:
    return (str(error).strip().splitlines() or [type(error).__name__])[0]
