"""The library for notebooks: ``import kg`` and work with rows, not with the command line.

Each function takes a store (its folder, or ``None`` for ``$KG_STORE``, else ``.kg/store``) and returns
plain Python: lists of dicts (``pandas.DataFrame(rows)`` reads them as they are), numbers, a networkx
graph. Reading opens the store read-only, so a notebook that keeps reading does not lock ``kg load``
out, and a load running beside it does not stop the notebook (it sees what was written before each
call). ``since``, ``until`` and ``government`` are the filters of the command line
(:class:`kg.scope.Filters`). docs/python.md walks through them.

Nothing heavy is imported until a function is called: ``import kg`` stays quick.
"""

from __future__ import annotations


def _filters(since, until, government):
    from kg.scope import Filters

    return Filters(since, until, government)


def load(paths, store=None, *, workers: int = 1) -> dict[str, int]:
    """Load minutes (files, folders or globs) into the store; how many were loaded, replaced,
    unchanged and failed. A failed file does not stop the others (the CLI prints why)."""
    from kg.pipeline import load as run

    report = run([str(p) for p in ([paths] if isinstance(paths, str) else paths)], store, workers=workers)
    return dict(report.counts())


def query(sparql: str, store=None, **params) -> list[dict]:
    """Rows of a SPARQL SELECT over the whole store, one dict per row; ``params`` bind variables
    (``person="陈明远"`` binds ``?person``; the variable must be in the SELECT clause)."""
    from kg.stores import sparql as run

    table = run(sparql, store, params)
    return [dict(zip(table.columns, row, strict=True)) for row in table.rows]


def ask(question: str, store=None, *, since=None, until=None, government=None, **params) -> list[dict]:
    """Rows of a saved question (``kg ask --list`` names them), e.g. ``ask("unit-directives",
    unit="县发改局", since="2024")``."""
    from kg.questions import ask as run

    table = run(question, "sparql", params | _filters(since, until, government).params(), store)
    return [dict(zip(table.columns, row, strict=True)) for row in table.rows]


def summary(kind: str, name: str, store=None, *, since=None, until=None, government=None) -> dict:
    """What the minutes say about a person, unit, meeting, project or document: ``{"title", "sections":
    [{"title", "rows"}], …}``, the structure ``kg summary --format json`` prints."""
    from kg.summaries import summary as build

    return build(kind, name, store, filters=_filters(since, until, government)).to_dict()


def tables(store=None, *, since=None, until=None, government=None) -> dict[str, list[dict]]:
    """The record as flat tables (meetings, attendance, items, decisions, directives, documents),
    each row with its meeting, date and government: ``kg export --format tables`` as rows."""
    from kg.projection import store_graph
    from kg.scope import scoped
    from kg.tabular import tables as flat

    with scoped(store, _filters(since, until, government)) as st:
        return flat(store_graph(st))


def to_networkx(store=None, *, since=None, until=None, government=None):
    """The property graph (the nodes and edges Neo4j and the exports hold) as a networkx MultiDiGraph;
    nodes carry ``type``, ``label`` and their properties, edges their ``type``."""
    from kg.projection import store_graph
    from kg.scope import scoped

    with scoped(store, _filters(since, until, government)) as st:
        return store_graph(st)
