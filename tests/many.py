"""Many minutes of a few governments, made from real ones: what users load, for tests and benches.

A government's minutes over a year or two name the same officials and units meeting after meeting,
under new dates, ordinals and document numbers, now and then with a new face. :func:`write_minutes`
makes such a collection from the shared corpus and ``tests/data/multi``: each government takes its
templates (real minutes of that government) in turn, and every copy gets the next ordinal, a date a
week after the one before (every date of the text moves with it), its document number, and, for
one copy in ``renamed``, one participant replaced by an invented name. Names of persons and units
are otherwise the template's, so they recur as in real life.
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


def template(path: Path) -> Template:
    record = read_minutes(path)
    date = dt.date.fromisoformat(record.meeting.date or "2025-01-01")
    names = [p.name for p in record.participants if p.name != record.meeting.chair and len(p.name) >= 2]
    return Template(path, path.read_text(encoding="utf-8"), date, record.meeting.ordinal, names)


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
    folder: Path, per_government: int, governments: dict | None = None, renamed: int = 5
) -> list[Path]:
    """Write ``per_government`` minutes of each government into ``folder``; their paths.

    Every ``renamed``-th copy swaps one participant for a newcomer (a name of :data:`NEW_NAMES`).
    """
    folder.mkdir(parents=True, exist_ok=True)
    paths = []
    for gov, files in (governments or GOVERNMENTS).items():
        templates = [template(p) for p in files]
        start = min(t.date for t in templates)
        for i in range(per_government):
            t = templates[i % len(templates)]
            day, ordinal = start + dt.timedelta(days=7 * i), 100 + i
            swap = {}
            if renamed and i % renamed == renamed - 1 and t.participants:
                swap = {t.participants[i % len(t.participants)]: NEW_NAMES[i % len(NEW_NAMES)]}
            path = folder / f"{gov}-{day.year}-standing-{ordinal}.txt"
            path.write_text(copy_text(t, day, ordinal, swap), encoding="utf-8")
            paths.append(path)
    return paths
