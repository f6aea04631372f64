"""Directives in one agenda item: what the meeting told someone to do, and whom.

A directive is a sentence that opens with 会议指出/强调/要求 (its verb, carried over to the 要…
sentences after it, in its paragraph or the list after 会议要求：), or any other sentence
of the item that asks for action
(要, 须, 负责, 牵头, 配合, 确保 …) or names a unit at the head of a clause. Its addressees are the
named units at the head of a clause: ``县城投集团要…``, ``县财政局负责``, ``X牵头，Y配合``,
``由X会同Y…``, ``同意由市林业局收回…``, ``县水利局等部门要…`` (the unit before 等).
Generic groups (各部门, 相关单位, 发展改革、统计等部门) are not addressees; persons named as 牵头
(副县长王大明牵头) go to :attr:`Directive.persons`.

>>> text = "会议强调，县总工会、各乡镇及县直相关部门要抓好落实。副县长王大明牵头，县民政局负责。"
>>> sentences = [(0, 25, 0, 0), (25, len(text), 0, 0)]
>>> [(d.verb, d.addressees, d.persons) for d in find_directives(text, sentences, lambda s, e: None)]
[('强调', ['县总工会'], []), ('强调', ['县民政局'], ['王大明'])]
"""

from __future__ import annotations

import re
from collections.abc import Callable

from loaders.decisions import decision_at
from loaders.genre import ENTRY_LABEL
from loaders.mentions import (
    UNIT_LAST_CHARS,
    UNIT_SUFFIXES,
    Found,
    find_persons,
    is_generic,
    is_named_unit,
    is_unit_name,
    units_at,
)
from loaders.record import Directive, Span

SpanOf = Callable[[int, int], Span | None]

_VERB = re.compile(
    r"(?:[（(][一二三四五六七八九十]+[）)]|\d{1,2}[.、．])?会议(?:还)?(指出|强调|要求|认为|确定|明确)"
)
_ASKS = re.compile(r"(?<![重主需纲摘概只想])要(?![素点闻件])|须|务必|负责|牵头|配合|应当|确保|责成")
_TAKES_UP = re.compile(
    r"(?:[（(][一二三四五六七八九十]+[）)])?会议(?:还)?(?:听取|审议|传达|学习|研究|讨论|审阅)"
)
_CLAUSE_HEAD = re.compile(
    rf"(?:{ENTRY_LABEL})?"
    r"(?:会议(?:还)?(?:指出|强调|要求|认为|确定|明确|决定))?"
    r"(?:[一二三四五六七八九十]+(?:是|要)|首先|其次|最后|同时|此外|另外|会后|其中|特别是|尤其是)?"
    r"(?:请|并由|由|(?:原则上?)?同意由|责成|要求|明确由|确定由|会同|协同|联合)?"
    r"(?!(?:[（(][一二三四五六七八九十]+[）)]|\d{1,2}[.、．])?会议)"
    rf"(?=[^，,；;：:。！？\n]{{0,28}}?[{UNIT_LAST_CHARS}])"
)
"""The head of a clause, past its lead words (会议强调，/二是/同时/由/同意由), where a unit may stand."""
_LIST_ENTRY = re.compile(
    r"[一二三四五六七八九十]+[、是要]|[（(][一二三四五六七八九十\d]+[）)]|\d{1,2}[.、．]"
)
_CONTINUES = re.compile(r"要|同时|此外|另外")
_NAMED_SUFFIX = re.compile("|".join(s for s in UNIT_SUFFIXES if s not in ("部门", "单位")))
"""A sentence without one of these names no unit that could be told to act."""
_BY = re.compile(r"由")
"""Inside a clause, 由 names who acts (项目由县产投集团负责建设)."""
_CLAUSE_END = re.compile(r"[，,；;：:。！？!?\n]")


def addressees(text: str, start: int, end: int, level: str | None = None) -> list[str]:
    """Named units told to act in ``text[start:end]``, each once, in order.

    >>> t = "由某园事务中心会同市林业局对接，市商务局、青禾镇等相关单位要跟进。"
    >>> addressees(t, 0, len(t))
    ['某园事务中心', '市林业局', '市商务局', '青禾镇']
    """
    out: list[str] = []
    if not _NAMED_SUFFIX.search(text, start, end):
        return out
    clause_start = start
    while clause_start < end:
        stop = _CLAUSE_END.search(text, clause_start, end)
        clause_end = stop.start() if stop else end
        head = _CLAUSE_HEAD.match(text, clause_start, clause_end)
        clause_start = clause_end + 1
        if head is None:
            continue
        heads = [head.end()] + [m.end() for m in _BY.finditer(text, head.end() + 1, clause_end)]
        for at in heads:
            for s, e in units_at(text, at, clause_end):
                name = text[s:e]
                if not (is_unit_name(name) or is_generic(name)):
                    break
                if is_named_unit(name, level) and name not in out:
                    out.append(name)
    return out


def find_directives(
    text: str,
    sentences: list[tuple[int, int, int, int]],
    span_of: SpanOf,
    level: str | None = None,
    persons: list[Found] | None = None,
) -> list[Directive]:
    """The directives among one item's sentences, in order (see the module's doc).

    A decision sentence (会议原则同意…，要求…后提请县委审议) is a directive only where it names
    a unit to act (会议确定：县财政局负责…). ``persons`` found in the item already (offsets into
    ``text``) save finding them again.
    """
    if persons is None and sentences:
        persons = find_persons(text, 0, sentences[0][0], sentences[-1][1])
    out: list[Directive] = []
    verb, paragraph, listing = None, None, False
    for start, end, _section, para in sentences:
        if para != paragraph:
            listing = listing and bool(_LIST_ENTRY.match(text, start, end))
            if not (listing or _CONTINUES.match(text, start, end)):
                verb = None
        paragraph = para
        listing = listing or text[end - 1] in "：:"
        opening = _VERB.match(text, start, end)
        if opening:
            verb = opening[1]
        units = addressees(text, start, end, level)
        asks = opening or _ASKS.search(text, start, end)
        if not units and (not asks or decision_at(text, start, end) or _TAKES_UP.match(text, start, end)):
            continue
        named = list(dict.fromkeys(p.name for p in persons or () if start <= p.start < end))
        span = span_of(start, end)
        quote = span.text if span is not None else text[start:end]
        out.append(Directive(text=quote, verb=verb, addressees=units, persons=named, span=span))
    return out
