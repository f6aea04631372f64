"""Files the commands write (pages, exports, reports, summaries), replaced whole or not at all.

A page or export is written to a temporary file beside its target and renamed over it once every
byte is on disk, so a write that fails half-way (disk full, a file-size limit, an error while
serialising) leaves the previous good file as it was, and never a truncated one. A target that is
not a regular file (``/dev/full``, a pipe) is written directly, since it cannot be renamed over.
Every failure is one :class:`OutputError` naming the file and the reason.

>>> import tempfile, pathlib
>>> folder = pathlib.Path(tempfile.mkdtemp())
>>> write_text(folder / "a.md", "# 甲").read_text(encoding="utf-8")
'# 甲'
>>> write_text(folder / "no" / "a.md", "x")
Traceback (most recent call last):
...
kg.outputs.OutputError: ...a.md: the folder ...no does not exist
"""

from __future__ import annotations

import os
import secrets
import stat
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import BinaryIO

from loaders.errors import KGError


class OutputError(KGError):
    """An output file cannot be written: its folder is missing, the disk is full, a limit is hit."""


@contextmanager
def replacing(path) -> Iterator[BinaryIO]:
    """A binary stream whose bytes replace the file at ``path`` when the block ends without error."""
    path = Path(path)
    if not path.parent.is_dir():
        raise OutputError(f"{path}: the folder {path.parent} does not exist")
    if path.exists() and not stat.S_ISREG(path.stat().st_mode):
        with _reported(path), path.open("wb") as stream:
            yield stream
        return
    temporary = path.with_name(f".{path.name}.{secrets.token_hex(4)}.tmp")
    try:
        with _reported(path):
            descriptor = os.open(temporary, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o666)  # umask applies
            with os.fdopen(descriptor, "wb") as stream:
                yield stream
                stream.flush()
                os.fsync(stream.fileno())
            os.replace(temporary, path)
    finally:
        temporary.unlink(missing_ok=True)


def write_text(path, text: str) -> Path:
    """Replace the file at ``path`` with ``text`` in UTF-8; returns the path."""
    with replacing(path) as stream:
        stream.write(text.encode("utf-8"))
    return Path(path)


@contextmanager
def _reported(path: Path):
    """An operating-system error while writing ``path`` as one line that names it."""
    try:
        yield
    except OSError as error:
        kept = " (the previous file is unchanged)" if path.is_file() else ""
        raise OutputError(f"{path}: cannot be written: {error.strerror or error}{kept}") from None
