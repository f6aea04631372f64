"""Normalise the text of minutes, keeping a map from every character back to the file's text.

Minutes reach us as PDF or web-page extractions: full-width digits, spaces that extraction put
between Chinese characters and digits (``青禾县 2024 年``, ``202 6 年``), page-number lines
(``— 3 —`` with form feeds) that can fall inside a sentence, and lines broken mid-sentence at page
ends or every ~26 characters. :func:`normalize` undoes these so the parsers read one paragraph per
line, and keeps where each character came from so every fact can point at the original.

Two kinds of line are treated differently, and this is the one decision the parsers rely on:

* **prose** lines lose every space between Chinese characters and digits, and a line that does not
  end a sentence is joined to the next unless the next opens a new paragraph (会议…, 一、, （一）,
  a list label) — but a line that leaves 《 open, or breaks before 会议 ending a word (…常务 /
  会议，…) or before 纪要, runs on; the field lines of a page or a form (来源：, 时间：) stand whole;
  a bullet before a line (■ ●) goes;
* **list** lines, from a label such as ``出席：``/``列 席：``/``分送：`` to the next paragraph or the
  issuing office's line, keep
  one space between two Chinese characters outside brackets and keep their line breaks, because
  those spaces and breaks are what separates names (``林 涛 韦 平``). The attendance parser
  removes the padding inside names; the label itself is closed up (``出 席：`` -> ``出席：``), and
  a label split over two lines (``出`` / ``席：``) is joined.

>>> n = normalize("青禾县 2024 年\\n\\n— 3 —\\n\\n工作安排")
>>> n.text
'青禾县2024年工作安排'
>>> n.span(3, 8)
Span(start=4, end=10, text='2024年')
>>> normalize("出 席： 程立新 邵 杰（ 赴 省城 ）\\n列席：王五").text
'出席：程立新 邵 杰（赴省城）\\n列席：王五'
"""

from __future__ import annotations

import re
from bisect import bisect_right
from dataclasses import dataclass

from loaders.genre import DISTRIBUTION_LABELS, FORM_FIELDS, ITEM_NUMBER, NUMERALS, STANDALONE_KEYS
from loaders.genre import LIST_LABELS as GENRE_LIST_LABELS
from loaders.record import Span

CJK = "\u3400-\u9fff\u3007"
"""Chinese characters, with 〇 (the numeral zero) among them."""


_CONTROL = "\x00"
"""What every control character other than a line break or a tab folds to: a mark that the runs of
kept text leave out, so a NUL or an escape byte at a PDF's page break is gone from the text (a name
it fell inside reads whole) while every other character keeps its offset."""


def _fold_table() -> dict[int, str]:
    """Width folding that keeps every character in place (one for one), so offsets survive it."""
    table = {c: chr(c - 0xFEE0) for c in range(0xFF10, 0xFF1A)}
    table.update({c: chr(c - 0xFEE0) for c in range(0xFF21, 0xFF3B)})
    table.update({c: chr(c - 0xFEE0) for c in range(0xFF41, 0xFF5B)})
    for c in (0x3000, 0x00A0, 0x200B, 0x200C, 0x200D, 0x2060, 0xFEFF, *range(0x2000, 0x200B)):
        table[c] = " "
    for c in (*range(0x00, 0x09), *range(0x0E, 0x1C), 0x7F):
        table[c] = _CONTROL
    # page and line separators become line breaks: a page-number footer then stands on its own line
    for c in (0x0B, 0x0C, 0x0D, 0x1C, 0x1D, 0x1E, 0x1F, 0x85, 0x2028, 0x2029):
        table[c] = "\n"
    return table


_FOLD = _fold_table()
_FOLDABLE = re.compile("[" + "".join(re.escape(chr(c)) for c in _FOLD) + "]")
_HALF_PUNCT = {",": "，", ";": "；", ":": "：", "?": "？", "!": "！", "(": "（", ")": "）"}
_HALF_IN_CHINESE = re.compile(rf"(?<=[{CJK}“”《》（）、，。])[,;:?!()]|[,;:?!()](?=[{CJK}“《（])")
"""Half-width punctuation typed in Chinese text (web pages: ``会议指出,要…``, ``(送审稿)``): the
full-width mark it stands for, so every rule reads one clause boundary; between ASCII characters
(16:31:47, PM2.5, (1)) it stays."""
_LINE = re.compile(r"[ \t\0■●◆▲★◇□►▶√]*([^ \t\n\0](?:[^\n]*[^ \t\n\0])?)[ \t\0]*")
"""A line that is not blank: its text without the spaces around it and without a bullet before it
(■ ● ◆, typography, not text), up to its line break."""
_SPACES = re.compile(r"[ \t]+")
# the one space kept between two printable ASCII characters (16:31:47 2025-11-14); the rest go
_ASCII_GAP = re.compile(r"[!-~]([ \t])[ \t]*(?=[!-~])")
_DIGIT_SPACE = re.compile(r"\d[ \t]+\d")
_PAGE_NUMBER = re.compile(
    r"[ \t]*(?:[—–－\-―]{1,2}[ \t]*\d{1,4}[ \t]*[—–－\-―]{1,2}|[·•][ \t]*\d{1,4}[ \t]*[·•]"
    r"|第\s*\d+\s*页(?:\s*共\s*\d+\s*页)?)[ \t]*"
)
_PAGE_NUMBER_WIDTH = 24
"""No page-number line is wider than this (— 12 —, 第 3 页 共 12 页), so wider lines skip the test."""
# a number the extraction split into pieces (202 6 年): its inner spaces go even though digits meet
_SPLIT_NUMBER = re.compile(rf"(?<![\d./:\-])\d+(?:[ \t]+\d+)+(?=[ \t]*[{CJK}])")

LIST_LABELS = tuple(sorted((*GENRE_LIST_LABELS, *DISTRIBUTION_LABELS), key=len, reverse=True))
"""Labels that open a list of names or units at the end (or start) of minutes, longest first."""

FIELD_LABELS = (*STANDALONE_KEYS, *FORM_FIELDS)
"""Labels of a line that is a field of a form (a page's metadata, 时间：/主持： of minutes laid out
as a form): such a line is whole, however wide, and never runs on into the next."""

_LABEL_ALT = "|".join(LIST_LABELS)
_FIELD_LINE = re.compile(rf"(?:{'|'.join(FIELD_LABELS)})[：:]")
_BARE_FIELD = re.compile(rf"(?:{'|'.join(FORM_FIELDS)})[：:]")
_SPACED_LABELS = "|".join("[ \t]*".join(label) for label in LIST_LABELS)
_SPACED_SUFFIXES = "|".join("[ \t]*".join(word) for word in ("人员", "领导", "同志", "名单", "单位"))
# a label, its characters possibly spaced (出 席), then a colon; 出席/列席/请假 also without a colon
_LIST_LABEL = re.compile(
    rf"(?:{_SPACED_LABELS})(?:[ \t]*(?:会[ \t]*议|的|{_SPACED_SUFFIXES}|有|是))*"
    rf"[ \t]*(?:[（(][^（()）\n]{{1,16}}[）)])?[ \t]*[：:]"
    rf"|(?:出[ \t]*席|列[ \t]*席|请[ \t]*假|缺[ \t]*席|记[ \t]*录)"
    rf"(?=[ \t]+(?:[{CJK}]{{1,4}}(?:[ \t、，,；;（(]|$)"
    rf"|[{CJK}]{{2,12}}(?:局|办|委|院|中心|公司|政府|街道|镇|乡)[ \t]))"
)
_PARAGRAPH = re.compile(
    rf"会议|{ITEM_NUMBER}|[{NUMERALS}]+$|第[{NUMERALS}\d]+[条项章部分]|第[{NUMERALS}\d至、和]+议题"
    rf"|(?:{_LABEL_ALT})(?:会议)?的?(?:人员|领导|同志|名单|单位)?(?:有|是)?[：:]"
)
_HEADING = re.compile(r"[一二三四五六七八九十]+[、.．]")
_NAVIGATION = re.compile(r"首页\s*[>＞»›]|[>＞»›]\s*首页")
"""A page's breadcrumbs (首页 > 政府信息公开 > …): a line of its own, never the start of a sentence."""
_SIGN_OFF = re.compile(r"[^：:]{0,30}[（(]?\d{4}年\d{1,2}月\d{1,2}日(?:印发)?[）)]?$")
"""The issuing office and its date (X办公室 2025年11月7日印发) or the date alone: it closes a
list above it, so its words are prose again (spaces inside them are no separators)."""
_WORD_ON = re.compile(r"会议(?:[，。、；：）》”]|室|精神|纪要|的|上|中|期间|并|后|召开|$)")
"""会议 that ends a word broken at a line end (…第九次常务 / 会议，…; …电视电话 / 会议精神): no
paragraph opens so, so the line is joined to the one before where that one runs on."""
_SENTENCE_END = frozenset("。！？；：!?;:")
_CLOSERS = "”’」』）)】〕"
_CONTINUES = frozenset("，、。；：）》”’」』】〕,.;:)")
_WRAP_WIDTH = 22
"""A line at least this wide (Chinese characters; digits count half) may be wrapped, not ended."""


@dataclass(frozen=True)
class Normalized:
    """Normalised text and, piece by piece, where it came from in the original.

    ``norm_starts[k]`` and ``raw_starts[k]`` say where the k-th run of characters copied in one go
    begins; a character at normalised offset ``i`` in the run starting at ``norm_starts[k]`` came
    from ``raw_starts[k] + (i - norm_starts[k])``.
    """

    raw: str
    text: str
    norm_starts: tuple[int, ...]
    raw_starts: tuple[int, ...]

    def to_raw(self, i: int) -> int:
        """Offset in the original of the character at normalised offset ``i``.

        >>> normalize("a\\n\\n b").to_raw(2)
        4
        """
        if not self.norm_starts:
            return 0
        k = max(bisect_right(self.norm_starts, i) - 1, 0)
        return self.raw_starts[k] + (i - self.norm_starts[k])

    def span(self, start: int, end: int) -> Span:
        """The :class:`Span` of normalised ``[start, end)``: original offsets, normalised text."""
        if end <= start or start < 0 or not self.norm_starts:
            raw = self.to_raw(start) if start < len(self.text) else len(self.raw)
            return Span(raw, raw, "")
        # every parser asks for spans, so both ends are looked up here in one go (the second
        # search starts at the first's run, as an end never lies before its start)
        norm, raw = self.norm_starts, self.raw_starts
        k = bisect_right(norm, start) - 1
        j = bisect_right(norm, end - 1, k) - 1
        return Span(raw[k] + start - norm[k], raw[j] + end - norm[j], self.text[start:end])


@dataclass(slots=True)
class _Line:
    """One non-blank line of the original: its kept runs of characters and what it reads as."""

    start: int
    end: int
    newline: int
    text: str
    is_list: bool = False
    glued: bool = False
    after_page_break: bool = False


def normalize(raw: str) -> Normalized:
    """Normalise ``raw`` (the text as read from the file); see the module docstring for what changes."""
    folded = _FOLDABLE.sub(lambda m: _FOLD[ord(m[0])], raw)
    folded = _HALF_IN_CHINESE.sub(lambda m: _HALF_PUNCT[m[0]], folded)
    lines = _mark_lists(folded, _lines(folded))
    runs: list[tuple[int, int]] = []
    previous: _Line | None = None
    for line in lines:
        if previous is not None and not _joins(previous, line):
            runs.append((previous.newline, previous.newline + 1))
        runs.extend(_without_controls(folded, _spaces(folded, line)))
        previous = line
    return _assemble(raw, folded, runs)


def _lines(folded: str) -> list[_Line]:
    """Non-blank lines without page-number lines, each stripped of its outer spaces."""
    out, page_break = [], False
    for m in _LINE.finditer(folded):
        stripped = m[1]
        s, e = m.span(1)
        if len(stripped) <= _PAGE_NUMBER_WIDTH and _PAGE_NUMBER.fullmatch(stripped):
            page_break = True
            continue
        text = stripped.replace(_CONTROL, "")
        if " " in text or "\t" in text:
            text = _SPACES.sub("", text)
        out.append(_Line(s, e, m.end(), text, after_page_break=page_break))
        page_break = False
    return out


def _mark_lists(folded: str, lines: list[_Line]) -> list[_Line]:
    """Mark list lines and join a label split over two lines (出 / 席：) into one line."""
    out: list[_Line] = []
    in_list = False
    for line in lines:
        previous = out[-1] if out else None
        if previous is not None and _split_label(previous.text, line.text):
            previous.glued = previous.is_list = line.is_list = in_list = True
            out.append(line)
            continue
        if _LIST_LABEL.match(folded, line.start, line.end):
            in_list = True
        elif _PARAGRAPH.match(line.text) or _SIGN_OFF.match(line.text):
            in_list = False
        line.is_list = in_list
        out.append(line)
    return out


def _split_label(head: str, tail: str) -> bool:
    """``出`` then ``席：…``: a label whose first characters ended a line."""
    if not head or len(head) > 3:
        return False
    return any(
        label.startswith(head) and label != head and tail.startswith(label[len(head) :] + "：")
        for label in LIST_LABELS
    )


def _joins(line: _Line, following: _Line) -> bool:
    """Whether ``following`` continues the sentence that ``line`` left unfinished."""
    if line.glued:
        return True
    if line.is_list or following.is_list:
        return False
    if _BARE_FIELD.fullmatch(line.text) and not _FIELD_LINE.match(following.text):
        return True  # 会议时间： / 2023年11月20日上午: a form's label over its value
    if _PARAGRAPH.match(following.text) and not _WORD_ON.match(following.text):
        return False
    if _FIELD_LINE.match(line.text) or _FIELD_LINE.match(following.text):
        return False
    if _NAVIGATION.search(line.text):
        return False
    if following.text[0] in _CONTINUES:
        return True
    last = line.text.rstrip(_CLOSERS)
    if last != line.text and (not last or last[-1] in _SENTENCE_END or line.text[0] in "（("):
        return False
    if last and last[-1] in _SENTENCE_END:
        return False
    if following.text == "纪要" or line.text.count("《") > line.text.count("》"):
        return True  # a title broken before 纪要, a document's title broken inside 《》
    if (m := _HEADING.match(line.text)) and following.text.endswith("。"):
        # a heading, then its first paragraph (a wrapped heading goes on without 。); an item that
        # opens with 会议 is a paragraph, not a heading
        return line.text.startswith("会议", m.end()) and _width(line.text) >= _WRAP_WIDTH
    if line.text[-1] in "，、," or following.after_page_break:
        return True
    return _width(line.text) >= _WRAP_WIDTH


def _width(text: str) -> float:
    """Printed width in Chinese characters: ASCII letters and digits are half as wide."""
    ascii_count = sum(1 for c in text if c < "\x80")
    return len(text) - ascii_count / 2


def _spaces(folded: str, line: _Line) -> list[tuple[int, int]]:
    """Runs of ``line`` to keep once the spaces that are not text are dropped."""
    if len(line.text) == line.end - line.start:
        return [(line.start, line.end)]
    if line.is_list:
        return _list_spaces(folded, line)
    kept = {m.start(1) for m in _ASCII_GAP.finditer(folded, line.start, line.end)}
    if kept and _DIGIT_SPACE.search(folded, line.start, line.end):
        kept -= {a for a, _ in _split_number_spaces(folded, line)}
    runs, at = [], line.start
    for m in _SPACES.finditer(folded, line.start, line.end):
        a, b = m.span()
        a += a in kept
        if a > at:
            runs.append((at, a))
        at = b
    if line.end > at:
        runs.append((at, line.end))
    return runs


def _without_controls(folded: str, runs: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """``runs`` with the control marks inside them left out (the common case has none)."""
    out = []
    for s, e in runs:
        at = folded.find(_CONTROL, s, e)
        while at >= 0:
            if at > s:
                out.append((s, at))
            s = at + 1
            at = folded.find(_CONTROL, s, e)
        if e > s:
            out.append((s, e))
    return out


def _split_number_spaces(folded: str, line: _Line) -> list[tuple[int, int]]:
    """The spaces inside numbers that extraction split (202 6 年)."""
    return [
        m.span()
        for number in _SPLIT_NUMBER.finditer(folded, line.start, line.end)
        for m in _SPACES.finditer(folded, *number.span())
    ]


def _list_spaces(folded: str, line: _Line) -> list[tuple[int, int]]:
    """As prose, but one space between two Chinese characters outside brackets stays (林 涛 韦 平)."""
    split_spaces = {a for a, _ in _split_number_spaces(folded, line)}
    label = _LIST_LABEL.match(folded, line.start, line.end)
    label_end = label.end() if label else line.start
    runs, at, depth = [], line.start, 0
    for m in _SPACES.finditer(folded, line.start, line.end):
        a, b = m.span()
        depth = _depth(folded, at, a, depth)
        left, right = folded[a - 1], folded[b]
        keep = (a not in split_spaces and _is_ascii_word(left) and _is_ascii_word(right)) or (
            a >= label_end and depth == 0 and _is_cjk(left) and _is_cjk(right)
        )
        runs.append((at, a + 1 if keep else a))
        at = b
    runs.append((at, line.end))
    return [r for r in runs if r[1] > r[0]]


_OPEN, _CLOSE = "（(〔【", "）)〕】"


def _depth(folded: str, start: int, end: int, depth: int) -> int:
    """Bracket depth after ``folded[start:end]``, starting from ``depth``."""
    for c in folded[start:end]:
        if c in _OPEN:
            depth += 1
        elif c in _CLOSE and depth:
            depth -= 1
    return depth


def _is_ascii_word(c: str) -> bool:
    return "!" <= c <= "~"


def _is_cjk(c: str) -> bool:
    return "\u3400" <= c <= "\u9fff" or c == "\u3007"


def _assemble(raw: str, folded: str, runs: list[tuple[int, int]]) -> Normalized:
    """Copy the kept runs, runs that continue each other as one, and remember where each begins."""
    pieces, norm_starts, raw_starts = [], [], []
    at, start, end = 0, None, None
    for s, e in runs:
        if s != end:
            if start is not None:
                pieces.append(folded[start:end])
            norm_starts.append(at)
            raw_starts.append(s)
            start = s
        at += e - s
        end = e
    if start is not None:
        pieces.append(folded[start:end])
    return Normalized(raw, "".join(pieces), tuple(norm_starts), tuple(raw_starts))
