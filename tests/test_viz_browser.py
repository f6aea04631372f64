"""Pages in real headless Chromium (Debian's ``/usr/bin/chromium``, driven by playwright): offline,
drawn, the same counts as the sub-graph, a legend, search and filter, and no script of a document runs.

Screenshots go to ``test-artifacts/`` for a person to look at.
"""

from dataclasses import dataclass, field
from pathlib import Path

import networkx as nx
import pytest
from click.testing import CliRunner

from kg.cli import main
from kg.pipeline import load
from kg.viz import subgraph
from visualizations.pages import DEFAULT_MAX_NODES, limit_graph, render_page

ROOT = Path(__file__).resolve().parent.parent
ARTIFACTS = ROOT / "test-artifacts"
HOSTILE = ROOT / "tests" / "data" / "viz" / "hostile-2025-standing-1.txt"
SEED_FILE = "xiangshan-2023-standing-28.txt"
CHAIR = "李晓东"
ROLE_NAMES = {"出席", "列席", "请假", "应邀出席", "缺席", "记录"}


@dataclass
class Opened:
    page: object
    requests: list[str] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)
    dialogs: list[str] = field(default_factory=list)

    def js(self, expression: str, arg=None):
        """Evaluate a function expression (the page's CSP forbids evaluating strings)."""
        return self.page.evaluate(expression, arg)


def written(path: Path, html: str) -> Path:
    path.write_text(html, encoding="utf-8")
    return path


def open_page(browser, path: Path) -> Opened:
    """Open ``path`` with every request but the page itself refused, and wait for physics to stop."""
    page = browser.new_page()
    opened = Opened(page)

    def route(r):
        opened.requests.append(r.request.url)
        r.continue_() if r.request.url == path.as_uri() else r.abort()

    page.route("**/*", route)
    page.on("pageerror", lambda error: opened.errors.append(str(error)))
    page.on("console", lambda message: message.type == "error" and opened.errors.append(message.text))
    page.on("dialog", lambda dialog: (opened.dialogs.append(dialog.message), dialog.dismiss()))
    page.goto(path.as_uri())
    page.wait_for_function("() => window.kgPage && window.kgPage.settled", timeout=90_000)
    return opened


def screenshot(opened: Opened, name: str) -> Path:
    ARTIFACTS.mkdir(exist_ok=True)
    path = ARTIFACTS / name
    opened.page.screenshot(path=path)
    assert path.stat().st_size > 10_000
    return path


def drawn_pixels(opened: Opened) -> int:
    return opened.js("""() => {
        const canvas = document.querySelector('#kg-network canvas');
        const pixels = canvas.getContext('2d').getImageData(0, 0, canvas.width, canvas.height).data;
        let drawn = 0;
        for (let i = 3; i < pixels.length; i += 4) if (pixels[i] > 0) drawn++;
        return drawn;
    }""")


def hover(opened: Opened, node_id: str) -> str:
    """Move the mouse onto a node and return the tooltip's text."""
    x, y = opened.js(
        """(id) => {
        const net = kgPage.network, at = net.canvasToDOM(net.getPositions([id])[id]);
        const box = document.querySelector('#kg-network').getBoundingClientRect();
        return [box.left + at.x, box.top + at.y];
    }""",
        node_id,
    )
    opened.page.mouse.move(x, y)
    tip = opened.page.wait_for_selector("div.vis-tooltip", state="visible", timeout=10_000)
    return tip.text_content()


@pytest.fixture(scope="module")
def seed_store(tmp_path_factory, corpus_dir):
    path = tmp_path_factory.mktemp("viz-browser") / "store"
    assert not load([str(corpus_dir / SEED_FILE)], path).failed
    return path


def test_person_page_draws_chair_meeting_and_attendees_offline(browser, seed_store, tmp_path):
    out = tmp_path / "p.html"
    result = CliRunner().invoke(
        main, ["viz", "--store", str(seed_store), "--person", CHAIR, "--out", str(out)]
    )
    assert result.exit_code == 0, result.output
    expected = subgraph(seed_store, person=CHAIR)
    opened = open_page(browser, out)
    assert opened.requests == [out.as_uri()] and opened.errors == []
    counts = opened.js("() => [kgPage.nodes.length, kgPage.edges.length]")
    assert counts == [expected.graph.number_of_nodes(), expected.graph.number_of_edges()]

    nodes = opened.js("() => kgPage.nodes.get().map(n => [n.id, n.kgType, n.kgName])")
    (meeting,) = [n for n in nodes if n[1] == "Meeting"]
    (chair,) = [n for n in nodes if n[2] == CHAIR]
    edges = opened.js("() => kgPage.edges.get().map(e => [e.from, e.to, e.label])")
    attendees = {
        source: role for source, target, role in edges if target == meeting[0] and role in ROLE_NAMES
    }
    assert chair[0] in attendees and len(attendees) == 40
    assert [source for source, target, label in edges if label == "主持人"] == [meeting[0]]

    legend = opened.js("() => [...document.querySelectorAll('#kg-legend li')].map(li => li.textContent)")
    assert len(legend) == len({n[1] for n in nodes}) and any("会议 Meeting" in x for x in legend)
    assert drawn_pixels(opened) > 5_000
    before = opened.js("() => kgPage.network.getPositions()")
    opened.page.wait_for_timeout(500)
    assert opened.js("() => kgPage.network.getPositions()") == before, "physics did not stop"
    assert "县政府第二十八次常务会议" in hover(opened, meeting[0])
    screenshot(opened, "viz-person.png")


def test_a_documents_markup_shows_as_text_and_never_runs(browser, tmp_path):
    store = tmp_path / "store"
    assert not load([str(HOSTILE)], store).failed
    out = tmp_path / "hostile.html"
    result = CliRunner().invoke(main, ["viz", "--store", str(store), "--out", str(out)])
    assert result.exit_code == 0, result.output
    opened = open_page(browser, out)
    assert opened.js("() => window.kgPwned") is None and opened.dialogs == [] and opened.errors == []
    assert opened.js("() => document.querySelectorAll('img, b, i, script:not([id]):not([src])').length") == 2
    names = opened.js("() => kgPage.nodes.get().map(n => [n.id, n.kgType, n.kgName])")
    (document,) = [n for n in names if n[1] == "Document"]
    assert document[2].startswith("<img src=x onerror=")
    (decision,) = [n for n in names if n[1] == "Decision"]
    tip = hover(opened, decision[0])
    assert '<img src=x onerror="window.kgPwned=2">管理办法' in tip
    assert opened.js("() => document.querySelectorAll('div.vis-tooltip img').length") == 0
    assert opened.js("() => window.kgPwned") is None
    screenshot(opened, "viz-hostile.png")


def test_search_selects_and_type_filter_hides(browser, tmp_path):
    g = nx.MultiDiGraph()
    g.add_node("m", type="Meeting", label="第1次常务会议")
    for i, name in enumerate(["张三", "张四", "李五"]):
        g.add_node(f"p{i}", type="Person", label=name)
        g.add_edge(f"p{i}", "m", type="ATTENDED", label="出席")
    opened = open_page(browser, written(tmp_path / "s.html", render_page(g)))
    opened.page.fill("#kg-search", "张")
    assert sorted(opened.js("() => kgPage.network.getSelectedNodes()")) == ["p0", "p1"]
    assert "2" in opened.page.text_content("#kg-found")
    opened.page.uncheck("#kg-legend input[data-type=Person]")
    hidden = opened.js("() => kgPage.nodes.get().filter(n => n.hidden).map(n => n.id)")
    assert sorted(hidden) == ["p0", "p1", "p2"]
    opened.page.check("#kg-legend input[data-type=Person]")
    assert opened.js("() => kgPage.nodes.get().filter(n => n.hidden).length") == 0


def test_a_large_graph_is_cut_and_the_page_says_so(browser, tmp_path):
    g = nx.MultiDiGraph()
    for hub in range(6):
        g.add_node(f"m{hub}", type="Meeting", label=f"会议{hub}")
        for leaf in range(100):
            g.add_node(f"p{hub}.{leaf}", type="Person", label=f"人员{hub}.{leaf}")
            g.add_edge(f"p{hub}.{leaf}", f"m{hub}", type="ATTENDED", label="列席")
    opened = open_page(browser, written(tmp_path / "big.html", render_page(g, max_nodes=200)))
    assert opened.js("() => [kgPage.nodes.length, kgPage.edges.length]") == [200, 194]
    notice = opened.page.text_content("#kg-left-out")
    assert opened.page.is_visible("#kg-left-out") and "未显示 406 个节点和 406 条关系" in notice
    assert {n for n in opened.js("() => kgPage.nodes.getIds()") if n.startswith("m")} == {
        f"m{i}" for i in range(6)
    }


def test_whole_corpus_page_holds_the_whole_graph(browser, corpus_store, tmp_path):
    out = tmp_path / "corpus.html"
    result = CliRunner().invoke(main, ["viz", "--store", str(corpus_store), "--out", str(out)])
    assert result.exit_code == 0, result.output
    whole = limit_graph(subgraph(corpus_store).graph, DEFAULT_MAX_NODES).graph
    opened = open_page(browser, out)
    counts = opened.js("() => [kgPage.nodes.length, kgPage.edges.length]")
    assert counts == [whole.number_of_nodes(), whole.number_of_edges()]
    assert opened.requests == [out.as_uri()] and opened.errors == []
    screenshot(opened, "viz-corpus.png")
