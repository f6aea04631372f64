"""Minutes of governments and layouts the corpus does not have, scored by the shared scorer.

The documents under ``tests/data/unseen`` are invented in the genre (names and units made up),
each with the facts a careful reader finds in it written down by hand before the parser ran on it.
They stand for the minutes the project will meet next: if a layout rule only fits the corpus, these
fail.
"""

import json
import subprocess
import sys
from pathlib import Path

import pytest

from loaders.minutes import parse_minutes
from loaders.reading import read_minutes
from tests.conftest import SCORER

UNSEEN = Path(__file__).parent / "data" / "unseen"
NAMES = sorted(p.name.removesuffix(".expected.json") for p in UNSEEN.glob("*.expected.json"))


def _source(name: str) -> Path:
    (found,) = (p for p in UNSEEN.glob(f"{name}.*") if not p.name.endswith(".expected.json"))
    return found


@pytest.mark.parametrize("name", NAMES)
def test_unseen_document_scores(name, tmp_path):
    record = read_minutes(_source(name)).to_dict()
    actual = tmp_path / f"{name}.json"
    actual.write_text(json.dumps(record, ensure_ascii=False), encoding="utf-8")
    run = subprocess.run(
        [sys.executable, str(SCORER), str(UNSEEN / f"{name}.expected.json"), str(actual), "--min", "0.95"],
        capture_output=True,
        text=True,
    )
    assert run.returncode == 0, run.stdout + run.stderr


def test_there_are_unseen_layouts():
    assert len(NAMES) >= 6


@pytest.mark.parametrize("name", NAMES)
def test_hand_counts_agree_with_hand_lists(name):
    """The counts written by hand are the sums of what was written by hand (a slip here would score
    the parser against a wrong number)."""
    expected = json.loads((UNSEEN / f"{name}.expected.json").read_text(encoding="utf-8"))
    items = expected.get("items", [])
    assert expected["counts"] == {
        "items": len(items),
        "decisions": sum(len(item.get("decisions", [])) for item in items),
        "participants": sum(len(names) for names in expected.get("participants", {}).values()),
    }


@pytest.mark.parametrize(
    "body",
    [
        "议题一：关于预算执行情况\n会议听取了县财政局关于预算执行情况的汇报。\n议题二：关于某某县管理办法\n"
        "会议审议并原则同意《某某县管理办法》。\n",
        "第一项，会议听取了县财政局关于预算执行情况的汇报。\n第二项，会议审议并原则同意《某某县管理办法》。\n",
        "【议题一】关于预算执行情况\n会议听取了县财政局关于预算执行情况的汇报。\n【议题二】关于某某县管理办法\n"
        "会议审议并原则同意《某某县管理办法》。\n",
        "（1）会议听取了县财政局关于预算执行情况的汇报。\n（2）会议审议并原则同意《某某县管理办法》。\n",
        "■会议听取了县财政局关于预算执行情况的汇报。\n■会议审议并原则同意《某某县管理办法》。\n",
    ],
)
def test_items_numbered_by_topic_after_lists(body):
    """Numbering styles none of the layouts above uses (议题一：, 第一项，), after lists that must not
    swallow the first item."""
    opening = "2025年9月3日，县长王大明主持召开县政府第12次常务会议。\n"
    raw = f"{opening}出席：王大明 李小红\n列席：县财政局 赵四\n{body}"
    minutes = parse_minutes(raw, "topics.txt")
    assert [item.kind for item in minutes.items] == ["report", "review"]
    assert [p.name for p in minutes.participants] == ["王大明", "李小红", "赵四"]
