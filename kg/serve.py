"""``kg serve``: a local web explorer over the store, from a search to the sentence in the source.

A Flask app lays out what :mod:`kg.explore` returns: a search, a page per entity at a URL built
from its IRI (``/id/<the IRI after the id namespace>``), the source text with every fact's span
marked, a graph that grows by clicking, the saved questions, a SPARQL box, a Cypher box when a
Neo4j is configured, and the report. It only reads: no route writes to the store, a SPARQL update
and a Cypher write are refused.

Every text from a document is escaped: the templates autoescape, data for scripts travels as JSON
(``tojson`` escapes ``<``, ``>`` and ``&``) and reaches the page through ``textContent``. The
Content-Security-Policy lets a page load scripts, styles and data from this server only, and the
pages need no network (vis-network is the copy pyvis ships, served from here).

>>> app = create_app(None, sources=[])
>>> sorted(r.rule for r in app.url_map.iter_rules() if r.rule.startswith("/api"))
['/api/neighbours', '/api/node']
"""

from __future__ import annotations

from importlib.resources import files
from pathlib import Path

from kg import explore, serve_routes
from kg.serve_routes import entity_url
from kg.stores import opened
from visualizations.pages import VIS_NETWORK

HOST = "127.0.0.1"
PORT = 8765

CSP = (
    "default-src 'none'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; "
    "connect-src 'self'; form-action 'self'; base-uri 'none'; frame-ancestors 'none'"
)
"""Scripts, styles, images and fetches from this server only; no inline script runs."""

HERE = Path(str(files("kg"))) / "web"
HIDDEN_COLUMNS = {"start", "end", "source", "quote"}
"""Columns a table does not show as such: the provenance becomes the row's link to its sentence."""


def serve(store=None, *, host: str = HOST, port: int = PORT, sources=(), conn=None, ready=None) -> None:
    """Run the explorer on ``host:port`` until interrupted; ``sources`` are the folders that hold
    the files of minutes (to show them), ``conn`` a Neo4j connection for the Cypher box.
    ``ready(url)`` is called once the server listens."""
    from werkzeug.serving import make_server

    with opened(store) as st:
        server = make_server(host, port, create_app(st, sources=sources, conn=conn), threaded=True)
        try:
            if ready is not None:
                ready(f"http://{host}:{server.server_port}/")
            server.serve_forever()
        except KeyboardInterrupt:
            pass
        finally:
            server.server_close()


def create_app(st, *, sources=(), conn=None):
    """The Flask app over the open store ``st`` (see :func:`serve`)."""
    from flask import Flask

    app = Flask("kg.serve", template_folder=str(HERE / "templates"), static_folder=str(HERE / "static"))
    app.config.update(KG_STORE=st, KG_SOURCES=[Path(s) for s in sources], KG_NEO4J=conn)
    app.jinja_env.globals.update(entity_url=entity_url, types=explore.TYPES, hidden=HIDDEN_COLUMNS)

    serve_routes.register(app)

    @app.after_request
    def headers(response):
        response.headers.setdefault("Content-Security-Policy", CSP)
        response.headers["X-Content-Type-Options"] = "nosniff"
        response.headers["Referrer-Policy"] = "no-referrer"
        return response

    @app.route("/vis/<name>")
    def vis(name):
        from flask import abort, send_file

        if name not in ("vis-network.min.js", "vis-network.css"):
            abort(404)
        package, folder = VIS_NETWORK
        return send_file(str(files(package).joinpath(folder, name)), max_age=3600)

    return app
