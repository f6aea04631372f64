"""The one projection of the RDF graph onto a property graph of nodes and edges, and onto networkx.

The Neo4j writer, the pyvis pages and the GraphML/GEXF/CSV exports all consume what :func:`project`
returns, so the graph in Neo4j, on a page and in Gephi is the same graph. The projection is generic
over the minutes-kg vocabulary; ``docs/mapping.md`` is its table:

- a subject typed with a class of the vocabulary becomes a :class:`Node`; its classes (with their
  super-classes from ``ontology/minutes.ttl``) become ``labels``, the most general one its ``label``;
- a property whose object is another node becomes an :class:`Edge` typed ``UPPER_SNAKE`` of the
  property's local name (``mkg:hasItem`` -> ``HAS_ITEM``), in the direction of the RDF;
- literals become node properties in ``snake_case`` (``rdfs:label`` -> ``name``, ``@en`` -> ``name_en``),
  and so do objects that are not nodes: a term of the vocabulary (``mkg:approved``) by its local name;
- an n-ary node that only qualifies a link (``mkg:Attendance``) becomes one edge carrying its
  properties: ``(:Person)-[:ATTENDED {uri, role, quote, start, end, source}]->(:Meeting)``.

>>> from rdflib import Graph, Literal, RDF, RDFS
>>> from ontology import ID, MKG
>>> g = Graph()
>>> meeting, item = ID["gov/meeting/1"], ID["gov/meeting/1/item/1"]
>>> g += [(meeting, RDF.type, MKG.Meeting), (meeting, RDFS.label, Literal("第1次常务会议", lang="zh")),
...       (meeting, MKG.hasItem, item), (item, RDF.type, MKG.AgendaItem), (item, MKG.number, Literal(1))]
>>> pg = project(g)
>>> pg.nodes[str(meeting)].props["name"], pg.nodes[str(item)].props["number"]
('第1次常务会议', 1)
>>> [(e.type, e.target == str(item)) for e in pg.edges]
[('HAS_ITEM', True)]
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import cache

import networkx as nx
import pyoxigraph
import rdflib
from rdflib import namespace

from kg.names import local_name
from kg.terms import literal
from loaders import iris
from loaders.rdf import end_offset
from ontology import IMPLIED_CLASSES, MKG, ONTOLOGY_TTL

MKG_NS = str(MKG._NS)
TYPE = str(namespace.RDF.type)


@dataclass
class Node:
    """A resource: ``label`` its primary class, ``labels`` all its classes, ``props`` its literals."""

    uri: str
    label: str
    labels: list[str]
    props: dict = field(default_factory=dict)


@dataclass
class Edge:
    """A relationship from ``source`` to ``target`` (both node URIs) of ``type`` with ``props``."""

    source: str
    target: str
    type: str
    props: dict = field(default_factory=dict)


@dataclass
class PropertyGraph:
    """Nodes by URI, and the edges between them."""

    nodes: dict[str, Node] = field(default_factory=dict)
    edges: list[Edge] = field(default_factory=list)


@dataclass(frozen=True)
class Qualified:
    """A class whose instances qualify one link: projected as one edge from ``source`` to ``target``.

    ``source`` is the property from the qualifying node to the edge's start; ``target_inverse`` the
    property from the edge's end to the qualifying node.
    """

    edge_type: str
    source: str
    target_inverse: str


QUALIFIED = {
    str(MKG.Attendance): Qualified(
        "ATTENDED", source=str(MKG.attendee), target_inverse=str(MKG.hasAttendance)
    ),
}
"""Classes projected as edges rather than nodes. An attendance is a node in RDF so it can carry its
provenance; in a property graph a relationship carries properties itself, and "who attended what"
is one hop instead of two."""

VALUE_CLASSES = {str(MKG.Role), str(MKG.ItemKind), str(MKG.Outcome)}
"""Classes whose instances are values (a role, an item kind, an outcome), not things to draw."""

PROPERTY_NAMES = {
    str(namespace.RDFS.label): "name",
    str(namespace.SKOS.prefLabel): "name",
    str(namespace.SDO.name): "name",
    str(namespace.FOAF.name): "name",
    str(namespace.SKOS.altLabel): "aliases",
    str(MKG.startOffset): "start",
    str(MKG.endOffset): "end",
    str(MKG.sourceFile): "source",
    str(MKG.meetingKind): "kind",
    str(MKG.itemKind): "kind",
    str(MKG.directiveVerb): "verb",
}
"""Node property names that are not the ``snake_case`` of the RDF property's local name."""


PRIMARY_LANGUAGE = "zh"
"""Literals in this language (or in none) take the plain property name; others get ``_<lang>``."""


def project(data) -> PropertyGraph:
    """Project RDF onto nodes and edges.

    ``data`` is an rdflib graph or dataset, or an iterable of triples or quads of rdflib or
    pyoxigraph terms (what the embedded store yields); graph names are ignored, so the same node
    seen in two documents is one node.
    """
    subjects: dict[str, dict[str, set]] = defaultdict(lambda: defaultdict(set))
    for s, p, o in _triples(_with_provenance(_with_implied(_rows(data)))):
        subjects[s][p].add(o)
    classes = {s: _vocabulary_classes(frozenset(po.get(TYPE, ()))) for s, po in subjects.items()}
    qualifiers = {s for s, c in classes.items() if c & QUALIFIED.keys()}
    nodes = {s for s, c in classes.items() if c and not c & VALUE_CLASSES and s not in qualifiers}
    linked = nodes | qualifiers
    pg = PropertyGraph()
    edges: dict[tuple, Edge] = {}
    for uri in sorted(nodes):
        pg.nodes[uri] = Node(uri, _primary_label(classes[uri]), sorted(map(local_name, classes[uri])),
                             _props(uri, subjects[uri], linked))  # fmt: skip
        for p, objects in subjects[uri].items():
            for o in objects & nodes:
                edges[(uri, edge_type(p), o)] = Edge(uri, o, edge_type(p))
    inverses = {q: _inverse(subjects, q.target_inverse) for q in QUALIFIED.values()}
    for uri in sorted(qualifiers):
        for qualified in (QUALIFIED[c] for c in sorted(classes[uri] & QUALIFIED.keys())):
            props = _props(uri, subjects[uri], linked)
            for source in sorted(subjects[uri].get(qualified.source, set()) & nodes):
                for target in sorted(set(inverses[qualified].get(uri, ())) & nodes):
                    edge = Edge(source, target, qualified.edge_type, dict(props))
                    edges[(source, edge.type, target, uri)] = edge
    pg.edges = [edges[key] for key in sorted(edges)]
    return pg


def store_graph(store, predicates=None) -> nx.MultiDiGraph:
    """The loaded graph (a :class:`kg.store.Store`), or the facts of ``predicates`` only, projected
    and as networkx: what the pages, the exports and the analytics start from."""
    return to_networkx(project(store.quads(predicates)))


def to_networkx(pg: PropertyGraph) -> nx.MultiDiGraph:
    """The property graph as a networkx multigraph, for the pages, the analytics and the exports.

    Node id is the URI; node attributes ``type`` (the primary class), ``label`` (the name to show)
    and the properties. The edge key is the edge's ``uri`` where it has one, else its type.

    >>> pg = PropertyGraph({"u:p": Node("u:p", "Person", ["Person"], {"uri": "u:p", "name": "张三"}),
    ...                     "u:m": Node("u:m/1", "Meeting", ["Meeting"], {"uri": "u:m/1"})},
    ...                    [Edge("u:p", "u:m/1", "ATTENDED", {"uri": "u:a", "role": "present"})])
    >>> g = to_networkx(pg)
    >>> g.nodes["u:p"]["label"], g.nodes["u:m/1"]["label"], g.edges["u:p", "u:m/1", "u:a"]["label"]
    ('张三', '1', 'present')
    """
    g = nx.MultiDiGraph()
    for node in pg.nodes.values():
        g.add_node(node.uri, **node.props, type=node.label, label=_display_name(node))
    for edge in pg.edges:
        label = edge.props.get("role", edge.type)
        g.add_edge(edge.source, edge.target, key=edge.props.get("uri", edge.type), **edge.props,
                   type=edge.type, label=label)  # fmt: skip
    return g


class _IRI(str):
    """An IRI as a plain string, told apart from a string literal."""


def _display_name(node: Node) -> str:
    name = node.props.get("name")
    if isinstance(name, list):
        name = name[0]
    return name or local_name(node.uri)


def _props(uri: str, po: dict[str, set], linked: set[str]) -> dict:
    """The properties of a node or a qualified edge: its literals, and the terms that are no link."""
    props: dict = {}
    for p, objects in po.items():
        if p != TYPE:
            for key, value in _values(p, objects, linked):
                props.setdefault(key, set()).add(value)
                if key == "start":  # the end next to it, as when every fact had its endOffset
                    props.setdefault("end", set())
    return {k: _collapse(v) for k, v in props.items() if v} | {"uri": uri}


def _inverse(subjects, predicate: str) -> dict[str, list[str]]:
    """Object -> the subjects that point at it with ``predicate``."""
    index = defaultdict(list)
    for s, po in subjects.items():
        for o in po.get(predicate, ()):
            index[o].append(s)
    return index


def _values(p: str, objects: set, linked: set[str]):
    """``(key, value)`` for each object of ``p`` that is a property value rather than a link."""
    base = _property_name(p)
    for o in objects:
        if isinstance(o, _IRI):
            if o not in linked:
                yield base, local_name(o) if _is_vocabulary_term(o) else str(o)
        elif isinstance(o, tuple):  # a literal with a language
            value, language = o
            primary = language.split("-")[0].lower()
            yield (base if primary == PRIMARY_LANGUAGE else f"{base}_{primary}"), value
        else:
            yield base, o


def _collapse(values: set):
    """One value as itself, several as a sorted list (Neo4j keeps lists of one type)."""
    if len(values) == 1:
        return next(iter(values))
    return sorted(values, key=lambda v: (type(v).__name__, v))


@cache
def _property_name(p: str) -> str:
    return PROPERTY_NAMES.get(p) or _snake(local_name(p))


@cache
def _primary_label(classes: frozenset[str]) -> str:
    """The most general class of the vocabulary among a node's classes (Organization, not Township)."""
    supers = _superclasses()
    top = [c for c in classes if not (supers.get(c, set()) - {c}) & classes]
    return local_name(min(top))


@cache
def _vocabulary_classes(types: frozenset) -> frozenset[str]:
    """The node's classes in the vocabulary, with their super-classes."""
    supers = _superclasses()
    found = {str(t) for t in types if isinstance(t, _IRI) and t.startswith(MKG_NS)}
    return frozenset(found.union(*(supers.get(c, set()) for c in found)))


@cache
def _superclasses() -> dict[str, set[str]]:
    """Class -> all its super-classes in the vocabulary, read once from ``ontology/minutes.ttl``."""
    graph = nx.DiGraph(
        (str(c), str(s))
        for c, s in ontology_graph().subject_objects(namespace.RDFS.subClassOf)
        if str(c).startswith(MKG_NS) and str(s).startswith(MKG_NS)
    )
    return {c: nx.descendants(graph, c) for c in graph}


@cache
def ontology_graph() -> rdflib.Graph:
    """The vocabulary (``ontology/minutes.ttl``), parsed once: the projection, the pages' names and
    ``kg schema`` read it; nothing may change it."""
    return rdflib.Graph().parse(ONTOLOGY_TTL)


@cache
def _vocabulary_terms() -> frozenset[str]:
    return frozenset(str(s) for s in ontology_graph().subjects() if isinstance(s, rdflib.URIRef))


def _is_vocabulary_term(iri: str) -> bool:
    return iri.startswith(MKG_NS) or iri in _vocabulary_terms()


def _snake(name: str) -> str:
    """``documentStatus`` -> ``document_status``.

    >>> _snake("documentStatus"), _snake("docNumber")
    ('document_status', 'doc_number')
    """
    return re.sub(r"(?<=[a-z0-9])(?=[A-Z])", "_", name).lower()


@cache
def edge_type(iri: str) -> str:
    """The relationship type a property becomes: ``mkg:hasItem`` -> ``HAS_ITEM``.

    >>> edge_type(str(MKG.distributedTo))
    'DISTRIBUTED_TO'
    """
    return _snake(local_name(iri)).upper()


# --- terms of rdflib and pyoxigraph as plain Python: an _IRI, a value (kg.terms), or (text, language) ---


def _literal(text: str, datatype: str | None, language: str | None):
    return (text, language) if language else literal(text, datatype)


def _from_rdflib(term):
    if isinstance(term, rdflib.Literal):
        datatype = str(term.datatype) if term.datatype else None
        return _literal(str(term), datatype, term.language)
    if isinstance(term, rdflib.BNode):
        return _IRI(f"_:{term}")
    return _IRI(term)


def _from_oxigraph(term):
    if isinstance(term, pyoxigraph.Literal):
        return _literal(term.value, term.datatype.value, term.language)
    if isinstance(term, pyoxigraph.BlankNode):
        return _IRI(f"_:{term.value}")
    return _IRI(term.value)


_DERIVED_FROM = str(namespace.PROV.wasDerivedFrom)
_SOURCE_FILE = str(MKG.sourceFile)


def _with_provenance(data) -> Iterable[tuple]:
    """The rows as they come, then for each fact of a document's graph the provenance its graph
    gives it: ``prov:wasDerivedFrom`` the document and the document's ``mkg:sourceFile``.

    The store keeps them once, on the document (layout 3: the graph a fact is in says where it came
    from); the property graph carries them on each node and edge (``source`` on an ``ATTENDED``
    edge), as it always has. Shared things (persons, units …) are no document's fact, and a graph
    whose source node is not among the rows (a projection of some properties only) gives nothing.
    """
    facts: dict[str, dict] = defaultdict(dict)
    files: dict[str, tuple] = {}
    for row in data:
        yield row
        graph = _graph_name(row)
        if graph is None:
            continue
        subject = _name_of(row[0])
        if subject == graph:
            if _name_of(row[1]) == _SOURCE_FILE:
                files[graph] = (row[0], row[1], row[2])
        elif not iris.is_shared(subject):
            facts[graph][row[0]] = None
    for graph, (document, source_file, file) in files.items():
        derived_from = type(source_file)(_DERIVED_FROM)
        for fact in facts[graph]:
            yield fact, derived_from, document
            yield fact, source_file, file


def _rows(data) -> Iterable[tuple]:
    """The rows of ``data``: an rdflib dataset as quads, anything else as it comes."""
    if isinstance(data, rdflib.Dataset | rdflib.ConjunctiveGraph):
        return data.quads((None, None, None, None))
    return data


_IMPLIED = {str(link): str(cls) for link, cls in IMPLIED_CLASSES.items()}
_START, _END, _QUOTE = str(MKG.startOffset), str(MKG.endOffset), str(MKG.quote)
_DESCRIPTION = str(namespace.DCTERMS.description)
_HAS_DIRECTIVE = str(MKG.hasDirective)
_INTEGER = str(namespace.XSD.integer)


def _with_implied(rows) -> Iterable[tuple]:
    """The rows as they come, then what the store leaves implied (``docs/rdf.md``), as rows of the
    same library in the same graph: the class of a document's part that its link implies
    (:data:`ontology.IMPLIED_CLASSES`), a fact's ``mkg:endOffset`` where it is the start plus the
    quote's length (:func:`loaders.rdf.end_offset`), and a directive's ``dcterms:description`` where
    it is its quote. Each per document graph, so a meeting two documents record gets each one's end.
    """
    spans: dict[tuple, list] = {}
    directives: set[tuple] = set()
    for row in rows:
        yield row
        p = _name_of(row[1])
        if p in _IMPLIED:
            yield _row(row, row[2], TYPE, _IMPLIED[p])
            if p == _HAS_DIRECTIVE:
                directives.add((_graph_name(row), row[2]))
        elif p in _SPAN_PARTS:
            span = spans.setdefault((_graph_name(row), row[0]), [None, None, False, False, row])
            index = _SPAN_PARTS[p]
            span[index] = True if index > 1 else row[2]
    for (graph, subject), (start, quote, has_end, has_description, row) in spans.items():
        text = None if quote is None else _name_of(quote)
        if start is not None and not has_end:
            yield _row(row, subject, _END, end_offset(int(_name_of(start)), text), _INTEGER)
        if quote is not None and not has_description and (graph, subject) in directives:
            yield _row(row, subject, _DESCRIPTION, quote)


_SPAN_PARTS = {_START: 0, _QUOTE: 1, _END: 2, _DESCRIPTION: 3}


def _row(like, subject, predicate: str, value, datatype: str | None = None) -> tuple:
    """A row of the library and graph of ``like``: ``value`` an IRI (a ``str``), a term of that
    library as it is (``datatype`` None), or the text of a literal of ``datatype``."""
    ox = isinstance(like[1], pyoxigraph.NamedNode)
    if datatype is not None:
        value = (pyoxigraph.Literal(str(value), datatype=pyoxigraph.NamedNode(datatype)) if ox
                 else rdflib.Literal(str(value), datatype=rdflib.URIRef(datatype)))  # fmt: skip
    elif type(value) is str:
        value = pyoxigraph.NamedNode(value) if ox else rdflib.URIRef(value)
    predicate = pyoxigraph.NamedNode(predicate) if ox else rdflib.URIRef(predicate)
    return (subject, predicate, value) + ((like[3],) if len(like) > 3 else ())


def _graph_name(row) -> str | None:
    """The name of a quad's graph (pyoxigraph, or an rdflib context), None for a triple."""
    if len(row) < 4 or row[3] is None or isinstance(row[3], pyoxigraph.DefaultGraph):
        return None
    return _name_of(getattr(row[3], "identifier", row[3]))


def _name_of(term) -> str:
    return term.value if isinstance(term, pyoxigraph.NamedNode | pyoxigraph.Literal) else str(term)


def _triples(data) -> Iterable[tuple]:
    """Triples of plain terms from an rdflib graph or from triples or quads of either library."""
    for row in data:
        s, p, o = row[0], row[1], row[2]
        convert = _from_oxigraph if isinstance(p, pyoxigraph.NamedNode) else _from_rdflib
        yield convert(s), str(convert(p)), convert(o)
