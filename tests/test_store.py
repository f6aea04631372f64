"""The embedded store on disk: replace a document whole, withdraw it, keep the registry, query safely."""

import pytest
from rdflib import Graph, Literal, URIRef
from rdflib.compare import isomorphic
from rdflib.namespace import RDF, RDFS, SKOS
from test_rdf import GOV, handmade, loaded_graph

from kg.pipeline import remove, stats, validate
from kg.store import Store, StoreError
from kg.stores import sparql, store_path
from loaders import iris
from loaders.record import Participant, Span
from ontology import BOOKKEEPING, ENTITIES, ID, MKG

ATTENDEES = """
PREFIX mkg: <https://w3id.org/minutes-kg/ns#>
PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
SELECT ?name WHERE { ?a mkg:attendee ?p . ?p rdfs:label ?name } ORDER BY ?name
"""


def document_graph(st: Store, graph) -> Graph:
    return st.graph(str(graph))


def names(st: Store) -> list[str]:
    return [row[0] for row in sparql(ATTENDEES, st).rows]


def test_replace_persists_on_disk(store_path):
    graph = loaded_graph(handmade(), content_hash="h1")
    with Store(store_path) as st:
        assert st.replace_many([graph]) == len(graph)
    with Store(store_path) as st:
        assert isomorphic(document_graph(st, graph.identifier), graph)
        assert st.documents() == {"a-2024-standing-1.txt": {"graph": str(graph.identifier), "hash": "h1"}}


def test_replacing_with_the_same_graph_changes_nothing(store_path):
    graph = loaded_graph(handmade(), content_hash="h1")
    with Store(store_path) as st:
        st.replace_many([graph])
        before = sorted(map(str, st.quads()))
        st.replace_many([loaded_graph(handmade(), content_hash="h1")])
        assert sorted(map(str, st.quads())) == before


def test_a_changed_document_replaces_its_old_facts(store_path):
    with Store(store_path) as st:
        st.replace_many([loaded_graph(handmade(), content_hash="h1")])
        assert names(st) == ["李某", "王某", "赵某"]
        fewer = handmade(participants=[Participant("孙某", "present", Span(0, 2, "孙某"))])
        st.replace_many([loaded_graph(fewer, content_hash="h2")])
        assert names(st) == ["孙某"]
        assert st.content_hash(str(iris.source("a-2024-standing-1.txt"))) == "h2"


def test_withdrawing_one_document_keeps_the_other(store_path):
    with Store(store_path) as st:
        st.replace_many([loaded_graph(handmade("a.txt")), loaded_graph(handmade("b.txt"))])
        assert set(st.documents()) == {"a.txt", "b.txt"}
        assert remove("a.txt", st) == str(iris.source("a.txt"))
        assert set(st.documents()) == {"b.txt"}
        # the person both documents name is still there, from the other document's graph
        assert names(st) == ["李某", "王某", "赵某"]


def test_removing_an_unknown_document_is_an_error(store_path):
    with Store(store_path) as st, pytest.raises(Exception, match="not loaded in the store"):
        remove("nope.txt", st)


def test_an_unwritable_graph_writes_nothing(store_path):
    with Store(store_path) as st:
        good = loaded_graph(handmade("a.txt"), content_hash="h1")
        st.replace_many([good])
        bad = loaded_graph(handmade("a.txt"), content_hash="h2")
        bad.add((iris.person(GOV, "x"), ID["p"], URIRef("not an iri")))
        with pytest.raises(StoreError, match=r"cannot store|cannot write"):
            st.replace_many([bad])
        assert isomorphic(document_graph(st, good.identifier), good)


def test_query_parameters_are_bound_not_pasted(store_path):
    query = """PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
    SELECT ?name ?p WHERE { ?p rdfs:label ?name }"""
    with Store(store_path) as st:
        st.replace_many([loaded_graph(handmade())])
        hit = sparql(query, st, {"name": Literal("王某", lang="zh")})
        assert [row[1] for row in hit.rows] == [str(iris.person(GOV, "王某"))]
        evil = '王某"@zh } ?p ?q ?r { '
        assert sparql(query, st, {"name": evil}).rows == []


def test_a_locked_store_is_a_clear_error(store_path):
    with Store(store_path), pytest.raises(StoreError, match="is another kg using it"):
        Store(store_path)


def test_store_path_prefers_the_option_then_the_environment(monkeypatch, tmp_path):
    monkeypatch.setenv("KG_STORE", str(tmp_path / "env"))
    assert store_path(tmp_path / "opt") == tmp_path / "opt"
    assert store_path() == tmp_path / "env"
    monkeypatch.delenv("KG_STORE")
    assert str(store_path()) == ".kg/store"


def test_stats_count_distinct_things(store_path):
    with Store(store_path) as st:
        st.replace_many([loaded_graph(handmade("a.txt")), loaded_graph(handmade("b.txt"))])
        counts = stats(st)
        facts = len(list(st.quads()))
    assert counts["triples"] == facts
    assert counts["meetings"] == 1  # same government, name and date: one meeting
    assert counts["persons"] == 4  # 王某 李某 赵某 and 钱某 mentioned
    assert counts["decisions"] == 1 and counts["directives"] == 1
    assert counts["organizations"] == 6  # body, issuer, 2 distributed to, 某镇, 测试投资集团


def test_handmade_minutes_conform_to_the_shapes(store_path):
    with Store(store_path) as st:
        st.replace_many([loaded_graph(handmade())])
        assert validate(st) == []


def test_violations_are_one_readable_line_each(store_path):
    broken = handmade(participants=[Participant("周某", "present", span=None)])
    broken.meeting.date = None
    with Store(store_path) as st:
        st.replace_many([loaded_graph(broken)])
        lines = validate(st)
    assert any(line.startswith("Meeting 县政府第一次常务会议: dcterms:date: ") for line in lines)
    assert any(line.startswith("Attendance ") and ": mkg:quote: " in line for line in lines)
    assert all("\n" not in line for line in lines)


def test_a_document_without_its_hash_is_taken_for_a_changed_one(tmp_path):
    """What a crash between add_new's bulk write and its hash leaves: the next load replaces it."""
    from conftest import CORPUS, SEED

    from kg.pipeline import load
    from loaders.rdf import Statements, to_statements
    from loaders.reading import read_minutes

    seed = CORPUS / f"{SEED}.txt"
    clean = tmp_path / "clean"
    load([seed], clean)
    document = to_statements(read_minutes(seed), content_hash="x")
    facts = [t for t in document.triples if t[1] != f"<{MKG.contentHash}>"]
    crashed = tmp_path / "crashed"
    with Store(crashed) as st:
        st.add_new([Statements(document.graph, facts[:-50])])  # facts, no mark
        assert st.documents()[seed.name]["hash"] is None
    assert [r.status for r in load([seed], crashed).results] == ["replaced"]
    assert quads(crashed) == quads(clean)


def test_add_new_writes_what_replace_writes(store_path, tmp_path):
    documents = [loaded_graph(handmade(name), content_hash=h) for name, h in (("a.txt", "1"), ("b.txt", "2"))]
    with Store(store_path) as st:
        st.add_new(documents)
    with Store(tmp_path / "other") as st:
        st.replace_many(documents)
    assert quads(store_path) == quads(tmp_path / "other")


def quads(path) -> list[str]:
    with Store(path) as st:
        return sorted(map(str, st.quads()))


SEED_GRAPH_AT_MOST = 700
"""Quads the seed's own graph may hold (issue 13's goal; 670 in layout 4): 1,378 in layout 2, which
repeated the document on every fact; 1,148 in layout 3, which referred to every class and label of
what it names and wrote the implied classes of parts, end offsets and directives' texts."""

GRAPH_SIZES = """SELECT ?g (COUNT(*) AS ?quads) WHERE { GRAPH ?g { ?s ?p ?o } } GROUP BY ?g"""


def test_a_fact_s_document_is_the_graph_it_is_in(store_path):
    """The seed's graph holds no prov:wasDerivedFrom and one mkg:sourceFile (the document's own); the
    projection gives every fact of it both again, from the graph (``source`` on an ATTENDED edge)."""
    from conftest import CORPUS, SEED

    from kg.pipeline import load
    from kg.projection import project

    seed = CORPUS / f"{SEED}.txt"
    load([seed], store_path)
    graph = str(iris.source(seed.name))
    with Store(store_path, read_only=True) as st:
        sizes = {row[0]: row[1] for row in sparql(GRAPH_SIZES, st).rows}
        own = list(st.document_quads(graph))
        pg = project(st.quads())
    assert sizes[graph] <= SEED_GRAPH_AT_MOST
    assert not [q for q in own if q.predicate.value == "http://www.w3.org/ns/prov#wasDerivedFrom"]
    assert [q.subject.value for q in own if q.predicate.value == str(MKG.sourceFile)] == [graph]
    attended = [e for e in pg.edges if e.type == "ATTENDED"]
    assert attended and {e.props["source"] for e in attended} == {seed.name}
    derived = {e.source for e in pg.edges if e.type == "WAS_DERIVED_FROM" and e.target == graph}
    kinds = ("Decision", "Directive", "AgendaItem", "Meeting")
    facts = {n.uri for n in pg.nodes.values() if n.label in kinds}
    assert len(facts) == 67 and facts <= derived


ENTITY_FACTS = f"""
SELECT ?s ?p ?o WHERE {{
  VALUES ?p {{ <{RDF.type}> <{RDFS.label}> <{SKOS.hiddenLabel}> }} GRAPH <{ENTITIES}> {{ ?s ?p ?o }} }}
"""

LINKED = f"""
SELECT DISTINCT ?s WHERE {{ GRAPH ?g {{ ?x ?y ?s }}
  FILTER(isIRI(?s) && ?g != <{ENTITIES}> && ?g != <{BOOKKEEPING}>) }}
"""


def _kept_with_their_things(st) -> tuple[set, set]:
    """The shared things whose classes and labels the store keeps, and those its documents link to."""
    return {row[0] for row in sparql(ENTITY_FACTS, st).rows}, {row[0] for row in sparql(LINKED, st).rows}


def test_what_a_shared_iri_determines_lives_with_the_thing(store_path):
    """Layout 4: no document refers to a class, label or hidden label of a shared thing; they are
    kept while some document links to the thing (the unit of a membership, which no fact of the
    document's own links to, by ``<doc> mkg:states <unit>``), and go with the last such document."""
    import pyoxigraph as ox
    from conftest import CORPUS, SEED

    from kg.pipeline import load

    seed, miluo = CORPUS / f"{SEED}.txt", CORPUS / "miluo-2025-standing-47.txt"
    load([seed, miluo], store_path)
    with Store(store_path) as st:
        referred = [
            q.object.predicate.value
            for q in st._ox.quads_for_pattern(None, None, None, None)
            if q.predicate.value == str(MKG.states) and isinstance(q.object, ox.Triple)
        ]
        assert referred and not {str(RDF.type), str(RDFS.label), str(SKOS.hiddenLabel)} & set(referred)
        kept, linked = _kept_with_their_things(st)
        assert kept <= linked and len(kept) > 100
        units = {
            row[0]
            for row in sparql(
                f"SELECT ?u WHERE {{ GRAPH ?g {{ ?g <{MKG.states}> ?u FILTER(isIRI(?u)) }} }}", st
            ).rows
        }
        assert units and units <= kept
        remove(miluo.name, st)
        after, linked = _kept_with_their_things(st)
        assert after <= linked and not units & after and after < kept
        remove(seed.name, st)
        assert sparql(ENTITY_FACTS, st).rows == []
