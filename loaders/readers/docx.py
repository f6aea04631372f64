"""Word ``.docx`` files: paragraphs and table rows, in document order, one to a line.

A table row becomes one line with its cells separated by a space (a cell merged over several
columns counts once), so an attendance table (出席 | 张三、李四) reads as it would printed. Text
boxes, where templates often put the masthead (X人民政府常务会议纪要), read as lines before the
paragraph they are anchored in; Word stores each box twice (a drawing and a VML fallback for old
readers), and the fallback is skipped.

A ``.docx`` is a zip archive, and the size limit counts its compressed bytes; a zip bomb of 1.2 MB
inflating to 300 MB once drove ``kg extract`` to 7.9 GB. The members' declared sizes are checked
before anything is inflated (``zipfile`` stops a member at its declared size), so what is read is
bounded by :data:`MAX_UNPACKED`.
"""

from __future__ import annotations

import io
import zipfile

from loaders.errors import InputError

OLE_MAGIC = b"\xd0\xcf\x11\xe0"
W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
FALLBACK = "{http://schemas.openxmlformats.org/markup-compatibility/2006}Fallback"

MAX_UNPACKED = 25_000_000
"""Most bytes the members of a ``.docx`` may hold uncompressed. Minutes' XML runs to a megabyte or
two, and pictures compress little, so they count in the file's size already. 40 MB of XML took a
peak of 877 MB to read and parse (bench/bench_memory.py); 25 MB keeps a margin under 1 GB."""

MAX_RATIO = 100
"""Most a member over :data:`RATIO_FLOOR` may inflate: Word's XML packs ten to thirty times."""

RATIO_FLOOR = 1_000_000


def read_docx(path, data: bytes) -> tuple[str, dict[str, str]]:
    """The text of a ``.docx``; a file that is not one gets :class:`InputError` saying so."""
    import docx
    from docx.table import Table

    if data.startswith(OLE_MAGIC):
        raise InputError(path, "not a valid .docx (an old binary Word .doc; save it as .docx)")
    _check_unpacked(path, data)
    try:
        document = docx.Document(io.BytesIO(data))
        lines = []
        for block in document.iter_inner_content():
            lines.extend(_rows(block) if isinstance(block, Table) else _paragraph(block))
    except Exception as error:  # a damaged package fails in zipfile, lxml or python-docx alike
        reason = " ".join(str(error).split()) or type(error).__name__
        raise InputError(path, f"not a valid .docx ({reason})") from error
    return "\n".join(lines), {}


def _check_unpacked(path, data: bytes) -> None:
    """Refuse an archive whose members would inflate beyond :data:`MAX_UNPACKED` in all, or one of
    them by more than :data:`MAX_RATIO`, from the sizes its directory declares."""
    try:
        members = zipfile.ZipFile(io.BytesIO(data)).infolist()
    except (zipfile.BadZipFile, ValueError, OSError):
        return  # not an archive at all: python-docx says so in its own words below
    total = sum(m.file_size for m in members)
    if total > MAX_UNPACKED:
        raise InputError(
            path,
            f"not read: its parts inflate to {total / 1e6:,.0f} MB, over the {MAX_UNPACKED / 1e6:.0f} MB "
            "a .docx may hold (a zip bomb?)",
        )
    for m in members:
        if m.file_size > RATIO_FLOOR and m.file_size > MAX_RATIO * max(m.compress_size, 1):
            raise InputError(
                path,
                f"not read: its part {m.filename} inflates {m.file_size // max(m.compress_size, 1):,} "
                f"times (more than {MAX_RATIO}), as a zip bomb does",
            )


def _paragraph(paragraph) -> list[str]:
    """The lines of the text boxes anchored in ``paragraph``, then its own text."""
    from docx.text.paragraph import Paragraph

    boxes = [
        Paragraph(p, paragraph._parent).text
        for box in paragraph._p.iter(f"{W}txbxContent")
        if not any(a.tag == FALLBACK for a in box.iterancestors())
        for p in box.iter(f"{W}p")
    ]
    return [*boxes, paragraph.text] if boxes else [paragraph.text]


def _rows(table) -> list[str]:
    """One line per row: its distinct cells' text, separated by a space."""
    rows = []
    for row in table.rows:
        cells = {id(cell._tc): " ".join(cell.text.split("\n")) for cell in row.cells}
        rows.append(" ".join(text for text in cells.values() if text.strip()))
    return rows
