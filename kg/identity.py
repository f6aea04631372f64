"""Which loaded document a file is: the same bytes anywhere, else the same name and meeting.

A document is known first by its content: a file whose bytes hash as a loaded document's is that
document, wherever it lies, so moving or copying a folder loads nothing twice. Otherwise by its file
name: a file whose name is loaded and whose meeting is that document's meeting replaces it (a
corrected file); a file whose name is loaded with another meeting (纪要.txt or index.html of a second
government) is kept beside it under the name with the first digits of its hash, ``纪要.txt~1a2b3c4d``,
and the load says so. No document is ever replaced by one about a different meeting.

>>> registry = Registry(None)
>>> registry.add("纪要.txt", "aa" * 32, "urn:meeting:1")
>>> registry.place("纪要.txt", "urn:meeting:1", "bb" * 32)[0]
'纪要.txt'
>>> registry.place("纪要.txt", "urn:meeting:2", "cc" * 32)[0]
'纪要.txt~cccccccc'
"""

from __future__ import annotations

import re
from collections import defaultdict

from ontology import MKG

_LOADED = """PREFIX mkg: <https://w3id.org/minutes-kg/ns#>
SELECT ?g ?file ?hash ?meeting WHERE {
  GRAPH ?g { ?g a mkg:SourceDocument ; mkg:sourceFile ?file .
             OPTIONAL { ?g mkg:contentHash ?hash } OPTIONAL { ?g mkg:recordOf ?meeting } }
}"""


class Registry:
    """What is loaded, read once per load and kept up to date as files are prepared: by content
    hash (the same bytes anywhere are the same document, so a moved folder loads nothing twice) and
    by file name and meeting (a file of a loaded name and the same meeting replaces it; another
    meeting under that name is kept beside it, under the name with its hash's first digits, and
    reported). Every look-up is one dictionary read, however many pages are called index.html."""

    def __init__(self, store):
        """Read what ``store`` (a :class:`kg.store.Store`, or None for an empty registry) holds."""
        self.by_hash: dict[str, str] = {}
        self.by_meeting: dict[tuple[str, str | None], str] = {}
        self.keys: dict[str, list[str]] = defaultdict(list)
        for row in store.query(_LOADED) if store is not None else ():
            meeting = row["meeting"].value if row["meeting"] else None
            self.add(row["file"].value, row["hash"].value if row["hash"] else None, meeting)

    def add(self, key: str, digest: str | None, meeting: str | None) -> None:
        """Record the document kept under ``key`` (its file name, or the name with a hash)."""
        if digest:
            self.by_hash[digest] = key
        name = _base_name(key)
        if (name, meeting) not in self.by_meeting:
            self.by_meeting[name, meeting] = key
            self.keys[name].append(key)

    def place(self, name: str, meeting: str | None, digest: str) -> tuple[str, bool, list[str]]:
        """The key a new version goes under, whether it replaces the document kept there, and the
        keys of the other documents of its name when it is kept beside them."""
        if (name, meeting) in self.by_meeting:
            return self.by_meeting[name, meeting], True, []
        if name not in self.keys:
            return name, False, []
        return f"{name}~{digest[:8]}", False, list(self.keys[name])


_HASHED = re.compile(r"~[0-9a-f]{8}$")


def _base_name(key: str) -> str:
    """``纪要.txt~3fa2c1d0`` -> ``纪要.txt``: the file name a document was kept under."""
    return _HASHED.sub("", key)


_RECORD_OF = f"<{MKG.recordOf}>"


def meeting_of(document) -> str | None:
    """The IRI of the meeting a document (:class:`loaders.rdf.Statements`) records."""
    source = f"<{document.graph}>"
    return next((o[1:-1] for s, p, o in document.triples if s == source and p == _RECORD_OF), None)
