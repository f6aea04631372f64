"""The store as a SPARQL 1.1 server: the same interface as :class:`kg.store.Store`, over HTTP.

``--store http://127.0.0.1:7878`` (or ``$KG_STORE``) names a dataset of a server that speaks the
SPARQL 1.1 Protocol and the Graph Store Protocol (Oxigraph's server, Apache Jena Fuseki, GraphDB,
Virtuoso …). The layout is the embedded store's (:mod:`kg.store`, ``docs/rdf.md``): one named graph
per document with its content hash, one graph of shared entities, the bookkeeping graph; so the
queries, the projection and every command run unchanged on either.

Every write is one request, which the server runs as one transaction: new documents go up as one
N-Quads upload to the Graph Store Protocol endpoint (their facts, the shared facts, the content
hashes together), a changed or withdrawn document as one SPARQL update (the retraction and insert
the embedded store runs). A reader never sees half a document, and a load killed midway leaves only
whole documents: nothing to recover, so no machine ever cleans up after another's load in flight.
The resolution decisions and a government's aliases, files beside an embedded store, are literals
in the bookkeeping graph here (:meth:`RemoteStore.kept`), so every machine sees the same ones.

Endpoints follow the common conventions: a dataset with a path (Fuseki's ``…/kg``) has ``/query``,
``/update`` and ``/data`` under it; a server's root (Oxigraph's) has ``/query``, ``/update`` and
``/store``. ``KG_STORE_QUERY``, ``KG_STORE_UPDATE`` and ``KG_STORE_DATA`` set each one instead.

>>> endpoints("http://127.0.0.1:3030/kg")["data"], endpoints("http://127.0.0.1:7878/")["data"]
('http://127.0.0.1:3030/kg/data', 'http://127.0.0.1:7878/store')
>>> shown("http://kg:secret@example.org:3030/kg")
'http://example.org:3030/kg'
"""

from __future__ import annotations

import os
from collections.abc import Iterator, Mapping
from urllib.parse import unquote, urlsplit, urlunsplit

import pyoxigraph as ox
import requests
from requests.adapters import HTTPAdapter
from urllib3.util.retry import Retry

from kg.parameters import bind
from kg.sparqlserver import credentials_for
from kg.store import (
    _BOOKKEEPING,
    _DOCUMENTS,
    _ENTITY_VALUES,
    _LAYOUT_QUAD,
    _STATES,
    ALIASES_FILE,
    DECISIONS_FILE,
    LAYOUT,
    Document,
    QueryError,
    Store,
    StoreError,
    StoreUnavailable,
    _first_line,
    _nquads,
    _param,
    _replacement,
    _retraction,
    _statements,
    _statements_name,
)
from loaders.iris import is_shared
from ontology import BOOKKEEPING, ENTITIES, MKG

ENDPOINT_VARIABLES = {"query": "KG_STORE_QUERY", "update": "KG_STORE_UPDATE", "data": "KG_STORE_DATA"}
"""The environment variables that set an endpoint the conventions do not find."""

RETRY = Retry(
    total=5,
    backoff_factor=0.4,
    status_forcelist=(502, 503, 504),
    allowed_methods=None,
    raise_on_status=False,
)
"""Connection errors and a busy gateway are tried again five times, waiting up to 6.4 s between
(about 12 s in all) before the one line that says the server does not answer.
Every request kg sends may be sent twice: an upload of quads and a retract-and-insert leave the same
dataset however often they run."""

TIMEOUT = (10, 3600)
"""Seconds to connect, and to wait for an answer (a large upload or query takes its time)."""

_RESULTS = "application/sparql-results+json, application/n-triples;q=0.9"
_RDF_VALUE = "http://www.w3.org/1999/02/22-rdf-syntax-ns#value"
_OWN = f"FILTER(?g != {_BOOKKEEPING} && ?g != <{ENTITIES}>)"


def is_url(store) -> bool:
    """Whether ``--store`` names a server (an ``http(s)://`` URL) rather than a folder.

    >>> is_url("https://example.org/kg"), is_url(".kg/store"), is_url(None)
    (True, False, False)
    """
    return isinstance(store, str) and store.lower().startswith(("http://", "https://"))


def shown(url: str) -> str:
    """The URL without its user name and password: what every message prints."""
    parts = urlsplit(url)
    host = parts.hostname or ""
    netloc = host + (f":{parts.port}" if parts.port else "")
    return urlunsplit((parts.scheme, netloc, parts.path, parts.query, parts.fragment))


def endpoints(url: str) -> dict[str, str]:
    """The query, update and Graph Store Protocol endpoints of the dataset at ``url``: the
    ``KG_STORE_*`` variables where set, else the conventions of Fuseki (a dataset path) and
    Oxigraph (a server's root)."""
    base = shown(url).rstrip("/")
    data = "/data" if urlsplit(base).path else "/store"
    found = {"query": f"{base}/query", "update": f"{base}/update", "data": base + data}
    return {key: os.environ.get(variable) or found[key] for key, variable in ENDPOINT_VARIABLES.items()}


def credentials(url: str) -> tuple[str, str] | None:
    """Who kg is to the server: the URL's user and password, else ``KG_STORE_USER`` and
    ``KG_STORE_PASSWORD``, else those kept for a server ``kg sparql-server start`` runs there."""
    parts = urlsplit(url)
    if parts.username is not None:
        return unquote(parts.username), unquote(parts.password or "")
    user, password = os.environ.get("KG_STORE_USER"), os.environ.get("KG_STORE_PASSWORD")
    if user or password:
        return user or "", password or ""
    return credentials_for(shown(url))


class RemoteStore:
    """The dataset of a SPARQL server, used as :class:`kg.store.Store` is (see the module's doc).

    Opening checks that the server answers, that it queries the union of the named graphs by
    default (every query of kg is written for that), and that the dataset holds kg's layout.
    ``empty`` drops everything first (``kg load --rebuild``), the decisions and aliases kept in it
    apart, in the same update.
    """

    batch_triples = 20_000
    """New documents go up together, up to this many triples in one upload (``kg load``): the server
    holds a transaction in memory until it commits, and a load killed midway loses one batch."""

    def __init__(self, url: str, *, empty: bool = False):
        self.url = shown(url)
        self.endpoints = endpoints(url)
        self._session = requests.Session()
        self._session.auth = credentials(url)
        adapter = HTTPAdapter(max_retries=RETRY)
        self._session.mount("http://", adapter)
        self._session.mount("https://", adapter)
        try:
            if empty:
                self.empty()
            self._check_union()
            self._check_layout()
        except StoreError:
            self.close()
            raise

    def __enter__(self) -> RemoteStore:
        return self

    def __exit__(self, *exc) -> None:
        self.close()

    def __repr__(self) -> str:
        return f"RemoteStore({self.url!r})"

    def close(self) -> None:
        """Let go of the connections (the server keeps everything; there is nothing to flush)."""
        self._session.close()

    # --- HTTP ---------------------------------------------------------------------------------

    def _send(self, endpoint: str, body: str, content_type: str, accept: str | None = None):
        headers = {"Content-Type": f"{content_type}; charset=utf-8"}
        if accept:
            headers["Accept"] = accept
        try:
            answer = self._session.post(
                self.endpoints[endpoint], data=body.encode("utf-8"), headers=headers, timeout=TIMEOUT
            )
        except requests.ConnectionError as error:
            reason = "connection refused" if "refused" in str(error).lower() else "no connection"
            raise StoreUnavailable(
                f"{self.url}: no SPARQL server answers there ({reason}); is it running? "
                "(`kg sparql-server status`)"
            ) from None
        except requests.RequestException as error:
            raise StoreUnavailable(f"{self.url}: the request failed ({type(error).__name__})") from None
        if answer.status_code in (401, 403):
            raise StoreUnavailable(
                f"{self.url}: refused the credentials ({answer.status_code}); "
                "set KG_STORE_USER/KG_STORE_PASSWORD"
            )
        if answer.status_code >= 400:
            said = _first_line(Exception(answer.text)) if answer.text.strip() else answer.reason
            error = QueryError if endpoint == "query" else StoreError
            raise error(f"{self.url}: the server answered {answer.status_code} to the {endpoint}: {said}")
        return answer

    def _update(self, update: str) -> None:
        self._send("update", update, "application/sparql-update")

    def _select(self, query: str) -> ox.QuerySolutions:
        return self.query(query)

    def _ask(self, query: str) -> bool:
        return bool(self.query(query))

    # --- opening ------------------------------------------------------------------------------

    def empty(self) -> None:
        """Drop every graph, the kept decisions and aliases apart (put back in the same update)."""
        kept = [self.kept(name) for name in _KEPT]
        again = "".join(_kept_quad(name, text) for name, text in zip(_KEPT, kept, strict=True) if text)
        self._update("DROP ALL" + (f" ;\nINSERT DATA {{ {again} }}" if again else ""))

    def _check_union(self) -> None:
        """Refuse a server that does not query the union of the named graphs by default."""
        one = "SELECT ?s ?p ?o WHERE { GRAPH ?g { ?s ?p ?o } } LIMIT 1"
        if self._ask(f"ASK {{ {{ {one} }} FILTER NOT EXISTS {{ ?s ?p ?o }} }}"):
            raise StoreError(
                f"{self.url}: the server does not query the union of the named graphs by default; "
                "turn it on (Oxigraph: `oxigraph serve --union-default-graph`; Fuseki/TDB2: "
                "`tdb2:unionDefaultGraph true` in the dataset's configuration)"
            )

    def _check_layout(self) -> None:
        """Refuse a dataset written in another layout, as the embedded store does."""
        book = _BOOKKEEPING
        marks = self._select(f"SELECT ?l WHERE {{ GRAPH {book} {{ {book} <{MKG.layout}> ?l }} }}")
        found = [row["l"].value for row in marks]
        if found == [str(LAYOUT)] or (not found and not self.documents()):
            return
        which = f"layout {found[0]}" if found else "an earlier kg, layout 1"
        raise StoreError(
            f"{self.url}: this dataset was written by {which}; this kg writes layout {LAYOUT}. "
            "Load your minutes again: `kg load --rebuild FILES...` empties it and loads them"
        )

    # --- the registry of documents ------------------------------------------------------------

    def documents(self) -> dict[str, dict]:
        """``{file name: {"graph": IRI, "hash": content hash or None}}`` of every loaded document."""
        return {
            row["file"].value: {"graph": row["g"].value, "hash": row["hash"].value if row["hash"] else None}
            for row in self._select(_DOCUMENTS)
        }

    def content_hash(self, graph: str) -> str | None:
        """The hash recorded for the document in ``graph``, or None when it is not loaded."""
        g = str(ox.NamedNode(graph))
        rows = self._select(f"SELECT ?h WHERE {{ GRAPH {g} {{ {g} <{MKG.contentHash}> ?h }} }}")
        return next((row["h"].value for row in rows), None)

    def kept(self, name: str) -> str | None:
        """The text kept under ``name`` (the resolution decisions, a government's aliases), or None."""
        subject = str(_kept_subject(name))
        rows = self._select(f"SELECT ?v WHERE {{ GRAPH {_BOOKKEEPING} {{ {subject} <{_RDF_VALUE}> ?v }} }}")
        return next((row["v"].value for row in rows), None)

    def keep(self, name: str, text: str) -> None:
        """Keep ``text`` under ``name`` in the bookkeeping graph, in place of what was there."""
        subject = str(_kept_subject(name))
        self._update(
            f"DELETE WHERE {{ GRAPH {_BOOKKEEPING} {{ {subject} <{_RDF_VALUE}> ?v }} }} ;\n"
            f"INSERT DATA {{ {_kept_quad(name, text)} }}"
        )

    # --- writing ------------------------------------------------------------------------------

    def add_new(self, documents: list[Document]) -> int:
        """Write documents that are not in the dataset yet: one N-Quads upload, one transaction on
        the server (facts, shared facts and content hashes together). A document already there is
        replaced instead (:meth:`replace_many`)."""
        try:
            named = [_statements(d) for d in documents]
        except ValueError as error:
            raise StoreError(f"{self.url}: cannot write {_first_line(error)}") from None
        if self._any_loaded(named):
            return self.replace_many(documents)
        facts, marks = _nquads(named)
        self._send("data", _LAYOUT_QUAD + facts + marks, "application/n-quads")
        return sum(len(n.triples) for n in named)

    def replace_many(self, documents: list[Document]) -> int:
        """Put each document in place of its named graph, all in one SPARQL update (one transaction
        on the server); returns the number of triples written."""
        try:
            named = [_statements(d) for d in documents]
        except ValueError as error:
            which = ", ".join(_statements_name(d) for d in documents)
            raise StoreError(f"{self.url}: cannot write {which} ({_first_line(error)})") from None
        if not self._any_loaded(named):
            return self.add_new(documents)
        self._update(" ;\n".join(map(_replacement, named)))
        return sum(len(n.triples) for n in named)

    def _any_loaded(self, named) -> bool:
        graphs = " ".join(str(ox.NamedNode(n.graph)) for n in named)
        return self._ask(f"ASK {{ VALUES ?g {{ {graphs} }} GRAPH ?g {{ ?s ?p ?o }} }}")

    def has_graph(self, graph: str) -> bool:
        """Whether the named graph ``graph`` holds anything."""
        return self._ask(f"ASK {{ GRAPH {ox.NamedNode(graph)} {{ ?s ?p ?o }} }}")

    def remove(self, graph: str) -> bool:
        """Withdraw the document ``graph`` whole, with the shared facts only it stated, in one
        update; False when there was no such graph."""
        if not self.has_graph(graph):
            return False
        self._update(_retraction(ox.NamedNode(graph).value))
        return True

    # --- reading ------------------------------------------------------------------------------

    def quads(self, predicates=None) -> Iterator[ox.Quad]:
        """The knowledge graph as pyoxigraph quads (see :meth:`kg.store.Store.quads`): what each
        document says of its own and the shared facts once, the bookkeeping left out; ``predicates``
        keeps only the facts of those properties."""
        wanted = ""
        if predicates is not None:
            wanted = "VALUES ?p { " + " ".join(str(ox.NamedNode(str(p))) for p in predicates) + " }"
        query = f"""SELECT ?s ?p ?o ?g WHERE {{ {wanted} GRAPH ?g {{ ?s ?p ?o }}
            FILTER(?p != {_STATES} && ?g != {_BOOKKEEPING}) }}"""
        for row in self._select(query):
            yield ox.Quad(row["s"], row["p"], row["o"], row["g"])

    def document_quads(self, graph: str | None = None) -> Iterator[ox.Quad]:
        """What each document (or one) says, all of it, as quads in the document's graph: its own
        facts, the shared facts it states, and what the IRIs of the shared things it names
        determine (see :meth:`kg.store.Store.document_quads`)."""
        for s, p, o, g in self._document_rows(graph):
            if p.value != str(MKG.states):
                yield ox.Quad(s, p, o, g)
            elif isinstance(o, ox.Triple):
                yield ox.Quad(o.subject, o.predicate, o.object, g)

    def _subset_quads(self, graphs: list[str]) -> Iterator[ox.Quad]:
        entities = ox.NamedNode(str(ENTITIES))
        yield ox.Quad(*next(ox.parse(_LAYOUT_QUAD, ox.RdfFormat.N_QUADS)))
        for graph in graphs:
            for s, p, o, g in self._document_rows(graph):
                if is_shared(s.value):  # what a shared thing's IRI determines: no graph holds it
                    yield ox.Quad(s, p, o, entities)
                    continue
                yield ox.Quad(s, p, o, g)
                if p.value == str(MKG.states) and isinstance(o, ox.Triple):
                    yield ox.Quad(o.subject, o.predicate, o.object, entities)

    def _document_rows(self, graph: str | None) -> Iterator[tuple]:
        """The quads of each document's graph (or one) as they are, references included, and the
        facts the IRIs of the shared things it links to determine, in one query."""
        which = "" if graph is None else f"VALUES ?g {{ {ox.NamedNode(graph)} }}"
        query = f"""SELECT ?s ?p ?o ?g WHERE {{ {which}
            {{ GRAPH ?g {{ ?s ?p ?o }} {_OWN} }}
            UNION
            {{ {{ SELECT DISTINCT ?g ?s WHERE {{ GRAPH ?g {{ ?x ?y ?s }} FILTER(isIRI(?s)) {_OWN} }} }}
              VALUES ?p {{ {_ENTITY_VALUES} }} GRAPH <{ENTITIES}> {{ ?s ?p ?o }} }} }}"""
        for row in self._select(query):
            yield row["s"], row["p"], row["o"], row["g"]

    def __len__(self) -> int:
        """The number of quads in the named graphs, the bookkeeping included."""
        return self._count("SELECT (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } }")

    def _count(self, query: str) -> int:
        return int(next(iter(self._select(query)))["n"].value)

    def query(self, sparql: str, params: Mapping[str, object] | None = None):
        """Run a SPARQL query on the server, over the union of the named graphs.

        ``params`` are bound by :func:`kg.parameters.bind`: each value written by pyoxigraph in
        place of its variable, never user text pasted into the query. The answer is what
        :meth:`kg.store.Store.query` gives: pyoxigraph solutions, a boolean, or triples.
        """
        try:
            terms = {k: _param(v) for k, v in (params or {}).items()}
        except ValueError as error:
            raise QueryError(f"a query parameter is not a valid term: {_first_line(error)}") from None
        answer = self._send("query", bind(sparql, terms), "application/sparql-query", _RESULTS)
        media = answer.headers.get("Content-Type", "").split(";")[0].strip()
        try:
            results = ox.QueryResultsFormat.from_media_type(media)
            if results is not None:
                return ox.parse_query_results(answer.content, results)
            rdf = ox.RdfFormat.from_media_type(media)
            if rdf is None:
                raise QueryError(f"{self.url}: the server answered in {media or 'an unknown format'}")
            return [quad.triple for quad in ox.parse(answer.content, rdf)]
        except SyntaxError as error:
            raise QueryError(f"{self.url}: cannot read the server's answer ({_first_line(error)})") from None

    graph, fact_count, subset = Store.graph, Store.fact_count, Store.subset


_KEPT = (DECISIONS_FILE, ALIASES_FILE)


def _kept_subject(name: str) -> ox.NamedNode:
    return ox.NamedNode(f"{BOOKKEEPING}/{name}")


def _kept_quad(name: str, text: str) -> str:
    return f"GRAPH {_BOOKKEEPING} {{ {_kept_subject(name)} <{_RDF_VALUE}> {ox.Literal(text)} }}\n"
