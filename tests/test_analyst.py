"""What an analyst takes out of the store: networks sorted by the measure asked for, decisions and
directives in words, GEXF with dates for Gephi's timeline, and a CSV per table of the record."""

import csv
import json
import xml.etree.ElementTree as ET

import pytest
from click.testing import CliRunner

from kg.analytics import MEASURES, node_label
from kg.cli import main
from kg.projection import store_graph
from kg.stores import opened, sparql

COUNT = """PREFIX mkg: <https://w3id.org/minutes-kg/ns#>
SELECT (COUNT(DISTINCT ?x) AS ?n) WHERE {{ {pattern} }}"""


def kg(*args):
    return CliRunner().invoke(main, [str(a) for a in args])


@pytest.mark.parametrize("measure", MEASURES)
def test_analyze_sorts_by_the_measure_asked_for(county_store, measure):
    done = kg("analyze", "--store", county_store, "--format", "json", "--sort", measure)
    assert done.exit_code == 0, done.output
    networks = [s["rows"] for s in json.loads(done.stdout)["sections"] if " network " in s["title"]]
    assert networks and all(rows for rows in networks)
    for rows in networks:
        values = [r[measure] for r in rows]
        assert values == sorted(values, reverse=True)


def test_analyze_sorts_by_pagerank_unless_asked(county_store):
    plain = kg("analyze", "--store", county_store, "--format", "json").stdout
    assert plain == kg("analyze", "--store", county_store, "--format", "json", "--sort", "pagerank").stdout


def test_decisions_and_directives_are_labelled_with_their_words(county_store):
    with opened(county_store) as st:
        graph = store_graph(st)
    for kind in ("Decision", "Directive"):
        labels = [node_label(graph, n) for n, d in graph.nodes(data=True) if d.get("type") == kind]
        assert labels and not [label for label in labels if label.isdigit() or label.startswith("http")]


def test_gexf_carries_dates_for_gephis_timeline(county_store, tmp_path):
    done = kg("export", "--store", county_store, "--format", "gexf", "--out", tmp_path / "g.gexf")
    assert done.exit_code == 0, done.output
    ns = {"g": "http://www.gexf.net/1.2draft"}
    root = ET.parse(tmp_path / "g.gexf").getroot()
    graph = root.find("g:graph", ns)
    assert graph.get("mode") == "dynamic" and graph.get("timeformat") == "date"
    nodes = graph.findall("g:nodes/g:node", ns)
    with opened(county_store) as st:
        projected = store_graph(st)
    dates = {n: d["date"] for n, d in projected.nodes(data=True) if d.get("type") == "Meeting"}
    by_id = {node.get("id"): node.get("start") for node in nodes}
    assert {n: by_id[n] for n in dates} == dates
    for person in [n for n, d in projected.nodes(data=True) if d.get("type") == "Person"]:
        met = [dates[m] for m in projected.successors(person) if m in dates]
        if met:
            assert by_id[person] <= min(met)
    edges = graph.findall("g:edges/g:edge", ns)
    assert sum(e.get("start") is not None for e in edges) > len(edges) / 2


def test_export_tables_writes_a_csv_per_table(county_store, tmp_path):
    done = kg("export", "--store", county_store, "--format", "tables", "--out", tmp_path)
    assert done.exit_code == 0, done.output
    written = {p.stem: p for p in tmp_path.glob("*.csv")}
    assert set(written) == {"meetings", "attendance", "items", "decisions", "directives", "documents"}
    rows = {}
    for name, path in written.items():
        text = path.read_text(encoding="utf-8")
        assert "\r" not in text and text.endswith("\n") and not text.endswith("\n\n")
        rows[name] = list(csv.DictReader(text.splitlines(keepends=True)))
    for name, pattern in [("meetings", "?x a mkg:Meeting"), ("decisions", "[] mkg:hasDecision ?x"),
                          ("directives", "[] mkg:hasDirective ?x")]:  # fmt: skip
        assert len(rows[name]) == sparql(COUNT.format(pattern=pattern), county_store).rows[0][0] > 0
    for name in ("items", "decisions", "directives", "attendance"):
        assert all(r["meeting"] and r["date"] and r["government"] for r in rows[name])


def test_export_tables_needs_a_folder(county_store):
    done = kg("export", "--store", county_store, "--format", "tables")
    assert done.exit_code == 1 and "give --out a directory" in done.stderr
