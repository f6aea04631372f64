"""`kg serve` as a subprocess on a free port, driven in real headless Chromium (playwright): the tour
of issue 15, from a search to the sentence in the source, a graph grown by clicking, a saved
question, a SPARQL query and its CSV; and a hostile document whose markup never runs.

The browser may fetch from the server only: every other request is refused and recorded.
Screenshots of each step go to ``test-artifacts/serve-*.png``.
"""

import re
import signal
import subprocess
import sys
from contextlib import contextmanager
from pathlib import Path

import pytest

from kg.pipeline import load
from tests.conftest import CORPUS, MULTI, ROOT

ARTIFACTS = ROOT / "test-artifacts"
HOSTILE = ROOT / "tests" / "data" / "viz" / "hostile-2025-standing-1.txt"
CHAIR = "陆安平"  # chairs the invented county's meetings (tests/data/multi)
HAN = re.compile(r"[\u3400-\u9fff]")


def _ctrl_c_as_in_a_terminal() -> None:
    """SIGINT as a terminal delivers it: a test run started in the background (``nohup``, ``&``)
    passes its children SIGINT ignored, and Python then never turns Ctrl-C into KeyboardInterrupt."""
    signal.signal(signal.SIGINT, signal.SIG_DFL)


@contextmanager
def serving(store, *sources, host="127.0.0.1"):
    """``kg serve`` on a free port; yields its URL and the process, and stops it with Ctrl-C."""
    folders = [arg for folder in sources for arg in ("--sources", str(folder))]
    command = [Path(sys.executable).parent / "kg", "serve", "--store", str(store), "--port", "0", *folders]
    process = subprocess.Popen(
        [*command, "--host", host], stderr=subprocess.PIPE, text=True, preexec_fn=_ctrl_c_as_in_a_terminal
    )
    try:
        lines = [process.stderr.readline()]
        if "warning" in lines[0]:
            lines.append(process.stderr.readline())
        url = re.search(r"http://\S+/", lines[-1])
        assert url, lines
        yield url.group(0), lines
    finally:
        process.send_signal(signal.SIGINT)
        assert process.wait(timeout=20) == 0


class Tour:
    """A page of the shared Chromium on the server at ``base``, refusing any other address."""

    def __init__(self, browser, base: str):
        self.base, self.outside, self.errors, self.dialogs = base, [], [], []
        self.page = browser.new_page()
        self.page.route("**/*", self._route)
        self.page.on("pageerror", lambda error: self.errors.append(str(error)))
        self.page.on("console", lambda m: m.type == "error" and self.errors.append(m.text))
        self.page.on("dialog", lambda dialog: (self.dialogs.append(dialog.message), dialog.dismiss()))

    def _route(self, route):
        if route.request.url.startswith(self.base):
            route.continue_()
        else:
            self.outside.append(route.request.url)
            route.abort()

    def js(self, expression: str, arg=None):
        return self.page.evaluate(expression, arg)

    def shot(self, name: str) -> None:
        ARTIFACTS.mkdir(exist_ok=True)
        path = ARTIFACTS / f"serve-{name}.png"
        self.page.screenshot(path=path, full_page=False)
        assert path.stat().st_size > 10_000

    def click_node(self, node_id: str) -> None:
        """Click where the node is drawn (checking that vis-network finds the node there)."""
        x, y = self.js(
            """(id) => {
            const net = kgGraph.network, at = net.canvasToDOM(net.getPositions([id])[id]);
            if (net.getNodeAt(at) !== id) { throw new Error('another node is drawn over ' + id); }
            const box = document.querySelector('#kg-network').getBoundingClientRect();
            return [box.left + at.x, box.top + at.y];
        }""",
            node_id,
        )
        self.page.mouse.click(x, y)


@pytest.fixture
def online(browser):
    """The shared browser with its network on (the server is on this machine); offline again after."""
    browser.set_offline(False)
    yield browser
    browser.set_offline(True)


def test_the_tour_from_a_name_to_the_sentence_and_the_graph(online, county_store):
    with serving(county_store, CORPUS, MULTI) as (base, _):
        tour = Tour(online, base)
        page = tour.page
        # 1. search a person
        page.goto(base)
        page.fill("#search input[name=q]", CHAIR)
        page.click("#search button")
        page.wait_for_selector("#hits a.hit")
        assert "青禾县人民政府" in page.text_content("#hits")
        tour.shot("1-search")
        # 2. open their page
        page.click(f"#hits a.hit:text-is('{CHAIR}')")
        page.wait_for_selector("#kg-label")
        assert page.text_content("#kg-label") == CHAIR
        meetings = page.locator("section:has(h2:has-text('Meetings and roles')) td.c-meeting a")
        assert meetings.count() >= 3
        page.wait_for_function("() => window.kgGraph && kgGraph.nodes.length > 3")
        tour.shot("2-person")
        # 3. follow a meeting
        name = meetings.first.text_content()
        meetings.first.click()
        page.wait_for_selector("#kg-label")
        assert page.text_content("#kg-label") == name
        tour.shot("3-meeting")
        # 4. open the source with the fact highlighted
        fact = page.locator("section:has(h2:has-text('Attendance')) a.fact").first
        quote = fact.get_attribute("title")
        fact.click()
        page.wait_for_selector("mark#focus.focus")
        marked = "".join(page.locator("mark.focus").all_text_contents())
        assert HAN.findall(marked) == HAN.findall(quote)  # the original text of the sentence cited
        assert page.locator("mark").count() > 10
        visible = tour.js("() => { const r = document.getElementById('focus').getBoundingClientRect(); "
                          "return r.top >= 0 && r.top < window.innerHeight; }")  # fmt: skip
        assert visible, "the page did not scroll to the fact"
        tour.shot("4-source")
        # 5. grow the graph twice by clicking
        page.go_back()
        page.click("#kg-grow")
        page.wait_for_function("() => window.kgGraph && kgGraph.nodes.length > 3 && kgGraph.stable")
        counts = [tour.js("() => kgGraph.nodes.length")]
        for step in (1, 2):
            kind = "Person" if step == 1 else "Meeting"
            node = tour.js(
                "(kind) => kgGraph.nodes.get().find(n => n.kgType === kind && !kgGraph.expanded[n.id]).id",
                kind,
            )
            tour.click_node(node)
            page.wait_for_function(f"() => kgGraph.expansions === {step} && kgGraph.pending === 0")
            counts.append(tour.js("() => kgGraph.nodes.length"))
            page.wait_for_function("() => kgGraph.stable")
        assert counts[0] < counts[1] < counts[2], counts
        page.wait_for_selector("#kg-panel h4 a")
        assert page.locator("#kg-panel .facts div").count() > 0
        tour.shot("5-graph")
        # the type filter hides, the date range hides dated nodes outside it
        page.locator("#kg-types input[data-type=Person]").uncheck()
        assert (
            tour.js("() => kgGraph.nodes.get().filter(n => n.kgType === 'Person' && !n.hidden).length") == 0
        )
        page.locator("#kg-types input[data-type=Person]").check()
        page.fill("#kg-from", "2099")
        assert tour.js("() => kgGraph.nodes.get().filter(n => n.kgDate && !n.hidden).length") == 0
        page.fill("#kg-from", "")
        # save the view as the offline page kg viz writes
        with page.expect_download() as saved:
            page.click("#kg-save button")
        html = Path(saved.value.path()).read_text(encoding="utf-8")
        assert html.startswith("<!DOCTYPE html>") and html.count('"kgType"') == counts[2]
        # 6. a saved question and a SPARQL query
        page.goto(base + "questions")
        page.click("a:text-is('person-meetings')")
        page.fill("#kg-question input[name=person]", CHAIR)
        page.click("#kg-question button")
        page.wait_for_selector("#kg-answer")
        assert page.locator("#kg-answer tbody tr").count() >= 3
        tour.shot("6-question")
        page.goto(base + "sparql")
        page.fill(
            "#kg-query textarea",
            "PREFIX mkg: <https://w3id.org/minutes-kg/ns#>\nPREFIX dcterms: <http://purl.org/dc/terms/>\n"
            "SELECT ?meeting ?date WHERE { ?meeting a mkg:Meeting ; dcterms:date ?date } ORDER BY ?date",
        )
        page.click("#kg-query button")
        page.wait_for_selector("#kg-answer")
        rows = page.locator("#kg-answer tbody tr").count()
        assert rows >= 8
        tour.shot("7-sparql")
        # 7. download CSV
        with page.expect_download() as download:
            page.click("#kg-csv")
        lines = Path(download.value.path()).read_text(encoding="utf-8").splitlines()
        assert lines[0] == "meeting,date" and len(lines) == rows + 1
        assert tour.outside == [] and tour.errors == [] and tour.dialogs == []
        page.close()


def test_a_hostile_document_shows_as_text_and_never_runs(online, tmp_path):
    store = tmp_path / "store"
    assert not load([str(HOSTILE)], store).failed
    with serving(store, HOSTILE.parent) as (base, _):
        tour = Tour(online, base)
        page = tour.page
        page.goto(base + "?q=管理办法")
        page.click("#hits a.hit")
        page.wait_for_selector("#kg-label")
        assert page.text_content("#kg-label").startswith('<img src=x onerror="window.kgPwned=2">')
        page.wait_for_function("() => window.kgGraph && kgGraph.nodes.length > 1")
        tour.shot("hostile-document")
        page.locator("td.c-meeting a, td.c-item a").first.click()
        page.wait_for_selector("#kg-label")
        page.locator("a.fact").first.click()
        page.wait_for_selector("mark#focus")
        assert "<script>window.kgPwned=1</script>" in page.text_content("#kg-source")
        tour.shot("hostile-source")
        page.click("nav a:text-is('会议 Meetings')")
        page.locator("td.c-meeting a").first.click()
        page.click("#kg-grow")
        page.wait_for_function("() => window.kgGraph && kgGraph.nodes.length > 3")
        item = tour.js("() => kgGraph.nodes.get().filter(n => n.kgType === 'AgendaItem')[0].id")
        tour.click_node(item)
        page.wait_for_function("() => kgGraph.expansions === 1 && kgGraph.pending === 0")
        page.wait_for_selector("#kg-panel h4 a")
        tour.shot("hostile-graph")
        assert tour.js("() => window.kgPwned") is None and tour.dialogs == [] and tour.errors == []
        assert tour.js("() => document.querySelectorAll('main img, main b[onclick], main i').length") == 0
        assert tour.outside == []
        page.close()


def test_another_host_than_this_machine_is_warned_about(tmp_path):
    store = tmp_path / "store"
    assert not load([str(HOSTILE)], store).failed
    with serving(store, host="127.0.0.2") as (base, lines):
        assert base.startswith("http://127.0.0.2:") and "warning" in lines[0]
