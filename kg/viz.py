"""Which part of the graph a page draws: a meeting, person, unit or project and its neighbourhood,
the nodes a SPARQL or Cypher query names, or the whole graph; ``kg viz``.

The store's RDF goes through the one projection (:mod:`kg.projection`) to networkx, is made ready
to read (roles by their Chinese names, decisions and directives by their sentence, with the date
and document in the tooltip, provenance links left to the tooltips), cut to the focus, and handed to
:mod:`visualizations.pages`, which knows nothing of RDF.

>>> import networkx as nx
>>> g = nx.MultiDiGraph([("p", "m"), ("m", "i"), ("i", "d")])
>>> sorted(neighbourhood(g, ["p"], depth=2))
['i', 'm', 'p']
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import cache
from pathlib import Path

import networkx as nx

from kg import projection
from kg.names import local_name, nearest
from kg.outputs import write_text
from kg.scope import scoped
from loaders.errors import KGError
from visualizations.pages import DEFAULT_MAX_NODES, render_page

FOCUS_TYPES = {
    "meeting": ("Meeting",),
    "person": ("Person",),
    "unit": ("Organization",),
    "project": ("Project", "Document"),
}
"""What ``--meeting``, ``--person``, ``--unit`` and ``--project`` look for; a project may be a document."""

FOCUS_NAMES = {"meeting": "会议", "person": "人员", "unit": "单位", "project": "项目"}

DEFAULT_DEPTH = 2
"""Hops from a named focus: a person's meetings and everyone and everything at them."""

HIDDEN_EDGES = {"WAS_DERIVED_FROM"}
"""Provenance links to the minutes file; every node's tooltip names its source instead."""

SENTENCE_TYPES = {"Decision", "Directive"}


class NotInGraphError(KGError):
    """A name or a query given to ``kg viz`` finds nothing in the loaded graph."""


@dataclass
class Focused:
    """A sub-graph to draw, the nodes it is centred on, and the page's title and notes."""

    graph: nx.MultiDiGraph
    focus: list[str] = field(default_factory=list)
    title: str = "minutes-kg"
    notes: list[str] = field(default_factory=list)


def viz(
    store=None,
    *,
    meeting: str | None = None,
    person: str | None = None,
    unit: str | None = None,
    project: str | None = None,
    sparql: str | None = None,
    cypher: str | None = None,
    depth: int | None = None,
    out="kg-viz.html",
    max_nodes: int = DEFAULT_MAX_NODES,
    connection=None,
    filters=None,
) -> Path:
    """Write a page of the focus (at most one of the keyword arguments, none for the whole graph).

    ``depth`` counts hops from the focus (default 2 for a name, 0 for a query: the nodes its answer
    names and the edges among them). ``connection`` is the Neo4j connection for ``cypher``.
    ``filters`` (:class:`kg.scope.Filters`) draw only the meetings they let through.
    """
    focused = subgraph(
        store,
        meeting=meeting,
        person=person,
        unit=unit,
        project=project,
        sparql=sparql,
        cypher=cypher,
        depth=depth,
        connection=connection,
        filters=filters,
    )
    page = render_page(
        focused.graph, title=focused.title, keep=focused.focus, notes=focused.notes, max_nodes=max_nodes
    )
    return write_text(out, page)


def subgraph(
    store=None,
    *,
    meeting=None,
    person=None,
    unit=None,
    project=None,
    sparql=None,
    cypher=None,
    depth: int | None = None,
    connection=None,
    filters=None,
) -> Focused:
    """The part of the loaded graph that :func:`viz` draws."""
    named = {
        k: v
        for k, v in {
            "meeting": meeting,
            "person": person,
            "unit": unit,
            "project": project,
            "sparql": sparql,
            "cypher": cypher,
        }.items()
        if v
    }
    if len(named) > 1:
        raise KGError(f"kg viz draws one focus at a time, not {' and '.join('--' + k for k in named)}")
    with scoped(store, filters) as st:
        whole = drawable(projection.store_graph(st))
        if not named:
            return Focused(
                whole,
                title="全图 the whole graph",
                notes=[f"已载入纪要 documents loaded: {len(st.documents())}"],
            )
        ((kind, value),) = named.items()
        finder = QUERIES.get(kind)
        focus = finder(st, value, whole, connection) if finder else find(whole, kind, value)
    hops = depth if depth is not None else (0 if finder else DEFAULT_DEPTH)
    title = f"{FOCUS_NAMES[kind]} {value}" if kind in FOCUS_NAMES else f"{kind.upper()} query"
    notes = [f"--{kind} {value}" if kind in FOCUS_NAMES else f"{kind}: {value}", f"depth {hops}"]
    return Focused(whole.subgraph(neighbourhood(whole, focus, hops)).copy(), focus, title, notes)


def find(graph: nx.Graph, kind: str, name: str) -> list[str]:
    """Nodes of the focus ``kind`` named ``name`` (or, failing that, whose name contains it).

    A name found nowhere raises :class:`NotInGraphError` with the nearest names of that kind.
    """
    types = FOCUS_TYPES[kind]
    candidates = {n: _names(d) for n, d in graph.nodes(data=True) if d.get("type") in types}
    exact = [n for n, names in candidates.items() if name in names]
    found = exact or [n for n, names in candidates.items() if any(name in x for x in names)]
    if found:
        return sorted(found)
    known = sorted({x for names in candidates.values() for x in names})
    near = nearest(name, known)
    hint = f"; did you mean {', '.join(near)}?" if near else f" ({len(known)} known)"
    raise NotInGraphError(f"no {kind} named {name!r} in the loaded graph{hint}")


def neighbourhood(graph: nx.Graph, focus, depth: int) -> set:
    """``focus`` and every node within ``depth`` hops of it, whichever way the edges point."""
    undirected = graph.to_undirected(as_view=True)
    out = set()
    for node in focus:
        out |= set(nx.single_source_shortest_path_length(undirected, node, cutoff=depth))
    return out


def drawable(graph: nx.MultiDiGraph) -> nx.MultiDiGraph:
    """The projected graph made ready to read; a new graph, the projection's is left as it was.

    Edges take the Chinese name of their relation (of the role, on an attendance); a node without a
    name of its own (a decision, a directive, a document's stage) is labelled by its quoted text;
    decisions and directives carry their meeting's date and the documents they name; provenance
    links go (every tooltip names the source file).
    """
    g = graph.copy()
    g.remove_edges_from([(u, v, k) for u, v, k, t in g.edges(keys=True, data="type") if t in HIDDEN_EDGES])
    roles, relations = role_names(), relation_names()
    for _u, _v, attrs in g.edges(data=True):
        attrs["label"] = roles.get(attrs.get("role"), relations.get(attrs.get("type"), attrs.get("label")))
    for node, attrs in g.nodes(data=True):
        if not attrs.get("name") and attrs.get("quote"):
            attrs["label"] = attrs["quote"]
        if attrs.get("type") in SENTENCE_TYPES:
            _sentence_node(g, node, attrs)
    return g


def _sentence_node(g: nx.MultiDiGraph, node, attrs: dict) -> None:
    """Give a decision or directive its meeting's date and the documents it names."""
    out = g.out_edges(node, data="type")
    documents = [g.nodes[v].get("name") for _, v, t in out if t == "ABOUT_DOCUMENT"]
    if any(documents):
        attrs["document"] = "、".join(sorted(filter(None, documents)))
    meetings = [
        m
        for m in nx.bfs_tree(g.reverse(copy=False), node, depth_limit=2)
        if g.nodes[m].get("type") == "Meeting"
    ]
    meetings += [v for _, v, t in g.out_edges(node, data="type") if t == "AT_MEETING"]
    dates = sorted({g.nodes[m]["date"] for m in meetings if g.nodes[m].get("date")})
    if dates and not attrs.get("date"):
        attrs["date"] = "、".join(dates)


@cache
def role_names() -> dict[str, str]:
    """Role codes (``present``) to their Chinese names (出席), from the ontology's role concepts."""
    from rdflib.namespace import RDF, SKOS

    from ontology import MKG

    onto = projection.ontology_graph()
    return {
        local_name(str(role)): label
        for role in onto.subjects(RDF.type, MKG.Role)
        for label in _chinese(onto.objects(role, SKOS.prefLabel))
    }


@cache
def relation_names() -> dict[str, str]:
    """Edge types (``HAS_ITEM``) to the Chinese label of their property in the ontology (议题)."""
    from rdflib.namespace import OWL, RDF, RDFS

    onto = projection.ontology_graph()
    return {
        projection.edge_type(str(p)): label
        for p in onto.subjects(RDF.type, OWL.ObjectProperty)
        for label in _chinese(onto.objects(p, RDFS.label))
    }


def _chinese(labels) -> list[str]:
    return [str(label) for label in labels if getattr(label, "language", None) == "zh"][:1]


def _names(attrs: dict) -> set[str]:
    names = {attrs.get("label"), attrs.get("name")}
    aliases = attrs.get("aliases") or []
    names |= set([aliases] if isinstance(aliases, str) else aliases)
    return {str(n) for n in names if n}


def _sparql_nodes(st, query: str, graph: nx.Graph, _connection=None) -> list[str]:
    """Nodes of ``graph`` that the answer to a SPARQL query names (any IRI in any row)."""
    import pyoxigraph as ox

    answer = st.query(query)
    if isinstance(answer, ox.QueryBoolean):
        raise NotInGraphError("an ASK query names no nodes; use SELECT or CONSTRUCT")
    if isinstance(answer, ox.QuerySolutions):
        terms = [row[v] for row in answer for v in answer.variables]
    else:
        terms = [t for triple in answer for t in (triple.subject, triple.object)]
    return _in_graph({t.value for t in terms if isinstance(t, ox.NamedNode)}, graph, "SPARQL")


def _cypher_nodes(_st, query: str, graph: nx.Graph, connection=None) -> list[str]:
    """Nodes of ``graph`` whose ``uri`` the answer to a Cypher query (on Neo4j) returns."""
    from kg.neo4j.connection import connection as default_connection
    from kg.neo4j.cypher import cypher

    table = cypher(query, connection or default_connection())
    return _in_graph(set(_uris(table.rows)), graph, "Cypher")


def _uris(value):
    """Candidate node URIs in rows of plain values: a node or relationship (a dict of its properties)
    gives its ``uri`` only, a returned string is taken as it is (``RETURN p.uri``)."""
    if isinstance(value, str):
        yield value
    elif isinstance(value, dict):
        if isinstance(value.get("uri"), str):
            yield value["uri"]
    elif isinstance(value, list | tuple):
        for v in value:
            yield from _uris(v)


QUERIES = {"sparql": _sparql_nodes, "cypher": _cypher_nodes}
"""Query languages of ``kg viz``: each finds the nodes an answer names (store, query, graph, Neo4j)."""


def _in_graph(uris: set[str], graph: nx.Graph, engine: str) -> list[str]:
    found = sorted(u for u in uris if u in graph)
    if not found:
        raise NotInGraphError(f"the {engine} query's answer names no node of the loaded graph")
    return found
