"""Documents per second for reading each input format (read_source), and for read + parse
(read_minutes), over the corpus written as .txt, GBK .txt, .md, .html, .docx and .pdf.

Every figure is printed with its ratio to a baseline measured in the same run: reading the same
.txt files' bytes and decoding them as UTF-8, the least any reader can do. The files are made with
the writers the tests use (python-docx, reportlab, a government-site page template).

    .venv/bin/python bench/bench_formats.py [--seconds 1.0]
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tests"))

from test_formats import CORPUS, CORPUS_NAMES, written_as  # noqa: E402

from loaders.formats import read_source  # noqa: E402
from loaders.reading import read_minutes  # noqa: E402

FORMATS = ("txt", "gbk.txt", "md", "html", "docx", "pdf")


def files_by_format(folder: Path) -> dict[str, list[Path]]:
    out = {"txt": [CORPUS / f"{name}.txt" for name in CORPUS_NAMES]}
    for fmt in FORMATS[1:]:
        if fmt == "md":
            out[fmt] = []
            for path in out["txt"]:
                md = folder / f"{path.stem}.md"
                md.write_text(path.read_text(encoding="utf-8"), encoding="utf-8")
                out[fmt].append(md)
        else:
            out[fmt] = [written_as(fmt, folder, name) for name in CORPUS_NAMES]
    return out


def rate(work, paths: list[Path], seconds: float) -> float:
    """Documents per second of ``work`` over ``paths``, repeated for at least ``seconds``."""
    done, start = 0, time.perf_counter()
    while time.perf_counter() - start < seconds:
        for path in paths:
            work(path)
        done += len(paths)
    return done / (time.perf_counter() - start)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--seconds", type=float, default=1.0, help="time spent on each figure")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        files = files_by_format(Path(folder))
        base = rate(lambda p: p.read_bytes().decode("utf-8"), files["txt"], args.seconds)
        print(f"{'baseline (bytes + UTF-8)':28s} {base:10.0f} docs/s   1.00")
        for fmt in FORMATS:
            for label, work in (("read_source", read_source), ("read_minutes", read_minutes)):
                docs = rate(work, files[fmt], args.seconds)
                print(f"{fmt + ' ' + label:28s} {docs:10.0f} docs/s   {docs / base:.4f}")


if __name__ == "__main__":
    main()
