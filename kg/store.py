"""The embedded on-disk store: Oxigraph through pyoxigraph, one named graph per source document.

No server: the store is a folder (``--store PATH``, else ``$KG_STORE``, else ``.kg/store`` in the
current directory). Each source document's facts live in the named graph of its IRI, together with
its content hash, so the store is its own registry of what was loaded: an unchanged file is a no-op,
a changed file's graph is replaced in one transaction (a SPARQL update ``DROP GRAPH`` + ``INSERT
DATA``, which Oxigraph applies atomically), and a document can be withdrawn whole. New documents go
in faster, by ``bulk_extend``, with the content hash written last as the mark that they are complete
(:meth:`Store.add_new`).

>>> store = Store(None)            # in memory, for examples; kg always opens a path
>>> store.documents()
{}
"""

from __future__ import annotations

import os
from collections.abc import Collection, Iterator, Mapping
from pathlib import Path

import pyoxigraph as ox
import rdflib

from loaders.errors import KGError
from ontology import MKG

DEFAULT_STORE = Path(".kg") / "store"
"""Where the store lives when neither ``--store`` nor ``KG_STORE`` says otherwise."""

Document = rdflib.Graph | tuple[rdflib.URIRef, list[tuple]]
"""What the store writes: an rdflib graph, or a graph's IRI with its triples."""


_XSD_STRING = "http://www.w3.org/2001/XMLSchema#string"
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

        A document is an rdflib graph (named by its identifier) or a pair ``(graph IRI, triples)``
        as :func:`loaders.rdf.to_triples` gives. When none of them is in the store yet, the quads go
        in with one ``extend`` (a transaction of its own); otherwise one SPARQL update drops and
        inserts each graph, which Oxigraph also applies as one transaction. The update's terms are
        serialised by pyoxigraph, which checks IRIs and escapes literals, never formatted by hand.
        Returns the number of triples written.
        """
        named = [_named(d) for d in documents]
        try:
            names = [ox.NamedNode(str(name)) for name, _ in named]
            if any(self._ox.contains_named_graph(n) for n in names):
                self._ox.update(
                    " ;\n".join(_replacement(n, t) for n, (_, t) in zip(names, named, strict=True))
                )
            else:
                term = _Converter()
                pairs = zip(names, named, strict=True)
                self._ox.extend(ox.Quad(term(s), term(p), term(o), n) for n, (_, t) in pairs for s, p, o in t)
        except (OSError, SyntaxError, ValueError) as error:
            which = ", ".join(str(name) for name, _ in named)
            raise StoreError(f"{self.path}: cannot write {which} ({_first_line(error)})") from None
        return sum(len(t) for _, t in named)

    def add_new(self, documents: list[Document]) -> int:
        """Write documents that are not in the store yet, the fast way; returns the triples written.

        The facts go in with ``bulk_extend`` (about three times faster than ``extend``, but not a
        transaction), then every document's ``mkg:contentHash`` with one small ``extend``: the hash
        is the mark that a document is complete. If the bulk write fails, the graphs are removed
        again; if the process dies between the two writes, the documents are there without their
        hash, so the next load takes them for changed files and replaces them, atomically.
        """
        named = [_named(d) for d in documents]
        names = [ox.NamedNode(str(name)) for name, _ in named]
        if any(self._ox.contains_named_graph(n) for n in names):
            return self.replace_many(documents)
        term, facts, marks, mark = _Converter(), [], [], MKG.contentHash
        try:
            for n, (_, triples) in zip(names, named, strict=True):
                for s, p, o in triples:
                    (marks if p == mark else facts).append(ox.Quad(term(s), term(p), term(o), n))
        except ValueError as error:
            raise StoreError(f"{self.path}: cannot write {_first_line(error)}") from None
        try:
            self._ox.bulk_extend(facts)
            self._ox.extend(marks)
        except OSError as error:
            for n in names:
                self._ox.remove_graph(n)
            which = ", ".join(n.value for n in names)
            raise StoreError(f"{self.path}: cannot write {which} ({_first_line(error)})") from None
        return len(facts) + len(marks)

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


def _named(document: Document) -> tuple[rdflib.URIRef, Collection]:
    if isinstance(document, rdflib.Graph):
        return document.identifier, document
    return document


def _replacement(name: ox.NamedNode, graph) -> str:
    term = _Converter()
    data = " .\n".join(f"{term(s)} {term(p)} {term(o)}" for s, p, o in graph)
    return f"DROP SILENT GRAPH {name} ;\nINSERT DATA {{ GRAPH {name} {{\n{data} .\n}} }}"


class _Converter(dict):
    """rdflib -> pyoxigraph terms, each distinct term converted once (types, predicates, persons
    and units recur on every other triple, so this halves the cost of a write)."""

    def __call__(self, term):
        converted = self.get(term)
        if converted is None:
            converted = self[term] = _ox(term)
        return converted


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


def _rdflib(term):
    """A pyoxigraph term as an rdflib term."""
    if isinstance(term, ox.NamedNode):
        return rdflib.URIRef(term.value)
    if isinstance(term, ox.BlankNode):
        return rdflib.BNode(term.value)
    if term.language:
        return rdflib.Literal(term.value, lang=term.language)
    if term.datatype.value == _XSD_STRING:  # RDF 1.1: a simple literal is an xsd:string
        return rdflib.Literal(term.value)
    return rdflib.Literal(term.value, datatype=rdflib.URIRef(term.datatype.value))


def _param(value) -> ox.NamedNode | ox.Literal:
    if isinstance(value, rdflib.term.Identifier):
        return _ox(value)
    if isinstance(value, bool | int | float):
        return _ox(rdflib.Literal(value))
    return ox.Literal(str(value))


def _first_line(error: Exception) -> str:
    return (str(error).strip().splitlines() or [type(error).__name__])[0]
