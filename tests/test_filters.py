"""--since, --until and --government on every command that puts out rows, on 300 minutes of three
governments (tests/many.py), as a data journalist would use them; and the report of those 300 read in
real Chromium (a screenshot is kept in test-artifacts/)."""

import json
import re
from pathlib import Path

import pytest
from click.testing import CliRunner

from kg.cli import main
from kg.report import report_data
from kg.scope import Filters
from kg.stores import sparql
from kg.viz import subgraph
from tests.many import write_minutes

ARTIFACTS = Path(__file__).resolve().parent.parent / "test-artifacts"
PER_GOVERNMENT = 100

MEETINGS = """PREFIX mkg: <https://w3id.org/minutes-kg/ns#>
PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
PREFIX dcterms: <http://purl.org/dc/terms/>
SELECT ?meeting ?date ?government WHERE {
  ?m a mkg:Meeting ; rdfs:label ?meeting ; dcterms:date ?date ; mkg:body/rdfs:label ?government }"""


@pytest.fixture(scope="module")
def store(tmp_path_factory):
    path = tmp_path_factory.mktemp("filters") / "store"
    files = write_minutes(tmp_path_factory.mktemp("three-hundred"), PER_GOVERNMENT)
    done = CliRunner().invoke(main, ["load", str(files[0].parent), "--store", str(path), "--workers", "2"])
    assert done.exit_code == 0, done.output
    return path


@pytest.fixture(scope="module")
def meetings(store):
    """Every meeting's name, date and government, asked of the whole store."""
    columns = ["meeting", "date", "government"]
    return [dict(zip(columns, map(str, row), strict=True)) for row in sparql(MEETINGS, store).rows]


@pytest.fixture(scope="module")
def cut(meetings):
    """A government and a window of dates that leaves out some of its meetings on either side."""
    government = sorted({m["government"] for m in meetings})[0]
    dates = sorted(m["date"] for m in meetings if m["government"] == government)
    return government, dates[len(dates) // 4][:7], dates[len(dates) // 2][:7]


def kg(*args) -> object:
    return CliRunner().invoke(main, [str(a) for a in args])


def inside(row: dict, government: str, since: str, until: str) -> bool:
    return row["government"] == government and since <= row["date"][:7] <= until


def test_the_report_keeps_to_the_filters_and_says_where_it_is(store, meetings, cut, tmp_path):
    government, since, until = cut
    short = government.replace("人民", "")  # any of its names
    done = kg("report", "--store", store, "--out", tmp_path / "r.html", "--government", short,
              "--since", since, "--until", until)  # fmt: skip
    assert done.exit_code == 0, done.output
    assert len(re.findall(r"^report: .+ …$", done.stderr, re.M)) >= 5
    html = (tmp_path / "r.html").read_text(encoding="utf-8")
    assert f"Filters: since {since}, until {until}, government {short}" in html
    assert 'class="toc"' in html
    data = report_data(store, filters=Filters(since, until, short))
    rows = {s.title: s.rows for s in data.sections}
    expected = sorted(m["meeting"] for m in meetings if inside(m, government, since, until))
    assert sorted(r["meeting_name"] for r in rows["Meetings"]) == expected
    shown = {r["government"] for s in ("Most active units", "Attendance per person") for r in rows[s]}
    assert shown == {government}


def test_unknown_government_and_bad_dates_are_one_line(store):
    for args, said in [
        (["--government", "青禾"], "did you mean"),
        (["--government", "政府"], "names 3 governments"),
        (["--since", "2024/01"], "a date is YYYY"),
    ]:
        done = kg("analyze", "--store", store, *args)
        assert done.exit_code == 1 and said in done.stderr and len(done.stderr.splitlines()) == 1, done.output


@pytest.mark.parametrize("question", ["pending-documents", "unit-directives"])
def test_saved_questions_take_the_filters_on_the_command_line(store, question):
    asked = ["ask", question, "--store", store, "--format", "json"]
    if question == "unit-directives":
        asked += ["--param", "unit=县发改局"]
    everything = json.loads(kg(*asked).stdout)
    government = sorted(r["government"] for r in everything)[len(everything) // 2]
    dates = sorted(r["date"] for r in everything if r["government"] == government)
    since, until = dates[len(dates) // 4][:7], dates[len(dates) * 3 // 4][:7]
    done = kg(*asked, "--government", government, "--since", since, "--until", until)
    assert done.exit_code == 0, done.output
    rows = json.loads(done.stdout)
    assert rows and all(inside(r, government, since, until) for r in rows)
    assert [r for r in everything if inside(r, government, since, until)] == [
        {k: v for k, v in r.items() if k not in ("since", "until", "in_government")} for r in rows
    ]


def test_analyze_export_summary_and_viz_see_only_what_passes(store, meetings, cut, tmp_path):
    government, since, until = cut
    filters = ["--government", government, "--since", since, "--until", until]
    done = kg("analyze", "--store", store, "--format", "json", *filters)
    persons = json.loads(done.stdout)["sections"][0]["rows"]
    assert persons and all(f"/{government}/" in p["uri"] for p in persons)
    done = kg("export", "--store", store, "--format", "nq", "--out", tmp_path / "g.nq", *filters)
    graphs = set(re.findall(r"<([^>]*/id/source/[^>]*)> \.$", (tmp_path / "g.nq").read_text(), re.M))
    assert len(graphs) == sum(inside(m, government, since, until) for m in meetings)
    chair = sparql(
        "PREFIX mkg: <https://w3id.org/minutes-kg/ns#> PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#> "
        "SELECT DISTINCT ?name ?g WHERE { ?m mkg:chair/rdfs:label ?name ; mkg:body/rdfs:label ?l . "
        "FILTER(STR(?l) = ?g) }",
        store,
        {"g": government},
    ).rows[0][0]
    done = kg("summary", "person", chair, "--store", store, "--format", "json", "--since", until)
    dated = [r["date"] for s in json.loads(done.stdout)["sections"] for r in s["rows"] if r.get("date")]
    assert dated and min(dated) >= until
    drawn = subgraph(store, filters=Filters(government=government)).graph
    others = {m["government"] for m in meetings} - {government}
    assert not [n for n in drawn if any(f"/{o}/" in str(n) for o in others)]


def test_the_report_of_300_minutes_reads_in_chromium(store, browser, tmp_path):
    done = kg("report", "--store", store, "--out", tmp_path / "report.html")
    assert done.exit_code == 0, done.output
    page = browser.new_page()
    page.set_viewport_size({"width": 1280, "height": 1000})
    page.goto((tmp_path / "report.html").as_uri())
    widths = page.eval_on_selector_all("svg", "els => els.map(e => e.getBoundingClientRect().right)")
    toc = page.eval_on_selector_all("ol.toc a", "els => els.map(e => e.textContent)")
    page.click("ol.toc a >> text=Attendance per person")
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / "report-300.png"))
    page.close()
    assert widths and max(widths) <= 1280
    assert toc[:2] == ["Counts", "Charts"] and "Meetings" in toc


def test_a_person_summary_of_300_minutes_reads_in_chromium(store, meetings, browser, tmp_path):
    government = sorted({m["government"] for m in meetings})[-1]
    chair = sparql(
        "PREFIX mkg: <https://w3id.org/minutes-kg/ns#> PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#> "
        "SELECT DISTINCT ?name ?g WHERE { ?m mkg:chair/rdfs:label ?name ; mkg:body/rdfs:label ?l . "
        "FILTER(STR(?l) = ?g) }",
        store,
        {"g": government},
    ).rows[0][0]
    done = kg("summary", "person", chair, "--store", store, "--format", "json")
    got = {s["title"]: s["rows"] for s in json.loads(done.stdout)["sections"]}
    profile = {r["what"]: r for r in got["Profile"]}
    held = sorted(m["date"] for m in meetings if m["government"] == government)
    assert profile["government"]["value"] == government
    assert (profile["government"]["first"], profile["government"]["last"]) == (held[0], held[-1])
    assert profile["meetings as chair"]["value"] == profile["meetings in all"]["value"] == len(held)
    months = [r["month"] for r in got["Meetings per month"]]
    assert months[0] == held[0][:7] and months[-1] == held[-1][:7] and len(months) == len(set(months))
    assert sum(r["meetings"] for r in got["Meetings per month"]) == len(held)
    for title in ("Seen most often with", "Units they appear with"):
        assert all(
            set(r) <= {"person", "unit", "how", "meetings_shared", "count", "first", "last"}
            for r in got[title]
        )
    done = kg("summary", "person", chair, "--store", store, "--format", "html", "--out", tmp_path / "p.html")
    assert done.exit_code == 0, done.output
    page = browser.new_page()
    page.set_viewport_size({"width": 1280, "height": 1000})
    page.goto((tmp_path / "p.html").as_uri())
    headings = page.eval_on_selector_all("h2", "els => els.map(e => e.textContent)")
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / "summary-person-300.png"))
    page.close()
    assert headings[:2] == ["Profile", "Meetings per month"]
