"""Filters on what a view reads: meetings from a date, up to a date, of one government.

``--since``, ``--until`` and ``--government`` mean the same in every command. The saved questions take
them as parameters (``since``, ``until``, ``in_government``) and filter in their own query; the other
views (summaries, report, analyze, exports, pages) read a *scoped* store: an in-memory copy holding
only the chosen documents' graphs and the shared facts those documents state, so each view's queries
stay as they are and count what the filters let through, no more.

A date is a year, a month or a day (``2024``, ``2024-03``, ``2024-03-05``); ``until`` takes in the whole
year or month it names. A government is named by any of its names (label, alias, abbreviation); a name
that several governments share is refused with their full names.

>>> Filters(since="2024-03").clauses()
['since 2024-03']
>>> Filters(until="2024-3-5")
Traceback (most recent call last):
...
kg.scope.BadFilter: --until 2024-3-5: a date is YYYY, YYYY-MM or YYYY-MM-DD
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass

from kg.names import nearest
from kg.store import Store
from kg.stores import opened, sparql
from loaders.errors import KGError

DATE = re.compile(r"\d{4}(-\d{2}(-\d{2})?)?")


class BadFilter(KGError):
    """A --since/--until that is no date, or a --government the store does not know (or not as one)."""


@dataclass(frozen=True)
class Filters:
    """The filters of one command; all empty lets everything through."""

    since: str | None = None
    until: str | None = None
    government: str | None = None

    def __post_init__(self):
        for name in ("since", "until"):
            value = getattr(self, name)
            if value and not DATE.fullmatch(value):
                raise BadFilter(f"--{name} {value}: a date is YYYY, YYYY-MM or YYYY-MM-DD")

    def __bool__(self) -> bool:
        return bool(self.since or self.until or self.government)

    def clauses(self) -> list[str]:
        """The filters in words, for a page's heading."""
        words = [("since", self.since), ("until", self.until), ("government", self.government)]
        return [f"{word} {value}" for word, value in words if value]

    def params(self) -> dict[str, str]:
        """The filters as the saved questions' parameters (only those given)."""
        named = {"since": self.since, "until": self.until, "in_government": self.government}
        return {k: v for k, v in named.items() if v}


DOCUMENTS = """PREFIX mkg: <https://w3id.org/minutes-kg/ns#>
PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
PREFIX skos: <http://www.w3.org/2004/02/skos/core#>
PREFIX dcterms: <http://purl.org/dc/terms/>
SELECT DISTINCT ?g ?since ?until ?government WHERE {
  GRAPH ?g { ?m a mkg:Meeting . OPTIONAL { ?m dcterms:date ?d } OPTIONAL { ?m mkg:body ?body } }
  BIND(IF(BOUND(?d), STR(?d), "") AS ?day)
  FILTER(?since = "" || (?day != "" && ?day >= ?since))
  FILTER(?until = "" || (?day != "" && SUBSTR(?day, 1, STRLEN(?until)) <= ?until))
  FILTER(?government = "" || EXISTS { ?body rdfs:label|skos:altLabel|skos:hiddenLabel ?n .
                                      FILTER(STR(?n) = ?government) })
}"""
"""The source graphs of the meetings the filters let through; every filter a bound parameter."""

GOVERNMENTS = """PREFIX mkg: <https://w3id.org/minutes-kg/ns#>
PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
PREFIX skos: <http://www.w3.org/2004/02/skos/core#>
SELECT DISTINCT ?body (STR(?label) AS ?name) (STR(?n) AS ?alias) WHERE {
  [] mkg:body ?body . ?body rdfs:label ?label . ?body rdfs:label|skos:altLabel|skos:hiddenLabel ?n
}"""


def check_government(name: str, store) -> str:
    """The full name of the one government ``name`` names, or :class:`BadFilter` (did you mean …)."""
    rows = sparql(GOVERNMENTS, store).rows
    named = sorted({full for _, full, alias in rows if alias == name})
    if len(named) == 1:
        return named[0]
    if named:
        raise BadFilter(f"--government {name}: names {len(named)} governments ({', '.join(named)}); give one")
    offered = nearest(name, sorted({full for _, full, _ in rows}))
    hint = f"; did you mean {', '.join(offered)}?" if offered else ""
    raise BadFilter(f"--government {name}: no government of that name in the store{hint}")


def documents(store, filters: Filters) -> list[str]:
    """The source graphs (IRIs) of the meetings ``filters`` let through."""
    government = check_government(filters.government, store) if filters.government else ""
    params = {"since": filters.since or "", "until": filters.until or "", "government": government}
    return sorted(row[0] for row in sparql(DOCUMENTS, store, params).rows)


@contextmanager
def scoped(store, filters: Filters | None) -> Iterator[Store]:
    """The store itself when there are no filters, else an in-memory store of only the documents
    they let through, with the shared facts those documents state (in the entities graph, once)."""
    if not filters:
        with opened(store) as st:
            yield st
        return
    with opened(store) as st:
        copy = st.subset(documents(st, filters))
    yield copy
