"""Documents per second for extract, and for extract + load into the embedded store, on the corpus
repeated to about 1,000 documents; peak memory; and how Oxigraph compares with rdflib's stores.

Every figure is printed with its ratio to a baseline measured in the same run: reading the same files'
bytes and decoding them. The goal of issue 2 is 200 seed-sized documents/s per core for extract +
load; the run is single-threaded, so documents/s is per core.

    .venv/bin/python bench/bench_pipeline.py [--documents 1000] [--corpus ../shared/corpus]
"""

from __future__ import annotations

import argparse
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import pyoxigraph as ox
import rdflib

from kg.pipeline import load
from kg.store import Store, _ox
from loaders.rdf import to_statements
from loaders.reading import read_minutes

ROOT = Path(__file__).resolve().parent.parent
CORPUS = ROOT.parent / "shared" / "corpus"


def repeat_corpus(corpus: Path, documents: int, into: Path) -> list[Path]:
    """Copies of the corpus's minutes under distinct names (a file's name is its identity)."""
    originals = sorted(corpus.glob("*.txt"))
    files = []
    for i in range(documents):
        original = originals[i % len(originals)]
        files.append(Path(shutil.copy(original, into / f"{original.stem}-{i:05d}.txt")))
    return files


def timed(label: str, work, count: int, baseline: float | None = None) -> float:
    """Run ``work()``; print documents per wall-clock second and per CPU second of this process
    (all its threads: RocksDB's too), the ratio of the latter to ``baseline``; return it.

    Per CPU second is the per-core figure, and it holds when other work shares the machine.
    """
    wall, cpu = time.perf_counter(), time.process_time()
    work()
    wall, cpu = time.perf_counter() - wall, time.process_time() - cpu
    rate = count / max(cpu, 1e-9)
    ratio = f"  ({rate / baseline:.4f} x reading the files)" if baseline else ""
    print(f"{label:<40} {count / wall:8.1f} docs/s wall {rate:8.1f} docs/CPU-s{ratio}")
    return rate


def write(statements, store: Path) -> None:
    """Write documents already converted as ``kg load`` does (batches of Store.batch_triples, Store.add_new):
    the part of a load that is Oxigraph's."""
    with Store(store) as st:
        batch, size = [], 0
        for document in statements:
            batch.append(document)
            size += len(document.triples)
            if size >= Store.batch_triples:
                st.add_new(batch)
                batch, size = [], 0
        st.add_new(batch)


def peak_memory(folder: Path, store: Path) -> float:
    """Peak resident memory, in MB, of a fresh process that loads ``folder`` into ``store`` (Rust's
    allocations included, which tracemalloc would miss). Read from the child's own ``VmHWM``: the
    ``ru_maxrss`` of a child counts the parent's pages it was forked with."""
    code = (
        "import sys; from kg.pipeline import load; load([sys.argv[1]], sys.argv[2]);"
        "print(next(l.split()[1] for l in open('/proc/self/status') if l.startswith('VmHWM')))"
    )
    command = [sys.executable, "-c", code, str(folder), str(store)]
    run = subprocess.run(command, check=True, capture_output=True)
    return int(run.stdout) / 1024


def compare_stores(graphs: list[rdflib.Graph], into: Path, baseline_quads: float) -> None:
    """Quads/s into Oxigraph on disk (one ``extend`` transaction, and ``bulk_extend``) against
    rdflib's in-memory store and, where the berkeleydb package is installed, rdflib's on-disk
    BerkeleyDB store."""
    quads = [(s, p, o, g.identifier) for g in graphs for s, p, o in g]

    def oxigraph():
        store = ox.Store(str(into / "oxigraph"))
        store.extend(ox.Quad(_ox(s), _ox(p), _ox(o), ox.NamedNode(str(g))) for s, p, o, g in quads)
        store.flush()

    def oxigraph_bulk():
        store = ox.Store(str(into / "oxigraph-bulk"))
        store.bulk_extend(ox.Quad(_ox(s), _ox(p), _ox(o), ox.NamedNode(str(g))) for s, p, o, g in quads)
        store.flush()

    def rdflib_memory():
        ds = rdflib.Dataset()
        ds.addN((s, p, o, ds.graph(g)) for s, p, o, g in quads)

    def rdflib_berkeleydb():
        ds = rdflib.Dataset(store="BerkeleyDB")
        ds.open(str(into / "bdb"), create=True)
        ds.addN((s, p, o, ds.graph(g)) for s, p, o, g in quads)
        ds.close()

    print(
        f"\n{len(quads)} quads of {len(graphs)} documents; quads per CPU second (ratio to Oxigraph on disk):"
    )
    rates = {}
    candidates = {
        "oxigraph (disk)": oxigraph,
        "oxigraph bulk (disk)": oxigraph_bulk,
        "rdflib Memory": rdflib_memory,
        "rdflib BerkeleyDB": rdflib_berkeleydb,
    }
    for name, work in candidates.items():
        try:
            start = time.process_time()
            work()
            rates[name] = len(quads) / (time.process_time() - start)
        except Exception as error:  # an optional store that is not installed
            print(f"  {name:<22} not measured: {type(error).__name__}: {str(error)[:60]}")
            continue
        print(
            f"  {name:<22} {rates[name]:12.0f} quads/CPU-s  ({rates[name] / rates['oxigraph (disk)']:.2f} x)"
        )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--documents", type=int, default=1000)
    parser.add_argument("--corpus", type=Path, default=CORPUS)
    args = parser.parse_args()

    with tempfile.TemporaryDirectory() as tmp:
        tmp = Path(tmp)
        (tmp / "in").mkdir()
        files = repeat_corpus(args.corpus, args.documents, tmp / "in")
        n = len(files)
        print(f"{n} documents, {sum(f.stat().st_size for f in files) / 1e6:.1f} MB, from {args.corpus}\n")

        baseline = timed(
            "baseline: read and decode the files", lambda: [f.read_text("utf-8") for f in files], n
        )
        timed("extract (read + parse)", lambda: [read_minutes(f) for f in files], n, baseline)
        records = [read_minutes(f) for f in files]
        statements = []
        timed(
            "to_statements (what load uses) alone",
            lambda: statements.extend(map(to_statements, records)),
            n,
            baseline,
        )
        print(f"{'':<40} {sum(len(s.triples) for s in statements) / n:8.0f} triples/doc")
        timed("write them alone (a fresh store)", lambda: write(statements, tmp / "store0"), n, baseline)
        timed("extract + load into a fresh store", lambda: load(files, tmp / "store1"), n, baseline)
        timed("load again (all unchanged)", lambda: load(files, tmp / "store1"), n, baseline)
        with Store(tmp / "store1") as st:
            print(f"{'':<40} {len(st):8d} quads in the store")

        memory = peak_memory(tmp / "in", tmp / "store2")
        print(f"\npeak memory of a process that loads them all: {memory:.0f} MB")
        graphs = [as_graph(s) for s in statements[:200]]
        compare_stores(graphs, tmp, baseline)


def as_graph(statements) -> rdflib.Graph:
    """A document's statements as an rdflib graph named by its IRI, for rdflib's stores to write."""
    graph = rdflib.Graph(identifier=rdflib.URIRef(statements.graph))
    return graph.parse(data=statements.ntriples(), format="nt")


if __name__ == "__main__":
    main()
