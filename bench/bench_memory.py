"""Peak memory of ``kg extract`` on the largest inputs the limits let through, and on hostile ones.

Issue 11 asks that any input within the size limit (20 MB) be read with a peak under 1 GB. Each case
is written to a temporary folder, ``kg extract`` runs on it as a subprocess, and its peak resident
memory (``ru_maxrss`` of the child), time and first line of stderr are printed. Run:
``python bench/bench_memory.py`` (a few minutes: the large cases are parsed in full).
"""

from __future__ import annotations

import random
import subprocess
import sys
import tempfile
import zipfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
CORPUS = ROOT.parent / "shared" / "corpus"
KG = Path(sys.executable).with_name("kg")
LIMIT = 20_000_000


def text_at_limit(folder: Path) -> Path:
    """The corpus's documents repeated up to just under the size limit, as one .txt."""
    text = "\n".join(p.read_text(encoding="utf-8") for p in sorted(CORPUS.glob("*.txt")))
    data = (text * (LIMIT // len(text.encode("utf-8")) + 1)).encode("utf-8")[: LIMIT - 10]
    path = folder / "limit.txt"
    path.write_bytes(data[: data.rfind(b"\n")])
    return path


def docx_at_unpacked_limit(folder: Path) -> Path:
    """A .docx whose XML is just under the unpacked limit, of varied text (so it packs only a few times)."""
    import docx

    from loaders.readers.docx import MAX_UNPACKED

    plain = folder / "plain.docx"
    docx.Document().save(plain)
    rng = random.Random(11)
    words = [p.read_text(encoding="utf-8") for p in sorted(CORPUS.glob("*.txt"))]
    chars = sorted(set("".join(words)) - set("<>&"))[:64]  # few enough to pack about four-fold
    paragraphs, size = [], 0
    while size < MAX_UNPACKED - 1_000_000:
        run = "".join(rng.choice(chars) for _ in range(200))
        paragraph = f"<w:p><w:r><w:t>{run}</w:t></w:r></w:p>".encode()
        paragraphs.append(paragraph)
        size += len(paragraph)
    path = folder / "unpacked.docx"
    with zipfile.ZipFile(plain) as source, zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as out:
        for member in source.infolist():
            data = source.read(member)
            if member.filename == "word/document.xml":
                data = data.replace(b"<w:sectPr", b"".join(paragraphs) + b"<w:sectPr", 1)
            out.writestr(member, data)
    return path


def docx_bomb(folder: Path) -> Path:
    """1 MB of .docx that would inflate to 300 MB."""
    sys.path.insert(0, str(ROOT / "tests"))
    from test_damaged_input import docx_inflating_to

    return docx_inflating_to(folder / "bomb.docx", 300)


def deep_html(folder: Path, depth: int) -> Path:
    text = sorted(CORPUS.glob("*.txt"))[0].read_text(encoding="utf-8")
    path = folder / f"deep{depth}.html"
    path.write_text("<html><body>" + "<div>" * depth + text + "</div>" * depth, encoding="utf-8")
    return path


def measure(path: Path) -> tuple[float, float, str]:
    """Peak resident MB, seconds, and the first line ``kg extract`` printed on stderr."""
    code = (
        "import resource, subprocess, sys, time\n"
        "t = time.perf_counter()\n"
        "done = subprocess.run(sys.argv[1:], capture_output=True, text=True)\n"
        "print(resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss, time.perf_counter() - t)\n"
        "print((done.stderr.strip().splitlines() or ['(exit %d, no message)' % done.returncode])[0])\n"
    )
    out = subprocess.run(
        [sys.executable, "-c", code, str(KG), "extract", str(path)], capture_output=True, text=True
    ).stdout.splitlines()
    kib, seconds = out[0].split()
    return int(kib) / 1024, float(seconds), out[1]


def main() -> None:
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        cases = [
            ("text at the size limit", text_at_limit(folder)),
            ("docx at the unpacked limit", docx_at_unpacked_limit(folder)),
            ("docx zip bomb (300 MB)", docx_bomb(folder)),
            ("HTML 1,000 levels deep", deep_html(folder, 1_000)),
            ("HTML 80,000 levels deep", deep_html(folder, 80_000)),
        ]
        print(f"{'case':30} {'file MB':>8} {'peak MB':>8} {'seconds':>8}  message")
        for name, path in cases:
            peak, seconds, message = measure(path)
            size = path.stat().st_size / 1e6
            print(f"{name:30} {size:8.1f} {peak:8.0f} {seconds:8.1f}  {message[:90]}")


if __name__ == "__main__":
    main()
