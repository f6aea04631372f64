"""PDF files with a text layer, read with pypdf; pages are joined by a line break.

Minutes published as PDF are mostly exported from Word and carry text; a scanned one carries only
images, and some carry glyphs of fonts with no map to Unicode, which read as private-use characters.
OCR is out of scope, so both get a clear error rather than an empty or garbled record.

Some producers place every glyph in a text object of its own, which pypdf's plain extraction turns
into one character per line. Such a file (most of its lines one character long) is rebuilt from the
glyphs' positions instead: glyphs on one baseline make a line, in order of x, with a space where a
space glyph stands or the gap between two is wider than half a character.
"""

from __future__ import annotations

import io
import re
import unicodedata
from dataclasses import dataclass
from itertools import pairwise

from loaders.errors import InputError
from loaders.readers.text import UNREADABLE

MAX_UNREADABLE = 0.2
"""Largest share of unreadable characters (private use, U+FFFD) a text layer may have to be used."""

SHREDDED = 0.5
"""A text whose lines are mostly one character long had its glyphs placed one by one."""

MIN_SHREDDED_LINES = 8
"""Fewer lines than this are too few to tell."""

_SPACES = re.compile(" {2,}")


def read_pdf(path, data: bytes) -> tuple[str, dict[str, str]]:
    """The text layer of every page, one page after another; :class:`InputError` when there is none."""
    from pypdf import PdfReader

    try:
        reader = PdfReader(io.BytesIO(data))
        if reader.is_encrypted and not reader.decrypt(""):
            raise InputError(path, "encrypted PDF that needs a password; save an unencrypted copy")
        pages = [_page(page) for page in reader.pages]
    except InputError:
        raise
    except Exception as error:  # pypdf fails on damaged files with many kinds of error
        reason = " ".join(str(error).split()) or type(error).__name__
        raise InputError(path, f"not a valid .pdf ({reason})") from error
    if _shredded("\n".join(text for text, _ in pages)):
        pages = [("\n".join(_by_position(runs)), runs) for _, runs in pages]
    text = "\n".join(text.rstrip("\n") for text, _ in pages)
    if text.isspace() or not text:
        raise InputError(path, "no text layer (scanned PDF?); OCR is not supported")
    if len(UNREADABLE.findall(text)) > MAX_UNREADABLE * len("".join(text.split())):
        raise InputError(
            path, "text layer unreadable (its fonts map glyphs to no characters); OCR is not supported"
        )
    return text, {}


def _shredded(text: str) -> bool:
    """Whether most lines of ``text`` are one character long: glyphs placed one by one."""
    lines = [line.strip() for line in text.splitlines() if line.strip()]
    return len(lines) >= MIN_SHREDDED_LINES and sum(len(line) == 1 for line in lines) > SHREDDED * len(lines)


@dataclass
class Glyphs:
    """A run of text as placed on the page: where it starts, its baseline and its font size."""

    x: float
    y: float
    text: str
    size: float

    @property
    def end(self) -> float:
        """Where the run ends, taking wide and ambiguous characters (CJK, “”、…) as one em, others as
        half: the font's own widths are not at hand, and the estimate only has to tell a gap."""
        ems = sum(1.0 if unicodedata.east_asian_width(ch) in "WFA" else 0.5 for ch in self.text)
        return self.x + ems * self.size


def _page(page) -> tuple[str, list[Glyphs]]:
    """pypdf's text of the page, and the runs of glyphs on it with their positions."""
    runs: list[Glyphs] = []

    def visit(text, cm, tm, font, size):
        text = text.strip("\n") if text.strip() else " " if " " in text else ""
        if text:
            scale = (tm[0] ** 2 + tm[1] ** 2) ** 0.5 * (cm[0] ** 2 + cm[1] ** 2) ** 0.5
            x = tm[4] * cm[0] + tm[5] * cm[2] + cm[4]
            y = tm[4] * cm[1] + tm[5] * cm[3] + cm[5]
            runs.append(Glyphs(x, y, text, (size or 1) * (scale or 1)))

    return page.extract_text(visitor_text=visit) or "", runs


def _by_position(runs: list[Glyphs]) -> list[str]:
    """Lines of text from runs: top to bottom by baseline, left to right within a line."""
    lines: list[list[Glyphs]] = []
    for run in sorted(runs, key=lambda r: -r.y):
        if lines and abs(lines[-1][0].y - run.y) <= run.size / 2:
            lines[-1].append(run)
        else:
            lines.append([run])
    out = []
    for line in lines:
        line.sort(key=lambda r: r.x)
        parts = [line[0].text]
        for before, run in pairwise(line):
            if run.x - before.end > run.size / 2 and not before.text.isspace():
                parts.append(" ")
            parts.append(run.text)
        out.append(_SPACES.sub(" ", "".join(parts)).strip())
    return out
