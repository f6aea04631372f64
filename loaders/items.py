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
from dataclasses import dataclass, field
from functools import lru_cache
from itertools import pairwise
from typing import TYPE_CHECKING

from loaders.dates import chinese_number
from loaders.decisions import decision_at, find_decisions
from loaders.directives import find_directives
from loaders.genre import (
    APPROVAL_VERBS,
    DECIDING_VERBS,
    ITEM_NUMBER,
    KIND_VERBS,
    NO_MATTER,
    NUMBERING,
    NUMERALS,
    OTHER_BUSINESS,
    NumberingStyle,
)
from loaders.mentions import (
    Found,
    document_aliases,
    find_documents,
    find_enterprises,
    find_persons,
    find_projects,
    is_unit_name,
    unit_at,
    units_at,
)
from loaders.record import Item, Mention, OtherBusiness

if TYPE_CHECKING:
    from loaders.normalize import Normalized

_ASKING = re.compile(r"要|须|必须|务必|坚持|加强|强化|切实|进一步|着力|全力|严格|确保|做好|抓好|各")
_SUB_ITEM = re.compile(r"[（(][一二三四五六七八九十]+[）)]")
_OPENS_MATTER = re.compile(r"会议\s*(?:还)?(?:听取|审议|审定|传达|学习|研究|讨论|审阅|通报|专题)")
_COMMENTS = re.compile(rf"会议(?:还)?(?:指出|强调|要求|认为|{APPROVAL_VERBS}|{DECIDING_VERBS})")
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
_OTHER_AFTER = re.compile(r"会议还(?:听取|传达|审议|研究|学习|通报)")
_CLOSING = re.compile(
    r"\S{2,30}(?:办公室|政府)\s*(?:整理|印发)|\d{4}年\d{1,2}月\d{1,2}日(?:印发)?|[（(]此件\S*[）)]|[（(]?完[）)]?"
)
_PREAMBLE = re.compile(r".*(?:纪要如下|以下意见|如下意见|以下事项)[：:]?$")
_SENTENCE_ENDS = frozenset("。！？；：!?;:")
_OPENS_LINE = re.compile(rf"会议|{ITEM_NUMBER}|[（(][{NUMERALS}\d]+[）)]")
_SENTENCE = re.compile(r"[^。！？；!?;\n]+[。！？；!?;]*")
_REPORT_HEADING = re.compile(r"[^，。；]+?关于.*汇报")
_PRESENTED = re.compile(
    r"(?:听取|审议|审定|研究)(?:并(?:原则上?)?(?:同意|通过))?(?:了)?(?:由)?|(?:原则上?)?(?:同意|通过)(?:了)?|由"
)
_SUBMITS = (
    "提交",
    "送审",
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


@dataclass
class _Block:
    """One item or closing business as found: its lines, number and heading."""

    number: int
    lines: list[tuple[int, int]] = field(default_factory=list)
    title: tuple[int, int] | None = None
    other: bool = False
    start: int | None = None


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
    for style in NUMBERING:
        blocks = _numbered_as(text, lines, style)
        if blocks and (not style.first_line_only or (content and blocks[0].start == content[0][0])):
            return blocks
    return []


def _numbered_as(text: str, lines: list[tuple[int, int]], style: NumberingStyle) -> list[_Block]:
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


def _number_at(text: str, s: int, e: int, expected: int, style: NumberingStyle) -> tuple[int | None, int]:
    """The item number a line opens with, if it is the one expected next, and where its text starts."""
    m = (style.bare and style.bare.fullmatch(text, s, e)) or style.pattern.match(text, s, e)
    if m is None or chinese_number(m[1]) != expected:
        return None, s
    return expected, m.end()


def _unnumbered(text: str, lines: list[tuple[int, int]], agenda: str = "") -> list[_Block]:
    """One item per paragraph that takes up a new matter; comments join the matter before them.

    A 会议指出/强调 (or 会议原则同意…) paragraph is on the matter before it when it shares a word
    of substance with it (集中供热 … 冬季供热); one that shares none takes up a matter of its own.
    """
    blocks: list[_Block] = []
    for s, e in lines:
        if (not blocks and _PREAMBLE.match(text, s, e)) or _BYLINE.fullmatch(text, s, e):
            continue
        bare = not _PUNCTUATED.search(text, s, e)
        new = not blocks or _OPENS_MATTER.match(text, s, e) or (bare and not _all_bare(text, blocks[-1]))
        before = text[blocks[-1].lines[0][0] : blocks[-1].lines[-1][1]] if blocks else ""
        if not new and _DECIDES.match(text, s, e):
            new = _new_decision(before, text[s:e])
        elif not new and _COMMENTS.match(text, s, e):
            new = not _same_matter(before, text[s:e]) or _other_matter(agenda, before, text[s:e])
        if new:
            blocks.append(_Block(len(blocks) + 1))
        blocks[-1].lines.append((s, e))
    return blocks


def _all_bare(text: str, block: _Block) -> bool:
    return not any(_PUNCTUATED.search(text, s, e) for s, e in block.lines)


_PUNCTUATED = re.compile(r"[，。；：、！？]")
"""A paragraph of minutes has punctuation; a line of a page without any (扫码关注 微信公众号, the
editors' names) stands apart from the item before it, and goes where it yields no fact."""
_BYLINE = re.compile(
    r"[（(]?(?:本报)?(?:记者|编辑|责编|责任编辑|审核|终审|编审|通讯员|供稿|撰稿|摄影)[：:]?[^。，；]{0,30}?[）)]?"
)
"""The reporter's or editor's line of a web report ((记者 某某 某某), 编辑：某某): page furniture."""
_DECIDES = re.compile(rf"会议(?:还)?(?:{APPROVAL_VERBS})")
_REFERS_BACK = re.compile(r"该|此|上述|以上|前述|这")
_DOCUMENT_TITLE = re.compile(r"《([^《》\n]+)》")


def _new_decision(before: str, decision: str) -> bool:
    """Whether a paragraph that opens with a decision (会议原则通过了《B》) takes up a matter of its
    own: it names a title the paragraphs before do not, or shares less than two words of substance
    with them; one that refers back (原则同意该方案, 以上议题) stays with its matter.

    >>> _new_decision("会议原则通过了《兴县甲方案》。", "会议原则通过了《兴县乙方案》。")
    True
    >>> _new_decision("会议审议了《甲办法》。", "会议原则同意该办法，要求修改完善。")
    False
    """
    first = _SENTENCE.match(decision)
    sentence = first[0] if first else decision
    if _REFERS_BACK.search(sentence):
        return False
    titles = _DOCUMENT_TITLE.findall(sentence)
    if titles:
        return not any(title in before for title in titles)
    matter = sentence[_DECIDES.match(sentence).end() :] if _DECIDES.match(sentence) else sentence
    return len(_bigrams(matter) & _bigrams(before)) < 2


_MATTER_CUT = re.compile(r"[，；。、]|(?=《)")
_MATTER_OVERLAP = 2


def _other_matter(agenda: str, before: str, comment: str) -> bool:
    """Whether ``comment`` and the paragraphs ``before`` it each take up a different matter of those
    the opening lists (会议听取了A情况…会议还审议了《B》…): then the comment is an item of its own.

    >>> agenda = "会议听取了市场主体培育情况。会议还审议了《关于成立公园城市专家委员会的请示》。"
    >>> before, comment = "会议指出，市场主体培育工作要加强。", "会议指出，要建设公园城市专家委员会。"
    >>> _other_matter(agenda, before, comment), _other_matter("", before, comment)
    (True, False)
    """
    if not agenda:
        return False
    matters = _matters(agenda)
    first = _SENTENCE.match(comment)
    this, that = _matter_of(matters, first[0] if first else comment), _matter_of(matters, before)
    return this is not None and that is not None and this != that


@lru_cache(maxsize=64)
def _matters(agenda: str) -> list[set[str]]:
    """The matters the opening lists, each as its words (pairs of characters)."""
    return [_bigrams(m) for m in _MATTER_CUT.split(agenda) if len(m) >= 4]


def _matter_of(matters: list[set[str]], text: str) -> int | None:
    """The matter of the opening's list that ``text`` shares most words with, if it shares some."""
    words = _bigrams(text)
    best = max(range(len(matters)), key=lambda k: len(matters[k] & words), default=None)
    return best if best is not None and len(matters[best] & words) >= _MATTER_OVERLAP else None


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
            opens = OTHER_BUSINESS.match(text, s, e) or (
                numbered and k == len(blocks) - 1 and _OTHER_AFTER.match(text, s, e)
            )
            # a numbered paragraph is an item, unless it names no matter (会议还研究了其他事项)
            numbered_item = numbered and n == 0 and block.title is None
            if opens and (not numbered_item or NO_MATTER.match(text, s, e)):
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
    norm: Normalized,
    start: int,
    end: int,
    *,
    level: str | None,
    skip: frozenset[int] = frozenset(),
    unread: list[tuple[int, int]] | None = None,
    agenda: str = "",
) -> tuple[list[Item], list[OtherBusiness]]:
    """Items and closing business in the body ``[start, end)`` of the normalised text.

    ``level`` is the government's level character (县, 市, 区 …) that its units' names open with;
    the lines starting at an offset in ``skip`` are not the body's (who attended, read elsewhere).
    ``agenda`` is the opening paragraph, where it lists the matters the meeting took up: comments
    (会议指出…) on different matters of it are items of their own.
    Where no numbers mark the items, a paragraph that does not open like the meeting's business
    (会议…) and yields no fact (a site's footer, a petition box) is no item: it is left out, and
    noted in ``unread``.
    """
    text = norm.text
    lines = [line for line in _lines(text, start, end) if line[0] not in skip]
    blocks = _numbered(text, lines)
    numbered = bool(blocks)
    if not numbered:
        blocks = _unnumbered(text, lines, agenda)
    blocks = _split_closing(text, blocks, numbered)
    aliases = frozenset(document_aliases(text[start:end]))
    items: list[Item] = []
    other: list[OtherBusiness] = []
    for block in blocks:
        if block.other:
            other.append(_other_business(norm, block, aliases))
        else:
            number = block.number if numbered else len(items) + 1
            item = _item(norm, block, number, aliases, level)
            if (
                numbered
                or _MEETING_BUSINESS.match(text, item_start := _block_start(block))
                or _has_fact(item)
            ):
                items.append(item)
            elif unread is not None:
                unread.append((item_start, (block.lines[-1] if block.lines else block.title)[1]))
    return items, other


_MEETING_BUSINESS = re.compile(r"会议|会前|会上|与会")


def _block_start(block: _Block) -> int:
    return block.start if block.start is not None else (block.title or block.lines[0])[0]


def _has_fact(item: Item) -> bool:
    """Whether an item holds anything read: a kind, a title, a decision, a title in 《》, a unit."""
    return bool(
        item.kind != "other"
        or item.title
        or item.decisions
        or item.documents
        or item.presenters
        or item.directive_addressees
    )


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
    first = [sentences[0][:2]] if block.title and sentences else [_whole_sentence(text, opening)]
    item.presenters = _presenters(norm, [opening, *first, *decided])
    if block.title and not item.presenters and _REPORT_HEADING.match(text, *block.title):
        item.presenters = _presenters(norm, [block.title], heading=True)
    item.documents = _mentions(norm, find_documents(text, 0, start, end, aliases))
    item.persons_mentioned = _mentions(norm, persons)
    item.organizations_mentioned = _mentions(norm, find_enterprises(text, 0, start, end))
    item.projects = _mentions(norm, find_projects(text, 0, start, end))
    return item


def _whole_sentence(text: str, opening: tuple[int, int]) -> tuple[int, int]:
    """The opening sentence through its clauses after ；, to its 。 (听取A关于…的汇报；听取B关于…):
    every unit that reported in it presented the item."""
    line_end = text.find("\n", opening[0])
    line_end = len(text) if line_end < 0 else line_end
    stop = text.find("。", opening[0], line_end)
    return opening[0], line_end if stop < 0 else stop + 1


def _kind(text: str, start: int, end: int) -> str:
    """study, report, review or other, by the first verb of the item's heading or opening sentence.

    Without a verb, a heading on a report (县财政局关于…的汇报) is a report, and an opening that
    approves a title in 《》 (会议原则同意《…》) a review.
    """
    m = KIND_VERBS.search(text, start, end)
    if m is None:
        if text.find("汇报", start, end) >= 0:
            return "report"
        approves = "《" in text[start:end] and decision_at(text, start, end) is not None
        return "review" if approves else "other"
    if m.lastgroup == "review_with_title":
        return "review" if "《" in text[start:end] else "other"
    return m.lastgroup


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
                _add_presenter(norm, out, s, e)
        if not heading and verbs:
            for s, e in _listed_presenters(text, *where):
                _add_presenter(norm, out, s, e)
    return list(out.values())


def _add_presenter(norm: Normalized, out: dict[str, Mention], s: int, e: int) -> None:
    name = norm.text[s:e]
    if is_unit_name(name) and not name.startswith(_ACTION_LEADS):
        out.setdefault(name, Mention(name, span=norm.span(s, e)))


_LIST_SEPARATOR = re.compile(r"(?<=》|）|报|示)[、和及]")
"""A separator between two entries of a list, each a title (《…》) or a report (…的汇报)."""


def _listed_presenters(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """Units that open a later entry of a list, each before its own title or report (审议了区甲局
    《…》、区乙局《…》; 听取了区甲局关于…的汇报、区乙局关于…的汇报).

    >>> t = "会议听取了区甲局关于A的汇报、区乙局关于B的汇报。"
    >>> [t[s:e] for s, e in _listed_presenters(t, 0, len(t))]
    ['区乙局']
    """
    out = []
    for m in _LIST_SEPARATOR.finditer(text, start, end):
        unit = unit_at(text, m.end(), end)
        if unit and text.startswith(("《", "关于", "提交", "送审"), unit[1]):
            out.append(unit)
    return out


_ACTION_LEADS = ("成立", "设立", "组建", "筹建", "新建", "调整", "申请", "支持", "撤销", "合并")
"""Verbs a matter opens with (审议了成立某某公司的请示): what follows is the matter, not who presents it."""


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
