"""Commands that summarise and export: summary, report, analyze, export.

Each calls the library function of the same name (:mod:`kg.summaries`, :mod:`kg.report`,
:mod:`kg.analytics`, :mod:`kg.exports`) and prints or writes what it returns.
"""

import click

from kg.analytics import MEASURES
from kg.cli.options import filter_options, format_option, store_option
from kg.exports import FORMATS as EXPORT_FORMATS
from kg.outputs import write_text
from kg.sections import render
from kg.summaries import KINDS as SUMMARY_KINDS


def _emit(text: str, out: str) -> None:
    """Print ``text``, or write it to the file ``out`` (``-`` is stdout), replacing it whole."""
    if out == "-":
        click.echo(text)
    else:
        write_text(out, text + "\n")
        click.echo(f"wrote {out}", err=True)


@click.command()
@click.argument("kind", type=click.Choice(list(SUMMARY_KINDS)))
@click.argument("name")
@format_option("md")
@click.option("--out", default="-", show_default=True, help="File to write; - prints.")
@store_option
@filter_options
def summary(kind, name, fmt, out, store, filters):
    """What the minutes say about one person, unit, meeting, project or document.

    Every row cites its source: the meeting's date, the file and the quoted sentence. NAME is
    matched exactly (a meeting also by its file name); an unknown name lists the nearest ones.
    """
    from kg.summaries import summary as build

    _emit(render(build(kind, name, store, filters=filters), fmt), out)


@click.command()
@click.option("--out", default="report.html", show_default=True, help="report.html or report.md.")
@store_option
@filter_options
def report(out, store, filters):
    """Write a report of the store (contents, counts, charts, sortable tables) that reads offline.

    Each part is announced on stderr as it is gathered (a report of a thousand minutes takes a while).
    """
    from kg.report import report as write

    def progress(part: str) -> None:
        click.echo(f"report: {part} …", err=True)

    click.echo(f"wrote {write(store, out, filters=filters, progress=progress)}")


@click.command()
@format_option()
@click.option("--top", type=int, default=None, help="Show only the first N nodes per network.")
@click.option(
    "--sort",
    type=click.Choice(MEASURES),
    default="pagerank",
    show_default=True,
    help="The measure the nodes are listed by, highest first.",
)
@click.option("--out", default="-", show_default=True, help="File to write; - prints.")
@store_option
@filter_options
def analyze(fmt, top, sort, out, store, filters):
    """Degree, betweenness, PageRank and communities of the co-attendance and unit-item networks."""
    from kg.analytics import analyze as run

    _emit(render(run(store, top=top, sort=sort, filters=filters), fmt), out)


@click.command()
@click.option("--format", "fmt", type=click.Choice(list(EXPORT_FORMATS)), required=True)
@click.option(
    "--out", default="-", show_default=True, help="File or folder; - is stdout; csv and tables need a folder."
)
@store_option
@filter_options
def export(fmt, out, store, filters):
    """Export the graph: RDF (ttl, nt, trig, nq, jsonld), GraphML/GEXF for Gephi, neo4j-admin CSV, JSON,
    or a CSV per table of the record (tables: meetings, attendance, items, decisions, directives, documents).

    trig, nq and jsonld keep one named graph per source document.
    """
    from kg.exports import export as write

    for path in write(fmt, out, store, filters=filters):
        click.echo(f"wrote {path}", err=True)


COMMANDS = [summary, report, analyze, export]
