"""Plain text and Markdown: decode the bytes, whatever encoding a government office saved them in.

Many Chinese government files are GB18030/GBK rather than UTF-8, and GB18030 decodes almost any
bytes without error, so a successful decode proves little. The order is therefore: a byte-order
mark; UTF-16 without a mark (NUL bytes in every other place, text that reads clean); NUL bytes in
more than a small share mean binary (a stray one or two do not); strict UTF-8 (which random or GBK
bytes almost never pass); GB18030 only when nearly every character it yields is a common one (in
GB2312), which UTF-8 mangled as GBK is not; then charset-normalizer's guess (Big5, …) when it reads
as clean text. Last, a file that is UTF-8 or GB18030 but for a few damaged bytes (a truncated last
character, a stray byte) is read with U+FFFD in their place and an :class:`InputWarning` naming the
first bad byte's offset: a trace of damage should not cost a whole document.

>>> decode_text("a.txt", "会议纪要".encode("gbk"))
'会议纪要'
>>> decode_text("a.txt", "\\ufeff会议纪要".encode("utf-8"))
'会议纪要'
>>> decode_text("a.txt", "会议纪要\\n".encode("utf-16-le"))
'会议纪要\\n'
"""

from __future__ import annotations

import codecs
import re
import threading
import warnings

from loaders.errors import InputError, InputWarning

COMMON_SHARE = 0.98
"""Least share of characters that must be in GB2312 (or ASCII) to accept a GB18030 reading."""

MAX_CHAOS = 0.1
"""Most "mess" charset-normalizer may measure in a guess we accept."""

BINARY_SHARE = 0.01
"""More NUL bytes than this share of a file (outside UTF-16) make it binary; fewer are damage in text."""

CONTROL_SHARE = 0.005
"""Most control characters a GB18030 reading or a guess may hold (NULs, form feeds a file carried)."""

DAMAGE_SHARE = 0.001
"""Most bytes of a file, as a share, that may be replaced by U+FFFD for it to load with a warning."""

MIN_DAMAGE = 4
"""Bytes that may be replaced in any file, however short (a character cut at its end is up to 3)."""

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
                text = _damaged(path, data, codec)
                if text is None:
                    raise InputError(
                        path, f"not valid {codec.upper()} after its byte-order mark ({error.reason})"
                    ) from None
                return text.removeprefix("\ufeff")
    nuls = data.count(b"\x00")
    if nuls:
        text = _utf16(data)
        if text is not None:
            return text
        if nuls > BINARY_SHARE * len(data):
            raise InputError(path, "binary file (it holds NUL bytes), not text")
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as error:
        utf8_error = error
    text = _gb18030(data)
    if text is None:
        text = _damaged(path, data, "utf-8") or _damaged(path, data, "gb18030")
    if text is None:
        text = _guess(data)
    if text is None:
        raise InputError(
            path,
            f"not text in UTF-8 (bad byte at offset {utf8_error.start}), GB18030 or another encoding "
            "recognised (a binary file?)",
        )
    return text


def _utf16(data: bytes) -> str | None:
    """``data`` read as UTF-16 without a byte-order mark, when it is that: the NULs of its ASCII
    characters (line breaks, digits) stand in every other place, and it reads as clean text.

    >>> _utf16("第1项\\n".encode("utf-16-be")), _utf16("ab".encode("utf-8"))
    ('第1项\\n', None)
    """
    even, odd = data[0::2].count(0), data[1::2].count(0)
    if len(data) % 2 or even == odd:
        return None
    try:
        text = data.decode("utf-16-le" if odd > even else "utf-16-be")
    except UnicodeDecodeError:
        return None
    return None if _has_controls(text, allowed=0) or not _common(text) else text


def _damaged(path, data: bytes, codec: str) -> str | None:
    """``data`` in ``codec`` with its few bad bytes as U+FFFD, and a warning naming where they are;
    None when more than a trace of it is bad (or, for GB18030, it does not read as common Chinese)."""
    _noted.spans = []
    text = data.decode(codec, errors=_NOTE)
    bad, _noted.spans = _noted.spans, []
    damaged = sum(end - start for start, end in bad)
    if not bad or damaged > max(MIN_DAMAGE, DAMAGE_SHARE * len(data)):
        return None
    if codec == "gb18030" and not _common(text):
        return None
    where = ", ".join(str(start) for start, _ in bad[:5]) + (" …" if len(bad) > 5 else "")
    warnings.warn(
        InputWarning(
            path,
            f"{damaged} damaged byte{'s' * (damaged > 1)} in this {codec.upper()} text, read as U+FFFD "
            f"(at byte offset {where})",
        ),
        stacklevel=2,
    )
    return text


_noted = threading.local()
_NOTE = "kg-note-damage"


def _note_damage(error: UnicodeDecodeError) -> tuple[str, int]:
    """The codec error handler of :func:`_damaged`: U+FFFD for the bad bytes, and where they were."""
    _noted.spans.append((error.start, error.end))
    return "\ufffd", error.end


codecs.register_error(_NOTE, _note_damage)


def _gb18030(data: bytes) -> str | None:
    """``data`` read as GB18030 when it decodes and looks like ordinary Chinese text."""
    try:
        text = data.decode("gb18030")
    except UnicodeDecodeError:
        return None
    return text if _common(text) and not _has_controls(text) else None


def _common(text: str) -> bool:
    """Whether nearly every character of ``text`` is a common one (ASCII or in GB2312)."""
    common = len(text.encode("gb2312", "ignore").decode("gb2312"))
    return common >= COMMON_SHARE * len(text)


def _guess(data: bytes) -> str | None:
    """charset-normalizer's best reading of ``data`` when it is clean text."""
    from charset_normalizer import from_bytes

    best = from_bytes(data).best()
    if best is None or best.chaos > MAX_CHAOS:
        return None
    text = str(best)
    return None if _has_controls(text) else text


def _has_controls(text: str, allowed: float = CONTROL_SHARE) -> bool:
    """Whether more than ``allowed`` a share of ``text`` is unreadable (a stray NUL is allowed)."""
    found = len(UNREADABLE.findall(text))
    return found > 0 and found > allowed * len(text)


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
