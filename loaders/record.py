"""The plain record of one set of minutes: what the parser finds, each fact with its source span.

The record is the contract between parsing and everything after it. It is built from dataclasses
so it can be compared, printed as JSON (:meth:`Minutes.to_dict`) and turned into RDF without
knowing how it was parsed. Offsets in a :class:`Span` are character offsets into the text as read
from the file (before normalisation), so a reader can find the quote in the original.

>>> span = Span(0, 4, "会议原则同意")
>>> Decision(outcome="approved_in_principle", span=span).to_dict()
{'outcome': 'approved_in_principle'}
"""

from __future__ import annotations

from dataclasses import dataclass, field

from loaders.genre import ITEM_KINDS, NOT_IN_ROOM, OUTCOMES, ROLES

# the codes of the genre, with the record that uses them
__all__ = ["ITEM_KINDS", "NOT_IN_ROOM", "OUTCOMES", "ROLES"]


@dataclass(frozen=True)
class Span:
    """Where a fact came from: ``start``/``end`` in the original text, and the quoted sentence."""

    start: int
    end: int
    text: str

    def to_dict(self) -> dict:
        return {"start": self.start, "end": self.end, "text": self.text}


@dataclass
class Mention:
    """A name found in the text (unit, person, document, project), as written after normalisation.

    ``title`` holds a person's title where the text gives one (县委副书记、县长 for 陈明远);
    ``status`` a document's status (送审稿) where one follows its title.
    """

    name: str
    span: Span | None = None
    title: str | None = None
    status: str | None = None


@dataclass
class Participant:
    """One person listed at the meeting in one role; ``note`` keeps a reason (请假 赴上海…) or unit."""

    name: str
    role: str
    span: Span | None = None
    unit: str | None = None
    note: str | None = None


@dataclass
class Decision:
    """One decision sentence: its outcome, the document it names and the next step it asks for."""

    outcome: str
    document: str | None = None
    document_status: str | None = None
    next_step: str | None = None
    span: Span | None = None

    def to_dict(self, spans: bool = False) -> dict:
        keys = ("outcome", "document", "document_status", "next_step")
        out = {k: getattr(self, k) for k in keys if getattr(self, k) is not None}
        return _with_span(out, self.span, spans)


@dataclass
class Directive:
    """One 会议指出/强调/要求 sentence that tells someone to act; ``addressees`` are named units."""

    text: str
    verb: str | None = None
    addressees: list[str] = field(default_factory=list)
    persons: list[str] = field(default_factory=list)
    span: Span | None = None

    def to_dict(self, spans: bool = False) -> dict:
        out = {"text": self.text, "verb": self.verb, "addressees": self.addressees, "persons": self.persons}
        return _with_span(out, self.span, spans)


@dataclass
class Item:
    """One agenda item (议题), with what was said, found and decided under it."""

    number: int
    kind: str
    title: str | None = None
    presenters: list[Mention] = field(default_factory=list)
    documents: list[Mention] = field(default_factory=list)
    projects: list[Mention] = field(default_factory=list)
    persons_mentioned: list[Mention] = field(default_factory=list)
    organizations_mentioned: list[Mention] = field(default_factory=list)
    decisions: list[Decision] = field(default_factory=list)
    directives: list[Directive] = field(default_factory=list)
    span: Span | None = None

    @property
    def directive_addressees(self) -> list[str]:
        """Units told to act, in order of first mention, each once."""
        return list(dict.fromkeys(a for d in self.directives for a in d.addressees))

    def to_dict(self, spans: bool = False) -> dict:
        out: dict = {"number": self.number, "kind": self.kind}
        if self.title is not None:
            out["title"] = self.title
        for key in ("presenters", "documents", "projects", "persons_mentioned", "organizations_mentioned"):
            out[key] = _names(getattr(self, key))
        out["directive_addressees"] = self.directive_addressees
        out["decisions"] = [d.to_dict(spans) for d in self.decisions]
        out["directives"] = [d.to_dict(spans) for d in self.directives]
        return _with_span(out, self.span, spans)


@dataclass
class OtherBusiness:
    """Closing business outside the numbered items (会议还研究了其他事项, 会议组织了集体学法…)."""

    kind: str
    text: str
    presenters: list[Mention] = field(default_factory=list)
    documents: list[Mention] = field(default_factory=list)
    span: Span | None = None

    def to_dict(self) -> dict:
        out = {"kind": self.kind, "text": self.text}
        if self.presenters:
            out["presenters"] = _names(self.presenters)
        if self.documents:
            out["documents"] = _names(self.documents)
        return out


@dataclass
class Meeting:
    """The meeting itself: 二十届县政府第12次常务会议 of 2025-03-03, chaired by 陈明远."""

    name: str | None = None
    kind: str | None = None
    ordinal: int | None = None
    date: str | None = None
    chair: str | None = None
    chair_title: str | None = None
    span: Span | None = None
    date_repair: str | None = None
    """The repair rule that read ``date`` (``date_day_only``, ``date_lost_month``), None where the date
    reads as printed; each repair is also a warning of the record."""

    def to_dict(self) -> dict:
        keys = ("name", "kind", "ordinal", "date", "chair", "chair_title")
        return {k: getattr(self, k) for k in keys if getattr(self, k) is not None}


WARNINGS = {
    "no_chair": "the opening names no chair",
    "no_meeting_date": "no date of the meeting was found",
    "date_ambiguous": "the meeting's date lost its 月 and reads two ways; left empty",
    "date_day_only": "the meeting's date is its day only; month and year from the page's date",
    "date_lost_month": "the meeting's date lost its 月 in extraction; read as the one valid date",
    "item_without_kind": "an agenda item neither studies, hears nor reviews, and decides nothing",
    "attendance_without_names": "an attendance list names nobody",
    "paragraph_without_fact": "a paragraph of the body yielded no fact and is left out",
}
"""Codes of :class:`ParseWarning`, each with what it means: what the parser could not place."""


@dataclass(frozen=True)
class ParseWarning:
    """Something the parser could not place: one code of :data:`WARNINGS`, and where it is.

    >>> ParseWarning("no_chair", Span(0, 8, "某县召开常务会议")).to_dict()
    {'code': 'no_chair', 'start': 0, 'end': 8, 'text': '某县召开常务会议'}
    """

    code: str
    span: Span | None = None

    def to_dict(self) -> dict:
        out: dict = {"code": self.code}
        if self.span is not None:
            out.update(start=self.span.start, end=self.span.end, text=self.span.text)
        return out


@dataclass
class Minutes:
    """One set of minutes as parsed: header, meeting, attendance, items, distribution."""

    source: str
    body: str | None = None
    issuer: str | None = None
    issued: str | None = None
    title: str | None = None
    doc_number: str | None = None
    meeting: Meeting = field(default_factory=Meeting)
    participants: list[Participant] = field(default_factory=list)
    distribution: list[Mention] = field(default_factory=list)
    items: list[Item] = field(default_factory=list)
    other_business: list[OtherBusiness] = field(default_factory=list)
    metadata: dict[str, str] = field(default_factory=dict)
    spans: dict[str, Span] = field(default_factory=dict)
    warnings: list[ParseWarning] = field(default_factory=list)
    """What the parser could not place, in the order of the text; none where it read everything."""

    def participants_by_role(self) -> dict[str, list[str]]:
        """``{role: [names]}`` in the order listed, roles with nobody left out."""
        out: dict[str, list[str]] = {}
        for p in self.participants:
            out.setdefault(p.role, []).append(p.name)
        return out

    def to_dict(self, spans: bool = False) -> dict:
        """The record in the shape of the corpus README (``kg extract --format json``).

        With ``spans`` the meeting, items, decisions and directives also carry the ``span`` they were
        read from, and ``attendance`` lists each participant with role and span (``kg extract --spans``).
        """
        out: dict = {"source": self.source}
        for key in ("body", "issuer", "issued", "title", "doc_number"):
            if getattr(self, key) is not None:
                out[key] = getattr(self, key)
        out["meeting"] = _with_span(self.meeting.to_dict(), self.meeting.span, spans)
        out["participants"] = self.participants_by_role()
        if spans:
            out["attendance"] = [
                _with_span({"name": p.name, "role": p.role}, p.span, spans) for p in self.participants
            ]
        out["distribution"] = _names(self.distribution)
        out["items"] = [item.to_dict(spans) for item in self.items]
        out["other_business"] = [o.to_dict() for o in self.other_business]
        out["counts"] = {
            "items": len(self.items),
            "decisions": sum(len(i.decisions) for i in self.items),
            "participants": len(self.participants),
        }
        if self.metadata:
            out["metadata"] = dict(self.metadata)
        out["warnings"] = [w.to_dict() for w in self.warnings]
        return out


def _with_span(out: dict, span: Span | None, spans: bool) -> dict:
    """``out`` with ``span`` added where spans were asked for and the fact has one."""
    if spans and span is not None:
        out["span"] = span.to_dict()
    return out


def _names(mentions: list[Mention]) -> list[str]:
    """Distinct names in order of first mention."""
    return list(dict.fromkeys(m.name for m in mentions))
