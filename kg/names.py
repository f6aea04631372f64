"""Names of things, one definition each: the local name of an IRI, the names nearest a misspelt one.

>>> local_name("https://w3id.org/minutes-kg/ns/role/present"), local_name("https://w3id.org/minutes-kg/ns#hasItem")
('present', 'hasItem')
>>> nearest("陈明", ["陈明远", "王五", "陈明"])
['陈明', '陈明远']
"""

from __future__ import annotations

import difflib
import re
from functools import cache

_LAST_SEGMENT = re.compile(r"[#/]")

CUTOFF = 0.4
"""How alike (difflib's ratio) a known name must be to a name not found to be offered instead."""


@cache
def local_name(iri: str) -> str:
    """What follows an IRI's last ``/`` or ``#``: a role, kind or outcome as a row shows it."""
    return _LAST_SEGMENT.split(iri.rstrip("/#"))[-1]


def nearest(name: str, known, n: int = 5) -> list[str]:
    """The known names closest to ``name``, best first (difflib's ratio, then containment): what a
    "did you mean" offers."""
    known = sorted(set(known))
    close = difflib.get_close_matches(name, known, n=n, cutoff=CUTOFF)
    containing = [k for k in known if name and (name in k or k in name) and k not in close]
    return (close + containing)[:n]
