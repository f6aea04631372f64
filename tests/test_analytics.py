"""The networks on small graphs built by hand (where the right answer is plain), then on the corpus."""

import csv
import io
import json

import networkx as nx
import pytest
from click.testing import CliRunner

from kg.analytics import analyze, centrality, co_attendance_graph, communities, unit_item_graph
from kg.cli import main
from kg.pipeline import extract
from kg.projection import project, to_networkx
from kg.sections import render
from kg.stores import opened
from tests.conftest import CORPUS, SEED


def minutes_graph() -> nx.MultiDiGraph:
    """Two meetings in the shape of the projection: A chairs both, B and C attend both, D one, E on leave."""
    g = nx.MultiDiGraph()
    for node, kind in [("m1", "Meeting"), ("m2", "Meeting"), ("i1", "AgendaItem"), ("i2", "AgendaItem"),
                       ("d1", "Directive"), ("u1", "Organization"), ("u2", "Organization")]:  # fmt: skip
        g.add_node(
            node, type=kind, label=node.upper(), name=node.upper(), date="2024-01-0" + node[-1], number=1
        )
    for person in "ABCDE":
        g.add_node(person, type="Person", label=person)
    for meeting in ("m1", "m2"):
        g.add_edge(meeting, "A", type="CHAIR")
        for person in "BC":
            g.add_edge(person, meeting, type="ATTENDED", role="present")
        g.add_edge("E", meeting, type="ATTENDED", role="on_leave")
    g.add_edge("D", "m2", type="ATTENDED", role="observer")
    g.add_edge("m1", "i1", type="HAS_ITEM")
    g.add_edge("m2", "i2", type="HAS_ITEM")
    g.add_edge("i1", "u1", type="PRESENTER")
    g.add_edge("i2", "u1", type="PRESENTER")
    g.add_edge("i2", "d1", type="HAS_DIRECTIVE")
    g.add_edge("d1", "u2", type="ADDRESSEE")
    g.add_edge("i2", "u2", type="MENTIONS_ORGANIZATION")
    return g


def test_co_attendance_counts_meetings_shared_and_leaves_out_those_on_leave():
    net = co_attendance_graph(minutes_graph())
    assert sorted(net) == ["A", "B", "C", "D"]
    assert net["A"]["B"]["weight"] == 2
    assert net["B"]["C"]["weight"] == 2
    assert net["A"]["D"]["weight"] == 1
    assert net.nodes["A"]["meetings"] == 2


def test_unit_item_ties_follow_presenters_directives_and_mentions():
    net = unit_item_graph(minutes_graph())
    assert set(net["u1"]) == {"i1", "i2"}
    assert net["i2"]["u2"]["relations"] == "addressed,mentioned"
    assert net["i2"]["u2"]["weight"] == 2
    assert net.nodes["i1"]["label"] == "2024-01-01 #1 I1"


def test_centrality_ranks_the_hub_first():
    star = nx.Graph([("hub", leaf) for leaf in "abcde"])
    rows = centrality(star)
    assert rows[0]["uri"] == "hub"
    assert rows[0]["degree"] == 5
    assert rows[0]["betweenness"] == 1.0
    assert rows[0]["pagerank"] > rows[1]["pagerank"]


def test_communities_split_two_cliques_and_are_stable():
    g = nx.complete_graph("abcd")
    g.add_edges_from(nx.complete_graph("wxyz").edges)
    g.add_edge("d", "w")
    found = communities(g)
    assert found == communities(g)
    assert len({found[n] for n in "abcd"}) == 1
    assert len({found[n] for n in "wxyz"}) == 1
    assert found["a"] != found["z"]


def test_corpus_networks(corpus_store):
    with opened(corpus_store) as st:
        graph = to_networkx(project(st.quads()))
    net = co_attendance_graph(graph)
    record = extract([CORPUS / f"{SEED}.txt"])[0]
    in_room = [n for role, names in record["participants"].items() if role != "on_leave" for n in names]
    chair = next(n for n, d in net.nodes(data=True) if d["label"] == record["meeting"]["chair"])
    assert net.degree(chair) == len(set(in_room)) - 1
    # people of different governments never sat together, so no community mixes governments
    found = communities(net)
    for community in set(found.values()):
        governments = {uri.split("/id/")[1].split("/")[0] for uri, c in found.items() if c == community}
        assert len(governments) == 1, governments


@pytest.fixture(scope="module")
def analyzed(corpus_store):
    return analyze(corpus_store, top=5)


def test_analyze_gives_figures_and_communities_for_both_networks(analyzed):
    titles = [s.title for s in analyzed.sections]
    assert titles[0].startswith("co_attendance network (")
    assert titles[2].startswith("unit_item network (")
    top = analyzed.sections[0].rows
    assert len(top) == 5
    assert [r["pagerank"] for r in top] == sorted((r["pagerank"] for r in top), reverse=True)
    assert sum(r["size"] for r in analyzed.sections[1].rows) == int(titles[0].split("(")[1].split()[0])


def test_analyze_renders_as_csv_and_table(analyzed):
    rows = list(csv.DictReader(io.StringIO(render(analyzed, "csv"))))
    assert {"section", "name", "degree", "betweenness", "pagerank", "community"} <= set(rows[0])
    assert len(rows) == sum(len(s.rows) for s in analyzed.sections)
    assert "pagerank" in render(analyzed, "table")


def test_cli_analyze(corpus_store):
    done = CliRunner().invoke(
        main, ["analyze", "--format", "json", "--top", "3", "--store", str(corpus_store)]
    )
    assert done.exit_code == 0, done.output
    data = json.loads(done.output)
    assert len(data["sections"][0]["rows"]) == 3
    assert [s["title"].split(" ")[0] for s in data["sections"]] == ["co_attendance"] * 2 + ["unit_item"] * 2
