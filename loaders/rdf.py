"""The record of one set of minutes as RDF: one named graph per source document.

:func:`to_statements` returns the triples of one record, every term in N-Triples syntax, and the IRI
of the source document, which is also the name of the graph its facts live in, so a store can
replace or withdraw a document whole. IRIs are deterministic (:mod:`loaders.iris`): the same record
always gives the same triples, and the same person or unit of one government the same node in every
document. docs/rdf.md describes the shape.

>>> from loaders.record import Minutes, Meeting
>>> record = Minutes(source="m.txt", body="某县人民政府", meeting=Meeting(name="县政府第1次常务会议"))
>>> st = to_statements(record)
>>> sorted(o for s, p, o in st.triples if p == _rdfs.label)
['"m.txt"', '"县政府第1次常务会议"@zh', '"某县人民政府"@zh']
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import PurePath

import pyoxigraph as ox
from rdflib import BNode, Literal, URIRef
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

    >>> org_class("县发改局").fragment, org_class("青禾镇").fragment, org_class("县城建集团").fragment
    ('Department', 'Township', 'Enterprise')
    >>> org_class("各人民团体") is None
    True
    """
    for suffixes, cls in ORG_CLASSES:
        if name.endswith(suffixes):
            return cls
    return None


@dataclass
class Statements:
    """One document's distinct triples, each term in N-Triples syntax, and the IRI of its graph.

    This is what loading writes: text terms join into N-Quads that Oxigraph's Rust parser reads
    (and checks: a malformed IRI fails the write), which costs a fraction of building an rdflib or a
    pyoxigraph term for each of a document's thousand triples.
    """

    graph: str
    triples: list[tuple[str, str, str]] = field(default_factory=list)

    def ntriples(self) -> str:
        return "".join(f"{s} {p} {o} .\n" for s, p, o in self.triples)


def to_statements(
    minutes: Minutes, *, content_hash: str | None = None, names: aliases.Names | None = None
) -> Statements:
    """The record's distinct triples as N-Triples terms, in a stable order; what ``kg load`` writes.

    ``names`` decides what each name resolves to (:mod:`loaders.aliases`: the alias tables and the
    reviewed merges and splits); by default the tables that ship with the ontology.

    >>> from loaders.record import Minutes
    >>> st = to_statements(Minutes(source="m.txt", body="某县人民政府"))
    >>> st.graph
    'https://w3id.org/minutes-kg/id/source/m.txt'
    >>> st.triples[0]
    ('<https://w3id.org/minutes-kg/id/source/m.txt>', '<http://www.w3.org/1999/02/22-rdf-syntax-ns#type>', '<https://w3id.org/minutes-kg/ns#SourceDocument>')
    """
    builder = _Builder(minutes, content_hash, names or aliases.default_names())
    builder.build()
    return Statements(str(builder.source), list(dict.fromkeys(builder.triples)))


def end_offset(start: int, quote: str | None, end: int | None = None) -> int:
    """A fact's end offset: ``mkg:endOffset`` where the graph has one, else the start plus the length
    of ``mkg:quote`` (which it is wherever normalisation did not change the text's length).

    >>> end_offset(10, "会议要求"), end_offset(10, "会议要求", 15), end_offset(10, None)
    (14, 15, 10)
    """
    return end if end is not None else start + len(quote or "")


def sparql_end_offset(end: str = "?_endOffset", start: str = "?_start", quote: str = "?quote") -> str:
    """:func:`end_offset` as a SPARQL expression of the variables bound to the three properties.

    >>> sparql_end_offset()
    'COALESCE(?_endOffset, ?_start + STRLEN(COALESCE(?quote, "")))'
    """
    return f'COALESCE({end}, {start} + STRLEN(COALESCE({quote}, "")))'


def rdflib_term(term):
    """A pyoxigraph term as an rdflib term (RDF 1.1: a literal without a tag is an xsd:string)."""
    if isinstance(term, ox.NamedNode):
        return URIRef(term.value)
    if isinstance(term, ox.BlankNode):
        return BNode(term.value)
    if term.language:
        return Literal(term.value, lang=term.language)
    if term.datatype.value == _XSD_STRING:
        return Literal(term.value)
    return Literal(term.value, datatype=URIRef(term.datatype.value))


_XSD_STRING = str(XSD.string)


class _Terms:
    """The terms of one rdflib namespace in N-Triples syntax, each written once: ``_mkg.Person``.

    The namespace still decides which names exist (``ontology.MKG`` raises on a misspelt one)."""

    def __init__(self, namespace):
        self._namespace = namespace

    def __getattr__(self, name: str) -> str:
        term = _iri(getattr(self._namespace, name))
        setattr(self, name, term)
        return term


_mkg, _rdf, _rdfs, _dcterms, _org, _prov, _skos = map(_Terms, (MKG, RDF, RDFS, DCTERMS, ORG, PROV, SKOS))
_role, _item_kind, _outcome = map(_Terms, (ROLE, ITEM_KIND, OUTCOME))


def _iri(uri: str) -> str:
    """An IRI minted by :mod:`loaders.iris` (unsafe characters percent-encoded) as an N-Triples term."""
    return f"<{uri}>"


def _date(value: str | None) -> str | None:
    if not value:
        return None
    return str(ox.Literal(value, datatype=_XSD_DATE)) if len(value) == 10 else _text(value)


_XSD_DATE = ox.NamedNode(str(XSD.date))


class _Builder:
    """Walks one record and collects its triples; one method per part of the record."""

    def __init__(self, minutes: Minutes, content_hash: str | None, names: aliases.Names):
        self.minutes = minutes
        self.content_hash = content_hash
        self.names = names
        self.gov = names.government(iris.government_key(minutes))
        self.source = iris.source(minutes.source)
        self.source_term = _iri(self.source)
        self.file_name = PurePath(minutes.source).name
        self.file = _text(self.file_name)
        self.meeting_uri = iris.meeting(self.gov, minutes.meeting.name, minutes.meeting.date)
        self.meeting_iri = _iri(self.meeting_uri)
        self.holdings: set[str] = set()
        self.units: set[tuple] = set()
        self.resolved: dict[tuple[str, str], aliases.Resolved] = {}
        self.triples: list[tuple[str, str, str]] = []

    def add(self, s: str, p: str, o: str | None) -> None:
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

    def source_document(self, meeting: str) -> None:
        m, s = self.minutes, self.source_term
        self.add(s, _rdf.type, _mkg.SourceDocument)
        self.add(s, _rdfs.label, self.file)
        self.add(s, _mkg.sourceFile, self.file)
        self.add(s, _mkg.recordOf, meeting)
        self.add(s, _dcterms.title, _zh(m.title))
        self.add(s, _dcterms.issued, _date(m.issued))
        self.add(s, _mkg.docNumber, _text(m.doc_number))
        self.add(s, _mkg.contentHash, _text(self.content_hash))
        self.add(s, _mkg.warningCount, _integer(len(m.warnings)) if m.warnings else None)
        if m.issuer:
            self.add(s, _mkg.issuer, self.organization(m.issuer))
        for unit in m.distribution:
            self.add(s, _mkg.distributedTo, self.organization(unit.name))

    def meeting(self, meeting: str) -> None:
        mt = self.minutes.meeting
        self.add(meeting, _rdf.type, _mkg.Meeting)
        self.add(meeting, _rdfs.label, _zh(mt.name))
        self.add(meeting, _dcterms.date, _date(mt.date))
        self.add(meeting, _mkg.meetingKind, _text(mt.kind))
        self.add(meeting, _mkg.ordinal, _integer(mt.ordinal))
        self.add(meeting, _mkg.body, self.organization(self.gov, cls=MKG.GovernmentBody))
        if mt.chair:
            self.add(meeting, _mkg.chair, self.person(mt.chair, mt.chair_title, mt.span))
        self.add(meeting, _mkg.chairTitle, _text(mt.chair_title))
        self.provenance(meeting, mt.span)

    def attendance(self, meeting: str, position: int, participant) -> None:
        node = _part(meeting, "attendance", position)
        self.add(meeting, _mkg.hasAttendance, node)
        person = self.person(participant.name)
        self.add(node, _mkg.attendee, person)
        self.add(node, _mkg.role, getattr(_role, participant.role))
        self.add(node, _mkg.note, _text(participant.note))
        if participant.unit:
            self.add(person, _org.memberOf, self.organization(participant.unit))
        self.provenance(node, participant.span)

    def item(self, meeting: str, position: int, item) -> None:
        node = _part(meeting, "item", position)
        self.add(meeting, _mkg.hasItem, node)
        self.add(node, _mkg.number, _integer(item.number))
        self.add(node, _mkg.itemKind, getattr(_item_kind, item.kind))
        self.add(node, _rdfs.label, _zh(item.title))
        for mention in item.presenters:
            self.add(node, _mkg.presenter, self.organization(mention.name))
        for n, mention in enumerate(item.documents, 1):
            self.add(node, _mkg.discusses, self.document(mention.name))
            self.stage(node, n, mention, item.decisions)
        for mention in item.projects:
            self.add(node, _mkg.concerns, self.named("project", iris.project, _mkg.Project, mention.name))
        for mention in item.persons_mentioned:
            self.add(node, _mkg.mentionsPerson, self.person(mention.name, mention.title, mention.span))
        for mention in item.organizations_mentioned:
            self.add(node, _mkg.mentionsOrganization, self.organization(mention.name))
        for n, decision in enumerate(item.decisions, 1):
            self.decision(node, n, decision)
        for n, directive in enumerate(item.directives, 1):
            self.directive(node, n, directive)
        self.provenance(node, item.span)

    def decision(self, item: str, position: int, decision) -> None:
        node = _part(item, "decision", position)
        self.add(item, _mkg.hasDecision, node)
        self.add(node, _mkg.outcome, getattr(_outcome, decision.outcome))
        if decision.document:
            self.add(node, _mkg.aboutDocument, self.document(decision.document))
        self.add(node, _mkg.documentStatus, _text(decision.document_status))
        self.add(node, _mkg.nextStep, _text(decision.next_step))
        self.provenance(node, decision.span)

    def stage(self, item: str, position: int, mention, decisions) -> None:
        """The document as this item took it up: its status then (from the 《》 or from the decision
        that names it) and the meeting's date, so a document's stages read as its history."""
        node = _part(item, "stage", position)
        document = self.document(mention.name)
        status = mention.status or next(
            (d.document_status for d in decisions if d.document == mention.name and d.document_status), None
        )
        self.add(item, _mkg.hasStage, node)
        self.add(node, _mkg.stageOf, document)
        self.add(node, _mkg.documentStatus, _text(status))
        self.add(node, _dcterms.date, _date(self.minutes.meeting.date))
        self.add(node, _mkg.atMeeting, self.meeting_iri)
        self.provenance(node, mention.span)

    def directive(self, item: str, position: int, directive) -> None:
        node = _part(item, "directive", position)
        self.add(item, _mkg.hasDirective, node)
        if directive.span is None or directive.text != directive.span.text:
            self.add(node, _dcterms.description, _text(directive.text))
        self.add(node, _mkg.directiveVerb, _text(directive.verb))
        for unit in directive.addressees:
            self.add(node, _mkg.addressee, self.organization(unit))
        for name in directive.persons:
            self.add(node, _mkg.involvesPerson, self.person(name))
        self.provenance(node, directive.span)

    # --- named things and provenance ----------------------------------------------------------

    def provenance(self, node: str, span: Span | None) -> None:
        """What only the fact knows of where it came from: the sentence and its offsets. The document
        it came from is the graph it is in (layout 3), so it is not repeated on every fact; the end
        offset is written only where it is not the start plus the quote's length (:func:`end_offset`)."""
        if span is not None:
            self.add(node, _mkg.quote, _text(span.text))
            self.add(node, _mkg.startOffset, _integer(span.start))
            if span.end != span.start + len(span.text):
                self.add(node, _mkg.endOffset, _integer(span.end))

    def named(self, kind: str, mint, cls: str, name: str) -> str:
        """The node of a name, minted from what it resolves to: rdfs:label the preferred name,
        skos:altLabel the name as written where it differs."""
        resolved = self.resolve(kind, name)
        node = _iri(mint(self.gov, resolved.key))
        self.add(node, _rdf.type, cls)
        self.add(node, _rdfs.label, _zh(resolved.label))
        if name.strip() != resolved.label:
            self.add(node, _skos.altLabel, _zh(name.strip()))
        return node

    def resolve(self, kind: str, name: str) -> aliases.Resolved:
        if (kind, name) not in self.resolved:
            self.resolved[kind, name] = aliases.resolve(kind, name, self.gov, self.names, self.file_name)
        return self.resolved[kind, name]

    def person(self, name: str, title: str | None = None, span: Span | None = None) -> str:
        node = self.named("person", iris.person, _mkg.Person, name)
        self.add(node, _mkg.title, _text(title))
        for post in aliases.posts(title, self.gov):
            self.holding(node, self.resolve("person", name).key, post, span)
        return node

    def holding(self, person: str, key: str, title: str, span: Span | None) -> None:
        """The person held the post on the meeting's date: org:holds, and one mkg:PostHolding per
        meeting whose provenance is the first sentence that gives the title."""
        government = self.organization(self.gov, cls=MKG.GovernmentBody)
        post = _iri(iris.post(self.gov, title))
        self.add(post, _rdf.type, _mkg.Post)
        self.add(post, _rdfs.label, _zh(title))
        self.add(post, _org.postIn, government)
        self.add(person, _org.holds, post)
        node = _iri(iris.holding(self.meeting_uri, key, title))
        if node in self.holdings:
            return
        self.holdings.add(node)
        self.add(node, _rdf.type, _mkg.PostHolding)
        self.add(node, _org.member, person)
        self.add(node, _mkg.post, post)
        self.add(node, _org.organization, government)
        self.add(node, _mkg.heldOn, _date(self.minutes.meeting.date))
        self.add(node, _mkg.atMeeting, self.meeting_iri)
        self.provenance(node, span)

    def document(self, title: str) -> str:
        return self.named("document", iris.document, _mkg.Document, title)

    def organization(self, name: str, cls: URIRef | None = None) -> str:
        node = self.named("unit", iris.organization, _mkg.Organization, name)
        if (node, cls) not in self.units:
            self.units.add((node, cls))
            label = self.resolve("unit", name).label
            cls = cls or org_class(label)
            self.add(node, _rdf.type, None if cls is None else _iri(cls))
            for other in sorted(aliases.unit_names(label, self.gov, self.names)):
                self.add(node, _skos.hiddenLabel, _zh(other))
        return node


def _part(parent: str, kind: str, position: int) -> str:
    """:func:`loaders.iris.part` of a parent already in N-Triples syntax."""
    return _iri(iris.part(parent[1:-1], kind, position))


# Names, labels and offsets recur across items and documents, so their terms are written once.
@lru_cache(maxsize=65536)
def _integer(value: int | None) -> str | None:
    return None if value is None else f'"{int(value)}"^^<{XSD.integer}>'


@lru_cache(maxsize=65536)
def _zh(text: str | None) -> str | None:
    """Names and titles are labels in Chinese."""
    return str(ox.Literal(text, language="zh")) if text else None


def _text(text: str | None) -> str | None:
    """Other text stays a plain string, so a query can match it without a language tag.
    pyoxigraph writes the term, escaping what N-Triples needs escaped."""
    return str(ox.Literal(text)) if text else None
