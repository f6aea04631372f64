"""The SPARQL behind ``kg summary``: one SELECT per section, about the node bound as ``?target``.

The IRI of the thing summarised is bound by the store's parameters (:func:`kg.parameters.bind`),
never pasted. Oxigraph binds a substituted variable in the results rather than before a ``BIND``, so each
query names ``?target`` in its patterns and selects it. Every query is ``DISTINCT``: the store's
default graph is the union of the per-document graphs, so a label stated in two documents would
otherwise come back twice.

Each query opens with a pattern on ``?target``: Oxigraph then starts from the bound node, where a
query that opens with a ``UNION`` is evaluated for every node and filtered afterwards (a hundred
times slower on the corpus). Required patterns come before the first ``OPTIONAL``: one after it is
evaluated on its own and joined afterwards (70 times slower on 1,000 minutes).

Shared fragments are ``$name`` placeholders (``string.Template``), which cannot clash with SPARQL's
braces; ``$meeting`` names the variable that holds the meeting (``?target`` in the meeting queries).

>>> "?target mkg:hasItem ?i" in MEETING_ITEMS
True
"""

from __future__ import annotations

from string import Template

from ontology import MKG

PREFIXES = f"""PREFIX mkg: <{MKG._NS}>
PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
PREFIX skos: <http://www.w3.org/2004/02/skos/core#>
PREFIX dcterms: <http://purl.org/dc/terms/>
PREFIX org: <http://www.w3.org/ns/org#>
PREFIX role: <https://w3id.org/minutes-kg/ns/role/>
"""

STATED = "?_stated ?_of"
"""What a fact's document graph says of it (``GRAPH ?doc { ?d $STATED }``): the graphs that say
anything of a fact are those of the documents that record it, as the graphs that gave its class
were. Where a query knows what the fact is, the link to it is faster (``GRAPH ?doc { ?_of
mkg:hasItem ?i }``); a path to either, ``(a|^mkg:hasDecision|…)``, is five times slower."""


def _linked_provenance(node: str, link: str) -> str:
    """Where the fact ``?node`` came from: its quote and start, and the file of its graph, which the
    link to it (``mkg:hasDecision`` …) finds faster than any statement about it."""
    return f"""
  OPTIONAL {{ ?{node} mkg:quote ?quote }}
  OPTIONAL {{ GRAPH ?{node}_doc {{ ?_of mkg:{link} ?{node} }} ?{node}_doc mkg:sourceFile ?source }}
  OPTIONAL {{ ?{node} mkg:startOffset ?_start }}"""


FRAGMENTS = {
    # the meeting's name and date, for every row about it
    "meeting_context": """
  OPTIONAL { $meeting rdfs:label ?meeting_name }
  OPTIONAL { $meeting dcterms:date ?date }""",
    # an agenda item ?i of the meeting, with its number, title and kind
    "item_context": """
  $meeting mkg:hasItem ?i . ?i mkg:number ?item .
  OPTIONAL { ?i rdfs:label ?title } OPTIONAL { ?i mkg:itemKind ?kind }""",
    # where the fact in ?d came from
    "provenance": """
  OPTIONAL { ?d mkg:quote ?quote } OPTIONAL { GRAPH ?d_doc { ?d $stated } ?d_doc mkg:sourceFile ?source }
  OPTIONAL { ?d mkg:startOffset ?_start }""",
    "decision_provenance": _linked_provenance("d", "hasDecision"),
    "attendance_provenance": _linked_provenance("d", "hasAttendance"),
    "item_provenance": _linked_provenance("i", "hasItem"),
    # a directive's sentence: its quote, else its text
    "directive_quote": """
  OPTIONAL { ?d mkg:quote ?q } OPTIONAL { ?d dcterms:description ?text } BIND(COALESCE(?q, ?text) AS ?quote)
  OPTIONAL { GRAPH ?d_doc { ?_of mkg:hasDirective ?d } ?d_doc mkg:sourceFile ?source }
  OPTIONAL { ?d mkg:startOffset ?_start }""",
}


def in_room(who: str, n: int, meeting: str = "?meeting") -> str:
    """``?who`` was in the room at the meeting: listed in a role other than 请假/缺席, or chairing."""
    return f"""
  {{ {meeting} mkg:hasAttendance ?a{n} . ?a{n} mkg:attendee ?{who} ; mkg:role ?r{n} .
     FILTER(?r{n} NOT IN (role:on_leave, role:absent)) }}
  UNION {{ {meeting} mkg:chair ?{who} }}"""


def query(text: str, meeting: str = "?meeting") -> str:
    """A full query: the prefixes, then ``text`` with its fragments filled in."""
    fragments = {k: Template(v).substitute(meeting=meeting, stated=STATED) for k, v in FRAGMENTS.items()}
    return PREFIXES + Template(text).substitute(fragments, meeting=meeting, stated=STATED)


# ---------------------------------------------------------------- finding names

FIND_CLASS = """
SELECT DISTINCT ?node ?name WHERE {{
  ?node a ?class . FILTER(?class IN ({classes}))
  {{ ?node rdfs:label ?name }} UNION {{ ?node skos:altLabel ?name }}
}}
"""


def find(*classes: str) -> str:
    """The query listing every node of ``classes`` (local names of mkg) with its names and aliases."""
    return PREFIXES + FIND_CLASS.format(classes=", ".join(f"mkg:{c}" for c in classes))


FIND_MEETING = (
    PREFIXES
    + """
SELECT DISTINCT ?node ?name WHERE {
  { ?node a mkg:Meeting ; rdfs:label ?name }
  UNION { ?src mkg:recordOf ?node ; rdfs:label ?name }
  UNION { ?src mkg:recordOf ?node ; dcterms:title ?name }
}
"""
)

# ---------------------------------------------------------------- person

PERSON_MEETINGS = query("""
SELECT DISTINCT ?target ?meeting_name ?role ?note ?date ?source ?quote ?_start WHERE {
  ?target a mkg:Person .
  { ?meeting mkg:hasAttendance ?d . ?d mkg:attendee ?target ; mkg:role ?role .
    OPTIONAL { ?d mkg:note ?note } $provenance }
  UNION
  { ?meeting mkg:chair ?target . BIND("chair" AS ?role) BIND(?meeting AS ?d)
    OPTIONAL { ?meeting mkg:chairTitle ?note } $provenance }
  $meeting_context
}""")

PERSON_ITEMS_CHAIRED = query("""
SELECT DISTINCT ?target ?meeting_name ?item ?kind ?title
       (GROUP_CONCAT(DISTINCT ?presenter_name; separator="、") AS ?presenters) ?date ?source ?quote WHERE {
  ?meeting mkg:chair ?target . $item_context $item_provenance
  OPTIONAL { ?i mkg:presenter ?p . ?p rdfs:label ?presenter_name }
  $meeting_context
} GROUP BY ?target ?meeting_name ?item ?kind ?title ?date ?source ?quote""")

PERSON_ROOMS = query(
    """
SELECT DISTINCT ?target ?meeting ?day ?file WHERE {
  ?target a mkg:Person ."""
    + in_room("target", 1)
    + """
  OPTIONAL { ?meeting dcterms:date ?day }
  OPTIONAL { ?minutes_doc mkg:recordOf ?meeting ; mkg:sourceFile ?file }
}"""
)
"""The meetings a person was in the room at (the co-attendees are counted from these in Python:
one small query per meeting is far faster than one query over every pair of attendees)."""

ROOM = query(
    """
SELECT DISTINCT ?target ?person ?name WHERE {
  ?target a mkg:Meeting ."""
    + in_room("person", 1, meeting="?target")
    + """
  ?person rdfs:label ?name .
}"""
)
"""Who was in the room at the meeting bound as ?target."""

MEETING_PRESENTERS = query("""
SELECT DISTINCT ?target ?unit ?i WHERE {
  ?target mkg:hasItem ?i . ?i mkg:presenter ?u . ?u rdfs:label ?unit
}""")
"""The units that presented items at the meeting bound as ?target."""

PERSON_MEMBERSHIPS = query("""
SELECT DISTINCT ?target ?unit ?day ?file WHERE {
  ?target org:memberOf ?u . ?u rdfs:label ?unit .
  OPTIONAL { ?meeting mkg:hasAttendance ?a . ?a mkg:attendee ?target .
             GRAPH ?a_doc { ?meeting mkg:hasAttendance ?a } ?a_doc mkg:sourceFile ?file .
             OPTIONAL { ?meeting dcterms:date ?day } }
}""")
"""The units a person was listed with (列席 lists name a unit beside a person)."""


# ---------------------------------------------------------------- unit

UNIT_ITEMS = query("""
SELECT DISTINCT ?target ?meeting_name ?item ?kind ?title ?date ?source ?quote ?_start WHERE {
  ?i mkg:presenter ?target . $item_context $item_provenance $meeting_context
}""")

UNIT_DECISIONS = query("""
SELECT DISTINCT ?target ?meeting_name ?item ?outcome ?document ?document_status ?next_step
       ?date ?source ?quote ?_start WHERE {
  ?i mkg:presenter ?target ; mkg:hasDecision ?d . ?d mkg:outcome ?outcome . $item_context
  OPTIONAL { ?d mkg:aboutDocument ?doc . ?doc rdfs:label ?document }
  OPTIONAL { ?d mkg:documentStatus ?document_status } OPTIONAL { ?d mkg:nextStep ?next_step }
  $decision_provenance $meeting_context
}""")

UNIT_DIRECTIVES = query("""
SELECT DISTINCT ?target ?meeting_name ?item ?verb ?date ?source ?quote ?_start WHERE {
  ?d mkg:addressee ?target . ?i mkg:hasDirective ?d . $item_context
  OPTIONAL { ?d mkg:directiveVerb ?verb } $directive_quote $meeting_context
}""")

UNIT_DOCUMENTS = query("""
SELECT DISTINCT ?target ?document (GROUP_CONCAT(DISTINCT ?status; separator="、") AS ?document_status)
       ?meeting_name ?item ?date ?source ?quote WHERE {
  ?i mkg:presenter ?target ; mkg:discusses ?doc . ?doc rdfs:label ?document . $item_context
  OPTIONAL { ?i mkg:hasDecision ?d . ?d mkg:aboutDocument ?doc ; mkg:documentStatus ?status }
  $item_provenance $meeting_context
} GROUP BY ?target ?document ?meeting_name ?item ?date ?source ?quote""")

UNIT_MEETINGS = query("""
SELECT DISTINCT ?target ?meeting_name (GROUP_CONCAT(DISTINCT ?how; separator="、") AS ?role)
       ?date ?source WHERE {
  ?target a mkg:Organization .
  { ?meeting mkg:hasItem ?i . ?i mkg:presenter ?target . BIND("presenter" AS ?how) }
  UNION { ?meeting mkg:hasItem ?i . ?i mkg:hasDirective ?d . ?d mkg:addressee ?target .
          BIND("addressee" AS ?how) }
  UNION { ?meeting mkg:hasItem ?i . ?i mkg:mentionsOrganization ?target . BIND("mentioned" AS ?how) }
  UNION { ?src mkg:recordOf ?meeting ; mkg:distributedTo ?target . BIND("distribution" AS ?how) }
  UNION { ?meeting mkg:body ?target . BIND("body" AS ?how) }
  OPTIONAL { ?minutes_doc mkg:recordOf ?meeting ; mkg:sourceFile ?source } $meeting_context
} GROUP BY ?target ?meeting_name ?date ?source""")

UNIT_ALIASES = query("""
SELECT DISTINCT ?target ?name ?alias WHERE {
  ?target rdfs:label ?name . OPTIONAL { ?target skos:altLabel ?alias }
}""")

# ---------------------------------------------------------------- meeting (the meeting is ?target)

MEETING_OVERVIEW = query(
    """
SELECT DISTINCT ?target ?meeting_name ?body ?kind ?ordinal ?chair ?chair_title ?title ?doc_number
       ?date ?source ?quote WHERE {
  ?target a mkg:Meeting .
  OPTIONAL { ?target mkg:body ?b . ?b rdfs:label ?body } OPTIONAL { ?target mkg:meetingKind ?kind }
  OPTIONAL { ?target mkg:ordinal ?ordinal } OPTIONAL { ?target mkg:chair ?c . ?c rdfs:label ?chair }
  OPTIONAL { ?target mkg:chairTitle ?chair_title } OPTIONAL { ?target mkg:quote ?quote }
  OPTIONAL { ?src mkg:recordOf ?target ; mkg:sourceFile ?source .
             OPTIONAL { ?src dcterms:title ?title } OPTIONAL { ?src mkg:docNumber ?doc_number } }
  $meeting_context
}""",
    meeting="?target",
)

MEETING_ATTENDANCE = query(
    """
SELECT DISTINCT ?target ?role ?person ?note ?date ?source ?quote ?_start WHERE {
  ?target mkg:hasAttendance ?d . ?d mkg:attendee ?p ; mkg:role ?role . ?p rdfs:label ?person .
  OPTIONAL { ?d mkg:note ?note } $attendance_provenance $meeting_context
}""",
    meeting="?target",
)

MEETING_ITEMS = query(
    """
SELECT DISTINCT ?target ?item ?kind ?title (GROUP_CONCAT(DISTINCT ?presenter; separator="、") AS ?presenters)
       (GROUP_CONCAT(DISTINCT ?document; separator="；") AS ?documents) ?date ?source ?quote WHERE {
  $item_context
  OPTIONAL { ?i mkg:presenter ?p . ?p rdfs:label ?presenter }
  OPTIONAL { ?i mkg:discusses ?doc . ?doc rdfs:label ?document }
  $item_provenance $meeting_context
} GROUP BY ?target ?item ?kind ?title ?date ?source ?quote""",
    meeting="?target",
)

MEETING_DECISIONS = query(
    """
SELECT DISTINCT ?target ?item ?outcome ?document ?document_status ?next_step
       ?date ?source ?quote ?_start WHERE {
  $item_context ?i mkg:hasDecision ?d . ?d mkg:outcome ?outcome .
  OPTIONAL { ?d mkg:aboutDocument ?doc . ?doc rdfs:label ?document }
  OPTIONAL { ?d mkg:documentStatus ?document_status } OPTIONAL { ?d mkg:nextStep ?next_step }
  $decision_provenance $meeting_context
}""",
    meeting="?target",
)

MEETING_DIRECTIVES = query(
    """
SELECT DISTINCT ?target ?item ?verb (GROUP_CONCAT(DISTINCT ?addressee; separator="、") AS ?addressees)
       ?date ?source ?quote ?_start WHERE {
  $item_context ?i mkg:hasDirective ?d .
  OPTIONAL { ?d mkg:directiveVerb ?verb } OPTIONAL { ?d mkg:addressee ?u . ?u rdfs:label ?addressee }
  $directive_quote $meeting_context
} GROUP BY ?target ?item ?verb ?date ?source ?quote ?_start""",
    meeting="?target",
)

# ---------------------------------------------------------------- project or document

TIMELINE = query("""
SELECT DISTINCT ?target ?government ?meeting_name ?item ?event ?kind ?outcome ?document ?document_status
       ?next_step (GROUP_CONCAT(DISTINCT ?presenter; separator="、") AS ?presenters)
       ?date ?source ?quote ?_start WHERE {
  ?target a ?class .
  { $item_context
    { ?i mkg:discusses ?target } UNION { ?i mkg:concerns ?target }
    BIND("taken up" AS ?event)
    OPTIONAL { ?i mkg:presenter ?p . ?p rdfs:label ?presenter }
    $item_provenance }
  UNION
  { $item_context
    ?i mkg:hasDecision ?d . ?d mkg:outcome ?outcome .
    { ?d mkg:aboutDocument ?target } UNION { ?i mkg:concerns ?target }
    BIND("decision" AS ?event)
    OPTIONAL { ?d mkg:aboutDocument ?doc . ?doc rdfs:label ?document }
    OPTIONAL { ?d mkg:documentStatus ?document_status } OPTIONAL { ?d mkg:nextStep ?next_step }
    $decision_provenance }
  $meeting_context
  OPTIONAL { ?meeting mkg:body ?body . ?body rdfs:label ?government }
} GROUP BY ?target ?government ?meeting_name ?item ?event ?kind ?outcome ?document ?document_status
           ?next_step ?date ?source ?quote ?_start""")

PERSON_PROFILE = query("""
SELECT ?target ?government (COUNT(DISTINCT ?meeting) AS ?meetings) (MIN(?day) AS ?first) (MAX(?day) AS ?last)
WHERE {
  ?target a mkg:Person .
  { ?meeting mkg:chair ?target } UNION { ?meeting mkg:hasAttendance ?a . ?a mkg:attendee ?target }
  OPTIONAL { ?meeting mkg:body ?b . ?b rdfs:label ?government }
  OPTIONAL { ?meeting dcterms:date ?day }
} GROUP BY ?target ?government""")
"""A person's government, how many meetings list them and their span, for the head of a summary."""

PERSON_ROLES = query("""
SELECT ?target ?role (COUNT(DISTINCT ?meeting) AS ?n) WHERE {
  ?target a mkg:Person .
  { ?meeting mkg:hasAttendance ?a . ?a mkg:attendee ?target ; mkg:role ?role }
  UNION { ?meeting mkg:chair ?target . BIND("chair" AS ?role) }
} GROUP BY ?target ?role""")

PERSON_DAYS = query("""
SELECT DISTINCT ?target ?meeting ?date WHERE {
  ?target a mkg:Person .
  { ?meeting mkg:chair ?target } UNION { ?meeting mkg:hasAttendance ?a . ?a mkg:attendee ?target }
  OPTIONAL { ?meeting dcterms:date ?date }
}""")
"""The counts of a summary's head are grouped in the store: the rows of every meeting with its quote
(:data:`PERSON_MEETINGS`) cost seconds at a thousand minutes."""

PERSON_POSTS = query("""
SELECT ?target ?post (MIN(?d) AS ?from) (MAX(?d) AS ?to) (COUNT(DISTINCT ?meeting) AS ?meetings) WHERE {
  ?h org:member ?target ; mkg:post ?p ; mkg:heldOn ?d ; mkg:atMeeting ?meeting . ?p rdfs:label ?post .
} GROUP BY ?target ?post""")
"""The posts a person was named with (常务副县长 …), from the first to the last meeting that did."""
