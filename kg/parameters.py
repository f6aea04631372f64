"""Query parameters bound into SPARQL text, for a server and the embedded store alike.

A SPARQL server takes only the query's text; Oxigraph's own substitutions join the values after
the whole pattern is evaluated (a name looked up that way read every label of the store). So
:func:`bind` writes each value in place of its
variable, as Jena's ``ParameterizedSparqlString`` does: a token of the query that is the variable
(never one inside a string, an IRI or a comment) becomes the value written by pyoxigraph, whose
terms escape what they hold (a quote or a newline in a name cannot end the literal). Where the
grammar takes a variable and no value - the projection of a SELECT, an ORDER BY or GROUP BY - the
value goes in as ``(value AS ?name)`` or ``(value)``, so the answer has the same columns as the
embedded store's; a subquery no longer projects it (the value is in it already).

The saved questions' optional filters read ``FILTER(COALESCE(?since, "") = "" || …)``: bound, the
test is a constant, and it is written as one (``true`` or ``false``), because a server's optimiser
folds ``true || …`` and skips the rest, where it evaluates ``"" = "" || EXISTS {…}`` for every row
(Oxigraph's server answered five questions 17-56 times slower than the embedded store that way).

>>> import pyoxigraph as ox
>>> bind('SELECT ?who WHERE { ?p <urn:name> ?who } ORDER BY ?who', {"who": ox.Literal('李"四')})
'SELECT ("李\\\\"四" AS ?who) WHERE { ?p <urn:name> "李\\\\"四" } ORDER BY ("李\\\\"四")'
>>> bind('SELECT ?p ?who WHERE { { SELECT ?p ?who WHERE { ?p <urn:name> ?who } } }', {"who": ox.Literal("x")})
'SELECT ?p ("x" AS ?who) WHERE { { SELECT ?p  WHERE { ?p <urn:name> "x" } } }'
>>> bind('SELECT ?x WHERE { ?x <urn:p> "?who" } # ?who', {"who": ox.Literal("x")})
'SELECT ?x WHERE { ?x <urn:p> "?who" } # ?who'
>>> bind('SELECT * { ?d <urn:p> 1 FILTER(COALESCE(?on, "") = "" || ?d >= ?on) }', {"on": ox.Literal("")})
'SELECT * { ?d <urn:p> 1 FILTER(true || ?d >= "") }'
>>> bind('SELECT ?p { BIND(STRLANG(?who, "zh") AS ?l) ?p <urn:name> ?l }', {"who": ox.Literal('王"五')})
'SELECT ?p { BIND("王\\\\"五"@zh AS ?l) ?p <urn:name> ?l }'
"""

from __future__ import annotations

import re
from collections.abc import Mapping

import pyoxigraph as ox

_TOKENS = re.compile(
    r"""(?P<skip>'''(?:'{0,2}(?:[^'\\]|\\.))*'''|\"\"\"(?:"{0,2}(?:[^"\\]|\\.))*\"\"\""""
    r"""|'(?:[^'\\\n\r]|\\.)*'|"(?:[^"\\\n\r]|\\.)*"|<[^<>"{}|^`\\\x00-\x20]*>|\#[^\n]*)"""
    r"""|(?P<var>[?$][A-Za-z0-9_\u00B7\u00C0-\uFFFF]+)"""
    r"""|(?P<word>\b(?:SELECT|WHERE|BY|HAVING|LIMIT|OFFSET|VALUES)\b)"""
    r"""|(?P<open>[({])|(?P<close>[)}])""",
    re.IGNORECASE,
)
"""The tokens that matter: what to leave alone (strings, IRIs, comments), variables, the keywords
that open and close a projection or a solution modifier, and brackets."""


_UNSET = re.compile(r'COALESCE\(\s*[?$](\w+)\s*,\s*""\s*\)\s*=\s*""')
"""The test of an optional filter's parameter, which binding makes a constant."""


def fold(query: str, params: Mapping[str, ox.NamedNode | ox.Literal]) -> str:
    """``query`` with the test of each optional filter whose parameter ``params`` binds written as
    the constant it is, which an optimiser folds (``true || ...``) where it evaluated the test per row.

    >>> fold('FILTER(COALESCE(?since, "") = "" || ?d >= ?since)', {"since": ox.Literal("2024")})
    'FILTER(false || ?d >= ?since)'
    """
    values = {name.lstrip("?$"): term for name, term in params.items()}
    return _UNSET.sub(lambda m: m[0] if m[1] not in values else str(values[m[1]] == _EMPTY).lower(), query)


_EMPTY = ox.Literal("")


def bind(query: str, params: Mapping[str, ox.NamedNode | ox.Literal]) -> str:
    """``query`` with each variable of ``params`` replaced by its value (see the module's doc)."""
    if not params:
        return query
    values = {name.lstrip("?$"): str(term) for name, term in params.items()}
    query = fold(query, params)
    out, at, clause, depth, braces = [], 0, None, 0, 0
    for token in _TOKENS.finditer(query):
        kind, text = token.lastgroup, token.group()
        if kind == "word":
            word, depth = text.upper(), 0
            clause = {"SELECT": "select" if braces == 0 else "subselect", "BY": "by"}.get(word)
        elif kind == "open":
            depth, braces = depth + 1, braces + (text == "{")
            clause = None if text == "{" else clause
        elif kind == "close":
            depth, braces = depth - 1, braces - (text == "}")
            clause = None if text == "}" else clause
        elif kind == "var" and text[1:] in values:
            before, value = query[at : token.start()], values[text[1:]]
            tagging = _TAGGING.search(before)
            tag = tagging and value.endswith('"') and _TAG.match(query, token.end())
            if tag:
                out.append(before[: tagging.start()] + f"{value}@{tag[1]}")
                at = tag.end()
            else:
                out.append(before + _written(value, text[1:], clause, depth))
                at = token.end()
    return "".join(out) + query[at:]


_TAGGING = re.compile(r"STRLANG\(\s*$", re.IGNORECASE)
_TAG = re.compile(r'\s*,\s*"([A-Za-z]{1,8}(?:-[A-Za-z0-9]{1,8})*)"\s*\)')
"""``STRLANG(?name, "zh")`` around a bound variable, written as the tagged literal it makes: Oxigraph
looks a constant literal up in its index, but evaluates ``STRLANG`` of a constant against every
label of the store (1.2 s instead of 2 ms at 100,000 minutes)."""


def _written(value: str, name: str, clause: str | None, depth: int) -> str:
    """A value where its variable was: as a column of the outer SELECT, left out of a subquery's
    (the value is in the subquery already, and projecting it too would bind the variable twice),
    bracketed in ORDER BY and GROUP BY, as it is elsewhere."""
    if depth or clause is None:
        return value
    return {"select": f"({value} AS ?{name})", "subselect": "", "by": f"({value})"}[clause]
