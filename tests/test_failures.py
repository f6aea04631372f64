"""Every failure is one line naming what and why, never a traceback (issue 11, point 11).

Each case is the issue's own: the command runs as a subprocess, as a user would, under the limit
that makes it fail (RLIMIT_FSIZE as ``ulimit -f`` sets it, RLIMIT_AS as ``ulimit -v``), and its
stderr must be exactly one line. Libraries' own warnings (pypdf's "EOF marker not found", rdflib's
IRI warning) must not reach the terminal.
"""

import resource
import subprocess
import sys
from pathlib import Path

from test_formats import write_pdf

from tests.conftest import one_line

KG = Path(sys.executable).with_name("kg")
ROOT = Path(__file__).resolve().parent.parent
CORPUS = ROOT.parent / "shared" / "corpus"


def kg(*args, fsize=None, memory=None) -> subprocess.CompletedProcess:
    def limited():
        if fsize:
            resource.setrlimit(resource.RLIMIT_FSIZE, (fsize, fsize))
        if memory:
            resource.setrlimit(resource.RLIMIT_AS, (memory, memory))

    return subprocess.run([str(KG), *args], capture_output=True, text=True, preexec_fn=limited)


def test_file_size_limit_hit_while_loading(tmp_path):
    """Three chained tracebacks before: the store's write failed as the load closed it."""
    store = tmp_path / "store"
    files = [str(p) for p in sorted(CORPUS.glob("*.txt")) + sorted((ROOT / "tests/data/multi").glob("*.txt"))]
    line = one_line(kg("load", *files, "--store", str(store), fsize=100_000))
    assert line.startswith("kg: ") and "File too large" in line and str(store) in line


def test_running_out_of_memory(tmp_path):
    text = sorted(CORPUS.glob("*.txt"))[0].read_text(encoding="utf-8")
    path = tmp_path / "long.txt"
    path.write_text(text * (5_000_000 // len(text)), encoding="utf-8")
    line = one_line(kg("extract", str(path), memory=300_000_000))
    assert line.startswith("kg: out of memory in kg extract")


def test_pypdf_warnings_stay_off_the_terminal(tmp_path):
    lines = ["县政府第一次常务会议纪要", "会议原则同意《某办法》。"] * 40
    data = write_pdf(tmp_path / "whole.pdf", lines).read_bytes()
    path = tmp_path / "cut.pdf"
    path.write_bytes(data[: len(data) * 3 // 4])
    done = kg("extract", str(path))
    assert "EOF marker" not in done.stderr
    assert one_line(done).startswith(f"kg: {path}: ")


def test_rdflib_warnings_stay_off_the_terminal(tmp_path):
    store = tmp_path / "store"
    assert kg("load", str(sorted(CORPUS.glob("*.txt"))[0]), "--store", str(store)).returncode == 0
    done = kg("sparql", "SELECT ?x WHERE { BIND(?x AS ?y) }", "--param", "x=<a b>", "--store", str(store))
    assert "does not look like a valid URI" not in done.stderr
    assert one_line(done).startswith("kg: a query parameter is not a valid term")


def test_http_uri_for_neo4j_is_one_line():
    """A traceback about aiohttp before: the driver took http:// for its HTTP query API."""
    line = one_line(kg("cypher", "RETURN 1", "--uri", "http://127.0.0.1:7474"))
    assert line.startswith("kg: http://127.0.0.1:7474 is not a Neo4j Bolt address")
