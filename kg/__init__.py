"""minutes-kg: a knowledge graph of government meeting minutes.

``import kg`` works without a database, a browser or pyvis: heavy modules are imported where used.
The functions for notebooks (:mod:`kg.api`: load, query, ask, summary, tables, to_networkx) return
plain rows and graphs; docs/python.md shows them at work.
"""

from kg.api import ask, load, query, summary, tables, to_networkx
from loaders.errors import InputError, KGError, NotMinutesError

__all__ = [
    "InputError",
    "KGError",
    "NotMinutesError",
    "ask",
    "load",
    "query",
    "summary",
    "tables",
    "to_networkx",
]
