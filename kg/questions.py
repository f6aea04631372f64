"""Saved questions that both engines answer: ``kg/queries/NAME.rq`` and ``NAME.cypher``.

Each question is a pair of files with the same name: SPARQL over the embedded store, Cypher over
Neo4j. Their first line says what the question asks; ``param:`` lines name its parameters (``param:
step=`` gives one a default). Parameters are bound, never pasted: a term written by pyoxigraph in
place of the variable (:func:`kg.parameters.bind`), Cypher ``$name``. Both files select the same
columns, so the answers can be compared row for row: ``kg ask --all --compare`` runs every question
for every value of its parameters found in the store, on both engines, and lists where they differ
(``--against STORE`` compares the store with another store instead: a folder or a server's URL).

An answer is a set of rows: every question selects DISTINCT on both engines. The store's default
graph is the union of the documents' graphs, so a triple that several documents state (a person's
label, a unit's name) matches once per document, and joins through it would repeat rows that
Neo4j, holding one node, gives once. A question that takes a unit finds it by any of its names
(``rdfs:label``, ``skos:altLabel``, ``skos:hiddenLabel``; in Neo4j ``name``, ``aliases``,
``hidden_label``), since units are labelled with their full names and written with short ones.

>>> q = questions()["meeting-attendance"]
>>> q.params, q.description.startswith("Who chaired")
({'meeting': None}, True)
"""

from __future__ import annotations

import re
from collections import Counter
from contextlib import ExitStack
from dataclasses import dataclass, field
from functools import cache
from importlib.resources import files
from pathlib import Path

from kg.names import nearest
from kg.scope import check_government
from kg.store import Table
from kg.stores import opened, sparql
from loaders.errors import KGError

QUERIES = Path(str(files("kg"))) / "queries"
ENGINES = {"sparql": ".rq", "cypher": ".cypher"}
"""Engine name -> suffix of its query files."""

VALUES = QUERIES / "values"
"""``values/NAME.rq`` lists every value of the parameter NAME in the store, for ``--all``."""


class UnknownQuestion(KGError):
    """A saved question that ``kg/queries`` does not hold."""


class MissingParameter(KGError):
    """A saved question was asked without a parameter it needs."""


@dataclass(frozen=True)
class Question:
    """One saved question: its name, what it asks, and its parameters (name -> default or None)."""

    name: str
    description: str
    params: dict[str, str | None]

    def text(self, engine: str) -> str:
        """The question's query for ``engine``."""
        if engine not in ENGINES:
            raise KGError(f"unknown engine {engine!r}; known: {', '.join(ENGINES)}")
        return (QUERIES / f"{self.name}{ENGINES[engine]}").read_text(encoding="utf-8")


@dataclass
class Answer:
    """A question asked with some parameters, and each engine's answer."""

    question: str
    params: dict[str, str]
    tables: dict[str, Table] = field(default_factory=dict)

    def difference(self) -> dict[str, list] | None:
        """Rows that only one engine gave (``{engine: rows}``), or None when the answers agree."""
        (a, ta), (b, tb) = self.tables.items()
        if ta.columns != tb.columns:
            return {a: [ta.columns], b: [tb.columns]}
        rows_a, rows_b = Counter(map(_row, ta.rows)), Counter(map(_row, tb.rows))
        if rows_a == rows_b:
            return None
        return {
            a: sorted((rows_a - rows_b).elements(), key=repr),
            b: sorted((rows_b - rows_a).elements(), key=repr),
        }


@cache
def questions() -> dict[str, Question]:
    """Every saved question, by name, read from the headers of its two files."""
    found = {}
    for path in sorted(QUERIES.glob("*.rq")):
        found[path.stem] = _question(path)
        twin = _question(path.with_suffix(".cypher"))
        if twin.params != found[path.stem].params:
            raise KGError(f"{twin.name}: the .rq and .cypher files declare different parameters")
    return found


def question(name: str) -> Question:
    """The saved question ``name``, or an error listing the known ones."""
    if name not in questions():
        raise UnknownQuestion(f"no saved question {name!r}; known: {', '.join(questions())}")
    return questions()[name]


def ask(name: str, engine: str = "sparql", params: dict | None = None, store=None, conn=None, db=None):
    """Answer the saved question ``name`` on one engine (the store, or Neo4j through ``conn``).

    Returns a :class:`kg.store.Table`; ``db`` is an open Neo4j driver to reuse. A parameter left at
    its empty default is not echoed as a column. An empty answer to a name the store does not know
    is an :class:`UnknownValue` that offers the nearest names; so is a government the store does
    not know (:class:`kg.scope.BadFilter`).
    """
    q = question(name)
    bound = _bind(q, params or {})
    if engine == "cypher":
        from kg.neo4j.connection import connection
        from kg.neo4j.cypher import cypher

        table = cypher(q.text("cypher"), conn or connection(), bound, db=db)
    else:
        if bound.get("in_government"):
            check_government(bound["in_government"], store)
        table = sparql(q.text(engine), store, bound)
        if not table.rows:
            _check_known(q, bound, store)
    return _without_empty_echoes(table, bound)


class UnknownValue(KGError):
    """A ``--param`` that names no person, unit, meeting, document or post in the store."""


_NAMED = """PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
PREFIX skos: <http://www.w3.org/2004/02/skos/core#>
SELECT ?value ?x WHERE {
  { SELECT ?value ?x WHERE {
      BIND(STRLANG(?value, "zh") AS ?l) ?x rdfs:label|skos:altLabel|skos:hiddenLabel ?l } }
  UNION { ?x rdfs:label|skos:altLabel|skos:hiddenLabel ?value }
} LIMIT 1"""
"""Whether anything is named ``?value``: labels are Chinese (``@zh``), a file's name a plain string;
the literal is looked up, not every name of the store compared with it."""


def _check_known(q: Question, bound: dict, store) -> None:
    """Raise :class:`UnknownValue` for a parameter whose value is no name in the store (any name:
    label, alias or abbreviation), offering the nearest of the parameter's own values."""
    named = {k: v for k, v in bound.items() if v and (VALUES / f"{k}.rq").exists()}
    if not named:
        return
    for param, value in named.items():
        if not sparql(_NAMED, store, {"value": str(value)}).rows:
            values = sparql((VALUES / f"{param}.rq").read_text(encoding="utf-8"), store).rows
            offered = nearest(str(value), [row[0] for row in values])
            hint = f"; did you mean {', '.join(offered)}?" if offered else ""
            raise UnknownValue(f"{q.name}: no {param} named {value!r} in the store{hint}")


def _without_empty_echoes(table: Table, bound: dict) -> Table:
    """The table without the columns that only echo a parameter left empty (``step`` of
    pending-documents when no step is asked for): Oxigraph binds only what a query selects."""
    drop = {i for i, c in enumerate(table.columns) if c in bound and bound[c] == ""}
    if not drop:
        return table
    keep = [i for i in range(len(table.columns)) if i not in drop]
    return Table([table.columns[i] for i in keep], [[row[i] for i in keep] for row in table.rows])


def ask_all(
    store=None, conn=None, engines=("sparql", "cypher"), names=None, params=None, against=None
) -> list[Answer]:
    """Every question (or those ``names``), for every value of its parameters in the store, on each
    of ``engines``; ``params`` (the filters ``since``, ``until``, ``in_government``) go to every
    question that takes them. ``against`` (another store: a folder or a server's URL) answers too,
    under the engine name ``against``, so two stores can be compared as the store and Neo4j are."""
    from kg.neo4j.connection import connection, driver

    conn = conn or connection()
    answers = []
    with opened(store) as st, ExitStack() as stack:
        db = stack.enter_context(driver(conn)) if "cypher" in engines else None
        other = stack.enter_context(opened(against)) if against is not None else None
        for q in [question(n) for n in names] if names else questions().values():
            given = {k: v for k, v in (params or {}).items() if k in q.params}
            for asked in _param_sets(q, st):
                answer = Answer(q.name, asked | given)
                for engine in engines:
                    answer.tables[engine] = ask(q.name, engine, asked | given, st, conn, db)
                if other is not None:
                    answer.tables["against"] = ask(q.name, "sparql", asked | given, other)
                answers.append(answer)
    return answers


def _param_sets(q: Question, store) -> list[dict[str, str]]:
    """One parameter set per value of the question's first parameter without a default."""
    needed = [p for p, default in q.params.items() if default is None]
    defaults = {p: d for p, d in q.params.items() if d is not None}
    if not needed:
        return [defaults]
    (name,) = needed
    values = VALUES / f"{name}.rq"
    if not values.exists():
        raise KGError(f"{values}: missing; it should list the values of the parameter {name!r} of {q.name}")
    table = sparql(values.read_text(encoding="utf-8"), store)
    return [defaults | {name: row[0]} for row in table.rows]


def _bind(q: Question, params: dict) -> dict:
    unknown = set(params) - set(q.params)
    if unknown:
        raise MissingParameter(
            f"{q.name}: unknown parameter {sorted(unknown)[0]!r}; it takes {', '.join(q.params)}"
        )
    bound = {k: d for k, d in q.params.items() if d is not None} | params
    missing = [k for k in q.params if k not in bound]
    if missing:
        raise MissingParameter(f"{q.name}: give --param {missing[0]}=VALUE")
    return bound


def _question(path: Path) -> Question:
    if not path.exists():
        raise KGError(f"{path}: missing; every saved question needs a .rq and a .cypher file")
    header = []
    for line in path.read_text(encoding="utf-8").splitlines():
        comment = re.match(r"(?:#|//)\s?(.*)$", line)
        if not comment:
            break
        header.append(comment.group(1))
    params = {}
    for line in header:
        if line.startswith("param:"):
            name, _, default = line.removeprefix("param:").strip().partition("=")
            params[name] = default if "=" in line else None
    return Question(path.stem, header[0], params)


def _row(row: list) -> tuple:
    """A row in a form both engines give alike: lists sorted, so the order of values doesn't count."""
    return tuple(tuple(sorted(map(str, v))) if isinstance(v, list) else v for v in row)
