"""Reading a source file of any supported format into text: a registry of readers by suffix.

Each format registers its name, its suffixes and a reader that turns the file's bytes into text and
page metadata (:mod:`loaders.readers`). :func:`read_source` does what all formats share: refuse an
unknown suffix, a missing, empty or oversized file, and hand back the text with ``\\n`` line endings,
so a parser sees one kind of text whatever the file was.

>>> sorted(FORMATS)
['docx', 'html', 'markdown', 'pdf', 'text']
>>> format_for("纪要.HTM").name
'html'
"""

from __future__ import annotations

import os
import sys
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from stat import S_ISREG

from loaders.errors import InputError, KGError
from loaders.readers.docx import read_docx
from loaders.readers.html import read_html
from loaders.readers.pdf import read_pdf
from loaders.readers.text import read_markdown, read_text

DEFAULT_MAX_BYTES = 20_000_000
"""Minutes run to a few hundred kilobytes; a file this size is almost surely not one set of them."""

Reader = Callable[[Path, bytes], tuple[str, dict[str, str]]]


@dataclass(frozen=True)
class Format:
    """An input format: a name, the suffixes it claims (lower case, with the dot) and its reader."""

    name: str
    suffixes: tuple[str, ...]
    reader: Reader


@dataclass
class Source:
    """The text of one source file, its page metadata (索引号, 发布机构 … of a web page) and format."""

    path: Path
    text: str
    metadata: dict[str, str] = field(default_factory=dict)
    format: str = "text"


FORMATS: dict[str, Format] = {}
SUFFIXES: dict[str, Format] = {}


def register_format(fmt: Format) -> Format:
    """Add ``fmt`` to the registry; its suffixes now read with its reader."""
    FORMATS[fmt.name] = fmt
    SUFFIXES.update(dict.fromkeys(fmt.suffixes, fmt))
    return fmt


for _fmt in (
    Format("text", (".txt",), read_text),
    Format("markdown", (".md",), read_markdown),
    Format("html", (".html", ".htm"), read_html),
    Format("docx", (".docx",), read_docx),
    Format("pdf", (".pdf",), read_pdf),
):
    register_format(_fmt)


def format_for(path) -> Format:
    """The format registered for ``path``'s suffix (any case); :class:`InputError` names the known ones."""
    suffix = Path(path).suffix.lower()
    if suffix in SUFFIXES:
        return SUFFIXES[suffix]
    known = ", ".join(sorted(SUFFIXES))
    shown = f"'{suffix}'" if suffix else "(no suffix)"
    raise InputError(path, f"unknown format {shown}; known: {known}")


def read_source(path, *, max_bytes: int | None = None) -> Source:
    """Read ``path`` into a :class:`Source`: a path, an open file, or ``-`` for stdin.

    An open file's format is that of its ``name``'s suffix; stdin and a nameless file are plain
    text. ``max_bytes`` (default: the environment's ``KG_MAX_BYTES``, else
    :data:`DEFAULT_MAX_BYTES`) caps the size, checked before a byte of a file is read, so a stray
    video or archive fails at once.
    """
    limit = max_bytes if max_bytes is not None else max_bytes_from_env()
    if str(path) == "-":
        return _from_stream(sys.stdin.buffer, limit)
    if hasattr(path, "read"):
        return _from_stream(path, limit)
    path = Path(path)
    fmt = format_for(path)
    try:
        stat = path.stat()
        if not S_ISREG(stat.st_mode):
            raise InputError(path, "not a regular file")
        _check_size(path, stat.st_size, limit)
        data = path.read_bytes()
    except FileNotFoundError:
        raise InputError(path, "no such file") from None
    except OSError as error:
        raise InputError(path, f"cannot be read ({error.strerror})") from None
    return _source(path, fmt, data)


def _from_stream(stream, limit: int) -> Source:
    """An open file (binary or text) read to its end, at most ``limit`` bytes of it."""
    name = getattr(stream, "name", None)
    path = Path(name if isinstance(name, str) and not name.startswith("<") else "-")
    fmt = format_for(path) if path.suffix else FORMATS["text"]
    data = stream.read(limit + 1)
    data = data.encode("utf-8") if isinstance(data, str) else data
    _check_size(path, len(data), limit)
    return _source(path, fmt, data)


def _check_size(path: Path, size: int, limit: int) -> None:
    if size > limit:
        raise InputError(
            path,
            f"too large: {_size(size)} is over the {_size(limit)} limit for one document "
            "(minutes are far smaller; set KG_MAX_BYTES to raise it)",
        )


def _source(path: Path, fmt: Format, data: bytes) -> Source:
    if not data:
        raise InputError(path, "empty file (0 bytes)")
    text, metadata = fmt.reader(path, data)
    if "\r" in text:
        text = text.replace("\r\n", "\n").replace("\r", "\n")
    if not text or text.isspace():
        raise InputError(path, f"no text in this {fmt.name} file (only blank space)")
    return Source(path, text, metadata, fmt.name)


def max_bytes_from_env() -> int:
    """The size limit set by ``KG_MAX_BYTES`` (a whole number of bytes), else the default."""
    value = os.environ.get("KG_MAX_BYTES", "").strip()
    if not value:
        return DEFAULT_MAX_BYTES
    if not value.isdigit():
        raise KGError(f"KG_MAX_BYTES must be a whole number of bytes, not {value!r}")
    return int(value)


def _size(n: int) -> str:
    """A size as people write it.

    >>> _size(20_000_000), _size(52_428_800), _size(10)
    ('20 MB', '52.4 MB', '10 bytes')
    """
    if n < 1_000_000:
        return f"{n:,} bytes"
    return f"{n / 1e6:.1f}".removesuffix(".0") + " MB"
