"""Tabular output for every command: sections of rows as an aligned table, CSV, JSON, Markdown or HTML.

Every command that prints rows prints them through here, so a table looks the same wherever it is
shown. A :class:`Section` is one table (a title, rows as dicts, the columns in order); the answer
of a query (:class:`kg.store.Table`, what ``kg sparql``, ``kg cypher`` and ``kg ask`` get) is a
section without a title (:func:`answer`), and ``kg stats``, ``kg schema`` and ``kg resolve`` print
one too. :class:`Tables` are titled sections: what ``kg summary``, ``kg analyze`` and the report
show. :data:`FORMATS` registers each format once, with how it lays out one section and how it lays
out titled sections (an answer's JSON is a list of rows, the programs' shape; titled sections are
one object). The commands offer exactly its names.

Terminal tables are aligned by tabulate, which measures wide characters (wcwidth), so columns of
Chinese names line up. Every piece of text in HTML is escaped by the template engine (Jinja2 with
autoescape, :func:`templates`), and in Markdown every character that would start markup (a tag, a
link, an image, emphasis, a table cell): a name or sentence of a document is shown, never run or
fetched.

>>> t = Tables("甲", [Section("Items", [{"item": 1, "title": "<b>x</b>", "quote": "a|b"}])])
>>> print(render(t, "md"))
# 甲
<BLANKLINE>
## Items
<BLANKLINE>
| item | title | quote |
| --- | --- | --- |
| 1 | \\<b\\>x\\</b\\> | a\\|b |
>>> "&lt;b&gt;x&lt;/b&gt;" in render(t, "html") and "<b>x</b>" not in render(t, "html")
True
>>> print(render(Section("", [{"name": "陈明远", "n": 1}, {"name": "Li", "n": 22}]), "table"))
name    n
陈明远  1
Li      22
"""

from __future__ import annotations

import csv
import io
import json
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import cache

import tabulate
import wcwidth

from loaders.errors import KGError

CITATION = ("date", "source", "quote")
"""The columns that say where a row came from; shown last."""

CLIP = 60
"""Terminal tables of titled sections cut a cell at this many columns (wide characters count two)."""


class UnknownFormat(KGError):
    """An output format no renderer is registered for."""


@dataclass
class Section:
    """One table: a title, rows of plain values, and ``header``, the columns in order where the
    rows alone cannot say it (a query's SELECT order, an empty answer). ``total`` is how many rows
    there were before a page of ``kg serve`` cut them to its limit."""

    title: str
    rows: list[dict] = field(default_factory=list)
    header: list[str] | None = None
    total: int | None = None

    @property
    def columns(self) -> list[str]:
        """The header given, else every key of every row in order of first appearance, the citation
        columns last."""
        if self.header is not None:
            return list(self.header)
        keys = list(dict.fromkeys(k for row in self.rows for k in row))
        return [k for k in keys if k not in CITATION] + [k for k in CITATION if k in keys]

    def values(self) -> list[list]:
        """The rows as lists, in the order of :attr:`columns`."""
        columns = self.columns
        return [[row.get(c) for c in columns] for row in self.rows]

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


def answer(table, title: str = "") -> Section:
    """The answer of a query (a :class:`kg.store.Table`: columns and rows of values) as a section.

    >>> answer(type("Table", (), {"columns": ["n"], "rows": [[3]]})()).rows
    [{'n': 3}]
    """
    return Section(title, [dict(zip(table.columns, row, strict=True)) for row in table.rows], table.columns)


def render(data: Section | Tables, format: str) -> str:
    """``data`` as text in ``format`` (one of :data:`FORMATS`), without a line end after the last line."""
    fmt = FORMATS.get(format)
    if fmt is None:
        raise UnknownFormat(f"unknown output format {format!r}; known: {', '.join(FORMATS)}")
    return fmt.section(data) if isinstance(data, Section) else fmt.tables(data)


# ---------------------------------------------------------------- cells


def cell(value) -> str:
    """A value as a person reads it: nothing for None, floats to four places.

    >>> cell(None), cell(0.25), cell(1.0), cell(1 / 3), cell("甲")
    ('', '0.25', '1', '0.3333', '甲')
    """
    if isinstance(value, float):
        return f"{value:.4f}".rstrip("0").rstrip(".")
    return _exact(value)


def _exact(value) -> str:
    """A value as a program reads it (CSV): nothing for None, a number in full."""
    return "" if value is None else str(value)


def clip(text: str, limit: int = CLIP) -> str:
    """``text`` on one line, cut to ``limit`` terminal columns with an ellipsis.

    >>> clip("一二三四五", 6)
    '一二…'
    """
    text = text.replace("\n", " ")
    if _width(text) <= limit:
        return text
    kept = ""
    for ch in text:
        if _width(kept + ch) >= limit:
            break
        kept += ch
    return kept + "…"


def _width(text: str) -> int:
    """Terminal columns, as tabulate measures them (a character wcwidth cannot measure counts one)."""
    return sum(w if (w := wcwidth.wcwidth(ch)) >= 0 else 1 for ch in text)


# ---------------------------------------------------------------- aligned tables for a terminal


def aligned(section: Section, limit: int | None = None) -> str:
    """The section's columns padded to their widest cell (tabulate, wide characters counted two),
    cells cut at ``limit`` columns when given; a header alone when there are no rows."""
    rows = [[cell(v) if limit is None else clip(cell(v), limit) for v in row] for row in section.values()]
    # the header as the first row: tabulate widens a column by two beyond a header it is given as one
    table = [section.columns, *rows]
    return tabulate.tabulate(table, tablefmt="plain", disable_numparse=True, stralign="left")


def _text_tables(tables: Tables) -> str:
    out = [tables.title, ""]
    for section in tables.sections:
        out += [f"{section.title}:", ""]
        out += [aligned(section, CLIP) if section.rows else "(none)", ""]
    return "\n".join(out).rstrip("\n")


# ---------------------------------------------------------------- CSV and JSON for programs


def _csv(header: list[str], rows: list[list]) -> str:
    """CSV with a header row, LF line endings (what pandas and Unix tools expect), values in full."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(header)
    writer.writerows([[_exact(v) for v in row] for row in rows])
    return out.getvalue().removesuffix("\n")


def _csv_section(section: Section) -> str:
    """
    >>> _csv_section(Section("", [{"a": "x,y", "b": None}]))
    'a,b\\n"x,y",'
    """
    return _csv(section.columns, section.values())


def _csv_tables(tables: Tables) -> str:
    """One CSV of every row: a ``section`` column first, the union of the sections' columns after."""
    columns = list(dict.fromkeys(c for s in tables.sections for c in s.columns))
    rows = [[s.title, *(row.get(c) for c in columns)] for s in tables.sections for row in s.rows]
    return _csv(["section", *columns], rows)


def _json_section(section: Section) -> str:
    """A JSON array of objects, one per row, Chinese kept as it is.

    >>> _json_section(Section("", [{"名": "李"}]))
    '[\\n  {\\n    "名": "李"\\n  }\\n]'
    """
    columns = section.columns
    rows = [dict(zip(columns, row, strict=True)) for row in section.values()]
    return json.dumps(rows, ensure_ascii=False, indent=2)


def _json_tables(tables: Tables) -> str:
    return json.dumps(tables.to_dict(), ensure_ascii=False, indent=2)


# ---------------------------------------------------------------- Markdown

_MARKUP = re.compile(r"([\\`*_\[\]<>|~&!])")
"""Characters that start Markdown or HTML in GitHub-flavoured Markdown, wherever they stand."""


def md_escape(text: str) -> str:
    """``text`` as literal Markdown on one line: markup characters backslash-escaped.

    >>> md_escape("![x](http://t/p.png) <img src=x> **甲**")
    '\\\\!\\\\[x\\\\](http://t/p.png) \\\\<img src=x\\\\> \\\\*\\\\*甲\\\\*\\\\*'
    """
    return _MARKUP.sub(r"\\\1", text.replace("\n", " "))


def md_table(section: Section) -> list[str]:
    """The section as the lines of a pipe table, every cell escaped; ``(none)`` without rows."""
    if not section.rows:
        return ["(none)"]
    columns = section.columns
    rows = [[md_escape(c) for c in columns], ["---"] * len(columns)]
    rows += [[md_escape(cell(v)) for v in row] for row in section.values()]
    return ["| " + " | ".join(row) + " |" for row in rows]


def _md_section(section: Section) -> str:
    return "\n".join(([f"# {md_escape(section.title)}", ""] if section.title else []) + md_table(section))


def _md_tables(tables: Tables) -> str:
    """GitHub-flavoured Markdown: a heading, then a heading (where titled) and a pipe table per section."""
    lines = [f"# {md_escape(tables.title)}", ""]
    for section in tables.sections:
        if section.title:
            lines += [f"## {md_escape(section.title)}", ""]
        lines += [*md_table(section), ""]
    return "\n".join(lines).rstrip("\n")


# ---------------------------------------------------------------- HTML


@cache
def templates():
    """The one Jinja2 environment of kg's offline pages (``kg/templates/``: the report, summaries and
    answers as HTML), autoescape on for every template, so text from a document is escaped wherever a
    template puts it. (``kg serve`` renders ``kg/web/templates`` through Flask's Jinja2, autoescaped
    too; the pages of ``kg viz`` through their own in ``visualizations/``, which may not import kg.)"""
    import jinja2

    environment = jinja2.Environment(
        loader=jinja2.PackageLoader("kg", "templates"),
        autoescape=True,
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
    )
    environment.filters["cell"] = cell
    environment.globals["cell_classes"] = CELL_CLASSES
    return environment


CELL_CLASSES = {"quote": "quote", "date": "nowrap", "source": "nowrap"}
"""The class a cell of these columns takes in HTML (a quote wraps narrower, a date never wraps)."""


def _html_tables(tables: Tables) -> str:
    return templates().get_template("tables.html").render(title=tables.title, sections=tables.sections)


def _html_section(section: Section) -> str:
    untitled = Section("", section.rows, section.columns)
    return _html_tables(Tables(section.title or "minutes-kg", [untitled]))


# ---------------------------------------------------------------- the registry


@dataclass(frozen=True)
class Format:
    """An output format: how it lays out one section (an answer) and titled sections."""

    section: Callable[[Section], str]
    tables: Callable[[Tables], str]


FORMATS = {
    "table": Format(aligned, _text_tables),
    "csv": Format(_csv_section, _csv_tables),
    "json": Format(_json_section, _json_tables),
    "md": Format(_md_section, _md_tables),
    "html": Format(_html_section, _html_tables),
}
"""Output formats by name: the choices of every command's ``--format`` that prints rows."""
