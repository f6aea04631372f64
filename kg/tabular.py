"""The record as flat tables, one row per meeting, attendance, item, decision, directive and document:
what pandas and spreadsheets read (``kg export --format tables --out DIR``, :func:`kg.tables`).

The projection (:mod:`kg.projection`) is a graph; an analyst wants a table per kind of thing with its
context in columns: every item, decision and directive carries the meeting, its date and government
(and the item's number), so a filter or a pivot needs no join. Names stand for linked things
(presenters, addressees, the document decided on), several joined by ``;``.

>>> g = nx.MultiDiGraph()
>>> g.add_node("m", type="Meeting", label="第1次常务会议", date="2024-01-05")
>>> g.add_node("gov", type="Organization", label="某县人民政府")
>>> g.add_node("i", type="AgendaItem", label="听取汇报", number=1)
>>> _ = g.add_edges_from([("m", "gov", {"type": "BODY"}), ("m", "i", {"type": "HAS_ITEM"})])
>>> (row,) = tables(g)["items"]
>>> row["meeting"], row["date"], row["government"], row["number"]
('第1次常务会议', '2024-01-05', '某县人民政府', 1)
"""

from __future__ import annotations

from pathlib import Path

import networkx as nx

from kg.outputs import write_text
from kg.sections import Section, render

SEPARATOR = ";"

TABLES = ("meetings", "attendance", "items", "decisions", "directives", "documents")
"""The tables, in the order they are written."""


def tables(graph: nx.MultiDiGraph) -> dict[str, list[dict]]:
    """``{table: rows}`` for every table of :data:`TABLES`, from the projection as networkx."""
    ctx = _Context(graph)
    out: dict[str, list[dict]] = {name: [] for name in TABLES}
    for node, data in sorted(graph.nodes(data=True), key=lambda nd: str(nd[0])):
        kind = data.get("type")
        if kind == "Meeting":
            out["meetings"].append(ctx.meeting(node) | {"chair": ctx.linked(node, "CHAIR"), **_props(data)})
            out["attendance"] += [
                ctx.meeting(node) | {"person": ctx.label(p), "role": role} for p, role in ctx.attendees(node)
            ]
        elif kind == "AgendaItem":
            out["items"].append(
                ctx.meeting(ctx.parent(node, "HAS_ITEM"))
                | {"number": data.get("number"), "title": data.get("name") or data.get("label")}
                | {"kind": data.get("kind"), "presenters": ctx.linked(node, "PRESENTER")}
                | {"quote": data.get("quote"), "source": data.get("source")}
            )
        elif kind in ("Decision", "Directive"):
            item = ctx.parent(node, "HAS_DECISION" if kind == "Decision" else "HAS_DIRECTIVE")
            row = ctx.meeting(ctx.parent(item, "HAS_ITEM")) | {"item": _get(graph, item, "number")}
            if kind == "Decision":
                row |= {"outcome": data.get("outcome"), "document": ctx.linked(node, "ABOUT_DOCUMENT")}
                row |= {"document_status": data.get("document_status"), "next_step": data.get("next_step")}
            else:
                row |= {"verb": data.get("verb"), "addressees": ctx.linked(node, "ADDRESSEE")}
                row |= {"directive": data.get("description")}
            out[f"{kind.lower()}s"].append(row | {"quote": data.get("quote"), "source": data.get("source")})
        elif kind == "Document":
            out["documents"].append({"document": data.get("label"), **_props(data)})
    return {
        name: [{k: v for k, v in row.items() if v not in (None, "")} for row in rows]
        for name, rows in out.items()
    }


class _Context:
    """The meeting, government and names around a node of the projection."""

    def __init__(self, graph: nx.MultiDiGraph):
        self.graph = graph

    def label(self, node) -> str:
        return str(_get(self.graph, node, "label") or node)

    def parent(self, node, relation: str):
        """The node with a ``relation`` edge to ``node`` (the meeting of an item, the item of a decision)."""
        if node is None:
            return None
        return next((u for u, _, t in self.graph.in_edges(node, data="type") if t == relation), None)

    def linked(self, node, relation: str) -> str | None:
        """The names of the nodes ``node`` reaches by ``relation``, joined by ``;``."""
        names = sorted(self.label(v) for _, v, t in self.graph.out_edges(node, data="type") if t == relation)
        return SEPARATOR.join(names) or None

    def meeting(self, meeting) -> dict:
        if meeting is None:
            return {"meeting": None}
        return {
            "meeting": self.label(meeting),
            "date": _get(self.graph, meeting, "date"),
            "government": self.linked(meeting, "BODY"),
        }

    def attendees(self, meeting) -> list[tuple[str, str]]:
        chair = [(v, "chair") for _, v, t in self.graph.out_edges(meeting, data="type") if t == "CHAIR"]
        listed = [
            (u, d.get("role"))
            for u, _, d in self.graph.in_edges(meeting, data=True)
            if d.get("type") == "ATTENDED"
        ]
        return sorted(chair + listed, key=lambda pr: (str(pr[1]), self.label(pr[0])))


def _get(graph: nx.MultiDiGraph, node, key: str):
    return graph.nodes[node].get(key) if node is not None and node in graph else None


def _props(data: dict) -> dict:
    """A node's own properties as columns (lists joined), without what the other columns say."""
    skip = {"type", "label", "name", "start", "end", "quote", "uri"}
    return {
        k: SEPARATOR.join(map(str, v)) if isinstance(v, list) else v for k, v in data.items() if k not in skip
    }


def write_tables(pg, directory: Path) -> list[str]:
    """Write one CSV per table of the projection ``pg`` into ``directory``; the paths written."""
    from kg.projection import to_networkx

    written = []
    for name, rows in tables(to_networkx(pg)).items():
        path = Path(directory) / f"{name}.csv"
        columns = list(dict.fromkeys(k for row in rows for k in row))
        write_text(path, render(Section(name, rows, columns), "csv") + "\n")
        written.append(str(path))
    return written
