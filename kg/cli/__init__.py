"""The ``kg`` command line: a thin layer over the library.

Each command calls one public function of the same name and turns a :class:`kg.KGError` into one
clear line on stderr and a non-zero exit. Command modules register their commands in ``COMMANDS``.

Every failure is one line, never a traceback: an operating-system error the library did not turn
into a :class:`KGError` (disk full, a file-size limit hit while the store writes) is printed as its
file and reason, running out of memory as one line too. A document read with damage prints its
:class:`~loaders.errors.InputWarning` as ``kg: warning: …``; libraries' own warnings and log records
(pypdf's ``EOF marker not found``, rdflib's IRI warning) stay off the terminal, since the line the
library raises for the same file already says what a user can act on.
"""

import logging
import sys
import warnings

import click

from kg.cli import analysis, core, graphdb, pages, resolve, sparqlserver
from loaders.errors import InputWarning, KGError


class KGGroup(click.Group):
    """A group that prints library errors as one line instead of a traceback."""

    def invoke(self, ctx):
        with warnings.catch_warnings():
            _quiet_libraries()
            try:
                return super().invoke(ctx)
            except KGError as error:
                _fail(str(error))
            except OSError as error:
                _fail(_os_error(error))
            except MemoryError:
                command = f"kg {ctx.invoked_subcommand}" if ctx.invoked_subcommand else "kg"
                _fail(f"out of memory in {command}: its input, or the work on it, needs more than there is")


def _fail(message: str) -> None:
    click.echo(f"kg: {message}", err=True)
    sys.exit(1)


def _os_error(error: OSError) -> str:
    """An operating-system error as ``file: reason``.

    >>> _os_error(OSError(28, "No space left on device", "out.html"))
    'out.html: No space left on device'
    """
    if error.filename is not None and error.strerror:
        return f"{error.filename}: {error.strerror}"
    return " ".join(str(error).split()) or type(error).__name__


def _quiet_libraries() -> None:
    """Show :class:`InputWarning` as one line each; drop other warnings and every library's log records
    (a handler on the root logger keeps logging's last-resort printer from writing them to stderr)."""
    warnings.simplefilter("ignore")
    warnings.simplefilter("always", InputWarning)
    warnings.showwarning = _show_warning
    root = logging.getLogger()
    if not root.handlers:
        root.addHandler(logging.NullHandler())


def _show_warning(message, category, filename, lineno, file=None, line=None) -> None:
    click.echo(f"kg: warning: {message}", err=True)


@click.group(cls=KGGroup, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(package_name="minutes-kg")
def main():
    """Turn government meeting minutes into a knowledge graph of officials, units and decisions.

    Minutes go in with `kg load`; the embedded store (no server needed) answers `kg sparql`,
    and `kg neo4j start` + `kg push` mirror the graph into a real Neo4j for `kg cypher`.
    """


for module in (core, graphdb, sparqlserver, pages, analysis, resolve):
    for command in module.COMMANDS:
        main.add_command(command)
