"""Word ``.docx`` files: paragraphs and table rows, in document order, one to a line.

A table row becomes one line with its cells separated by a space (a cell merged over several
columns counts once), so an attendance table (出席 | 张三、李四) reads as it would printed. Text
boxes, where templates often put the masthead (X人民政府常务会议纪要), read as lines before the
paragraph they are anchored in; Word stores each box twice (a drawing and a VML fallback for old
readers), and the fallback is skipped.
"""

from __future__ import annotations

import io

from loaders.errors import InputError

OLE_MAGIC = b"\xd0\xcf\x11\xe0"
W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
FALLBACK = "{http://schemas.openxmlformats.org/markup-compatibility/2006}Fallback"


def read_docx(path, data: bytes) -> tuple[str, dict[str, str]]:
    """The text of a ``.docx``; a file that is not one gets :class:`InputError` saying so."""
    import docx
    from docx.table import Table

    if data.startswith(OLE_MAGIC):
        raise InputError(path, "not a valid .docx (an old binary Word .doc; save it as .docx)")
    try:
        document = docx.Document(io.BytesIO(data))
        lines = []
        for block in document.iter_inner_content():
            lines.extend(_rows(block) if isinstance(block, Table) else _paragraph(block))
    except Exception as error:  # a damaged package fails in zipfile, lxml or python-docx alike
        reason = " ".join(str(error).split()) or type(error).__name__
        raise InputError(path, f"not a valid .docx ({reason})") from error
    return "\n".join(lines), {}


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
