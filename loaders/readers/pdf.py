"""PDF files with a text layer, read with pypdf; pages are joined by a line break.

Minutes published as PDF are mostly exported from Word and carry text; a scanned one carries only
images, and some carry glyphs of fonts with no map to Unicode, which read as private-use characters.
OCR is out of scope, so both get a clear error rather than an empty or garbled record.
"""

from __future__ import annotations

import io

from loaders.errors import InputError
from loaders.readers.text import UNREADABLE

MAX_UNREADABLE = 0.2
"""Largest share of unreadable characters (private use, U+FFFD) a text layer may have to be used."""


def read_pdf(path, data: bytes) -> tuple[str, dict[str, str]]:
    """The text layer of every page, one page after another; :class:`InputError` when there is none."""
    from pypdf import PdfReader

    try:
        reader = PdfReader(io.BytesIO(data))
        if reader.is_encrypted and not reader.decrypt(""):
            raise InputError(path, "encrypted PDF that needs a password; save an unencrypted copy")
        pages = [page.extract_text() or "" for page in reader.pages]
    except InputError:
        raise
    except Exception as error:  # pypdf fails on damaged files with many kinds of error
        reason = " ".join(str(error).split()) or type(error).__name__
        raise InputError(path, f"not a valid .pdf ({reason})") from error
    text = "\n".join(page.rstrip("\n") for page in pages)
    if text.isspace() or not text:
        raise InputError(path, "no text layer (scanned PDF?); OCR is not supported")
    if len(UNREADABLE.findall(text)) > MAX_UNREADABLE * len("".join(text.split())):
        raise InputError(
            path, "text layer unreadable (its fonts map glyphs to no characters); OCR is not supported"
        )
    return text, {}
