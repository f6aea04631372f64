"""A folder of minutes often holds other files: a README about them is refused, the minutes load."""

import pytest

from kg.pipeline import load
from loaders import read_minutes
from loaders.errors import NotMinutesError


def test_an_english_text_quoting_minutes_is_not_minutes(corpus_dir):
    with pytest.raises(NotMinutesError, match=r"README\.md: the text is mostly not Chinese"):
        read_minutes(corpus_dir / "README.md")


def test_loading_the_corpus_folder_refuses_its_readme_and_loads_the_minutes(corpus_dir, store_path):
    report = load([str(corpus_dir)], store_path)
    assert [r.path.rsplit("/", 1)[-1] for r in report.failed] == ["README.md"]
    assert report.counts()["loaded"] == len(list(corpus_dir.glob("*.txt")))
