"""Parse the text of one set of minutes into a :class:`~loaders.record.Minutes` record.

The text is cut into regions and each region goes to the parser that knows it::

    header      masthead, title, number, issuing office and date, page metadata   (loaders.header)
    opening     the sentence that names the meeting, its date and chair;
                attendees named in it (…出席会议, …应邀参加会议)               (header, attendance)
    lists       出席/请假/应邀出席/列席/记录 and 分送, after the opening or at the end  (attendance)
    body        the items and other business                                    (loaders.items)
    footer      issuing office and date, publication notes, site footers       (loaders.header)

Every fact keeps its span in the original text through :meth:`Normalized.span`.
"""

from __future__ import annotations

from loaders.attendance import find_closing, find_lists, parse_inline, parse_lists
from loaders.errors import NotMinutesError
from loaders.header import Head, body_from_text, find_opening, level_of, parse_head, parse_meeting
from loaders.items import parse_body
from loaders.normalize import normalize
from loaders.record import ROLES, Minutes, Participant


def parse_minutes(raw: str, source: str, metadata: dict | None = None) -> Minutes:
    """Parse ``raw`` (the text as read from ``source``); ``metadata`` is what the reader found (HTML).

    Raises :class:`NotMinutesError` when the text names no meeting and holds no agenda items (an
    item with no heading, no kind and no decision is only a paragraph).
    """
    norm = normalize(raw)
    text = norm.text
    opening = find_opening(norm)
    head = parse_head(norm, 0, opening[0] if opening else 0)
    body_start = opening[1] + 1 if opening else 0
    participants = parse_inline(norm, *opening) if opening else []
    distribution = []
    lists_at = find_lists(norm, body_start, len(text))
    if lists_at is not None and lists_at == body_start:
        found, sent, body_start = parse_lists(norm, lists_at, len(text))
        participants += found
        distribution += sent
        lists_at = find_lists(norm, body_start, len(text))
    footer_at = len(text)
    if lists_at is not None:
        found, sent, footer_at = parse_lists(norm, lists_at, len(text))
        participants += found
        distribution += sent
    else:
        closing = find_closing(norm, body_start, len(text))
        footer_at = len(text) if closing is None else closing
    parse_head(norm, footer_at, len(text), head)
    body_end = min(lists_at if lists_at is not None else footer_at, footer_at)
    meeting = parse_meeting(norm, *opening, head.reference or head.page_date) if opening else None
    minutes = Minutes(source=source)
    if meeting is not None:
        minutes.meeting = meeting
        if meeting.ordinal is None:
            meeting.ordinal = head.ordinal
        if head.body is None and meeting.name:
            at = text.find(meeting.name, *opening)
            body_from_text(norm, head, at, at + len(meeting.name))
    items, other = parse_body(norm, body_start, body_end, level=level_of(head.body, minutes.meeting))
    if meeting is None and not any(item.title or item.kind != "other" or item.decisions for item in items):
        raise NotMinutesError(source, "no meeting sentence or agenda items found; is this a set of minutes?")
    _fill(minutes, head, metadata)
    minutes.participants = _roles(participants)
    minutes.distribution = distribution
    minutes.items, minutes.other_business = items, other
    return minutes


def _fill(minutes: Minutes, head: Head, metadata: dict | None) -> None:
    """Copy the header's facts into the record, with their spans."""
    for key in ("body", "issuer", "issued", "title", "doc_number"):
        setattr(minutes, key, getattr(head, key))
    minutes.spans.update(head.spans)
    minutes.metadata = {**(metadata or {}), **head.metadata}


def _roles(participants: list[Participant]) -> list[Participant]:
    """Each person once per role, roles in the record's order; one named as invited in the opening
    is not also an observer."""
    invited = {p.name for p in participants if p.role == "invited"}
    seen, out = set(), []
    for p in participants:
        if (p.role == "observer" and p.name in invited) or (p.name, p.role) in seen:
            continue
        seen.add((p.name, p.role))
        out.append(p)
    return sorted(out, key=lambda p: ROLES.index(p.role))
