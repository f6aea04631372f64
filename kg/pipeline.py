"""The pipeline on the embedded store: one public function per core command, plain data in and out.

``extract`` reads files into records; ``load`` reads, turns each record into its document graph and
writes it to the store; ``remove``, ``stats`` and ``validate`` work on what is loaded (queries are
:func:`kg.store.sparql`). None of them prints: ``load`` reports progress through an optional
callback.

A ``store`` argument is a :class:`kg.store.Store`, or a path (None: ``$KG_STORE`` or ``.kg/store``).
"""

from __future__ import annotations

import ctypes
import glob
import hashlib
import os
import signal
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import unquote

import rdflib

from kg import resolve
from kg.identity import Registry, meeting_of
from kg.store import Document, Store, StoreUnavailable
from kg.stores import opened
from loaders.errors import KGError, NotMinutesError
from loaders.rdf import PREFIXES, Statements, to_statements
from ontology import ID, IMPLIED_CLASSES, MKG, ONTOLOGY_TTL, SHAPES_TTL

STATUSES = ("loaded", "replaced", "unchanged", "failed")
CHUNK = 8
"""Files a worker converts at a time when loading in parallel: few enough to keep the writer fed
evenly, enough to spare the round trips."""


class DocumentNotFound(KGError):
    """``kg remove`` was given a document the store does not hold."""


@dataclass
class FileResult:
    """What ``load`` did with one file: ``status`` one of STATUSES, ``reason`` why it failed,
    ``note`` what the user should know of a file that did load."""

    path: str
    status: str
    triples: int = 0
    reason: str | None = None
    note: str | None = None
    warnings: list[dict] = field(default_factory=list)


@dataclass
class LoadReport:
    """The outcome of one ``load``: one result per file, in the order the files were given."""

    results: list[FileResult] = field(default_factory=list)

    @property
    def failed(self) -> list[FileResult]:
        return [r for r in self.results if r.status == "failed"]

    def counts(self) -> dict[str, int]:
        """``{status: number of files}`` for every status, zeros included."""
        return {s: sum(r.status == s for r in self.results) for s in STATUSES}


# --- extract and load ---------------------------------------------------------------------------


def extract(paths: Iterable[str | Path], spans: bool = False) -> list[dict]:
    """The record of each file (``Minutes.to_dict()``, the corpus README's shape), in order;
    ``spans`` adds where in the file each fact was read.

    Raises the reader's :class:`KGError` for the first file that is not minutes.
    """
    return [_read(path).to_dict(spans) for path in expand(paths)]


def load(
    paths: Iterable[str | Path],
    store=None,
    *,
    progress: Callable[[FileResult, int, int], None] | None = None,
    rebuild: bool = False,
    workers: int = 1,
) -> LoadReport:
    """Load files, folders and globs into the store; one bad file never stops the batch.

    A file whose bytes hash as a loaded document's is ``unchanged`` (not even parsed), wherever it
    is; a file whose name is loaded with other bytes and the same meeting is ``replaced`` whole, in
    one transaction; one whose name is loaded with another meeting is loaded beside it, with a note;
    a file that cannot be read or parsed is ``failed`` with a one-line reason, and nothing of it is
    written. ``progress(result, done, total)`` is called once per file, after it is written.
    ``rebuild`` empties the store first (a store an older kg wrote is refused until then); the
    resolution decisions beside it stay. ``workers`` processes read and parse the files, and this
    one writes them, in the files' order: the store ends the same as with one.
    """
    report = LoadReport()
    with opened(store, create=True, empty=rebuild) as st:
        files = expand(paths)
        names = resolve.names(st)
        registry = Registry(st)
        batch = _Batch(st, progress, len(files))
        for done in _converted(files, names, frozenset(registry.by_hash), workers):
            try:
                result, document = _place(done, registry, names)
            except KGError as error:
                result, document = FileResult(str(done.path), "failed", reason=str(error)), None
            report.results.append(result)
            batch.add(result, document)
        batch.flush()
    return report


class _Batch:
    """Documents waiting to be written: new ones gather up to the store's ``batch_triples``, a replaced
    one goes at once (so that it and the documents before it keep their order)."""

    def __init__(self, st: Store, progress, total: int):
        self.st, self.progress = st, progress
        self.done, self.total = 0, total
        self.pending: list[tuple[FileResult, Document]] = []
        self.triples = 0

    def add(self, result: FileResult, document: Document | None) -> None:
        if document is None:
            self.notify(result)
            return
        self.pending.append((result, document))
        self.triples += result.triples
        if result.status == "replaced" or self.triples >= self.st.batch_triples:
            self.flush()

    def flush(self) -> None:
        """Write what waits: new documents the fast way (:meth:`Store.add_new`), with replaced ones in
        one transaction; if that fails, each document alone, so a bad one fails by itself."""
        batch, self.pending, self.triples = self.pending, [], 0
        if not batch:
            return
        documents = [document for _, document in batch]
        try:
            if all(result.status == "loaded" for result, _ in batch):
                self.st.add_new(documents)
            else:
                self.st.replace_many(documents)
        except StoreUnavailable:
            raise
        except KGError:
            for result, document in batch:
                try:
                    self.st.replace_many([document])
                except KGError as error:
                    result.status, result.triples, result.reason = "failed", 0, str(error)
        for result, _ in batch:
            self.notify(result)

    def notify(self, result: FileResult) -> None:
        self.done += 1
        if self.progress is not None:
            self.progress(result, self.done, self.total)


@dataclass
class _Converted:
    """What a worker made of one file: its hash, its document and the parser's warnings, or why not."""

    path: Path
    digest: str | None = None
    document: Statements | None = None
    warnings: list[dict] = field(default_factory=list)
    failure: str | None = None


def _convert(path: Path, names, known: frozenset[str]) -> _Converted:
    """Read, hash, parse and convert one file (in a worker process when loading in parallel); a file
    whose hash is ``known`` is not parsed."""
    try:
        digest = hashlib.sha256(path.read_bytes()).hexdigest()
    except OSError as error:
        return _Converted(path, failure=f"{path}: cannot read ({error.strerror})")
    if digest in known:
        return _Converted(path, digest)
    try:
        minutes = _minutes(path)
        document = to_statements(minutes, content_hash=digest, names=names)
    except KGError as error:
        return _Converted(path, digest, failure=str(error))
    except Exception as error:  # a parser bug must not sink the batch; say what broke, and where
        return _Converted(
            path, digest, failure=f"{path}: could not be parsed ({type(error).__name__}: {error})"
        )
    return _Converted(path, digest, document, [w.to_dict() for w in minutes.warnings])


def _place(done: _Converted, registry: Registry, names) -> tuple[FileResult, Document | None]:
    """Decide, in file order, what a converted file is: unchanged, loaded, replacing which document,
    or failed; the document is None when there is nothing to write."""
    path = done.path
    if done.failure:
        return FileResult(str(path), "failed", reason=done.failure), None
    if done.document is None or done.digest in registry.by_hash:
        return FileResult(str(path), "unchanged"), None
    document = done.document
    key, replaced, beside = registry.place(path.name, meeting_of(document), done.digest)
    if key != path.name:  # rare: read it again under the key that keeps it beside the other
        minutes = _minutes(path)
        minutes.source = key
        document = to_statements(minutes, content_hash=done.digest, names=names)
    registry.add(key, done.digest, meeting_of(document))
    note = None
    if beside:
        others = ", ".join(beside[:3]) + (f" and {len(beside) - 3} more" if len(beside) > 3 else "")
        note = f"{path}: {others} of this name records another meeting; kept both, this one as {key}"
    status = "replaced" if replaced else "loaded"
    result = FileResult(str(path), status, len(document.triples), note=note, warnings=done.warnings)
    return result, document


_WORKER: dict = {}


def _start_worker(names, known: frozenset[str]) -> None:
    _die_with_parent()
    _WORKER.update(names=names, known=known)


def _die_with_parent() -> None:
    """Let the kernel end this worker when the loading process dies (``kill -9``): else it would
    wait for ever to hand over its results (Linux's PR_SET_PDEATHSIG; elsewhere nothing)."""
    parent = os.getppid()
    try:
        ctypes.CDLL(None, use_errno=True).prctl(1, signal.SIGKILL)  # 1: PR_SET_PDEATHSIG
    except (OSError, AttributeError):
        return
    if os.getppid() != parent:  # the parent died before the request took effect
        os._exit(1)


def _convert_in_worker(paths: list[Path]) -> list[_Converted]:
    return [_convert(path, _WORKER["names"], _WORKER["known"]) for path in paths]


def _converted(files: list[Path], names, known: frozenset[str], workers: int) -> Iterator[_Converted]:
    """Each file converted, in order: here, or by ``workers`` processes (a few chunks of files ahead
    of the writer each, so memory stays bounded however many files there are)."""
    if workers <= 1 or len(files) < 2 * CHUNK:
        for path in files:
            yield _convert(path, names, known)
        return
    chunks = [files[i : i + CHUNK] for i in range(0, len(files), CHUNK)]
    with ProcessPoolExecutor(workers, initializer=_start_worker, initargs=(names, known)) as pool:
        ahead = deque(pool.submit(_convert_in_worker, chunk) for chunk in chunks[: 4 * workers])
        for chunk in chunks[4 * workers :]:
            yield from ahead.popleft().result()
            ahead.append(pool.submit(_convert_in_worker, chunk))
        while ahead:
            yield from ahead.popleft().result()


def _read(path: Path):
    from loaders.reading import read_minutes

    return read_minutes(path)


def _minutes(path: Path):
    """The record, refused when nothing of minutes was found in it: an empty meeting in the graph
    would only mislead (the parser decides the genre; this is the last guard before the store)."""
    minutes = _read(path)
    if not (minutes.meeting.name or minutes.meeting.date or minutes.participants):
        raise NotMinutesError(path, "no meeting named or dated and no attendance listed; is this minutes?")
    return minutes


def expand(paths: Iterable[str | Path]) -> list[Path]:
    """Files as given, the files of folders (recursively, known suffixes only), globs expanded.

    A path that names nothing is kept, so that ``load`` reports it as a failed file.
    """
    from loaders.formats import SUFFIXES

    out: list[Path] = []
    for raw in paths:
        path = Path(raw)
        if path.is_dir():
            out += sorted(p for p in path.rglob("*") if p.is_file() and p.suffix.lower() in SUFFIXES)
        elif not path.exists() and glob.has_magic(str(raw)):
            out += sorted(Path(p) for p in glob.glob(str(raw), recursive=True) if Path(p).is_file())
        else:
            out.append(path)
    return list(dict.fromkeys(out))


# --- the store ----------------------------------------------------------------------------------


def remove(document: str, store=None) -> str:
    """Withdraw a loaded document whole, named by its file name, path or graph IRI; returns the IRI."""
    with opened(store, write=True) as st:
        loaded = st.documents()
        name = Path(document).name
        graph = loaded[name]["graph"] if name in loaded else document
        if graph not in {d["graph"] for d in loaded.values()}:
            more = f" and {len(loaded) - 5} more" if len(loaded) > 5 else ""
            known = ", ".join(sorted(loaded)[:5]) + more
            raise DocumentNotFound(f"{document}: not loaded in the store (loaded: {known or 'none'})")
        st.remove(graph)
        return graph


_COUNTS = {
    "meetings": MKG.Meeting,
    "items": MKG.AgendaItem,
    "persons": MKG.Person,
    "organizations": MKG.Organization,
    "documents_named": MKG.Document,
    "projects": MKG.Project,
    "decisions": MKG.Decision,
    "directives": MKG.Directive,
    "attendances": MKG.Attendance,
}


def stats(store=None) -> dict[str, int]:
    """How much the store holds: the facts of the knowledge graph (a shared fact once), documents
    loaded, and the instances of each main class (a person named in three documents counts once)."""
    with opened(store) as st:
        out = {"triples": st.fact_count(), "documents": len(st.documents())}
        per_class = st.query("SELECT ?class (COUNT(DISTINCT ?x) AS ?n) WHERE { ?x a ?class } GROUP BY ?class")
        found = {row["class"].value: int(row["n"].value) for row in per_class}
        links = " ".join(f"<{link}>" for link in IMPLIED_CLASSES)  # parts whose class their link implies
        per_link = st.query(f"SELECT ?link (COUNT(DISTINCT ?x) AS ?n) WHERE {{ VALUES ?link {{ {links} }} "
                            "?_ ?link ?x } GROUP BY ?link")  # fmt: skip
        found |= {str(IMPLIED_CLASSES[rdflib.URIRef(r["link"].value)]): int(r["n"].value) for r in per_link}
        out.update({key: found.get(str(cls), 0) for key, cls in _COUNTS.items()})
        warned = st.query(f"SELECT (COUNT(?g) AS ?n) WHERE {{ ?g <{MKG.warningCount}> ?w }}")
        out["documents_with_warnings"] = int(next(iter(warned))["n"].value)
        return out


def validate(store=None) -> list[str]:
    """Check the loaded graph against ``ontology/shapes.ttl``; one readable line per violation,
    sorted, empty when the graph conforms."""
    import pyshacl

    with opened(store) as st:
        data = st.graph()
    for prefix, namespace in PREFIXES.items():
        data.bind(prefix, namespace)
    shapes = rdflib.Graph().parse(SHAPES_TTL)
    ontology = rdflib.Graph().parse(ONTOLOGY_TTL)
    _, results, _ = pyshacl.validate(data, shacl_graph=shapes, ont_graph=ontology, inference="none")
    sh = rdflib.Namespace("http://www.w3.org/ns/shacl#")
    lines = []
    for result in results.subjects(rdflib.RDF.type, sh.ValidationResult):
        focus = results.value(result, sh.focusNode)
        path = results.value(result, sh.resultPath)
        message = results.value(result, sh.resultMessage)
        lines.append(f"{_name(data, focus)}: {_qname(data, path)}: {message}")
    return sorted(lines)


def _name(data: rdflib.Graph, node) -> str:
    """``Meeting 县政府第一次常务会议`` or, for a node without a name, its IRI after the id prefix."""
    kind = data.value(node, rdflib.RDF.type) or next(
        (cls for link, cls in IMPLIED_CLASSES.items() if (None, link, node) in data), None
    )
    label = data.value(node, rdflib.RDFS.label) or unquote(str(node).removeprefix(str(ID)))
    return f"{kind.fragment} {label}" if isinstance(kind, rdflib.URIRef) and kind.fragment else str(label)


def _qname(data: rdflib.Graph, term) -> str:
    return "-" if term is None else term.n3(data.namespace_manager)


__all__ = [
    "DocumentNotFound",
    "FileResult",
    "LoadReport",
    "expand",
    "extract",
    "load",
    "remove",
    "stats",
    "validate",
]
