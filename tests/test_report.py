"""The corpus report: written as HTML and Markdown, opened offline in real headless Chromium."""

import re
from pathlib import Path

import pytest
from click.testing import CliRunner

from kg.cli import main
from kg.pipeline import stats
from kg.report import report, report_data
from kg.store import Store
from kg.stores import sparql
from kg.summaries import summary
from loaders.errors import KGError
from loaders.rdf import to_statements
from loaders.record import Decision, Item, Meeting, Mention, Minutes, Participant, Span

ARTIFACTS = Path(__file__).resolve().parent.parent / "test-artifacts"


@pytest.fixture(scope="module")
def page_path(corpus_store, tmp_path_factory) -> Path:
    return Path(report(corpus_store, tmp_path_factory.mktemp("report") / "report.html"))


LISTED = """
PREFIX mkg: <https://w3id.org/minutes-kg/ns#>
SELECT (COUNT(DISTINCT ?p) AS ?n) WHERE { { ?a mkg:attendee ?p } UNION { ?m mkg:chair ?p } }
"""


def test_report_data_holds_counts_sections_and_charts(corpus_store):
    data = report_data(corpus_store)
    assert data.counts == stats(corpus_store)
    sections = {s.title: s.rows for s in data.sections}
    assert len(sections["Meetings"]) == data.counts["meetings"] == 5
    assert [r["date"] for r in sections["Meetings"]] == sorted(r["date"] for r in sections["Meetings"])
    people = sections["Attendance per person"]
    assert len(people) == sparql(LISTED, corpus_store).rows[0][0]
    chair = next(p for p in people if p["name"] == "李晓东")
    assert chair["chair"] == 1 and chair["present"] == 1
    assert all("pagerank" in p and "community" in p for p in people if p["in_room"])
    units = [u["name"] for u in sections["Most active units"]]
    (seed_unit,) = {r["name"] for r in summary("unit", "县发改局", corpus_store).sections[0].rows}
    assert seed_unit in units[:3]  # four reports at the seed meeting
    pending = sections["Decisions waiting for a next step"]
    assert pending and all(r["next_step"] and r["quote"] and r["source"] for r in pending)
    assert {"提请县委审议", "印发"} <= {r["next_step"] for r in pending}
    assert {title for title, rows, _ in data.charts if rows} >= {"Meetings per month", "Decisions by outcome"}


def test_html_report_is_one_offline_file(page_path):
    html = page_path.read_text(encoding="utf-8")
    assert html.count("<svg") >= 4
    assert not re.search(r"""(src|href)\s*=\s*["']?(https?:)?//""", html)
    assert "<script src" not in html
    assert 'class="sortable"' in html


def test_html_report_opens_offline_in_chromium_and_sorts(page_path, browser):
    requests = []
    page = browser.new_page()
    page.set_viewport_size({"width": 1300, "height": 1600})
    page.on("request", lambda r: requests.append(r.url))
    page.route(re.compile(r"^(?!file:).*"), lambda route: route.abort())
    errors = []
    page.on("pageerror", lambda e: errors.append(str(e)))
    page.goto(page_path.as_uri())
    charts = page.eval_on_selector_all("svg", "els => els.map(e => e.getBoundingClientRect().height)")
    assert len(charts) >= 4 and all(h > 40 for h in charts)
    table = "h2:has-text('Attendance per person') + table"
    header = page.locator(f"{table} th", has_text="name").first
    header.click()
    names = page.eval_on_selector_all(
        f"{table} tbody tr td:first-child", "tds => tds.map(t => t.textContent)"
    )
    header.click()
    reverse = page.eval_on_selector_all(
        f"{table} tbody tr td:first-child", "tds => tds.map(t => t.textContent)"
    )
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / "report.png"), full_page=False)
    page.close()
    assert not errors
    assert [u for u in requests if not u.startswith("file:")] == []
    assert names == reverse[::-1] and names != reverse


def test_markdown_report_carries_tables_and_charts(corpus_store, tmp_path):
    text = Path(report(corpus_store, tmp_path / "report.md")).read_text(encoding="utf-8")
    assert text.startswith("# ")
    assert "| name | government | chair | present |" in text
    assert text.count("data:image/svg+xml;base64,") >= 4


def test_document_text_is_escaped(store_path, tmp_path):
    evil = "<img src=x onerror=alert(1)>"
    record = Minutes(
        source="evil.txt",
        body="某县人民政府",
        meeting=Meeting(
            "县政府第1次常务会议", "常务会议", 1, "2024-01-05", f"{evil}甲", span=Span(0, 2, "会议")
        ),
        participants=[Participant(f"{evil}甲", "present", span=Span(3, 5, evil))],
        items=[
            Item(
                1,
                "review",
                presenters=[Mention(f"{evil}局")],
                decisions=[Decision("approved", next_step=f"{evil}印发", span=Span(6, 8, evil))],
            )
        ],
    )
    with Store(store_path) as st:
        st.replace_many([to_statements(record)])
    html = Path(report(store_path, tmp_path / "r.html")).read_text(encoding="utf-8")
    assert "<img" not in html
    assert "&lt;img src=x onerror=alert(1)&gt;" in html


def test_report_suffix_and_folder_errors(corpus_store, tmp_path):
    with pytest.raises(KGError, match=r"\.html, \.md"):
        report(corpus_store, tmp_path / "report.pdf")
    with pytest.raises(KGError, match="does not exist"):
        report(corpus_store, tmp_path / "missing" / "report.html")


def test_cli_report(corpus_store, tmp_path):
    out = tmp_path / "r.html"
    done = CliRunner().invoke(main, ["report", "--out", str(out), "--store", str(corpus_store)])
    assert done.exit_code == 0, done.output
    assert out.read_text(encoding="utf-8").startswith("<!DOCTYPE html>")
