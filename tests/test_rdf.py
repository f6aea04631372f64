"""The record as RDF: deterministic IRIs, one named graph per document, provenance on every fact."""

from rdflib import Graph, Literal, URIRef
from rdflib.compare import isomorphic
from rdflib.namespace import ORG, PROV, RDF, RDFS

from kg.store import Store
from loaders import iris
from loaders.rdf import to_statements
from loaders.record import Decision, Directive, Item, Meeting, Mention, Minutes, Participant, Span
from ontology import ID, IMPLIED_CLASSES, ITEM_KIND, MKG, OUTCOME, ROLE


def loaded_graph(minutes: Minutes, **options) -> Graph:
    """The record as ``kg load`` writes it (:func:`loaders.rdf.to_statements` into a store), read
    back as the rdflib graph named by its document: all the document says, shared facts included."""
    statements = to_statements(minutes, **options)
    store = Store(None)
    store.add_new([statements])
    return store.graph(statements.graph)


def span(text: str, start: int = 0) -> Span:
    return Span(start, start + len(text), text)


def handmade(source: str = "a-2024-standing-1.txt", **changes) -> Minutes:
    """Minutes written by hand for a made-up county, covering every part of the record."""
    fields = dict(
        source=source,
        body="某某县人民政府",
        issuer="某某县人民政府办公室",
        issued="2024-02-01",
        title="县政府第一次常务会议纪要",
        meeting=Meeting(
            name="县政府第一次常务会议",
            kind="常务会议",
            ordinal=1,
            date="2024-01-20",
            chair="王某",
            chair_title="县长",
            span=span("2024年1月20日，县长王某主持召开县政府第一次常务会议。", 40),
        ),
        participants=[
            Participant("王某", "present", span("王某", 900)),
            Participant("李某", "on_leave", span("李某", 910), note="赴省城参加会议"),
            Participant("赵某", "observer", span("赵某", 920), unit="县财政局"),
        ],
        distribution=[Mention("县委各部门"), Mention("县财政局")],
        items=[
            Item(
                number=1,
                kind="review",
                title="审议《某某县测试办法（送审稿）》",
                presenters=[Mention("县财政局")],
                documents=[Mention("某某县测试办法", status="送审稿")],
                projects=[Mention("测试大桥工程")],
                persons_mentioned=[Mention("钱某", title="副县长")],
                organizations_mentioned=[Mention("测试投资集团")],
                decisions=[
                    Decision(
                        "approved_in_principle",
                        document="某某县测试办法",
                        document_status="送审稿",
                        next_step="提请县委审议",
                        span=span("会议原则同意《某某县测试办法（送审稿）》，提请县委审议。", 300),
                    )
                ],
                directives=[
                    Directive(
                        "县财政局要抓好落实",
                        verb="要求",
                        addressees=["县财政局", "某镇"],
                        persons=["钱某"],
                        span=span("会议要求，县财政局要抓好落实。", 340),
                    )
                ],
                span=span("一、审议《某某县测试办法（送审稿）》", 200),
            )
        ],
    )
    fields.update(changes)
    return Minutes(**fields)


GOV = "某某县人民政府"


def test_graph_is_named_by_its_source_document():
    g = loaded_graph(handmade())
    assert g.identifier == ID["source/a-2024-standing-1.txt"]
    assert (g.identifier, RDF.type, MKG.SourceDocument) in g


def test_same_record_gives_isomorphic_graphs_with_identical_triples():
    first, second = loaded_graph(handmade(), content_hash="x"), loaded_graph(handmade(), content_hash="x")
    assert isomorphic(first, second)
    assert set(first) == set(second)  # no blank nodes: the very same triples


def test_same_person_and_unit_of_one_government_share_an_iri_across_documents():
    a = loaded_graph(handmade("a.txt"))
    b = loaded_graph(handmade("b.txt", meeting=Meeting(name="县政府第二次常务会议", date="2024-02-20")))
    person, unit = iris.person(GOV, "赵某"), iris.organization(GOV, "县财政局")
    for g in (a, b):
        assert (person, RDF.type, MKG.Person) in g
        assert (unit, RDF.type, MKG.Department) in g
    assert set(a.subjects(RDF.type, MKG.Meeting)) != set(b.subjects(RDF.type, MKG.Meeting))


def test_other_government_gets_other_iris():
    g = loaded_graph(handmade(body="另一县人民政府", issuer=None))
    assert (iris.person("另一县人民政府", "王某"), RDF.type, MKG.Person) in g
    assert not list(g.triples((iris.person(GOV, "王某"), None, None)))


def test_attendance_carries_person_role_and_provenance():
    g = loaded_graph(handmade())
    meeting = iris.meeting(GOV, "县政府第一次常务会议", "2024-01-20")
    roles = {}
    for node in g.objects(meeting, MKG.hasAttendance):
        person = g.value(node, MKG.attendee)
        roles[str(g.value(person, RDFS.label))] = g.value(node, MKG.role)
        assert g.value(node, PROV.wasDerivedFrom) is None  # the graph's name says it (layout 3)
        assert g.value(node, MKG.quote) is not None
        assert g.value(node, MKG.startOffset) is not None
        assert (node, RDF.type, None) not in g  # mkg:hasAttendance implies mkg:Attendance
    assert roles == {"王某": ROLE.present, "李某": ROLE.on_leave, "赵某": ROLE.observer}
    assert (iris.person(GOV, "赵某"), ORG.memberOf, iris.organization(GOV, "县财政局")) in g


def test_decision_and_directive():
    g = loaded_graph(handmade())
    assert not [t for t in g.objects(None, RDF.type) if t in IMPLIED_CLASSES.values()]
    (decision,) = g.objects(None, MKG.hasDecision)
    assert g.value(decision, MKG.outcome) == OUTCOME.approved_in_principle
    assert g.value(decision, MKG.aboutDocument) == iris.document(GOV, "某某县测试办法")
    assert g.value(decision, MKG.nextStep) == Literal("提请县委审议")
    assert g.value(decision, MKG.startOffset) == Literal(300)
    (directive,) = g.objects(None, MKG.hasDirective)
    assert set(g.objects(directive, MKG.addressee)) == {
        iris.organization(GOV, "县财政局"),
        iris.organization(GOV, "某镇"),
    }
    assert (iris.organization(GOV, "某镇"), RDF.type, MKG.Township) in g
    assert (iris.organization(GOV, "测试投资集团"), RDF.type, MKG.Enterprise) in g
    (item,) = g.objects(None, MKG.hasItem)
    assert g.value(item, MKG.itemKind) == ITEM_KIND.review
    assert (item, MKG.concerns, iris.project(GOV, "测试大桥工程")) in g


def test_labels_are_chinese():
    g = loaded_graph(handmade())
    assert g.value(iris.person(GOV, "王某"), RDFS.label) == Literal("王某", lang="zh")


def test_body_not_printed_is_derived_from_the_issuer():
    g = loaded_graph(handmade(body=None))
    (meeting,) = g.subjects(RDF.type, MKG.Meeting)
    assert g.value(meeting, MKG.body) == iris.organization(GOV, GOV)


def test_unsafe_characters_are_percent_encoded_but_chinese_kept():
    g = loaded_graph(handmade(participants=[Participant('x> <y "z', "present", span("x"))]))
    node = iris.person(GOV, 'x> <y "z')
    assert str(node).endswith("/person/x%3E%20%3Cy%20%22z")
    assert (node, RDF.type, MKG.Person) in g
    assert "某某县人民政府" in str(node)
    assert all(isinstance(s, URIRef) for s in g.subjects())  # no blank nodes anywhere


def test_serialises_and_reparses_as_trig():
    from rdflib import Dataset

    g = loaded_graph(handmade())
    ds = Dataset()
    ds.addN((s, p, o, g.identifier) for s, p, o in g)
    again = Dataset().parse(data=ds.serialize(format="trig"), format="trig")
    assert len(again.graph(g.identifier)) == len(g)


def test_the_store_gives_back_the_statements_it_was_given():
    statements = to_statements(handmade(), content_hash="x")
    graph = loaded_graph(handmade(), content_hash="x")
    assert statements.graph == str(graph.identifier)
    assert len(statements.triples) == len(set(statements.triples)) == len(graph)
    reparsed = Graph().parse(data=statements.ntriples(), format="nt")
    assert isomorphic(reparsed, graph)


def test_text_that_looks_like_ntriples_stays_one_literal():
    quote = '"> <x:y> <x:z> .\n\\'
    g = loaded_graph(handmade(participants=[Participant("王某", "present", span(quote))]))
    assert Literal(quote) in set(g.objects(predicate=MKG.quote))
