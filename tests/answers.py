"""What kg answers over the project's own minutes (``tests/data/multi`` and ``tests/data/layouts``):
every saved question for every value of its parameter, the Neo4j import files (the projection: every
node, edge and property) and the tables of the record.

``tests/data/answers/`` holds these as the store layout before the lean graph of issue 13 wrote
them (layout 3); ``tests/test_answers.py`` checks that the layout of today gives the same. A change
meant to change an answer rewrites them, and its diff shows what changed:

    .venv/bin/python tests/answers.py tests/data/answers
"""

from __future__ import annotations

import subprocess
import sys
import tempfile
from pathlib import Path

DATA = Path(__file__).resolve().parent / "data"
MINUTES = [DATA / "multi", DATA / "layouts"]
KG = Path(sys.executable).with_name("kg")


def write_answers(out: Path) -> list[Path]:
    """Load the minutes into a fresh store and write what kg answers into ``out``; the files written."""
    out.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory() as scratch:
        store = str(Path(scratch) / "store")
        _kg("load", *MINUTES, "--store", store)
        answers = _kg("ask", "--all", "--format", "json", "--store", store)
        (out / "questions.json").write_text(answers, encoding="utf-8")
        _kg("export", "--format", "csv", "--store", store, "--out", out / "neo4j")
        _kg("export", "--format", "tables", "--store", store, "--out", out / "tables")
    return sorted(p for p in out.rglob("*") if p.is_file())


def _kg(*args) -> str:
    done = subprocess.run([KG, *map(str, args)], capture_output=True, text=True, encoding="utf-8")
    if done.returncode != 0:
        raise RuntimeError(f"kg {' '.join(map(str, args))}: {done.stderr.strip()}")
    return done.stdout


if __name__ == "__main__":
    for path in write_answers(Path(sys.argv[1])):
        print(path)
