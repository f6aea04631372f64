"""How fast ``kg serve`` answers on a large store, and how the graph view copes with 2,000 nodes.

The store is generated: the invented county's minutes (``tests/data/multi``) copied ``--documents``
times, each copy a meeting of its own (its dates moved) in one of many counties (the county's name
changed every ``--per-government`` copies), so people and units recur over that many meetings, as
they do in a real archive. The explorer runs as ``kg serve`` does (:func:`kg.serve.serve`, a real
HTTP server on a free port) and is asked over HTTP.

Every figure is printed with its ratio to a baseline measured in the same run: a static file served
by the same server (``/static/serve.css``). The goal of issue 15 is an entity page under 300 ms on a
store of 10,000 documents:

    .venv/bin/python bench/bench_serve.py                       # 1,000 documents (about a minute)
    .venv/bin/python bench/bench_serve.py --documents 10000     # the issue's size (about 10 minutes)
    .venv/bin/python bench/bench_serve.py --documents 2000 --per-government 500 --browser --nodes 2000

The last grows the graph view in Chromium to 2,000 nodes: one county's meetings, people and units are
one connected part of the graph, so a county needs some 500 meetings for the graph to reach that size.
    .venv/bin/python bench/bench_serve.py --documents 10000 --store /tmp/kg10k   # keep it for the next run
"""

from __future__ import annotations

import argparse
import datetime as dt
import re
import statistics
import tempfile
import threading
import time
import urllib.request
from pathlib import Path
from urllib.parse import quote

from kg import explore
from kg.pipeline import load
from kg.serve import serve
from kg.serve_routes import entity_url
from kg.stores import opened

ROOT = Path(__file__).resolve().parent.parent
TEMPLATES = ROOT / "tests" / "data" / "multi"
COUNTY = "青禾"  # the invented county's name in those files
CHAIR = "陆安平"  # who chairs its meetings
NAMES = "东南西北中金木水火土山河湖海江云星月日风"
DATE = re.compile(r"\d{4}年\d{1,2}月\d{1,2}日")


def generate(documents: int, per_government: int, into: Path) -> list[Path]:
    """``documents`` files of minutes: the templates with a new date each and a county per group."""
    templates = [p.read_text(encoding="utf-8") for p in sorted(TEMPLATES.glob("*.txt"))]
    files = []
    for i in range(documents):
        group = i // per_government
        county = NAMES[group // len(NAMES) % len(NAMES)] + NAMES[group % len(NAMES)] + str(group // 400 or "")
        day = dt.date(2000, 1, 3) + dt.timedelta(days=7 * (i % per_government) + group % 7)
        text = DATE.sub(f"{day.year}年{day.month}月{day.day}日", templates[i % len(templates)])
        path = into / f"bench-{i:05d}.txt"
        path.write_text(text.replace(COUNTY, county), encoding="utf-8")
        files.append(path)
    return files


def start(store: Path) -> str:
    """``kg serve`` on a free port in a thread of this process; its URL."""
    ready = threading.Event()
    found = {}

    def on_ready(url):
        found["url"] = url
        ready.set()

    threading.Thread(target=serve, args=(store,), kwargs={"port": 0, "ready": on_ready}, daemon=True).start()
    ready.wait(60)
    return found["url"]


def fetch_ms(url: str, repeats: int) -> list[float]:
    """Milliseconds to fetch ``url`` whole, ``repeats`` times (the first is a warm-up, not counted)."""
    times = []
    for n in range(repeats + 1):
        began = time.perf_counter()
        with urllib.request.urlopen(url) as response:
            response.read()
            assert response.status == 200, url
        if n:
            times.append(1000 * (time.perf_counter() - began))
    return times


def report(label: str, times: list[float], baseline: float | None) -> float:
    median = statistics.median(times)
    p95 = sorted(times)[max(0, int(len(times) * 0.95) - 1)]
    ratio = f"  ({median / baseline:6.1f} x the static file)" if baseline else ""
    print(f"{label:<44} median {median:7.1f} ms  p95 {p95:7.1f} ms{ratio}")
    return median


def pages(store: Path) -> tuple[dict[str, str], str]:
    """The pages measured (the chair of the first county, a unit, a meeting, a search, neighbours),
    and the chair's IRI."""
    with opened(store) as st:
        person = next(h for h in explore.search(st, CHAIR, kind="person"))
        unit = next(h for h in explore.search(st, "水利局", kind="unit"))
        meeting = next(h for h in explore.search(st, "常务会议", kind="meeting"))
    return {
        "entity page: person (chair of its county)": entity_url(person["iri"]),
        "entity page: unit": entity_url(unit["iri"]),
        "entity page: meeting": entity_url(meeting["iri"]),
        "neighbours (graph expansion) of the person": "/api/neighbours?iri=" + quote(person["iri"]),
        "search for the person's name": "/?q=" + quote(CHAIR),
    }, person["iri"]


def grow_in_browser(base: str, focus: str, target: int) -> None:
    """Open the graph view and grow it (through the page's own ``grow``, what a click calls), ten
    nodes at a time, meetings, people and units first, until ``target`` nodes. Prints for each step
    the time until the new nodes are drawn, and at the end how long a frame takes with physics on."""
    from playwright.sync_api import sync_playwright

    with sync_playwright() as pw:
        chromium = "/usr/bin/chromium"
        browser = pw.chromium.launch(executable_path=chromium, args=["--no-sandbox", "--disable-gpu"])
        page = browser.new_page(viewport={"width": 1400, "height": 900})
        page.goto(base + "graph?focus=" + quote(focus, safe=""))
        page.wait_for_function("() => window.kgGraph && kgGraph.stable", timeout=120_000)
        steps, began = 0, time.perf_counter()
        while page.evaluate("() => kgGraph.nodes.length") < target:
            took = page.evaluate("""async () => {
                const rank = {Meeting: 0, Person: 1, Organization: 2, Department: 2};
                const next = kgGraph.nodes.get().filter(n => !kgGraph.expanded[n.id])
                  .sort((a, b) => (rank[a.kgType] ?? 3) - (rank[b.kgType] ?? 3)).slice(0, 10);
                if (!next.length) return null;
                const began = performance.now();
                await Promise.all(next.map(n => kgGraph.grow(n.id)));
                await new Promise(r => requestAnimationFrame(() => requestAnimationFrame(r)));
                return performance.now() - began;
            }""")
            if took is None:
                break
            steps += 1
            count = page.evaluate("() => kgGraph.nodes.length")
            print(f"  step {steps:3d}: {count:5d} nodes, {took:6.0f} ms, ten clicks to neighbours drawn")
        page.wait_for_function("() => kgGraph.stable", timeout=120_000)
        frame = page.evaluate("""() => new Promise(done => {
            kgGraph.network.setOptions({ physics: { enabled: true } });
            const times = []; let last = performance.now();
            function tick(now) { times.push(now - last); last = now;
              if (times.length < 40) { requestAnimationFrame(tick); }
              else { kgGraph.network.setOptions({ physics: { enabled: false } });
                     times.sort((a, b) => a - b); done([times[20], times[36]]); } }
            requestAnimationFrame(tick);
        })""")
        nodes, edges = page.evaluate("() => [kgGraph.nodes.length, kgGraph.edges.length]")
        total = time.perf_counter() - began
        print(f"graph view: {nodes} nodes, {edges} edges, {steps} steps in {total:.1f} s")
        print(f"a frame with physics on: median {frame[0]:.0f} ms, 90th percentile {frame[1]:.0f} ms")
        browser.close()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--documents", type=int, default=1000)
    parser.add_argument("--per-government", type=int, default=50, help="meetings per county")
    parser.add_argument("--repeats", type=int, default=20)
    parser.add_argument("--browser", action="store_true", help="also grow the graph view in Chromium")
    parser.add_argument("--nodes", type=int, default=2000, help="how far to grow it")
    parser.add_argument("--store", type=Path, help="keep the generated store here, and reuse it next time")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        store = args.store or Path(tmp) / "store"
        if not store.exists():
            folder = Path(tmp) / "minutes"
            folder.mkdir()
            files = generate(args.documents, args.per_government, folder)
            began = time.perf_counter()
            result = load([str(folder)], store)
            assert not result.failed, result.failed[0].reason
            print(f"store: {len(files)} documents loaded in {time.perf_counter() - began:.0f} s")
        with opened(store) as st:
            print(f"store: {len(st.documents())} documents, {len(st)} quads")
        measured, person = pages(store)
        base = start(store)
        static = fetch_ms(base + "static/serve.css", args.repeats)
        baseline = report("static file /static/serve.css (baseline)", static, None)
        for label, path in measured.items():
            report(label, fetch_ms(base + path.lstrip("/"), args.repeats), baseline)
        if args.browser:
            grow_in_browser(base, person, args.nodes)


if __name__ == "__main__":
    main()
