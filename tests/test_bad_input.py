"""Bad input gets one clear line naming the file and what is wrong with it, and nothing else happens.

Each case is a real file under ``tmp_path``; the 50 MB file is sparse, so it costs no time to make,
and the size check refuses it before reading a byte.
"""

import random
import zipfile

import pytest
from test_formats import write_docx, write_pdf, write_scanned_pdf

from loaders import read_minutes
from loaders.errors import InputError, InputWarning, KGError, NotMinutesError
from loaders.formats import DEFAULT_MAX_BYTES, read_source

MINUTES = [
    "县政府第一次常务会议纪要",
    "2025年1月2日，县长张某主持召开县政府第一次常务会议。",
    "会议原则同意《某办法》。",
]


def refused(path, name=None, **options) -> str:
    """The message :func:`read_source` refuses ``path`` with; it names the file, on one line."""
    with pytest.raises(InputError) as error:
        read_source(path, **options)
    path = name or path
    message = str(error.value)
    assert message.startswith(f"{path}: ")
    assert "\n" not in message
    assert error.value.path == str(path)
    return message


def test_empty_file(tmp_path):
    path = tmp_path / "empty.txt"
    path.write_bytes(b"")
    assert refused(path).endswith("empty file (0 bytes)")


def test_blank_file(tmp_path):
    path = tmp_path / "blank.md"
    path.write_text(" \n\u3000\n\t", encoding="utf-8")
    assert "no text" in refused(path)


def test_binary_file_with_nul_bytes(tmp_path):
    path = tmp_path / "image.txt"
    path.write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)) * 8)
    assert "binary file" in refused(path)


def test_random_bytes_without_nul_are_not_text(tmp_path):
    noise = random.Random(7).randbytes(4096).replace(b"\x00", b"\x01")
    path = tmp_path / "noise.txt"
    path.write_bytes(noise)
    assert "not text in UTF-8 (bad byte at offset" in refused(path)


def test_utf8_with_a_broken_byte_is_not_taken_for_gbk(tmp_path):
    """GB18030 decodes UTF-8 bytes without error; the mojibake must not be parsed: the file reads as
    UTF-8 with the stray byte replaced, and a warning says where it was (issue 11)."""
    data = "\n".join(MINUTES * 20).encode("utf-8")
    path = tmp_path / "broken.txt"
    path.write_bytes(data[:100] + b"\xff" + data[100:])
    with pytest.warns(InputWarning, match="at byte offset 100"):
        text = read_source(path).text
    assert text == data[:100].decode() + "\ufffd" + data[100:].decode()


def test_gbk_file_reads(tmp_path):
    path = tmp_path / "gbk.txt"
    path.write_bytes("\r\n".join(MINUTES).encode("gbk"))
    assert read_source(path).text == "\n".join(MINUTES)


def test_big5_file_reads(tmp_path):
    text = "\n".join(
        ["縣政府第一次常務會議紀要", "會議聽取了縣財政局關於預算執行情況的匯報，原則同意。"] * 10
    )
    path = tmp_path / "big5.txt"
    path.write_bytes(text.encode("big5"))
    assert read_source(path).text == text


def test_file_over_the_size_limit(tmp_path):
    path = tmp_path / "huge.txt"
    with path.open("wb") as f:
        f.truncate(50_000_000)
    message = refused(path)
    assert "too large: 50 MB is over the 20 MB limit" in message
    assert "KG_MAX_BYTES" in message
    assert DEFAULT_MAX_BYTES == 20_000_000


def test_size_limit_by_keyword_and_environment(tmp_path, monkeypatch):
    path = tmp_path / "small.txt"
    path.write_text("\n".join(MINUTES), encoding="utf-8")
    assert "over the 10 bytes limit" in refused(path, max_bytes=10)
    monkeypatch.setenv("KG_MAX_BYTES", "20")
    assert "over the 20 bytes limit" in refused(path)
    assert read_source(path, max_bytes=1000).text == "\n".join(MINUTES)
    monkeypatch.setenv("KG_MAX_BYTES", "lots")
    with pytest.raises(KGError, match="KG_MAX_BYTES must be a whole number of bytes, not 'lots'"):
        read_source(path)


def test_size_limit_holds_for_open_files(tmp_path):
    path = tmp_path / "big.txt"
    path.write_text("会议纪要" * 100, encoding="utf-8")
    with path.open("rb") as f:
        assert "too large: 101 bytes is over the 100 bytes limit" in refused(f, max_bytes=100, name=path)


def test_pdf_without_text_layer(tmp_path):
    path = write_scanned_pdf(tmp_path / "scan.pdf")
    assert refused(path).endswith("no text layer (scanned PDF?); OCR is not supported")


def test_pdf_whose_fonts_have_no_unicode_map(tmp_path):
    """Glyphs without a Unicode map come out as private-use characters: no text to parse."""
    path = write_pdf(tmp_path / "glyphs.pdf", ["".join(chr(0xE000 + i) for i in range(40)), "会议"])
    assert "text layer unreadable" in refused(path)


def test_damaged_pdf(tmp_path):
    path = tmp_path / "damaged.pdf"
    path.write_bytes(b"%PDF-1.4\n" + random.Random(3).randbytes(2000))
    assert "not a valid .pdf" in refused(path)


def test_truncated_pdf_still_reads_what_is_there_or_says_why(tmp_path):
    data = write_pdf(tmp_path / "whole.pdf", MINUTES * 40).read_bytes()
    path = tmp_path / "truncated.pdf"
    path.write_bytes(data[: len(data) // 2])
    try:
        assert "会议" in read_source(path).text
    except InputError as error:
        assert str(error).startswith(f"{path}: ")
        assert "pdf" in str(error).lower() or "text layer" in str(error)


def test_truncated_docx(tmp_path):
    data = write_docx(tmp_path / "whole.docx", MINUTES * 50).read_bytes()
    path = tmp_path / "truncated.docx"
    path.write_bytes(data[: len(data) // 2])
    assert "not a valid .docx (" in refused(path)


def test_zip_that_is_not_a_word_document(tmp_path):
    path = tmp_path / "archive.docx"
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr("readme.txt", "hello")
    assert "not a valid .docx (" in refused(path)


def test_old_word_doc_renamed_docx(tmp_path):
    path = tmp_path / "old.docx"
    path.write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(504))
    assert "old binary Word .doc; save it as .docx" in refused(path)


def test_empty_docx_has_no_text(tmp_path):
    path = write_docx(tmp_path / "blank.docx", [])
    assert "no text in this docx file" in refused(path)


def test_unknown_suffix(tmp_path):
    path = tmp_path / "minutes.xyz"
    path.write_text("会议纪要", encoding="utf-8")
    assert refused(path).endswith("unknown format '.xyz'; known: .docx, .htm, .html, .md, .pdf, .txt")


def test_no_suffix(tmp_path):
    path = tmp_path / "minutes"
    path.write_text("会议纪要", encoding="utf-8")
    assert "unknown format (no suffix)" in refused(path)


def test_missing_file(tmp_path):
    assert refused(tmp_path / "gone.txt").endswith("no such file")


def test_directory_named_like_a_file(tmp_path):
    path = tmp_path / "folder.txt"
    path.mkdir()
    assert refused(path).endswith("not a regular file")


NOT_MINUTES = {
    "news.txt": "今天上午，全县春季植树活动在城东举行。干部群众一千余人参加活动，共栽种苗木三万余株。",
    "notice.html": "<h1>关于做好春节期间安全生产工作的通知</h1><p>各乡镇、县直各部门：</p>"
    "<p>为切实做好春节期间安全生产工作，现就有关事项通知如下。</p>",
}


@pytest.mark.parametrize("name", sorted(NOT_MINUTES))
def test_text_that_is_not_minutes(tmp_path, name):
    path = tmp_path / name
    path.write_text(NOT_MINUTES[name], encoding="utf-8")
    with pytest.raises(NotMinutesError) as error:
        read_minutes(path)
    assert str(error.value).startswith(f"{path}: ")
    assert "minutes" in error.value.problem


def test_read_minutes_refuses_what_read_source_refuses(tmp_path):
    path = tmp_path / "empty.docx"
    path.write_bytes(b"")
    with pytest.raises(InputError, match="empty file"):
        read_minutes(path)
