"""The minutes-kg vocabulary: where its Turtle files are, and its terms as an rdflib namespace.

Code names terms through :class:`MKG` only; ``_fail = True`` makes a misspelt term raise at once,
and a test checks that every term here is declared in ``minutes.ttl`` (and the reverse).

>>> str(MKG.Meeting)
'https://w3id.org/minutes-kg/ns#Meeting'
"""

from importlib.resources import files
from pathlib import Path

from rdflib import Namespace, URIRef
from rdflib.namespace import DefinedNamespace

HERE = Path(str(files(__name__)))
ONTOLOGY_TTL = HERE / "minutes.ttl"
SHAPES_TTL = HERE / "shapes.ttl"
ALIASES_TTL = HERE / "aliases.ttl"

ID = Namespace("https://w3id.org/minutes-kg/id/")
"""Where instance IRIs live: ``ID["青禾县人民政府/person/陈明远"]``."""

ENTITIES = ID["graph/entities"]
"""The named graph of what is said about shared entities (persons, units, documents, projects, posts),
each fact once however many documents state it (``docs/rdf.md``)."""

BOOKKEEPING = ID["graph/store"]
"""The named graph of the store's own bookkeeping: its layout version, a load in progress."""


class MKG(DefinedNamespace):
    """Terms of the minutes-kg ontology (``ontology/minutes.ttl``)."""

    _NS = Namespace("https://w3id.org/minutes-kg/ns#")
    _fail = True

    # classes
    SourceDocument: URIRef  # the file of minutes itself (prov:Entity)
    Meeting: URIRef
    AgendaItem: URIRef
    Decision: URIRef
    Directive: URIRef
    Attendance: URIRef  # a person at a meeting in a role (n-ary, carries provenance)
    Person: URIRef
    Organization: URIRef
    GovernmentBody: URIRef
    Department: URIRef
    Township: URIRef
    Enterprise: URIRef
    Document: URIRef
    Project: URIRef
    Role: URIRef
    ItemKind: URIRef
    Outcome: URIRef

    # the concept schemes of roles, item kinds and outcomes (their concepts: ROLE, ITEM_KIND, OUTCOME)
    Roles: URIRef
    ItemKinds: URIRef
    Outcomes: URIRef

    # meeting and source document
    body: URIRef  # Meeting -> GovernmentBody whose meeting it is
    issuer: URIRef  # SourceDocument -> Organization that issued the minutes
    docNumber: URIRef
    meetingKind: URIRef
    ordinal: URIRef
    chair: URIRef  # Meeting -> Person
    chairTitle: URIRef
    recordOf: URIRef  # SourceDocument -> Meeting
    distributedTo: URIRef  # SourceDocument -> Organization
    hasItem: URIRef  # Meeting -> AgendaItem
    hasAttendance: URIRef  # Meeting -> Attendance

    # attendance
    attendee: URIRef  # Attendance -> Person
    role: URIRef  # Attendance -> Role
    note: URIRef  # reason for leave, or unit listed beside the name

    # agenda items
    number: URIRef
    itemKind: URIRef  # AgendaItem -> ItemKind
    presenter: URIRef  # AgendaItem -> Organization
    discusses: URIRef  # AgendaItem -> Document
    concerns: URIRef  # AgendaItem -> Project
    mentionsPerson: URIRef
    mentionsOrganization: URIRef
    hasDecision: URIRef
    hasDirective: URIRef

    # decisions and directives
    outcome: URIRef  # Decision -> Outcome
    aboutDocument: URIRef  # Decision -> Document
    documentStatus: URIRef
    nextStep: URIRef
    addressee: URIRef  # Directive -> Organization
    directiveVerb: URIRef
    involvesPerson: URIRef  # Directive -> Person named as 牵头 etc.

    # persons
    title: URIRef  # a title the text gives a person (县委副书记、县长)

    # provenance on every attendance, decision and directive
    quote: URIRef
    startOffset: URIRef
    endOffset: URIRef
    sourceFile: URIRef
    contentHash: URIRef
    states: URIRef  # SourceDocument -> a triple term: a fact about a shared entity the document states
    layout: URIRef  # the store's layout version (kg's bookkeeping)
    warningCount: URIRef  # SourceDocument -> how many things the parser could not place

    # posts and documents over time (issue 6): who held which post when, a document's statuses
    Post: URIRef  # org:Post of one government, one per title
    PostHolding: URIRef  # org:Membership seen at one meeting
    DocumentStage: URIRef  # a document as one item took it up
    post: URIRef  # PostHolding -> Post
    heldOn: URIRef  # PostHolding -> xsd:date of the meeting
    atMeeting: URIRef  # PostHolding or DocumentStage -> Meeting
    hasStage: URIRef  # AgendaItem -> DocumentStage
    stageOf: URIRef  # DocumentStage -> Document


class ROLE(DefinedNamespace):
    """The roles a person is listed in (skos:Concept in ``mkg:Roles``); local names as in the record."""

    _NS = Namespace("https://w3id.org/minutes-kg/ns/role/")
    _fail = True

    present: URIRef  # 出席
    on_leave: URIRef  # 请假
    absent: URIRef  # 缺席
    invited: URIRef  # 应邀出席
    observer: URIRef  # 列席
    recorder: URIRef  # 记录


class ITEM_KIND(DefinedNamespace):
    """Kinds of agenda item (skos:Concept in ``mkg:ItemKinds``)."""

    _NS = Namespace("https://w3id.org/minutes-kg/ns/item-kind/")
    _fail = True

    study: URIRef  # 传达学习
    report: URIRef  # 听取汇报
    review: URIRef  # 审议
    other: URIRef


class OUTCOME(DefinedNamespace):
    """Outcomes of a decision (skos:Concept in ``mkg:Outcomes``)."""

    _NS = Namespace("https://w3id.org/minutes-kg/ns/outcome/")
    _fail = True

    approved_in_principle: URIRef  # 原则同意
    approved: URIRef  # 同意, 通过
    decided: URIRef  # 会议确定, 议定


IMPLIED_CLASSES = {
    MKG.hasAttendance: MKG.Attendance,
    MKG.hasItem: MKG.AgendaItem,
    MKG.hasDecision: MKG.Decision,
    MKG.hasDirective: MKG.Directive,
    MKG.hasStage: MKG.DocumentStage,
}
"""The parts of a document whose class the property linking them to their meeting or item implies
(its ``rdfs:range`` in ``minutes.ttl``, RDFS entailment): the data says ``?i mkg:hasDecision ?d``
and not ``?d a mkg:Decision``; whatever reads the class (the projection, ``kg stats``, the shapes,
the explorer) takes it from the link. A test checks each against the Turtle.

>>> IMPLIED_CLASSES[MKG.hasDirective] == MKG.Directive
True
"""


def implied_class_values(link: str = "?_link", cls: str = "?_implied") -> str:
    """A SPARQL ``VALUES`` block pairing each linking property with the class it implies, for a
    query that reads a part's class: ``?parent ?_link ?x`` then gives ``?_implied``.

    >>> "mkg:hasItem mkg:AgendaItem" in implied_class_values()
    True
    """
    pairs = " ".join(f"(mkg:{link_.fragment} mkg:{c.fragment})" for link_, c in IMPLIED_CLASSES.items())
    return f"VALUES ({link} {cls}) {{ {pairs} }}"
