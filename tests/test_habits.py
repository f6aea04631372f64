"""Small habits of analysts: stats as CSV or JSON, CSV that pandas and Unix tools read, kg schema."""

import csv
import io
import json

import pytest
from click.testing import CliRunner

from kg.cli import main
from kg.stores import sparql


def run(*args):
    result = CliRunner().invoke(main, [str(a) for a in args])
    assert result.exit_code == 0, result.output
    return result.stdout


def test_stats_as_csv_and_json_agree(corpus_store):
    as_json = json.loads(run("stats", "--store", corpus_store, "--format", "json"))
    text = run("stats", "--store", corpus_store, "--format", "csv")
    rows = list(csv.reader(io.StringIO(text)))
    assert rows[0] == ["what", "count"]
    assert {k: int(v) for k, v in rows[1:]} == as_json


@pytest.mark.parametrize(
    "command", [["stats"], ["sparql", "SELECT ?m WHERE { ?m a <https://w3id.org/minutes-kg/ns#Meeting> }"]]
)
def test_csv_has_lf_line_ends_and_no_blank_line(corpus_store, command):
    text = run(*command, "--store", corpus_store, "--format", "csv")
    assert "\r" not in text
    assert text.endswith("\n") and not text.endswith("\n\n")


def test_schema_lists_classes_properties_and_edges_with_queries_that_run(corpus_store):
    rows = list(csv.DictReader(io.StringIO(run("schema", "--format", "csv"))))
    kinds = {r["kind"] for r in rows}
    assert kinds == {"class", "property", "edge"}
    names = {r["name"] for r in rows}
    assert {"mkg:Person", "mkg:attendee", "ATTENDED", "HAS_ITEM"} <= names
    prefix = "PREFIX mkg: <https://w3id.org/minutes-kg/ns#>\n"
    person = next(r for r in rows if r["name"] == "mkg:Person")
    assert sparql(prefix + person["example"], corpus_store).rows[0][0] > 0
    for row in rows:
        if row["kind"] != "edge":
            sparql(prefix + row["example"], corpus_store)  # every example parses and runs
