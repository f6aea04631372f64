"""Commands for Neo4j: neo4j start|stop|status|password, push, cypher, ask.

Each calls the library function of the same name: :mod:`kg.neo4j.server` (start, stop, status, password),
:func:`kg.neo4j.sync.push`, :func:`kg.neo4j.cypher.cypher`, :func:`kg.questions.ask`. Connection
options override ``NEO4J_URI``, ``NEO4J_USERNAME``, ``NEO4J_PASSWORD`` and ``NEO4J_DATABASE``; the
password is never printed.
"""

import functools
import json
import sys

import click

from kg import questions
from kg.cli.options import filter_options, format_option, param_pair, store_option
from kg.sections import Tables, answer, render


def connection_options(command):
    """--uri, --username, --password, --database, gathered into one ``conn`` argument."""

    @click.option("--uri", help="Bolt or neo4j URI (default: $NEO4J_URI, else bolt://127.0.0.1:7687).")
    @click.option("--username", help="User name (default: $NEO4J_USERNAME, else neo4j).")
    @click.option(
        "--password", help="Password (default: $NEO4J_PASSWORD, else the one kept for a kg-started server)."
    )
    @click.option("--database", help="Database (default: $NEO4J_DATABASE, else the server's default).")
    @functools.wraps(command)
    def wrapper(uri, username, password, database, **kwargs):
        from kg.neo4j.connection import connection

        return command(conn=connection(uri, username, password, database), **kwargs)

    return wrapper


@click.group()
def neo4j():
    """Run a local Neo4j Community server, fetched from Maven Central (no Docker needed)."""


def _print_status(info: dict) -> None:
    for key in ("uri", "pid", "version", "home", "data", "log"):
        if info.get(key) is not None:
            click.echo(f"{key}: {info[key]}")


@neo4j.command()
@click.option(
    "--home", type=click.Path(file_okay=False), help="Server home (default: $KG_NEO4J_HOME or the cache)."
)
@click.option("--port", type=int, default=7687, show_default=True, help="Bolt port on 127.0.0.1.")
@click.option("--password", help="Your own password for user neo4j (default: one generated and kept).")
def start(home, port, password):
    """Start Neo4j in the background and wait until it answers; says so if it already runs.

    Authentication is always on: without --password a password is generated on the first start,
    kept owner-only in your config folder and used by every kg command (see kg neo4j password).
    """
    from kg.neo4j import server

    info = server.start(home, port=port, password=password)
    click.echo("Neo4j is already running" if info["already_running"] else "Neo4j started")
    _print_status(info)


@neo4j.command()
@click.option(
    "--home", type=click.Path(file_okay=False), help="Server home (default: $KG_NEO4J_HOME or the cache)."
)
def stop(home):
    """Shut Neo4j down cleanly."""
    from kg.neo4j import server

    info = server.stop(home)
    click.echo(f"Neo4j stopped (pid {info['pid']})" if info["stopped"] else "Neo4j was not running")


@neo4j.command()
@click.option(
    "--home", type=click.Path(file_okay=False), help="Server home (default: $KG_NEO4J_HOME or the cache)."
)
@click.option("--change", is_flag=True, help="Set a new generated password on the running server first.")
def password(home, change):
    """Print the password kept for the server kg runs (user neo4j), to use in other Neo4j tools."""
    from kg.neo4j import server

    click.echo(server.password(home, change=change))


@neo4j.command()
@click.option(
    "--home", type=click.Path(file_okay=False), help="Server home (default: $KG_NEO4J_HOME or the cache)."
)
def status(home):
    """Say whether Neo4j runs, and where its data and log are; exit 1 when it does not run."""
    from kg.neo4j import server

    info = server.status(home)
    click.echo("Neo4j is running" if info["running"] else "Neo4j is not running")
    _print_status(info)
    if not info["running"]:
        sys.exit(1)


@click.command()
@click.option(
    "--rebuild",
    is_flag=True,
    help="Make the database anew with neo4j-admin's import (fast; stops and starts the server kg runs).",
)
@click.option(
    "--files",
    type=click.Path(file_okay=False),
    help="With --rebuild: keep the import files in this folder (for a server kg does not run: write them).",
)
@store_option
@connection_options
def push(rebuild, files, store, conn):
    """Bring Neo4j up to the embedded store: write changed documents, withdraw removed ones.

    With --rebuild, the database is replaced whole by a neo4j-admin import of the store's graph:
    the server kg runs is stopped, imported into, started again, and its counts checked against the
    store. For another server, --rebuild --files DIR writes the files and says what to run there.
    """
    if rebuild:
        from kg.neo4j.bulk import rebuild as rebuild_neo4j
        from kg.stores import opened

        with opened(store) as st:
            done = rebuild_neo4j(st, conn, files)
        click.echo(
            f"{done['documents']} documents rebuilt: {done['nodes']} nodes, {done['relationships']} "
            f"relationships, {done['triples']} triples in {sum(done['seconds'].values()):.1f} s ({conn.uri})"
        )
        return
    if files:
        raise click.UsageError("--files goes with --rebuild")
    mirror(store, conn)


def mirror(store, conn=None) -> None:
    """Push the store to Neo4j and say what changed: ``kg push``, and ``kg load|remove --neo4j``."""
    from kg.neo4j.connection import connection
    from kg.neo4j.sync import push as push_store
    from kg.stores import opened

    conn = conn or connection()
    with opened(store) as st:
        summary = push_store(st, conn)
    click.echo(
        f"{len(summary['pushed'])} pushed, {summary['unchanged']} unchanged, "
        f"{len(summary['withdrawn'])} withdrawn ({conn.uri})"
    )


@click.command()
@click.argument("query")
@click.option(
    "--param", "params", multiple=True, metavar="NAME=VALUE", help="Bind $NAME to VALUE (a string)."
)
@format_option()
@click.option("--write", is_flag=True, help="Allow the query to write (by default it runs read-only).")
@connection_options
def cypher(query, params, fmt, write, conn):
    """Answer a Cypher QUERY in Neo4j; read-only unless --write."""
    from kg.neo4j.cypher import cypher as run_cypher

    table = run_cypher(query, conn, dict(map(param_pair, params)), write=write)
    click.echo(render(answer(table), fmt))


@click.command()
@click.argument("name", required=False)
@click.option("--param", "params", multiple=True, metavar="NAME=VALUE", help="A parameter of the question.")
@click.option("--engine", type=click.Choice(list(questions.ENGINES)), default="sparql", show_default=True)
@click.option("--all", "all_", is_flag=True, help="Every question, for every value of its parameter.")
@click.option(
    "--compare",
    is_flag=True,
    help="Both engines, for every value of the parameter; exit 1 showing any difference.",
)
@click.option(
    "--against",
    metavar="STORE",
    help="With --compare: compare the store with this other store (a folder or a SPARQL server's URL) "
    "instead of Neo4j.",
)
@click.option("--list", "list_", is_flag=True, help="List the saved questions.")
@format_option()
@store_option
@filter_options
@connection_options
def ask(name, params, engine, all_, compare, against, list_, fmt, store, conn, filters):
    """Ask a saved question NAME (kg/queries/NAME.rq and NAME.cypher) of the store or of Neo4j.

    --compare asks both the store and Neo4j (or, with --against, another store) and shows where
    they differ. --since, --until and --government are the questions' parameters since, until and
    in_government.
    """
    if list_:
        for q in questions.questions().values():
            click.echo(f"{q.name} ({', '.join(q.params)}): {q.description}")
        return
    if against and not compare:
        raise click.UsageError("--against goes with --compare")
    if all_ or compare:
        _ask_all(store, conn, engine, compare, None if all_ else [name], filters.params(), against, fmt)
        return
    if not name:
        raise click.UsageError("give a question NAME, or --all [--compare], or --list")
    table = questions.ask(name, engine, dict(map(param_pair, params)) | filters.params(), store, conn)
    click.echo(render(answer(table, name), fmt))


def _ask_all(store, conn, engine, compare, names, params, against=None, fmt="table"):
    if names == [None]:
        raise click.UsageError("--compare needs a question NAME or --all")
    engines = ("sparql",) if against else ("sparql", "cypher") if compare else (engine,)
    answers = questions.ask_all(store, conn, engines, names, params, against)
    if not compare:
        sections = [
            answer(a.tables[engine], f"{a.question} {json.dumps(a.params, ensure_ascii=False)}")
            for a in answers
        ]
        click.echo(render(Tables("kg ask --all", sections), fmt))
        return
    differ = [(a, a.difference()) for a in answers]
    differ = [(a, d) for a, d in differ if d]
    for asked, difference in differ:
        click.echo(f"DIFFERENT {asked.question} {json.dumps(asked.params, ensure_ascii=False)}")
        for engine_name, rows in difference.items():
            for row in rows:
                click.echo(f"  only {engine_name}: {json.dumps(row, ensure_ascii=False, default=str)}")
    click.echo(f"{len(answers) - len(differ)} of {len(answers)} answers agree")
    if differ:
        sys.exit(1)


COMMANDS = [neo4j, push, cypher, ask]
