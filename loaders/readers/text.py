"""Plain text and Markdown: decode the bytes, whatever encoding a government office saved them in.

Many Chinese government files are GB18030/GBK rather than UTF-8, and GB18030 decodes almost any
bytes without error, so a successful decode proves little. The order is therefore: a byte-order
mark; NUL bytes mean binary; strict UTF-8 (which random or GBK bytes almost never pass); GB18030 only
when nearly every character it yields is a common one (in GB2312), which UTF-8 mangled as GBK is not;
last, charset-normalizer's guess (Big5, UTF-16 without a mark, …) when it reads as clean text.

>>> decode_text("a.txt", "会议纪要".encode("gbk"))
'会议纪要'
>>> decode_text("a.txt", "\\ufeff会议纪要".encode("utf-8"))
'会议纪要'
"""

from __future__ import annotations

import codecs
import re

from loaders.errors import InputError

COMMON_SHARE = 0.98
"""Least share of characters that must be in GB2312 (or ASCII) to accept a GB18030 reading."""

MAX_CHAOS = 0.1
"""Most "mess" charset-normalizer may measure in a guess we accept."""

UNREADABLE = re.compile("[\x00-\x08\x0e-\x1f\x7f-\x9f\ue000-\uf8ff\U000f0000-\U0010ffff\ufffd]")
"""Control characters other than white space, private-use characters and U+FFFD: what bytes read in
the wrong encoding, or glyphs of a font with no Unicode map, turn into."""


def read_text(path, data: bytes) -> tuple[str, dict[str, str]]:
    """A ``.txt`` file: its decoded text, no metadata."""
    return decode_text(path, data), {}


def decode_text(path, data: bytes) -> str:
    """The text of ``data``, or :class:`InputError` saying why it is not text."""
    for bom, codec in (
        (codecs.BOM_UTF8, "utf-8"),
        (codecs.BOM_UTF16_LE, "utf-16"),
        (codecs.BOM_UTF16_BE, "utf-16"),
    ):
        if data.startswith(bom):
            try:
                return data.decode(codec).removeprefix("\ufeff")
            except UnicodeDecodeError as error:
                raise InputError(
                    path, f"not valid {codec.upper()} after its byte-order mark ({error.reason})"
                ) from None
    if b"\x00" in data:
        raise InputError(path, "binary file (it holds NUL bytes), not text")
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as error:
        utf8_error = error
    text = _gb18030(data)
    if text is None:
        text = _guess(data)
    if text is None:
        raise InputError(
            path,
            f"not text in UTF-8 (bad byte at offset {utf8_error.start}), GB18030 or another encoding "
            "recognised (a binary file?)",
        )
    return text


def _gb18030(data: bytes) -> str | None:
    """``data`` read as GB18030 when it decodes and looks like ordinary Chinese text."""
    try:
        text = data.decode("gb18030")
    except UnicodeDecodeError:
        return None
    common = len(text.encode("gb2312", "ignore").decode("gb2312"))
    return text if common >= COMMON_SHARE * len(text) and not _has_controls(text) else None


def _guess(data: bytes) -> str | None:
    """charset-normalizer's best reading of ``data`` when it is clean text."""
    from charset_normalizer import from_bytes

    best = from_bytes(data).best()
    if best is None or best.chaos > MAX_CHAOS:
        return None
    text = str(best)
    return None if _has_controls(text) else text


def _has_controls(text: str) -> bool:
    return UNREADABLE.search(text) is not None


_HEADING = re.compile(r"^ {0,3}#{1,6}\s+|\s+#+\s*$")
_EMPHASIS = re.compile(r"\*\*|__")
_QUOTE = re.compile(r"^ {0,3}(?:> ?)+")
_RULE = re.compile(r"^ {0,3}([-*_])(?: *\1){2,} *$")
_IMAGE = re.compile(r"!\[[^\]]*\]\([^)]*\)")
_LINK = re.compile(r"\[([^\]]*)\]\([^)]*\)")
_TABLE_RULE = re.compile(r"^\s*\|?\s*:?-{3,}:?\s*(\|\s*:?-{3,}:?\s*)*\|?\s*$")


def read_markdown(path, data: bytes) -> tuple[str, dict[str, str]]:
    """A ``.md`` file: its text without the markup (headings, bold, quotes, rules, links, images,
    table pipes).

    >>> read_markdown("a.md", "# 会议纪要\\n\\n**出席：** 张三\\n\\n| 列席 | 李四 |\\n|---|---|".encode())[0]
    '会议纪要\\n\\n出席： 张三\\n\\n列席 李四'
    >>> read_markdown("a.md", "![图](a.png)审议《[某办法](https://x.gov.cn/a)》".encode())[0]
    '审议《某办法》'
    """
    lines = []
    for line in decode_text(path, data).splitlines():
        if _RULE.match(line) or _TABLE_RULE.match(line):
            continue
        line = _EMPHASIS.sub("", _QUOTE.sub("", _HEADING.sub("", line)))
        line = _LINK.sub(r"\1", _IMAGE.sub("", line))
        if line.strip().startswith("|"):
            line = " ".join(cell.strip() for cell in line.strip().strip("|").split("|"))
        lines.append(line)
    return "\n".join(lines), {}
