"""The head and foot of minutes, and the opening sentence that names the meeting.

What comes before the opening sentence is the header: a masthead (X人民政府常务会议纪要, 第12次), the
title (县政府第三十六次常务会议纪要), a document number (青府会议纪要〔2024〕5号), the issuing office and
its date (side by side or on two lines), a date in brackets, or a web page's metadata table
(索引号/发布机构/生成日期, kept as ``metadata``). What comes after the lists is the footer, which may
carry the same office and date (X办公室整理 / 2024年3月20日, X办公室 2025年11月7日印发) or a site's
主办 line, which names the government but is no issuer of the minutes.

>>> from loaders.normalize import normalize
>>> norm = normalize("2024年3月12日，县长程立新主持召开县政府第三十六次常务会议。")
>>> meeting = parse_meeting(norm, 0, len(norm.text), None)
>>> meeting.date, meeting.chair, meeting.chair_title, meeting.ordinal, meeting.kind
('2024-03-12', '程立新', '县长', 36, '常务会议')
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from loaders.attendance import PERSON_NAME, split_title
from loaders.dates import (
    DATE,
    NUMERAL,
    FoundDate,
    chinese_number,
    day_in_month_of,
    find_dates,
    has_lost_month,
    lost_month,
    resolve_year,
)
from loaders.genre import (
    FORM_FIELDS,
    ITEM_NUMBER,
    LEVELS,
    MEETING_KINDS,
    METADATA_KEYS,
    PAGE_DATE_KEYS,
    PAGE_FIELD_KEYS,
    PUBLISHED_KEYS,
    SITE_KEYS,
    TITLE_ENDS,
    UPPER_LEVELS,
    alternation,
)
from loaders.normalize import Normalized
from loaders.record import Meeting, Span

_METADATA = re.compile(rf"({alternation(METADATA_KEYS)})[：:](.*)$")
_GOVERNMENT = re.compile(
    r"(?:(?!届)[\u4e00-\u9fff]){2,}?[" + LEVELS + r"](?:第?[\d" + NUMERAL + r"]+届)?人民政府"
)
"""A government's name (某某县人民政府, 某某市第9届人民政府, 某某县十五届人民政府); a term
(十四届县人民政府) is no place."""
_OFFICE = re.compile(r"(?P<office>[\u4e00-\u9fff]{2,}?(?:人民政府|政府)?办公(?:室|厅))")
_DOC_NUMBER = re.compile(r"[\u4e00-\u9fff]{0,12}[〔\[【（(]\d{4}[〕\]】）)]第?\d{1,4}号")
_ORDINAL = re.compile(rf"(?:第|(?<=届))([\d{NUMERAL}]+)次")
"""第12次, or 2届42次 / 五届104次 where the term stands for 第."""
_ISSUE = re.compile(rf"[（(]?(?:\d{{4}}年)?(?:总?第[\d{NUMERAL}]+期[）)]?[（(]?)+")
_TERM = re.compile(rf"第?[\d{NUMERAL}]+届")
_CHAIR_NAME = re.compile(PERSON_NAME)
_KIND = re.compile(rf"({MEETING_KINDS})(?:[（(]扩大[）)])?会议")
_OPENING = re.compile(
    r"主持召开|召开[^。]{0,40}会议|主持[^。]{0,6}会议|会议[^。]{0,60}召开|由[^。]{2,30}主持"
)
_CHAIR = re.compile(
    r"([^，。；]{2,60}?)主持(?:召开|会议)|由([^，。；由]{2,40}?)主持|([^，。；由]{2,40}?)主持(?=[，。；]|$)"
    r"|([^，。；]{2,60}?)，主持(?:召开|会议)"
)
"""The chair before 主持召开 (县长X主持召开; X在某会议室，主持召开), after 由 (会议由县长X主持), or
before a bare 主持 (区长X主持。)."""
_NOTE = re.compile(r"[（(][^（()）]*[）)]")
"""A note in brackets beside the chair (受县长委托) or the date (星期二)."""
_HOLDER = re.compile(r"[\u4e00-\u9fff]*政府$")
_NAME_AFTER = re.compile(r"主持召开了?([^，。；：]{2,60}?会议(?:[和及暨][^，。；：]{2,40}?会议)?)")
_NAME_BEFORE = re.compile(
    r"([^，。；：]{0,40}?(?:第|(?<=届))[\d" + NUMERAL + r"]+次[^，。；：于在]{0,20}?会议)"
)
_PLACE = re.compile(r"在[^在，。]{2,30}?(?:室|厅|楼|中心|会场|宾馆|酒店|大厦|\d号?)$")
_ISO_DATE = re.compile(r"(\d{4})-(\d{1,2})-(\d{1,2})")
_SIGNED_DATE = re.compile(rf"(?:{DATE.pattern})(?:印发)?")
_PRINTED = re.compile(rf"[（(]?(?:{DATE.pattern})印发[）)]?")
_TITLE_ENDS = TITLE_ENDS
"""How the title of minutes ends (县政府第12次常务会议纪要, 市政府第5次常务会议议定事项)."""
_TRAILING_DATE = re.compile(rf"[（(](?:{DATE.pattern})[）)]$")
_BRACKETED_DATE = re.compile(rf"[（(](?:{DATE.pattern})[）)]")
_ITEM_HEADING = re.compile(rf"{ITEM_NUMBER}|会议(?!纪要)")
_LEADING_DATE = re.compile(rf"^(?:{DATE.pattern})(?:上午|下午|晚上)?")
_TIME_OF_DAY = re.compile(r"^(?:上午|下午|晚上|晚|早上)")


@dataclass
class Head:
    """What the header and footer say about the document.

    ``reference`` is the document's own date (issue date, bracketed date) that lends its year to a
    meeting date without one; ``page_date`` a web page's date (生成日期), used only where there is none;
    ``dated_heading`` a date standing in brackets under the heading (（二〇二四年三月九日）), the
    meeting's own date where the opening sentence gives none; ``awaiting_date`` says that the last
    line read was an issuing office without its date. ``published`` is a web page's publication
    date, the date of issue of a web report (no title or masthead of minutes: ``minutes_title``).
    """

    body: str | None = None
    issuer: str | None = None
    issued: str | None = None
    title: str | None = None
    doc_number: str | None = None
    ordinal: int | None = None
    reference: FoundDate | None = None
    page_date: FoundDate | None = None
    dated_heading: FoundDate | None = None
    awaiting_date: bool = False
    published: FoundDate | None = None
    minutes_title: bool = False
    reading_footer: bool = False
    metadata: dict[str, str] = field(default_factory=dict)
    spans: dict[str, Span] = field(default_factory=dict)


def find_opening(norm: Normalized) -> tuple[int, int] | None:
    """Start and end of the opening paragraph: the first line that names a meeting being held.

    A page heading in the style of news (县政府召开第15次常务会议) also names one; where a line
    with a date or a chair follows it before the first item, that line is the opening.
    """
    text, at, first = norm.text, 0, None
    while at < len(text):
        end = text.find("\n", at)
        end = len(text) if end < 0 else end
        if _ITEM_HEADING.match(text, at, end) and first:
            break
        if _OPENING.search(text, at, end) and not _METADATA.match(text, at, end):
            first = first or (at, end)
            headline = not any(c in "，。；" for c in text[at:end])
            if not headline and (DATE.search(text, at, end) or "主持" in text[at:end]):
                return at, end
        at = end + 1
    return first


def parse_head(norm: Normalized, start: int, end: int, head: Head | None = None) -> Head:
    """Read the header lines (or footer lines) in ``norm.text[start:end]`` into ``head``."""
    head = head or Head()
    text, at = norm.text, start
    while at < end:
        line_end = text.find("\n", at, end)
        line_end = end if line_end < 0 else line_end
        line = _Line(norm, head, at, text[at:line_end], find_dates(text, at, line_end))
        waiting = head.awaiting_date
        head.awaiting_date = False
        head.reference = head.reference or (line.dates[0] if line.dates else None)
        next(reader for reader in LINE_READERS if reader(line, waiting))
        at = line_end + 1
    return head


@dataclass
class _Line:
    """One header line being read: where it starts, its text and the dates in it."""

    norm: Normalized
    head: Head
    at: int
    text: str
    dates: list[FoundDate]

    def set(self, key: str, value: str, offset: int = 0, end: int | None = None) -> None:
        _set(self.norm, self.head, key, value, self.at + offset, None if end is None else self.at + end)


def _metadata(line: _Line, waiting: bool) -> bool:
    """索引号：…, 发布机构：…, 生成日期：… (a web page's table), several fields to a line as a page
    prints them (发布日期：2023-06-21 信息来源：X人民政府办公室 访问量：7368); 文号 may hold the
    document number, a publication date (发布时间, 日期) is the date of a web report."""
    keys = list(_PAGE_KEY.finditer(line.text))
    if keys and _dated_page_line(line, keys[0]):
        return True
    if not keys or keys[0].start() or not (_METADATA.match(line.text) or _is_page_line(line.text, keys)):
        return False
    for k, m in enumerate(keys):
        value = line.text[m.end() : keys[k + 1].start() if k + 1 < len(keys) else len(line.text)].strip()
        if value:
            line.head.metadata.setdefault(m[1], value)
        iso = _ISO_DATE.match(value)
        if iso and m[1] in PUBLISHED_KEYS and line.head.published is None:
            at = line.at + m.end() + line.text[m.end() :].find(iso[0])
            line.head.published = FoundDate(at, at + len(iso[0]), *map(int, iso.groups()))
    if keys[0][1] == "文号" and (number := _DOC_NUMBER.search(line.text)):
        line.set("doc_number", number[0], number.start())
    if (iso := _ISO_DATE.search(line.text)) and line.head.page_date is None:
        line.head.page_date = FoundDate(line.at + iso.start(), line.at + iso.end(), *map(int, iso.groups()))
    return True


_PAGE_KEY = re.compile(rf"({alternation(PAGE_FIELD_KEYS)})[：:]")


def _dated_page_line(line: _Line, key: re.Match) -> bool:
    """A page's line that opens with its date (and time), then its fields (2024年12月13日 来源：上海
    普陀; 2024-12-13 10:00 来源：…): the date is the page's publication date."""
    if iso := _ISO_DATE.match(line.text):
        date = FoundDate(line.at, line.at + iso.end(), *map(int, iso.groups()))
    elif line.dates and line.dates[0].start == line.at:
        date = line.dates[0]
    else:
        return False
    before_key = line.text[date.end - line.at : key.start()]
    if not date.iso or _CLOCK.sub("", before_key).strip() or "。" in line.text:
        return False
    line.head.metadata.setdefault(key[1], line.text[key.end() :].strip())
    line.head.published = line.head.published or date
    line.head.page_date = line.head.page_date or date
    return True


_CLOCK = re.compile(r"\d{1,2}:\d{2}(?::\d{2})?")


def _is_page_line(text: str, keys: list[re.Match]) -> bool:
    """A line of a page's fields that opens with 字体/日期/时间: more fields follow, or a date-time
    (时间：2024-04-25 19:35), where a form's 时间：2025年3月4日 is the meeting's."""
    return "。" not in text and (len(keys) > 1 or bool(_ISO_DATE.match(text, keys[0].end())))


_HEADLINE = re.compile(
    r"召开[^，。；]{0,30}会议|会议[^，。；]{0,6}召开$|主持召开"
    r"|常务会议[^，。；]{0,12}?(?:研究|部署|审议|听取|传达)"
)
"""A web report's headline: 县政府召开第15次常务会议, …常务会议召开, X主持召开…, 市政府常务会议研究部署…."""
_COLUMN_TAG = re.compile(r"^【[^】]{1,8}】")


def _headline(line: _Line, waiting: bool) -> bool:
    """A web report's headline above the opening (X主持召开县政府第49次常务会议, 【时政新闻】县政府
    召开常务会议, …常务会议召开): the title, without a column's tag."""
    if line.head.reading_footer or line.dates or "。" in line.text or len(line.text) > 50:
        return False
    tag = _COLUMN_TAG.match(line.text)
    at = tag.end() if tag else 0
    if not _HEADLINE.search(line.text, at):
        return False
    line.set("title", line.text[at:], at)
    if gov := _GOVERNMENT.search(line.text, at):
        _set_body(line.norm, line.head, gov[0], line.at + gov.start())
    return True


def _site_footer(line: _Line, waiting: bool) -> bool:
    """主办：X人民政府办公室 names the government, though not the issuer of the minutes; so does a
    site footer's 主办单位： in the middle of its line."""
    owner = _SITE_OWNER.search(line.text)
    if not (line.text.startswith(("主办", "承办")) or owner):
        return False
    if office := _OFFICE.search(line.text, owner.end() if owner else 0):
        _set_body(line.norm, line.head, office["office"], line.at + office.start())
    return True


_SITE_OWNER = re.compile(r"主办单位[：:]")


def _office(line: _Line, waiting: bool) -> bool:
    """X人民政府办公室, with its date beside it or on the next line."""
    if not (office := _OFFICE.match(line.text)) or len(line.text) > 40:
        return False
    line.set("issuer", office["office"])
    _set_body(line.norm, line.head, office["office"], line.at)
    dated = [d for d in line.dates if d.iso]
    if dated:
        line.set("issued", dated[0].iso, dated[0].start - line.at, dated[0].end - line.at)
    line.head.awaiting_date = not dated
    return True


def _issue_date(line: _Line, waiting: bool) -> bool:
    """A date on the line after the issuing office is the date of issue."""
    if not (waiting and line.dates and line.dates[0].start == line.at and line.dates[0].iso):
        return False
    date = line.dates[0]
    line.set("issued", date.iso, 0, date.end - line.at)
    line.head.reference = date
    return True


def _printed_date(line: _Line, waiting: bool) -> bool:
    """2025年3月3日印发 or （2025年3月3日印发） at the foot: the date of issue, without the office."""
    if not (line.dates and line.dates[0].iso and _PRINTED.fullmatch(line.text)):
        return False
    date = line.dates[0]
    line.set("issued", date.iso, date.start - line.at, date.end - line.at)
    return True


def _bracketed_date(line: _Line, waiting: bool) -> bool:
    """（二〇二四年三月九日） under the heading."""
    if not (line.dates and _BRACKETED_DATE.fullmatch(line.text)):
        return False
    line.head.dated_heading = line.head.dated_heading or line.dates[0]
    return True


def _document_number(line: _Line, waiting: bool) -> bool:
    """青府会议纪要〔2024〕5号."""
    if line.dates or not (number := _DOC_NUMBER.search(line.text)):
        return False
    line.set("doc_number", number[0], number.start())
    return True


def _title_or_masthead(line: _Line, waiting: bool) -> bool:
    """…纪要 (…议定事项): a title where it names the meeting's ordinal, else a masthead; either may
    name the body.
    A date in brackets after the title (…纪要（2025年9月3日）) is the meeting's, as one under it."""
    text = line.text
    if line.dates and (dated := _TRAILING_DATE.search(text)):
        text = text[: dated.start()]
    if not text.endswith(_TITLE_ENDS):
        return False
    line.head.minutes_title = True
    if len(text) < len(line.text):
        line.head.dated_heading = line.head.dated_heading or line.dates[-1]
    if gov := _GOVERNMENT.match(text):
        _set_body(line.norm, line.head, gov[0], line.at)
    if _ORDINAL.search(text):
        line.set("title", text)
    _ordinal(line, waiting)
    return True


def _government(line: _Line, waiting: bool) -> bool:
    """A line that is only the government's name (青禾市人民政府) above the title."""
    if not (gov := _GOVERNMENT.fullmatch(line.text)):
        return False
    _set_body(line.norm, line.head, gov[0], line.at)
    return True


def _issue_number(line: _Line, waiting: bool) -> bool:
    """第5期, 2025年第3期（总第45期): the bulletin's issue, which may stand between the office and
    its date, so an office still awaits its date after it."""
    if not _ISSUE.fullmatch(line.text):
        return False
    line.head.awaiting_date = waiting
    return True


def _ordinal(line: _Line, waiting: bool) -> bool:
    """A masthead line such as 第12次 or 十届县政府第36次; any other line is passed over."""
    if (m := _ORDINAL.search(line.text)) and line.head.ordinal is None:
        line.head.ordinal = chinese_number(m[1])
    return True


LINE_READERS = (
    _metadata,
    _site_footer,
    _office,
    _issue_date,
    _printed_date,
    _bracketed_date,
    _document_number,
    _title_or_masthead,
    _headline,
    _government,
    _issue_number,
    _ordinal,
)
"""Readers of header and footer lines, tried in order; the first that takes a line reads it."""


def _set(norm: Normalized, head: Head, key: str, value: str, start: int, end: int | None = None) -> None:
    """Set ``key`` once (the first source wins) and keep its span."""
    if getattr(head, key) is None:
        setattr(head, key, value)
        head.spans[key] = norm.span(start, start + len(value) if end is None else end)


def _set_body(norm: Normalized, head: Head, name: str, start: int) -> None:
    """The government from a masthead, an office (…人民政府办公室) or a meeting name (…第9届人民政府)."""
    if gov := _GOVERNMENT.match(name):
        body = _TERM.sub("", gov[0])
        _set(norm, head, "body", body, start, start + len(gov[0]))


def read_signature(norm: Normalized, head: Head, start: int, end: int) -> None:
    """Minutes signed by the government itself at their foot (X人民政府 / 2025年11月7日, or side by
    side): the government is their issuer and the date their date of issue, where no office is.

    >>> from loaders.normalize import normalize
    >>> foot, head = normalize("某某县人民政府\\n2025年11月7日"), Head()
    >>> read_signature(foot, head, 0, len(foot.text))
    >>> head.issuer, head.issued
    ('某某县人民政府', '2025-11-07')
    """
    lines = [(m.start(), m.group()) for m in re.finditer(r"[^\n]+", norm.text[start:end])]
    for k, (at, line) in enumerate(lines):
        if not (gov := _GOVERNMENT.match(line)) or line.startswith("各"):
            continue
        rest, rest_at = line[gov.end() :], start + at + gov.end()
        if not rest and k + 1 < len(lines):
            rest, rest_at = lines[k + 1][1], start + lines[k + 1][0]
        dates = find_dates(rest)
        if dates and dates[0].start == 0 and dates[0].iso and _SIGNED_DATE.fullmatch(rest):
            _set(norm, head, "issuer", gov[0], start + at)
            _set_body(norm, head, gov[0], start + at)
            _set(norm, head, "issued", dates[0].iso, rest_at, rest_at + dates[0].end)
            return


def page_date_from_metadata(head: Head, metadata: dict[str, str]) -> None:
    """A web page's own date (kept by the HTML reader) gives a year to a meeting date without one.

    >>> head = Head()
    >>> page_date_from_metadata(head, {"发布机构": "区政府办", "生成日期": "2025-12-02 09:30:00"})
    >>> head.page_date.iso
    '2025-12-02'
    """
    dated = (_ISO_DATE.search(metadata.get(key, "")) for key in PAGE_DATE_KEYS)
    if head.page_date is None and (iso := next((m for m in dated if m), None)):
        head.page_date = FoundDate(0, 0, *map(int, iso.groups()))


def body_from_site(head: Head, metadata: dict[str, str]) -> None:
    """Where nothing in the minutes names the government, the page's office does (主办, 来源).

    ``metadata`` is what the reader found (a web page's footer); the header's own metadata lines
    (来源：… in text copied from a page) are read too.

    >>> head = Head()
    >>> body_from_site(head, {"主办": "某某区人民政府办公室"})
    >>> head.body
    '某某区人民政府'
    """
    found = {**head.metadata, **metadata}
    offices = (_GOVERNMENT.match(found.get(key, "")) for key in SITE_KEYS)
    if head.body is None and (gov := next((m for m in offices if m), None)):
        head.body = _TERM.sub("", gov[0])


def body_from_text(norm: Normalized, head: Head, start: int, end: int) -> None:
    """Where no header names the government, a meeting name may (青禾市第9届人民政府第12次常务会议)."""
    if gov := _GOVERNMENT.search(norm.text, start, end):
        _set_body(norm, head, gov[0], gov.start())


def parse_meeting(norm: Normalized, start: int, end: int, reference: FoundDate | None) -> Meeting:
    """The meeting named in the opening sentence: date, chair and title, name, kind and ordinal."""
    text = norm.text
    stop = text.find("。", start, end)
    sentence_end = end if stop < 0 else stop
    meeting = Meeting(span=norm.span(start, sentence_end + (stop >= 0)))
    named = _NAME_AFTER.search(text, start, sentence_end) or _NAME_BEFORE.search(text, start, sentence_end)
    chaired = _CHAIR.search(text, start, end)
    if named:
        name_meeting(meeting, _standing(named[1]))
    if found := _meeting_date(text, start, sentence_end, reference, meeting.name):
        meeting.date, meeting.date_repair = found
    if chaired:
        meeting.chair_title, meeting.chair = _chair(next(g for g in chaired.groups() if g))
    return meeting


_JOINED = re.compile(r"和|及|暨")
_NAME_YEAR = re.compile(r"(\d{4})年")


def _standing(name: str) -> str:
    """Of two meetings held together (县政府党组（扩大）会议和县政府第9次常务会议), the one with an
    ordinal or of the standing kind; one name otherwise.

    >>> _standing("区政府党组（扩大）会议和区政府十五届第21次常务会议")
    '区政府十五届第21次常务会议'
    """
    parts = [p for p in _JOINED.split(name) if p.endswith("会议")]
    if len(parts) < 2:
        return name
    return next((p for p in parts if _ORDINAL.search(p) or "常务" in p), name)


def _meeting_date(
    text: str, start: int, end: int, reference: FoundDate | None, name: str | None
) -> tuple[str | None, str | None] | None:
    """The meeting's ISO date and the repair rule that read it (None when read as printed).

    A date without a year takes it from the meeting's name (2022年第9次常务会议) or ``reference``;
    a date printed as its day only (25日，市长…) takes month and year from ``reference``; a date
    whose 月 extraction lost (2025年1127日) is read where only one reading is valid, and left empty
    (``date_ambiguous``) where two are.
    """
    dates = find_dates(text, start, end)
    if dates:
        found = dates[0]
        year = _NAME_YEAR.search(name or "")
        if found.year is None and year:
            return FoundDate(found.start, found.end, int(year[1]), found.month, found.day).iso, None
        return resolve_year(found, reference), None
    if repaired := lost_month(text, start, end):
        if repaired.year is None:
            return (resolve_year(repaired, reference), "date_lost_month") if reference else None
        return repaired.iso, "date_lost_month"
    if has_lost_month(text, start, end):
        return None, "date_ambiguous"
    if (day := _DAY_ONLY.match(text, start, end)) and reference and reference.year:
        return day_in_month_of(int(day[1]), reference), "date_day_only"
    return None


_DAY_ONLY = re.compile(r"(\d{1,2})日(?:上午|下午|晚上)?[，,]")
"""A meeting dated by its day only at the head of the opening (25日，市长…主持召开…)."""


_READ_FIELDS = alternation(k for k, what in FORM_FIELDS.items() if what in ("date", "chair", "name"))
_FIELD = re.compile(rf"({_READ_FIELDS})[：:]\s*(\S.*)$")
FORM_FIELD = re.compile(rf"(?:{alternation(FORM_FIELDS)})[：:]")
"""A line that is a field of minutes laid out as a form (时间：…, 会议地点：…): header, not body."""


def _field_date(meeting: Meeting, value: str, reference: FoundDate | None) -> None:
    if dates := find_dates(value):
        meeting.date = resolve_year(dates[0], reference)


def _field_chair(meeting: Meeting, value: str, reference: FoundDate | None) -> None:
    meeting.chair_title, meeting.chair = _chair(value)


def _field_name(meeting: Meeting, value: str, reference: FoundDate | None) -> None:
    name_meeting(meeting, value.rstrip("。"))


_READERS = {"date": _field_date, "chair": _field_chair, "name": _field_name}
FIELDS = {key: _READERS[what] for key, what in FORM_FIELDS.items() if what in _READERS}
"""Fields of minutes laid out as a form, and what each says about the meeting."""


def parse_fields(norm: Normalized, start: int, end: int, reference: FoundDate | None) -> Meeting | None:
    """The meeting of minutes laid out as a form (时间：…, 主持：…, 会议名称：…) instead of an opening
    sentence; None where ``norm.text[start:end]`` holds no such field.

    >>> from loaders.normalize import normalize
    >>> form = normalize("时间：2025年3月4日上午\\n主持：县长王大明\\n会议名称：县政府第5次常务会议")
    >>> m = parse_fields(form, 0, len(form.text), None)
    >>> m.date, m.chair, m.chair_title, m.name, m.ordinal
    ('2025-03-04', '王大明', '县长', '县政府第5次常务会议', 5)
    """
    text, at, meeting = norm.text, start, None
    while at < end:
        line_end = text.find("\n", at, end)
        line_end = end if line_end < 0 else line_end
        if m := _FIELD.match(text, at, line_end):
            meeting = meeting or Meeting(span=norm.span(at, line_end))
            FIELDS[m[1]](meeting, m[2], reference)
        at = line_end + 1
    return meeting


def name_meeting(meeting: Meeting, name: str) -> None:
    """Name, kind and ordinal of the meeting from its name as written (leading date and 召开 left out).

    Where the government holds the meeting (县政府召开第12次常务会议), its name is part of the name.

    >>> meeting = Meeting()
    >>> name_meeting(meeting, "某县人民政府在县行政中心会议室召开第12次常务会议")
    >>> meeting.name, meeting.ordinal
    ('某县人民政府第12次常务会议', 12)
    """
    holder, _, name = _LEADING_DATE.sub("", name).rpartition("召开")
    if name.startswith("第") and (gov := _HOLDER.search(_PLACE.sub("", holder))):
        name = gov[0] + name
    meeting.name = name
    kind = _KIND.search(name)
    meeting.kind = f"{kind[1]}会议" if kind else "会议"
    ordinals = _ORDINAL.findall(name)
    meeting.ordinal = chinese_number(ordinals[-1]) if ordinals else None


def _chair(chunk: str) -> tuple[str | None, str | None]:
    """(title, name) of the chair from the words before 主持 (date, 上午 and place left out)."""
    chunk = _NOTE.sub("", chunk).rsplit("，", 1)[-1].rsplit("由", 1)[-1]  # 会议由县长X主持召开
    chunk = DATE.sub("", chunk)
    chunk = _DAY_AFTER_NAME.sub("", chunk)  # 浙江省长某某17日上午
    chunk = _TIME_OF_DAY.sub("", chunk)
    chunk = _PLACE.sub("", chunk)
    title, name = split_title(chunk)
    if title:
        title = _TITLE_PLACE.sub("", title)
    if not _CHAIR_NAME.fullmatch(name or ""):
        return title, None
    return title, name


_TITLE_PLACE = re.compile(
    rf"^[\u4e00-\u9fff]{{2,10}}?[{UPPER_LEVELS}](?:人民)?政府(?=[\u4e00-\u9fff]*长$)"
    rf"|^[\u4e00-\u9fff]{{2,10}}?[{UPPER_LEVELS}](?=[{UPPER_LEVELS}](?:委|长)|副[{UPPER_LEVELS}]长)"
    rf"|^(?:(?!副|常务|代)[\u4e00-\u9fff]){{2,10}}?(?=[{UPPER_LEVELS}]长$)"
)
"""The place or government a chair's title opens with (清水县政府县长, 某某自治县县委副书记、县长,
浙江省长): the title is what follows."""
_DAY_AFTER_NAME = re.compile(r"\d{1,2}日(?:上午|下午|晚上)?$")


def level_of(body: str | None, meeting: Meeting) -> str | None:
    """The level character of the government (县, 市, 区, 镇…), for unit names such as 县财政局."""
    for text, pattern in (
        (body, rf"([{LEVELS}])(?:人民)?政府$"),
        (meeting.name, rf"([{LEVELS}])(?:人民)?政府"),
        (meeting.chair_title, rf"([{LEVELS}])长$"),
    ):
        if text and (m := re.search(pattern, text)):
            return m[1]
    return None
