"""Commands on the embedded store: extract, load, remove, sparql, stats, validate.

Each command calls the function of the same name in :mod:`kg.pipeline`; ``--store PATH`` (or
``KG_STORE``) chooses the store, by default ``.kg/store`` in the current directory.
"""

import json
import os
import sys
import time

import click

from kg import pipeline, stores
from kg.cli.graphdb import mirror
from kg.cli.options import format_option, param_pair, store_option
from kg.sections import Section, answer, render
from loaders.record import WARNINGS


@click.command()
@click.argument("files", nargs=-1, required=True, type=click.Path(dir_okay=False))
@click.option("--format", "fmt", type=click.Choice(["json", "jsonl"]), default="json", show_default=True)
@click.option(
    "--spans", is_flag=True, help="Add where each fact was read: offsets in the file and the quoted text."
)
def extract(files, fmt, spans):
    """Print the record of each FILE of minutes, without loading it.

    json prints one object for one file and a list for several; jsonl one object a line. What the
    parser could not place (no chair, a date read by a repair rule, …) is in each record's
    ``warnings`` and one line each on stderr.
    """
    records = pipeline.extract(files, spans=spans)
    for record in records:
        for warning in record.get("warnings", []):
            click.echo(_warning_line(record["source"], warning), err=True)
    if fmt == "jsonl":
        for record in records:
            click.echo(json.dumps(record, ensure_ascii=False))
    else:
        click.echo(json.dumps(records[0] if len(records) == 1 else records, ensure_ascii=False, indent=2))


def _warning_line(source: str, warning: dict) -> str:
    """One stderr line for a warning of a record: where, which, what it means, the text."""
    where = f"{source}:{warning['start']}-{warning['end']}" if "start" in warning else source
    quote = f": {warning['text'][:60]}" if warning.get("text") else ""
    return f"kg: warning: {where}: {warning['code']} ({WARNINGS[warning['code']]}){quote}"


@click.command()
@click.argument("paths", nargs=-1, required=True)
@store_option
@click.option("--neo4j", "to_neo4j", is_flag=True, help="Then bring Neo4j up to the store, as kg push does.")
@click.option(
    "--rebuild", is_flag=True, help="Empty the store first (one an older kg wrote must be); decisions stay."
)
@click.option(
    "--workers",
    type=click.IntRange(min=1),
    default=os.cpu_count() or 1,
    show_default="the machine's cores",
    help="Processes that read and parse the files (one writes the store).",
)
@click.option(
    "--warnings", "show_warnings", is_flag=True, help="List what the parser could not place, per file."
)
def load(paths, store, to_neo4j, rebuild, workers, show_warnings):
    """Load minutes (files, folders, globs) into the store.

    An unchanged file is skipped, a changed one replaces its old facts; each failed file gets one
    line on stderr and the run exits 1, but the other files are loaded.
    """
    bar = _ProgressBar() if sys.stderr.isatty() else None
    report = pipeline.load(paths, store, progress=bar, rebuild=rebuild, workers=workers)
    if bar is not None:
        bar.close()
    for result in report.results:
        if result.note:
            click.echo(f"kg: note: {result.note}", err=True)
        if show_warnings:
            for warning in result.warnings:
                click.echo(_warning_line(result.path, warning), err=True)
    for result in report.failed:
        click.echo(f"kg: failed: {result.reason}", err=True)
    counts = report.counts()
    written = sum(r.triples for r in report.results)
    summary = ", ".join(f"{n} {status}" for status, n in counts.items())
    click.echo(f"{summary} ({written} triples written)")
    warned = sum(bool(r.warnings) for r in report.results)
    if warned and not show_warnings:
        click.echo(f"kg: {warned} documents with warnings (kg load --warnings lists them)", err=True)
    if to_neo4j:
        mirror(store)
    if report.failed:
        sys.exit(1)


class _ProgressBar:
    """A click progress bar on stderr with documents per second and the time left, sized when the
    first file reports."""

    def __init__(self):
        self.bar = None
        self.start = time.monotonic()

    def __call__(self, result, done, total):
        if self.bar is None:
            self.bar = click.progressbar(
                length=total, label="loading", file=sys.stderr, show_eta=True, item_show_func=self.rate
            ).__enter__()
        self.bar.update(1, done)

    def rate(self, done) -> str | None:
        seconds = time.monotonic() - self.start
        return f"{done / seconds:.0f} documents/s" if done and seconds > 0 else None

    def close(self):
        if self.bar is not None:
            self.bar.__exit__(None, None, None)


@click.command()
@click.argument("query", required=False)
@click.option(
    "-f", "--file", "query_file", type=click.File(encoding="utf-8"), help="Read the query from FILE."
)
@click.option(
    "--param",
    "params",
    multiple=True,
    metavar="NAME=VALUE",
    help="Bind ?NAME to VALUE: a string, or an IRI written <…>.",
)
@format_option()
@click.option("--allow-service", is_flag=True, help="Let SERVICE send requests to the servers it names.")
@store_option
def sparql(query, query_file, params, fmt, allow_service, store):
    """Answer a SPARQL QUERY (or -f FILE) over everything loaded; read-only.

    Patterns match the union of all graphs: each document's own graph and the graph of shared
    entities (docs/rdf.md); GRAPH ?g reaches one of them. A bound --param must appear in the
    SELECT clause (Oxigraph substitutes projected variables).
    """
    if (query is None) == (query_file is None):
        raise click.UsageError("give a QUERY or -f FILE (one of them)")
    bindings = dict(map(param_pair, params))
    text = query if query is not None else query_file.read()
    table = stores.sparql(text, store, bindings, allow_service=allow_service)
    click.echo(render(answer(table), fmt))


@click.command()
@format_option()
@store_option
def stats(fmt, store):
    """Count what the store holds: triples, documents, meetings, persons, organizations …

    json is one object of counts; the other formats a row per count.
    """
    counts = pipeline.stats(store)
    if fmt == "json":
        click.echo(json.dumps(counts, indent=2))
    else:
        click.echo(render(Section("Counts", [{"what": k, "count": n} for k, n in counts.items()]), fmt))


@click.command("schema")
@format_option()
def schema_command(fmt):
    """The graph's classes, properties and relationship types, each with an example query
    (SPARQL for classes and properties, Cypher for relationships); read from the ontology."""
    from kg.schema import COLUMNS, schema

    rows = schema()
    click.echo(render(Section("Schema", rows, COLUMNS), fmt))


@click.command()
@click.argument("document")
@store_option
@click.option("--neo4j", "to_neo4j", is_flag=True, help="Withdraw it from Neo4j too, as kg push does.")
def remove(document, store, to_neo4j):
    """Withdraw a loaded DOCUMENT whole (its file name, path or graph IRI)."""
    graph = pipeline.remove(document, store)
    click.echo(f"removed {graph}")
    if to_neo4j:
        mirror(store)


@click.command()
@store_option
def validate(store):
    """Check the loaded graph against the SHACL shapes; one line per violation, exit 1 if any."""
    violations = pipeline.validate(store)
    for line in violations:
        click.echo(line)
    if violations:
        click.echo(f"{len(violations)} violations", err=True)
        sys.exit(1)
    click.echo("the graph conforms to ontology/shapes.ttl")


COMMANDS = [extract, load, sparql, stats, schema_command, remove, validate]
