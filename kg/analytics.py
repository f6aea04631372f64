"""Who sits with whom, and which units carry which matters: networks drawn from the projection.

Two networks are derived from the property graph of :mod:`kg.projection` (a ``networkx``
MultiDiGraph whose nodes carry ``type`` and ``label``):

- the **co-attendance** network: persons, joined when they were at the same meeting, weighted by the
  number of meetings they shared (the chair counts as present; 请假/缺席 do not);
- the **unit–item** network: units and the agenda items they presented, were told to act on
  (directive addressees) or were mentioned in; weighted by how many such ties an edge stands for.

Each network gets degree, weighted degree, betweenness, PageRank and a community (Louvain with a
fixed seed, so the same graph always gets the same partition). The rows are plain dicts, so the
command line, the summaries and the report show the same numbers.

>>> g = nx.MultiDiGraph()
>>> g.add_node("m1", type="Meeting", label="M1")
>>> for p in ("a", "b", "c"):
...     g.add_node(p, type="Person", label=p.upper())
...     _ = g.add_edge(p, "m1", type="ATTENDED", role="present")
>>> sorted(co_attendance_graph(g).edges(data="weight"))
[('a', 'b', 1), ('a', 'c', 1), ('b', 'c', 1)]
"""

from __future__ import annotations

from itertools import combinations

import networkx as nx
from rdflib.namespace import DCTERMS, RDF, RDFS

from kg.sections import Section, Tables
from loaders.errors import KGError
from loaders.record import NOT_IN_ROOM
from ontology import MKG

NETWORK_PREDICATES = (
    RDF.type, RDFS.label, DCTERMS.date, MKG.number, MKG.attendee, MKG.role, MKG.hasAttendance, MKG.chair,
    MKG.hasItem, MKG.presenter, MKG.mentionsOrganization, MKG.hasDirective, MKG.addressee,
)  # fmt: skip
"""The properties the networks are drawn from; the rest of the graph (quotes, offsets, titles …) is
most of it and not read for them."""

UNIT_ITEM_TIES = {
    "PRESENTER": "presented",
    "MENTIONS_ORGANIZATION": "mentioned",
}
"""Edges from an agenda item to a unit that tie them in the unit–item network, by relation."""

SEED = 7
"""Louvain and sampled betweenness are randomised; a fixed seed gives the same figures on every run."""

PIVOTS = 100
"""Betweenness is exact up to this many nodes, estimated from this many sources above."""


def meeting_attendees(graph: nx.MultiDiGraph) -> dict[str, set[str]]:
    """``{meeting: {persons in the room}}``: attendance edges outside 请假/缺席, and the chair."""
    out: dict[str, set[str]] = {}
    for source, target, data in graph.edges(data=True):
        kind = data.get("type")
        if kind == "ATTENDED" and data.get("role") not in NOT_IN_ROOM:
            out.setdefault(target, set()).add(source)
        elif kind == "CHAIR":
            out.setdefault(source, set()).add(target)
    return out


def co_attendance_graph(graph: nx.MultiDiGraph) -> nx.Graph:
    """Persons joined by the number of meetings they attended together (edge attribute ``weight``)."""
    out = nx.Graph()
    for _, persons in sorted(meeting_attendees(graph).items()):
        for person in sorted(persons):
            _add_node(out, graph, person)
            out.nodes[person]["meetings"] = out.nodes[person].get("meetings", 0) + 1
        for a, b in combinations(sorted(persons), 2):
            weight = out.edges[a, b]["weight"] + 1 if out.has_edge(a, b) else 1
            out.add_edge(a, b, weight=weight)
    return out


def unit_item_graph(graph: nx.MultiDiGraph) -> nx.Graph:
    """Units and agenda items, joined where a unit presented, was told to act on or is named in an item."""
    out = nx.Graph()
    for item, unit, relation in _unit_item_ties(graph):
        _add_node(out, graph, item)
        _add_node(out, graph, unit)
        if out.has_edge(item, unit):
            out.edges[item, unit]["weight"] += 1
            out.edges[item, unit]["relations"].add(relation)
        else:
            out.add_edge(item, unit, weight=1, relations={relation})
    for _, _, data in out.edges(data=True):
        data["relations"] = ",".join(sorted(data["relations"]))
    return out


def _unit_item_ties(graph: nx.MultiDiGraph):
    """``(item, unit, relation)`` for every tie, directives followed from their item to the addressee."""
    for source, target, data in graph.edges(data=True):
        kind = data.get("type")
        if kind in UNIT_ITEM_TIES:
            yield source, target, UNIT_ITEM_TIES[kind]
        elif kind == "HAS_DIRECTIVE":
            for _, unit, tie in graph.out_edges(target, data=True):
                if tie.get("type") == "ADDRESSEE":
                    yield source, unit, "addressed"


def _add_node(out: nx.Graph, graph: nx.MultiDiGraph, node: str) -> None:
    if node not in out:
        attrs = graph.nodes[node] if node in graph else {}
        out.add_node(node, type=attrs.get("type", ""), label=node_label(graph, node))


WORDS = 30
"""Characters of a decision's or directive's sentence that stand for it in a table."""


def node_label(graph: nx.MultiDiGraph, node: str) -> str:
    """What a reader calls a node: an item by :func:`item_label`, a decision by its outcome and next
    step, a directive by its first words (their own label is only their number); else its label.

    >>> g = nx.MultiDiGraph()
    >>> said = "会议要求，县财政局抓紧落实资金保障工作，确保按期完成。"
    >>> g.add_node("d", type="Directive", label="1", description=said)
    >>> g.add_node("x", type="Decision", label="1", outcome="approved_in_principle", next_step="印发")
    >>> node_label(g, "d"), node_label(g, "x")
    ('会议要求，县财政局抓紧落实资金保障工作，确保按期完成。', 'approved_in_principle: 印发')
    """
    attrs = graph.nodes[node] if node in graph else {}
    kind = attrs.get("type")
    if kind == "AgendaItem":
        return item_label(graph, node)
    if kind == "Directive" and attrs.get("description"):
        text = str(attrs["description"])
        return text if len(text) <= WORDS else text[:WORDS] + "…"
    if kind == "Decision":
        said = attrs.get("next_step") or str(attrs.get("quote") or "")[:WORDS]
        return ": ".join(str(x) for x in (attrs.get("outcome"), said) if x) or node
    return str(attrs.get("label") or node)


def item_label(graph: nx.MultiDiGraph, item: str) -> str:
    """An agenda item as a reader finds it: its meeting's date, its number, its title where it has one."""
    attrs = graph.nodes[item]
    dates = [graph.nodes[m].get("date") for m, _, t in graph.in_edges(item, data="type") if t == "HAS_ITEM"]
    title = attrs.get("name") if isinstance(attrs.get("name"), str) else ""
    return " ".join(str(x) for x in (*filter(None, dates), f"#{attrs.get('number', '?')}", title) if x)


def communities(graph: nx.Graph) -> dict[str, int]:
    """``{node: community number}``, communities numbered from the largest (0) down.

    >>> communities(nx.Graph([("a", "b"), ("c", "d")]))
    {'a': 0, 'b': 0, 'c': 1, 'd': 1}
    """
    if graph.number_of_edges() == 0:
        return {node: n for n, node in enumerate(sorted(graph))}
    found = nx.community.louvain_communities(graph, weight="weight", seed=SEED)
    ordered = sorted(found, key=lambda c: (-len(c), sorted(c)))
    return {node: n for n, members in enumerate(ordered) for node in sorted(members)}


MEASURES = ("pagerank", "betweenness", "degree", "weighted_degree")
"""What ``kg analyze --sort`` can order the nodes by, highest first."""


def centrality(graph: nx.Graph, sort: str = "pagerank") -> list[dict]:
    """One row per node: degree, weighted degree, betweenness, PageRank and community, highest
    ``sort`` (one of :data:`MEASURES`) first.

    Betweenness treats a heavier tie as a shorter path (distance = 1 / weight), so people who
    often sit together are close. Above :data:`PIVOTS` nodes it is estimated from that many
    source nodes drawn with a fixed seed (exact betweenness costs a shortest-path search from
    every node, seconds already for a few hundred people who all sat together).
    """
    if graph.number_of_nodes() == 0:
        return []
    for _, _, data in graph.edges(data=True):
        data["distance"] = 1 / data.get("weight", 1)
    pivots = PIVOTS if graph.number_of_nodes() > PIVOTS else None
    betweenness = nx.betweenness_centrality(graph, k=pivots, weight="distance", normalized=True, seed=SEED)
    pagerank = nx.pagerank(graph, weight="weight")
    community = communities(graph)
    rows = [
        {
            "name": data.get("label") or node,
            "type": data.get("type", ""),
            "degree": graph.degree(node),
            "weighted_degree": graph.degree(node, weight="weight"),
            "betweenness": round(betweenness[node], 6),
            "pagerank": round(pagerank[node], 6),
            "community": community[node],
            "uri": node,
        }
        for node, data in graph.nodes(data=True)
    ]
    if sort not in MEASURES:
        raise KGError(f"cannot sort by {sort!r}; the measures are {', '.join(MEASURES)}")
    return sorted(rows, key=lambda r: (-r[sort], -r["pagerank"], r["name"]))


NETWORKS = {
    "co_attendance": co_attendance_graph,
    "unit_item": unit_item_graph,
}
"""The networks ``kg analyze`` computes, by name."""


def community_rows(rows: list[dict], shown: int = 8) -> list[dict]:
    """One row per community of centrality ``rows``: its size and its members by PageRank."""
    groups: dict[int, list[str]] = {}
    for row in sorted(rows, key=lambda r: (-r["pagerank"], r["name"])):
        groups.setdefault(row["community"], []).append(row["name"])
    return [
        {
            "community": n,
            "size": len(names),
            "members": "、".join(names[:shown]) + ("…" if len(names) > shown else ""),
        }
        for n, names in sorted(groups.items())
    ]


def figures(graph: nx.MultiDiGraph, sort: str = "pagerank") -> dict[str, tuple[nx.Graph, list[dict]]]:
    """``{name: (network, centrality rows by sort)}`` for every network of :data:`NETWORKS`."""
    out = {}
    for name, build in NETWORKS.items():
        network = build(graph)
        out[name] = (network, centrality(network, sort))
    return out


def network_sections(found: dict[str, tuple[nx.Graph, list[dict]]], top: int | None = None) -> list[Section]:
    """Per network: the ``top`` nodes (in the order of the rows), then its communities."""
    sections = []
    for name, (network, rows) in found.items():
        size = f"{network.number_of_nodes()} nodes, {network.number_of_edges()} edges"
        sections.append(Section(f"{name} network ({size})", rows[:top]))
        sections.append(Section(f"{name} communities", community_rows(rows)))
    return sections


def analyze_graph(graph: nx.MultiDiGraph, top: int | None = None, sort: str = "pagerank") -> Tables:
    """For each network of :data:`NETWORKS`: its nodes' figures (the ``top`` by ``sort``) and communities."""
    return Tables("Networks", network_sections(figures(graph, sort), top))


def analyze(store=None, *, top: int | None = None, sort: str = "pagerank", filters=None) -> Tables:
    """The networks of the loaded graph (``store`` a Store or its path), as titled tables, nodes by
    ``sort`` (:data:`MEASURES`); ``filters`` (:class:`kg.scope.Filters`) keep the meetings they let
    through."""
    from kg.projection import store_graph
    from kg.scope import scoped

    with scoped(store, filters) as st:
        graph = store_graph(st, NETWORK_PREDICATES)
    return analyze_graph(graph, top, sort)
