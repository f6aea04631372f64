"""Every export of the corpus store reads back: the same quads, the same nodes and edges."""

import csv
import json
import subprocess

import networkx as nx
import pyoxigraph as ox
import pytest
from click.testing import CliRunner

from kg.cli import main
from kg.exports import FORMATS, ExportError, export
from kg.projection import project
from kg.stores import opened

RDF_FORMATS = {"ttl": "TURTLE", "nt": "N_TRIPLES", "trig": "TRIG", "nq": "N_QUADS", "jsonld": "JSON_LD"}


@pytest.fixture(scope="module")
def corpus(corpus_store):
    """The store's quads and its projection, read once."""
    with opened(corpus_store) as st:
        quads = set(st.quads())
        return quads, project(quads)


def read_csv(path) -> list[list[str]]:
    with open(path, encoding="utf-8", newline="") as stream:
        return list(csv.reader(stream))


@pytest.mark.parametrize("fmt", sorted(RDF_FORMATS))
def test_rdf_exports_read_back(corpus_store, corpus, tmp_path, fmt):
    quads, _ = corpus
    (path,) = export(fmt, tmp_path, corpus_store)
    parsed = set(ox.parse(path=path, format=getattr(ox.RdfFormat, RDF_FORMATS[fmt])))
    if FORMATS[fmt].name in ("trig", "nq", "jsonld"):  # a graph per source document, one of entities
        assert parsed == quads
        assert len({q.graph_name for q in parsed}) == 5 + 1
    else:
        assert {ox.Triple(*q.triple) for q in parsed} == {ox.Triple(*q.triple) for q in quads}


def test_graphml_reads_back_with_the_projection_counts(corpus_store, corpus, tmp_path):
    _, pg = corpus
    (path,) = export("graphml", tmp_path / "g.graphml", corpus_store)
    graph = nx.read_graphml(path)
    assert graph.number_of_nodes() == len(pg.nodes)
    assert graph.number_of_edges() == len(pg.edges)
    chair = next(n for n, d in graph.nodes(data=True) if d.get("label") == "李晓东")
    assert graph.nodes[chair]["type"] == "Person"
    roles = {d.get("role") for _, _, d in graph.edges(data=True) if d["type"] == "ATTENDED"}
    assert {"present", "observer", "invited", "on_leave"} <= roles


def test_gexf_reads_back_with_the_projection_counts(corpus_store, corpus, tmp_path):
    _, pg = corpus
    (path,) = export("gexf", tmp_path / "g.gexf", corpus_store)
    graph = nx.read_gexf(path)
    assert graph.number_of_nodes() == len(pg.nodes)
    assert graph.number_of_edges() == len(pg.edges)
    relations = {d.get("relation") for _, _, d in graph.edges(data=True)}
    assert {"ATTENDED", "HAS_ITEM", "PRESENTER"} <= relations
    offsets = [d["start_offset"] for _, d in graph.nodes(data=True) if "start_offset" in d]
    assert offsets and all(isinstance(o, int) for o in offsets)


def test_csv_is_in_the_neo4j_admin_import_format(corpus_store, corpus, tmp_path):
    _, pg = corpus
    nodes_path, edges_path = export("csv", tmp_path / "csv", corpus_store)
    nodes = read_csv(nodes_path)
    edges = read_csv(edges_path)
    assert nodes[0][:2] == ["uri:ID", ":LABEL"]
    assert edges[0][:3] == [":START_ID", ":END_ID", ":TYPE"]
    assert all(":" in column for column in nodes[0] + edges[0])  # every column typed
    assert len(nodes) - 1 == len(pg.nodes)
    assert len(edges) - 1 == len(pg.edges)
    ids = {row[0] for row in nodes[1:]}
    assert all(row[0] in ids and row[1] in ids for row in edges[1:])
    labels = {label for row in nodes[1:] for label in row[1].split(";")}
    assert {"Meeting", "Person", "Organization", "Department", "Decision"} <= labels
    for column, header in enumerate(nodes[0]):
        if header.endswith(":long"):
            assert all(row[column] == "" or row[column].lstrip("-").isdigit() for row in nodes[1:])


def test_json_holds_the_property_graph(corpus_store, corpus, tmp_path):
    _, pg = corpus
    (path,) = export("json", tmp_path, corpus_store)
    with open(path, encoding="utf-8") as stream:
        data = json.load(stream)
    assert len(data["nodes"]) == len(pg.nodes)
    assert len(data["edges"]) == len(pg.edges)


def test_dash_writes_to_stdout(corpus_store, corpus):
    done = CliRunner().invoke(main, ["export", "--format", "nt", "--out", "-", "--store", str(corpus_store)])
    assert done.exit_code == 0, done.output
    parsed = ox.parse(done.stdout_bytes, format=ox.RdfFormat.N_TRIPLES)
    assert {ox.Triple(*q.triple) for q in parsed} == {ox.Triple(*q.triple) for q in corpus[0]}


def test_csv_needs_a_folder(corpus_store):
    with pytest.raises(ExportError, match="give --out a directory"):
        export("csv", "-", corpus_store)
    done = CliRunner().invoke(main, ["export", "--format", "csv", "--store", str(corpus_store)])
    assert done.exit_code == 1
    assert "directory" in done.output


def test_unknown_format_lists_the_known_ones(corpus_store):
    with pytest.raises(ExportError, match="known: csv, gexf, graphml"):
        export("xlsx", "-", corpus_store)


def test_missing_folder_is_a_clear_error(corpus_store, tmp_path):
    with pytest.raises(ExportError, match="does not exist"):
        export("ttl", tmp_path / "nowhere" / "g.ttl", corpus_store)


def test_neo4j_admin_imports_the_csv(corpus_store, corpus, tmp_path):
    """The real ``neo4j-admin database import full`` (Neo4j 5.26's jars, as ``kg neo4j start`` fetches
    them) reads both files; quotes span lines, hence ``--multiline-fields=true``."""
    from kg.neo4j.server import default_home, fetch_jars

    _, pg = corpus
    nodes, edges = export("csv", tmp_path / "csv", corpus_store)
    lib = fetch_jars(default_home() / "lib")
    home = tmp_path / "neo4j"
    (home / "conf").mkdir(parents=True)
    (home / "conf" / "neo4j.conf").write_text("", encoding="utf-8")
    command = ["java", "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC", "-Xmx512m", "-cp", f"{lib}/*",
               f"-Dbasedir={home}", "org.neo4j.server.startup.Neo4jAdminCommand",
               "database", "import", "full", f"--nodes={nodes}", f"--relationships={edges}",
               "--multiline-fields=true", "--max-off-heap-memory=256m", "neo4j"]  # fmt: skip
    done = subprocess.run(command, capture_output=True, text=True, cwd=home, timeout=300)
    assert done.returncode == 0, done.stdout[-2000:] + done.stderr[-2000:]
    assert "IMPORT DONE" in done.stdout
    assert f"{len(pg.nodes)} nodes" in done.stdout
    assert f"{len(pg.edges)} relationships" in done.stdout
