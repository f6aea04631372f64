"""Crash test: kill -9 ``kg load`` of 300 minutes at 20 random moments; each rerun must equal a clean load.

Prints, for each kill, when it struck, whether the load was still running, and whether the store
after a second ``kg load`` holds exactly the quads of one clean load.

    .venv/bin/python bench/crash.py [--documents 300] [--kills 20] [--seed 1]
"""

from __future__ import annotations

import argparse
import random
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from tests.crashing import killed_then_loaded, load, quads  # noqa: E402
from tests.many import write_minutes  # noqa: E402


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--documents", type=int, default=300)
    parser.add_argument("--kills", type=int, default=20)
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args()
    rng = random.Random(args.seed)
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp) / "minutes"
        write_minutes(folder, args.documents // 3)
        start = time.perf_counter()
        assert load(folder, Path(tmp) / "clean").returncode == 0
        took = time.perf_counter() - start
        clean = quads(Path(tmp) / "clean")
        print(f"clean load of {args.documents} minutes: {took:.1f} s, {len(clean)} quads")
        equal = 0
        for n in range(args.kills):
            after = rng.uniform(0.3, took)
            found, killed = killed_then_loaded(folder, Path(tmp) / f"s{n}", after)
            equal += found == clean
            verdict = "equals" if found == clean else "DIFFERS FROM"
            running = "during the load" if killed else "after it ended"
            print(f"kill {n + 1:>2} at {after:5.2f} s ({running}): rerun {verdict} the clean load")
        print(f"{args.kills} kills, {equal} reruns equal to a clean load, quad for quad")


if __name__ == "__main__":
    main()
