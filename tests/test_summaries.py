"""Summaries over the real corpus (loaded once into an on-disk store) and over two meetings of one
government built as records, so that counts across meetings and status changes can be seen."""

import csv
import io
import json

import pytest
from click.testing import CliRunner

from kg.cli import main
from kg.pipeline import extract
from kg.sections import render
from kg.store import Store
from kg.summaries import NotFoundError, summary
from loaders.rdf import to_statements
from loaders.record import Decision, Directive, Item, Meeting, Mention, Minutes, Participant, Span
from tests.conftest import CORPUS, SEED

FACT_SECTIONS = {
    "Meetings by role",
    "Items chaired",
    "Items it reported on",
    "Decisions on what it submitted",
    "Directives addressed to it",
    "Attendance by role",
    "Decisions",
    "Directives",
    "Timeline across meetings",
}
"""Sections whose every row is one fact of one document, so it quotes its sentence."""


def sections(tables) -> dict[str, list[dict]]:
    return {s.title: s.rows for s in tables.sections}


def test_unit_lists_its_four_reports_with_decisions_and_next_steps_quoted(corpus_store):
    got = sections(summary("unit", "县发改局", corpus_store))
    items = got["Items it reported on"]
    assert [r["item"] for r in items] == [4, 5, 6, 7]
    assert {r["source"] for r in items} == {f"{SEED}.txt"}
    assert {r["kind"] for r in items} == {"report"}
    decisions = got["Decisions on what it submitted"]
    assert [(r["item"], r["next_step"]) for r in decisions] == [
        (4, "提请县委审议"),
        (6, "提请县委审议"),
        (7, "提请县委审议"),
    ]
    assert all("原则同意" in r["quote"] and r["date"] == "2023-12-20" for r in decisions)
    assert {r["document_status"] for r in decisions if "document" in r} == {"送审稿"}


def test_person_shows_chairing_and_co_attendees(corpus_store):
    got = sections(summary("person", "李晓东", corpus_store))
    roles = {r["role"] for r in got["Meetings by role"]}
    assert "chair" in roles
    chaired = got["Items chaired"]
    assert [r["item"] for r in chaired] == list(range(1, 15))
    record = extract([CORPUS / f"{SEED}.txt"])[0]
    in_room = {name for role, names in record["participants"].items() if role != "on_leave" for name in names}
    others = {r["person"] for r in got["Seen most often with"]}
    assert others == in_room - {"李晓东"}
    assert not others & set(record["participants"]["on_leave"])
    assert {r["meetings_shared"] for r in got["Seen most often with"]} == {1}
    presented = [r for r in got["Units they appear with"] if r["how"] == "presented at their meeting"]
    presenters = {p for item in record["items"] for p in item["presenters"]}
    assert len(presented) == len(presenters)
    assert sum(r["count"] for r in presented) == sum(len(i["presenters"]) for i in record["items"])
    assert [r["seen"] for r in got["First and last seen"]] == ["first", "last"]
    (figures,) = got["Place in the co-attendance network"]
    assert figures["degree"] == len(others)


@pytest.mark.parametrize("name", [SEED, f"{SEED}.txt", "县政府第二十八次常务会议"])
def test_meeting_summary_matches_the_record(corpus_store, name):
    record = extract([CORPUS / f"{SEED}.txt"])[0]
    got = sections(summary("meeting", name, corpus_store))
    (overview,) = got["Meeting"]
    assert overview["chair"] == record["meeting"]["chair"]
    assert overview["date"] == record["meeting"]["date"]
    by_role: dict[str, list[str]] = {}
    for row in got["Attendance by role"]:
        by_role.setdefault(row["role"], []).append(row["person"])
    assert by_role == record["participants"]
    assert [r["item"] for r in got["Items"]] == [i["number"] for i in record["items"]]
    decisions = [(i["number"], d.get("next_step")) for i in record["items"] for d in i["decisions"]]
    assert [(r["item"], r.get("next_step")) for r in got["Decisions"]] == decisions
    assert len(got["Directives"]) == sum(len(i["directives"]) for i in record["items"])


@pytest.mark.parametrize(
    ("kind", "name"),
    [("person", "李晓东"), ("unit", "县发改局"), ("meeting", SEED), ("document", "政府工作报告")],
)
def test_every_fact_row_cites_document_date_and_sentence(corpus_store, kind, name):
    for section in summary(kind, name, corpus_store).sections:
        for row in section.rows:
            if section.title in FACT_SECTIONS:
                assert row.get("source", "").endswith(".txt"), (section.title, row)
                assert row.get("date"), (section.title, row)
                assert row.get("quote"), (section.title, row)


def test_document_timeline_spans_governments_and_marks_its_status(corpus_store):
    tables = summary("project", "政府工作报告", corpus_store)
    assert len(tables.meta["uris"]) == 2  # one per government that took it up
    rows = tables.sections[0].rows
    assert [r["date"] for r in rows] == sorted(r["date"] for r in rows)
    assert {"taken up", "decision"} <= {r["event"] for r in rows}
    assert rows[1]["status_change"] == "first seen as 送审稿"


def test_project_timeline_shows_its_item_and_decision(corpus_store):
    record = extract([CORPUS / f"{SEED}.txt"])[0]
    item = next(i for i in record["items"] if i["projects"] and i["decisions"])
    rows = summary("project", item["projects"][0], corpus_store).sections[0].rows
    assert [(r["item"], r["event"]) for r in rows] == [
        (item["number"], "taken up"),
        (item["number"], "decision"),
    ]
    decision = item["decisions"][0]
    assert (rows[1]["outcome"], rows[1].get("next_step")) == (decision["outcome"], decision.get("next_step"))
    assert rows[1].get("document") == decision.get("document")


def test_unknown_name_suggests_the_nearest_known_ones(corpus_store):
    with pytest.raises(NotFoundError, match="did you mean 县发改局"):
        summary("unit", "县发改", corpus_store)
    with pytest.raises(NotFoundError, match="李晓东"):
        summary("person", "李小东", corpus_store)


def test_unknown_kind_lists_the_known_ones(corpus_store):
    with pytest.raises(Exception, match="known: person, unit"):
        summary("building", "x", corpus_store)


# ---------------------------------------------------------------- two meetings of one government


def span(text: str, start: int = 0) -> Span:
    return Span(start, start + len(text), text)


def meeting_record(source: str, date: str, ordinal: int, status: str, extra=()) -> Minutes:
    """Minutes of an invented county: one report item and one reviewed document with a directive."""
    decision = span(f"会议原则同意《甲方案》（{status}），请按程序印发。", 200)
    items = [
        Item(
            1,
            "report",
            title="听取县甲局关于乙的汇报",
            presenters=[Mention("县甲局")],
            span=span("听取县甲局的汇报", 90),
        ),
        Item(
            2,
            "review",
            title="审议《甲方案》",
            presenters=[Mention("县乙局")],
            documents=[Mention("甲方案")],
            decisions=[Decision("approved_in_principle", "甲方案", status, "印发", span=decision)],
            directives=[
                Directive(
                    "会议要求，县丙中心要抓好落实。",
                    "要求",
                    ["县丙中心"],
                    span=span("会议要求，县丙中心要抓好落实。", 260),
                )
            ],
            span=span("审议《甲方案》", 190),
        ),
    ]
    names = ["赵一", "钱二", "孙三", *extra]
    people = [Participant(n, "present", span=span(n, 300 + 4 * i)) for i, n in enumerate(names)]
    people.append(Participant("李四", "on_leave", note="出差", span=span("李四", 400)))
    return Minutes(
        source=source,
        body="某某县人民政府",
        title=f"县政府第{ordinal}次常务会议纪要",
        meeting=Meeting(
            f"县政府第{ordinal}次常务会议", "常务会议", ordinal, date, "赵一", "县长", span("会议", 10)
        ),
        participants=people,
        items=items,
    )


@pytest.fixture
def two_meetings(store_path):
    with Store(store_path) as st:
        st.replace_many([to_statements(meeting_record("one.txt", "2024-01-05", 1, "征求意见稿"))])
        second = meeting_record("two.txt", "2024-03-05", 2, "送审稿", extra=("周五",))
        st.replace_many([to_statements(second)])
    return store_path


def test_co_attendees_are_counted_across_meetings(two_meetings):
    got = sections(summary("person", "赵一", two_meetings))
    shared = {r["person"]: r["meetings_shared"] for r in got["Seen most often with"]}
    assert shared == {"钱二": 2, "孙三": 2, "周五": 1}
    first, last = got["First and last seen"]
    assert (first["date"], last["date"]) == ("2024-01-05", "2024-03-05")
    assert {r["role"] for r in got["Meetings by role"]} == {"chair", "present"}


def test_status_changes_along_a_document_timeline(two_meetings):
    rows = summary("document", "甲方案", two_meetings).sections[0].rows
    changes = [r["status_change"] for r in rows if "status_change" in r]
    assert changes == ["first seen as 征求意见稿", "征求意见稿 → 送审稿"]


def test_directives_to_a_unit_are_quoted_from_each_meeting(two_meetings):
    rows = sections(summary("unit", "县丙中心", two_meetings))["Directives addressed to it"]
    assert [(r["date"], r["quote"]) for r in rows] == [
        ("2024-01-05", "会议要求，县丙中心要抓好落实。"),
        ("2024-03-05", "会议要求，县丙中心要抓好落实。"),
    ]


def test_document_text_is_escaped_in_html(store_path):
    record = meeting_record("x.txt", "2024-01-05", 1, "送审稿")
    record.items[0].presenters = [Mention("<script>alert(1)</script>局")]
    with Store(store_path) as st:
        st.replace_many([to_statements(record)])
    page = render(summary("unit", "<script>alert(1)</script>局", store_path), "html")
    assert "<script>alert(1)" not in page
    assert "&lt;script&gt;alert(1)&lt;/script&gt;局" in page


# ---------------------------------------------------------------- formats and the command line


@pytest.mark.parametrize("fmt", ["md", "json", "csv", "html", "table"])
def test_formats_carry_the_same_rows(two_meetings, fmt):
    tables = summary("unit", "县乙局", two_meetings)
    text = render(tables, fmt)
    assert "印发" in text
    if fmt == "json":
        by_title = {s["title"]: s["rows"] for s in json.loads(text)["sections"]}
        assert by_title["Decisions on what it submitted"][0]["next_step"] == "印发"
    if fmt == "csv":
        rows = list(csv.DictReader(io.StringIO(text)))
        assert {r["section"] for r in rows} >= {"Items it reported on", "Decisions on what it submitted"}


def test_cli_summary_and_did_you_mean(corpus_store):
    runner = CliRunner()
    done = runner.invoke(main, ["summary", "unit", "县发改局", "--store", str(corpus_store)])
    assert done.exit_code == 0, done.output
    assert done.output.count("提请县委审议") >= 3
    wrong = runner.invoke(main, ["summary", "person", "李小东", "--store", str(corpus_store)])
    assert wrong.exit_code == 1
    assert "did you mean 李晓东" in wrong.output
