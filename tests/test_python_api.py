"""The Python API as a notebook uses it: docs/python.md's example runs as written, and a notebook that
keeps reading does not lock the command line out of the store."""

import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

import kg
from kg.stores import opened
from tests.conftest import ROOT

DOC = ROOT / "docs" / "python.md"
KG = str(Path(sys.executable).with_name("kg"))


def test_the_example_of_docs_python_md_runs(tmp_path, monkeypatch, capsys):
    (code,) = re.findall(r"```python\n(.*?)```", DOC.read_text(encoding="utf-8"), re.S)
    shutil.copytree(ROOT / "examples", tmp_path / "examples")
    monkeypatch.chdir(tmp_path)
    exec(compile(code, str(DOC), "exec"), {})
    printed = capsys.readouterr().out
    meetings = len(list((ROOT / "examples" / "minutes").glob("*.txt")))
    assert printed.startswith(f"{meetings} meetings, the first on ")


def test_reading_from_python_leaves_the_command_line_free(tmp_path):
    store = tmp_path / "store"
    examples = sorted((ROOT / "examples" / "minutes").glob("*.txt"))
    assert kg.load([str(examples[0])], store)["loaded"] == 1
    with opened(store) as notebook:  # read-only, held open as a notebook's kernel would
        meeting = kg.tables(notebook)["meetings"][0]["meeting"]
        before = kg.to_networkx(notebook).number_of_nodes()
        done = subprocess.run(
            [KG, "load", str(examples[1]), "--store", str(store)],
            capture_output=True, text=True,
        )  # fmt: skip
        assert done.returncode == 0, done.stderr
        assert kg.ask("meeting-attendance", notebook, meeting=meeting)
    assert len(kg.tables(store)["meetings"]) == 2
    assert kg.to_networkx(store).number_of_nodes() > before


def test_an_unknown_government_is_a_kg_error(tmp_path):
    store = tmp_path / "store"
    kg.load([str(ROOT / "examples" / "minutes")], store)
    with pytest.raises(kg.KGError, match="no government of that name"):
        kg.tables(store, government="no such government")
