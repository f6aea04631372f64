"""Which store ``--store`` names, opened: a folder (:class:`kg.store.Store`, embedded) or a SPARQL
server's URL (:class:`kg.remote.RemoteStore`). One interface, two implementations: every command
opens its store here and does not know which it has.

>>> str(store_path("/tmp/x")), store_path("http://127.0.0.1:7878")
('/tmp/x', 'http://127.0.0.1:7878')
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pyoxigraph as ox

from kg import readonly
from kg.remote import RemoteStore, is_url
from kg.store import Store, Table
from kg.terms import plain

DEFAULT_STORE = Path(".kg") / "store"
"""Where the store lives when neither ``--store`` nor ``KG_STORE`` says otherwise."""


def store_path(path: str | os.PathLike | None = None) -> Path | str:
    """The store's folder, or its server's URL: the one given, else ``$KG_STORE``, else ``.kg/store``."""
    given = path or os.environ.get("KG_STORE") or DEFAULT_STORE
    return str(given) if is_url(str(given)) else Path(given)


@contextmanager
def opened(store, *, write: bool = False, create: bool = False, empty: bool = False) -> Iterator[Store]:
    """The store given, or the one at a path or URL (opened here, and closed again when done).

    Without ``write`` a folder is opened read-only, so reading commands answer (from the last
    complete state) while a load runs. Only ``create`` (``kg load``) may make a new store in a
    folder; every other command needs one that exists. ``empty`` clears what the store holds first
    (``kg load --rebuild``). A server's dataset is always there to read and write.
    """
    if isinstance(store, Store | RemoteStore):
        if empty:
            store.empty()
        yield store
        return
    where = store_path(store)
    if isinstance(where, str):
        st = RemoteStore(where, empty=empty)
    else:
        st = Store(where, create=create, empty=empty, read_only=not (write or create or empty))
    try:
        yield st
    finally:
        st.close()


def sparql(query: str, store=None, params: dict | None = None, *, allow_service: bool = False) -> Table:
    """Answer a SPARQL query over all loaded documents; ``params`` bind variables safely.

    A SELECT gives its variables as columns; ASK one column ``ask``; CONSTRUCT/DESCRIBE the
    columns ``subject``, ``predicate``, ``object``. Values are plain: IRIs and strings as ``str``,
    numbers as numbers. Updates are refused, and so is ``SERVICE`` unless ``allow_service``
    (:mod:`kg.readonly`): a query never changes the store nor reaches out unasked.
    """
    readonly.check(query, allow_service)
    with opened(store) as st:
        answer = st.query(query, params)
        if isinstance(answer, ox.QueryBoolean):
            return Table(["ask"], [[bool(answer)]])
        if isinstance(answer, ox.QuerySolutions):
            columns = [v.value for v in answer.variables]
            return Table(columns, [[plain(row[c]) for c in columns] for row in answer])
        return Table(["subject", "predicate", "object"], [[plain(t[i]) for i in range(3)] for t in answer])
