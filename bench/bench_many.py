"""How the questions grow with a government's minutes: 50, 200 and 1,000 documents of one government.

For each size, minutes of one government (tests/many.py: the invented county's three minutes,
copied with new dates, ordinals and now and then a new face) are loaded into a fresh store; then
every saved question (with the first value of its parameter), ``kg report`` (whole, and filtered with
``--since``), ``kg analyze``, ``kg export --format tables``, a person summary and a unit summary run,
each in a process of its own, and the bench prints its wall time and peak
memory. The baseline is ``kg stats`` on the same store, measured the same way in the same run, so
a figure reads as "so many times a trivial command". Growth should be close to linear.

    .venv/bin/python bench/bench_many.py                 # 50, 200, 1000
    .venv/bin/python bench/bench_many.py --sizes 50 200  # quicker
"""

from __future__ import annotations

import argparse
import json
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from kg import questions  # noqa: E402
from kg.pipeline import load  # noqa: E402
from kg.stores import opened  # noqa: E402
from tests.many import GOVERNMENTS, write_minutes  # noqa: E402

PERSON, UNIT = "陆安平", "县水利局"
"""The invented county's chair and one of its units (tests/data/multi)."""

SINCE = "2027"
"""A filtered report: the copies of the county's minutes start in 2025, a week apart, so at 200
documents and more this keeps about the later half and more (filters copy the chosen documents)."""


def run_one(task: list[str]) -> None:
    """In a process of its own: run one task, print its seconds and this process's peak memory."""
    kind, store, *args = task
    start = time.perf_counter()
    if kind == "stats":
        from kg.pipeline import stats

        stats(store)
    elif kind == "ask":
        questions.ask(args[0], params=json.loads(args[1]), store=store)
    elif kind == "report":
        from kg.report import report
        from kg.scope import Filters

        report(store, out=args[0], filters=Filters(**json.loads(args[1])) if args[1:] else None)
    elif kind == "analyze":
        from kg.analytics import analyze

        analyze(store)
    elif kind == "tables":
        from kg.exports import export

        export("tables", args[0], store)
    elif kind == "summary":
        from kg.summaries import summary

        summary(args[0], args[1], store)
    seconds = time.perf_counter() - start
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(json.dumps({"seconds": seconds, "peak_mb": peak}))


def measure(task: list[str]) -> dict:
    done = subprocess.run(
        [sys.executable, __file__, "--one", json.dumps(task)], capture_output=True, text=True, check=False
    )
    if done.returncode != 0:
        return {
            "seconds": float("nan"),
            "peak_mb": float("nan"),
            "error": done.stderr.strip().splitlines()[-1],
        }
    return json.loads(done.stdout.strip().splitlines()[-1])


def tasks(store: str, out: Path) -> list[tuple[str, list[str]]]:
    found = [("kg stats (baseline)", ["stats", store])]
    with opened(store) as st:
        for q in questions.questions().values():
            params = questions._param_sets(q, st)[0]
            found.append((f"ask {q.name}", ["ask", store, q.name, json.dumps(params, ensure_ascii=False)]))
    found += [
        ("kg report", ["report", store, str(out / "report.html")]),
        ("kg report --since", ["report", store, str(out / "report.html"), json.dumps({"since": SINCE})]),
        ("kg analyze", ["analyze", store]),
        ("kg export --format tables", ["tables", store, str(out)]),
        ("summary person", ["summary", store, "person", PERSON]),
        ("summary unit", ["summary", store, "unit", UNIT]),
    ]
    return found


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[50, 200, 1000])
    parser.add_argument("--one", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.one:
        run_one(json.loads(args.one))
        return
    figures: dict[str, dict[int, dict]] = {}
    loads = {}
    with tempfile.TemporaryDirectory() as tmp:
        for size in args.sizes:
            folder, store = Path(tmp) / f"m{size}", Path(tmp) / f"s{size}"
            files = write_minutes(folder, size, {"qinghe": GOVERNMENTS["qinghe"]})
            start = time.perf_counter()
            report = load(files, store)
            loads[size] = time.perf_counter() - start
            assert not report.failed, report.failed[0].reason
            for name, task in tasks(str(store), Path(tmp)):
                figures.setdefault(name, {})[size] = measure(task)
                print(
                    f"  {size:>5} docs  {name:<28} {figures[name][size]['seconds']:7.2f} s", file=sys.stderr
                )
    sizes = args.sizes
    print("load: " + ", ".join(f"{s} docs {loads[s]:.1f} s" for s in sizes))
    header = "| what | " + " | ".join(f"{s} docs: s (x stats), MB" for s in sizes) + " |"
    print(header)
    print("|---" * (len(sizes) + 1) + "|")
    base = figures["kg stats (baseline)"]
    for name, by_size in figures.items():
        cells = []
        for s in sizes:
            f = by_size[s]
            ratio = f["seconds"] / base[s]["seconds"]
            cells.append(
                f"{f['seconds']:.2f} ({ratio:.1f}x), {f['peak_mb']:.0f}" + (" ERROR" if "error" in f else "")
            )
        print(f"| {name} | " + " | ".join(cells) + " |")


if __name__ == "__main__":
    main()
