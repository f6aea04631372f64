"""RDF terms as plain Python values: one definition of which literals become numbers and truth values.

Every reader of the store turns terms into plain data the same way (``kg sparql``, the summaries,
the explorer, the projection Neo4j and the exports take): a number typed ``xsd:integer`` (or one of
its narrower kinds) is an ``int``, a decimal or a double a ``float``, an ``xsd:boolean`` a ``bool``,
and every other literal its text. Dates stay ISO text: they sort and compare as dates do, and read
the same in a terminal, JSON, CSV and a Neo4j property. A literal whose text is not of its datatype
(``"abc"^^xsd:integer``, which the store keeps as it was written) stays its text rather than failing
a whole answer.

>>> import pyoxigraph as ox
>>> number = ox.Literal("7", datatype=ox.NamedNode(XSD + "integer"))
>>> plain(number), plain(ox.Literal("2024-01-05", datatype=ox.NamedNode(XSD + "date")))
(7, '2024-01-05')
>>> literal("0.25", XSD + "decimal"), literal("true", XSD + "boolean"), literal("x", XSD + "int")
(0.25, True, 'x')
"""

from __future__ import annotations

import pyoxigraph as ox

XSD = "http://www.w3.org/2001/XMLSchema#"

INTEGERS = frozenset(
    XSD + t for t in ("integer", "int", "long", "short", "nonNegativeInteger", "positiveInteger")
)
FLOATS = frozenset(XSD + t for t in ("decimal", "double", "float"))


def _boolean(text: str) -> bool:
    if text not in ("true", "false", "1", "0"):
        raise ValueError(text)
    return text in ("true", "1")


CONVERTERS = {**dict.fromkeys(INTEGERS, int), **dict.fromkeys(FLOATS, float), XSD + "boolean": _boolean}
"""Datatype IRI -> the Python type its literals become; a datatype not here stays text."""


def literal(text: str, datatype: str | None):
    """The plain value of a literal's lexical ``text`` of ``datatype`` (an IRI string, or None)."""
    convert = CONVERTERS.get(datatype) if datatype else None
    if convert is None:
        return text
    try:
        return convert(text)
    except ValueError:
        return text


def plain(term):
    """A pyoxigraph query value as plain Python: None, a number or truth value for those datatypes,
    a triple term (a document's reference to a shared fact) in N-Triples syntax, else its text (an
    IRI's or a blank node's too)."""
    if term is None:
        return None
    if isinstance(term, ox.Triple):
        return str(term)
    if isinstance(term, ox.Literal):
        return literal(term.value, term.datatype.value)
    return term.value


def records(solutions) -> list[dict]:
    """The rows of a SELECT's pyoxigraph solutions as dicts of plain values, by variable name.

    >>> records(ox.Store().query('SELECT ?n WHERE { VALUES ?n { 1 "a" } }'))
    [{'n': 1}, {'n': 'a'}]
    """
    names = [v.value for v in solutions.variables]
    return [{n: plain(solution[n]) for n in names} for solution in solutions]
