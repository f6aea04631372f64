"""Commands that draw pages: viz, and serve (the explorer in the browser)."""

import click

from kg import viz as pages
from kg.cli.options import filter_options, store_option
from visualizations.pages import DEFAULT_MAX_NODES


@click.command()
@click.option("--meeting", help="Centre on the meeting of this name (e.g. 县政府第12次常务会议).")
@click.option("--person", help="Centre on the person of this name.")
@click.option("--unit", help="Centre on the unit (organisation) of this name.")
@click.option("--project", help="Centre on the project or document of this title.")
@click.option("--sparql", help="Draw the nodes a SPARQL query's answer names (SELECT or CONSTRUCT).")
@click.option("--cypher", help="Draw the nodes a Cypher query on Neo4j returns (NEO4J_URI etc.).")
@click.option(
    "--depth", type=click.IntRange(min=0), help="Hops from the focus [default: 2 for a name, 0 for a query]."
)
@click.option(
    "--out",
    type=click.Path(dir_okay=False),
    default="kg-viz.html",
    show_default=True,
    help="The page to write.",
)
@click.option(
    "--max-nodes",
    type=click.IntRange(min=1),
    default=DEFAULT_MAX_NODES,
    show_default=True,
    help="Above this, keep the best-connected nodes and say on the page what was left out.",
)
@click.option("--open", "open_page", is_flag=True, help="Open the page in the default browser.")
@store_option
@filter_options
def viz(meeting, person, unit, project, sparql, cypher, depth, out, max_nodes, open_page, store, filters):
    """Write an interactive page of the graph, one HTML file that works offline.

    With no focus it draws the whole graph (within --max-nodes).
    """
    path = pages.viz(
        store,
        meeting=meeting,
        person=person,
        unit=unit,
        project=project,
        sparql=sparql,
        cypher=cypher,
        depth=depth,
        out=out,
        max_nodes=max_nodes,
        filters=filters,
    )
    click.echo(str(path))
    if open_page:
        click.launch(str(path))


@click.command()
@store_option
@click.option("--host", default="127.0.0.1", show_default=True, help="Where to listen (elsewhere: warns).")
@click.option("--port", type=click.IntRange(min=0), default=8765, show_default=True, help="0: any free port.")
@click.option(
    "--sources",
    multiple=True,
    type=click.Path(file_okay=False, exists=True),
    help="A folder holding the loaded files of minutes, to show them (repeatable).",
)
@click.option("--neo4j", "with_neo4j", is_flag=True, help="Offer a Cypher box on Neo4j ($NEO4J_URI etc.).")
@click.option("--open", "open_page", is_flag=True, help="Open the explorer in the default browser.")
def serve(store, host, port, sources, with_neo4j, open_page):
    """Explore the graph in the browser: search, a page per entity, the sources, a graph that grows.

    It only reads the store; stop it with Ctrl-C.
    """
    from kg.serve import serve as run

    if host not in ("127.0.0.1", "localhost", "::1"):
        click.echo(f"kg: warning: listening on {host}: whoever reaches it reads the whole store", err=True)
    conn = None
    if with_neo4j:
        from kg.neo4j.connection import connection

        conn = connection()

    def ready(url):
        click.echo(f"kg serve: {url} (Ctrl-C stops)", err=True)
        if open_page:
            click.launch(url)

    run(store, host=host, port=port, sources=sources, conn=conn, ready=ready)


COMMANDS = [viz, serve]
