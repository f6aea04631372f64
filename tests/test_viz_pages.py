"""Pages without a browser: the cut to size, the legend, the JSON that carries text, the sub-graph
that ``kg viz`` chooses, and the command line."""

import re
import subprocess
import sys
from pathlib import Path

import networkx as nx
import pytest
from click.testing import CliRunner

from kg.cli import main
from kg.pipeline import load
from kg.viz import NotInGraphError, drawable, find, subgraph, viz
from visualizations.pages import _page_data, limit_graph, render_page
from visualizations.styles import STYLES

SEED_FILE = "xiangshan-2023-standing-28.txt"
CHAIR = "李晓东"


def small_graph() -> nx.MultiDiGraph:
    g = nx.MultiDiGraph()
    g.add_node("m", type="Meeting", label="第1次常务会议", date="2025-01-06")
    g.add_node("p", type="Person", label="张三")
    g.add_node("q", type="Person", label="</script><script>window.kgPwned=1</script>")
    g.add_node("x", type="Gadget", label="未知类型")
    g.add_edge("p", "m", type="ATTENDED", label="出席")
    g.add_edge("m", "p", type="CHAIR", label="CHAIR")
    g.add_edge("q", "m", type="ATTENDED", label="列席")
    g.add_edge("x", "m", type="OTHER", label="OTHER")
    return g


@pytest.fixture(scope="module")
def seed_store(tmp_path_factory, corpus_dir):
    path = tmp_path_factory.mktemp("viz") / "store"
    assert not load([str(corpus_dir / SEED_FILE)], path).failed
    return path


def test_page_is_one_file_that_fetches_nothing():
    html = render_page(small_graph())
    markup = re.sub(r"<(script|style)\b[^>]*>.*?</\1>", "", html, flags=re.S)
    assert not re.search(r"\b(src|href)\s*=", markup, re.I)
    assert "<link" not in markup and "@import" not in html and "url(http" not in html
    assert "default-src 'none'" in html
    blocks = re.findall(r"<(script|style)\b[^>]*>.*?</\1>", html, flags=re.S)
    assert blocks == ["style", "script", "script", "script"]  # styles; the data, vis-network, the page


def test_text_cannot_close_the_script_that_carries_it():
    html = render_page(small_graph())
    assert "window.kgPwned" in html
    assert "</script><script>window.kgPwned" not in html
    assert html.count("</script>") == 3


def test_cut_keeps_best_connected_nodes_and_the_focus():
    g = nx.MultiDiGraph([("hub", f"n{i}") for i in range(10)] + [("n0", "n1"), ("lone", "n2")])
    cut = limit_graph(g, 3, keep=["lone"])
    assert set(cut.graph) == {"hub", "lone", "n0"}
    assert cut.nodes_left_out == g.number_of_nodes() - 3
    assert cut.edges_left_out == g.number_of_edges() - cut.graph.number_of_edges()
    assert limit_graph(g, 100).graph is g


def test_cut_is_said_on_the_page_data():
    g = nx.MultiDiGraph([("hub", f"n{i}") for i in range(10)])
    data = _page_data(limit_graph(g, 4), title="t", notes=[], focus=[])
    assert len(data["nodes"]) == 4 and data["left_out"] == {"nodes": 7, "edges": 7}


def test_legend_has_each_type_once_in_registry_order_with_unknown_types_last():
    data = _page_data(limit_graph(small_graph(), 10), title="t", notes=[], focus=[])
    legend = [(e["type"], e["count"]) for e in data["legend"]]
    assert legend == [("Meeting", 1), ("Person", 2), ("Gadget", 1)]
    assert data["legend"][0]["color"] == STYLES["Meeting"].color
    assert data["legend"][-1]["name"] == "Gadget"


def test_nodes_sized_by_degree_and_parallel_edges_bent_apart():
    data = _page_data(limit_graph(small_graph(), 10), title="t", notes=[], focus=[])
    value = {n["id"]: n["value"] for n in data["nodes"]}
    assert value["m"] > value["p"] > value["x"]
    bent = [e for e in data["edges"] if "smooth" in e]
    assert len(bent) == 1 and {bent[0]["from"], bent[0]["to"]} == {"m", "p"}


def test_tooltip_rows_hold_type_name_and_quote():
    g = nx.MultiDiGraph()
    g.add_node("d", type="Decision", label="会议原则同意", quote="会议原则同意《办法》。", date="2025-01-06")
    (node,) = _page_data(limit_graph(g, 10), title="t", notes=[], focus=[])["nodes"]
    assert node["tip"][:2] == [["类型", "Decision"], ["名称", "会议原则同意"]]
    assert ["原文", "会议原则同意《办法》。"] in node["tip"] and ["日期", "2025-01-06"] in node["tip"]


def test_person_focus_holds_the_meeting_and_every_attendee_with_a_role(seed_store):
    focused = subgraph(seed_store, person=CHAIR)
    g = focused.graph
    (chair,) = focused.focus
    meetings = [n for n, t in g.nodes(data="type") if t == "Meeting"]
    assert len(meetings) == 1
    attended = [(u, d["label"]) for u, v, d in g.edges(data=True) if d["type"] == "ATTENDED"]
    assert len({u for u, _ in attended}) == 40 and chair in {u for u, _ in attended}
    assert {role for _, role in attended} <= {"出席", "列席", "请假", "应邀出席", "缺席", "记录"}
    assert not [d for *_, d in g.edges(data=True) if d["type"] == "WAS_DERIVED_FROM"]


def test_edges_named_by_their_relation_in_chinese(seed_store):
    g = subgraph(seed_store, meeting="县政府第二十八次常务会议").graph
    labels = {d["type"]: d["label"] for *_, d in g.edges(data=True) if d["type"] != "ATTENDED"}
    assert labels["HAS_ITEM"] == "议题" and labels["CHAIR"] == "主持人"


def test_decisions_read_by_their_sentence_date_and_document(seed_store):
    focused = subgraph(seed_store, meeting="县政府第二十八次常务会议")
    decisions = [d for _, d in focused.graph.nodes(data=True) if d["type"] == "Decision"]
    assert decisions and all(d["label"] == d["quote"] and d["date"] == "2023-12-20" for d in decisions)
    assert any(d.get("document") for d in decisions)


def test_a_name_not_found_suggests_the_nearest(seed_store):
    with pytest.raises(NotInGraphError, match=r"did you mean .*李晓东"):
        subgraph(seed_store, person="李晓冬")


def test_a_part_of_a_name_finds_the_whole():
    g = drawable(small_graph())
    assert find(g, "meeting", "常务会议") == ["m"]


def test_one_focus_at_a_time(seed_store):
    with pytest.raises(Exception, match="one focus at a time"):
        subgraph(seed_store, person=CHAIR, unit="县财政局")


def test_sparql_focus_draws_the_nodes_its_answer_names(seed_store):
    query = "PREFIX mkg: <https://w3id.org/minutes-kg/ns#> SELECT ?p ?m WHERE { ?m mkg:chair ?p }"
    focused = subgraph(seed_store, sparql=query)
    types = sorted(t for _, t in focused.graph.nodes(data="type"))
    assert types == ["Meeting", "Person"]
    assert {d["type"] for *_, d in focused.graph.edges(data=True)} >= {"CHAIR", "ATTENDED"}


def test_viz_writes_the_page(seed_store, tmp_path):
    out = viz(seed_store, unit="县财政局", out=tmp_path / "unit.html")
    assert out.read_text(encoding="utf-8").count("县财政局") >= 1


def test_cli_writes_the_page_and_fails_in_one_line(seed_store, tmp_path):
    runner = CliRunner()
    out = tmp_path / "p.html"
    result = runner.invoke(main, ["viz", "--store", str(seed_store), "--person", CHAIR, "--out", str(out)])
    assert result.exit_code == 0, result.output
    assert out.exists() and str(out) in result.output
    result = runner.invoke(main, ["viz", "--store", str(seed_store), "--person", "无此人", "--out", str(out)])
    assert result.exit_code == 1 and result.output.count("\n") == 1 and "无此人" in result.output


def test_cli_as_a_subprocess(seed_store, tmp_path):
    out = tmp_path / "whole.html"
    kg_script = Path(sys.executable).parent / "kg"
    done = subprocess.run(
        [kg_script, "viz", "--store", str(seed_store), "--out", str(out)], capture_output=True, text=True
    )
    assert done.returncode == 0, done.stderr
    assert out.stat().st_size > 100_000
