"""The one projection RDF -> property graph: labels, properties, edges, attendance as an edge."""

import pyoxigraph
import pytest
from rdflib import RDF, RDFS, Dataset, Graph, Literal, URIRef

from kg.projection import Edge, project, to_networkx
from ontology import ID, MKG

ROLE = URIRef("https://w3id.org/minutes-kg/ns/role/")
OUTCOME = URIRef("https://w3id.org/minutes-kg/ns/outcome/")
GOV = "测试县人民政府"
MEETING, ITEM, DECISION = ID[f"{GOV}/meeting/9"], ID[f"{GOV}/meeting/9/item/1"], ID[f"{GOV}/meeting/9/d/1"]
CHAIR, CLERK, UNIT = ID[f"{GOV}/person/甲"], ID[f"{GOV}/person/乙"], ID[f"{GOV}/org/县财政局"]
ATT1, ATT2 = ID[f"{GOV}/meeting/9/attendance/1"], ID[f"{GOV}/meeting/9/attendance/2"]


def minutes_graph() -> Graph:
    """A small document graph in the shape loaders/rdf.py writes."""
    g = Graph()
    g += [
        (MEETING, RDF.type, MKG.Meeting),
        (MEETING, RDFS.label, Literal("第9次常务会议", lang="zh")),
        (MEETING, RDFS.label, Literal("9th standing meeting", lang="en")),
        (MEETING, MKG.ordinal, Literal(9)),
        (MEETING, MKG.chair, CHAIR),
        (MEETING, MKG.hasItem, ITEM),
        (MEETING, MKG.hasAttendance, ATT1),
        (MEETING, MKG.hasAttendance, ATT2),
        (CHAIR, RDF.type, MKG.Person),
        (CHAIR, RDFS.label, Literal("甲", lang="zh")),
        (CHAIR, MKG.title, Literal("县长")),
        (CHAIR, MKG.title, Literal("县委副书记")),
        (CLERK, RDF.type, MKG.Person),
        (CLERK, RDFS.label, Literal("乙", lang="zh")),
        (UNIT, RDF.type, MKG.Department),
        (UNIT, RDFS.label, Literal("县财政局", lang="zh")),
        (ITEM, RDF.type, MKG.AgendaItem),
        (ITEM, MKG.number, Literal(1)),
        (ITEM, MKG.itemKind, URIRef("https://w3id.org/minutes-kg/ns/item-kind/report")),
        (ITEM, MKG.presenter, UNIT),
        (ITEM, MKG.hasDecision, DECISION),
        (DECISION, RDF.type, MKG.Decision),
        (DECISION, MKG.outcome, OUTCOME + "approved_in_principle"),
        (DECISION, MKG.nextStep, Literal("提请县委审议")),
        (DECISION, MKG.quote, Literal("会议原则同意，提请县委审议。")),
        (DECISION, MKG.startOffset, Literal(100)),
        (DECISION, MKG.endOffset, Literal(114)),
    ]
    for att, person, role, start in ((ATT1, CHAIR, "present", 10), (ATT2, CLERK, "recorder", 20)):
        g += [
            (att, RDF.type, MKG.Attendance),
            (att, MKG.attendee, person),
            (att, MKG.role, ROLE + role),
            (att, MKG.quote, Literal("出席：甲")),
            (att, MKG.startOffset, Literal(start)),
            (att, MKG.endOffset, Literal(start + 4)),
            (att, MKG.sourceFile, Literal("test.txt")),
        ]
    return g


@pytest.fixture
def pg():
    return project(minutes_graph())


def test_classes_become_labels_with_their_superclasses(pg):
    unit = pg.nodes[str(UNIT)]
    assert unit.label == "Organization"
    assert unit.labels == ["Department", "Organization"]
    assert {n.label for n in pg.nodes.values()} == {
        "Meeting",
        "AgendaItem",
        "Decision",
        "Person",
        "Organization",
    }


def test_literals_become_properties(pg):
    meeting = pg.nodes[str(MEETING)].props
    assert meeting == {
        "uri": str(MEETING),
        "name": "第9次常务会议",
        "name_en": "9th standing meeting",
        "ordinal": 9,
    }
    assert pg.nodes[str(CHAIR)].props["title"] == ["县委副书记", "县长"]
    decision = pg.nodes[str(DECISION)].props
    assert decision["outcome"] == "approved_in_principle"
    assert (decision["next_step"], decision["start"], decision["end"]) == ("提请县委审议", 100, 114)
    assert pg.nodes[str(ITEM)].props["kind"] == "report"


def test_object_properties_become_edges(pg):
    edges = {(e.source, e.type, e.target) for e in pg.edges if e.type != "ATTENDED"}
    assert edges == {
        (str(MEETING), "CHAIR", str(CHAIR)),
        (str(MEETING), "HAS_ITEM", str(ITEM)),
        (str(ITEM), "PRESENTER", str(UNIT)),
        (str(ITEM), "HAS_DECISION", str(DECISION)),
    }


def provenance(start):
    return {"quote": "出席：甲", "start": start, "end": start + 4, "source": "test.txt"}


def test_attendance_becomes_an_edge_with_role_and_provenance(pg):
    attended = sorted((e for e in pg.edges if e.type == "ATTENDED"), key=lambda e: e.props["uri"])
    assert attended == [
        Edge(str(CHAIR), str(MEETING), "ATTENDED", {"uri": str(ATT1), "role": "present", **provenance(10)}),
        Edge(str(CLERK), str(MEETING), "ATTENDED", {"uri": str(ATT2), "role": "recorder", **provenance(20)}),
    ]
    assert str(ATT1) not in pg.nodes


def test_the_same_from_oxigraph_quads_and_from_a_dataset(pg):
    store = pyoxigraph.Store()
    graph_name = pyoxigraph.NamedNode("urn:doc:1")
    store.bulk_load(
        minutes_graph().serialize(format="nt").encode(), pyoxigraph.RdfFormat.N_TRIPLES, to_graph=graph_name
    )
    from_store = project(store.quads_for_pattern(None, None, None))
    assert from_store == pg
    dataset = Dataset()
    for name in ("urn:doc:1", "urn:doc:2"):  # the chair and the item twice, in two documents
        dataset.graph(URIRef(name)).__iadd__(minutes_graph())
    assert project(dataset) == pg


def test_to_networkx_keeps_nodes_edges_and_attributes(pg):
    g = to_networkx(pg)
    assert (g.number_of_nodes(), g.number_of_edges()) == (len(pg.nodes), len(pg.edges))
    assert g.nodes[str(UNIT)]["type"] == "Organization"
    assert g.nodes[str(UNIT)]["label"] == "县财政局"
    assert g.edges[str(CLERK), str(MEETING), str(ATT2)]["label"] == "recorder"
    assert g.edges[str(MEETING), str(ITEM), "HAS_ITEM"]["label"] == "HAS_ITEM"


def test_the_corpus_projects_every_attendance_as_an_edge(corpus_store):
    from kg.stores import opened, sparql

    with opened(corpus_store) as st:
        pg = project(st.quads())
    count = (
        "PREFIX mkg: <https://w3id.org/minutes-kg/ns#> "
        "SELECT (COUNT(?a) AS ?n) WHERE { [] mkg:hasAttendance ?a }"
    )
    attendances = sparql(count, corpus_store).rows
    attended = [e for e in pg.edges if e.type == "ATTENDED"]
    assert len(attended) == attendances[0][0] > 100
    assert {pg.nodes[e.source].label for e in attended} == {"Person"}
    assert {pg.nodes[e.target].label for e in attended} == {"Meeting"}
    assert all(
        e.props["role"] in ("present", "on_leave", "absent", "invited", "observer", "recorder")
        for e in attended
    )
    assert not [n for n in pg.nodes.values() if "Attendance" in n.labels]
    seed = [n for n in pg.nodes.values() if n.label == "Meeting" and n.props.get("date") == "2023-12-20"]
    assert [
        pg.nodes[e.target].props["name"] for e in pg.edges if e.type == "CHAIR" and e.source == seed[0].uri
    ] == ["李晓东"]
