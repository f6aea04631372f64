"""Many minutes, one graph (issue 6): the shared corpus plus three meetings of an invented county
(tests/data/multi) whose minutes shorten unit names, rename a unit, carry a project over three
meetings, take a document from 征求意见稿 through 送审稿 to issued, and change a person's title."""

import json
import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner
from rdflib import Literal
from rdflib.namespace import RDF, SKOS

import kg
from kg import resolve
from kg.cli import main
from kg.pipeline import load
from kg.store import ALIASES_FILE, DECISIONS_FILE
from kg.stores import opened, sparql

MULTI = Path(__file__).parent / "data" / "multi"
QUERIES = Path(kg.__file__).parent / "queries"
GOV = "青禾县人民政府"
PREFIXES = """PREFIX mkg: <https://w3id.org/minutes-kg/ns#>
PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
PREFIX skos: <http://www.w3.org/2004/02/skos/core#>
PREFIX org: <http://www.w3.org/ns/org#>
"""


def load_all(store, corpus_dir):
    report = load([*sorted(corpus_dir.glob("*.txt")), MULTI], store)
    assert not report.failed, [r.reason for r in report.failed]
    return report


@pytest.fixture(scope="module")
def multi_store(tmp_path_factory, corpus_dir):
    """The corpus and the invented county, loaded once; tests that decide work on a copy."""
    path = tmp_path_factory.mktemp("multi") / "store"
    load_all(path, corpus_dir)
    return path


@pytest.fixture
def copy_store(multi_store, tmp_path):
    path = tmp_path / "store"
    shutil.copytree(multi_store, path)
    return path


def labels(store, cls: str) -> dict[str, set[str]]:
    """``{preferred label: altLabels}`` of the county's nodes of one class."""
    query = (
        PREFIXES
        + f"""SELECT ?x ?label ?alt WHERE {{
      ?x a mkg:{cls} ; rdfs:label ?label . OPTIONAL {{ ?x skos:altLabel ?alt }}
      FILTER(CONTAINS(STR(?x), "/{GOV}/"))
    }}"""
    )
    out: dict[str, set[str]] = {}
    nodes: dict[str, set[str]] = {}
    for x, label, alt in sparql(query, store).rows:
        nodes.setdefault(x, set()).add(label)
        out.setdefault(label, set()).update({alt} - {None})
    assert all(len(v) == 1 for v in nodes.values()), "a node with two preferred labels"
    return out


def rows(name, params, store):
    """The answer to a saved question as dicts; only the county's where the answer names governments."""
    table = sparql((QUERIES / f"{name}.rq").read_text(encoding="utf-8"), store, params)
    found = [dict(zip(table.columns, row, strict=True)) for row in table.rows]
    return [r for r in found if r.get("government", GOV) == GOV]


# --- one node per real thing ----------------------------------------------------------------------


def test_every_form_of_a_unit_name_is_one_node_labelled_with_its_full_name(multi_store):
    units = labels(multi_store, "Organization")
    assert units["青禾县发展和改革局"] == {"县发改局", "县发展和改革局"}
    assert units["青禾县人民政府办公室"] == {"县府办", "县政府办", "县政府办公室"}
    assert units["青禾县人力资源和社会保障局"] == {"县人社局", "县人力资源和社会保障局"}
    assert not {"县发改局", "县府办", "县人社局", "县政府办公室"} & set(units)


def test_the_issuing_office_and_its_short_forms_are_one_node(multi_store):
    query = PREFIXES + "SELECT DISTINCT ?o WHERE { ?s mkg:issuer ?o }"
    issuers = {row[0] for row in sparql(query, multi_store).rows if f"/{GOV}/" in row[0]}
    assert len(issuers) == 1
    (issuer,) = issuers
    query = PREFIXES + "SELECT DISTINCT ?p WHERE { ?p org:memberOf ?u FILTER(STR(?u) = ?issuer) }"
    query = query.replace("SELECT DISTINCT ?p", "SELECT DISTINCT ?p ?issuer")
    assert len(sparql(query, multi_store, {"issuer": issuer}).rows) == 1


def test_persons_are_one_node_per_name_and_the_project_one_node_over_three_meetings(multi_store):
    persons = labels(multi_store, "Person")
    assert len(persons) == 11
    assert labels(multi_store, "Project") == {"滨江大道改造工程": {"滨江大道改造工程项目"}}
    query = (
        PREFIXES
        + """SELECT (COUNT(DISTINCT ?m) AS ?n) WHERE {
      ?m mkg:hasItem ?i . ?i mkg:concerns ?p . ?p rdfs:label ?l . FILTER(STR(?l) = "滨江大道改造工程") }"""
    )
    assert sparql(query, multi_store).rows == [[3]]


def test_a_document_is_one_node_with_its_status_history(multi_store):
    assert len(labels(multi_store, "Document")) == 1
    history = rows("document-history", {"subject": "青禾县城乡供水一体化实施方案"}, multi_store)
    assert [(r["date"], r["status"]) for r in history] == [
        ("2025-09-10", "征求意见稿"),
        ("2025-11-05", "送审稿"),
        ("2026-01-07", None),
    ]
    assert history[1]["outcome"] == "approved_in_principle"
    assert "印发" in history[1]["next_step"]


def test_a_project_gathers_its_items_and_decisions_over_three_meetings(multi_store):
    history = rows("project-history", {"subject": "滨江大道改造工程项目"}, multi_store)
    assert [r["date"] for r in history] == ["2025-09-10", "2025-11-05", "2026-01-07"]
    assert [r["outcome"] for r in history] == [None, None, "approved_in_principle"]


# --- posts ------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("date", "holders"),
    [
        ("2025-11", {"宋文杰"}),
        ("2025-09", {"韩明远"}),
        ("2025-09-10", {"韩明远"}),
        ("2024", set()),
        ("", {"宋文杰", "韩明远"}),
    ],
)
def test_who_held_a_post_in_a_month(multi_store, date, holders):
    got = rows("post-holders", {"title": "常务副县长", "date": date}, multi_store)
    assert {r["person"] for r in got} == holders


def test_a_persons_title_change_is_two_posts_over_time(multi_store):
    query = (
        PREFIXES
        + """SELECT DISTINCT ?on ?post WHERE {
      ?h org:member ?p ; mkg:heldOn ?d ; mkg:post ?x . ?x rdfs:label ?t . ?p rdfs:label ?n .
      FILTER(STR(?n) = "宋文杰") BIND(STR(?d) AS ?on) BIND(STR(?t) AS ?post) } ORDER BY ?on"""
    )
    assert sparql(query, multi_store).rows == [
        ["2025-09-10", "副县长"],
        ["2025-11-05", "常务副县长"],
        ["2026-01-07", "常务副县长"],
    ]


def test_the_chairs_two_posts_come_from_one_title(multi_store):
    got = rows("post-holders", {"title": "县长", "date": "2026"}, multi_store)
    assert [(r["government"], r["person"]) for r in got] == [(GOV, "陆安平")]


# --- follow-up across meetings ---------------------------------------------------------------------


def test_open_directives_answer_to_any_name_of_the_unit(multi_store):
    by_name = {
        name: rows("open-directives", {"unit": name}, multi_store)
        for name in ("县人社局", "县人力资源和社会保障局", "青禾县人力资源和社会保障局", "青禾县人社局")
    }
    answers = {tuple((r["date"], r["directive"]) for r in found) for found in by_name.values()}
    assert len(answers) == 1
    (only,) = answers
    assert [date for date, _ in only] == ["2026-01-07"], "the 2025-09 directive was taken up in 2026-01"


def test_a_directive_is_closed_by_a_later_item_on_the_same_document_or_project(multi_store):
    assert rows("open-directives", {"unit": "县住建局"}, multi_store) == []
    assert rows("open-directives", {"unit": "县政府办公室"}, multi_store) == []
    water = rows("open-directives", {"unit": "县水利局"}, multi_store)
    assert [r["date"] for r in water] == ["2026-01-07"]


# --- review: candidates and decisions --------------------------------------------------------------


def test_candidates_show_the_renamed_unit_and_shared_names_across_governments(multi_store):
    found = resolve.candidates(multi_store)
    pairs = {(c["kind"], c["name"], c["other"]) for c in found}
    assert ("unit", "青禾县旅游局", "青禾县文化和旅游局") in pairs
    assert any(c["kind"] == "person" and c["government"] != c["other_government"] for c in found)
    assert not [c for c in found if c["government"] == GOV and c["kind"] != "unit"]


def test_merging_a_renamed_unit_rewrites_what_is_loaded_and_sticks(copy_store, corpus_dir):
    before = rows("open-directives", {"unit": "县旅游局"}, copy_store)
    assert [r["date"] for r in before] == ["2025-09-10"]
    outcome = resolve.merge("unit", "县旅游局", "县文化和旅游局", copy_store)
    assert outcome["decision"]["government"] == GOV
    assert len(outcome["rewritten"]) == 1
    units = labels(copy_store, "Organization")
    assert "青禾县旅游局" not in units
    assert {"县旅游局", "县文化和旅游局"} <= units["青禾县文化和旅游局"]
    after = rows("open-directives", {"unit": "县旅游局"}, copy_store)
    assert [r["date"] for r in after] == ["2025-11-05"]
    assert not [c for c in resolve.candidates(copy_store) if c["name"] == "青禾县旅游局"]
    assert resolve.apply(copy_store) == []
    assert load_all(copy_store, corpus_dir).counts()["unchanged"] == 8


def test_decisions_taken_before_loading_give_the_graph_of_decisions_taken_after(tmp_path):
    after, before = tmp_path / "after", tmp_path / "before"
    load([MULTI], after)
    resolve.merge("unit", "县旅游局", "县文化和旅游局", after)
    resolve.split("何立", ["qinghe-2026-standing-12.txt"], after)
    before.mkdir()
    shutil.copy(after / DECISIONS_FILE, before / DECISIONS_FILE)
    load([MULTI], before)
    skip = {SKOS.altLabel, SKOS.hiddenLabel}
    with opened(after) as a, opened(before) as b:
        ga, gb = a.graph(), b.graph()
    assert {t for t in ga if t[1] not in skip} == {t for t in gb if t[1] not in skip}
    assert set(gb.triples((None, SKOS.altLabel, None))) <= set(ga.triples((None, SKOS.altLabel, None)))


def test_a_split_person_is_two_nodes_with_one_name(copy_store):
    resolve.split("何立", ["qinghe-2026-standing-12.txt"], copy_store, tag="b")
    query = (
        PREFIXES
        + """SELECT DISTINCT ?x WHERE { ?x a mkg:Person ; rdfs:label ?l . FILTER(STR(?l) = "何立") }"""
    )
    found = sorted(row[0] for row in sparql(query, copy_store).rows)
    assert len(found) == 2 and found[1].endswith("/person/何立~b")


def test_a_government_merge_moves_everything_under_the_other_key(copy_store):
    resolve.merge("government", GOV, "青禾县人民政府（新）", copy_store)
    query = "SELECT ?key (COUNT(*) AS ?n) WHERE { ?x ?p ?o FILTER(CONTAINS(STR(?x), ?key)) } GROUP BY ?key"
    assert sparql(query, copy_store, {"key": f"/{GOV}/"}).rows in ([], [[f"/{GOV}/", 0]])
    assert sparql(query, copy_store, {"key": "/青禾县人民政府（新）/"}).rows[0][1] > 500


def test_a_name_in_several_governments_needs_the_government(copy_store):
    with pytest.raises(resolve.ResolveError, match="several governments"):
        resolve.merge("person", "习近平", "某人", copy_store)
    with pytest.raises(resolve.ResolveError, match="no person named"):
        resolve.merge("person", "无此人", "某人", copy_store)


def test_store_aliases_file_is_read_on_load(tmp_path, corpus_dir):
    store = tmp_path / "store"
    store.mkdir()
    (store / ALIASES_FILE).write_text(
        f"""@prefix skos: <http://www.w3.org/2004/02/skos/core#> .
<urn:a:s> a skos:ConceptScheme ; skos:notation "{GOV}" .
<urn:a:c> skos:inScheme <urn:a:s> ; skos:prefLabel "青禾县文化和旅游局"@zh ; skos:altLabel "县旅游局"@zh .
""",
        encoding="utf-8",
    )
    load([MULTI], store)
    assert "青禾县旅游局" not in labels(store, "Organization")


def test_cli_lists_candidates_records_decisions_and_prints_them(copy_store):
    runner = CliRunner()
    listed = runner.invoke(main, ["resolve", "--store", str(copy_store), "--format", "json"])
    assert listed.exit_code == 0, listed.output
    assert any(r["kind"] == "unit" and r["name"] == "青禾县旅游局" for r in json.loads(listed.output))
    merged = runner.invoke(
        main, ["resolve", "merge", "unit", "县旅游局", "县文化和旅游局", "--store", str(copy_store)]
    )
    assert merged.exit_code == 0, merged.output
    assert "1 documents rewritten" in merged.output
    kept = runner.invoke(main, ["resolve", "distinct", "person", "顾清", "顾青", "--store", str(copy_store)])
    assert kept.exit_code == 0, kept.output
    shown = runner.invoke(main, ["resolve", "decisions", "--store", str(copy_store)])
    assert [d["action"] for d in json.loads(shown.output)] == ["merge", "distinct"]
    failed = runner.invoke(main, ["resolve", "merge", "person", "无此人", "某人", "--store", str(copy_store)])
    assert failed.exit_code == 1 and "no person named" in failed.output


def test_the_shapes_check_post_holdings_and_document_stages():
    import pyshacl
    from rdflib import Graph
    from rdflib.namespace import ORG
    from test_rdf import loaded_graph

    from loaders.reading import read_minutes
    from ontology import MKG, SHAPES_TTL

    graph = loaded_graph(read_minutes(MULTI / "qinghe-2025-standing-10.txt"))
    shapes = Graph().parse(SHAPES_TTL)
    assert pyshacl.validate(graph, shacl_graph=shapes)[0]
    holding = next(graph.subjects(RDF.type, MKG.PostHolding))
    graph.remove((holding, ORG.member, None))
    stage = next(graph.objects(None, MKG.hasStage))  # its class follows from the link
    graph.add((stage, MKG.documentStatus, Literal("另一个状态")))
    conforms, _, text = pyshacl.validate(graph, shacl_graph=shapes)
    assert not conforms
    assert "exactly one holder" in text and "at most one status" in text


def test_the_installed_script_lists_candidates(multi_store):
    import subprocess
    import sys

    kg_script = Path(sys.executable).parent / "kg"
    done = subprocess.run(
        [str(kg_script), "resolve", "candidates", "--store", str(multi_store)],
        capture_output=True,
        text=True,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    assert "青禾县旅游局" in done.stdout and "one name abbreviates the other" in done.stdout


def test_keeping_apart_by_the_written_names_settles_the_candidate(copy_store):
    resolve.distinct("unit", "县旅游局", "县文化和旅游局", copy_store, government=GOV)
    assert not [c for c in resolve.candidates(copy_store) if c["government"] == GOV]
    assert "青禾县旅游局" in labels(copy_store, "Organization"), "kept apart: still two units"
    with pytest.raises(resolve.ResolveError, match="into itself"):
        resolve.merge("unit", "县旅游局", "县旅游局", copy_store)
