"""How long a page takes to settle in Chromium for graphs of 500, 2,000 and 5,000 nodes.

Builds graphs shaped like the minutes graph (meetings with some forty attendances each, items with
decisions and directives, units and documents shared across meetings), writes each page with
``visualizations.pages.write_page`` without a size limit, opens it in headless Chromium and reads
``kgPage.settleMs``: from the start of the page's script to physics switched off. The page's time
limit is raised to ``--limit`` seconds; where even that cuts the layout short, the time of a full
layout is estimated from the time per step. Figures are printed with their ratio to a 100-node page
timed in the same run (the machine may be busy). ``--find`` also searches for the largest graph whose
full layout settles within 10 s (the figure behind ``DEFAULT_MAX_NODES``).

    .venv/bin/python bench/bench_viz.py [--sizes 500 2000 5000] [--find]
"""

from __future__ import annotations

import argparse
import os
import random
import tempfile
import time
from pathlib import Path

import networkx as nx

from visualizations.pages import STEPS, write_page

CHROMIUM = "/usr/bin/chromium"
FLAGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
ROLES = ["出席", "出席", "列席", "列席", "列席", "请假"]


def minutes_like_graph(node_count: int, seed: int = 7) -> nx.MultiDiGraph:
    """A graph of ``node_count`` nodes with the types, edges and degrees of a corpus of minutes."""
    rng = random.Random(seed)
    g = nx.MultiDiGraph()
    persons = [f"p{i}" for i in range(max(60, node_count // 10))]
    units = [f"u{i}" for i in range(max(10, node_count // 25))]
    meeting = 0
    while True:
        m = f"m{meeting}"
        g.add_node(m, type="Meeting", label=f"第{meeting + 1}次常务会议", date="2025-01-01")
        for p in rng.sample(persons, 40):
            g.add_node(p, type="Person", label=f"人员{p[1:]}")
            g.add_edge(p, m, type="ATTENDED", label=rng.choice(ROLES))
            if g.number_of_nodes() >= node_count:
                return g
        for i in range(12):
            item = f"{m}/i{i}"
            unit = rng.choice(units)
            g.add_node(item, type="AgendaItem", label=f"议题{i + 1}")
            g.add_node(unit, type="Organization", label=f"单位{unit[1:]}")
            g.add_edge(m, item, type="HAS_ITEM", label="HAS_ITEM")
            g.add_edge(item, unit, type="PRESENTER", label="PRESENTER")
            for kind, edge in (
                ("Decision", "HAS_DECISION"),
                ("Directive", "HAS_DIRECTIVE"),
                ("Document", "DISCUSSES"),
            ):
                node = f"{item}/{kind}"
                g.add_node(node, type=kind, label=f"{kind}{meeting}.{i}", quote="会议原则同意……")
                g.add_edge(item, node, type=edge, label=edge)
            g.add_edge(f"{item}/Directive", rng.choice(units), type="ADDRESSEE", label="ADDRESSEE")
            if g.number_of_nodes() >= node_count:
                return g
        meeting += 1


def settle(page, path: Path, timeout_s: float = 300) -> dict:
    """Open ``path`` and wait until its physics stopped; the page's own measures."""
    page.goto(path.as_uri())
    page.wait_for_function("() => window.kgPage && window.kgPage.settled", timeout=timeout_s * 1000)
    measures = "() => ({seconds: kgPage.settleMs / 1000, steps: kgPage.iterations, cut: kgPage.cut})"
    return page.evaluate(measures)


def main() -> None:
    from playwright.sync_api import sync_playwright

    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="*", default=[500, 2000, 5000])
    parser.add_argument("--limit", type=float, default=60, help="stop a page's physics after this many s")
    parser.add_argument("--find", action="store_true", help="search the largest graph settling in 10 s")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp, sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=CHROMIUM, args=FLAGS)
        page = browser.new_page(viewport={"width": 1400, "height": 900})

        def timed(n: int, limit: float) -> dict:
            graph = minutes_like_graph(n)
            started = time.perf_counter()
            path = write_page(graph, Path(tmp) / f"g{n}.html", max_nodes=n, settle_seconds=limit)
            written = time.perf_counter() - started
            figures = settle(page, path, timeout_s=limit + 120)
            per_step = figures["seconds"] / max(figures["steps"], 1)
            return figures | {
                "write": written,
                "edges": graph.number_of_edges(),
                "per_step": per_step,
                "full": figures["seconds"] if not figures["cut"] else per_step * STEPS,
            }

        baseline = timed(100, args.limit)["seconds"]
        print(
            f"baseline: a 100-node page settles in {baseline:.2f} s ({time.strftime('%H:%M:%S')}, "
            f"load {os.getloadavg()[0]:.1f}); a full layout is {STEPS} steps, physics stops after "
            f"{args.limit:g} s"
        )
        print(
            f"{'nodes':>6} {'edges':>6} {'write s':>8} {'settle s':>9} {'steps':>6} {'ms/step':>8} "
            f"{'full s':>7} {'x baseline':>10}"
        )
        for n in args.sizes:
            t = timed(n, args.limit)
            print(
                f"{n:>6} {t['edges']:>6} {t['write']:>8.2f} {t['seconds']:>9.2f} {t['steps']:>6} "
                f"{1000 * t['per_step']:>8.1f} {t['full']:>7.1f} {t['full'] / baseline:>10.1f}"
            )
        if args.find:
            low, high = 100, 3000
            while high - low > 100:
                mid = (low + high) // 2
                low, high = (mid, high) if timed(mid, 15)["full"] <= 10 else (low, mid)
            print(f"largest graph whose full layout settles within 10 s: about {low} nodes")
        browser.close()


if __name__ == "__main__":
    main()
