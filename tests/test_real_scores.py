"""Real records of standing meetings of governments the corpus does not have, scored by the shared
scorer on what `kg extract` prints.

The documents under ``tests/data/real`` are public pages of eleven governments (most of them web
reports of a meeting, the commonest public form of these records), each with the facts written
down by hand before the parser ran on it; ``tests/data/real/README.md`` says where each came from.
They keep the parser general: a rule that only fits the corpus or the invented layouts fails here.
"""

import json
import re
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

from kg.cli import main
from tests.conftest import SCORER

REAL = Path(__file__).parent / "data" / "real"
NAMES = sorted(p.name.removesuffix(".expected.json") for p in REAL.glob("*.expected.json"))


@pytest.mark.parametrize("name", NAMES)
def test_real_document_scores(name, tmp_path):
    result = CliRunner().invoke(main, ["extract", str(REAL / f"{name}.txt")])
    assert result.exit_code == 0, result.output
    actual = tmp_path / f"{name}.json"
    actual.write_text(result.stdout, encoding="utf-8")
    run = subprocess.run(
        [sys.executable, str(SCORER), str(REAL / f"{name}.expected.json"), str(actual), "--min", "0.90"],
        capture_output=True,
        text=True,
    )
    assert run.returncode == 0, run.stdout + run.stderr


def test_there_are_ten_real_documents_three_of_them_web_reports():
    rows = [
        line
        for line in (REAL / "README.md").read_text(encoding="utf-8").splitlines()
        if line.startswith("| `")
    ]
    listed = {re.match(r"\| `([^`]+)\.txt`", row)[1] for row in rows}
    assert listed == set(NAMES) and len(NAMES) >= 10
    assert sum("web report" in row for row in rows) >= 3
    assert all("http" in row for row in rows), "each document says where it came from"


@pytest.mark.parametrize("name", NAMES)
def test_hand_counts_agree_with_hand_lists(name):
    expected = json.loads((REAL / f"{name}.expected.json").read_text(encoding="utf-8"))
    items = expected.get("items", [])
    assert expected["counts"] == {
        "items": len(items),
        "decisions": sum(len(item.get("decisions", [])) for item in items),
        "participants": sum(len(names) for names in expected.get("participants", {}).values()),
    }
