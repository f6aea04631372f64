"""The body of minutes: agenda items in every numbering style, and the closing business.

Minutes number their items in a few ways, and :func:`parse_body` reads each of them:

* a heading on a line of its own, ``一、传达学习…`` (or ``一 、``): the heading is the item's
  title, its body the paragraphs after it;
* one paragraph per item, ``一、会议传达学习了…``: no title;
* a bare ``一`` on a line of its own, the body after it;
* no numbers: a paragraph opening 会议听取/会议审议/会议传达学习/会议研究 takes up a new matter,
  while a 会议指出/会议强调 paragraph comments on the matter before it and belongs to it.

Numbers must run in order (一, 二, 三 …), so a list inside an item does not split it; （一）（二）
sub-items and 1. 2. lists belong to their item. After the last numbered item, 会议还研究了其他事项,
会议组织了集体学法… and 会议还听取了… are closing business (:class:`OtherBusiness`), not items.

Inside each item :mod:`loaders.decisions`, :mod:`loaders.directives` and :mod:`loaders.mentions`
find decisions, directives and names; every fact gets the span of its sentence.

>>> from loaders.normalize import normalize
>>> norm = normalize("一、听取县财政局关于预算的汇报\\n会议原则同意《预算》。\\n会议还研究了其他事项。")
>>> items, other = parse_body(norm, 0, len(norm.text), level="县")
>>> [(i.number, i.kind, i.title, [p.name for p in i.presenters]) for i in items]
[(1, 'report', '听取县财政局关于预算的汇报', ['县财政局'])]
>>> [(o.kind, o.text) for o in other]
[('other', '会议还研究了其他事项')]
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field
from itertools import pairwise
from typing import TYPE_CHECKING, NamedTuple

from loaders.decisions import decision_at, find_decisions
from loaders.directives import find_directives
from loaders.mentions import (
    Found,
    document_aliases,
    find_documents,
    find_enterprises,
    find_persons,
    find_projects,
    is_unit_name,
    units_at,
)
from loaders.record import Item, Mention, OtherBusiness

if TYPE_CHECKING:
    from loaders.normalize import Normalized

_NUMERALS = "零〇一二三四五六七八九十百"
_HEADING = re.compile(rf"([{_NUMERALS}]+)\s*[、．.]\s*")
_BARE = re.compile(rf"([{_NUMERALS}]+)\s*[、．.]?\s*")
_BRACKETED = re.compile(r"[（(]([一二三四五六七八九十]+)[）)]\s*")
_ARABIC_HEADING = re.compile(r"(\d{1,2})\s*[、．.]\s*(?!\d)")
_ASKING = re.compile(r"要|须|必须|务必|坚持|加强|强化|切实|进一步|着力|全力|严格|确保|做好|抓好|各")
_SUB_ITEM = re.compile(r"[（(][一二三四五六七八九十]+[）)]")
_OPENS_MATTER = re.compile(r"会议\s*(?:还)?(?:听取|审议|传达|学习|研究|讨论|审阅|通报|专题)")
_OTHER_ALWAYS = re.compile(
    r"会议(?:还)?(?:研究了?其[他它]事项|组织(?:了)?(?:集体)?学法|组织(?:了)?集体学习|集体学习)"
)
_COMMENTS = re.compile(r"会议(?:还)?(?:指出|强调|要求|认为|原则上?同意|原则通过|同意|通过|确定|决定|明确)")
_COMMON_BIGRAMS = frozenset(
    (
        "会议",
        "议指",
        "指出",
        "强调",
        "要求",
        "认为",
        "工作",
        "加强",
        "做好",
        "一步",
        "进一",
        "推进",
        "落实",
        "各项",
        "相关",
        "部门",
        "单位",
        "确保",
        "提高",
        "全面",
        "持续",
        "情况",
        "汇报",
        "关于",
        "提升",
        "有关",
        "要加",
        "要做",
        "要持",
        "要进",
        "要切",
        "切实",
        "积极",
        "主动",
        "进行",
        "开展",
        "推动",
        "实现",
        "重要",
        "抓好",
        "管理",
        "服务",
        "建设",
        "发展",
        "经济",
        "社会",
        "项目",
        "资金",
        "政府",
        "群众",
        "机制",
        "措施",
        "加快",
        "组织",
        "实施",
        "完善",
        "质量",
        "水平",
        "任务",
        "目标",
        "责任",
        "全县",
        "全市",
        "全区",
        "县委",
        "市委",
        "区委",
        "年度",
        "问题",
        "保障",
        "监管",
        "安排",
        "研究",
        "部署",
        "今年",
        "当前",
        "坚持",
        "严格",
        "有效",
        "做到",
        "不断",
        "深入",
        "认真",
        "统筹",
        "协调",
        "及时",
    )
)
"""Pairs of characters any two paragraphs of minutes share; they say nothing of the matter."""
_NO_MATTER = re.compile(r"会议(?:还)?研究了?其[他它]事项")
_OTHER_AFTER = re.compile(r"会议还(?:听取|传达|审议|研究|学习|通报)")
_CLOSING = re.compile(
    r"\S{2,30}(?:办公室|政府)\s*(?:整理|印发)|\d{4}年\d{1,2}月\d{1,2}日(?:印发)?|[（(]此件\S*[）)]|[（(]?完[）)]?"
)
_PREAMBLE = re.compile(r".*(?:纪要如下|以下意见|如下意见|以下事项)[：:]?$")
_SENTENCE_ENDS = frozenset("。！？；：!?;:")
_OPENS_LINE = re.compile(
    rf"会议|[{_NUMERALS}]+\s*[、．.]|[（(][一二三四五六七八九十\d]+[）)]|\d{{1,2}}[.、．]"
)
_SENTENCE = re.compile(r"[^。！？；!?;\n]+[。！？；!?;]*")
_KIND = re.compile(r"(传达学习|传达|组织学习|学习|学法)|(听取)|(审议|审阅|讨论)|(研究)")
_REPORT_HEADING = re.compile(r"[^，。；]+?关于.*汇报")
_PRESENTED = re.compile(
    r"(?:听取|审议)(?:并(?:原则上?)?(?:同意|通过))?(?:了)?(?:由)?|(?:原则上?)?(?:同意|通过)(?:了)?|由"
)
_SUBMITS = (
    "提交",
    "提出",
    "起草",
    "拟定",
    "制定",
    "编制",
    "报送",
    "上报",
    "呈报",
    "《",
    "关于",
    "意见",
    "所作",
    "作的",
    "解读",
    "汇报",
    "工作汇报",
    "、",
)

_DIGITS = {c: i for i, c in enumerate("零一二三四五六七八九")} | {"〇": 0}


def chinese_number(text: str) -> int | None:
    """The value of a Chinese numeral up to 999 (一 -> 1, 十四 -> 14, 二十 -> 20).

    >>> chinese_number("十四"), chinese_number("二十三"), chinese_number("一百零五")
    (14, 23, 105)
    """
    total, digit = 0, None
    for c in text:
        if c in _DIGITS:
            digit = _DIGITS[c]
        elif c == "十":
            total += (digit if digit is not None else 1) * 10
            digit = None
        elif c == "百":
            total += (digit if digit is not None else 1) * 100
            digit = None
        else:
            return None
    return total + (digit or 0)


class _Style(NamedTuple):
    """One way of numbering items: the heading pattern, the bare-number pattern, the value."""

    heading: re.Pattern
    bare: re.Pattern | None
    value: Callable[[str], int | None]
    first_line_only: bool = False


@dataclass
class _Block:
    """One item or closing business as found: its lines, number and heading."""

    number: int
    lines: list[tuple[int, int]] = field(default_factory=list)
    title: tuple[int, int] | None = None
    other: bool = False
    start: int | None = None


_TOPIC = re.compile(r"[【\[]?议题([一二三四五六七八九十]+)[】\]]?[：:，、．.]?\s*")
_BRACKETED_ARABIC = re.compile(r"[（(](\d{1,2})[）)]\s*")
_ORDINAL_ITEM = re.compile(r"第([一二三四五六七八九十]+)(?:项|个?议题)[：:，、．.]?\s*")
_STYLES = (
    _Style(_HEADING, _BARE, chinese_number),
    _Style(_ARABIC_HEADING, None, int, first_line_only=True),
    _Style(_BRACKETED, None, chinese_number, first_line_only=True),
    _Style(_BRACKETED_ARABIC, None, int, first_line_only=True),
    _Style(_TOPIC, None, chinese_number, first_line_only=True),
    _Style(_ORDINAL_ITEM, None, chinese_number, first_line_only=True),
)
"""Numbering styles, tried in order: 一、 (or a bare 一), 1、, （一）, （1）, 议题一：, 第一项，."""


def _lines(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """Non-blank lines of ``text[start:end]``, stripped, as offsets."""
    out = []
    for m in re.finditer(r"[^\n]+", text[start:end]):
        s, e = start + m.start(), start + m.end()
        while s < e and text[s].isspace():
            s += 1
        while e > s and text[e - 1].isspace():
            e -= 1
        if s < e:
            out.append((s, e))
    return out


def _numbered(text: str, lines: list[tuple[int, int]]) -> list[_Block]:
    """Items numbered 一、 or by a bare 一 line, numbers in order; [] when the text numbers none.

    Items numbered 1、 2、 are read only where the body opens with 1、 and no 一、 is found, since
    1. 2. lists inside items are far more common than items numbered so.
    """
    content = [line for line in lines if not _PREAMBLE.fullmatch(text, *line)]
    for style in _STYLES:
        blocks = _numbered_as(text, lines, style)
        if blocks and (not style.first_line_only or (content and blocks[0].start == content[0][0])):
            return blocks
    return []


def _numbered_as(text: str, lines: list[tuple[int, int]], style: _Style) -> list[_Block]:
    """Items in one numbering style, each numbered line shaped like the first item's line."""
    blocks: list[_Block] = []
    first_shape = None
    for s, e in lines:
        number, body_start = _number_at(text, s, e, len(blocks) + 1, style)
        shape = _shape(text[body_start:e]) if number is not None else None
        if number is None or (first_shape is not None and shape not in _ALIKE[first_shape]):
            if blocks:
                blocks[-1].lines.append((s, e))
            continue
        first_shape = first_shape or shape
        block = _Block(number, start=s)
        if shape == "heading":
            block.title = (body_start, e)
        elif shape != "bare":
            block.lines.append((body_start, e))
        blocks.append(block)
    return blocks


def _shape(rest: str) -> str:
    """What follows an item number: nothing (bare), a heading, 会议… (meeting), a sentence that asks
    for action (要…。) or another paragraph."""
    if not rest:
        return "bare"
    if rest.startswith("会议"):
        return "meeting"
    if "。" not in rest:
        return "heading"
    return "sentence" if _ASKING.match(rest) else "paragraph"


_ALIKE = {
    "bare": {"bare"},
    "heading": {"heading", "meeting"},
    "meeting": {"meeting", "paragraph", "heading"},
    "paragraph": {"meeting", "paragraph", "heading"},
    "sentence": {"sentence", "paragraph", "meeting", "heading"},
}
"""Which shapes of numbered line go with the shape of the first item's: under headings, a numbered
sentence (一、县甲局要…。) is an entry of a list inside an item, not an item."""


def _number_at(text: str, s: int, e: int, expected: int, style: _Style) -> tuple[int | None, int]:
    """The item number a line opens with, if it is the one expected next, and where its text starts."""
    m = (style.bare and style.bare.fullmatch(text, s, e)) or style.heading.match(text, s, e)
    if m is None or style.value(m[1]) != expected:
        return None, s
    return expected, m.end()


def _unnumbered(text: str, lines: list[tuple[int, int]]) -> list[_Block]:
    """One item per paragraph that takes up a new matter; comments join the matter before them.

    A 会议指出/强调 (or 会议原则同意…) paragraph is on the matter before it when it shares a word
    of substance with it (集中供热 … 冬季供热); one that shares none takes up a matter of its own.
    """
    blocks: list[_Block] = []
    for s, e in lines:
        if not blocks and _PREAMBLE.match(text, s, e):
            continue
        new = not blocks or _OPENS_MATTER.match(text, s, e)
        if not new and _COMMENTS.match(text, s, e):
            new = not _same_matter(text[blocks[-1].lines[0][0] : blocks[-1].lines[-1][1]], text[s:e])
        if new:
            blocks.append(_Block(len(blocks) + 1))
        blocks[-1].lines.append((s, e))
    return blocks


def _same_matter(before: str, comment: str) -> bool:
    """Whether the first sentence of ``comment`` shares a word of substance with ``before``."""
    first = _SENTENCE.match(comment)
    return bool(_bigrams(first[0] if first else comment) & _bigrams(before))


def _bigrams(text: str) -> set[str]:
    pairs = {a + b for a, b in pairwise(text) if _is_cjk(a) and _is_cjk(b)}
    return pairs - _COMMON_BIGRAMS


def _is_cjk(c: str) -> bool:
    return "\u4e00" <= c <= "\u9fff"


def _split_closing(text: str, blocks: list[_Block], numbered: bool) -> list[_Block]:
    """Cut closing business (会议还研究了其他事项 …) out of the items, and stop at a sign-off line."""
    out: list[_Block] = []
    for k, block in enumerate(blocks):
        lines, block.lines = block.lines, []
        current, closing = block, False
        others: list[_Block] = []
        for n, (s, e) in enumerate(lines):
            if _CLOSING.fullmatch(text, s, e):
                closing = True
                break
            opens = _OTHER_ALWAYS.match(text, s, e) or (
                numbered and k == len(blocks) - 1 and _OTHER_AFTER.match(text, s, e)
            )
            # a numbered paragraph is an item, unless it names no matter (会议还研究了其他事项)
            numbered_item = numbered and n == 0 and block.title is None
            if opens and (not numbered_item or _NO_MATTER.match(text, s, e)):
                current = _Block(0, other=True)
                others.append(current)
            current.lines.append((s, e))
        if block.lines or block.title:
            out.append(block)
        out.extend(others)
        if closing:
            break
    return out


def parse_body(
    norm: Normalized, start: int, end: int, *, level: str | None
) -> tuple[list[Item], list[OtherBusiness]]:
    """Items and closing business in the body ``[start, end)`` of the normalised text.

    ``level`` is the government's level character (县, 市, 区 …) that its units' names open with.
    """
    text = norm.text
    lines = _lines(text, start, end)
    blocks = _numbered(text, lines)
    numbered = bool(blocks)
    if not numbered:
        blocks = _unnumbered(text, lines)
    blocks = _split_closing(text, blocks, numbered)
    aliases = frozenset(document_aliases(text[start:end]))
    items: list[Item] = []
    other: list[OtherBusiness] = []
    for block in blocks:
        if block.other:
            other.append(_other_business(norm, block, aliases))
        else:
            number = block.number if numbered else len(items) + 1
            items.append(_item(norm, block, number, aliases, level))
    return items, other


def _sentences(text: str, lines: list[tuple[int, int]]) -> list[tuple[int, int, int, int]]:
    """``(start, end, section, paragraph)`` of each sentence; a （一） line opens a new section.

    A sentence that a line break cut (…，要求 / 按程序下达执行。) is read whole.
    """
    out: list[tuple[int, int, int, int]] = []
    section = 0
    for paragraph, (s, e) in enumerate(lines):
        if _SUB_ITEM.match(text, s, e):
            section += 1
        pieces = [(m.start(), m.end()) for m in _SENTENCE.finditer(text, s, e)]
        if (
            out
            and pieces
            and text[out[-1][1] - 1] not in _SENTENCE_ENDS
            and not _OPENS_LINE.match(text, s, e)
        ):
            first, last = out.pop(), pieces.pop(0)
            out.append((first[0], last[1], first[2], first[3]))
        out.extend((a, b, section, paragraph) for a, b in pieces)
    return out


def _item(norm: Normalized, block: _Block, number: int, aliases: frozenset[str], level: str | None) -> Item:
    """One item: its kind and title from the heading (or first sentence), then what it holds."""
    text = norm.text
    sentences = _sentences(text, block.lines)
    start = block.start if block.start is not None else (block.title or block.lines[0])[0]
    end = (block.lines[-1] if block.lines else block.title)[1]
    opening = block.title or (sentences[0][:2] if sentences else (start, end))
    kind = _kind(text, *opening)
    if kind == "other" and block.title and sentences:
        kind = _kind(text, *sentences[0][:2])
    item = Item(number=number, kind=kind, span=norm.span(start, end))
    if block.title:
        item.title = text[block.title[0] : block.title[1]].rstrip("。：:")
    persons = find_persons(text, 0, start, end)
    item.decisions = find_decisions(text, sentences, norm.span, level)
    item.directives = find_directives(text, sentences, norm.span, level, persons)
    decided = [(s, e) for s, e, _, _ in sentences if decision_at(text, s, e)]
    first = [sentences[0][:2]] if block.title and sentences else []
    item.presenters = _presenters(norm, [opening, *first, *decided])
    if block.title and not item.presenters and _REPORT_HEADING.match(text, *block.title):
        item.presenters = _presenters(norm, [block.title], heading=True)
    item.documents = _mentions(norm, find_documents(text, 0, start, end, aliases))
    item.persons_mentioned = _mentions(norm, persons)
    item.organizations_mentioned = _mentions(norm, find_enterprises(text, 0, start, end))
    item.projects = _mentions(norm, find_projects(text, 0, start, end))
    return item


def _kind(text: str, start: int, end: int) -> str:
    """study, report, review or other, by the first verb of the item's heading or opening sentence.

    Without a verb, a heading on a report (县财政局关于…的汇报) is a report, and an opening that
    approves a title in 《》 (会议原则同意《…》) a review.
    """
    m = _KIND.search(text, start, end)
    if m is None:
        if text.find("汇报", start, end) >= 0:
            return "report"
        approves = "《" in text[start:end] and decision_at(text, start, end) is not None
        return "review" if approves else "other"
    if m[4]:
        return "review" if "《" in text[start:end] else "other"
    return ("study", "report", "review")[m.lastindex - 1]


def _presenters(norm: Normalized, ranges: list[tuple[int, int]], heading: bool = False) -> list[Mention]:
    """Units that reported or submitted: 听取X关于…, 审议X提交的《…》, 原则同意X《…》, 由X解读;
    with ``heading``, the units a heading opens with (县财政局关于…的汇报)."""
    text = norm.text
    out: dict[str, Mention] = {}
    for where in ranges:
        verbs = [(where[0], "")] if heading else [(m.end(), m[0]) for m in _PRESENTED.finditer(text, *where)]
        for at, verb in verbs:
            units = units_at(text, at, where[1])
            if not units:
                continue
            listed = verb.startswith(("听取", "审议")) or text.startswith(_SUBMITS, units[-1][1])
            for s, e in units if listed else ():
                name = text[s:e]
                if is_unit_name(name):
                    out.setdefault(name, Mention(name, span=norm.span(s, e)))
    return list(out.values())


def _mentions(norm: Normalized, found: list[Found]) -> list[Mention]:
    """Distinct names, each with the span of its first mention."""
    out: dict[str, Mention] = {}
    for f in found:
        out.setdefault(
            f.name, Mention(f.name, span=norm.span(f.start, f.end), title=f.title, status=f.status)
        )
    return list(out.values())


def _other_business(norm: Normalized, block: _Block, aliases: frozenset[str]) -> OtherBusiness:
    """Closing business: its first sentence is its text; 由X解读/听取X汇报 names its presenters."""
    text = norm.text
    s, e = block.lines[0]
    first = _SENTENCE.match(text, s, e)
    sentence_end = first.end() if first else e
    quote = text[s:sentence_end].rstrip("。！？；;")
    kind = _kind(text, s, sentence_end)
    end = block.lines[-1][1]
    return OtherBusiness(
        kind=kind,
        text=quote,
        presenters=_presenters(norm, [(s, sentence_end)]),
        documents=_mentions(norm, find_documents(text, 0, s, end, aliases)),
        span=norm.span(s, end),
    )
