"""The embedded on-disk store: Oxigraph through pyoxigraph, one named graph per source document.

No server: the store is a folder (``--store PATH``, else ``$KG_STORE``, else ``.kg/store`` in the
current directory). Each source document's facts live in the named graph of its IRI, together with
its content hash, so the store is its own registry of what was loaded: an unchanged file is a no-op,
a changed file's graph is replaced in one transaction (a SPARQL update ``DROP GRAPH`` + ``INSERT
DATA``, which Oxigraph applies atomically), and a document can be withdrawn whole. New documents go
in faster, by Oxigraph's bulk loader, with the content hash written last as the mark that they are
complete (:meth:`Store.add_new`).

>>> store = Store(None)            # in memory, for examples; kg always opens a path
>>> store.documents()
{}
"""

from __future__ import annotations

import os
from collections.abc import Iterator, Mapping
from pathlib import Path

import pyoxigraph as ox
import rdflib

from loaders.errors import KGError
from loaders.rdf import Statements
from loaders.rdf import rdflib_term as _rdflib
from ontology import MKG

DEFAULT_STORE = Path(".kg") / "store"
"""Where the store lives when neither ``--store`` nor ``KG_STORE`` says otherwise."""

Document = Statements | rdflib.Graph | tuple[rdflib.URIRef, list[tuple]]
"""What the store writes: :class:`loaders.rdf.Statements` (what ``kg load`` builds), an rdflib graph,
or a graph's IRI with its rdflib triples."""

_MARK = f"<{MKG.contentHash}>"


_DOCUMENTS = """
PREFIX mkg: <https://w3id.org/minutes-kg/ns#>
SELECT ?g ?file ?hash WHERE {
  GRAPH ?g { ?g a mkg:SourceDocument ; mkg:sourceFile ?file . OPTIONAL { ?g mkg:contentHash ?hash } }
}
"""


class StoreError(KGError):
    """The store cannot be opened or written (locked by another process, not a store, disk full)."""


class QueryError(KGError):
    """A SPARQL query the store cannot parse or run."""


def store_path(path: str | os.PathLike | None = None) -> Path:
    """The store's folder: the path given, else ``$KG_STORE``, else ``.kg/store`` here.

    >>> str(store_path("/tmp/x"))
    '/tmp/x'
    """
    return Path(path or os.environ.get("KG_STORE") or DEFAULT_STORE)


class Store:
    """One Oxigraph store on disk; ``Store(None)`` is an in-memory one for examples and benches."""

    def __init__(self, path: str | os.PathLike | None):
        self.path = None if path is None else Path(path)
        try:
            if self.path is None:
                self._ox = ox.Store()
            else:
                self.path.mkdir(parents=True, exist_ok=True)
                self._ox = ox.Store(str(self.path))
        except OSError as error:
            problem = _first_line(error)
            raise StoreError(f"{path}: cannot open the store ({problem}); is another kg using it?") from None

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc) -> None:
        self.close()

    def close(self) -> None:
        """Write everything to disk and let go of the folder's lock."""
        if self.path is not None:
            self._ox.flush()
        del self._ox

    # --- the registry of documents ------------------------------------------------------------

    def documents(self) -> dict[str, dict]:
        """``{file name: {"graph": IRI, "hash": content hash or None}}`` of every loaded document."""
        return {
            row["file"].value: {"graph": row["g"].value, "hash": row["hash"].value if row["hash"] else None}
            for row in self._ox.query(_DOCUMENTS)
        }

    def content_hash(self, graph: str) -> str | None:
        """The hash recorded for the document in ``graph``, or None when it is not loaded."""
        node = ox.NamedNode(graph)
        for quad in self._ox.quads_for_pattern(node, ox.NamedNode(str(MKG.contentHash)), None, node):
            return quad.object.value
        return None

    # --- writing ------------------------------------------------------------------------------

    def replace(self, graph: rdflib.Graph) -> int:
        """Put ``graph`` in place of the named graph of the same identifier, in one transaction.

        Returns the number of triples written.
        """
        return self.replace_many([graph])

    def replace_many(self, documents: list[Document]) -> int:
        """Put each document in place of its named graph, all in one transaction.

        A document is :class:`loaders.rdf.Statements`, an rdflib graph (named by its identifier) or
        a pair ``(graph IRI, rdflib triples)``. When none of them is in the store yet, the quads go
        in with one ``load`` (a transaction of its own); otherwise one SPARQL update drops and
        inserts each graph, which Oxigraph also applies as one transaction. Terms are written by
        pyoxigraph (which escapes literals) or by :mod:`loaders.iris` (which percent-encodes IRIs),
        and Oxigraph's parser checks them again: user text is never formatted into the update.
        Returns the number of triples written.
        """
        try:
            named = [_statements(d) for d in documents]
            if any(self._ox.contains_named_graph(ox.NamedNode(n.graph)) for n in named):
                self._ox.update(" ;\n".join(map(_replacement, named)))
            else:
                self._ox.load("".join(_nquads(named)), ox.RdfFormat.N_QUADS)
        except (OSError, SyntaxError, ValueError) as error:
            which = ", ".join(_statements_name(d) for d in documents)
            raise StoreError(f"{self.path}: cannot write {which} ({_first_line(error)})") from None
        return sum(len(n.triples) for n in named)

    def add_new(self, documents: list[Document]) -> int:
        """Write documents that are not in the store yet, the fast way; returns the triples written.

        The facts go in as N-Quads through ``bulk_load`` (about three times faster than a
        transaction, but not one), then every document's ``mkg:contentHash`` with one small ``load``
        (a transaction): the hash
        is the mark that a document is complete. If the bulk write fails, the graphs are removed
        again; if the process dies between the two writes, the documents are there without their
        hash, so the next load takes them for changed files and replaces them, atomically.
        """
        try:
            named = [_statements(d) for d in documents]
        except ValueError as error:
            raise StoreError(f"{self.path}: cannot write {_first_line(error)}") from None
        names = [ox.NamedNode(n.graph) for n in named]
        if any(self._ox.contains_named_graph(n) for n in names):
            return self.replace_many(documents)
        try:
            facts, marks = _nquads(named)
            self._ox.bulk_load(facts, ox.RdfFormat.N_QUADS)
            self._ox.load(marks, ox.RdfFormat.N_QUADS)
        except (OSError, SyntaxError, ValueError) as error:
            for n in names:
                self._ox.remove_graph(n)
            which = ", ".join(n.value for n in names)
            raise StoreError(f"{self.path}: cannot write {which} ({_first_line(error)})") from None
        return sum(len(n.triples) for n in named)

    def has_graph(self, graph: str) -> bool:
        """Whether the named graph ``graph`` holds anything."""
        return self._ox.contains_named_graph(ox.NamedNode(graph))

    def remove(self, graph: str) -> bool:
        """Withdraw the named graph ``graph`` whole; False when there was no such graph."""
        node = ox.NamedNode(graph)
        if not self._ox.contains_named_graph(node):
            return False
        self._ox.remove_graph(node)
        return True

    # --- reading ------------------------------------------------------------------------------

    def quads(self, graph: str | None = None) -> Iterator[ox.Quad]:
        """Every quad of the document graphs (or of one), as pyoxigraph quads, for the projection."""
        name = None if graph is None else ox.NamedNode(graph)
        for quad in self._ox.quads_for_pattern(None, None, None, name):
            if not isinstance(quad.graph_name, ox.DefaultGraph):
                yield quad

    def __len__(self) -> int:
        """The number of quads (kg writes only to named graphs, never to the default graph)."""
        return len(self._ox)

    def query(self, sparql: str, params: Mapping[str, object] | None = None):
        """Run a SPARQL query over the union of all document graphs.

        ``params`` binds variables (``{"name": "陈明远"}`` binds ``?name``) through Oxigraph's
        substitutions, so user text never becomes part of the query. Plain strings bind as
        literals; rdflib terms keep their kind.
        """
        try:
            substitutions = {ox.Variable(k): _param(v) for k, v in (params or {}).items()}
        except ValueError as error:
            raise QueryError(f"a query parameter is not a valid term: {_first_line(error)}") from None
        try:
            return self._ox.query(sparql, use_default_graph_as_union=True, substitutions=substitutions)
        except SyntaxError as error:
            raise QueryError(f"the SPARQL query does not parse: {_first_line(error)}") from None
        except (OSError, RuntimeError, ValueError) as error:
            raise QueryError(f"the SPARQL query failed: {_first_line(error)}") from None

    def graph(self, name: str | None = None) -> rdflib.Graph:
        """One document's graph, or the union of all of them, as an rdflib graph (for pyshacl and
        serialisers)."""
        graph = rdflib.Graph(identifier=name and rdflib.URIRef(name))
        graph += ((_rdflib(q.subject), _rdflib(q.predicate), _rdflib(q.object)) for q in self.quads(name))
        return graph


def _statements(document: Document) -> Statements:
    """Any document as N-Triples terms; rdflib terms are written by pyoxigraph (which checks IRIs and
    escapes literals), each distinct term once."""
    if isinstance(document, Statements):
        return document
    name, triples = (document.identifier, document) if isinstance(document, rdflib.Graph) else document
    term: dict = {}

    def text(t) -> str:
        if t not in term:
            term[t] = str(_ox(t))
        return term[t]

    return Statements(str(name), [(text(s), text(p), text(o)) for s, p, o in triples])


def _statements_name(document: Document) -> str:
    if isinstance(document, Statements):
        return document.graph
    return str(document.identifier if isinstance(document, rdflib.Graph) else document[0])


def _nquads(documents: list[Statements]) -> tuple[str, str]:
    """The documents' triples in their graphs as N-Quads, for Oxigraph's Rust parser to read: the
    facts, and apart from them the content hashes (the marks that a document is complete)."""
    facts, marks = [], []
    for document in documents:
        graph = f"<{document.graph}> .\n"
        for s, p, o in document.triples:
            (marks if p == _MARK else facts).append(f"{s} {p} {o} {graph}")
    return "".join(facts), "".join(marks)


def _replacement(document: Statements) -> str:
    name = f"<{document.graph}>"
    data = "".join(f"{s} {p} {o} .\n" for s, p, o in document.triples)
    return f"DROP SILENT GRAPH {name} ;\nINSERT DATA {{ GRAPH {name} {{\n{data}}} }}"


def _ox(term) -> ox.NamedNode | ox.Literal:
    """An rdflib term as a pyoxigraph term (our graphs hold no blank nodes)."""
    if isinstance(term, rdflib.URIRef):
        return ox.NamedNode(str(term))
    if isinstance(term, rdflib.Literal):
        if term.language:
            return ox.Literal(str(term), language=term.language)
        if term.datatype:
            return ox.Literal(str(term), datatype=ox.NamedNode(str(term.datatype)))
        return ox.Literal(str(term))
    raise StoreError(f"cannot store the term {term!r}: only IRIs and literals are expected")


def _param(value) -> ox.NamedNode | ox.Literal:
    if isinstance(value, rdflib.term.Identifier):
        return _ox(value)
    if isinstance(value, bool | int | float):
        return _ox(rdflib.Literal(value))
    return ox.Literal(str(value))


def _first_line(error: Exception) -> str:
    return (str(error).strip().splitlines() or [type(error).__name__])[0]
