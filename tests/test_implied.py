"""What the graph leaves implied (docs/rdf.md, issue 13) every reader still sees.

A document's attendances, items, decisions, directives and document stages carry no ``rdf:type``
(the link to them implies it), a span no ``mkg:endOffset`` where it is the start plus the quote's
length, a directive no ``dcterms:description`` that repeats its quote. The projection (and so Neo4j,
the pages and the exports), ``kg stats`` and ``kg validate`` give them back.
"""

import pytest
from rdflib import Literal
from rdflib.namespace import DCTERMS, RDF

from kg.pipeline import load, stats, validate
from kg.projection import project
from kg.store import Store
from loaders import iris
from loaders.reading import read_minutes
from ontology import IMPLIED_CLASSES, MKG
from tests.conftest import CORPUS, SEED

SEED_FILE = CORPUS / f"{SEED}.txt"


@pytest.fixture(scope="module")
def seed_store(tmp_path_factory):
    path = tmp_path_factory.mktemp("seed") / "store"
    assert not load([SEED_FILE], path).failed
    return path


@pytest.fixture(scope="module")
def record():
    return read_minutes(SEED_FILE)


def own_graph(store):
    with Store(store, read_only=True) as st:
        return st.graph(iris.source(SEED_FILE.name))


def parts(record, meeting: str):
    """``(iri, class, span, text)`` of every part of the record whose class its link implies."""
    for n, participant in enumerate(record.participants, 1):
        yield iris.part(meeting, "attendance", n), "Attendance", participant.span, None
    for i, item in enumerate(record.items, 1):
        node = iris.part(meeting, "item", i)
        yield node, "AgendaItem", item.span, None
        for n, decision in enumerate(item.decisions, 1):
            yield iris.part(node, "decision", n), "Decision", decision.span, None
        for n, directive in enumerate(item.directives, 1):
            yield iris.part(node, "directive", n), "Directive", directive.span, directive.text
        for n, mention in enumerate(item.documents, 1):
            yield iris.part(node, "stage", n), "DocumentStage", mention.span, None


def meeting_of(graph) -> str:
    (meeting,) = graph.subjects(RDF.type, MKG.Meeting)
    return str(meeting)


def test_the_seed_states_no_implied_class_end_or_text(seed_store, record):
    g = own_graph(seed_store)
    assert not [s for s, o in g.subject_objects(RDF.type) if o in IMPLIED_CLASSES.values()]
    assert len(set(g.objects(None, MKG.hasDirective))) == sum(len(i.directives) for i in record.items) > 40
    starts = list(g.subject_objects(MKG.startOffset))
    ends = list(g.subject_objects(MKG.endOffset))
    assert 0 < len(ends) < len(starts) / 2
    for node, end in ends:  # written only where normalisation changed the text's length
        start, quote = g.value(node, MKG.startOffset), g.value(node, MKG.quote)
        assert end.toPython() != start.toPython() + len(str(quote or ""))
    assert not list(g.subject_objects(DCTERMS.description))  # every directive's text is its quote


def test_the_projection_gives_back_the_classes_ends_and_texts(seed_store, record):
    with Store(seed_store, read_only=True) as st:
        pg = project(st.quads())
    meeting = meeting_of(own_graph(seed_store))
    attended = {e.props["uri"]: e for e in pg.edges if e.type == "ATTENDED"}
    seen = set()
    for node, cls, span, text in parts(record, meeting):
        if cls == "Attendance":
            props = attended[node].props
        else:
            assert pg.nodes[node].label == cls, node
            props = pg.nodes[node].props
        if span is not None and span.text:
            assert (props["start"], props["end"], props["quote"]) == (span.start, span.end, span.text)
        if text is not None:
            assert props["description"] == text
        seen.add(cls)
    assert seen == {c.fragment for c in IMPLIED_CLASSES.values()}
    assert any(s.end != s.start + len(s.text) for _, _, s, _ in parts(record, meeting) if s)


def test_stats_count_the_parts_by_their_links(seed_store, record):
    counts = stats(seed_store)
    assert counts["items"] == len(record.items) == 14
    assert counts["decisions"] == sum(len(i.decisions) for i in record.items) == 10
    assert counts["directives"] == sum(len(i.directives) for i in record.items)
    assert counts["attendances"] == len(record.participants)


def test_validate_checks_the_parts_their_links_imply(tmp_path):
    path = tmp_path / "store"
    assert not load([SEED_FILE], path).failed
    assert validate(path) == []
    with Store(path) as st:  # break a decision and a directive of the stored graph
        decision, directive = (
            next(st.graph(iris.source(SEED_FILE.name)).objects(None, link))
            for link in (MKG.hasDecision, MKG.hasDirective)
        )
        st._ox.update(f"DELETE WHERE {{ GRAPH ?g {{ <{decision}> <{MKG.outcome}> ?o }} }}")
        st._ox.update(
            f"INSERT DATA {{ GRAPH <{iris.source(SEED_FILE.name)}> {{ <{directive}> <{MKG.endOffset}> "
            f"{Literal(-1).n3()} }} }}"
        )
    lines = validate(path)
    assert any(line.startswith("Decision ") and "mkg:outcome" in line for line in lines), lines
    assert any(line.startswith("Directive ") and "mkg:startOffset" in line for line in lines), lines
