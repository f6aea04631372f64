"""Every input format reads to the same text: corpus documents written as .docx, .pdf, GBK .txt,
.md and a government web page, then read back.

The writers here (``write_*``) build the files under ``tmp_path`` with the real libraries (python-docx,
reportlab), so a test sees what a user's file would hold; ``test_bad_input`` reuses them.
"""

import doctest
import html
import re

import pytest
from conftest import CORPUS, CORPUS_NAMES

import loaders.formats
import loaders.readers.html
import loaders.readers.text
from loaders import read_minutes
from loaders.errors import InputError
from loaders.formats import FORMATS, SUFFIXES, Format, format_for, read_source, register_format

STSONG = "STSong-Light"


def corpus_lines(name: str) -> list[str]:
    return (CORPUS / f"{name}.txt").read_text(encoding="utf-8").splitlines()


def printed_lines(name: str) -> list[str]:
    """The lines a page or a PDF shows of a corpus document: no blank lines, no site furniture."""
    if name == SHANDAN:
        return shandan_page_parts()[2]
    return [line for line in corpus_lines(name) if line]


def squeeze(text: str) -> str:
    """Text without any white space: what survives every format's own idea of spacing."""
    return re.sub(r"\s+", "", text)


def meeting_sentence(lines: list[str]) -> str:
    """The opening sentence of the minutes, found by the genre's wording, not by any one document."""
    return next(line for line in lines if "主持召开" in line)


def write_docx(path, lines, table_rows=()):
    import docx

    document = docx.Document()
    for line in lines:
        document.add_paragraph(line)
    if table_rows:
        table = document.add_table(rows=len(table_rows), cols=len(table_rows[0]))
        for row, cells in zip(table.rows, table_rows, strict=True):
            for cell, text in zip(row.cells, cells, strict=True):
                cell.text = text
    document.save(path)
    return path


def write_pdf(path, lines, size=8, per_glyph=False):
    """A PDF with a text layer in the CID font every reader has (STSong-Light), a line to a line.

    The page is as wide as the longest line, so no line wraps and the text reads back line for line.
    ``per_glyph`` places every character in a text object of its own, as some producers do.
    """
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.cidfonts import UnicodeCIDFont
    from reportlab.pdfgen import canvas

    pdfmetrics.registerFont(UnicodeCIDFont(STSONG))
    width = max(len(line) for line in lines) * size + 80
    height = 60 * size
    pdf = canvas.Canvas(str(path), pagesize=(width, height))
    y = height - 40
    for line in lines:
        x = 40
        for run in line if per_glyph else [line]:
            pdf.setFont(STSONG, size)
            pdf.drawString(x, y, run)
            x += pdfmetrics.stringWidth(run, STSONG, size)
        y -= size * 1.5
        if y < 40:
            pdf.showPage()
            y = height - 40
    pdf.save()
    return path


def write_scanned_pdf(path):
    """A PDF of one page that holds only a picture of text, as a scanner makes it."""
    from PIL import Image, ImageDraw
    from reportlab.lib.pagesizes import A4
    from reportlab.lib.utils import ImageReader
    from reportlab.pdfgen import canvas

    image = Image.new("L", (600, 800), 255)
    draw = ImageDraw.Draw(image)
    for y in range(40, 760, 24):
        draw.line((40, y, 560, y), fill=0, width=3)
    pdf = canvas.Canvas(str(path), pagesize=A4)
    pdf.drawImage(ImageReader(image), 0, 0, *A4)
    pdf.save()
    return path


def gov_page(title, metadata, lines, charset="utf-8"):
    """A page as government sites publish minutes: header, nav, crumbs, metadata table, article with
    share bar, video and print buttons, related links and a footer with 主办/承办/ICP."""
    esc = html.escape
    cells = "".join(
        f"<tr><td class='label'>{esc(' '.join(k) if len(k) == 3 else k)}：</td><td>{esc(v)}</td></tr>"
        for k, v in metadata.items()
    )
    paragraphs = "\n".join(
        f'<p style="text-indent:2em">&nbsp;&nbsp;{esc(line).replace("，", "，<span>", 1)}</span></p>'
        for line in lines[1:]
    )
    page = f"""<!DOCTYPE html>
<html><head><meta charset="{charset}"><title>{esc(title)}_人民政府门户网站</title>
<script>var tpl = "<p>会议听取了脚本里的文字</p>";</script><style>p {{ margin: 0 }}</style></head>
<body>
<div class="header"><div class="logo"><img src="logo.png" alt="门户网站"></div>
  <div class="search-box"><input type="text" placeholder="请输入关键词"><a>搜索</a></div></div>
<div class="nav"><ul><li><a href="/">首页</a></li><li><a>政务公开</a></li><li><a>政务服务</a></li>
  <li><a>互动交流</a></li><li><a>走进本县</a></li></ul></div>
<div class="container">
 <div class="crumb">当前位置：<a>首页</a> &gt; <a>政府信息公开</a> &gt; <a>常务会议</a></div>
 <table class="xxgk-info">{cells}</table>
 <div class="article">
  <div class="article-head"><h1 class="article-title">{esc(lines[0])}</h1></div>
  <div style="display: none">会议听取了隐藏的文字</div>
  <div class="article-info">发布时间：2025-11-14 来源：政府办 浏览次数：<span>1024</span>
   字号：[大][中][小]</div>
  <div class="video-box"><video src="news.mp4" controls></video><p>视频新闻：常务会议召开</p></div>
  <div id="zoom" class="TRS_Editor">
{paragraphs}
  </div>
  <div class="share-bar">分享：<a>微信</a> <a>微博</a> <a>QQ空间</a>
   <div class="qrcode"><img src="qr.png"><p>扫一扫在手机打开当前页面</p></div></div>
  <div class="article-btns"><a>【打印本页】</a><a>【关闭窗口】</a></div>
 </div>
 <div class="related"><h3>相关链接</h3><ul><li><a>关于召开全县安全生产会议的通知</a></li></ul></div>
</div>
<div class="footer"><p>主办：某县人民政府办公室 承办：某县信息化工作办公室 联系我们</p>
 <p>某ICP备12000199号-1 某公网安备62072502000105号</p><p>政府网站标识码: 6207250003 网站地图</p></div>
</body></html>"""
    return page.encode(charset)


@pytest.mark.parametrize("name", CORPUS_NAMES)
def test_txt_reads_as_is(name):
    source = read_source(CORPUS / f"{name}.txt")
    assert (source.format, source.metadata) == ("text", {})
    assert source.text == (CORPUS / f"{name}.txt").read_text(encoding="utf-8")


@pytest.mark.parametrize("name", CORPUS_NAMES)
@pytest.mark.parametrize("encoding", ["gbk", "gb18030", "utf-8-sig", "utf-16"])
def test_txt_in_other_encodings(tmp_path, name, encoding):
    text = "\n".join(corpus_lines(name))
    path = tmp_path / f"{name}.txt"
    path.write_bytes(text.encode(encoding, errors="strict"))
    assert read_source(path).text == text


def test_windows_line_endings_become_newlines(tmp_path):
    path = tmp_path / "crlf.txt"
    path.write_bytes("县政府常务会议纪要\r\n会议听取了汇报。\r\n".encode("gbk"))
    assert read_source(path).text == "县政府常务会议纪要\n会议听取了汇报。\n"


def test_markdown_loses_its_markup(tmp_path):
    lines = corpus_lines("changning-2025-standing-96")
    markup = [
        f"# {lines[0]}",
        "",
        *(f"**{line}**" if i % 7 == 0 else line for i, line in enumerate(lines[1:])),
    ]
    path = tmp_path / "m.md"
    path.write_text("\n".join(markup), encoding="utf-8")
    source = read_source(path)
    assert source.format == "markdown"
    assert [line for line in source.text.splitlines() if line] == lines


@pytest.mark.parametrize("name", CORPUS_NAMES)
def test_docx_reads_paragraphs_in_order(tmp_path, name):
    lines = corpus_lines(name)
    source = read_source(write_docx(tmp_path / f"{name}.docx", lines))
    assert source.format == "docx"
    assert source.text.splitlines() == lines
    assert meeting_sentence(lines) in source.text


def test_docx_table_rows_become_lines(tmp_path):
    rows = [("出 席：", "张 三、李 四"), ("列 席：", "县财政局 王五")]
    source = read_source(write_docx(tmp_path / "t.docx", ["县政府常务会议纪要"], rows))
    assert source.text.splitlines() == ["县政府常务会议纪要", "出 席： 张 三、李 四", "列 席： 县财政局 王五"]


TEXT_BOX = """<w:r xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"
 xmlns:mc="http://schemas.openxmlformats.org/markup-compatibility/2006"
 xmlns:wps="http://schemas.microsoft.com/office/word/2010/wordprocessingShape"
 xmlns:v="urn:schemas-microsoft-com:vml"><mc:AlternateContent>
 <mc:Choice Requires="wps"><w:drawing><wps:wsp><wps:txbx><w:txbxContent>
  <w:p><w:r><w:t>{text}</w:t></w:r></w:p></w:txbxContent></wps:txbx></wps:wsp></w:drawing></mc:Choice>
 <mc:Fallback><w:pict><v:shape><v:textbox><w:txbxContent>
  <w:p><w:r><w:t>{text}</w:t></w:r></w:p></w:txbxContent></v:textbox></v:shape></w:pict></mc:Fallback>
</mc:AlternateContent></w:r>"""


def test_docx_text_box_reads_once_before_its_paragraph(tmp_path):
    """Templates put the masthead in a text box, which Word writes twice (drawing and VML fallback)."""
    import docx
    from lxml import etree

    document = docx.Document()
    anchor = document.add_paragraph("县政府第一次常务会议纪要")
    anchor._p.insert(0, etree.fromstring(TEXT_BOX.format(text="某县人民政府常务会议纪要")))
    document.add_paragraph("会议听取了汇报。")
    document.save(tmp_path / "box.docx")
    assert read_source(tmp_path / "box.docx").text.splitlines() == [
        "某县人民政府常务会议纪要",
        "县政府第一次常务会议纪要",
        "会议听取了汇报。",
    ]


@pytest.mark.parametrize("name", CORPUS_NAMES)
def test_pdf_text_layer_reads_back(tmp_path, name):
    lines = printed_lines(name)
    source = read_source(write_pdf(tmp_path / f"{name}.pdf", lines))
    assert source.format == "pdf"
    assert squeeze(source.text) == squeeze("".join(lines))
    assert squeeze(meeting_sentence(lines)) in squeeze(source.text)
    assert len(source.text.splitlines()) == len(lines)


@pytest.mark.parametrize("name", ["changning-2025-standing-96", "shandan-2025-standing-97"])
def test_pdf_with_every_glyph_placed_alone_reads_as_lines(tmp_path, name):
    """pypdf alone gives such a page one character to a line; the reader rebuilds the lines."""
    lines = printed_lines(name)[-14:]
    source = read_source(write_pdf(tmp_path / f"{name}.pdf", lines, per_glyph=True))
    assert source.text.splitlines() == lines


SHANDAN = "shandan-2025-standing-97"


def shandan_page_parts():
    """The web-page text of the shandan minutes split back into what a page shows: heading,
    metadata table (``label： value`` lines), the document, and the site footer after it."""
    lines = corpus_lines(SHANDAN)
    meta_end = next(i for i, line in enumerate(lines) if i and not re.match(r"^\S{2,4}：", line))
    metadata = dict(line.split("：", 1) for line in lines[1:meta_end])
    footer = next(i for i, line in enumerate(lines) if "扫一扫" in line)
    return lines[0], {k: v.strip() for k, v in metadata.items()}, [lines[0], *lines[meta_end:footer]]


@pytest.mark.parametrize("charset", ["utf-8", "gbk"])
def test_html_keeps_the_document_and_its_metadata(tmp_path, charset):
    title, metadata, document = shandan_page_parts()
    path = tmp_path / "page.html"
    path.write_bytes(gov_page(title, metadata, document, charset=charset))
    source = read_source(path)
    assert source.format == "html"
    assert source.text.splitlines() == document
    assert source.metadata == {k: v for k, v in metadata.items() if v} | {
        "发布时间": "2025-11-14",
        "来源": "政府办",
        "主办": "某县人民政府办公室",
        "承办": "某县信息化工作办公室",
    }


@pytest.mark.parametrize("name", CORPUS_NAMES)
def test_html_page_of_every_document(tmp_path, name):
    lines = printed_lines(name)
    path = tmp_path / f"{name}.htm"
    path.write_bytes(gov_page(lines[0], {"索引号": "000-2025-01", "发布机构": "政府办公室"}, lines))
    text = read_source(path).text
    assert text.splitlines() == lines
    for furniture in (
        "分享",
        "扫一扫",
        "ICP",
        "主办：",
        "当前位置",
        "首页",
        "视频新闻",
        "打印",
        "相关链接",
        "脚本",
    ):
        assert furniture not in text


def written_as(fmt, tmp_path, name):
    """The corpus document ``name`` written as a user might hold it: GBK text, Word, PDF, a web page."""
    lines = corpus_lines(name)
    path = tmp_path / f"{name}.{fmt}"
    if fmt == "gbk.txt":
        path.write_bytes("\n".join(lines).encode("gb18030"))
    elif fmt == "docx":
        write_docx(path, lines)
    elif fmt == "pdf":
        write_pdf(path, [line for line in lines if line])
    else:
        path.write_bytes(
            gov_page(lines[0], {"索引号": "000-2025-01", "发布机构": "政府办公室"}, printed_lines(name))
        )
    return path


def key_facts(minutes, fields):
    record = minutes.to_dict()
    items = [(i["number"], i["kind"], i.get("title"), i["decisions"]) for i in record["items"]]
    return {field: record.get(field) for field in fields} | {"items": items}


RECORD_FIELDS = ("body", "issuer", "issued", "title", "doc_number", "meeting", "participants", "distribution")


@pytest.mark.parametrize("fmt", ["gbk.txt", "docx", "pdf", "html"])
@pytest.mark.parametrize("name", CORPUS_NAMES)
def test_every_format_gives_the_record_of_the_txt(tmp_path, name, fmt):
    """The key facts extracted from the file in another format equal those from the corpus .txt.

    A web page's ``body`` is left out: where the document names no government, the parser finds it
    in the site footer's 主办 line, which the page reader moves out of the text into ``metadata``.
    """
    fields = [f for f in (*RECORD_FIELDS, "counts") if not (fmt == "html" and f == "body")]
    path = written_as(fmt, tmp_path, name)
    minutes = read_minutes(path)
    assert minutes.source == path.name
    assert key_facts(minutes, fields) == key_facts(read_minutes(CORPUS / f"{name}.txt"), fields)


def test_html_of_an_old_table_layout_site(tmp_path):
    """Older sites lay the page out in nested tables and break the text with <br>, in GB2312."""
    lines = printed_lines("miluo-2025-standing-47")
    esc = html.escape
    body = "<br>".join(f"&nbsp;&nbsp;&nbsp;&nbsp;{esc(line)}" for line in lines[1:])
    page = f"""<html><head><meta http-equiv="Content-Type" content="text/html; charset=gb2312"></head>
<body><table width=1000 align=center><tr><td class=topbg><img src=banner.jpg></td></tr>
<tr><td class=menu_bg><a>网站首页</a> | <a>政务公开</a> | <a>办事服务</a></td></tr>
<tr><td><table class=xxgk width=100%>
<tr><th>索引号</th><td>43068100/2025-12345</td><th>主题分类</th><td>综合政务</td></tr>
<tr><th>名称</th><td colspan=3>{esc(lines[0])}</td></tr>
<tr><th>发布机构</th><td>市政府办</td><th>发文日期</th><td>2025-08-18</td></tr></table></td></tr>
<tr><td align=center><font size=5><b>{esc(lines[0])}</b></font></td></tr>
<tr><td id=fontzoom style="line-height:200%">{body}</td></tr>
<tr><td align=right>【<a href="javascript:window.print()">打印本页</a>】 【<a>关闭窗口</a>】</td></tr>
<tr><td class=bottom>版权所有：某市人民政府 地址：某路1号<br>技术支持：某网络公司 湘ICP备0000号</td></tr>
</table></body></html>"""
    path = tmp_path / "old.htm"
    path.write_bytes(page.encode("gbk"))
    source = read_source(path)
    assert source.text.splitlines() == lines
    assert source.metadata == {
        "索引号": "43068100/2025-12345",
        "主题分类": "综合政务",
        "名称": lines[0],
        "发布机构": "市政府办",
        "发文日期": "2025-08-18",
    }
    assert "主办" not in source.metadata  # 版权所有 and 技术支持 name no office that runs the site


def test_html_exported_from_word_with_text_cut_into_spans(tmp_path):
    """Word's "save as web page" cuts every paragraph into short <span> runs, all under ten characters."""
    lines = printed_lines("changning-2025-standing-96")

    def spans(line):
        return "".join(
            f'<span lang="ZH-CN" style="font-size:16pt">{html.escape(line[i : i + 6])}</span>'
            for i in range(0, len(line), 6)
        )

    paragraphs = "".join(f"<p class=MsoNormal>{spans(line)}</p>" for line in lines)
    links = "".join(f"<li><a>{html.escape(line[:8])}</a></li>" for line in lines[:4] * 10)
    page = f"<body><div class=xglj><ul>{links}</ul></div><div class=WordSection1>{paragraphs}</div></body>"
    path = tmp_path / "word.htm"
    path.write_text(page, encoding="utf-8")
    assert read_source(path).text.splitlines() == lines


def test_html_without_any_furniture_is_all_text(tmp_path):
    path = tmp_path / "bare.html"
    path.write_text("会议纪要<br>会议听取了汇报。<p>会议原则同意。</p>", encoding="utf-8")
    assert read_source(path).text == "会议纪要\n会议听取了汇报。\n会议原则同意。"


def test_html_text_is_unescaped_not_interpreted(tmp_path):
    path = tmp_path / "e.html"
    path.write_text("<p>会议审议《&lt;script&gt;alert(1)&lt;/script&gt;办法》。</p>", encoding="utf-8")
    assert read_source(path).text == "会议审议《<script>alert(1)</script>办法》。"


def test_unknown_suffix_names_the_known_ones(tmp_path):
    with pytest.raises(InputError) as error:
        format_for(tmp_path / "minutes.xyz")
    assert str(error.value) == (
        f"{tmp_path / 'minutes.xyz'}: unknown format '.xyz'; known: .docx, .htm, .html, .md, .pdf, .txt"
    )


def test_suffix_case_does_not_matter(tmp_path):
    path = tmp_path / "MINUTES.TXT"
    path.write_text("会议纪要", encoding="utf-8")
    assert read_source(path).format == "text"


def test_a_registered_format_reads_its_suffix(tmp_path):
    fmt = Format("csv-minutes", (".csvm",), lambda path, data: (data.decode().replace(",", "\n"), {}))
    try:
        register_format(fmt)
        path = tmp_path / "a.csvm"
        path.write_text("会议纪要,会议听取了汇报", encoding="utf-8")
        assert read_source(path).text == "会议纪要\n会议听取了汇报"
    finally:
        FORMATS.pop(fmt.name)
        SUFFIXES.pop(".csvm")


def test_open_files_read_by_their_name(tmp_path):
    path = write_docx(tmp_path / "open.docx", ["县政府常务会议纪要", "会议听取了汇报。"])
    with path.open("rb") as f:
        source = read_source(f)
    assert (source.path, source.format, source.text) == (path, "docx", "县政府常务会议纪要\n会议听取了汇报。")
    text = tmp_path / "open.txt"
    text.write_text("会议纪要", encoding="utf-8")
    with text.open(encoding="utf-8") as f:
        assert read_source(f).text == "会议纪要"


def test_stdin_reads_as_text(monkeypatch):
    import io
    import sys

    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO("会议纪要".encode("gbk"))))
    source = read_source("-")
    assert (source.text, source.format) == ("会议纪要", "text")


@pytest.mark.parametrize("module", [loaders.formats, loaders.readers.text, loaders.readers.html])
def test_docstring_examples_run(module):
    results = doctest.testmod(module)
    assert results.attempted > 0
    assert results.failed == 0
