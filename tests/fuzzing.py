"""Mutated minutes for the fuzz test (tests/test_fuzz.py) and bench/fuzz.py, and the one path they
drive: read → parse → record → statements.

A case starts from a real document (the shared corpus, or the unseen layouts of tests/data/unseen)
and applies a few mutations drawn from a :class:`random.Random`: lines deleted, duplicated or
shuffled, random Unicode inserted (weighted to what the parser looks at: numbering like （一） and
一、, colons, brackets, names' characters, controls), spans cut out, the text cut short, or only a
few of its lines kept, or replaced by a few lines of the parser's own words (the one crash fuzzing
found was the two-line text ``召开会议\n（一）以下意见``). Anything
but a :class:`~loaders.errors.KGError` (the project's refusal, one line) is a bug.
"""

from __future__ import annotations

import random
from pathlib import Path

from loaders.errors import KGError
from loaders.formats import read_source
from loaders.minutes import parse_minutes
from loaders.rdf import to_statements

ROOT = Path(__file__).resolve().parent.parent
SEEDS = sorted([*(ROOT.parent / "shared/corpus").glob("*.txt"), *(ROOT / "tests/data/unseen").glob("*.txt")])

PARSER_PIECES = [
    *("（一）", "（二）", "一、", "二、", "三、", "1.", "2、", "（1）", "第一项", "议题一：", "会议", "纪要"),
    *("纪要如下：", "以下意见", "召开会议"),
    *("出席：", "列席：", "请假：", "主持", "会议指出", "会议要求", "会议同意", "原则通过", "《", "》", "："),
    *("年", "月", "日", "第", "次", "常务会议", "县政府", "同志", "、", "，", "。", "\n", "\n\n", " "),
    "\u3000",
    *("\x00", "\x0c", "\ufeff", "\u200b", "\r", "\t", "【", "】", "〔", "〕", "(", ")", ":", "|", "#"),
]


def seed_texts() -> list[str]:
    """The seed documents' texts (decoded as the reader decodes them)."""
    return [read_source(path).text for path in SEEDS]


def _random_unicode(rng: random.Random) -> str:
    pieces = []
    for _ in range(rng.randint(1, 8)):
        pick = rng.random()
        if pick < 0.5:
            pieces.append(rng.choice(PARSER_PIECES))
        elif pick < 0.8:
            pieces.append(chr(rng.randint(0x4E00, 0x9FFF)))
        else:
            code = rng.randint(0, 0x10FFFF)
            pieces.append(chr(code) if not 0xD800 <= code <= 0xDFFF else "\ufffd")
    return "".join(pieces)


def mutate(text: str, rng: random.Random) -> str:
    """``text`` after one to four random mutations."""
    for _ in range(rng.randint(1, 4)):
        lines = text.split("\n")
        kind = rng.randrange(9)
        at = rng.randrange(len(lines))
        if kind == 0 and len(lines) > 1:
            del lines[at]
        elif kind == 1:
            lines[at:at] = [lines[at]] * rng.randint(1, 3)
        elif kind == 2:
            lo = rng.randrange(len(lines))
            part = lines[lo : lo + rng.randint(2, 12)]
            rng.shuffle(part)
            lines[lo : lo + len(part)] = part
        elif kind == 3:
            line = lines[at]
            cut = rng.randint(0, len(line))
            lines[at] = line[:cut] + _random_unicode(rng) + line[cut:]
        elif kind == 4:
            lines.insert(at, _random_unicode(rng))
        elif kind == 7:
            keep = sorted(rng.sample(range(len(lines)), min(len(lines), rng.randint(1, 4))))
            lines = [lines[i] for i in keep]
        elif kind == 8:  # a short text of the parser's own words
            lines = [
                "".join(rng.choices(PARSER_PIECES, k=rng.randint(1, 3))) for _ in range(rng.randint(1, 4))
            ]
        text = "\n".join(lines)
        if kind == 5 and text:
            lo = rng.randrange(len(text))
            text = text[:lo] + text[lo + rng.randint(1, 200) :]
        elif kind == 6 and text:
            cut = rng.randint(0, len(text))
            text = text[cut // 4 :] if rng.random() < 0.3 else text[:cut]
    return text


def run_case(text: str, folder: Path, name: str = "case.txt") -> str:
    """Drive ``text`` through read → parse → record → statements, as a UTF-8 file in ``folder``;
    returns how it ended (``"statements"`` or the project error's class name). A bug raises."""
    path = folder / name
    path.write_bytes(text.encode("utf-8", errors="surrogatepass"))
    try:
        source = read_source(path)
        minutes = parse_minutes(source.text, source=path.name, metadata=source.metadata)
        minutes.to_dict(True)
        to_statements(minutes, content_hash="0" * 64)
    except KGError as error:
        return type(error).__name__
    return "statements"
