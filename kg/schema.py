"""What the graph is made of, for a user about to write a query: ``kg schema``.

Read from the vocabulary (``ontology/minutes.ttl``), so it never falls behind: each class with a
SPARQL query that counts it, each property with one that lists a few of its statements, and each
relationship type of the property graph (:mod:`kg.projection`: an object property becomes an
``UPPER_SNAKE`` edge, but for the roles, kinds and outcomes that become properties, and attendance,
which becomes ``ATTENDED``) with a Cypher query that follows it.

>>> rows = schema()
>>> next(r for r in rows if r["name"] == "mkg:Person")["example"]
'SELECT (COUNT(?x) AS ?n) WHERE { ?x a mkg:Person }'
>>> next(r for r in rows if r["name"] == "mkg:Directive")["example"]  # its class follows from its link
'SELECT (COUNT(?x) AS ?n) WHERE { [] mkg:hasDirective ?x }'
>>> next(r for r in rows if r["name"] == "HAS_ITEM")["example"]
'MATCH (a)-[r:HAS_ITEM]->(b) RETURN a.name, b.name LIMIT 5'
"""

from __future__ import annotations

import rdflib
from rdflib.namespace import OWL, RDF, RDFS

from kg.names import local_name
from kg.projection import QUALIFIED, VALUE_CLASSES, edge_type, ontology_graph
from ontology import IMPLIED_CLASSES, MKG

COLUMNS = ["kind", "name", "label", "example"]

_NS = str(MKG._NS)


def schema() -> list[dict]:
    """Rows ``{kind, name, label, example}``: classes, then properties, then edge types."""
    graph = ontology_graph()
    rows = []
    implied = {cls: link for link, cls in IMPLIED_CLASSES.items()}
    for cls in _terms(graph, OWL.Class):
        pattern = (
            f"[] mkg:{local_name(str(implied[cls]))} ?x"
            if cls in implied
            else f"?x a mkg:{local_name(str(cls))}"
        )
        rows.append(_row(graph, "class", cls, f"SELECT (COUNT(?x) AS ?n) WHERE {{ {pattern} }}"))
    properties = _terms(graph, OWL.ObjectProperty) + _terms(graph, OWL.DatatypeProperty)
    for prop in sorted(properties, key=str):
        example = f"SELECT ?s ?o WHERE {{ ?s mkg:{local_name(str(prop))} ?o }} LIMIT 5"
        rows.append(_row(graph, "property", prop, example))
    folded = {MKG.states} | {
        rdflib.URIRef(x) for q in QUALIFIED.values() for x in (q.source, q.target_inverse)
    }
    values = {rdflib.URIRef(c) for c in VALUE_CLASSES}
    edges = {
        edge_type(str(p)): p
        for p in _terms(graph, OWL.ObjectProperty)
        if p not in folded and not set(graph.objects(p, RDFS.range)) & values
    }
    edges.update({q.edge_type: None for q in QUALIFIED.values()})
    for name in sorted(edges):
        example = f"MATCH (a)-[r:{name}]->(b) RETURN a.name, b.name LIMIT 5"
        label = _label(graph, edges[name]) if edges[name] is not None else "a person at a meeting, in a role"
        rows.append({"kind": "edge", "name": name, "label": label, "example": example})
    return rows


def _terms(graph: rdflib.Graph, kind) -> list[rdflib.URIRef]:
    return sorted(t for t in graph.subjects(RDF.type, kind) if str(t).startswith(_NS))


def _row(graph: rdflib.Graph, kind: str, term, example: str) -> dict:
    return {
        "kind": kind,
        "name": f"mkg:{local_name(str(term))}",
        "label": _label(graph, term),
        "example": example,
    }


def _label(graph: rdflib.Graph, term) -> str:
    labels = {lit.language: str(lit) for lit in graph.objects(term, RDFS.label)}
    return " / ".join(filter(None, (labels.get("zh"), labels.get("en"))))
