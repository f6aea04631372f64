"""The ``kg`` command line: a thin layer over the library.

Each command calls one public function of the same name and turns a :class:`kg.KGError` into one
clear line on stderr and a non-zero exit. Command modules register their commands in ``COMMANDS``.
"""

import sys

import click

from kg.cli import analysis, core, graphdb, pages, resolve
from loaders.errors import KGError


class KGGroup(click.Group):
    """A group that prints library errors as one line instead of a traceback."""

    def invoke(self, ctx):
        try:
            return super().invoke(ctx)
        except KGError as error:
            click.echo(f"kg: {error}", err=True)
            sys.exit(1)


@click.group(cls=KGGroup, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(package_name="minutes-kg")
def main():
    """Turn government meeting minutes into a knowledge graph of officials, units and decisions.

    Minutes go in with `kg load`; the embedded store (no server needed) answers `kg sparql`,
    and `kg neo4j start` + `kg push` mirror the graph into a real Neo4j for `kg cypher`.
    """


for module in (core, graphdb, pages, analysis, resolve):
    for command in module.COMMANDS:
        main.add_command(command)
