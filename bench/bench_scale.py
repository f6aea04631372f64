"""Questions at scale: N minutes of many governments loaded, then every saved question timed on them.

``tests/many.py`` writes N minutes from the corpus and ``tests/data/multi`` (three governments' templates,
``--block`` minutes to each invented government, with persons, units, dates, ordinals and document
numbers of its own), so persons and units grow with the collection instead of collapsing into a few.
Then, each in a process of its own:

- ``kg load --workers W`` of the folder into a fresh store: documents/s wall and per CPU-second (the
  CPU of the load and its worker processes), the peak memory of its largest process;
- the baseline: Oxigraph's own bulk load of the same quads (dumped as N-Quads, not timed) into
  another fresh store, so the load reads as "so many times the store's own write" and the rest is
  reading, parsing and converting;
- the store: quads, facts, size on disk;
- ``kg stats`` (the baseline of the questions) and every saved question with a typical parameter:
  the middle value of the sorted values its parameter takes.

Goals of issue 13 (at 100,000 documents, on the 2-core machine): the load under 15 minutes
(111 documents/s), every parameterised question under 1 second.

    nice .venv/bin/python bench/bench_scale.py                      # 10,000 documents
    nice .venv/bin/python bench/bench_scale.py --documents 100000 --no-baseline
                      # the goal's size: about 1.5 h here; the baseline would need ~40 GB more disk
    nice .venv/bin/python bench/bench_scale.py --keep DIR           # keep the minutes and store in DIR
"""

from __future__ import annotations

import argparse
import json
import math
import os
import resource
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from kg import questions  # noqa: E402
from kg.stores import opened  # noqa: E402
from tests.many import GOVERNMENTS, write_minutes  # noqa: E402

KG = Path(sys.executable).with_name("kg")
LOAD_GOAL_SECONDS = 15 * 60
LOAD_GOAL_DOCUMENTS = 100_000
QUESTION_GOAL_SECONDS = 1.0


def run_one(task: list[str]) -> None:
    """In a process of its own: one task, then its seconds and this process's peak memory as JSON."""
    kind, store, *args = task
    start = time.perf_counter()
    if kind == "stats":
        from kg.pipeline import stats

        stats(store)
    elif kind == "ask":
        table = questions.ask(args[0], params=json.loads(args[1]), store=store)
        rows = len(table.rows)
    elif kind == "bulk":
        import pyoxigraph as ox

        ox.Store(store).bulk_load(path=args[0], format=ox.RdfFormat.N_QUADS)
    seconds = time.perf_counter() - start
    print(json.dumps({"seconds": seconds, "peak_mb": _peak_mb(), "rows": rows if kind == "ask" else None}))


def _peak_mb() -> float:
    """This process's peak resident memory since its exec (``VmHWM``; ``ru_maxrss`` would carry over
    the peak of the bench process that started it)."""
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmHWM:"):
            return int(line.split()[1]) / 1024
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def measured(command: list[str]) -> dict:
    """Run ``command``; its wall seconds, CPU seconds (its children's included) and peak memory."""
    start = time.perf_counter()
    process = subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    out, err = process.communicate()
    wall = time.perf_counter() - start
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return {"wall": wall, "out": out, "err": err, "code": process.returncode, "usage": usage}


def cpu_and_peak(command: list[str]) -> dict:
    """``measured``, with the CPU and peak of this command alone (the difference of RUSAGE_CHILDREN)."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    done = measured(command)
    after = done.pop("usage")
    done["cpu"] = (after.ru_utime + after.ru_stime) - (before.ru_utime + before.ru_stime)
    done["peak_mb"] = after.ru_maxrss / 1024  # the largest process so far: the load is measured first
    return done


def in_process(task: list[str], timeout: float | None = None) -> dict:
    """``run_one(task)`` in a process of its own; a question still running after ``timeout`` seconds
    is stopped and reported as taking longer."""
    command = [sys.executable, __file__, "--one", json.dumps(task)]
    try:
        done = subprocess.run(command, capture_output=True, text=True, timeout=timeout)
    except subprocess.TimeoutExpired:
        return {"seconds": math.inf, "peak_mb": math.nan, "error": f"stopped after {timeout:.0f} s"}
    if done.returncode != 0:
        return {"seconds": math.nan, "peak_mb": math.nan, "error": done.stderr.strip().splitlines()[-1]}
    return json.loads(done.stdout.strip().splitlines()[-1])


def make_minutes(folder: Path, documents: int, block: int) -> list[Path]:
    per_government = math.ceil(documents / len(GOVERNMENTS))
    paths = write_minutes(folder, per_government, block=block)
    for extra in paths[documents:]:
        extra.unlink()
    return paths[:documents]


def typical_parameters(store: Path) -> list[tuple[str, dict]]:
    """Each saved question with the middle value (sorted) of its parameter's values in the store."""
    found = []
    with opened(store) as st:
        for q in questions.questions().values():
            sets = sorted(questions._param_sets(q, st), key=lambda p: json.dumps(p, ensure_ascii=False))
            found.append((q.name, sets[len(sets) // 2] if sets else {}))
    return found


def store_facts(store: Path) -> dict:
    with opened(store) as st:
        return {"quads": len(st), "facts": st.fact_count(), "documents": len(st.documents())}


def disk_size(folder: Path) -> int:
    return sum(p.stat().st_size for p in folder.rglob("*") if p.is_file())


def dump_nquads(store: Path, out: Path) -> int:
    """Every quad of the store as N-Quads, for the baseline's bulk load."""
    import pyoxigraph as ox

    with opened(store) as st:
        ox.serialize(st._ox, str(out), ox.RdfFormat.N_QUADS)
        return len(st)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--documents", type=int, default=10_000)
    parser.add_argument("--block", type=int, default=50, help="minutes per invented government")
    parser.add_argument("--workers", type=int, default=os.cpu_count() or 1)
    parser.add_argument("--timeout", type=float, default=600, help="seconds before a question is stopped")
    parser.add_argument(
        "--no-baseline", dest="baseline", action="store_false", help="skip Oxigraph's own bulk load"
    )
    parser.add_argument("--keep", type=Path, help="a folder to write into and keep (default: temporary)")
    parser.add_argument(
        "--questions-only", action="store_true", help="time the questions of the store kept in --keep again"
    )
    parser.add_argument("--one", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.one:
        run_one(json.loads(args.one))
        return
    if args.keep:
        args.keep.mkdir(parents=True, exist_ok=True)
        bench(args, args.keep)
    else:
        with tempfile.TemporaryDirectory(prefix="bench-scale-") as tmp:
            bench(args, Path(tmp))


def bench(args, work: Path) -> None:
    folder, store = work / "minutes", work / "store"
    if args.questions_only:
        questions_at_scale(args, store, store_facts(store)["documents"])
        return
    made = time.perf_counter()
    paths = make_minutes(folder, args.documents, args.block)
    print(f"machine: {os.cpu_count()} cores, load average {os.getloadavg()[0]:.1f} at the start")
    print(f"minutes: {len(paths)} written in {time.perf_counter() - made:.0f} s "
          f"({args.block} per government, {disk_size(folder) / 2**20:.0f} MB)")  # fmt: skip

    load = cpu_and_peak([str(KG), "load", str(folder), "--store", str(store), "--workers", str(args.workers)])
    if load["code"] != 0:
        print(f"kg load failed: {load['err'].strip()[-500:]}")
    facts = store_facts(store)
    size = disk_size(store)
    n, wall, cpu = facts["documents"], load["wall"], load["cpu"]
    print(f"load: {n} documents in {wall:.1f} s wall, {cpu:.1f} CPU-s, {args.workers} workers: "
          f"{n / wall:.1f} documents/s, {n / cpu:.1f} per CPU-second; "
          f"peak {load['peak_mb']:.0f} MB")  # fmt: skip
    print(f"  {load['out'].strip().splitlines()[-1] if load['out'].strip() else ''}")
    print(f"store: {facts['quads']} quads ({facts['quads'] / n:.0f} per document), {facts['facts']} facts, "
          f"{size / 2**20:.0f} MB on disk ({size / n / 1024:.1f} KB per document)")  # fmt: skip
    if args.baseline:
        baseline_load(store, work, cpu)
    projected = LOAD_GOAL_DOCUMENTS / (n / wall)
    verdict = "met" if projected <= LOAD_GOAL_SECONDS else "not met"
    print(f"goal: {LOAD_GOAL_DOCUMENTS} documents in under {LOAD_GOAL_SECONDS // 60} min; at this rate "
          f"{projected / 60:.0f} min ({verdict})")  # fmt: skip

    questions_at_scale(args, store, n)


def baseline_load(store: Path, work: Path, cpu: float) -> None:
    """Oxigraph's own bulk load of the store's quads into a fresh store, deleted again after (at
    100,000 minutes the dump and the second store would need some 40 GB more disk)."""
    baseline, nquads = work / "baseline", work / "store.nq"
    dumped = dump_nquads(store, nquads)
    bulk = cpu_and_peak([sys.executable, __file__, "--one", json.dumps(["bulk", str(baseline), str(nquads)])])
    nquads.unlink()
    shutil.rmtree(baseline, ignore_errors=True)
    print(f"baseline, Oxigraph's bulk load of the same {dumped} quads: {bulk['wall']:.1f} s wall, "
          f"{bulk['cpu']:.1f} CPU-s, {dumped / bulk['cpu']:.0f} quads per CPU-second; the load took "
          f"{cpu / bulk['cpu']:.1f}x its CPU ({dumped / cpu:.0f} quads per CPU-second)")  # fmt: skip


def questions_at_scale(args, store: Path, n: int) -> None:
    """``kg stats`` and every saved question with a typical parameter, each in a process of its own."""
    base = in_process(["stats", str(store)])
    print(f"\n{'question':<22} {'parameter':<44} {'seconds':>8} {'x stats':>8} {'rows':>6} {'peak MB':>8}")
    print(
        f"{'kg stats (baseline)':<22} {'':<44} {base['seconds']:8.2f} {1:8.1f} {'':>6} {base['peak_mb']:8.0f}"
    )
    slow = []
    for name, params in typical_parameters(store):
        got = in_process(["ask", str(store), name, json.dumps(params, ensure_ascii=False)], args.timeout)
        shown = json.dumps({k: v for k, v in params.items() if v}, ensure_ascii=False)[:44]
        ratio = got["seconds"] / base["seconds"]
        rows = got.get("rows", "")
        print(f"{name:<22} {shown:<44} {got['seconds']:8.2f} {ratio:8.1f} {rows!s:>6} {got['peak_mb']:8.0f}")
        if "error" in got:
            print(f"  error: {got['error']}")
        if params and not got["seconds"] < QUESTION_GOAL_SECONDS:
            slow.append(name)
    print(
        f"goal: every parameterised question under {QUESTION_GOAL_SECONDS:.0f} s at {n} documents: "
        + ("met" if not slow else f"not met ({', '.join(slow)})")
    )


if __name__ == "__main__":
    main()
