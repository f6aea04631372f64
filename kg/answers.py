"""Query answers as text: an aligned table for people, CSV and JSON for programs.

A registry of formats, so ``kg sparql`` and ``kg cypher`` print answers the same way. Tables are
aligned by display width, so columns of Chinese names line up in a terminal.

>>> print(render_table(["name", "n"], [["陈明远", 1], ["Li", 22]]))
name    n
------  --
陈明远  1
Li      22
"""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Callable, Sequence

import wcwidth

from loaders.errors import KGError


def width(text: str) -> int:
    """Columns a string takes in a terminal, by wcwidth (wide CJK characters take two, combining
    marks none); a character it cannot measure (a control character) counts one.

    >>> width("ab"), width("陈明远"), width("e\u0301")
    (2, 6, 1)
    """
    return sum(w if (w := wcwidth.wcwidth(ch)) >= 0 else 1 for ch in text)


def _cell(value) -> str:
    return "" if value is None else str(value)


def render_table(columns: Sequence[str], rows: Sequence[Sequence]) -> str:
    """Columns padded to their widest cell, a rule under the header."""
    cells = [[_cell(v) for v in row] for row in rows]
    widths = [max([width(c)] + [width(r[i]) for r in cells]) for i, c in enumerate(columns)]

    def line(values):
        padded = (v + " " * (w - width(v)) for v, w in zip(values, widths, strict=True))
        return "  ".join(padded).rstrip()

    return "\n".join([line(columns), line("-" * w for w in widths), *(line(r) for r in cells)])


def render_csv(columns: Sequence[str], rows: Sequence[Sequence]) -> str:
    """CSV with a header row, LF line endings (what pandas and Unix tools expect), and no line end
    after the last row (the command line ends it), so a file holds no blank line.

    >>> render_csv(["a", "b"], [["x,y", None]])
    'a,b\\n"x,y",'
    """
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(columns)
    writer.writerows([[_cell(v) for v in row] for row in rows])
    return out.getvalue().removesuffix("\n")


def render_json(columns: Sequence[str], rows: Sequence[Sequence]) -> str:
    """A JSON array of objects, one per row, Chinese kept as it is.

    >>> render_json(["名"], [["李"]])
    '[\\n  {\\n    "名": "李"\\n  }\\n]'
    """
    return json.dumps([dict(zip(columns, row, strict=True)) for row in rows], ensure_ascii=False, indent=2)


RENDERERS: dict[str, Callable[[Sequence[str], Sequence[Sequence]], str]] = {
    "table": render_table,
    "csv": render_csv,
    "json": render_json,
}


class UnknownFormat(KGError):
    """An output format that no renderer is registered for."""


def render(columns: Sequence[str], rows: Sequence[Sequence], fmt: str = "table") -> str:
    """The answer in format ``fmt`` (one of RENDERERS)."""
    if fmt not in RENDERERS:
        raise UnknownFormat(f"unknown format {fmt!r}; known: {', '.join(RENDERERS)}")
    return RENDERERS[fmt](columns, rows)
