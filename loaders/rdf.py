"""The record of one set of minutes as RDF: one named graph per source document.

:func:`to_rdf` returns an ``rdflib.Graph`` whose ``identifier`` is the IRI of the source document,
which is also the name of the graph its facts live in, so a store can replace or withdraw a
document whole. IRIs are deterministic (:mod:`loaders.iris`): the same record always gives the
same triples, and the same person or unit of one government the same node in every document.
docs/rdf.md describes the shape.

>>> from loaders.record import Minutes, Meeting
>>> g = to_rdf(Minutes(source="m.txt", body="某县人民政府", meeting=Meeting(name="县政府第1次常务会议")))
>>> str(g.identifier)
'https://w3id.org/minutes-kg/id/source/m.txt'
>>> sorted(str(label) for label in g.objects(predicate=RDFS.label))
['m.txt', '县政府第1次常务会议', '某县人民政府']
"""

from __future__ import annotations

from functools import lru_cache
from pathlib import PurePath

from rdflib import Graph, Literal, URIRef
from rdflib.namespace import DCTERMS, ORG, PROV, RDF, RDFS, SKOS, XSD

from loaders import aliases, iris
from loaders.record import Minutes, Span
from ontology import ITEM_KIND, MKG, OUTCOME, ROLE

ORG_CLASSES = (
    (("人民政府", "政府"), MKG.GovernmentBody),
    (("公司", "集团"), MKG.Enterprise),
    (("街道办事处", "街道", "镇", "乡"), MKG.Township),
    (("局", "委", "委员会", "办", "办公室", "中心"), MKG.Department),
)
"""A unit's class by the end of its name, tried in order (…街道办事处 is a township, not an office)."""

PREFIXES = {
    "mkg": MKG._NS,
    "dcterms": DCTERMS,
    "org": ORG,
    "prov": PROV,
    "rdfs": RDFS,
    "skos": SKOS,
    "xsd": XSD,
}


def org_class(name: str) -> URIRef | None:
    """The subclass of mkg:Organization a unit's name says it is, or None.

    >>> org_class("县发改局").fragment, org_class("石浦镇").fragment, org_class("县工投集团").fragment
    ('Department', 'Township', 'Enterprise')
    >>> org_class("各人民团体") is None
    True
    """
    for suffixes, cls in ORG_CLASSES:
        if name.endswith(suffixes):
            return cls
    return None


def to_rdf(minutes: Minutes, *, content_hash: str | None = None, names: aliases.Names | None = None) -> Graph:
    """The minutes as a graph named by their source document's IRI (see the module's doc).

    ``names`` decides what each name resolves to (:mod:`loaders.aliases`: the alias tables and the
    reviewed merges and splits); by default the tables that ship with the ontology.
    """
    identifier, triples = to_triples(minutes, content_hash=content_hash, names=names)
    graph = Graph(identifier=identifier)
    for prefix, namespace in PREFIXES.items():
        graph.bind(prefix, namespace)
    graph.addN((s, p, o, graph) for s, p, o in triples)
    return graph


def to_triples(
    minutes: Minutes, *, content_hash: str | None = None, names: aliases.Names | None = None
) -> tuple[URIRef, list[tuple]]:
    """The same as :func:`to_rdf` as the graph's IRI and its distinct triples, in a stable order.

    Loading takes this path: an rdflib graph indexes every triple three ways, which costs more than
    building the triples, and the store does not need it.
    """
    builder = _Builder(minutes, content_hash, names or aliases.default_names())
    builder.build()
    return builder.source, list(dict.fromkeys(builder.triples))


def _date(value: str | None) -> Literal | None:
    if not value:
        return None
    return Literal(value, datatype=XSD.date) if len(value) == 10 else Literal(value)


class _Builder:
    """Walks one record and collects its triples; one method per part of the record."""

    def __init__(self, minutes: Minutes, content_hash: str | None, names: aliases.Names):
        self.minutes = minutes
        self.content_hash = content_hash
        self.names = names
        self.gov = names.government(iris.government_key(minutes))
        self.source = iris.source(minutes.source)
        self.file = Literal(PurePath(minutes.source).name)
        self.meeting_iri = iris.meeting(self.gov, minutes.meeting.name, minutes.meeting.date)
        self.holdings: set[URIRef] = set()
        self.units: set[tuple] = set()
        self.resolved: dict[tuple[str, str], aliases.Resolved] = {}
        self.triples: list[tuple] = []

    def add(self, s, p, o) -> None:
        if o is not None:
            self.triples.append((s, p, o))

    def build(self) -> None:
        m, meeting = self.minutes, self.meeting_iri
        self.source_document(meeting)
        self.meeting(meeting)
        for position, participant in enumerate(m.participants, 1):
            self.attendance(meeting, position, participant)
        for position, item in enumerate(m.items, 1):
            self.item(meeting, position, item)

    # --- parts of the record ------------------------------------------------------------------

    def source_document(self, meeting: URIRef) -> None:
        m, s = self.minutes, self.source
        self.add(s, RDF.type, MKG.SourceDocument)
        self.add(s, RDFS.label, self.file)
        self.add(s, MKG.sourceFile, self.file)
        self.add(s, MKG.recordOf, meeting)
        self.add(s, DCTERMS.title, _zh(m.title))
        self.add(s, DCTERMS.issued, _date(m.issued))
        self.add(s, MKG.docNumber, _text(m.doc_number))
        self.add(s, MKG.contentHash, _text(self.content_hash))
        if m.issuer:
            self.add(s, MKG.issuer, self.organization(m.issuer))
        for unit in m.distribution:
            self.add(s, MKG.distributedTo, self.organization(unit.name))

    def meeting(self, meeting: URIRef) -> None:
        mt = self.minutes.meeting
        self.add(meeting, RDF.type, MKG.Meeting)
        self.add(meeting, RDFS.label, _zh(mt.name))
        self.add(meeting, DCTERMS.date, _date(mt.date))
        self.add(meeting, MKG.meetingKind, _text(mt.kind))
        self.add(meeting, MKG.ordinal, None if mt.ordinal is None else Literal(mt.ordinal))
        self.add(meeting, MKG.body, self.organization(self.gov, cls=MKG.GovernmentBody))
        if mt.chair:
            self.add(meeting, MKG.chair, self.person(mt.chair, mt.chair_title, mt.span))
        self.add(meeting, MKG.chairTitle, _text(mt.chair_title))
        self.provenance(meeting, mt.span)

    def attendance(self, meeting: URIRef, position: int, participant) -> None:
        node = iris.part(meeting, "attendance", position)
        self.add(meeting, MKG.hasAttendance, node)
        self.add(node, RDF.type, MKG.Attendance)
        person = self.person(participant.name)
        self.add(node, MKG.attendee, person)
        self.add(node, MKG.role, ROLE[participant.role])
        self.add(node, MKG.note, _text(participant.note))
        if participant.unit:
            self.add(person, ORG.memberOf, self.organization(participant.unit))
        self.provenance(node, participant.span)

    def item(self, meeting: URIRef, position: int, item) -> None:
        node = iris.part(meeting, "item", position)
        self.add(meeting, MKG.hasItem, node)
        self.add(node, RDF.type, MKG.AgendaItem)
        self.add(node, MKG.number, _integer(item.number))
        self.add(node, MKG.itemKind, ITEM_KIND[item.kind])
        self.add(node, RDFS.label, _zh(item.title))
        for mention in item.presenters:
            self.add(node, MKG.presenter, self.organization(mention.name))
        for n, mention in enumerate(item.documents, 1):
            self.add(node, MKG.discusses, self.document(mention.name))
            self.stage(node, n, mention, item.decisions)
        for mention in item.projects:
            self.add(node, MKG.concerns, self.named("project", iris.project, MKG.Project, mention.name))
        for mention in item.persons_mentioned:
            self.add(node, MKG.mentionsPerson, self.person(mention.name, mention.title, mention.span))
        for mention in item.organizations_mentioned:
            self.add(node, MKG.mentionsOrganization, self.organization(mention.name))
        for n, decision in enumerate(item.decisions, 1):
            self.decision(node, n, decision)
        for n, directive in enumerate(item.directives, 1):
            self.directive(node, n, directive)
        self.provenance(node, item.span)

    def decision(self, item: URIRef, position: int, decision) -> None:
        node = iris.part(item, "decision", position)
        self.add(item, MKG.hasDecision, node)
        self.add(node, RDF.type, MKG.Decision)
        self.add(node, MKG.outcome, OUTCOME[decision.outcome])
        if decision.document:
            self.add(node, MKG.aboutDocument, self.document(decision.document))
        self.add(node, MKG.documentStatus, _text(decision.document_status))
        self.add(node, MKG.nextStep, _text(decision.next_step))
        self.provenance(node, decision.span)

    def stage(self, item: URIRef, position: int, mention, decisions) -> None:
        """The document as this item took it up: its status then (from the 《》 or from the decision
        that names it) and the meeting's date, so a document's stages read as its history."""
        node = iris.part(item, "stage", position)
        document = self.document(mention.name)
        status = mention.status or next(
            (d.document_status for d in decisions if d.document == mention.name and d.document_status), None
        )
        self.add(item, MKG.hasStage, node)
        self.add(node, RDF.type, MKG.DocumentStage)
        self.add(node, MKG.stageOf, document)
        self.add(node, MKG.documentStatus, _text(status))
        self.add(node, DCTERMS.date, _date(self.minutes.meeting.date))
        self.add(node, MKG.atMeeting, self.meeting_iri)
        self.provenance(node, mention.span)

    def directive(self, item: URIRef, position: int, directive) -> None:
        node = iris.part(item, "directive", position)
        self.add(item, MKG.hasDirective, node)
        self.add(node, RDF.type, MKG.Directive)
        self.add(node, DCTERMS.description, _text(directive.text))
        self.add(node, MKG.directiveVerb, _text(directive.verb))
        for unit in directive.addressees:
            self.add(node, MKG.addressee, self.organization(unit))
        for name in directive.persons:
            self.add(node, MKG.involvesPerson, self.person(name))
        self.provenance(node, directive.span)

    # --- named things and provenance ----------------------------------------------------------

    def provenance(self, node: URIRef, span: Span | None) -> None:
        """Every fact with a span says where it came from: the file, the offsets, the sentence."""
        self.add(node, PROV.wasDerivedFrom, self.source)
        self.add(node, MKG.sourceFile, self.file)
        if span is not None:
            self.add(node, MKG.quote, Literal(span.text))
            self.add(node, MKG.startOffset, _integer(span.start))
            self.add(node, MKG.endOffset, _integer(span.end))

    def named(self, kind: str, mint, cls: URIRef, name: str) -> URIRef:
        """The node of a name, minted from what it resolves to: rdfs:label the preferred name,
        skos:altLabel the name as written where it differs."""
        resolved = self.resolve(kind, name)
        node = mint(self.gov, resolved.key)
        self.add(node, RDF.type, cls)
        self.add(node, RDFS.label, _zh(resolved.label))
        if name.strip() != resolved.label:
            self.add(node, SKOS.altLabel, _zh(name.strip()))
        return node

    def resolve(self, kind: str, name: str) -> aliases.Resolved:
        if (kind, name) not in self.resolved:
            self.resolved[kind, name] = aliases.resolve(kind, name, self.gov, self.names, str(self.file))
        return self.resolved[kind, name]

    def person(self, name: str, title: str | None = None, span: Span | None = None) -> URIRef:
        node = self.named("person", iris.person, MKG.Person, name)
        self.add(node, MKG.title, _text(title))
        for post in aliases.posts(title, self.gov):
            self.holding(node, self.resolve("person", name).key, post, span)
        return node

    def holding(self, person: URIRef, key: str, title: str, span: Span | None) -> None:
        """The person held the post on the meeting's date: org:holds, and one mkg:PostHolding per
        meeting whose provenance is the first sentence that gives the title."""
        government = self.organization(self.gov, cls=MKG.GovernmentBody)
        post = iris.post(self.gov, title)
        self.add(post, RDF.type, MKG.Post)
        self.add(post, RDFS.label, _zh(title))
        self.add(post, ORG.postIn, government)
        self.add(person, ORG.holds, post)
        node = iris.holding(self.meeting_iri, key, title)
        if node in self.holdings:
            return
        self.holdings.add(node)
        self.add(node, RDF.type, MKG.PostHolding)
        self.add(node, ORG.member, person)
        self.add(node, MKG.post, post)
        self.add(node, ORG.organization, government)
        self.add(node, MKG.heldOn, _date(self.minutes.meeting.date))
        self.add(node, MKG.atMeeting, self.meeting_iri)
        self.provenance(node, span)

    def document(self, title: str) -> URIRef:
        return self.named("document", iris.document, MKG.Document, title)

    def organization(self, name: str, cls: URIRef | None = None) -> URIRef:
        node = self.named("unit", iris.organization, MKG.Organization, name)
        if (node, cls) not in self.units:
            self.units.add((node, cls))
            label = self.resolve("unit", name).label
            self.add(node, RDF.type, cls or org_class(label))
            for other in sorted(aliases.unit_names(label, self.gov, self.names)):
                self.add(node, SKOS.hiddenLabel, _zh(other))
        return node


# Names, labels and offsets recur across items and documents; building an rdflib Literal is the
# dearest step of to_triples, so the small ones are made once.
@lru_cache(maxsize=65536)
def _integer(value: int) -> Literal:
    return Literal(value)


@lru_cache(maxsize=65536)
def _zh(text: str | None) -> Literal | None:
    """Names and titles are labels in Chinese."""
    return Literal(text, lang="zh") if text else None


def _text(text: str | None) -> Literal | None:
    """Other text stays a plain string, so a query can match it without a language tag."""
    return Literal(text) if text else None
