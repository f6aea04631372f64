"""One self-contained HTML page of a graph: a networkx graph in, a file a person can mail on out.

The page is drawn by vis-network through pyvis. It needs no network: vis-network (the copy that
pyvis ships) and the page's own script and style are written into the file. Every text of the graph
(names, quotes) travels as JSON and reaches the page through ``textContent`` and canvas drawing, so a
name that holds ``<script>`` shows as text. Graphs above ``max_nodes`` keep their best-connected nodes,
and the page says what it left out.

Nodes carry ``type`` (which picks colour and shape from :mod:`visualizations.styles`) and ``label``;
edges carry ``label`` (the relation, or the role on an attendance). Other attributes listed in
:data:`TOOLTIP_FIELDS` go into the tooltip.

>>> import networkx as nx
>>> g = nx.MultiDiGraph()
>>> g.add_node("m", type="Meeting", label="第1次常务会议")
>>> g.add_node("p", type="Person", label="张三")
>>> _ = g.add_edge("p", "m", type="ATTENDED", label="present")
>>> html = render_page(g, title="张三")
>>> html.startswith("<!DOCTYPE html>"), "https://" in html.split("<script>")[0]
(True, False)
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from functools import cache
from importlib.resources import files

import networkx as nx

from visualizations.styles import STYLES, style_for

DEFAULT_MAX_NODES = 700
"""The most nodes a page draws; measured with ``bench/bench_viz.py`` (docs/viz.md has the figures)."""

STEPS = 600
"""The most physics steps a page takes to lay out; a small graph settles (all nodes at rest) long before."""

SETTLE_SECONDS = 8
"""Physics stops after this long even if it has not settled, so no page keeps the browser busy."""

LABEL_CHARS = 18
"""Longer node labels (a directive's sentence) are cut on the canvas; the tooltip keeps them whole."""

TOOLTIP_FIELDS = {
    "quote": "原文",
    "document": "文件",
    "date": "日期",
    "role": "身份",
    "title": "职务",
    "kind": "种类",
    "outcome": "结论",
    "document_status": "文件状态",
    "next_step": "下一步",
    "source": "来源",
}
"""Node or edge attributes shown in a tooltip, in this order, with the name the tooltip gives them."""

TEMPLATES = files("visualizations") / "templates"
VIS_NETWORK = ("pyvis", "templates/lib/vis-9.1.2")
"""The copy of vis-network that pyvis ships (package, folder); read when a page is drawn."""


@dataclass
class Limited:
    """A graph cut down to a size a browser draws, and what was cut."""

    graph: nx.MultiDiGraph
    nodes_left_out: int = 0
    edges_left_out: int = 0


def limit_graph(graph: nx.Graph, max_nodes: int, keep=()) -> Limited:
    """Keep the ``max_nodes`` nodes of highest degree (and always those in ``keep``).

    Ties go to the node id, so the same graph is always cut the same way.

    >>> g = nx.MultiDiGraph([("hub", i) for i in "abcd"])
    >>> cut = limit_graph(g, 3, keep=["d"])
    >>> sorted(cut.graph), cut.nodes_left_out, cut.edges_left_out
    (['a', 'd', 'hub'], 2, 2)
    """
    if graph.number_of_nodes() <= max_nodes:
        return Limited(graph)
    kept = [n for n in keep if n in graph][:max_nodes]
    ranked = sorted(graph.degree, key=lambda nd: (-nd[1], str(nd[0])))
    chosen = set(kept)
    for node, _degree in ranked:
        if len(chosen) >= max_nodes:
            break
        chosen.add(node)
    sub = graph.subgraph(chosen).copy()
    return Limited(
        sub,
        nodes_left_out=graph.number_of_nodes() - sub.number_of_nodes(),
        edges_left_out=graph.number_of_edges() - sub.number_of_edges(),
    )


def render_page(
    graph: nx.Graph,
    *,
    title: str = "minutes-kg",
    max_nodes: int = DEFAULT_MAX_NODES,
    keep=(),
    notes=(),
    settle_seconds: float = SETTLE_SECONDS,
) -> str:
    """The HTML of one page drawing ``graph``; ``keep`` names nodes a cut must not drop.

    ``notes`` are lines of text shown under the title (what was asked for, from where).
    """
    limited = limit_graph(graph, max_nodes, keep)
    data = _page_data(limited, title=title, notes=list(notes), focus=[str(n) for n in keep])
    data["settle_ms"] = settle_seconds * 1000
    return _template().render(
        title=title,
        style=_asset(_vis("vis-network.css")) + _asset(TEMPLATES / "page.css"),
        vis=_asset(_vis("vis-network.min.js")),
        script=_asset(TEMPLATES / "page.js"),
        data=_script_json(data),
    )


@cache
def _template():
    """The page's Jinja2 template, escaping every value but the page's own assets and its JSON (made
    safe for a ``<script>`` block by :func:`_script_json`)."""
    import jinja2

    environment = jinja2.Environment(autoescape=True, keep_trailing_newline=True)
    return environment.from_string(_asset(TEMPLATES / "page.html"))


def _page_data(limited: Limited, *, title: str, notes: list[str], focus: list[str]) -> dict:
    """Everything the page's script needs, as JSON-ready data."""
    from pyvis.network import Network

    graph = limited.graph
    net = Network(directed=True, cdn_resources="in_line")
    ids = {node: str(node) for node in graph}
    degree = dict(graph.degree)
    for node, attrs in graph.nodes(data=True):
        node_type = attrs.get("type") or "Other"
        style = style_for(node_type)
        name = str(attrs.get("label") or attrs.get("name") or node)
        net.add_node(
            ids[node],
            label=_short(name),
            shape=style.shape,
            color=style.color,
            value=degree[node] + 1,
            kgType=node_type,
            tip=_tip([("类型", node_type), ("名称", name)], attrs),
        )
    parallel: dict[frozenset, int] = {}
    for number, (source, target, attrs) in enumerate(graph.edges(data=True)):
        relation = str(attrs.get("label") or attrs.get("type") or "")
        pair = frozenset((source, target))
        parallel[pair] = parallel.get(pair, -1) + 1
        net.add_edge(
            ids[source],
            ids[target],
            id=f"e{number}",
            label=relation,
            tip=_tip([("关系", str(attrs.get("type") or relation))], attrs),
            **_bend(parallel[pair]),
        )
    nodes, edges, *_ = net.get_network_data()
    types = {}
    for node in nodes:
        types[node["kgType"]] = types.get(node["kgType"], 0) + 1
    return {
        "title": title,
        "notes": notes,
        "focus": [f for f in focus if f in ids.values()],
        "nodes": nodes,
        "edges": edges,
        "legend": _legend(types),
        "left_out": {"nodes": limited.nodes_left_out, "edges": limited.edges_left_out},
        "options": _options(len(nodes)),
    }


def _bend(nth: int) -> dict:
    """Edge options that curve the second and later edges between two nodes apart from the first."""
    return {"smooth": {"enabled": True, "type": "curvedCW", "roundness": 0.25 * nth}} if nth else {}


def _tip(head: list[tuple[str, str]], attrs: dict) -> list[list[str]]:
    """Tooltip rows ``[name, value]``: the head rows, then the :data:`TOOLTIP_FIELDS` present."""
    rows = [[k, v] for k, v in head]
    rows += [
        [name, str(attrs[key])] for key, name in TOOLTIP_FIELDS.items() if attrs.get(key) not in (None, "")
    ]
    return rows


def _legend(types: dict[str, int]) -> list[dict]:
    """Legend entries for the types present: known types in registry order, then the others."""
    order = [t for t in STYLES if t in types] + sorted(t for t in types if t not in STYLES)
    out = []
    for node_type in order:
        style = style_for(node_type)
        legend = style.legend if node_type in STYLES else node_type
        out.append(
            {
                "type": node_type,
                "name": legend,
                "color": style.color,
                "shape": style.shape,
                "count": types[node_type],
            }
        )
    return out


def _options(node_count: int) -> dict:
    """vis-network options: physics that settles in a bounded number of steps, then is switched off."""
    big = node_count > 150
    return {
        "layout": {"improvedLayout": not big, "randomSeed": 7},
        "nodes": {
            "scaling": {
                "min": 8,
                "max": 40,
                "label": {"enabled": True, "min": 12, "max": 18, "drawThreshold": 6},
            },
            "font": {"face": "'Noto Sans CJK SC', 'PingFang SC', 'Microsoft YaHei', sans-serif"},
        },
        "edges": {
            "arrows": {"to": {"enabled": True, "scaleFactor": 0.4}},
            "color": {"color": "#b0b0b0", "highlight": "#333333", "hover": "#555555"},
            "font": {"size": 10, "color": "#555555", "strokeWidth": 3, "align": "middle"},
            "smooth": False,
        },
        "physics": {
            "solver": "forceAtlas2Based",
            "forceAtlas2Based": {
                "gravitationalConstant": -60,
                "springLength": 90,
                "avoidOverlap": 0.2,
                "theta": 1.0 if big else 0.5,
            },
            "adaptiveTimestep": not big,
            "minVelocity": 1,
            "stabilization": {"enabled": True, "iterations": STEPS, "updateInterval": 5 if big else 25},
        },
        "interaction": {"hover": True, "tooltipDelay": 120, "hideEdgesOnDrag": big, "hideEdgesOnZoom": big},
    }


def _short(text: str) -> str:
    return text if len(text) <= LABEL_CHARS else text[: LABEL_CHARS - 1] + "…"


def _vis(name: str):
    package, folder = VIS_NETWORK
    return files(package).joinpath(folder, name)


def _asset(path) -> str:
    return path.read_text(encoding="utf-8")


def _script_json(data: dict) -> str:
    """JSON that is safe inside ``<script>``: ``<``, ``>`` and ``&`` escaped, so no text ends the block."""
    text = json.dumps(data, ensure_ascii=False)
    return text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")
