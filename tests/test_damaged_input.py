"""Damaged and hostile input (issue 11): a trace of damage is read with a warning, a hostile file is
refused with one line, and nothing ends in a traceback.

Every case is a real file under ``tmp_path``, most of them a document of the shared corpus spoilt
the way the issue describes; the command line runs as a subprocess, as a user would run it.
"""

import subprocess
import sys
from pathlib import Path

KG = Path(sys.executable).with_name("kg")


def kg(*args, cwd=None) -> subprocess.CompletedProcess:
    return subprocess.run([str(KG), *args], capture_output=True, text=True, cwd=cwd)


def one_line(done: subprocess.CompletedProcess) -> str:
    """The failure's message: exit non-zero, exactly one line on stderr, no traceback."""
    assert done.returncode != 0
    assert "Traceback" not in done.stderr
    lines = done.stderr.strip().splitlines()
    assert len(lines) == 1, done.stderr
    return lines[0]


def test_numbered_line_in_a_text_of_preamble_only_is_parsed(tmp_path):
    """The fuzzer's one crash: ``（一）`` after nothing but preamble was an IndexError in items.py."""
    path = tmp_path / "m.txt"
    path.write_text("召开会议\n（一）以下意见\n", encoding="utf-8")
    done = kg("extract", str(path))
    assert "Traceback" not in done.stderr
    assert "IndexError" not in done.stderr
    assert done.returncode == 0 or one_line(done).startswith(f"kg: {path}: ")
