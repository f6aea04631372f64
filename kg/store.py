"""The embedded on-disk store: Oxigraph through pyoxigraph, one named graph per source document and
one graph of shared entities.

No server: the store is a folder (``--store PATH``, else ``$KG_STORE``, else ``.kg/store`` in the
current directory). What one document alone says (its meeting, items, decisions, directives,
attendance, with their spans) lives in the named graph of the document's IRI, together with its
content hash, so the store is its own registry of what was loaded. What is said about a thing that
documents share (a person, a unit, a named document, a project, a post: :func:`loaders.iris.is_shared`)
is kept once, in the graph :data:`ontology.ENTITIES`; each document's graph lists the shared facts it
states as triple terms (``<doc> mkg:states <<( s p o )>>``), which count as references: a shared fact
goes with the last document that states it. So a plain query over the union of graphs counts each
person once, however many documents name them.

A changed file's graph is replaced in one transaction (one SPARQL update: its shared facts no other
document states are deleted, its graph dropped, the new version inserted), and a document is
withdrawn the same way. New documents go in faster, by Oxigraph's bulk loader, with the content
hash written last as the mark that they are complete (:meth:`Store.add_new`).

>>> store = Store(None)            # in memory, for examples; kg always opens a path
>>> store.documents()
{}
"""

from __future__ import annotations

import os
import re
import time
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from pathlib import Path

import pyoxigraph as ox
import rdflib

from kg.parameters import bind
from loaders import iris
from loaders.errors import KGError
from loaders.rdf import Statements
from loaders.rdf import rdflib_term as _rdflib
from ontology import BOOKKEEPING, ENTITIES, MKG

DECISIONS_FILE = "resolution.json"
"""The reviewed resolution decisions (:mod:`kg.resolve`), a JSON list in the store's folder."""

ALIASES_FILE = "aliases.ttl"
"""A government's own unit aliases, in the store's folder (optional)."""

LAYOUT = 4
"""The layout this kg writes: 4 keeps what the IRI of a shared thing determines (its classes and
labels) with the thing, not a reference to each of those facts in every document that names it;
3 kept the provenance of a fact in the name of its document's graph instead of on every fact
(issue 13); 2 kept shared entities once (issue 9); 1 repeated them in every document's graph. A
store of another layout is refused with a word on how to reload it."""

Document = Statements | rdflib.Graph
"""What the store writes: :class:`loaders.rdf.Statements` (what ``kg load`` builds) or an rdflib graph
named by the document's IRI (what a resolution decision rewrites). Each holds all the document says;
the store decides what of it is shared."""

_MARK = f"<{MKG.contentHash}>"
_STATES = f"<{MKG.states}>"
_ENTITIES = f"<{ENTITIES}>"
_BOOKKEEPING = f"<{BOOKKEEPING}>"
_XSD_INTEGER = "<http://www.w3.org/2001/XMLSchema#integer>"
_LAYOUT_QUAD = f'{_BOOKKEEPING} <{MKG.layout}> "{LAYOUT}"^^{_XSD_INTEGER} {_BOOKKEEPING} .\n'
_LOADING = f'{_BOOKKEEPING} <{MKG.states}> "loading" {_BOOKKEEPING} .\n'
_OWN_GRAPHS = {str(ENTITIES), str(BOOKKEEPING)}


_DOCUMENTS = """
PREFIX mkg: <https://w3id.org/minutes-kg/ns#>
SELECT ?g ?file ?hash WHERE {
  GRAPH ?g { ?g a mkg:SourceDocument ; mkg:sourceFile ?file . OPTIONAL { ?g mkg:contentHash ?hash } }
}
"""


@dataclass
class Table:
    """Rows of a query answer, with the column names in order (also for an empty answer)."""

    columns: list[str]
    rows: list[list]


class StoreError(KGError):
    """The store cannot be opened or written (locked by another process, not a store, disk full)."""


class StoreUnavailable(StoreError):
    """The store cannot be reached at all (a server that does not answer, or refuses kg): nothing can
    be written, so a load stops instead of failing its documents one by one."""


class QueryError(KGError):
    """A SPARQL query the store cannot parse or run."""


def is_store(path: Path) -> bool:
    """Whether ``path`` is a folder an Oxigraph store wrote (RocksDB's ``CURRENT`` and options)."""
    return (path / "CURRENT").is_file() and any(path.glob("OPTIONS-*"))


class Store:
    """One Oxigraph store on disk; ``Store(None)`` is an in-memory one for examples and benches.

    ``create`` lets a new store be made in a folder that does not exist or is empty (``kg load``);
    any other folder that is not a store is refused, so a wrong ``--store`` never writes RocksDB
    files among someone's minutes, and a read command never makes an empty store to answer zeros.
    ``empty`` clears it on opening, before its layout is checked. ``read_only`` takes no lock, so
    any number of readers can work beside one writer (they see what was written before they opened).
    """

    batch_triples = 200_000
    """New documents are written together, up to this many triples at a time (``kg load``): each
    write of Oxigraph's bulk loader builds and ingests a set of files, which RocksDB compacts later,
    so fewer, larger writes cost less (bench/bench_pipeline.py: 200,000 loads a third faster than
    50,000; more gains nothing and holds more in memory). A replaced document is written at once."""

    def __init__(
        self,
        path: str | os.PathLike | None,
        *,
        create: bool = True,
        empty: bool = False,
        read_only: bool = False,
    ):
        self.path = None if path is None else Path(path)
        self.read_only = read_only and self.path is not None
        if self.path is not None:
            _check_folder(self.path, create and not read_only)
        try:
            if self.path is None:
                self._ox = ox.Store()
            elif self.read_only:
                self._ox = _read_only(self.path)
            else:
                self.path.mkdir(parents=True, exist_ok=True)
                self._ox = ox.Store(str(self.path))
        except (OSError, RuntimeError) as error:
            problem = _first_line(error)
            raise StoreError(f"{path}: cannot open the store ({problem}); is another kg using it?") from None
        if empty:
            self.empty()
        self._check_layout()
        if not self.read_only:
            self._recover()

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc) -> None:
        self.close()

    def close(self) -> None:
        """Write everything to disk and let go of the folder's lock."""
        if self.path is not None and not self.read_only:
            self._ox.flush()
        del self._ox

    def empty(self) -> None:
        """Remove every document and the bookkeeping (the decisions and aliases beside it stay)."""
        self._ox.clear()

    def _check_layout(self) -> None:
        """Refuse a store written in another layout: mixing them would count shared things twice."""
        book = ox.NamedNode(str(BOOKKEEPING))
        marks = self._ox.quads_for_pattern(book, ox.NamedNode(str(MKG.layout)), None, book)
        found = [q.object.value for q in marks]
        if found == [str(LAYOUT)]:
            return
        if not found and not any(True for _ in self._ox.named_graphs()):
            return
        which = f"an earlier kg, layout {found[0]}" if found else "an earlier kg, layout 1"
        raise StoreError(
            f"{self.path}: this store was written by {which}; this kg writes layout {LAYOUT}. "
            "Load your minutes again: `kg load --rebuild FILES...` empties it and loads them"
        )

    def _recover(self) -> None:
        """Finish what a killed bulk load left: drop the documents it wrote without their mark of
        completion, then shared facts that no document states (a partial write can leave some)."""
        loading = ox.Quad(*_quad_terms(_LOADING))
        if loading not in self._ox:
            return
        for graph in list(self._ox.named_graphs()):
            if graph.value not in _OWN_GRAPHS and self.content_hash(graph.value) is None:
                self._ox.update(_retraction(graph.value))
        self._ox.update(_ORPHANS)
        self._ox.remove(loading)

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

    def kept(self, name: str) -> str | None:
        """The text kept beside the graph under ``name`` (:data:`DECISIONS_FILE`,
        :data:`ALIASES_FILE`): a file in the store's folder, or None."""
        file = None if self.path is None else self.path / name
        return file.read_text(encoding="utf-8") if file is not None and file.exists() else None

    def keep(self, name: str, text: str) -> None:
        """Keep ``text`` under ``name`` in the store's folder, replacing the file whole."""
        if self.path is None:
            raise StoreError("an in-memory store has no folder to keep decisions in")
        self.path.mkdir(parents=True, exist_ok=True)
        scratch = self.path / f"{name}.tmp"
        scratch.write_text(text, encoding="utf-8")
        os.replace(scratch, self.path / name)

    # --- writing ------------------------------------------------------------------------------

    def replace_many(self, documents: list[Document]) -> int:
        """Put each document in place of its named graph, all in one transaction.

        When none of them is in the store yet, the quads go in with one ``load`` (a transaction of
        its own); otherwise one SPARQL update retracts and inserts each document, which Oxigraph
        also applies as one transaction. Terms are written by pyoxigraph (which escapes literals)
        or by :mod:`loaders.iris` (which percent-encodes IRIs), and Oxigraph's parser checks them
        again: user text is never formatted into the update. Returns the number of triples written.
        """
        try:
            named = [_statements(d) for d in documents]
            if any(self._ox.contains_named_graph(ox.NamedNode(n.graph)) for n in named):
                self._ox.update(" ;\n".join(map(_replacement, named)))
            else:
                facts, marks = _nquads(named)
                self._ox.load(_LAYOUT_QUAD + facts + marks, ox.RdfFormat.N_QUADS)
        except (OSError, SyntaxError, ValueError) as error:
            which = ", ".join(_statements_name(d) for d in documents)
            raise StoreError(f"{self.path}: cannot write {which} ({_first_line(error)})") from None
        return sum(len(n.triples) for n in named)

    def add_new(self, documents: list[Document]) -> int:
        """Write documents that are not in the store yet, the fast way; returns the triples written.

        The facts go in as N-Quads through ``bulk_load`` (about three times faster than a
        transaction, but not one), then every document's ``mkg:contentHash`` with one small ``load``
        (a transaction): the hash is the mark that a document is complete. A mark of a load in
        progress is written before and removed after: if the process dies between, the next open
        drops the documents left without their hash and the shared facts no document states
        (:meth:`_recover`), so the next load writes them whole. If the bulk write fails, the same
        clean-up runs at once.
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
            self._ox.load(_LAYOUT_QUAD + _LOADING, ox.RdfFormat.N_QUADS)
            self._ox.bulk_load(facts, ox.RdfFormat.N_QUADS)
            self._ox.load(marks, ox.RdfFormat.N_QUADS)
            self._ox.remove(ox.Quad(*_quad_terms(_LOADING)))
        except (OSError, SyntaxError, ValueError) as error:
            self._recover()
            which = ", ".join(n.value for n in names)
            raise StoreError(f"{self.path}: cannot write {which} ({_first_line(error)})") from None
        return sum(len(n.triples) for n in named)

    def has_graph(self, graph: str) -> bool:
        """Whether the named graph ``graph`` holds anything."""
        return self._ox.contains_named_graph(ox.NamedNode(graph))

    def remove(self, graph: str) -> bool:
        """Withdraw the document ``graph`` whole, with the shared facts only it stated, in one
        transaction; False when there was no such graph."""
        if not self._ox.contains_named_graph(ox.NamedNode(graph)):
            return False
        self._ox.update(_retraction(graph))
        return True

    # --- reading ------------------------------------------------------------------------------

    def quads(self, predicates=None) -> Iterator[ox.Quad]:
        """The knowledge graph as pyoxigraph quads, for the projection and the exports: what each
        document says of its own, and the shared facts once; the bookkeeping left out. ``predicates``
        (IRIs) keeps only the facts of those properties, read through the store's index: a network
        needs attendance and types, not every quote and offset."""
        states, book = ox.NamedNode(str(MKG.states)), ox.NamedNode(str(BOOKKEEPING))
        wanted = [None] if predicates is None else [ox.NamedNode(str(p)) for p in predicates]
        for predicate in wanted:
            for quad in self._ox.quads_for_pattern(None, predicate, None, None):
                graph = quad.graph_name
                if quad.predicate != states and graph != book and not isinstance(graph, ox.DefaultGraph):
                    yield quad

    def document_quads(self, graph: str | None = None) -> Iterator[ox.Quad]:
        """What each document (or one) says, all of it, as quads in the document's graph, document
        by document: its own facts, the shared facts it states, and what the IRIs of the shared
        things it names determine. The Neo4j sync and the resolution work per document."""
        if graph is not None:
            names = [ox.NamedNode(graph)]
        else:
            names = [g for g in self._ox.named_graphs() if g.value not in _OWN_GRAPHS]
        for name in names:
            yield from self._document(name)

    def _document(self, name: ox.NamedNode, quads=None) -> Iterator[ox.Quad]:
        """:meth:`document_quads` of one graph, from its ``quads`` when they are read already."""
        states, entities = ox.NamedNode(str(MKG.states)), ox.NamedNode(str(ENTITIES))
        things: dict[ox.NamedNode, None] = {}
        for quad in self._ox.quads_for_pattern(None, None, None, name) if quads is None else quads:
            fact = quad.object
            if quad.predicate != states:
                yield quad
            elif isinstance(fact, ox.Triple):
                yield ox.Quad(fact.subject, fact.predicate, fact.object, name)
                continue
            if isinstance(fact, ox.NamedNode) and iris.is_shared(fact.value):
                things[fact] = None
        for thing in things:
            for quad in self._ox.quads_for_pattern(thing, None, None, entities):
                if quad.predicate in _ENTITY_TERMS:
                    yield ox.Quad(thing, quad.predicate, quad.object, name)

    def fact_count(self) -> int:
        """The number of facts in the knowledge graph (what :meth:`quads` yields), counted by the
        store: a shared fact once, the documents' references to it and the bookkeeping not."""
        query = f"""SELECT (COUNT(*) AS ?n) WHERE {{ GRAPH ?g {{ ?s ?p ?o }}
            FILTER(?p != {_STATES} && ?g != {_BOOKKEEPING}) }}"""
        return int(next(iter(self.query(query)))["n"].value)

    def subset(self, graphs: list[str]) -> Store:
        """An in-memory store of only the documents ``graphs``, with the shared facts they state
        (once, in the entities graph), laid out as this one: what a filtered view reads."""
        copy = Store(None)
        copy._ox.extend(self._subset_quads(graphs))
        return copy

    def _subset_quads(self, graphs: list[str]) -> Iterator[ox.Quad]:
        """The documents' graphs as they are, and the shared facts they state or imply, in the
        entities graph (what :meth:`subset` copies)."""
        entities, book = ox.NamedNode(str(ENTITIES)), ox.NamedNode(str(BOOKKEEPING))
        yield from self._ox.quads_for_pattern(None, ox.NamedNode(str(MKG.layout)), None, book)
        for graph in graphs:
            name = ox.NamedNode(graph)
            quads = list(self._ox.quads_for_pattern(None, None, None, name))
            yield from quads
            for quad in self._document(name, quads):
                if iris.is_shared(quad.subject.value):
                    yield ox.Quad(quad.subject, quad.predicate, quad.object, entities)

    def __len__(self) -> int:
        """The number of quads, the references of documents to shared facts and the bookkeeping
        included (kg writes only to named graphs, never to the default graph)."""
        return len(self._ox)

    def query(self, sparql: str, params: Mapping[str, object] | None = None):
        """Run a SPARQL query over the union of all graphs (shared entities once).

        ``params`` binds variables (``{"name": "陈明远"}`` binds ``?name``): each value is written
        by pyoxigraph (which escapes it) in place of its variable's tokens (:func:`kg.parameters.bind`,
        as a SPARQL server gets them), so user text never becomes part of the query. Not Oxigraph's
        substitutions: it joins them after evaluating the pattern, so a look-up of a name read every
        label of the store (1.2 s at 100,000 minutes), where a constant uses the index (2 ms).
        Plain strings bind as literals; rdflib terms keep their kind.
        """
        try:
            terms = {k: _param(v) for k, v in (params or {}).items()}
        except ValueError as error:
            raise QueryError(f"a query parameter is not a valid term: {_first_line(error)}") from None
        try:
            return self._ox.query(bind(sparql, terms), use_default_graph_as_union=True)
        except SyntaxError as error:
            raise QueryError(f"the SPARQL query does not parse: {_first_line(error)}") from None
        except (OSError, RuntimeError, ValueError) as error:
            raise QueryError(f"the SPARQL query failed: {_first_line(error)}") from None

    def graph(self, name: str | None = None) -> rdflib.Graph:
        """What one document says (its own facts and the shared facts it states), or the whole
        knowledge graph, as an rdflib graph (for pyshacl and the serialisers)."""
        quads = self.document_quads(name) if name else self.quads()
        graph = rdflib.Graph(identifier=name and rdflib.URIRef(name))
        graph += ((_rdflib(q.subject), _rdflib(q.predicate), _rdflib(q.object)) for q in quads)
        return graph


def _read_only(path: Path, tries: int = 20) -> ox.Store:
    """Open the store read-only beside a writer: RocksDB reads the files the writer's last manifest
    names, and a writer that opens or compacts just then replaces that manifest, so the open fails
    now and then (Oxigraph calls it undefined); it succeeds on a second try against the new one."""
    for _ in range(tries - 1):
        try:
            return ox.Store.read_only(str(path))
        except (OSError, RuntimeError):
            time.sleep(0.05)
    return ox.Store.read_only(str(path))


_BEGUN = re.compile(
    rf"{re.escape(DECISIONS_FILE)}|{re.escape(ALIASES_FILE)}|LOCK|LOG(\.old\.\d+)?|IDENTITY|CURRENT"
    r"|MANIFEST-\d+|OPTIONS-\d+(\.dbtmp)?|\d+\.(log|sst|dbtmp)"
)
"""What a folder may hold for ``kg load`` to make a store in it: decisions taken beforehand, and the
files RocksDB writes first when a store is begun (a load killed then leaves them)."""


def _check_folder(path: Path, create: bool) -> None:
    """A store folder must be a store; only ``create`` may start one, and only where nothing is but
    the files a store begun and killed before it was whole leaves (RocksDB's own) and decisions."""
    if path.exists() and not path.is_dir():
        raise StoreError(f"{path}: not a store (a file, not a folder); give --store a folder")
    if is_store(path):
        return
    if not create:
        raise StoreError(f"{path}: no store there; load minutes first (`kg load FILES --store {path}`)")
    if path.is_dir() and any(not _BEGUN.fullmatch(p.name) for p in path.iterdir()):
        raise StoreError(f"{path}: not a store, and not empty; give --store a new or empty folder")
    for begun in path.glob("*") if path.is_dir() else ():  # RocksDB will not start over its leftovers
        if begun.name not in (DECISIONS_FILE, ALIASES_FILE):
            begun.unlink()


def _quad_terms(line: str) -> tuple:
    return tuple(next(ox.parse(line, ox.RdfFormat.N_QUADS)))


_ENTITY_PREDICATES = frozenset(
    f"<{p}>" for p in (rdflib.RDF.type, rdflib.RDFS.label, rdflib.SKOS.hiddenLabel)
)
"""What a shared thing's IRI determines (every document that names the thing says the same): kept
with the thing while any document links to it, instead of a reference per fact and document."""

_ENTITY_VALUES = " ".join(sorted(_ENTITY_PREDICATES))
_ENTITY_TERMS = frozenset(ox.NamedNode(p[1:-1]) for p in _ENTITY_PREDICATES)

_ORPHANS = f"""
DELETE {{ GRAPH {_ENTITIES} {{ ?s ?p ?o }} }}
WHERE {{ GRAPH {_ENTITIES} {{ ?s ?p ?o }} FILTER(?p NOT IN ({", ".join(sorted(_ENTITY_PREDICATES))}))
  FILTER NOT EXISTS {{ GRAPH ?g {{ ?d {_STATES} <<( ?s ?p ?o )>> }} }} }} ;
DELETE {{ GRAPH {_ENTITIES} {{ ?s ?p ?o }} }}
WHERE {{ VALUES ?p {{ {_ENTITY_VALUES} }} GRAPH {_ENTITIES} {{ ?s ?p ?o }}
  FILTER NOT EXISTS {{ GRAPH ?g {{ ?x ?y ?s }} FILTER(?g != {_ENTITIES} && ?g != {_BOOKKEEPING}) }} }}
"""


def _retraction(graph: str) -> str:
    """The update that withdraws one document: the shared facts only it states, what the IRIs of the
    shared things only it links to determine, then its graph."""
    g = f"<{graph}>"
    return (
        f"DELETE {{ GRAPH {_ENTITIES} {{ ?s ?p ?o }} }}\n"
        f"WHERE {{ GRAPH {g} {{ {g} {_STATES} <<( ?s ?p ?o )>> }}\n"
        f"  FILTER NOT EXISTS {{ GRAPH ?other {{ ?d {_STATES} <<( ?s ?p ?o )>> }}\n"
        f"    FILTER(?other != {g}) }} }} ;\n"
        f"DELETE {{ GRAPH {_ENTITIES} {{ ?s ?p ?o }} }}\n"
        f"WHERE {{ {{ SELECT DISTINCT ?s {{ GRAPH {g} {{ ?x ?y ?s }} FILTER(isIRI(?s)) }} }}\n"
        f"  VALUES ?p {{ {_ENTITY_VALUES} }} GRAPH {_ENTITIES} {{ ?s ?p ?o }}\n"
        f"  FILTER NOT EXISTS {{ GRAPH ?other {{ ?z ?w ?s }}\n"
        f"    FILTER(?other != {g} && ?other != {_ENTITIES} && ?other != {_BOOKKEEPING}) }} }} ;\n"
        f"DROP SILENT GRAPH {g}"
    )


def _statements(document: Document) -> Statements:
    """Any document as N-Triples terms; rdflib terms are written by pyoxigraph (which checks IRIs and
    escapes literals), each distinct term once."""
    if isinstance(document, Statements):
        return document
    name, triples = document.identifier, document
    term: dict = {}

    def text(t) -> str:
        if t not in term:
            term[t] = str(_ox(t))
        return term[t]

    return Statements(str(name), [(text(s), text(p), text(o)) for s, p, o in triples])


def _statements_name(document: Document) -> str:
    if isinstance(document, Statements):
        return document.graph
    return str(document.identifier)


def _split(document: Statements) -> tuple[list[tuple[str, str, str]], list[str]]:
    """A document's triples for its own graph and, as N-Triples lines, for the entities graph (the
    shared facts).

    Its own graph holds its own facts and a reference to each shared fact it states: a triple term
    for a fact only some documents state (a title, a name as written, a membership), and nothing for
    what a shared thing's IRI determines (:data:`ENTITY_PREDICATES`: its classes, preferred and
    hidden labels), which stays while any document's own facts link to the thing; a thing none of
    them links to (the unit of a membership) gets ``<doc> mkg:states <thing>``."""
    own, shared, things, linked = [], [], {}, set()
    source = f"<{document.graph}>"
    for s, p, o in document.triples:
        if s[0] == "<" and iris.is_shared(s[1:-1]):
            shared.append(f"{s} {p} {o}")
            if p in _ENTITY_PREDICATES:
                things[s] = None
            else:
                own.append((source, _STATES, f"<<( {s} {p} {o} )>>"))
        else:
            own.append((s, p, o))
            linked.add(o)
    own.extend((source, _STATES, thing) for thing in things if thing not in linked)
    return own, shared


def _nquads(documents: list[Statements]) -> tuple[str, str]:
    """The documents' triples in their graphs as N-Quads, for Oxigraph's Rust parser to read: the
    facts (shared ones once), and apart from them the content hashes (the marks that a document is
    complete)."""
    facts, marks, shared = [], [], {}
    for document in documents:
        graph = f" <{document.graph}> .\n"
        own, theirs = _split(document)
        for s, p, o in own:
            (marks if p == _MARK else facts).append(f"{s} {p} {o}{graph}")
        shared.update(dict.fromkeys(theirs))
    entities = f" {_ENTITIES} .\n"
    return "".join(facts) + "".join(line + entities for line in shared), "".join(marks)


def _replacement(document: Statements) -> str:
    own, shared = _split(document)
    name = f"<{document.graph}>"
    data = "".join(f"{s} {p} {o} .\n" for s, p, o in own)
    entities = "".join(line + " .\n" for line in shared)
    return (
        f"{_retraction(document.graph)} ;\n"
        f"INSERT DATA {{ GRAPH {name} {{\n{data}}}\nGRAPH {_ENTITIES} {{\n{entities}}} }}"
    )


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
