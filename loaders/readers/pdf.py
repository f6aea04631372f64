"""PDF files with a text layer, read with pypdf; pages are joined by a line break.

Minutes published as PDF are mostly exported from Word and carry text; a scanned one carries only
images, and since OCR is out of scope it gets a clear error rather than an empty record.
"""

from __future__ import annotations

import io

from loaders.errors import InputError


def read_pdf(path, data: bytes) -> tuple[str, dict[str, str]]:
    """The text layer of every page; no text at all means a scanned PDF (:class:`InputError`)."""
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
    if not any(page.strip() for page in pages):
        raise InputError(path, "no text layer (scanned PDF?); OCR is not supported")
    return "\n".join(page.rstrip("\n") for page in pages), {}
