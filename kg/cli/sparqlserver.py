"""Commands for SPARQL servers: sparql-server start|stop|status.

Each calls the function of the same name in :mod:`kg.sparqlserver`; the password of a server with
authentication is never printed, only where kg keeps it.
"""

import sys

import click

from kg import sparqlserver

ENGINE = click.option(
    "--engine",
    type=click.Choice(list(sparqlserver.ENGINES)),
    default="oxigraph",
    show_default=True,
    help="Oxigraph's server (pip-installed) or Apache Jena Fuseki with TDB2 (Java 17, Maven).",
)
DATA = click.option(
    "--data",
    type=click.Path(file_okay=False),
    help="The server's data folder (default: ~/.cache/minutes-kg/sparql/ENGINE).",
)


@click.group("sparql-server")
def sparql_server():
    """Run a local SPARQL server (Oxigraph or Fuseki) to hold the graph: pass its URL as --store."""


def _print_status(info: dict) -> None:
    for key in ("url", "engine", "pid", "data", "log"):
        if info.get(key) is not None:
            click.echo(f"{key}: {info[key]}")
    if info["running"]:
        click.echo(f"store: pass --store {info['url']} to kg commands (or set KG_STORE={info['url']})")
        click.echo(_credentials_line(info))


def _credentials_line(info: dict) -> str:
    from kg import passwords, sparqlserver

    if info["user"] is None:
        return "credentials: none (this engine has no authentication; it listens on 127.0.0.1 only)"
    kept = passwords.config_dir() / sparqlserver.FILE
    return (
        f"credentials: user {info['user']}, password kept in {kept}, found by kg "
        "(KG_STORE_USER / KG_STORE_PASSWORD override it)"
    )


@sparql_server.command()
@ENGINE
@click.option("--port", type=int, help="Port on 127.0.0.1 (default: 7878 for oxigraph, 3030 for fuseki).")
@DATA
def start(engine, port, data):
    """Start the server in the background and wait until it answers; says so if it already runs.

    Fuseki's jars are fetched from Maven Central on its first start; it asks for a password, one
    generated then and kept owner-only in your config folder. Oxigraph's server has no
    authentication: it listens on 127.0.0.1 only.
    """
    info = sparqlserver.start(engine, port=port, data=data)
    click.echo(f"{engine} is already running" if info["already_running"] else f"{engine} started")
    _print_status(info)


@sparql_server.command()
@ENGINE
@DATA
def stop(engine, data):
    """Shut the server down cleanly."""
    info = sparqlserver.stop(engine, data=data)
    click.echo(f"{engine} stopped (pid {info['pid']})" if info["stopped"] else f"{engine} was not running")


@sparql_server.command()
@ENGINE
@DATA
def status(engine, data):
    """Say whether the server runs, its URL and data folder; exit 1 when it does not run."""
    info = sparqlserver.status(engine, data=data)
    click.echo(f"{engine} is running" if info["running"] else f"{engine} is not running")
    _print_status(info)
    if not info["running"]:
        sys.exit(1)


COMMANDS = [sparql_server]
