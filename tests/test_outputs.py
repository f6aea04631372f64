"""Files the commands write (issue 11, points 3 and 7): a failed write leaves the previous good file
as it was, a missing folder or a full device is one line, and Markdown shows a document's markup as
text.

The failed write is a real one: the command runs as a subprocess under a file-size limit
(RLIMIT_FSIZE, what ``ulimit -f`` sets), large enough for the store to open and smaller than the
output, so the write fails half-way as it would on a full disk.
"""

import os
import re
import resource
import subprocess
import sys
from pathlib import Path

import pytest

from kg.outputs import OutputError, replacing
from kg.report import report
from kg.sections import render
from kg.store import Store
from kg.stores import opened
from kg.summaries import summary
from loaders.rdf import to_statements
from loaders.record import Decision, Item, Meeting, Mention, Minutes, Participant, Span

KG = Path(sys.executable).with_name("kg")
CORPUS = Path(__file__).resolve().parent.parent.parent / "shared" / "corpus"
LIMIT = 200_000
"""Bytes any one file of the command may reach: the store opens, the outputs below are larger."""


def kg(*args, limit=None) -> subprocess.CompletedProcess:
    def limited():
        resource.setrlimit(resource.RLIMIT_FSIZE, (limit, limit))

    return subprocess.run(
        [str(KG), *args], capture_output=True, text=True, preexec_fn=limited if limit else None
    )


def one_line(done: subprocess.CompletedProcess) -> str:
    assert done.returncode != 0
    assert "Traceback" not in done.stderr
    lines = done.stderr.strip().splitlines()
    assert len(lines) == 1, done.stderr
    return lines[0]


LARGE_OUTPUTS = {
    "viz": ["viz", "--out"],
    "nt": ["export", "--format", "nt", "--out"],
    "graphml": ["export", "--format", "graphml", "--out"],
}


@pytest.mark.parametrize("name", sorted(LARGE_OUTPUTS))
def test_a_failed_write_keeps_the_previous_file(corpus_store, tmp_path, name):
    target = tmp_path / f"out.{name}"
    command = [*LARGE_OUTPUTS[name], str(target), "--store", str(corpus_store)]
    done = kg(*command)
    assert done.returncode == 0, done.stderr
    good = target.read_bytes()
    assert len(good) > LIMIT
    line = one_line(kg(*command, limit=LIMIT))
    assert line == f"kg: {target}: cannot be written: File too large (the previous file is unchanged)"
    assert target.read_bytes() == good
    assert sorted(p.name for p in tmp_path.iterdir()) == [target.name]  # no temporary file left


WRITERS = {
    "viz": ["viz", "--out"],
    "export": ["export", "--format", "ttl", "--out"],
    "report": ["report", "--out"],
    "summary": ["summary", "meeting", sorted(CORPUS.glob("*.txt"))[0].name, "--out"],
    "analyze": ["analyze", "--out"],
}


@pytest.mark.parametrize("name", sorted(WRITERS))
def test_a_missing_folder_is_one_line(corpus_store, tmp_path, name):
    target = tmp_path / "missing" / ("out.md" if name in ("report", "summary", "analyze") else "out.x")
    line = one_line(kg(*WRITERS[name], str(target), "--store", str(corpus_store)))
    assert line == f"kg: {target}: the folder {target.parent} does not exist"


@pytest.mark.parametrize("name", ["viz", "export", "analyze"])
def test_a_full_device_is_one_line(corpus_store, name):
    line = one_line(kg(*WRITERS[name], "/dev/full", "--store", str(corpus_store)))
    assert line == "kg: /dev/full: cannot be written: No space left on device"


def test_an_error_while_writing_leaves_no_trace(tmp_path):
    target = tmp_path / "page.html"
    target.write_text("good", encoding="utf-8")
    with pytest.raises(ZeroDivisionError), replacing(target) as stream:
        stream.write(b"half a page")
        raise ZeroDivisionError
    assert target.read_text(encoding="utf-8") == "good"
    assert [p.name for p in tmp_path.iterdir()] == ["page.html"]
    with pytest.raises(OutputError, match=r"folder .* does not exist"), replacing(tmp_path / "no" / "x"):
        pass


def test_a_new_file_gets_the_usual_permissions(tmp_path):
    umask = os.umask(0o022)
    os.umask(umask)
    with replacing(tmp_path / "new.html") as stream:
        stream.write(b"x")
    assert (tmp_path / "new.html").stat().st_mode & 0o777 == 0o666 & ~umask


# ---------------------------------------------------------------- Markdown (point 7)

EVIL = "<img src=x onerror=alert(1)>[link](javascript:alert(1))![t](http://tracker.example/p.png)**b**|"


@pytest.fixture
def evil_store(store_path):
    record = Minutes(
        source="evil.txt",
        body="某县人民政府",
        meeting=Meeting(
            "县政府第1次常务会议", "常务会议", 1, "2024-01-05", f"{EVIL}甲", span=Span(0, 2, "会议")
        ),
        participants=[Participant(f"{EVIL}甲", "present", span=Span(3, 5, EVIL))],
        items=[
            Item(
                1,
                "review",
                presenters=[Mention(f"{EVIL}局")],
                decisions=[Decision("approved", next_step=f"{EVIL}印发", span=Span(6, 8, EVIL))],
            )
        ],
    )
    with Store(store_path) as st:
        st.replace_many([to_statements(record)])
    return store_path


def assert_no_markup(markdown: str) -> None:
    """Every markup character of the document stands escaped, so nothing renders as tag, link or image."""
    assert EVIL not in markdown
    for raw in ("<img", "](javascript:", "![t](", "*b"):
        assert not re.search(r"(?<!\\)" + re.escape(raw), markdown), raw
    assert "\\<img src=x onerror=alert(1)\\>\\[link\\](javascript:alert(1))\\!\\[t\\]" in markdown


def test_markdown_report_escapes_document_text(evil_store, tmp_path):
    assert_no_markup(Path(report(evil_store, tmp_path / "r.md")).read_text(encoding="utf-8"))


def test_markdown_summary_escapes_document_text(evil_store):
    with opened(evil_store) as st:
        markdown = render(summary("unit", f"{EVIL}局", st), "md")
    assert_no_markup(markdown)
    assert markdown.startswith("# ") and "\\|" in markdown
