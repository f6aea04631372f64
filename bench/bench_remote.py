"""The embedded store against a SPARQL server as the store: Oxigraph's server and Fuseki, one run.

The same minutes (tests/many.py: copies of the invented county's and two real governments' minutes,
``--documents`` in all) are loaded by ``kg load``'s function into a fresh embedded store, into
Oxigraph's server and into Fuseki (each started by ``kg sparql-server start``'s function on a port
and data folder of its own, emptied first); then every saved question (with the first value of its
parameter) is asked of each, best of ``--repeat``. Each figure is printed with its ratio to the
embedded store's, measured in the same run.

    .venv/bin/python bench/bench_remote.py                   # 200 documents, both servers
    .venv/bin/python bench/bench_remote.py --documents 50 --engines oxigraph
"""

from __future__ import annotations

import argparse
import functools
import shutil
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from kg import questions, sparqlserver  # noqa: E402
from kg.pipeline import load  # noqa: E402
from kg.stores import opened  # noqa: E402
from tests.many import GOVERNMENTS, write_minutes  # noqa: E402

PORTS = {"oxigraph": 7895, "fuseki": 3035}
"""Ports of the bench's own servers, apart from a person's (7878, 3030) and the tests' (7879, 3031)."""


def timed(work) -> float:
    start = time.perf_counter()
    work()
    return time.perf_counter() - start


def loaded(folder: Path, store) -> float:
    """Seconds to load ``folder`` into ``store`` (emptied first), as ``kg load --rebuild`` does."""
    return timed(lambda: load([folder], store, rebuild=True))


def asked(store, repeat: int) -> dict[str, float]:
    """Each saved question's best time of ``repeat``, with the first value of its parameter."""
    times = {}
    with opened(store) as st:
        for q in questions.questions().values():
            params = questions._param_sets(q, st)[:1]
            if not params:
                continue
            ask = functools.partial(questions.ask, q.name, params=params[0], store=st)
            times[q.name] = min(timed(ask) for _ in range(repeat))
    return times


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--documents", type=int, default=200)
    parser.add_argument("--engines", nargs="+", default=["oxigraph", "fuseki"], choices=sorted(PORTS))
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp) / "minutes"
        per = max(1, args.documents // len(GOVERNMENTS))
        documents = len(write_minutes(folder, per))
        stores = {"embedded": Path(tmp) / "store"}
        started = []
        try:
            for engine in args.engines:
                data = Path(tmp) / engine
                info = sparqlserver.start(engine, port=PORTS[engine], data=data)
                started.append((engine, data))
                stores[engine] = info["url"]
            load_s = {name: loaded(folder, store) for name, store in stores.items()}
            times = {name: asked(store, args.repeat) for name, store in stores.items()}
        finally:
            for engine, data in started:
                sparqlserver.stop(engine, data=data)
                shutil.rmtree(data, ignore_errors=True)
    base = "embedded"
    print(f"{documents} documents; best of {args.repeat} for each question; ratio = time / embedded's")
    print(f"{'load':28}" + "".join(f"{name:>24}" for name in stores))
    print(f"{'  documents/s':28}" + "".join(
        f"{documents / load_s[n]:>14.1f} ({load_s[n] / load_s[base]:>5.2f}x)" for n in stores))  # fmt: skip
    for question in times[base]:
        print(f"{question:28}" + "".join(
            f"{times[n][question] * 1000:>11.1f} ms ({times[n][question] / times[base][question]:>5.1f}x)"
            for n in stores))  # fmt: skip


if __name__ == "__main__":
    main()
