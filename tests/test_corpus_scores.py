"""The corpus scores, by the shared scorer run as a subprocess on what `kg extract` would print."""

import json
import subprocess
import sys

import pytest

from loaders.minutes import parse_minutes
from tests.conftest import CORPUS_NAMES, SCORER, SEED


@pytest.mark.parametrize("name", CORPUS_NAMES)
def test_corpus_document_scores(name, corpus_dir, tmp_path):
    source = corpus_dir / f"{name}.txt"
    record = parse_minutes(source.read_text(encoding="utf-8"), source.name).to_dict()
    actual = tmp_path / f"{name}.json"
    actual.write_text(json.dumps(record, ensure_ascii=False), encoding="utf-8")
    minimum = "0.98" if name == SEED else "0.95"
    expected = corpus_dir / f"{name}.expected.json"
    run = subprocess.run(
        [sys.executable, str(SCORER), str(expected), str(actual), "--min", minimum],
        capture_output=True,
        text=True,
    )
    assert run.returncode == 0, run.stdout + run.stderr


def test_the_whole_corpus_is_scored():
    assert SEED in CORPUS_NAMES and len(CORPUS_NAMES) >= 5
