"""kg load --workers: worker processes read and parse, one writer; the store ends as with one worker."""

import shutil

from click.testing import CliRunner

from kg.cli import main
from kg.pipeline import load
from tests.conftest import MULTI
from tests.crashing import quads
from tests.many import write_minutes


def test_two_workers_write_what_one_writes(tmp_path, corpus_dir):
    folder = tmp_path / "minutes"
    write_minutes(folder, 12)
    shutil.copy(corpus_dir / "miluo-2025-standing-47.txt", folder)
    (folder / "broken.txt").write_bytes(b"\x00\x01\x02" * 2000)
    one, two = load([folder], tmp_path / "one", workers=1), load([folder], tmp_path / "two", workers=2)
    assert [(r.path, r.status, r.triples) for r in one.results] == [
        (r.path, r.status, r.triples) for r in two.results
    ]
    assert [r.path for r in two.failed] == [str(folder / "broken.txt")]  # the broken file costs only itself
    assert quads(tmp_path / "one") == quads(tmp_path / "two")
    again = load([folder], tmp_path / "two", workers=2)
    assert again.counts()["unchanged"] == len(again.results) - 1


def test_load_counts_and_lists_warnings(tmp_path):
    """An item that neither studies, hears nor reviews and decides nothing is a warning of its minutes."""
    folder = tmp_path / "minutes"
    folder.mkdir()
    shutil.copy(MULTI / "qinghe-2025-standing-11.txt", folder)
    shutil.copy(MULTI / "qinghe-2025-standing-10.txt", folder)
    result = CliRunner().invoke(main, ["load", str(folder), "--store", str(tmp_path / "s"), "--workers", "1"])
    assert result.exit_code == 0, result.output
    assert "kg: 1 documents with warnings (kg load --warnings lists them)" in result.stderr
    listed = CliRunner().invoke(main, ["load", str(folder), "--store", str(tmp_path / "t"), "--warnings"])
    assert "kg: warning: " in listed.stderr and "item_without_kind" in listed.stderr
    stats = CliRunner().invoke(main, ["stats", "--store", str(tmp_path / "s"), "--format", "json"])
    assert '"documents_with_warnings": 1' in stats.output
