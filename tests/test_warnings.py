"""The parser says what it could not place: each record's ``warnings``, a code and a span each.

Minutes read fully carry none; each gap (no chair, no date, an attendance list naming nobody, an
item without a kind, a paragraph that yields nothing) and each repair of a date raises its own.
"""

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from kg.cli import main
from loaders.minutes import parse_minutes
from loaders.reading import read_minutes
from loaders.record import WARNINGS
from tests.conftest import CORPUS, CORPUS_NAMES

UNSEEN = Path(__file__).parent / "data" / "unseen"
REAL = Path(__file__).parent / "data" / "real"
OPENING = "2025年3月4日，县长王大明主持召开县政府第5次常务会议。\n"


def _source(folder: Path, name: str) -> Path:
    (found,) = (p for p in folder.glob(f"{name}.*") if not p.name.endswith(".expected.json"))
    return found


def _allowed(expected: dict) -> set[str]:
    """The warnings a document may carry by what a careful reader wrote down for it: a gap the
    reader found too (no date, no chair, an item of no kind that decides nothing)."""
    meeting = expected.get("meeting", {})
    allowed = {"no_meeting_date"} - ({"no_meeting_date"} if "date" in meeting else set())
    allowed |= set() if "chair" in meeting else {"no_chair"}
    if any(i.get("kind") == "other" and not i.get("decisions") for i in expected.get("items", [])):
        allowed.add("item_without_kind")
    return allowed


DOCUMENTS = [(CORPUS, name) for name in CORPUS_NAMES] + [
    (UNSEEN, p.name.removesuffix(".expected.json")) for p in sorted(UNSEEN.glob("*.expected.json"))
]


@pytest.mark.parametrize(("folder", "name"), DOCUMENTS, ids=[name for _, name in DOCUMENTS])
def test_documents_read_fully_have_no_warnings_they_should_not(folder, name):
    expected = json.loads((folder / f"{name}.expected.json").read_text(encoding="utf-8"))
    codes = {w.code for w in read_minutes(_source(folder, name)).warnings}
    assert codes <= _allowed(expected)


def _codes(raw: str) -> list[str]:
    return [w.code for w in parse_minutes(raw, "a.txt").warnings]


def test_minutes_read_fully_have_none():
    raw = (
        OPENING
        + "出席：王大明 李小红\n一、会议听取了县财政局关于预算执行情况的汇报。\n"
        + "会议原则同意《某县预算方案》。\n"
    )
    assert _codes(raw) == []


@pytest.mark.parametrize(
    ("raw", "code"),
    [
        ("2025年3月4日，县政府召开第5次常务会议。\n会议听取了县财政局关于预算的汇报。\n", "no_chair"),
        ("县长王大明主持召开县政府第5次常务会议。\n会议听取了县财政局关于预算的汇报。\n", "no_meeting_date"),
        (
            "某县政府第5次常务会议召开\n日期：2025-03-06\n4日，县长王大明主持召开县政府第5次常务会议。\n",
            "date_day_only",
        ),
        (
            "2025年1127日，县长王大明主持召开县政府第5次常务会议。\n会议听取了县财政局关于预算的汇报。\n",
            "date_lost_month",
        ),
        (
            "2025年111日，县长王大明主持召开县政府第5次常务会议。\n会议听取了县财政局关于预算的汇报。\n",
            "date_ambiguous",
        ),
        (OPENING + "出席：\n会议听取了县财政局关于预算的汇报。\n", "attendance_without_names"),
        (OPENING + "会议听取了县财政局关于预算的汇报。\n会议研究了有关人事事项。\n", "item_without_kind"),
        (OPENING + "会议听取了县财政局关于预算的汇报。\n扫码关注 微信公众号\n", "paragraph_without_fact"),
    ],
    ids=lambda v: v if v in WARNINGS else "",
)
def test_each_gap_or_repair_raises_its_warning(raw, code):
    assert code in _codes(raw)


def test_a_repaired_date_is_read():
    minutes = parse_minutes(
        "2025年1127日，县长王大明主持召开县政府第5次常务会议。\n会议听取了汇报。\n", "a.txt"
    )
    assert minutes.meeting.date == "2025-11-27"
    ambiguous = parse_minutes(
        "2025年111日，县长王大明主持召开县政府第5次常务会议。\n会议听取了汇报。\n", "a.txt"
    )
    assert ambiguous.meeting.date is None


def test_real_web_reports_raise_theirs():
    """A real report dated by its day only, and a page whose petition box sits under the report."""
    assert "date_day_only" in [w.code for w in read_minutes(REAL / "jurong-city-32.txt").warnings]
    assert [w.code for w in read_minutes(REAL / "weibin-district-21.txt").warnings] == [
        "paragraph_without_fact"
    ]


def test_warnings_carry_the_span_they_are_about():
    raw = OPENING + "会议听取了县财政局关于预算的汇报。\n扫码关注 微信公众号\n"
    (warning,) = parse_minutes(raw, "a.txt").warnings
    assert raw[warning.span.start : warning.span.end] == "扫码关注 微信公众号"


def test_kg_extract_prints_them_on_stderr_and_in_the_json(tmp_path):
    path = tmp_path / "report.txt"
    path.write_text(
        "县长王大明主持召开县政府第5次常务会议。\n会议听取了县财政局关于预算的汇报。\n", encoding="utf-8"
    )
    result = CliRunner().invoke(main, ["extract", str(path)])
    assert result.exit_code == 0
    record = json.loads(result.stdout)
    assert [w["code"] for w in record["warnings"]] == ["no_meeting_date"]
    (line,) = result.stderr.splitlines()
    assert line.startswith("kg: warning: report.txt:0-") and "no_meeting_date" in line


def test_control_bytes_at_a_page_break_are_stripped():
    """Two NUL bytes at the start and an escape byte inside a name, as PDF text has them."""
    raw = "\x00\x00" + OPENING + "出席：王\x1b大明 李小红\n会议听取了县财政局关于预算的汇报。\n"
    minutes = parse_minutes(raw, "a.txt")
    assert minutes.meeting.chair == "王大明" and minutes.meeting.date == "2025-03-04"
    assert [p.name for p in minutes.participants] == ["王大明", "李小红"]
    assert minutes.warnings == []
