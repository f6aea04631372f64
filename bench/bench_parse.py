"""Documents per CPU second of the parser and of each of its stages, on the seed document alone and on
every minutes file the project holds (the shared corpus and the invented unseen layouts).

Each figure is printed with its ratio to a baseline measured in the same run: one pass of one
pattern over the same texts (a floor no parser of the text gets under), and with its share of the
whole parse, so a change can be judged on a shared, loaded machine. The goal of issue 2 is 200
seed-sized documents per second per core.

    .venv/bin/python bench/bench_parse.py [--rounds 20]
"""

from __future__ import annotations

import argparse
import re
import time
from pathlib import Path

from loaders.attendance import find_lists
from loaders.formats import read_source
from loaders.header import find_opening, parse_head
from loaders.items import parse_body
from loaders.minutes import _regions, parse_minutes
from loaders.normalize import normalize

ROOT = Path(__file__).resolve().parent.parent
CORPUS = ROOT.parent / "shared" / "corpus"
UNSEEN = ROOT / "tests" / "data" / "unseen"
SEED = CORPUS / "xiangshan-2023-standing-28.txt"
_FLOOR = re.compile(r"会议[^。\n]*。")


def best_rate(work, count: int, rounds: int) -> float:
    """Documents per CPU second of ``work()`` (``count`` documents), the best of ``rounds`` runs:
    the best run is the one least disturbed by other work on the machine."""
    best = float("inf")
    for _ in range(rounds):
        start = time.process_time()
        work()
        best = min(best, time.process_time() - start)
    return count / max(best, 1e-9)


def stages(texts: list[str]) -> dict:
    """Each stage as a function over all ``texts``, its inputs made once beforehand."""
    docs = []
    for text in texts:
        norm = normalize(text)
        opening = find_opening(norm)
        start = opening[1] + 1 if opening else (find_lists(norm, 0, len(norm.text)) or 0)
        docs.append((norm, opening, start, _regions(norm, start)))
    return {
        "baseline: one pattern over the text": lambda: [_FLOOR.findall(t) for t in texts],
        "normalize": lambda: [normalize(t) for t in texts],
        "opening + header": lambda: [
            parse_head(n, 0, o[0] if (o := find_opening(n)) else 0) for n, *_ in docs
        ],
        "lists (attendance, distribution)": lambda: [_regions(n, s) for n, _, s, _ in docs],
        "body (items, decisions, directives)": lambda: [
            parse_body(n, r.body_start, r.body_end, level=None) for n, _, _, r in docs
        ],
        "whole parse": lambda: [parse_minutes(t, "bench.txt") for t in texts],
    }


def report(label: str, texts: list[str], rounds: int) -> None:
    print(f"\n{label}: {len(texts)} documents, {sum(map(len, texts)) / len(texts):.0f} characters each")
    rates = {name: best_rate(work, len(texts), rounds) for name, work in stages(texts).items()}
    floor, whole = rates["baseline: one pattern over the text"], rates["whole parse"]
    for name, rate in rates.items():
        share = f"{whole / rate:6.0%} of the parse" if "baseline" not in name else ""
        print(f"  {name:<38} {rate:9.1f} docs/CPU-s  ({floor / rate:6.1f} x the baseline's time) {share}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=20)
    args = parser.parse_args()
    every = sorted(CORPUS.glob("*.txt")) + sorted(
        p for p in UNSEEN.iterdir() if p.suffix in (".txt", ".html", ".docx")
    )
    report("seed", [SEED.read_text(encoding="utf-8")], args.rounds)
    report("corpus and unseen layouts", [read_source(p).text for p in every], args.rounds)


if __name__ == "__main__":
    main()
