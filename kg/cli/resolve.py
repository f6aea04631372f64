"""``kg resolve``: review what the alias rules could not decide, and record the answers.

Each subcommand calls the function of the same name in :mod:`kg.resolve`; decisions are kept in
the store's folder and applied to every document loaded before or after.
"""

import json

import click

from kg import resolve as library
from kg.cli.options import format_option, store_option
from kg.sections import Section, render

KINDS = click.Choice([*library.CLASSES, "government"])
government_option = click.option(
    "--government", help="The government the name belongs to (found from the store when only one has it)."
)


@click.group(invoke_without_command=True)
@format_option()
@store_option
@click.pass_context
def resolve(ctx, fmt, store):
    """List merge candidates for review (same subcommand: candidates); merge, split or keep apart.

    \b
    kg resolve                               what may be one thing, and why
    kg resolve merge unit 县旅游局 县文化和旅游局  a renamed unit is the same unit
    kg resolve split 王伟 b.txt c.txt          the 王伟 of these files is someone else
    kg resolve distinct person 李明 李敏        reviewed: not the same
    """
    if ctx.invoked_subcommand is None:
        ctx.invoke(candidates, fmt=fmt, store=store)


@resolve.command()
@format_option()
@store_option
def candidates(fmt, store):
    """Pairs of names that may be one person, unit, document, project or government."""
    rows = library.candidates(store)
    click.echo(render(Section("Merge candidates", rows, library.COLUMNS), fmt))


@resolve.command()
@click.argument("kind", type=KINDS)
@click.argument("name")
@click.argument("into")
@government_option
@store_option
def merge(kind, name, into, government, store):
    """Record that NAME is INTO (INTO is the name kept) and apply it to what is loaded."""
    _report(library.merge(kind, name, into, store, government))


@resolve.command()
@click.argument("name")
@click.argument("documents", nargs=-1, required=True)
@click.option("--tag", default="2", show_default=True, help="What tells the two persons apart in the IRI.")
@government_option
@store_option
def split(name, documents, tag, government, store):
    """Record that the person NAME in DOCUMENTS (file names) is another person of the same name."""
    _report(library.split(name, list(documents), store, government, tag))


@resolve.command()
@click.argument("kind", type=KINDS)
@click.argument("name")
@click.argument("other")
@government_option
@store_option
def distinct(kind, name, other, government, store):
    """Record that NAME and OTHER were reviewed and are not one: no longer listed as candidates."""
    _report(library.distinct(kind, name, other, store, government))


@resolve.command()
@store_option
def decisions(store):
    """Print the decisions taken so far, oldest first, as JSON."""
    click.echo(json.dumps(library.decisions(store), ensure_ascii=False, indent=2))


@resolve.command()
@store_option
def apply(store):
    """Apply the decisions and aliases again to every loaded document (after editing them by hand)."""
    changed = library.apply(store)
    click.echo(f"{len(changed)} documents rewritten")


def _report(outcome: dict) -> None:
    click.echo(f"recorded {json.dumps(outcome['decision'], ensure_ascii=False)}")
    click.echo(f"{len(outcome['rewritten'])} documents rewritten")


COMMANDS = [resolve]
