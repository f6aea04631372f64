"""The SPARQL behind ``kg serve``: every query the explorer runs, in one place, each parameterised.

The node a page is about is bound as ``?target`` (the text searched for as ``?q``) through the
store's parameters (:func:`kg.parameters.bind`: a term written by pyoxigraph), never pasted; a bound
variable is selected, so it comes back as a column. No query names a ``GRAPH`` but to find the
document a fact came from, and the quote of that document that gives an implied end offset
(:func:`prov`, :data:`SOURCE_FACTS`: the graph a fact is in is its document, layout 3): they read
the union of the store's graphs, so they hold whether a name is stated in every document that uses
it or once in a graph of its own, and they are ``DISTINCT`` because the union may repeat such facts.

That repetition multiplies rows before ``DISTINCT`` removes them: a pattern on a person's type or
name matches once per document that names the person, and two such patterns joined match the
square of it. So a query starts from the facts of one document (an attendance, an item) and looks
up names and types in ``DISTINCT`` sub-queries on the bound node, which Oxigraph evaluates from the
binding (bench/bench_serve.py: a person's meetings on 300 documents went from 4.5 s to 20 ms). The
names of the people, units, documents and posts a row links to are not joined in at all: the rows
carry their IRIs (``*_iri``) and :mod:`kg.explore` names each distinct IRI once (:data:`NODE`).

Every row about a fact carries its provenance (``source`` file, ``_start`` and ``_end`` offsets,
``quote``) and the IRIs it may link to (columns ending in ``_iri``), so a page can cite and link on.

>>> "?target" in PERSON_MEETINGS and PERSON_MEETINGS.count("GRAPH") == PROV.count("GRAPH") == 2
True
"""

from __future__ import annotations

from kg.summary_queries import PREFIXES as SUMMARY_PREFIXES
from kg.summary_queries import STATED
from loaders.rdf import sparql_end_offset
from ontology import implied_class_values

PREFIXES = (
    SUMMARY_PREFIXES
    + """PREFIX rdf: <http://www.w3.org/1999/02/22-rdf-syntax-ns#>
PREFIX prov: <http://www.w3.org/ns/prov#>
"""
)

IMPLIED = implied_class_values()
"""The class each link from a meeting or an item implies (``ontology.IMPLIED_CLASSES``): a node's
class is the one it is given (``?x a ?type``) or the one its link implies."""


def prov(stated: str = "?fact " + STATED) -> str:
    """Where the fact ``?fact`` was read: the file (of the graph in which ``stated`` holds: by
    default any statement about the fact; a query that knows what ``?fact`` is names the link to it,
    ``?_of mkg:hasDirective ?fact``, which Oxigraph looks up five times faster), the offsets in it
    (the end, where the graph leaves it implied, from the start and the quote of the same document:
    ``loaders.rdf.end_offset``), the sentence."""
    return (
        """
  OPTIONAL { GRAPH ?fact_doc { """
        + stated
        + """ } ?fact_doc mkg:sourceFile ?source }
  OPTIONAL { ?fact mkg:startOffset ?_start } OPTIONAL { ?fact mkg:quote ?quote }
  OPTIONAL { GRAPH ?_span_doc { ?fact mkg:startOffset ?_start .
    OPTIONAL { ?fact mkg:quote ?_span_quote } OPTIONAL { ?fact mkg:endOffset ?_endOffset } }
    BIND("""
        + sparql_end_offset(quote="?_span_quote")
        + """ AS ?_end) }"""
    )


PROV = prov()
"""Where any fact ``?fact`` was read (:func:`prov`)."""

MEETING = """
  OPTIONAL { ?meeting_iri rdfs:label ?meeting } OPTIONAL { ?meeting_iri dcterms:date ?date }"""
"""The name and date of the meeting ``?meeting_iri``, for every row about it."""

SEARCH = (
    PREFIXES
    + """
SELECT DISTINCT ?q ?node ?name WHERE {
  { ?node rdfs:label ?name } UNION { ?node skos:altLabel ?name } UNION { ?node skos:hiddenLabel ?name }
  UNION { ?node dcterms:title ?name } UNION { ?node mkg:docNumber ?name }
  FILTER(isIRI(?node) && CONTAINS(LCASE(STR(?name)), LCASE(STR(?q))))
}"""
)
"""Nodes one of whose names contains ``?q`` (aliases, titles, document numbers included); their types
are looked up per hit (:data:`HEAD`)."""

SEARCH_EXACT = (
    PREFIXES
    + """
SELECT DISTINCT ?zh ?plain ?node ?name WHERE {
  { ?node rdfs:label ?zh } UNION { ?node skos:altLabel ?zh } UNION { ?node skos:hiddenLabel ?zh }
  UNION { ?node dcterms:title ?zh } UNION { ?node rdfs:label ?plain } UNION { ?node mkg:docNumber ?plain }
  BIND(COALESCE(?zh, ?plain) AS ?name)
}"""
)
"""Nodes with a name that is exactly the text (bound twice: as Chinese text, ``?zh``, and as plain
text, ``?plain``, the way file names and document numbers are stored): an index look-up, where
:data:`SEARCH` reads every name in the store."""

GOVERNMENTS = (
    PREFIXES
    + """
SELECT DISTINCT ?node WHERE { ?node a mkg:GovernmentBody }"""
)

HEAD = (
    PREFIXES
    + """
SELECT DISTINCT ?target ?type ?label ?alias ?title WHERE {
  { SELECT DISTINCT ?target ?type WHERE {
    { ?target a ?type } UNION { ?_parent ?_link ?target . """
    + IMPLIED
    + """ BIND(?_implied AS ?type) } } }
  OPTIONAL { SELECT DISTINCT ?target ?label WHERE { ?target rdfs:label ?label } }
  OPTIONAL { SELECT DISTINCT ?target ?alias WHERE { ?target skos:altLabel ?alias } }
  OPTIONAL { SELECT DISTINCT ?target ?title WHERE { ?target dcterms:title ?title } }
}"""
)
"""What a node is: its classes, names, aliases and (for a source document) title."""

OUTGOING = (
    PREFIXES
    + """
SELECT DISTINCT ?target ?relation ?value WHERE {
  { ?target ?relation ?value .
    FILTER(?relation NOT IN (rdf:type, rdfs:label, skos:altLabel, skos:hiddenLabel, mkg:contentHash,
                             mkg:startOffset, mkg:endOffset, prov:wasDerivedFrom, mkg:hasAttendance)) }
  UNION { ?_item mkg:hasDirective ?target . ?target mkg:quote ?value .
          FILTER NOT EXISTS { ?target dcterms:description ?_text } BIND(dcterms:description AS ?relation) }
}"""
)
"""Every statement about the node (its links with their targets' names), for the facts panel; a
directive's text, which the graph leaves to its quote, as its ``dcterms:description``."""

INCOMING = (
    PREFIXES
    + """
SELECT DISTINCT ?target ?relation ?from_iri WHERE {
  ?from_iri ?relation ?target . FILTER(?relation NOT IN (prov:wasDerivedFrom, mkg:attendee, org:member))
}"""
)
"""The links to the node, but those a person's sections already list (attendance, posts held)."""

NEIGHBOURS = (
    PREFIXES
    + """
SELECT DISTINCT ?target ?node ?relation ?out WHERE {
  { ?target ?relation ?node . BIND(true AS ?out) } UNION { ?node ?relation ?target . BIND(false AS ?out) }
  FILTER(isIRI(?node) && ?relation NOT IN (rdf:type, prov:wasDerivedFrom, mkg:hasAttendance, mkg:attendee,
         mkg:role, mkg:outcome, mkg:itemKind, mkg:hasStage, mkg:stageOf, mkg:atMeeting, mkg:post, org:member))
}"""
)
"""The nodes one link away (attendance is the next query: it goes through an Attendance node)."""

ATTENDANCE_NEIGHBOURS = (
    PREFIXES
    + """
SELECT DISTINCT ?target ?node ?relation ?out WHERE {
  { ?target mkg:hasAttendance ?a . ?a mkg:attendee ?node ; mkg:role ?relation . BIND(true AS ?out) }
  UNION { ?a mkg:attendee ?target ; mkg:role ?relation . ?node mkg:hasAttendance ?a . BIND(false AS ?out) }
}"""
)
"""A meeting's attendees and a person's meetings, the role on the link."""

NODE = (
    PREFIXES
    + """
SELECT DISTINCT ?target ?type ?name ?date WHERE {
  { SELECT DISTINCT ?target ?type WHERE {
    { ?target a ?type } UNION { ?_parent ?_link ?target . """
    + IMPLIED
    + """ BIND(?_implied AS ?type) } } }
  OPTIONAL { SELECT DISTINCT ?target ?name WHERE {
    { ?target rdfs:label ?name } UNION { ?target mkg:quote ?name } } }
  OPTIONAL { SELECT DISTINCT ?target ?date WHERE { ?target dcterms:date ?date } }
}"""
)

# ---------------------------------------------------------------- person

PERSON_MEETINGS = (
    PREFIXES
    + """
SELECT DISTINCT ?target ?meeting_iri ?meeting ?date ?role ?note ?source ?_start ?_end ?quote WHERE {
  { ?fact mkg:attendee ?target ; mkg:role ?role . ?meeting_iri mkg:hasAttendance ?fact .
    OPTIONAL { ?fact mkg:note ?note } }
  UNION { ?meeting_iri mkg:chair ?target . BIND("chair" AS ?role) BIND(?meeting_iri AS ?fact)
    OPTIONAL { ?meeting_iri mkg:chairTitle ?note } }"""
    + PROV
    + MEETING
    + """
}"""
)
"""The meetings a person sat in, with the role at each, and the sentence that lists them."""

PERSON_POSTS = (
    PREFIXES
    + """
SELECT DISTINCT ?target ?post_iri ?date ?meeting_iri ?meeting ?source ?_start ?_end ?quote WHERE {
  ?fact org:member ?target ; mkg:post ?post_iri .
  OPTIONAL { ?fact mkg:heldOn ?date }
  OPTIONAL { ?fact mkg:atMeeting ?meeting_iri . ?meeting_iri rdfs:label ?meeting }"""
    + prov("?fact a ?_of")
    + """
}"""
)
"""The posts a person was named with, and when: their roles over time."""

PERSON_DIRECTIVES = (
    PREFIXES
    + """
SELECT DISTINCT ?target ?item_iri ?item ?verb ?meeting_iri ?meeting ?date ?source ?_start ?_end ?quote WHERE {
  ?fact mkg:involvesPerson ?target . ?item_iri mkg:hasDirective ?fact . ?meeting_iri mkg:hasItem ?item_iri .
  OPTIONAL { ?item_iri rdfs:label ?item } OPTIONAL { ?fact mkg:directiveVerb ?verb }"""
    + prov("?_of mkg:hasDirective ?fact")
    + MEETING
    + """
}"""
)

# ---------------------------------------------------------------- unit

UNIT_ITEMS = (
    PREFIXES
    + """
SELECT DISTINCT ?target ?item_iri ?item ?meeting_iri ?meeting ?date ?source ?_start ?_end ?quote WHERE {
  ?fact mkg:presenter ?target . ?meeting_iri mkg:hasItem ?fact . BIND(?fact AS ?item_iri)
  OPTIONAL { ?fact rdfs:label ?item }"""
    + prov("?_of mkg:hasItem ?fact")
    + MEETING
    + """
}"""
)
"""Items a unit presented (reported on, or submitted a document for)."""

UNIT_DECISIONS = (
    PREFIXES
    + """
SELECT DISTINCT ?target ?item_iri ?item ?outcome ?document_iri ?next_step
       ?meeting_iri ?meeting ?date ?source ?_start ?_end ?quote WHERE {
  ?item_iri mkg:presenter ?target ; mkg:hasDecision ?fact . ?meeting_iri mkg:hasItem ?item_iri .
  OPTIONAL { ?item_iri rdfs:label ?item } OPTIONAL { ?fact mkg:outcome ?outcome }
  OPTIONAL { ?fact mkg:aboutDocument ?document_iri }
  OPTIONAL { ?fact mkg:nextStep ?next_step }"""
    + prov("?_of mkg:hasDecision ?fact")
    + MEETING
    + """
}"""
)
"""Decisions on what a unit brought: the outcome, the document, the next step."""

UNIT_DIRECTIVES = (
    PREFIXES
    + """
SELECT DISTINCT ?target ?item_iri ?item ?verb ?meeting_iri ?meeting ?date ?source ?_start ?_end ?quote WHERE {
  ?fact mkg:addressee ?target . ?item_iri mkg:hasDirective ?fact . ?meeting_iri mkg:hasItem ?item_iri .
  OPTIONAL { ?item_iri rdfs:label ?item } OPTIONAL { ?fact mkg:directiveVerb ?verb }"""
    + prov("?_of mkg:hasDirective ?fact")
    + MEETING
    + """
}"""
)
"""What a unit was told to do."""

BODY_MEETINGS = (
    PREFIXES
    + """
SELECT DISTINCT ?target ?meeting_iri ?meeting ?date ?source ?_start ?_end ?quote WHERE {
  ?meeting_iri mkg:body ?target . BIND(?meeting_iri AS ?fact)"""
    + prov("?fact a ?_of")
    + MEETING
    + """
}"""
)
"""A government's meetings."""

# ---------------------------------------------------------------- meeting (the meeting is ?target)

MEETING_RECORD = (
    PREFIXES
    + """
SELECT DISTINCT ?target ?document_iri ?document ?doc_number ?date ?chair_iri ?body_iri ?source
WHERE {
  ?target a mkg:Meeting .
  OPTIONAL { ?document_iri mkg:recordOf ?target ; mkg:sourceFile ?source .
             OPTIONAL { ?document_iri dcterms:title ?document }
             OPTIONAL { ?document_iri mkg:docNumber ?doc_number } }
  OPTIONAL { ?target dcterms:date ?date }
  OPTIONAL { ?target mkg:chair ?chair_iri }
  OPTIONAL { ?target mkg:body ?body_iri }
}"""
)

MEETING_ATTENDANCE = (
    PREFIXES
    + """
SELECT DISTINCT ?target ?person_iri ?role ?note ?date ?source ?_start ?_end ?quote WHERE {
  ?target mkg:hasAttendance ?fact . ?fact mkg:attendee ?person_iri ; mkg:role ?role .
  OPTIONAL { ?fact mkg:note ?note }
  OPTIONAL { ?target dcterms:date ?date }"""
    + prov("?_of mkg:hasAttendance ?fact")
    + """
}"""
)

MEETING_ITEMS = (
    PREFIXES
    + """
SELECT DISTINCT ?target ?number ?item_iri ?item ?unit_iri ?date ?source ?_start ?_end ?quote WHERE {
  ?target mkg:hasItem ?fact . BIND(?fact AS ?item_iri) OPTIONAL { ?fact mkg:number ?number }
  OPTIONAL { ?fact rdfs:label ?item }
  OPTIONAL { ?fact mkg:presenter ?unit_iri }
  OPTIONAL { ?target dcterms:date ?date }"""
    + prov("?_of mkg:hasItem ?fact")
    + """
}"""
)

MEETING_DECISIONS = (
    PREFIXES
    + """
SELECT DISTINCT ?target ?item_iri ?item ?outcome ?document_iri ?next_step
       ?date ?source ?_start ?_end ?quote WHERE {
  ?target mkg:hasItem ?item_iri . ?item_iri mkg:hasDecision ?fact . OPTIONAL { ?item_iri rdfs:label ?item }
  OPTIONAL { ?fact mkg:outcome ?outcome } OPTIONAL { ?fact mkg:nextStep ?next_step }
  OPTIONAL { ?fact mkg:aboutDocument ?document_iri }
  OPTIONAL { ?target dcterms:date ?date }"""
    + prov("?_of mkg:hasDecision ?fact")
    + """
}"""
)

MEETING_DIRECTIVES = (
    PREFIXES
    + """
SELECT DISTINCT ?target ?item_iri ?item ?verb ?unit_iri ?date ?source ?_start ?_end ?quote WHERE {
  ?target mkg:hasItem ?item_iri . ?item_iri mkg:hasDirective ?fact . OPTIONAL { ?item_iri rdfs:label ?item }
  OPTIONAL { ?fact mkg:directiveVerb ?verb }
  OPTIONAL { ?fact mkg:addressee ?unit_iri }
  OPTIONAL { ?target dcterms:date ?date }"""
    + prov("?_of mkg:hasDirective ?fact")
    + """
}"""
)

# ---------------------------------------------------------------- item (the item is ?target)

ITEM_RECORD = (
    PREFIXES
    + """
SELECT DISTINCT ?target ?meeting_iri ?meeting ?date ?unit_iri ?source ?_start ?_end ?quote WHERE {
  ?meeting_iri mkg:hasItem ?target . BIND(?target AS ?fact)
  OPTIONAL { ?target mkg:presenter ?unit_iri }"""
    + prov("?_of mkg:hasItem ?fact")
    + MEETING
    + """
}"""
)

ITEM_FACTS = (
    PREFIXES
    + """
SELECT DISTINCT ?target ?fact_kind ?outcome ?document_iri ?next_step ?verb ?unit_iri
       ?date ?source ?_start ?_end ?quote WHERE {
  ?meeting_iri mkg:hasItem ?target .
  { ?target mkg:hasDecision ?fact . BIND("decision" AS ?fact_kind)
    OPTIONAL { ?fact mkg:outcome ?outcome } OPTIONAL { ?fact mkg:nextStep ?next_step }
    OPTIONAL { ?fact mkg:aboutDocument ?document_iri } }
  UNION
  { ?target mkg:hasDirective ?fact . BIND("directive" AS ?fact_kind)
    OPTIONAL { ?fact mkg:directiveVerb ?verb }
    OPTIONAL { ?fact mkg:addressee ?unit_iri } }
  OPTIONAL { ?meeting_iri dcterms:date ?date }"""
    + prov("?_of mkg:hasDecision|mkg:hasDirective ?fact")
    + """
}"""
)
"""An item's decisions and directives, each with its sentence."""

# ---------------------------------------------------------------- project or document

TIMELINE = (
    PREFIXES
    + """
SELECT DISTINCT ?target ?event ?item_iri ?item ?outcome ?next_step ?unit_iri
       ?meeting_iri ?meeting ?date ?source ?_start ?_end ?quote WHERE {
  { { ?item_iri mkg:discusses ?target } UNION { ?item_iri mkg:concerns ?target }
    BIND("taken up" AS ?event) BIND(?item_iri AS ?fact) }
  UNION
  { ?item_iri mkg:hasDecision ?fact . ?fact mkg:aboutDocument ?target . BIND("decision" AS ?event)
    OPTIONAL { ?fact mkg:outcome ?outcome } OPTIONAL { ?fact mkg:nextStep ?next_step } }
  ?meeting_iri mkg:hasItem ?item_iri . OPTIONAL { ?item_iri rdfs:label ?item }
  OPTIONAL { ?item_iri mkg:presenter ?unit_iri }"""
    + prov("?_of mkg:hasItem|mkg:hasDecision ?fact")
    + MEETING
    + """
}"""
)
"""A document's or project's way through the meetings: taken up, decided, what next."""

SOURCE_RECORD = (
    PREFIXES
    + """
SELECT DISTINCT ?target ?meeting_iri ?meeting ?date ?doc_number ?source WHERE {
  ?target mkg:sourceFile ?source . OPTIONAL { ?target mkg:docNumber ?doc_number }
  OPTIONAL { ?target mkg:recordOf ?meeting_iri }"""
    + MEETING
    + """
}"""
)
"""The meeting a file of minutes records, and the file, to read it whole."""

# ---------------------------------------------------------------- the source text

SOURCE_FACTS = (
    PREFIXES
    + """
SELECT DISTINCT ?file ?fact ?type ?_start ?_end WHERE {
  ?document mkg:sourceFile ?file .
  GRAPH ?document { ?fact mkg:startOffset ?_start .
    { ?fact a ?type } UNION { ?_parent ?_link ?fact . """
    + IMPLIED
    + """ BIND(?_implied AS ?type) }
    OPTIONAL { ?fact mkg:quote ?quote } OPTIONAL { ?fact mkg:endOffset ?_endOffset } }
  BIND("""
    + sparql_end_offset()
    + """ AS ?_end)
}"""
)
"""Every fact read from the file bound as ``?file``, with its offsets."""

SOURCE_DOCUMENT = (
    PREFIXES
    + """
SELECT DISTINCT ?file ?document_iri ?hash ?meeting_iri ?meeting WHERE {
  ?document_iri a mkg:SourceDocument ; mkg:sourceFile ?file .
  OPTIONAL { ?document_iri mkg:contentHash ?hash }
  OPTIONAL { ?document_iri mkg:recordOf ?meeting_iri . ?meeting_iri rdfs:label ?meeting }
}"""
)

MEETINGS = (
    PREFIXES
    + """
SELECT DISTINCT ?meeting_iri ?meeting ?date ?government_iri ?chair_iri ?source WHERE {
  ?meeting_iri a mkg:Meeting . OPTIONAL { ?meeting_iri rdfs:label ?meeting }
  OPTIONAL { ?meeting_iri dcterms:date ?date }
  OPTIONAL { ?meeting_iri mkg:body ?government_iri }
  OPTIONAL { ?meeting_iri mkg:chair ?chair_iri }
  OPTIONAL { ?document mkg:recordOf ?meeting_iri ; mkg:sourceFile ?source }
}"""
)
"""Every meeting with its date, government, chair and file, for the list of meetings."""
