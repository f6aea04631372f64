"""Who attended, in which role, and who the minutes went to.

Minutes list people in many layouts; the parser reads the layout, not the names:

* closing lists under a label (``出席：``, ``请假：`` with reasons in brackets, ``应邀出席：``,
  ``列席：``, ``记录：``; also ``出席人员：``, ``出席会议的有：``, a label without its colon, a note
  in brackets before the colon), names separated by spaces (``王大明 李小红``), by ``、``/``，``, or
  one to a line (one character to a line: cut where each name starts with a surname); inside a
  ``列席`` list, groups (``（一）邀请列席：…``, ``（二）政府办：…``, ``第一至五议题：…``,
  ``固定列席：…``) and a unit before its names (``发改局赵志远``, ``市场监管局钱立、孙波``,
  ``县财政局 王某 李某``);
* sentences in the opening paragraph (``副市长林原、冯一平…出席会议``, ``…韦安应邀参加会议``,
  ``出席会议的有：…``, ``…出席，…列席。``, ``…因病缺席``);
* the distribution (``分送：``/``发：``/``送：``/``本期发：``) split at ``，、`` and ``及``.

Padding inside a name goes (``许 亮`` -> 许亮). Where spaces separate names, a lone character is no
name, so it joins its neighbour: two lone characters make a name (``邵 杰``), and one next to a
two-character token completes it (``邓启 明`` -> 邓启明).

>>> split_title("县委副书记、县长程立新")
('县委副书记、县长', '程立新')
>>> split_title("张伟市长"), split_title("县长王大明同志")
(('市长', '张伟'), ('县长', '王大明'))
>>> split_title("市委副书记、市长艾山·吾买尔")
('市委副书记、市长', '艾山·吾买尔')
>>> from loaders.normalize import normalize
>>> opening = normalize("副市长林原、冯一平，办公室主任韦安出席会议。")
>>> [(p.name, p.role) for p in parse_inline(opening, 0, len(opening.text))]
[('林原', 'present'), ('冯一平', 'present'), ('韦安', 'present')]
>>> opening = normalize("会议由县长王大明主持，副县长林原出席，主任韦安列席。")
>>> [(p.name, p.role) for p in parse_inline(opening, 0, len(opening.text))]
[('林原', 'present'), ('韦安', 'observer')]
"""

from __future__ import annotations

import re
from functools import lru_cache

from loaders.genre import (
    ATTENDANCE_VERBS,
    BODY_NUMBER,
    DISTRIBUTION_LABELS,
    FORM_FIELDS,
    INSTITUTIONS,
    LEVELS,
    LIST_LABELS,
    LIST_TITLES,
    PAGE_FOOTER,
    SECTION_HEADINGS,
    STRONG_UNITS,
    UPPER_LEVELS,
    WEAK_UNITS,
)
from loaders.mentions import COMPOUND_SURNAMES, SURNAMES, is_unit_name
from loaders.normalize import Normalized
from loaders.record import Mention, Participant

ROLE_LABELS = LIST_LABELS
"""List labels and the role of the people under them (from the genre's data)."""
INLINE_VERBS = ATTENDANCE_VERBS
"""Verbs that close a clause naming attendees in the opening paragraph (…出席会议, …出席，); a verb
without 会议 only where the clause ends after it."""

_TITLE_WORDS = LIST_TITLES
_STRONG_UNITS = STRONG_UNITS
_WEAK_UNITS = WEAK_UNITS
_TITLE_END = re.compile(rf"(?:{_TITLE_WORDS})$")
PERSON_NAME = r"[\u4e00-\u9fff\u3007]{2,4}|[\u4e00-\u9fff]{1,8}·[\u4e00-\u9fff·]{1,12}"
"""A person's name as lists print it: two to four characters, or names joined by · (艾山·吾买尔)."""
_TITLE_PREFIX = re.compile(rf"^(.*(?:{_TITLE_WORDS}))({PERSON_NAME})$")
_TITLE_SUFFIX = re.compile(
    rf"^([\u4e00-\u9fff]{{2,3}})((?:[\u4e00-\u9fff]*、)*[\u4e00-\u9fff]*(?:{_TITLE_WORDS}))$"
)
_UNIT_PREFIX = re.compile(rf"^(.+(?:{_STRONG_UNITS})|.{{2,}}(?:{_WEAK_UNITS}))[\u4e00-\u9fff]{{2,3}}$")
_STRONG_UNIT_ONLY = re.compile(rf"^.+(?:{_STRONG_UNITS})$")
_UNIT_END = re.compile(rf"(?:{_STRONG_UNITS}|{_WEAK_UNITS})$")
_WEAK_UNIT_ONLY = re.compile(rf"^.{{3,}}(?:{_WEAK_UNITS})$")
_LEVEL_UNIT = re.compile(rf"^[{LEVELS.replace('区', '')}][\u4e00-\u9fff](?:{_WEAK_UNITS})$")
"""A unit named by its level and one word (县法院, 市工会): three characters, but no person."""
_INSTITUTION = re.compile(rf"^[{LEVELS}](?:{INSTITUTIONS})(?:常委会|机关)?$")
"""The bodies beside a government (县人大, 区政协, 县法院) named in an attendance sentence: no person."""
_LEADERS = re.compile(rf"^[\u4e00-\u9fff]{{0,3}}领导(?:同志)?({PERSON_NAME})$")
_NAME = re.compile(rf"(?:{PERSON_NAME})$")
_GROUP_WORDS = re.compile(
    r"领导|负责|同志们|有关|相关|各[\u4e00-\u9fff]|部门|单位|代表|人员|干部|主持|召开|会议"
)
_LABEL = re.compile(
    r"(?:[（(][一二三四五六七八九十\d]+[）)])?(?P<label>[^：:，。、\s（(]{1,14})(?:[（(][^（()）\n]{1,16}[）)])?[：:]"
    r"|(?P<bare>出席|列席|请假|缺席|记录)(?=\s)"
)
_BRACKETS = re.compile(r"[（(][^（()）]*[）)]")
_GROUP_MARK = re.compile(r"[（(][一二三四五六七八九十\d]{1,3}[）)]")
_PUNCT_SPLIT = re.compile(r"[，,；;、\n]|$")
_TOKEN = re.compile(r"[^\s\0]+")
_WHITE = re.compile(r"\s+")
_LABEL_SUFFIX = re.compile(r"(?:会议)?的?(?:人员|领导|同志|名单|单位)?(?:有|是)?$")
_LIST_PUNCT = re.compile(r"[、，,；;]")
_HAN = re.compile(r"[\u4e00-\u9fff]")
_DIST_SPLIT = re.compile(r"[，,；;、。\n]|及(?=[\u4e00-\u9fff]{2})")
_VERBS = re.compile(
    "(?P<verb>"
    + "|".join(sorted((v for v in INLINE_VERBS if v.endswith("会议")), key=len, reverse=True))
    + "|(?:"
    + "|".join(sorted((v for v in INLINE_VERBS if not v.endswith("会议")), key=len, reverse=True))
    + r")(?=[，。；]))"
    + r"|(?:因(?P<reason>[^，。；、]{1,12}))?(?P<away>请假|缺席)(?=[，。；])"
)
_LIST_OPENERS = re.compile(r"(?P<verb>出席|参加|列席)会议的(?:领导|同志)?(?:还)?(?:有|是)[：:]?")
_OPENER_ROLES = {"出席": "present", "参加": "present", "列席": "observer"}
_ATTENDS = re.compile(
    r"(?:(?:出席|列席|参加)了?会议|出席|列席)$|^(?:出席|参加|列席)会议的(?:领导|同志)?(?:还)?(?:有|是)"
)
_SENTENCE_CUT = re.compile(r"[。；]")


def is_attendance(text: str, start: int, end: int) -> bool:
    """Whether the paragraph ``text[start:end]`` only says who attended, sentence after sentence
    (副县长A、B出席会议，县人大副主任C列席会议。列席会议的还有…): read for participants
    (:func:`parse_inline`), it is no agenda item.

    >>> t = "区领导张三、李四出席会议。区财政局等单位负责人列席会议。"
    >>> is_attendance(t, 0, len(t)), is_attendance("会议听取了县财政局的汇报。", 0, 13)
    (True, False)
    """
    sentences = [p for p in _SENTENCE_CUT.split(text[start:end]) if p]
    return bool(sentences) and all(
        not p.startswith("会议") and (_ATTENDS.search(p) is not None) for p in sentences
    )


BODY_LINE = re.compile(rf"会议|{BODY_NUMBER}")
"""A line of the body of minutes (会议…, 一、…, a bare 一, 议题一：, 第一项): it ends any list above it."""
CLOSING = re.compile(
    rf"(?!各)[^，、,\n]{{2,30}}(?:办公室|办公厅|[{UPPER_LEVELS}]人民政府)(?:整理|编|印发|印)?"
    r"(?:\d{4}年\d{1,2}月\d{1,2}日(?:印发)?)?$"
    rf"|[（(]此件|[（(]?共印|主办[：:]|承办[：:]|{PAGE_FOOTER}"
    r"|[（(]?\d{4}年\d{1,2}月\d{1,2}日(?:印发)?[）)]?$"
    r"|[^。\n]*(?:版权所有|主办单位[：:]|网站标识码|ICP备)"
)
"""A line that closes the minutes: the issuing office and date, a publication note, a site footer."""


def split_title(chunk: str) -> tuple[str | None, str]:
    """Split ``县长程立新``/``张伟市长`` into (title, name); (None, chunk) where no title is found."""
    chunk = chunk.strip("，、 ").removesuffix("同志")
    if m := _TITLE_PREFIX.match(chunk):
        return m[1], m[2]
    if m := _TITLE_SUFFIX.match(chunk):
        return m[2], m[1]
    return None, chunk


def parse_inline(norm: Normalized, start: int, end: int) -> list[Participant]:
    """Participants named in sentences of the opening paragraph (…出席会议, …因公请假)."""
    text = norm.text
    out: list[Participant] = []
    clause_start = start
    for m in _VERBS.finditer(text, start, end):
        subject_start = max(text.rfind("。", clause_start, m.start()) + 1, clause_start)
        role = INLINE_VERBS[m["verb"]] if m["verb"] else ROLE_LABELS[m["away"]]
        found = _names_in(norm, subject_start, m.start(), role, sentence=True)
        for person in found:
            person.note = m["reason"] and f"因{m['reason']}"
        out.extend(found)
        clause_start = m.end()
    for m in _LIST_OPENERS.finditer(text, start, end):
        stop = text.find("。", m.end(), end)
        role = _OPENER_ROLES[m["verb"]]
        out.extend(_names_in(norm, m.end(), end if stop < 0 else stop, role, sentence=True))
    return out


def parse_lists(
    norm: Normalized, start: int, end: int, unread: list[tuple[int, int]] | None = None
) -> tuple[list[Participant], list[Mention], int]:
    """Participants and distribution from the labelled lists that begin at ``start``.

    Reading stops at the first closing line (an issuing office, a date, a site footer); its offset
    is returned with the lists so the caller can read what follows as the footer. A list whose text
    names no person, unit or group is noted in ``unread`` (start and end of its text).
    """
    text = norm.text
    participants: list[Participant] = []
    distribution: list[Mention] = []
    role, unit, content, at = None, None, None, start
    listed = (start, 0)  # where the current list's text starts, and how many were listed before it

    def flush(until: int) -> None:
        if content is None:
            return
        if role == "distribution":
            distribution.extend(_distribution(norm, content, until))
        elif role:
            participants.extend(_names_in(norm, content, until, role, unit=unit))

    def close(until: int, following: str | None = None) -> None:
        """Note the list that ends at ``until`` where all of it names nothing that reads; a bare
        label over lists of the same role (列席： / （一）邀请列席：…) heads them and is no gap."""
        list_start, before = listed
        heading = following == role and not text[list_start:until].strip()
        empty = role not in (None, "distribution") and len(participants) == before and not heading
        if empty and unread is not None and not _placed(text[list_start:until]):
            unread.append((list_start, until))

    while at < end:
        line_end = text.find("\n", at, end)
        line_end = end if line_end < 0 else line_end
        m = _LABEL.match(text, at, line_end)
        label = m and _base_label(m["label"] or m["bare"])
        group = _GROUP_MARK.match(text, at, line_end)
        if label in ROLE_LABELS or label in DISTRIBUTION_LABELS:
            flush(at)
            close(at, ROLE_LABELS.get(label, "distribution"))
            role = ROLE_LABELS.get(label, "distribution")
            unit, content = None, m.end()
            listed = (content, len(participants))
            # 列席：县发改局：王某 — a unit's label right after the list's own
            if role != "distribution" and (sub := _LABEL.match(text, content, line_end)) and sub["label"]:
                unit, content = _group_unit(sub["label"]), sub.end()
        elif CLOSING.match(text, at, line_end) or BODY_LINE.match(text, at, line_end):
            break
        elif label in FORM_FIELDS or label in SECTION_HEADINGS:
            break  # 会议议题： after 列席情况：… in a page laid out as a form
        elif role == "distribution" and label:
            break  # 校对：, 签发：, 联系人： after the distribution close the lists
        elif role not in (None, "distribution") and (label or group):
            flush(at)
            unit = _group_unit(label)
            content = m.end() if label else group.end()
        at = line_end + 1
    at = min(at, end)
    flush(at)
    close(at)
    return participants, distribution, at


def _placed(content: str) -> bool:
    """Whether a list's text without names names units or groups (列席：县财政局、县发改局; 各部门
    负责人): it was read; an empty list, or one of nothing that reads, is not."""
    tokens = [t for t in _WORD_SPLIT.split(content) if _HAN.search(t)]
    return any(_person(t)[0] or _person(t)[1] or is_unit_name(t) for t in tokens)


_WORD_SPLIT = re.compile(r"[，,；;、\s（）()]+")


def _group_unit(label: str | None) -> str | None:
    """The unit a group inside a list names (县财政局：…), not a kind of group (邀请列席：, 第一议题：)."""
    return None if not label or label.endswith(("列席", "议题")) else label


def _base_label(label: str) -> str:
    """The label a list goes by: 出席人员, 列席领导, 出席会议人员, 出席会议的有 are 出席, 列席, 出席.

    >>> _base_label("出席人员"), _base_label("列席单位"), _base_label("出席会议人员"), _base_label("县财政局")
    ('出席', '列席', '出席', '县财政局')
    """
    base = _LABEL_SUFFIX.sub("", label)
    return base if base in ROLE_LABELS else label


def find_lists(norm: Normalized, start: int, end: int) -> int | None:
    """Offset of the first line in ``[start, end)`` that opens a labelled list, or None."""
    text, at = norm.text, start
    while at < end:
        line_end = text.find("\n", at, end)
        line_end = end if line_end < 0 else line_end
        m = _LABEL.match(text, at, line_end)
        if m and (
            (label := _base_label(m["label"] or m["bare"])) in ROLE_LABELS or label in DISTRIBUTION_LABELS
        ):
            return at
        at = line_end + 1
    return None


def find_closing(norm: Normalized, start: int, end: int) -> int | None:
    """Offset of the first closing line (issuing office, date, site footer) in ``[start, end)``."""
    text, at = norm.text, start
    while at < end:
        line_end = text.find("\n", at, end)
        line_end = end if line_end < 0 else line_end
        if CLOSING.match(text, at, line_end):
            return at
        at = line_end + 1
    return None


def _names_in(
    norm: Normalized, start: int, end: int, role: str, *, sentence: bool = False, unit: str | None = None
) -> list[Participant]:
    """Participants listed in ``norm.text[start:end]``, one list's content."""
    text = norm.text
    notes = {m.start(): _WHITE.sub("", m[0][1:-1]) for m in _BRACKETS.finditer(text, start, end)}
    masked = _BRACKETS.sub(lambda m: "\0" * len(m[0]), text[start:end]).replace("。", " ")
    if sentence:
        masked = _joined_names(masked)
    if sentence or _LIST_PUNCT.search(masked):
        tokens = _punct_tokens(masked, start)
    else:
        tokens = _space_tokens(masked, start)
    out, current = [], unit
    for tok_start, tok_end, token, new_group in tokens:
        if new_group:
            current = unit
        got_unit, _, name = _person(token)
        current = got_unit or current
        if name:
            note = notes.get(_next_bracket(text, tok_end, end))
            out.append(Participant(name, role, norm.span(tok_start, tok_end), unit=current, note=note))
    return out


_JOINER = re.compile(r"以及|(?<![涉普危波顾])及(?![时早])|和")
_PIECE_END = re.compile(r"[，,；;、\n]|$")


def _joined_names(masked: str) -> str:
    """``masked`` with 及/和 between two listed names turned into 、, one for one (A、B和C出席;
    张三及各部门负责人); a 和 inside a name (杨和平) has fewer than two characters on a side.

    >>> _joined_names("王大明、李小红和赵四"), _joined_names("副县长杨和平")
    ('王大明、李小红、赵四', '副县长杨和平')
    >>> _joined_names("张三及县直部门负责人"), _joined_names("何闽旭和秘书长张俊")
    ('张三、县直部门负责人', '何闽旭、秘书长张俊')
    """
    out = list(masked)
    for m in _JOINER.finditer(masked):
        before = max(masked.rfind(c, 0, m.start()) for c in "，,；;、\n")
        after = _PIECE_END.search(masked, m.end()).start() - m.end()
        name_before = 2 <= m.start() - before - 1 <= 3 and after >= 2  # 何闽旭和省政府秘书长张俊
        if m[0] != "和" and not _ends_in_name(masked[before + 1 : m.start()]):
            continue  # 企事业及省市驻地单位: no name before 及
        if m[0] != "和" or (m.start() - before - 1 >= 2 and 2 <= after <= 3) or name_before:
            out[m.start() : m.end()] = "、" * (m.end() - m.start())
    return "".join(out)


def _ends_in_name(piece: str) -> bool:
    """Whether a listed piece ends in a person's name (张三, 副区长张三), its first character a surname."""
    name = _person(piece.strip(" \0"))[2]
    return bool(name) and (name[0] in SURNAMES or name.startswith(COMPOUND_SURNAMES))


@lru_cache(maxsize=8192)
def _person(token: str) -> tuple[str | None, str | None, str | None]:
    """(unit, title, name) of one listed token; name is None when the token names no one.

    The same officials and units come back in minute after minute, so the answer is kept.
    """
    if (m := _LEADERS.match(token)) and _NAME.match(m[1]):
        return None, None, m[1]  # 区领导张新波: the leaders' group word, then a name
    if _GROUP_WORDS.search(token):
        return None, token, None
    if _LEVEL_UNIT.match(token) or _INSTITUTION.match(token):
        return token, None, None
    token = token.removesuffix("同志").removesuffix("等")
    if _TITLE_END.search(token):
        return None, token, None
    if len(token) >= 3 and _STRONG_UNIT_ONLY.match(token):
        return token, None, None
    if len(token) >= 4 and (m := _TITLE_PREFIX.match(token)):
        return None, m[1], m[2] if _NAME.match(m[2]) else None
    if len(token) >= 5 and (m := _UNIT_PREFIX.match(token)):
        return m[1], None, token[len(m[1]) :]
    if _WEAK_UNIT_ONLY.match(token):
        return token, None, None
    return None, None, token if _NAME.match(token) else None


def _next_bracket(text: str, at: int, end: int) -> int:
    """Offset of a bracket that directly follows ``at`` (spaces and line breaks between), else -1."""
    while at < end and text[at] in " \n":
        at += 1
    return at if at < end and text[at] in "（(" else -1


def _punct_tokens(masked: str, offset: int) -> list[tuple[int, int, str, bool]]:
    """Tokens between ``，、；`` and line breaks.

    Spaces inside a token are padding where they leave a lone character (许 亮, 邓启 明), and
    separate names where every part has two or more (县财政局 王某、李某).
    """
    out, at, new_group = [], 0, True
    for m in _PUNCT_SPLIT.finditer(masked):
        piece = masked[at : m.start()]
        base = offset + at
        parts = [(base + p.start(), base + p.end(), p[0]) for p in _TOKEN.finditer(piece)]
        if len(parts) > 1 and min(len(p[2]) for p in parts) >= 2:
            out += [(s, e, t, new_group and not k) for k, (s, e, t) in enumerate(parts)]
        elif parts:
            out.append((parts[0][0], parts[-1][1], "".join(p[2] for p in parts), new_group))
        new_group = (new_group and not parts) or m[0] != "、"
        at = m.end()
    return out


def _space_tokens(masked: str, offset: int) -> list[tuple[int, int, str, bool]]:
    """Tokens between spaces and line breaks, each lone character joined to a neighbour.

    Lone characters pair up (邵 杰); in an odd run the spare one completes a two-character token
    beside it (邓启 明 -> 邓启明), the one before the run first.
    """
    raw = _mend_units([(m.start(), m.end(), m[0]) for m in _TOKEN.finditer(masked)])
    out: list[list] = []  # [start, end, text, joined]
    i = 0
    while i < len(raw):
        if len(raw[i][2]) > 1:
            out.append([*raw[i], False])
            i += 1
            continue
        j = i
        while j < len(raw) and len(raw[j][2]) == 1:
            j += 1
        run, after = list(raw[i:j]), raw[j] if j < len(raw) else None
        if len(run) >= 3 and (cuts := _one_per_line(run)):
            out += [[run[a][0], run[b - 1][1], "".join(t for _, _, t in run[a:b]), True] for a, b in cuts]
            i = j
            continue
        if len(run) % 2 and out and not out[-1][3] and len(out[-1][2]) == 2:
            out[-1][1:] = [run[0][1], out[-1][2] + run[0][2], True]
            run = run[1:]
        elif len(run) % 2 and after is not None and len(after[2]) == 2:
            run[-1] = (run[-1][0], after[1], run[-1][2] + after[2])
            j += 1
        for k in range(0, len(run) - 1, 2):
            out.append([run[k][0], run[k + 1][1], run[k][2] + run[k + 1][2], True])
        if len(run) % 2:
            out.append([*run[-1], True])
        i = j
    return [(offset + s, offset + e, t, _opens_line(masked, s)) for s, e, t, _ in out]


def _mend_units(raw: list[tuple[int, int, str]]) -> list[tuple[int, int, str]]:
    """Join a unit's name that a stray space split (县公 安局 -> 县公安局): a piece that opens with
    a level (县, 市…) and ends in no unit word, then one that ends in a unit word.

    >>> [t for _, _, t in _mend_units([(0, 2, "县公"), (3, 5, "安局"), (6, 8, "王某")])]
    ['县公安局', '王某']
    """
    out: list[tuple[int, int, str]] = []
    for token in raw:
        if out and _unit_head(out[-1][2]) and _UNIT_END.search(token[2]):
            out[-1] = (out[-1][0], token[1], out[-1][2] + token[2])
        else:
            out.append(token)
    return out


def _unit_head(token: str) -> bool:
    """The first piece of a unit's name split by a space: a level, then no unit word or title."""
    return (
        2 <= len(token) <= 5
        and token[0] in LEVELS
        and not _UNIT_END.search(token)
        and not _TITLE_END.search(token)
    )


def _one_per_line(run: list[tuple[int, int, str]]) -> list[tuple[int, int]] | None:
    """Where names printed one character to a line (王 / 大 / 明 / 李 / 小 / 红) begin and end.

    Padded two-character names (许 亮 邓 杰) pair up; only where pairing would start a name with a
    character that is no surname are the names cut into two or three characters (four after a
    compound surname), each starting with a surname and as many of two as can be. None where
    pairing reads well or no cut does.

    >>> [[t for t in "王大明李小红"[a:b]] for a, b in _one_per_line([(0, 1, c) for c in "王大明李小红"])]
    [['王', '大', '明'], ['李', '小', '红']]
    >>> _one_per_line([(0, 1, c) for c in "许亮邓杰"]) is None
    True
    """
    chars = "".join(t for _, _, t in run)
    if len(chars) % 2 == 0 and all(_starts_name(chars[k:]) for k in range(0, len(chars), 2)):
        return None
    # best[k]: (names not of two characters, cuts) for chars[k:], or None where no cut reads
    best: list[tuple[int, list[tuple[int, int]]] | None] = [None] * (len(chars) + 1)
    best[len(chars)] = (0, [])
    for k in range(len(chars) - 2, -1, -1):
        if not _starts_name(chars[k:]):
            continue
        sizes = (2, 3, 4) if chars.startswith(COMPOUND_SURNAMES, k) else (2, 3)
        options = [
            (rest[0] + (size != 2), [(k, k + size), *rest[1]])
            for size in sizes
            if k + size <= len(chars) and (rest := best[k + size]) is not None
        ]
        best[k] = min(options, default=None, key=lambda option: option[0])
    return best[0][1] if best[0] else None


def _starts_name(chars: str) -> bool:
    return chars[:1] in SURNAMES or chars.startswith(COMPOUND_SURNAMES)


def _opens_line(masked: str, at: int) -> bool:
    """Whether the token at ``at`` is the first on its line (a new line restarts the unit)."""
    return not masked[masked.rfind("\n", 0, at) + 1 : at].strip(" \0")


def _distribution(norm: Normalized, start: int, end: int) -> list[Mention]:
    """Units the minutes were sent to, one per unit; a 、 in brackets splits none (各县（市、区）).

    >>> from loaders.normalize import normalize
    >>> sent = normalize("本期发：市委办公室，各县（市、区）人民政府及市直各部门")
    >>> [m.name for m in _distribution(sent, 4, len(sent.text))]
    ['市委办公室', '各县（市、区）人民政府', '市直各部门']
    """
    text = norm.text
    inside = [b.span() for b in _BRACKETS.finditer(text, start, end)]
    splits = [
        m for m in _DIST_SPLIT.finditer(text, start, end) if not any(a < m.start() < b for a, b in inside)
    ]
    out, at = [], start
    for m in [*splits, None]:
        stop = end if m is None else m.start()
        piece = text[at:stop]
        name = piece.strip(" ")
        if _HAN.search(name):
            lead = at + len(piece) - len(piece.lstrip(" "))
            out.append(Mention(name, norm.span(lead, lead + len(name))))
        at = stop if m is None else m.end()
    return out
