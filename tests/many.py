"""Many minutes of a few governments, made from real ones: what users load, for tests and benches.

A government's minutes over a year or two name the same officials and units meeting after meeting,
under new dates, ordinals and document numbers, now and then with a new face. :func:`write_minutes`
makes such a collection from the shared corpus and ``tests/data/multi``: each government takes its
templates (real minutes of that government) in turn, and every copy gets the next ordinal, a date a
week after the one before (every date of the text moves with it), its document number, and, for
one copy in ``renamed``, one participant replaced by an invented name. Names of persons and units
are otherwise the template's, so they recur as in real life.

At ten thousand documents and more, three governments would collapse every person and unit into a
few dozen nodes named by thousands of documents, which no real collection looks like. ``block``
splits each government's copies into blocks of that many: every block is the minutes of another,
invented government (the template's place name replaced, so its units are other units too) whose
chair and participants have invented names of their own (:func:`invented_names`).
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from pathlib import Path

from loaders.dates import chinese_number
from loaders.reading import read_minutes

ROOT = Path(__file__).resolve().parent.parent
CORPUS = ROOT.parent / "shared" / "corpus"
MULTI = ROOT / "tests" / "data" / "multi"

GOVERNMENTS = {
    "qinghe": sorted(MULTI.glob("qinghe-*.txt")),
    "xiangshan": [CORPUS / "xiangshan-2023-standing-28.txt"],
    "zhangjiagang": [CORPUS / "zhangjiagang-2026-standing-64.txt"],
}
"""Governments and their templates: one invented county of three minutes, two real ones."""

NEW_NAMES = ["甄一鸣", "卜子安", "闻若溪", "尉迟航", "乐正修", "巫马远", "司空朗", "端木青"]
"""Invented persons who join a government's meetings now and then (no corpus name)."""

PLACES = {"qinghe": "青禾", "xiangshan": "象山", "zhangjiagang": "张家港"}
"""The place name in each government's texts, replaced in every block of ``write_minutes(block=…)``."""

_SURNAMES = "甄卜闻尉乐巫司端郁柴芮宓蒯扈"
_GIVEN = "一子若远修朗青鸣安溪航岚澄砚衡霁"
_PLACE_FIRST = "云石枫松梧栖澜桐柘棠"
_PLACE_SECOND = "溪湾岭川洲泽坪源塘峪"
_PLACE_THIRD = "城堡桥阳陵原州宁平安"

_DATE = re.compile(r"(?P<y>\d{4})(?P<s1>\s*年\s*)(?P<m>\d{1,2})(?P<s2>\s*月\s*)(?P<d>\d{1,2})(?P<s3>\s*日)")
_ORDINAL = re.compile(r"第(\s*)([0-9〇零一二三四五六七八九十百]+)(\s*)次")
_DOC_NUMBER = re.compile(r"〔\d{4}〕(\s*)\d+(\s*)号")


@dataclass
class Template:
    """A real minutes file and what the copies change in it: its meeting's date and ordinal, and the
    names of its participants (the chair's left alone)."""

    path: Path
    text: str
    date: dt.date
    ordinal: int | None
    participants: list[str]
    chair: str | None = None


def template(path: Path) -> Template:
    record = read_minutes(path)
    date = dt.date.fromisoformat(record.meeting.date or "2025-01-01")
    names = [p.name for p in record.participants if p.name != record.meeting.chair and len(p.name) >= 2]
    chair = record.meeting.chair if record.meeting.chair and len(record.meeting.chair) >= 2 else None
    return Template(path, path.read_text(encoding="utf-8"), date, record.meeting.ordinal, names, chair)


def invented_names(block: int, count: int) -> list[str]:
    """``count`` invented three-character names of persons for ``block``: distinct within it, from
    pools of characters no document's names come from.

    >>> invented_names(0, 2), len(set(invented_names(7, 40)))
    (['甄一一', '卜一一'], 40)
    """
    return [_word(block * 64 + i, (_SURNAMES, _GIVEN, _GIVEN)) for i in range(count)]


def invented_place(block: int) -> str:
    """The place name of the invented government of ``block``: three characters, 1,000 of them.

    >>> invented_place(0), invented_place(1)
    ('云溪城', '石溪城')
    """
    return _word(block, (_PLACE_FIRST, _PLACE_SECOND, _PLACE_THIRD))


def _word(n: int, pools: tuple[str, ...]) -> str:
    """``n`` written in the mixed radix of ``pools``, one character of each, the first varying fastest."""
    chars = []
    for pool in pools:
        n, digit = divmod(n, len(pool))
        chars.append(pool[digit])
    return "".join(chars)


def copy_text(t: Template, day: dt.date, ordinal: int, renamed: dict[str, str] | None = None) -> str:
    """The template's text as the minutes of the meeting of ``day`` numbered ``ordinal``."""
    shift = day - t.date

    def moved(m: re.Match) -> str:
        try:
            new = dt.date(int(m["y"]), int(m["m"]), int(m["d"])) + shift
        except ValueError:
            return m[0]
        return f"{new.year}{m['s1']}{new.month}{m['s2']}{new.day}{m['s3']}"

    def numbered(m: re.Match) -> str:
        same = chinese_number(m[2].strip()) == t.ordinal
        return f"第{m[1]}{ordinal}{m[3]}次" if same else m[0]

    text = _DATE.sub(moved, t.text)
    text = _ORDINAL.sub(numbered, text)
    text = _DOC_NUMBER.sub(lambda m: f"〔{day.year}〕{m[1]}{ordinal}{m[2]}号", text)
    for old, new in (renamed or {}).items():
        text = text.replace(old, new)
    return text


def write_minutes(
    folder: Path, per_government: int, governments: dict | None = None, renamed: int = 5, block: int = 0
) -> list[Path]:
    """Write ``per_government`` minutes of each government into ``folder``; their paths.

    Every ``renamed``-th copy swaps one participant for a newcomer (a name of :data:`NEW_NAMES`).
    With ``block``, each run of ``block`` copies is the minutes of another invented government of
    its own persons (the first block keeps the template's names); its meetings start again at the
    template's date and ordinal 100.
    """
    folder.mkdir(parents=True, exist_ok=True)
    paths = []
    chosen = governments or GOVERNMENTS
    for g, (gov, files) in enumerate(chosen.items()):
        templates = [template(p) for p in files]
        start = min(t.date for t in templates)
        for i in range(per_government):
            number, i_in = divmod(i, block) if block else (0, i)
            t = templates[i_in % len(templates)]
            day, ordinal = start + dt.timedelta(days=7 * i_in), 100 + i_in
            swap = {}
            if renamed and i_in % renamed == renamed - 1 and t.participants:
                swap = {t.participants[i_in % len(t.participants)]: NEW_NAMES[i_in % len(NEW_NAMES)]}
            name = gov
            if number:
                swap = _block_names(t, gov, number * len(chosen) + g) | swap
                name = f"{gov}{number}"
            path = folder / f"{name}-{day.year}-standing-{ordinal}.txt"
            path.write_text(copy_text(t, day, ordinal, swap), encoding="utf-8")
            paths.append(path)
    return paths


def _block_names(t: Template, gov: str, block: int) -> dict[str, str]:
    """What block ``block`` renames: every person of the template (longest first, so no name is
    replaced inside a longer one) and, last, the government's place name."""
    people = sorted({*t.participants, *([t.chair] if t.chair else [])}, key=len, reverse=True)
    renamed = dict(zip(people, invented_names(block, len(people)), strict=True))
    if gov in PLACES:
        renamed[PLACES[gov]] = invented_place(block)
    return renamed
