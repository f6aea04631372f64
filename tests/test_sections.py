"""One output stack (issue 12): every command that prints rows offers the formats of kg/sections.py,
aligns Chinese text in a terminal, and escapes a document's text in HTML and Markdown."""

import csv
import io
import json

import click
import pytest
import wcwidth
from click.testing import CliRunner

from kg.cli import main
from kg.sections import FORMATS, Section, Tables, UnknownFormat, render

NOT_ROWS = {("extract",), ("export",)}
"""Commands whose --format names something else: a record's JSON shape, a graph's file format."""


def commands(group: click.Group, prefix=()):
    for name, command in group.commands.items():
        yield (*prefix, name), command
        if isinstance(command, click.Group):
            yield from commands(command, (*prefix, name))


def test_every_command_that_prints_rows_offers_the_formats_of_the_module():
    offered = {
        path: list(param.type.choices)
        for path, command in commands(main)
        for param in command.params
        if param.name == "fmt" and path not in NOT_ROWS
    }
    assert {("sparql",), ("cypher",), ("ask",), ("stats",), ("summary",), ("analyze",)} <= set(offered)
    assert {path: choices for path, choices in offered.items() if choices != list(FORMATS)} == {}


def test_chinese_and_latin_columns_line_up_in_a_terminal():
    rows = [{"name": "县发展和改革局", "n": 1}, {"name": "Li", "n": 22}, {"name": "é", "n": 3}]
    lines = render(Section("", rows), "table").splitlines()
    starts = {wcwidth.wcswidth(line[: line.rindex(" ") + 1]) for line in lines}
    assert len(lines) == 4 and len(starts) == 1, lines
    assert lines[0] == "name" + " " * (starts.pop() - 4) + "n"


HOSTILE = "<script>alert(1)</script><img src=x onerror=alert(2)>"


ANSWER = Section("", [{"x": HOSTILE}])
SUMMARY = Tables(HOSTILE, [Section(HOSTILE, [{HOSTILE: 1}])])


@pytest.mark.parametrize("data", [ANSWER, SUMMARY], ids=["answer", "titled sections"])
def test_html_escapes_every_text(data):
    page = render(data, "html")
    assert "<script>alert" not in page and "<img" not in page
    assert "&lt;script&gt;alert(1)&lt;/script&gt;&lt;img src=x onerror=alert(2)&gt;" in page


def test_sparql_answers_as_every_format_over_a_real_store(corpus_store):
    query = f'SELECT ("{HOSTILE}" AS ?x) (1.0 / 3 AS ?third) WHERE {{}}'
    out = {}
    for fmt in FORMATS:
        done = CliRunner().invoke(main, ["sparql", query, "--format", fmt, "--store", str(corpus_store)])
        assert done.exit_code == 0, done.output
        out[fmt] = done.output
    assert json.loads(out["json"]) == [{"x": HOSTILE, "third": pytest.approx(1 / 3)}]
    (row,) = csv.DictReader(io.StringIO(out["csv"]))
    assert row["third"].startswith("0.333333")  # in full
    assert out["table"].splitlines()[1].endswith("  0.3333")  # to four places for a reader
    assert "<script>alert" not in out["html"] and "&lt;script&gt;alert(1)" in out["html"]
    assert "<script>" not in out["md"] and "\\<script\\>alert(1)" in out["md"]


def test_an_unknown_format_is_one_error_naming_the_known_ones():
    with pytest.raises(UnknownFormat, match="known: table, csv, json, md, html"):
        render(Section("", []), "xlsx")
