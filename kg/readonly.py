"""What a user's SPARQL may do: read the store, and nothing else unless asked.

Oxigraph runs ``SERVICE <http://…>`` by sending the request, and pyoxigraph has no switch to stop it;
an update (``INSERT``, ``DROP``, ``LOAD <url>`` …) would change the store behind ``kg load`` and
``kg remove``, or fetch a URL. So the text of a query typed by a user is checked before it runs: its
strings, IRIs and comments are blanked out, and what is left must not hold the keyword ``SERVICE``
(unless the user allows it) nor start, after its prologue, with an update's keyword.

>>> check('SELECT ?s WHERE { ?s ?p "a SERVICE in a string" } # SERVICE in a comment')
>>> check("SELECT * WHERE { SERVICE <http://example.org/sparql> { ?s ?p ?o } }")
Traceback (most recent call last):
...
kg.readonly.UnsafeQuery: the query calls SERVICE (a request to another server); allow it with --allow-service
>>> check("PREFIX ex: <urn:x:> DROP GRAPH ex:g")
Traceback (most recent call last):
...
kg.readonly.UnsafeQuery: read-only: this is an update (DROP); use kg load / kg remove to change the store
"""

from __future__ import annotations

import re

from loaders.errors import KGError

_OPAQUE = re.compile(
    r'"""[\s\S]*?"""|\'\'\'[\s\S]*?\'\'\'|"(?:[^"\\\n]|\\.)*"|\'(?:[^\'\\\n]|\\.)*\'|<[^<>"{}|^`\\\s]*>|#[^\n]*'
)
"""Long and short strings, IRIs and comments: where a keyword is only text."""

_SERVICE = re.compile(r"(?<![\w:?$])SERVICE\b", re.IGNORECASE)
_PROLOGUE = re.compile(r"\s*(?:(?:PREFIX\s+[\w.-]*:\s*|BASE\s*)<>\s*)*", re.IGNORECASE)
_UPDATE = re.compile(r"(INSERT|DELETE|LOAD|CLEAR|CREATE|DROP|COPY|MOVE|ADD|WITH)\b", re.IGNORECASE)


class UnsafeQuery(KGError):
    """A query that would change the store, or send a request out that the user did not allow."""


def check(query: str, allow_service: bool = False) -> None:
    """Raise :class:`UnsafeQuery` for an update, or for ``SERVICE`` unless allowed."""
    bare = _OPAQUE.sub(lambda m: "<>" if m[0].startswith("<") else " ", query)
    update = _UPDATE.match(bare, _PROLOGUE.match(bare).end())
    if update:
        raise UnsafeQuery(
            f"read-only: this is an update ({update[1].upper()}); use kg load / kg remove to change the store"
        )
    if not allow_service and _SERVICE.search(bare):
        raise UnsafeQuery(
            "the query calls SERVICE (a request to another server); allow it with --allow-service"
        )
