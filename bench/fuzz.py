"""Fuzz the reader and parser with 100,000 mutated documents and count what breaks.

Each case is a real document (the shared corpus or tests/data/unseen) mutated by
``tests/fuzzing.py`` with ``random.Random(seed + i)`` and driven through read → parse → record →
statements. It prints the cases run, how they ended, and every exception that is not the project's
own one-line refusal (a ``KGError``), with the seed that reproduces it; those inputs are saved in
``--keep`` for a test. Run: ``nice python bench/fuzz.py [--cases N] [--seed S]`` (about ten minutes).
"""

from __future__ import annotations

import argparse
import random
import sys
import tempfile
import time
import traceback
from collections import Counter
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "tests"))

from fuzzing import mutate, run_case, seed_texts


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--cases", type=int, default=100_000)
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--keep", type=Path, default=Path("fuzz-failures"))
    args = parser.parse_args()
    texts = seed_texts()
    outcomes: Counter = Counter()
    failures: Counter = Counter()
    started = time.perf_counter()
    with tempfile.TemporaryDirectory() as tmp:
        for i in range(args.cases):
            rng = random.Random(args.seed + i)
            text = mutate(rng.choice(texts), rng)
            try:
                outcomes[run_case(text, Path(tmp))] += 1
            except Exception as error:  # what the fuzzer is for: anything that is not a KGError
                outcomes["non-project exception"] += 1
                where = traceback.extract_tb(error.__traceback__)[-1]
                key = f"{type(error).__name__} at {Path(where.filename).name}:{where.lineno}"
                if not failures[key]:
                    args.keep.mkdir(exist_ok=True)
                    (args.keep / f"seed-{args.seed + i}.txt").write_text(text, encoding="utf-8")
                    print(f"seed {args.seed + i}: {key}: {error}", flush=True)
                failures[key] += 1
            if (i + 1) % 10_000 == 0:
                print(f"{i + 1:,} cases, {time.perf_counter() - started:.0f} s", file=sys.stderr, flush=True)
    seconds = time.perf_counter() - started
    print(f"cases run: {args.cases:,} in {seconds:.0f} s ({args.cases / seconds:.0f}/s), seeds {len(texts)}")
    for outcome, n in outcomes.most_common():
        print(f"  {outcome}: {n:,}")
    print(f"non-project exceptions: {sum(failures.values())} ({len(failures)} distinct)")
    for key, n in failures.most_common():
        print(f"  {n:,} × {key}")


if __name__ == "__main__":
    main()
