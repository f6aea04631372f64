"""Deterministic IRIs for what minutes name: the same person or unit of one government, one IRI.

An IRI is built from the government's key and the name as written, so loading the same minutes twice,
or two minutes of the same government, gives the same nodes. Chinese characters stay as they are (they
are valid in IRIs); anything else unsafe is percent-encoded, so a name can never break out of its
path segment.

>>> segment("县发改局")
'县发改局'
>>> segment("A/B <x>")
'A%2FB%20%3Cx%3E'
>>> str(person("青禾县人民政府", "陈明远"))
'https://w3id.org/minutes-kg/id/青禾县人民政府/person/陈明远'
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache
from pathlib import PurePath

from rdflib import URIRef

from ontology import ID

_ASCII_SAFE = frozenset("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-._~")


@lru_cache(maxsize=65536)
def segment(text: str) -> str:
    """One IRI path segment: letters of any script kept, everything else percent-encoded (UTF-8)."""
    return "".join(ch if _keeps(ch) else _encode(ch) for ch in text.strip())


def _keeps(ch: str) -> bool:
    if ch.isascii():
        return ch in _ASCII_SAFE
    # RFC 3987 ucschar minus spaces, controls and unassigned/private characters
    return unicodedata.category(ch)[0] not in "ZC"


def _encode(ch: str) -> str:
    return "".join(f"%{b:02X}" for b in ch.encode("utf-8"))


@lru_cache(maxsize=65536)
def _iri(*parts: str) -> URIRef:
    """Persons, units and meetings recur across a government's minutes: each IRI is built once."""
    return ID["/".join(segment(p) for p in parts)]


def person(government: str, name: str) -> URIRef:
    """A person: one per name within one government."""
    return _iri(government, "person", name)


def organization(government: str, name: str) -> URIRef:
    """A unit: one per name within one government; the government itself is a unit of its own key."""
    return _iri(government, "org", name)


def document(government: str, title: str) -> URIRef:
    """A document reviewed in 《》: one per title within one government."""
    return _iri(government, "document", title)


def project(government: str, name: str) -> URIRef:
    """A project: one per name within one government."""
    return _iri(government, "project", name)


def post(government: str, title: str) -> URIRef:
    """A post of one government (县长, 常务副县长): one per title."""
    return _iri(government, "post", title)


def holding(meeting_iri: URIRef, person_key: str, title: str) -> URIRef:
    """A person seen holding a post at one meeting: once per meeting, however often the title recurs.

    >>> str(holding(URIRef("https://w3id.org/minutes-kg/id/m"), "王五", "县长"))
    'https://w3id.org/minutes-kg/id/m/holding/王五/县长'
    """
    return URIRef(f"{meeting_iri}/holding/{segment(person_key)}/{segment(title)}")


def meeting(government: str, name: str | None, date: str | None) -> URIRef:
    """A meeting: the government, the meeting's name and its date (either may be missing)."""
    return _iri(government, "meeting", f"{name or 'meeting'}@{date or 'undated'}")


def source(path: str) -> URIRef:
    """A source document (and its named graph): keyed by the file's name, so a changed file replaces it.

    >>> str(source("/tmp/a b.txt"))
    'https://w3id.org/minutes-kg/id/source/a%20b.txt'
    """
    return _iri("source", PurePath(path).name)


SHARED_KINDS = frozenset({"person", "org", "document", "project", "post"})
"""The kinds of thing that documents share: ``<government>/<kind>/<name>``. What is said about them
is kept once for all documents (``docs/rdf.md``); a meeting, its items and attendance belong to the
document that records them."""

_ID = str(ID)


@lru_cache(maxsize=65536)
def is_shared(iri: str) -> bool:
    """Whether ``iri`` names a thing several documents may speak of (a person, unit, named document,
    project or post of one government), not a part of one document's meeting.

    >>> is_shared(str(person("某县人民政府", "王五"))), is_shared(str(post("某县人民政府", "县长")))
    (True, True)
    >>> is_shared(str(meeting("某县人民政府", "第1次常务会议", "2030-01-02")))
    False
    """
    if not iri.startswith(_ID):
        return False
    parts = iri[len(_ID) :].split("/")
    return len(parts) == 3 and parts[1] in SHARED_KINDS


def part(parent: URIRef, kind: str, position: int) -> URIRef:
    """An item, decision, directive or attendance: its parent's IRI plus its position (1-based).

    >>> str(part(URIRef("https://w3id.org/minutes-kg/id/m"), "item", 3))
    'https://w3id.org/minutes-kg/id/m/item/3'
    """
    return URIRef(f"{parent}/{kind}/{position}")


# --- the government's key -------------------------------------------------------------------------

_OFFICE = re.compile(r"(办公室|办公厅)$")
_DOC_PREFIX = re.compile(r"^(.+?)(?:常务)?(?:会议)?纪要\s*[〔\[［(（]")
_PLACE_GOVERNMENT = re.compile(r"^(.{2,}?[省市县区旗州盟](?:第.{1,4}届)?人民政府)")


def _from_body(minutes) -> str | None:
    return minutes.body


def _from_issuer(minutes) -> str | None:
    """青禾县人民政府办公室 -> 青禾县人民政府: the office issues the minutes of its government."""
    if minutes.issuer and _OFFICE.search(minutes.issuer):
        government = _OFFICE.sub("", minutes.issuer)
        return government if government.endswith("政府") else None
    return None


def _from_meeting_name(minutes) -> str | None:
    """云溪市第9届人民政府第12次常务会议 -> 云溪市人民政府 (a place name before the level only)."""
    match = _PLACE_GOVERNMENT.match(minutes.meeting.name or "")
    return re.sub(r"第.{1,4}届", "", match.group(1)) if match else None


def _from_doc_number(minutes) -> str | None:
    """青府会议纪要〔2030〕5号 -> 青府: the issuing government's abbreviation, stable across its minutes."""
    match = _DOC_PREFIX.match(minutes.doc_number or "")
    return match.group(1) if match else None


GOVERNMENT_KEYS = (_from_body, _from_issuer, _from_meeting_name, _from_doc_number)
"""Where the government's key comes from, in order of trust; the first that gives one wins."""


def government_key(minutes) -> str:
    """The key that scopes persons, units, documents and projects to one government.

    Falls back to the file's name when nothing names the government, so that two unrelated
    documents never share persons by accident.

    >>> from loaders.record import Minutes
    >>> government_key(Minutes(source="a.txt", issuer="云溪市人民政府办公室"))
    '云溪市人民政府'
    >>> government_key(Minutes(source="a.txt", doc_number="青府会议纪要〔2030〕5号"))
    '青府'
    >>> government_key(Minutes(source="dir/a.txt"))
    'unknown-a.txt'
    """
    for derive in GOVERNMENT_KEYS:
        key = derive(minutes)
        if key:
            return key
    return f"unknown-{PurePath(minutes.source).name}"
