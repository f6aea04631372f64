"""The vocabulary in code and in Turtle say the same thing, and the shapes parse."""

from rdflib import Graph, URIRef
from rdflib.namespace import OWL, RDF, RDFS, SKOS

from loaders.record import ITEM_KINDS, OUTCOMES, ROLES
from ontology import IMPLIED_CLASSES, ITEM_KIND, MKG, ONTOLOGY_TTL, OUTCOME, ROLE, SHAPES_TTL

NAMESPACES = (MKG, ROLE, ITEM_KIND, OUTCOME)


def ontology() -> Graph:
    return Graph().parse(ONTOLOGY_TTL)


def declared(graph: Graph) -> set[URIRef]:
    """Every subject of the Turtle that lives in one of our namespaces."""
    prefixes = tuple(str(ns._NS) for ns in NAMESPACES)
    return {s for s in graph.subjects() if isinstance(s, URIRef) and str(s).startswith(prefixes)}


def in_code() -> set[URIRef]:
    return {ns[name] for ns in NAMESPACES for name in ns.__annotations__}


def test_every_term_in_code_is_declared_in_turtle():
    missing = in_code() - declared(ontology())
    assert not missing, f"in ontology/__init__.py but not in minutes.ttl: {sorted(missing)}"


def test_every_term_in_turtle_is_in_code():
    extra = declared(ontology()) - in_code()
    assert not extra, f"in minutes.ttl but not in ontology/__init__.py: {sorted(extra)}"


def test_concepts_are_the_record_values():
    assert set(ROLE.__annotations__) == set(ROLES)
    assert set(ITEM_KIND.__annotations__) == set(ITEM_KINDS)
    assert set(OUTCOME.__annotations__) == set(OUTCOMES)


def test_every_class_and_property_has_chinese_and_english_labels():
    g = ontology()
    kinds = (OWL.Class, OWL.ObjectProperty, OWL.DatatypeProperty, SKOS.Concept, SKOS.ConceptScheme)
    for term in {t for kind in kinds for t in g.subjects(RDF.type, kind)}:
        labels = set(g.objects(term, RDFS.label)) | set(g.objects(term, SKOS.prefLabel))
        assert {lit.language for lit in labels} >= {"zh", "en"}, term


def test_every_concept_is_in_its_scheme():
    g = ontology()
    for ns, scheme in ((ROLE, MKG.Roles), (ITEM_KIND, MKG.ItemKinds), (OUTCOME, MKG.Outcomes)):
        for name in ns.__annotations__:
            assert (ns[name], SKOS.inScheme, scheme) in g


def test_misspelt_term_fails_at_once():
    import pytest

    with pytest.raises(AttributeError):
        MKG.Meting  # noqa: B018


def test_shapes_parse_and_target_our_classes():
    shapes = Graph().parse(SHAPES_TTL)
    sh = "http://www.w3.org/ns/shacl#"
    targets = set(shapes.objects(predicate=URIRef(sh + "targetClass")))
    assert {MKG.Meeting, MKG.SourceDocument, MKG.PostHolding, MKG.Person} <= targets
    # a part whose class its link implies has no rdf:type to target: the shape targets the link's objects
    assert not targets & set(IMPLIED_CLASSES.values())
    links = set(shapes.objects(predicate=URIRef(sh + "targetObjectsOf")))
    assert links == set(IMPLIED_CLASSES)


def test_each_implied_class_is_the_range_of_its_link():
    graph = ontology()
    for link, cls in IMPLIED_CLASSES.items():
        assert list(graph.objects(link, RDFS.range)) == [cls], link
        assert (cls, RDF.type, OWL.Class) in graph
