"""The head and foot of minutes, and the opening sentence that names the meeting.

What comes before the opening sentence is the header: a masthead (X人民政府常务会议纪要, 第47次), the
title (县政府第二十八次常务会议纪要), a document number (长府会议纪要〔2025〕2号), the issuing office and
its date (side by side or on two lines), a date in brackets, or a web page's metadata table
(索引号/发布机构/生成日期, kept as ``metadata``). What comes after the lists is the footer, which may
carry the same office and date (X办公室整理 / 2026年3月14日, X办公室 2025年11月7日印发) or a site's
主办 line, which names the government but is no issuer of the minutes.

>>> from loaders.normalize import normalize
>>> norm = normalize("2023年12月20日，县长李晓东主持召开县政府第二十八次常务会议。")
>>> meeting = parse_meeting(norm, 0, len(norm.text), None)
>>> meeting.date, meeting.chair, meeting.chair_title, meeting.ordinal, meeting.kind
('2023-12-20', '李晓东', '县长', 28, '常务会议')
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from loaders.attendance import split_title
from loaders.dates import DATE, NUMERAL, FoundDate, chinese_number, find_dates, resolve_year
from loaders.normalize import Normalized
from loaders.record import Meeting, Span

METADATA_KEYS = (
    "索引号", "文号", "关键词", "发布机构", "公开形式", "公开目录", "公开方式", "公开范围", "生成日期",
    "成文日期", "发文日期", "发布日期", "有效性", "主题分类", "体裁分类", "信息来源", "来源", "分享",
    "视频新闻", "浏览次数", "所属机构", "组配分类", "信息名称", "签发人", "发布时间",
)  # fmt: skip
"""Keys of a web page's metadata table; their values go to ``Minutes.metadata``, not the record."""

_METADATA = re.compile(rf"({'|'.join(METADATA_KEYS)})[：:](.*)$")
_GOVERNMENT = re.compile(r"[\u4e00-\u9fff]{2,}?[省市县区州旗盟镇乡](?:第[\d" + NUMERAL + r"]+届)?人民政府")
_OFFICE = re.compile(
    r"(?P<office>[\u4e00-\u9fff]{2,}?(?:人民政府|政府)?办公(?:室|厅))(?P<verb>整理|编印|编|印发|印)?"
)
_DOC_NUMBER = re.compile(r"[\u4e00-\u9fff]{1,12}[〔\[【（(]\d{4}[〕\]】）)]第?\d{1,4}号")
_ORDINAL = re.compile(rf"第([\d{NUMERAL}]+)次")
_KIND = re.compile(r"(常务|全体|专题|办公|党组|廉政工作|执行)(?:[（(]扩大[）)])?会议")
_OPENING = re.compile(
    r"主持召开|召开[^。]{0,40}会议|主持[^。]{0,6}会议|会议[^。]{0,60}召开|由[^。]{2,30}主持"
)
_CHAIR = re.compile(r"([^，。；]{2,60}?)主持(?:召开|会议)|由([^，。；由]{2,40}?)主持")
_NAME_AFTER = re.compile(r"主持召开了?([^，。；：]{2,60}?会议)")
_NAME_BEFORE = re.compile(r"([^，。；：]{0,40}?第[\d" + NUMERAL + r"]+次[^，。；：于在]{0,20}?会议)")
_PLACE = re.compile(r"在[^在，。]{2,30}?(?:室|厅|楼|中心|会场|宾馆|酒店|大厦|\d号?)$")
_ISO_DATE = re.compile(r"(\d{4})-(\d{1,2})-(\d{1,2})")
_LEADING_DATE = re.compile(rf"^(?:{DATE.pattern})(?:上午|下午|晚上)?")
_TIME_OF_DAY = re.compile(r"^(?:上午|下午|晚上|晚|早上)")


@dataclass
class Head:
    """What the header and footer say about the document.

    ``reference`` is the document's own date (issue date, bracketed date) that lends its year to a
    meeting date without one; ``page_date`` a web page's date (生成日期), used only where there is none.
    """

    body: str | None = None
    issuer: str | None = None
    issued: str | None = None
    title: str | None = None
    doc_number: str | None = None
    ordinal: int | None = None
    reference: FoundDate | None = None
    page_date: FoundDate | None = None
    metadata: dict[str, str] = field(default_factory=dict)
    spans: dict[str, Span] = field(default_factory=dict)


def find_opening(norm: Normalized) -> tuple[int, int] | None:
    """Start and end of the opening paragraph: the first line that names a meeting being held."""
    text, at = norm.text, 0
    while at < len(text):
        end = text.find("\n", at)
        end = len(text) if end < 0 else end
        if _OPENING.search(text, at, end) and not _METADATA.match(text, at, end):
            return at, end
        at = end + 1
    return None


def parse_head(norm: Normalized, start: int, end: int, head: Head | None = None) -> Head:
    """Read the header lines (or footer lines) in ``norm.text[start:end]`` into ``head``."""
    head = head or Head()
    text, at, office_waiting = norm.text, start, False
    while at < end:
        line_end = text.find("\n", at, end)
        line_end = end if line_end < 0 else line_end
        line = text[at:line_end]
        office_waiting = _read_line(norm, head, at, line, office_waiting)
        at = line_end + 1
    return head


def _read_line(norm: Normalized, head: Head, at: int, line: str, office_waiting: bool) -> bool:
    """Take what one header line says; returns whether it was an office awaiting its date."""
    if m := _METADATA.match(line):
        if m[2].strip():
            head.metadata[m[1]] = m[2].strip()
        if m[1] == "文号" and (number := _DOC_NUMBER.search(line)):
            _set(norm, head, "doc_number", number[0], at + number.start())
        if (iso := _ISO_DATE.search(line)) and head.page_date is None:
            head.page_date = FoundDate(at + iso.start(), at + iso.end(), *map(int, iso.groups()))
        return False
    if line.startswith(("主办", "承办")):
        if (office := _OFFICE.search(line)) and head.body is None:
            _set_body(norm, head, office["office"], at + office.start())
        return False
    dates = find_dates(line)
    if dates:
        head.reference = head.reference or dates[0]
    if (number := _DOC_NUMBER.search(line)) and not dates:
        _set(norm, head, "doc_number", number[0], at + number.start())
    office = _OFFICE.match(line)
    if office and len(line) <= 40:
        _set(norm, head, "issuer", office["office"], at)
        if head.body is None:
            _set_body(norm, head, office["office"], at)
        if dates and dates[0].iso:
            _set(norm, head, "issued", dates[0].iso, at + dates[0].start, at + dates[0].end)
            return False
        return True
    if office_waiting and dates and dates[0].start == 0 and dates[0].iso:
        _set(norm, head, "issued", dates[0].iso, at + dates[0].start, at + dates[0].end)
        head.reference = dates[0]
    if line.endswith("纪要"):
        if gov := _GOVERNMENT.match(line):
            _set_body(norm, head, gov[0], at)
        if _ORDINAL.search(line) and head.title is None:
            _set(norm, head, "title", line, at)
    elif (gov := _GOVERNMENT.fullmatch(line)) and head.body is None:
        _set_body(norm, head, gov[0], at)
    if (m := _ORDINAL.search(line)) and head.ordinal is None:
        head.ordinal = chinese_number(m[1])
    return False


def _set(norm: Normalized, head: Head, key: str, value: str, start: int, end: int | None = None) -> None:
    """Set ``key`` once (the first source wins) and keep its span."""
    if getattr(head, key) is None:
        setattr(head, key, value)
        head.spans[key] = norm.span(start, start + len(value) if end is None else end)


def _set_body(norm: Normalized, head: Head, name: str, start: int) -> None:
    """The government from a masthead, an office (…人民政府办公室) or a meeting name (…第13届人民政府)."""
    if gov := _GOVERNMENT.match(name):
        body = re.sub(rf"第[\d{NUMERAL}]+届", "", gov[0])
        _set(norm, head, "body", body, start, start + len(gov[0]))


def body_from_text(norm: Normalized, head: Head, start: int, end: int) -> None:
    """Where no header names the government, a meeting name may (汨罗市第13届人民政府第47次常务会议)."""
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
    dates = find_dates(text, start, sentence_end)
    if dates:
        meeting.date = resolve_year(dates[0], reference)
    if named:
        _read_name(meeting, named[1])
    if chaired:
        meeting.chair_title, meeting.chair = _chair(chaired[1] or chaired[2])
    return meeting


def _read_name(meeting: Meeting, name: str) -> None:
    name = _LEADING_DATE.sub("", name)
    meeting.name = name
    kind = _KIND.search(name)
    meeting.kind = f"{kind[1]}会议" if kind else "会议"
    ordinals = _ORDINAL.findall(name)
    meeting.ordinal = chinese_number(ordinals[-1]) if ordinals else None


def _chair(chunk: str) -> tuple[str | None, str | None]:
    """(title, name) of the chair from the words before 主持 (date, 上午 and place left out)."""
    chunk = chunk.rsplit("，", 1)[-1]
    chunk = DATE.sub("", chunk)
    chunk = _TIME_OF_DAY.sub("", chunk)
    chunk = _PLACE.sub("", chunk)
    title, name = split_title(chunk)
    if not re.fullmatch(r"[\u4e00-\u9fff·]{2,4}", name or ""):
        return title, None
    return title, name


def level_of(body: str | None, meeting: Meeting) -> str | None:
    """The level character of the government (县, 市, 区, 镇…), for unit names such as 县财政局."""
    for text, pattern in (
        (body, r"([省市县区州旗盟镇乡])(?:人民)?政府$"),
        (meeting.name, r"([省市县区州旗盟镇乡])(?:人民)?政府"),
        (meeting.chair_title, r"([省市县区州旗镇乡])长$"),
    ):
        if text and (m := re.search(pattern, text)):
            return m[1]
    return None
