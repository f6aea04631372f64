"""Names in the body of minutes: units, persons with their titles, documents, enterprises, projects.

Minutes name things in a few fixed shapes, and these finders read the shapes, not a list of names:

* a **unit** ends in a word such as 局/委/办/中心/集团/镇/街道 and is the subject of a clause
  (``县财政局负责``, ``由X会同Y…``) or follows 听取/审议; a generic group (各部门, 相关单位,
  发展改革、统计等部门) is not a unit;
* a **person** follows a title (``省委书记陈国华``, ``县委常委、常务副县长李小红``) or precedes one
  (``陈国华书记``, ``赵一平同志``); a surname table and what follows the name decide its length;
* a **document** is a title in 《》, its status (（送审稿）) stripped, inside or after the brackets;
* an **enterprise** ends in 有限公司/集团/公司; a **project** in 工程/项目, with a proper name before it.

Every finder takes a string and an offset and returns :class:`Found` tuples with absolute offsets,
so callers can turn them into spans.

>>> [f.name for f in find_persons("副县长王大明牵头，县委常委、常务副县长李小红审核", 0)]
['王大明', '李小红']
>>> [(f.name, f.status) for f in find_documents("原则同意《某县预算方案（送审稿）》", 0)]
[('某县预算方案', '送审稿')]
"""

from __future__ import annotations

import re
from typing import NamedTuple

from loaders.genre import COMPOUND_SURNAMES as GENRE_COMPOUND_SURNAMES
from loaders.genre import ENTERPRISE_ENDS, PROSE_TITLES, STATUSES, TOWNSHIP_ENDS, alternation
from loaders.genre import GENERIC_PREFIXES as GENRE_GENERIC_PREFIXES
from loaders.genre import LEVELS as GENRE_LEVELS
from loaders.genre import SURNAMES as GENRE_SURNAMES
from loaders.genre import UNIT_SUFFIXES as GENRE_UNIT_SUFFIXES

CJK = "\u3400-\u9fff\u3007"
LEVELS = GENRE_LEVELS
"""Characters a unit of a government of some level begins with (县财政局, 市住建局, 区府办)."""


class Found(NamedTuple):
    """A name found at ``[start, end)`` of the text, with a title (persons) or status (documents)."""

    name: str
    start: int
    end: int
    title: str | None = None
    status: str | None = None


# ---------------------------------------------------------------- units

UNIT_SUFFIXES = GENRE_UNIT_SUFFIXES
"""Words a unit's name ends in."""

_UNIT_FOLLOWS = (
    "、",
    "，",
    "。",
    "；",
    "：",
    "（",
    "《",
    "和",
    "及",
    "与",
    "等",
    "要",
    "须",
    "必须",
    "务必",
    "应",
    "负责",
    "具体",
    "牵头",
    "配合",
    "会同",
    "协同",
    "作为",
    "做好",
    "协助",
    "进一步",
    "提交",
    "送审",
    "报送",
    "上报",
    "关于",
    "的",
    "印发",
    "意见",
    "汇报",
    "解读",
    "通报",
    "介绍",
    "继续",
    "切实",
    "认真",
    "抓紧",
    "加强",
    "加快",
    "对",
    "在",
    "向",
    "将",
    "把",
    "按",
    "根据",
    "持续",
    "主动",
    "立即",
    "尽快",
    "全力",
    "积极",
    "严格",
    "统筹",
    "不",
    "已",
    "也",
    "就",
    "共同",
    "分别",
    "联合",
    "组织",
    "研究",
    "工作汇报",
    "起草",
    "编制",
    "制定",
    "落实",
    "督促",
    "指导",
    "开展",
    "抓好",
    "提出",
    "拟定",
    "局长",
    "副局长",
    "主任",
    "副主任",
    "党组",
    "负责人",
    "主要负责",
)
"""What may follow a unit's name in a clause: a separator, a particle or the verb it is subject of."""

_CONTINUES = frozenset("公室司心团会局委办门部区")
_SUFFIX_LAST = frozenset(s[-1] for s in UNIT_SUFFIXES)
UNIT_LAST_CHARS = "".join(sorted(_SUFFIX_LAST))
"""The characters a unit's name can end in, for a quick test that a clause may name one."""
_LAST_CHAR = re.compile(rf"[{UNIT_LAST_CHARS}]")
_STOP_RE = re.compile(r"[，。；：、！？“”《》\n]")
STRONG_SUFFIXES = (*(s for s in UNIT_SUFFIXES if len(s) > 1 and s not in ("部门", "单位")), "局", "镇")
"""Unit words that end a name even when the verb after it is not one we know (市林业局收回…)."""

GENERIC_PREFIXES = GENRE_GENERIC_PREFIXES
"""A name that opens with one of these is a group, not a unit (各乡镇, 相关单位, 业主单位)."""

_NOT_UNIT_ENDS = ("常委", "部门", "单位", "机构", "乡镇", "镇街", "街镇", "区镇")
_TOWNSHIP_ENDS = TOWNSHIP_ENDS
_ENTERPRISE_ENDS = ENTERPRISE_ENDS


def unit_at(text: str, pos: int, end: int | None = None) -> tuple[int, int] | None:
    """The end of the unit whose name starts at ``pos``, as ``(pos, end)``, or None.

    The end is the first place where the name ends in a unit word and what follows reads as the
    rest of the clause (县城乡水务发展集团公司作为…: not 县城乡); failing that, the first
    strong unit word of a name of three characters or more (市林业局收回…). The name stops
    at a punctuation mark, at ``end`` and after 30 characters.

    >>> text = "县城乡水务发展集团公司作为主体"
    >>> text[slice(*unit_at(text, 0))]
    '县城乡水务发展集团公司'
    >>> unit_at("发展改革、统计等部门要", 0) is None
    True
    """
    limit = min(len(text) if end is None else end, pos + 30)
    stop_at = _STOP_RE.search(text, pos, limit)
    stop = stop_at.start() if stop_at else limit
    fallback = None
    for m in _LAST_CHAR.finditer(text, pos + 1, stop):
        at = m.end()
        if not text.endswith(UNIT_SUFFIXES, pos, at):
            continue
        if at == stop or text.startswith(_UNIT_FOLLOWS, at):
            return pos, at
        if (
            fallback is None
            and at - pos >= 3
            and text[at] not in _CONTINUES
            and text.endswith(STRONG_SUFFIXES, pos, at)
        ):
            fallback = at
    return None if fallback is None else (pos, fallback)


_UNIT_SEPARATOR = re.compile(r"以及|、|和|及|与|(?:要|应|须|负责)?(?:会同|协同|联合)")


def units_at(text: str, pos: int, end: int | None = None) -> list[tuple[int, int]]:
    """The units listed from ``pos`` on (A、B和C…, X会同Y…), generic ones included."""
    out: list[tuple[int, int]] = []
    while True:
        found = unit_at(text, pos, end)
        if found is None:
            return out
        out.append(found)
        sep = _UNIT_SEPARATOR.match(text, found[1])
        if sep is None:
            return out
        pos = sep.end()


def is_generic(name: str) -> bool:
    """Whether ``name`` is a group (各乡镇, 相关单位, 市场监管部门) rather than one unit.

    >>> is_generic("各乡镇"), is_generic("县水利局"), is_generic("县委常委")
    (True, False, True)
    """
    return name.startswith(GENERIC_PREFIXES) or name.endswith(_NOT_UNIT_ENDS) or "等" in name


_NOT_IN_UNIT = re.compile(
    r"会议|听取|审议|同意|通过|要求|关于|考虑|以及|[的了是各至在]|相关|有关|[和及与](?:各|相关|有关)"
)
_SHORT_ENDS = (("镇", 5), ("乡", 5), ("街道", 6), ("村", 5), ("社区", 6))


def is_unit_name(name: str) -> bool:
    """Whether ``name`` reads as one unit's name at all (not a group, not a clause).

    >>> is_unit_name("青禾生态环境局"), is_unit_name("会议听取了青禾镇")
    (True, False)
    """
    if len(name) < 3 or is_generic(name) or _NOT_IN_UNIT.search(name) or not _balanced(name):
        return False
    return not any(name.endswith(end) and len(name) > most for end, most in _SHORT_ENDS)


def _balanced(name: str) -> bool:
    """Whether every bracket opened in ``name`` is closed in it (not 镇（街道)."""
    return name.count("（") + name.count("(") == name.count("）") + name.count(")")


def is_named_unit(name: str, level: str | None = None) -> bool:
    """Whether ``name`` is a government unit someone can be told to act (县城投集团, 青禾镇).

    An enterprise counts only when its name carries the government's level (a county-owned
    group); an enterprise by its own name (城发公司) is an organisation, not an addressee.

    >>> is_named_unit("县财政局"), is_named_unit("青禾园事务中心"), is_named_unit("城发公司")
    (True, True, False)
    """
    if not is_unit_name(name):
        return False
    levelled = name[0] in LEVELS or (level is not None and name.startswith(level))
    if name.endswith(_ENTERPRISE_ENDS):
        return levelled
    return levelled or (name.endswith(_TOWNSHIP_ENDS) and len(name) <= 10)


# ---------------------------------------------------------------- persons

SURNAMES = GENRE_SURNAMES
"""Common Chinese surnames: the first character of a name must be one."""

COMPOUND_SURNAMES = GENRE_COMPOUND_SURNAMES

_NOT_IN_NAME = frozenset("的了是在及等要会委县市区省镇乡局部副各该这此，。、；：（）《》“”")
"""Characters that do not occur in a name as minutes print it (particles, unit words)."""
_TITLE_WORD = rf"(?:{PROSE_TITLES})"
_TITLE = (
    rf"(?:(?:[{LEVELS}](?:委|政府|人大常委会|政协|纪委)?)?(?:党组|党委)?(?:常务|专职|第一)?副?{_TITLE_WORD})"
)
_TITLES = re.compile(rf"{_TITLE}(?:、{_TITLE})*")
_TITLE_WORD_RE = re.compile(_TITLE_WORD)
_NAME_THEN_TITLE = re.compile(r"总书记|书记|同志|主席|总理")
_NAME_THEN_OFFICE = re.compile(
    r"副?(?:县长|市长|区长|镇长|乡长|省长|州长|主任|局长)"
    r"(?=主持|指出|强调|要求|牵头|负责|审核|在|出席|参加|讲话|作|对|[，、。；：])"
)
_BEFORE_NAME = frozenset("，。、；：（）“\n由请经和及与")
_NAME_FOLLOWS = (
    "牵头",
    "负责",
    "同志",
    "主持",
    "审核",
    "审定",
    "来",
    "到",
    "在",
    "调研",
    "指出",
    "强调",
    "要求",
    "带队",
    "分管",
    "出席",
    "参加",
    "等",
    "和",
    "及",
    "与",
    "的",
    "作",
    "对",
    "就",
    "率",
    "陪同",
    "同意",
    "讲话",
    "批示",
    "指示",
    "任",
    "为",
    "表示",
    "提出",
    "召集",
    "协调",
    "督办",
    "调度",
    "签",
    "关于",
    "汇报",
    "介绍",
    "通报",
    "代表",
    "副",
    "、",
    "，",
    "。",
    "；",
    "：",
    "）",
    "（",
    "“",
)


def _is_name(text: str, start: int, end: int) -> bool:
    name = text[start:end]
    if any(c in _NOT_IN_NAME for c in name) or not all("\u3400" <= c <= "\u9fff" for c in name):
        return False
    return name[0] in SURNAMES or name.startswith(COMPOUND_SURNAMES)


def _name_after(text: str, pos: int) -> int | None:
    """End of the name that starts at ``pos`` (after a title), judged by what follows it."""
    for length in (3, 2):
        end = pos + length
        if end > len(text) or not _is_name(text, pos, end):
            continue
        if end == len(text) or text.startswith(_NAME_FOLLOWS, end):
            return end
    return None


def _name_before(text: str, pos: int, lower: int) -> int | None:
    """Start of the name that ends at ``pos`` (before 总书记/同志), preferring three characters."""
    for length in (3, 2):
        start = pos - length
        if start >= lower and _is_name(text, start, pos):
            return start
    return None


def find_persons(text: str, offset: int, start: int = 0, end: int | None = None) -> list[Found]:
    """Persons named with a title in ``text[start:end]``, offsets shifted by ``offset``.

    >>> [(f.name, f.title) for f in find_persons("传达学习陈国华书记讲话，由赵一平同志牵头", 0)]
    [('陈国华', '书记'), ('赵一平', '同志')]
    """
    end = len(text) if end is None else end
    found: dict[int, Found] = {}
    for m in _TITLE_WORD_RE.finditer(text, start, end):
        name_end = _name_after(text, m.end())
        if name_end is None or name_end > end or m.end() in found:
            continue
        title_start = next(
            (
                p
                for p in range(max(start, m.start() - 20), m.start() + 1)
                if _TITLES.fullmatch(text, p, m.end())
            ),
            m.start(),
        )
        title = text[title_start : m.end()]
        found[m.end()] = Found(text[m.end() : name_end], offset + title_start, offset + name_end, title)
        while name_end < end and text[name_end] == "、":  # 副县长王强、李明牵头: both hold the title
            following = _name_after(text, name_end + 1)
            if following is None or following > end:
                break
            found[name_end + 1] = Found(
                text[name_end + 1 : following], offset + name_end + 1, offset + following, title
            )
            name_end = following
    for m in _NAME_THEN_TITLE.finditer(text, start, end):
        if m[0] == "书记" and text[m.start() - 1 : m.start()] in ("总", "副"):
            continue
        if text[m.start() - 1 : m.start()] == "副":
            continue
        name_start = _name_before(text, m.start(), start)
        if name_start is not None and name_start not in found and not _inside(found, name_start):
            name = text[name_start : m.start()]
            found[name_start] = Found(name, offset + name_start, offset + m.end(), m[0])
    for m in _NAME_THEN_OFFICE.finditer(text, start, end):
        name_start = _name_before(text, m.start(), start)
        if name_start is None or name_start in found or _inside(found, name_start):
            continue
        if name_start > start and text[name_start - 1] not in _BEFORE_NAME:
            continue
        found[name_start] = Found(text[name_start : m.start()], offset + name_start, offset + m.end(), m[0])
    return [found[k] for k in sorted(found)]


def _inside(found: dict[int, Found], pos: int) -> bool:
    return any(k <= pos < k + len(f.name) for k, f in found.items())


# ---------------------------------------------------------------- documents

_STATUS = alternation(STATUSES)
_DOCUMENT = re.compile(rf"《([^《》\n]{{1,120}})》(?:[（(]({_STATUS})[）)])?")
_INNER_STATUS = re.compile(rf"^(.+?)[（(]({_STATUS})[）)]$")
_ALIAS = re.compile(r"[（(](?:以下|下文)?简称(?:为)?《([^《》\n]{1,40})》[）)]")


def document_aliases(text: str) -> set[str]:
    """Short forms a text introduces for a title (（以下简称《报告》）): not documents of their own.

    >>> document_aliases("《某某县乡村振兴规划》（以下简称《规划》）实施方案")
    {'规划'}
    """
    return {m[1] for m in _ALIAS.finditer(text)}


def find_documents(
    text: str, offset: int, start: int = 0, end: int | None = None, aliases: frozenset[str] = frozenset()
) -> list[Found]:
    """Titles in 《》 within ``text[start:end]``, with their status, aliases left out."""
    end = len(text) if end is None else end
    out = []
    for m in _DOCUMENT.finditer(text, start, end):
        name, status = m[1], m[2]
        inner = _INNER_STATUS.match(name)
        if inner:
            name, status = inner[1], status or inner[2]
        if name in aliases:
            continue
        out.append(Found(name, offset + m.start(), offset + m.end(), status=status))
    return out


def document_ranges(text: str, start: int = 0, end: int | None = None) -> list[tuple[int, int]]:
    """Where 《》 titles lie, so that names inside them are not read as projects or enterprises."""
    end = len(text) if end is None else end
    return [m.span() for m in _DOCUMENT.finditer(text, start, end)]


# ---------------------------------------------------------------- enterprises and projects

_ENTERPRISE = re.compile(
    r"(?:股份有限公司|集团有限公司|有限责任公司|有限公司|集团公司|公司|集团|银行(?:\w{1,8}?[分支]行)?)"
    r"(?!有限|股份|公司|集团|银行|[分支]行)"
)
_NAME_BOUNDARY = "，。；：、！？“”《》\n的"
_ORG_LEAD = re.compile(
    r".*(?:关于|推进|落实|支持|同意|由|与|和|及|向|对|给|为|将|把|是|了|听取|审议|会议|引进|参与|督促|"
    r"指导|要求|请|经|从|被|让|使|帮助|配合|会同|协调|组织|推动|加快|启动|确保|已经|支付|考虑|通过)"
)
_GENERIC_ORG = ("该", "各", "本", "相关", "有关", "国有", "民营", "全", "其他", "这", "此", "子", "分")

_PROJECT = re.compile(r"工程|项目")
_JOINT = re.compile(r"以及|和|及|与")
_PROJECT_VERB = re.compile(r"(?:新建|改建|扩建|续建|推进|实施|启动)+")
_LIST_LABEL = re.compile(r"\d{1,2}[.、．)）]|[（(]\d{1,2}[）)]")
_PROJECT_LEAD = re.compile(
    r".*(?:关于|推进|同意|审议|通过|听取|落实|支持|引进|力争|确保|加快|推动|启动|对|将|把|是|了|由|为|从|"
    r"包括|抓好|做好|完成|实施|谋划|争取|保障|聚焦|考虑|以及|在|编制|制订|制定)"
)
_PROJECT_MARKER = re.compile(
    r"[市县区镇乡村港站路桥园岛湾江河湖山城街厂馆场院所楼线段片库渠坝堤闸塘校A-Za-z0-9（(]"
)
_GENERIC_PROJECT = re.compile(
    r"(?:重大|重点|民生|政府投资|国企投资|实事|新建|在建|续建)(?:建设)?(?:工程|项目)$|"
    r"^(?:\d+年)?(?:重大|重点|民生|各|相关|有关|该|此|本|每|全|这|上述|一批|在建|新建|政府)|实事|投资项目"
)


def _run_before(text: str, pos: int, lower: int) -> int:
    """Start of the run of name characters that ends at ``pos`` (back to a punctuation mark or 的).

    Brackets do not end a run (观海酒店（暂名）项目), unless one opens and is not closed before ``pos``.
    """
    lower = max(lower, pos - 60)  # no name runs longer
    start = max(max(text.rfind(c, lower, pos) for c in _NAME_BOUNDARY) + 1, lower)
    opening = max(text.rfind("（", start, pos), text.rfind("(", start, pos))
    if opening >= start and max(text.rfind("）", opening, pos), text.rfind(")", opening, pos)) < 0:
        start = opening + 1
    return start


def _outside(ranges: list[tuple[int, int]], pos: int) -> bool:
    return not any(a <= pos < b for a, b in ranges)


def find_enterprises(text: str, offset: int, start: int = 0, end: int | None = None) -> list[Found]:
    """Enterprises named in ``text[start:end]`` (…有限公司, …集团), not 该公司 and the like.

    >>> [f.name for f in find_enterprises("是落实与某某电力股份有限公司的协议，同意由城发公司自筹", 0)]
    ['某某电力股份有限公司', '城发公司']
    """
    end = len(text) if end is None else end
    skip = document_ranges(text, start, end)
    out = []
    for m in _ENTERPRISE.finditer(text, start, end):
        if not _outside(skip, m.start()):
            continue
        run = _run_before(text, m.start(), start)
        lead = _ORG_LEAD.match(text, run, m.start())
        name_start = lead.end() if lead else run
        name = text[name_start : m.end()]
        if len(name) - len(m[0]) < 2 or name.startswith(_GENERIC_ORG):
            continue
        out.append(Found(name, offset + name_start, offset + m.end()))
    return sorted(out + _antecedents(text, offset, start, end), key=lambda f: f.start)


_ANAPHOR = re.compile(r"该(?:公司|企业|集团)")
_WORD = re.compile(rf"[{CJK}A-Za-z0-9]+")
_SUBJECT_END = re.compile(r"不再|已经|[已将要应须在向对仍也均是为的可于与和]")
_NOT_SUBJECT = re.compile(r"会议|[我其各该本此这]|^(?:要|同时|但|并|且|如|若|因|对|经)")


def _antecedents(text: str, offset: int, start: int, end: int) -> list[Found]:
    """The enterprise a later 该公司 points back to: the subject of the clause it stands in.

    >>> [f.name for f in _antecedents("甲乙智能不再向市政府主张该公司垫付的费用", 0, 0, 20)]
    ['甲乙智能']
    """
    out = []
    for m in _ANAPHOR.finditer(text, start, end):
        clause = max(text.rfind(c, start, m.start()) for c in "，。；：\n") + 1
        clause = max(clause, start)
        subject = _SUBJECT_END.search(text, clause, m.start())
        if subject is None:
            continue
        name = text[clause : subject.start()]
        if 2 <= len(name) <= 12 and _WORD.fullmatch(name) and not _NOT_SUBJECT.search(name):
            out.append(Found(name, offset + clause, offset + subject.start()))
    return out


def find_projects(text: str, offset: int, start: int = 0, end: int | None = None) -> list[Found]:
    """Projects with a proper name in ``text[start:end]`` (…工程, …项目), outside 《》 titles.

    A run with several 工程/项目 ends at the last one (…污水管网工程建设项目); names in a list
    split at 、; generic ones (重大项目, 民生实事项目) are left out.

    >>> [f.name for f in find_projects("原则上同意S1某市甲至乙段路面改善工程、某市医院停车场项目立项", 0)]
    ['S1某市甲至乙段路面改善工程', '某市医院停车场项目']
    """
    end = len(text) if end is None else end
    skip = document_ranges(text, start, end)
    runs: list[tuple[int, re.Match]] = []
    for m in _PROJECT.finditer(text, start, end):
        if not _outside(skip, m.start()):
            continue
        run = _run_before(text, m.start(), start)
        if runs and run < runs[-1][1].end():
            joint = _JOINT.match(text, runs[-1][1].end(), m.start())
            run = joint.end() if joint else run  # 城东幼儿园项目和河西幼儿园项目: two names
        if runs and runs[-1][0] == run:
            runs[-1] = (run, m)  # the same name goes on (…污水管网工程建设项目)
        else:
            runs.append((run, m))
    out: list[Found] = []
    for run, m in runs:
        lead = _PROJECT_LEAD.match(text, run, m.start())
        name_start = lead.end() if lead else run
        for opener in (_LIST_LABEL, _PROJECT_VERB):
            found = opener.match(text, name_start, m.start())
            name_start = found.end() if found else name_start
        name = text[name_start : m.end()]
        core = name[: -len(m[0])]
        if len(core) >= 3 and not _GENERIC_PROJECT.search(name) and _PROJECT_MARKER.search(core):
            out.append(Found(name, offset + name_start, offset + m.end()))
    return out
