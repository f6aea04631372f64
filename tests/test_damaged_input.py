"""Damaged and hostile input (issue 11): a trace of damage is read with a warning, a hostile file is
refused with one line, and nothing ends in a traceback.

Every case is a real file under ``tmp_path``, most of them a document of the shared corpus spoilt
the way the issue describes; the command line runs as a subprocess, as a user would run it.
"""

import codecs
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

from loaders.errors import InputError, InputWarning
from loaders.formats import read_source
from tests.conftest import one_line

KG = Path(sys.executable).with_name("kg")
CORPUS = Path(__file__).resolve().parent.parent.parent / "shared" / "corpus"


def kg(*args, cwd=None) -> subprocess.CompletedProcess:
    return subprocess.run([str(KG), *args], capture_output=True, text=True, cwd=cwd)


def test_numbered_line_in_a_text_of_preamble_only_is_parsed(tmp_path):
    """The fuzzer's one crash: ``（一）`` after nothing but preamble was an IndexError in items.py."""
    path = tmp_path / "m.txt"
    path.write_text("召开会议\n（一）以下意见\n", encoding="utf-8")
    done = kg("extract", str(path))
    assert "Traceback" not in done.stderr
    assert "IndexError" not in done.stderr
    assert done.returncode == 0 or one_line(done).startswith(f"kg: {path}: ")


def corpus_text() -> str:
    """One document of the shared corpus, whichever sorts first."""
    return sorted(CORPUS.glob("*.txt"))[0].read_text(encoding="utf-8")


def test_truncated_last_character_loads_with_a_warning(tmp_path):
    data = corpus_text().rstrip().encode("utf-8")[:-1]  # the last character, cut in the middle
    path = tmp_path / "cut.txt"
    path.write_bytes(data)
    with pytest.warns(InputWarning, match=rf"at byte offset {len(data) - 2}\b"):
        text = read_source(path).text
    assert text.endswith("\ufffd")
    done = kg("extract", str(path))
    assert done.returncode == 0, done.stderr
    assert done.stderr.strip().splitlines() == [
        f"kg: warning: {path}: 2 damaged bytes in this UTF-8 text, read as U+FFFD "
        f"(at byte offset {len(data) - 2})"
    ]
    assert '"meeting"' in done.stdout


def test_stray_byte_in_a_gbk_file_loads_with_a_warning(tmp_path):
    data = corpus_text().encode("gb18030")
    path = tmp_path / "gbk.txt"
    path.write_bytes(data[:300] + b"\xff" + data[300:])
    with pytest.warns(InputWarning, match="GB18030 text, read as U\\+FFFD \\(at byte offset 300\\)"):
        text = read_source(path).text
    assert "\ufffd" in text and len(text) >= len(corpus_text())


def test_utf16_cut_in_the_middle_of_a_character_loads_with_a_warning(tmp_path):
    data = codecs.BOM_UTF16_LE + corpus_text().encode("utf-16-le")
    path = tmp_path / "cut16.txt"
    path.write_bytes(data[:-1])
    with pytest.warns(InputWarning, match=rf"1 damaged byte in this UTF-16 text.*offset {len(data) - 2}\)"):
        assert read_source(path).text == corpus_text()[:-1] + "\ufffd"


@pytest.mark.parametrize("codec", ["utf-16-le", "utf-16-be"])
def test_utf16_without_a_byte_order_mark(tmp_path, codec):
    path = tmp_path / f"{codec}.txt"
    path.write_bytes(corpus_text().encode(codec))
    assert read_source(path).text == corpus_text()


def test_two_nul_bytes_at_the_start_reach_the_parser(tmp_path):
    path = tmp_path / "nul.txt"
    path.write_bytes(b"\x00\x00" + corpus_text().encode("utf-8"))
    done = kg("extract", str(path))
    assert done.returncode == 0, done.stderr
    assert "binary" not in done.stderr
    assert '"meeting"' in done.stdout and '"date": "2' in done.stdout


def test_form_feeds_and_a_nul_in_gbk_text_are_read(tmp_path):
    text = corpus_text().replace("\n", "\n\x0c", 3)
    path = tmp_path / "ff.txt"
    path.write_bytes(b"\x00" + text.encode("gb18030"))
    assert read_source(path).text == "\x00" + text


def test_much_damage_is_still_refused(tmp_path):
    data = bytearray(corpus_text().encode("utf-8"))
    data[::50] = b"\xff" * len(data[::50])
    path = tmp_path / "spoilt.txt"
    path.write_bytes(bytes(data))
    with pytest.raises(InputError, match="not text in UTF-8"):
        read_source(path)


def test_nul_bytes_in_a_large_share_are_binary(tmp_path):
    path = tmp_path / "blob.txt"
    path.write_bytes((corpus_text().encode("utf-8") + b"\x00" * 40) * 3)
    with pytest.raises(InputError, match="binary file"):
        read_source(path)


def test_deep_html_nesting_is_refused_in_one_line(tmp_path):
    """80,000 levels (894 KB) took 41 s, quadratic in depth; now it is refused before parsing."""
    path = tmp_path / "deep.html"
    path.write_text("<html><body>" + "<div>" * 80_000 + corpus_text() + "</div>" * 80_000, encoding="utf-8")
    line = one_line(kg("extract", str(path)))
    assert line == f"kg: {path}: HTML nested 80,000 elements deep (more than 1,000): not a page of minutes"


def test_html_nested_within_the_bound_reads(tmp_path):
    path = tmp_path / "nested.html"
    body = "".join(f"<p>{line}</p>" for line in corpus_text().splitlines())
    path.write_text("<html><body>" + "<div>" * 900 + body + "</div>" * 900, encoding="utf-8")
    lines = [line.strip() for line in corpus_text().splitlines() if line.strip()]
    assert read_source(path).text == "\n".join(lines)


def docx_inflating_to(path: Path, megabytes: int) -> Path:
    """A real .docx (python-docx's own) whose document.xml is padded to ``megabytes`` of paragraphs
    of one repeated sentence: a few hundred KB that inflate a thousand-fold, as a zip bomb does."""
    import docx

    document = docx.Document()
    document.add_paragraph(corpus_text().splitlines()[0])
    plain = path.with_suffix(".plain.docx")
    document.save(plain)
    paragraph = b"<w:p><w:r><w:t>a</w:t></w:r></w:p>"
    with zipfile.ZipFile(plain) as source, zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as bomb:
        for member in source.infolist():
            data = source.read(member)
            if member.filename == "word/document.xml":
                padding = paragraph * (megabytes * 1_000_000 // len(paragraph))
                data = data.replace(b"<w:sectPr", padding + b"<w:sectPr", 1)
            bomb.writestr(member, data)
    return path


def test_docx_zip_bomb_is_refused_with_little_memory(tmp_path):
    """1.2 MB inflating to 300 MB drove kg extract to 7.9 GB and a MemoryError traceback."""
    path = docx_inflating_to(tmp_path / "bomb.docx", 300)
    assert path.stat().st_size < 2_000_000
    measure = (
        "import resource, subprocess, sys\n"
        "done = subprocess.run(sys.argv[1:], capture_output=True, text=True)\n"
        "print(resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss)\n"
        "sys.stderr.write(done.stderr)\n"
        "sys.exit(done.returncode)\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", measure, str(KG), "extract", str(path)], capture_output=True, text=True
    )
    line = one_line(done)
    assert line.startswith(f"kg: {path}: not read: its parts inflate to 30")
    assert line.endswith(" MB, over the 25 MB a .docx may hold (a zip bomb?)")
    assert int(done.stdout) * 1024 < 1_000_000_000  # ru_maxrss is in KiB


def test_docx_member_inflating_too_far_is_refused(tmp_path):
    path = docx_inflating_to(tmp_path / "ratio.docx", 5)
    with pytest.raises(InputError, match=r"its part word/document\.xml inflates [\d,]+ times"):
        read_source(path)
