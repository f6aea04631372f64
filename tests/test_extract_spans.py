"""`kg extract --spans`: every fact printed with where it was read, and the offsets lead back to it."""

import json
import re

import pytest
from click.testing import CliRunner

from kg.cli import main
from tests.conftest import CORPUS_NAMES

HAN = re.compile(r"[\u3400-\u9fff]")


def spans_of(value):
    """Every ``span`` object anywhere in a record."""
    if isinstance(value, dict):
        if "span" in value:
            yield value["span"]
        for inner in value.values():
            yield from spans_of(inner)
    elif isinstance(value, list):
        for inner in value:
            yield from spans_of(inner)


@pytest.mark.parametrize("name", CORPUS_NAMES)
def test_every_span_quotes_the_original_text(corpus_dir, name):
    path = corpus_dir / f"{name}.txt"
    result = CliRunner().invoke(main, ["extract", "--spans", str(path)])
    assert result.exit_code == 0, result.output
    record = json.loads(result.output)
    raw = path.read_text(encoding="utf-8")
    spans = list(spans_of(record))
    assert len(record["attendance"]) == record["counts"]["participants"]
    assert len(spans) >= record["counts"]["items"] + record["counts"]["decisions"] + 1
    for span in spans:
        original = raw[span["start"] : span["end"]]
        # normalisation folds width, drops padding spaces and joins lines; the Chinese stays
        assert HAN.findall(original) == HAN.findall(span["text"]), span


def test_without_spans_the_record_keeps_the_readme_shape(corpus_dir):
    path = corpus_dir / f"{CORPUS_NAMES[0]}.txt"
    record = json.loads(CliRunner().invoke(main, ["extract", str(path)]).output)
    assert "attendance" not in record and not list(spans_of(record))
