"""Titled sections of rows, rendered as Markdown, CSV, JSON, terminal tables or one HTML page.

Summaries, the analytics and the report all produce the same thing: a few titled tables of rows
(dicts of str/int/float). One registry of renderers turns them into text, so a table looks the same
in ``kg summary``, ``kg analyze`` and the report. Every piece of text in HTML output is escaped,
and in Markdown every character that would start markup (a tag, a link, an image, emphasis, a
table cell): a name or sentence of a document is shown, never run or fetched.

>>> t = Tables("甲", [Section("Items", [{"item": 1, "title": "<b>x</b>", "quote": "a|b"}])])
>>> print(render(t, "md"))
# 甲
<BLANKLINE>
## Items
<BLANKLINE>
| item | title | quote |
| --- | --- | --- |
| 1 | \\<b\\>x\\</b\\> | a\\|b |
<BLANKLINE>
>>> "&lt;b&gt;x&lt;/b&gt;" in render(t, "html") and "<b>x</b>" not in render(t, "html")
True
"""

from __future__ import annotations

import csv
import io
import json
import re
from dataclasses import dataclass, field
from html import escape

from kg.answers import render_table, width
from loaders.errors import KGError

CITATION = ("date", "source", "quote")
"""The columns that say where a row came from; shown last."""

CLIP = 60
"""Terminal tables cut a cell at this many columns (wide characters count two)."""


class UnknownFormat(KGError):
    """An output format no renderer of sections is registered for."""


@dataclass
class Section:
    """One table: a title and rows of plain values."""

    title: str
    rows: list[dict] = field(default_factory=list)

    @property
    def columns(self) -> list[str]:
        """Every key of every row, in order of first appearance, the citation columns last."""
        keys = list(dict.fromkeys(k for row in self.rows for k in row))
        return [k for k in keys if k not in CITATION] + [k for k in CITATION if k in keys]

    def to_dict(self) -> dict:
        return {"title": self.title, "columns": self.columns, "rows": self.rows}


@dataclass
class Tables:
    """A titled set of sections, with ``meta`` (plain values) that JSON output carries along."""

    title: str
    sections: list[Section]
    meta: dict = field(default_factory=dict)

    def to_dict(self) -> dict:
        return {**self.meta, "title": self.title, "sections": [s.to_dict() for s in self.sections]}


def render(tables: Tables, format: str) -> str:
    """The tables as text in ``format`` (one of :data:`FORMATS`)."""
    renderer = FORMATS.get(format)
    if renderer is None:
        raise UnknownFormat(f"unknown output format {format!r}; known: {', '.join(FORMATS)}")
    return renderer(tables)


def cell(value) -> str:
    """A value as text: nothing for None, floats to four places.

    >>> cell(None), cell(0.25), cell(1.0), cell("甲")
    ('', '0.25', '1', '甲')
    """
    if value is None:
        return ""
    if isinstance(value, float):
        return f"{value:.4f}".rstrip("0").rstrip(".")
    return str(value)


_MARKUP = re.compile(r"([\\`*_\[\]<>|~&!])")
"""Characters that start Markdown or HTML in GitHub-flavoured Markdown, wherever they stand."""


def md_escape(text: str) -> str:
    """``text`` as literal Markdown on one line: markup characters backslash-escaped.

    >>> md_escape("![x](http://t/p.png) <img src=x> **甲**")
    '\\\\!\\\\[x\\\\](http://t/p.png) \\\\<img src=x\\\\> \\\\*\\\\*甲\\\\*\\\\*'
    """
    return _MARKUP.sub(r"\\\1", text.replace("\n", " "))


def render_markdown(tables: Tables) -> str:
    """GitHub-flavoured Markdown: a heading, then a heading and a pipe table per section."""
    lines = [f"# {md_escape(tables.title)}", ""]
    for section in tables.sections:
        lines += [f"## {md_escape(section.title)}", ""]
        if not section.rows:
            lines += ["(none)", ""]
            continue
        columns = section.columns
        lines.append("| " + " | ".join(columns) + " |")
        lines.append("| " + " | ".join("---" for _ in columns) + " |")
        for row in section.rows:
            lines.append("| " + " | ".join(md_escape(cell(row.get(c))) for c in columns) + " |")
        lines.append("")
    return "\n".join(lines)


def render_csv(tables: Tables) -> str:
    """One CSV of every row: a ``section`` column first, the union of the sections' columns after."""
    columns = list(dict.fromkeys(c for s in tables.sections for c in s.columns))
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(["section", *columns])
    for section in tables.sections:
        for row in section.rows:
            writer.writerow([section.title, *(cell(row.get(c)) for c in columns)])
    return buffer.getvalue()


def render_json(tables: Tables) -> str:
    return json.dumps(tables.to_dict(), ensure_ascii=False, indent=1)


def clip(text: str, limit: int = CLIP) -> str:
    """``text`` on one line, cut to ``limit`` terminal columns with an ellipsis.

    >>> clip("一二三四五", 6)
    '一二…'
    """
    text = text.replace("\n", " ")
    if width(text) <= limit:
        return text
    kept = ""
    for ch in text:
        if width(kept + ch) >= limit:
            break
        kept += ch
    return kept + "…"


def render_text(tables: Tables) -> str:
    """Aligned tables for a terminal, long cells clipped."""
    out = [tables.title, ""]
    for section in tables.sections:
        out += [f"{section.title}:", ""]
        columns = section.columns
        rows = [[clip(cell(row.get(c))) for c in columns] for row in section.rows]
        out += [render_table(columns, rows) if rows else "(none)", ""]
    return "\n".join(out)


PAGE_STYLE = """
body { font-family: "Noto Sans CJK SC", "PingFang SC", "Microsoft YaHei", sans-serif;
       margin: 2em; color: #222; }
table { border-collapse: collapse; margin: 0.5em 0 1.5em; font-size: 0.9em; }
th, td { border: 1px solid #ccc; padding: 3px 6px; vertical-align: top; text-align: left; }
th { background: #f0f3f7; cursor: pointer; user-select: none; }
th[aria-sort="ascending"]::after { content: " ▲"; } th[aria-sort="descending"]::after { content: " ▼"; }
td.quote { max-width: 40em; color: #444; } td.nowrap { white-space: nowrap; }
figure { margin: 1em 0; } .charts { display: flex; flex-wrap: wrap; gap: 2em; }
"""

SORT_SCRIPT = """
document.querySelectorAll("table.sortable th").forEach(function (th) {
  th.addEventListener("click", function () {
    var table = th.closest("table"), body = table.tBodies[0], col = th.cellIndex;
    var up = th.getAttribute("aria-sort") !== "ascending";
    table.querySelectorAll("th").forEach(function (h) { h.removeAttribute("aria-sort"); });
    th.setAttribute("aria-sort", up ? "ascending" : "descending");
    var rows = Array.prototype.slice.call(body.rows);
    rows.sort(function (a, b) {
      var x = a.cells[col].textContent.trim(), y = b.cells[col].textContent.trim();
      var c = (x !== "" && y !== "" && !isNaN(x) && !isNaN(y)) ? x - y : x.localeCompare(y, "zh");
      return up ? c : -c;
    });
    rows.forEach(function (r) { body.appendChild(r); });
  });
});
"""
"""Click a column heading to sort by it: numbers as numbers, text in Chinese collation order."""


def html_table(section: Section) -> str:
    """One sortable HTML table, every cell escaped."""
    if not section.rows:
        return "<p>(none)</p>"
    columns = section.columns
    head = "".join(f"<th>{escape(c)}</th>" for c in columns)
    body = "".join(
        "<tr>" + "".join(f"<td{_css(c)}>{escape(cell(row.get(c)))}</td>" for c in columns) + "</tr>"
        for row in section.rows
    )
    return f'<table class="sortable"><thead><tr>{head}</tr></thead><tbody>{body}</tbody></table>'


CELL_CLASSES = {"quote": "quote", "date": "nowrap", "source": "nowrap"}


def _css(column: str) -> str:
    return f' class="{CELL_CLASSES[column]}"' if column in CELL_CLASSES else ""


def html_page(title: str, body: str) -> str:
    """A standalone page: inline style and script, nothing fetched from the network."""
    return (
        '<!DOCTYPE html>\n<html lang="zh"><head><meta charset="utf-8">'
        f"<title>{escape(title)}</title><style>{PAGE_STYLE}</style></head>\n<body>\n"
        f"<h1>{escape(title)}</h1>\n{body}\n<script>{SORT_SCRIPT}</script>\n</body></html>\n"
    )


def render_html(tables: Tables) -> str:
    body = "\n".join(f"<h2>{escape(s.title)}</h2>\n{html_table(s)}" for s in tables.sections)
    return html_page(tables.title, body)


FORMATS = {
    "md": render_markdown,
    "table": render_text,
    "json": render_json,
    "csv": render_csv,
    "html": render_html,
}
"""Output formats of sections, by name."""
