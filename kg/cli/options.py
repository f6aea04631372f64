"""Options and arguments that several command modules share: one definition, imported by each."""

import functools

import click
from rdflib import URIRef

from kg.sections import FORMATS

store_option = click.option(
    "--store",
    type=click.Path(file_okay=False),
    envvar="KG_STORE",
    help="The store's folder, or a SPARQL server's dataset URL (default: $KG_STORE, else .kg/store here).",
)


def param_pair(text: str) -> tuple[str, object]:
    """``--param NAME=VALUE`` as ``(name, value)``: ``<…>`` is an IRI, anything else a string.

    >>> param_pair("person=陈某"), param_pair("?unit=<urn:x>")
    (('person', '陈某'), ('unit', rdflib.term.URIRef('urn:x')))
    """
    name, sep, value = text.partition("=")
    if not sep or not name:
        raise click.BadParameter(f"{text!r} is not NAME=VALUE", param_hint="--param")
    if value.startswith("<") and value.endswith(">"):
        return name.lstrip("?$"), URIRef(value[1:-1])
    return name.lstrip("?$"), value


def filter_options(command):
    """``--since``, ``--until`` and ``--government``, handed to the command as one ``filters``
    (:class:`kg.scope.Filters`)."""

    @click.option("--government", metavar="NAME", help="Only meetings of this government (any of its names).")
    @click.option("--until", metavar="DATE", help="Only meetings up to DATE (YYYY, YYYY-MM or YYYY-MM-DD).")
    @click.option("--since", metavar="DATE", help="Only meetings from DATE on (YYYY, YYYY-MM or YYYY-MM-DD).")
    @functools.wraps(command)
    def wrapper(since, until, government, **kwargs):
        from kg.scope import Filters

        return command(filters=Filters(since, until, government), **kwargs)

    return wrapper


def format_option(default: str = "table"):
    """``--format`` of a command that prints rows: one of the formats of :mod:`kg.sections`."""
    return click.option("--format", "fmt", type=click.Choice(FORMATS), default=default, show_default=True)
