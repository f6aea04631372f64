"""Parse the text of one set of minutes into a :class:`~loaders.record.Minutes` record.

The text is cut into regions and each region goes to the parser that knows it::

    header      masthead, title, number, issuing office and date, page metadata   (loaders.header)
    opening     the sentence that names the meeting, its date and chair;
                attendees named in it (…出席会议, …应邀参加会议)               (header, attendance)
                or, in minutes laid out as a form, the fields 时间：/主持：/会议名称：   (header)
    lists       出席/请假/应邀出席/列席/记录 and 分送, after the opening or at the end  (attendance)
    body        the items and other business                                    (loaders.items)
    footer      issuing office and date, publication notes, site footers       (loaders.header)

Every fact keeps its span in the original text through :meth:`Normalized.span`. Where the text
names no government or no year, a web page's own metadata (主办/来源, 生成日期) may, with no span.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from loaders.attendance import (
    BODY_LINE,
    find_closing,
    find_lists,
    is_attendance,
    parse_inline,
    parse_lists,
)
from loaders.errors import NotMinutesError
from loaders.genre import FORM_FIELDS, SECTION_HEADINGS, alternation
from loaders.header import (
    FORM_FIELD,
    Head,
    body_from_site,
    body_from_text,
    find_opening,
    level_of,
    name_meeting,
    page_date_from_metadata,
    parse_fields,
    parse_head,
    parse_meeting,
    read_signature,
)
from loaders.items import parse_body
from loaders.normalize import Normalized, normalize
from loaders.record import ROLES, Meeting, Mention, Minutes, ParseWarning, Participant


def parse_minutes(raw: str, source: str, metadata: dict | None = None) -> Minutes:
    """Parse ``raw`` (the text as read from ``source``); ``metadata`` is what the reader found (HTML).

    Raises :class:`NotMinutesError` when the text is mostly not Chinese (a README or a report about
    minutes quotes them, but is not one), or names no meeting and holds no agenda items (an item with
    no heading, no kind and no decision is only a paragraph).
    """
    if not _mostly_chinese(raw):
        raise NotMinutesError(source, "the text is mostly not Chinese; is this a set of minutes?")
    norm = normalize(raw)
    opening = find_opening(norm)
    header_end = opening[0] if opening else _first_body_line(norm)
    head = parse_head(norm, 0, header_end)
    if opening and not any(c in "，。；" for c in norm.text[opening[0] : opening[1]]):
        parse_head(norm, *opening, head)  # the opening is a headline: the report's title
    participants = parse_inline(norm, *opening) if opening else []
    regions = _regions(norm, opening[1] + 1 if opening else header_end)
    head.reading_footer = True
    parse_head(norm, regions.footer, len(norm.text), head)
    read_signature(norm, head, regions.footer, len(norm.text))
    page_date_from_metadata(head, metadata or {})
    minutes = Minutes(source=source)
    form = parse_fields(norm, 0, regions.body_end, head.reference or head.page_date)
    if opening:
        minutes.meeting = _meeting(norm, head, opening)
        _complete(minutes.meeting, form)
    elif form:
        minutes.meeting = form
    body_from_site(head, metadata or {})
    level = level_of(head.body, minutes.meeting)
    attendance = _attendance_lines(norm, regions.body_start, regions.body_end)
    for line_start, line_end in attendance:
        participants += parse_inline(norm, line_start, line_end)
    sections, listed = _sections(norm, regions.body_start, regions.body_end)
    skip = frozenset(line_start for line_start, _ in attendance) | sections
    unread: list[tuple[int, int]] = []
    agenda = (norm.text[opening[0] : opening[1]] if opening else "") + listed
    items, other = parse_body(
        norm, regions.body_start, regions.body_end, level=level, skip=skip, unread=unread, agenda=agenda
    )
    if not opening and not any(item.title or item.kind != "other" or item.decisions for item in items):
        raise NotMinutesError(source, "no meeting sentence or agenda items found; is this a set of minutes?")
    _fill(norm, minutes, head, metadata)
    minutes.participants = _roles(participants + regions.participants)
    minutes.distribution = regions.distribution
    minutes.items, minutes.other_business = items, other
    minutes.warnings = _warnings(norm, minutes, regions.unread_lists, unread)
    return minutes


_HAN = re.compile(r"[\u3400-\u9fff]")
_LATIN_WORD = re.compile(r"[A-Za-z]{2,}")


def _mostly_chinese(text: str) -> bool:
    """Whether Chinese characters outnumber Latin words: minutes are written in Chinese, and the
    Latin in them (S313, PM2.5, ICP备, even quoted markup) is a few words, where a README or a
    report about minutes is prose with Chinese quoted in it.

    >>> _mostly_chinese("会议原则同意S313公路改建工程")
    True
    >>> _mostly_chinese("The minutes (会议纪要) of a meeting record who was there")
    False
    """
    return len(_HAN.findall(text)) > len(_LATIN_WORD.findall(text))


@dataclass
class _Regions:
    """Where the body and the footer lie after the opening paragraph, and what the lists hold."""

    body_start: int
    body_end: int
    footer: int
    participants: list[Participant]
    distribution: list[Mention]
    unread_lists: list[tuple[int, int]]


def _regions(norm: Normalized, start: int) -> _Regions:
    """Cut the text after the opening paragraph (at ``start``) into lists, body and footer.

    Lists may stand right after the opening (then the body starts after them), between items (a
    per-item 列席, read and left inside the body) or at the end (then the body stops before them).
    """
    text, end = norm.text, len(norm.text)
    participants, distribution, blocks, at, unread = [], [], [], start, []
    while (found_at := find_lists(norm, at, end)) is not None:
        found, sent, stop = parse_lists(norm, found_at, end, unread)
        participants += found
        distribution += sent
        blocks.append((found_at, stop))
        at = max(stop, text.find("\n", found_at, end) + 1 or end)
    closing = find_closing(norm, blocks[-1][1] if blocks else start, end)
    footer = end if closing is None else closing
    body_start = _after_head(norm, start, dict(blocks))
    trailing = [b for b in blocks if b[0] >= body_start and not _has_body(norm, b[1], footer)]
    body_end = trailing[0][0] if trailing else footer
    return _Regions(body_start, body_end, footer, participants, distribution, unread)


def _after_head(norm: Normalized, at: int, blocks: dict[int, int]) -> int:
    """Where the body begins: after the lists (``blocks``: start -> stop) and the fields of a form
    (时间：…, 主持：…) that stand between the opening, or the header, and the first item."""
    text = norm.text
    while at < len(text):
        if at in blocks:
            at = blocks[at]
            continue
        if not FORM_FIELD.match(text, at):
            break
        line_end = text.find("\n", at)
        at = len(text) if line_end < 0 else line_end + 1
    return at


def _first_body_line(norm: Normalized) -> int:
    """Where the body begins in minutes without an opening sentence: at the first item or list
    (a title such as 会议纪要 opens with 会议 and is no item)."""
    at = 0
    for line in norm.text.split("\n"):
        item = BODY_LINE.match(line) and not (line.endswith("纪要") or FORM_FIELD.match(line))
        if item or find_lists(norm, at, at + len(line)) is not None:
            return at
        at += len(line) + 1
    return 0


def _attendance_lines(norm: Normalized, start: int, end: int) -> list[tuple[int, int]]:
    """The lines of ``[start, end)`` that only say who attended (副县长A、B出席会议。), where web
    reports put it: after the opening or after the items."""
    out, at, text = [], start, norm.text
    while at < end:
        line_end = text.find("\n", at, end)
        line_end = end if line_end < 0 else line_end
        if is_attendance(text, at, line_end):
            out.append((at, line_end))
        at = line_end + 1
    return out


_FORM_LINE = re.compile(rf"({alternation(FORM_FIELDS)})[：:](.*)")


def _sections(norm: Normalized, start: int, end: int) -> tuple[frozenset[int], str]:
    """A web report's section headings (会议议题 / 会议内容 / 列席情况) and form fields (会议议题：…,
    会议地点：…) in ``[start, end)``: where they and the parts that hold no items (the agenda, the
    page's links) begin, and the text of the agenda, which lists the matters as an opening does."""
    text, at, part, skip, agenda = norm.text, start, None, set(), []
    while at < end:
        line_end = text.find("\n", at, end)
        line_end = end if line_end < 0 else line_end
        heading = SECTION_HEADINGS.get(text[at:line_end])
        field = _FORM_LINE.match(text, at, line_end)
        if field and FORM_FIELDS.get(field[1]) == "agenda":
            heading = "agenda"
            agenda.append(field[2])
        if heading or part in ("agenda", "links") or field:
            skip.add(at)
        if heading is None and part == "agenda" and not field:
            agenda.append(text[at:line_end])
        part = heading or part
        at = line_end + 1
    return frozenset(skip), "\n".join(agenda)


def _has_body(norm: Normalized, start: int, end: int) -> bool:
    """Whether a line of the body (会议…, 一、…) lies in ``[start, end)``."""
    return any(BODY_LINE.match(line) for line in norm.text[start:end].split("\n"))


def _meeting(norm: Normalized, head: Head, opening: tuple[int, int]) -> Meeting:
    """The meeting of the opening sentence, its ordinal and government completed from the header."""
    meeting = parse_meeting(norm, *opening, head.reference or head.page_date)
    if meeting.date is None and head.dated_heading is not None:
        meeting.date = head.dated_heading.iso
    if meeting.name is None and head.title:
        name_meeting(meeting, head.title.removesuffix("纪要"))
    if meeting.ordinal is None:
        meeting.ordinal = head.ordinal
    if head.body is None and meeting.name:
        at = norm.text.find(meeting.name, *opening)
        body_from_text(norm, head, at, at + len(meeting.name))
    return meeting


def _complete(meeting: Meeting, form: Meeting | None) -> None:
    """A page laid out as a form names the date and chair in fields (会议时间：…, 会议主持人：…)
    that an opening without them lacks."""
    if form is None:
        return
    meeting.date = meeting.date or form.date
    if meeting.chair is None and form.chair:
        meeting.chair, meeting.chair_title = form.chair, form.chair_title


def _warnings(
    norm: Normalized, minutes: Minutes, lists: list[tuple[int, int]], paragraphs: list[tuple[int, int]]
) -> list[ParseWarning]:
    """What the parser could not place in ``minutes``, in the order of the text: a meeting without
    chair or date, a date read by a repair rule, an attendance list without names, an item without
    kind, a body paragraph that yielded no fact."""
    meeting = minutes.meeting
    out = []
    if meeting.chair is None:
        out.append(ParseWarning("no_chair", meeting.span))
    if meeting.date_repair:
        out.append(ParseWarning(meeting.date_repair, meeting.span))
    elif meeting.date is None:
        out.append(ParseWarning("no_meeting_date", meeting.span))
    out += [ParseWarning("attendance_without_names", norm.span(*where)) for where in lists]
    out += [
        ParseWarning("item_without_kind", item.span)
        for item in minutes.items
        if item.kind == "other" and not item.decisions
    ]
    out += [ParseWarning("paragraph_without_fact", norm.span(*where)) for where in paragraphs]
    return sorted(out, key=lambda w: w.span.start if w.span else -1)


def _fill(norm: Normalized, minutes: Minutes, head: Head, metadata: dict | None) -> None:
    """Copy the header's facts into the record, with their spans."""
    for key in ("body", "issuer", "issued", "title", "doc_number"):
        setattr(minutes, key, getattr(head, key))
    minutes.spans.update(head.spans)
    if minutes.issued is None and head.published is not None and not head.minutes_title:
        # a web report (no title of minutes): the page's publication date is its date of issue
        minutes.issued = head.published.iso
        minutes.spans["issued"] = norm.span(head.published.start, head.published.end)
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
