"""How each kind of node looks on a page: a registry of colour, shape and legend name by node type.

A page shows one entry of the legend per type present in the graph, in the order of :data:`STYLES`.
Shapes are those of vis-network that draw the label below the node, so node size can follow degree.

>>> style_for("Person").shape
'dot'
>>> style_for("SomethingNew") is FALLBACK
True
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class NodeStyle:
    """The look of one node type: ``legend`` is what the page's legend and type filter call it."""

    color: str
    shape: str
    legend: str


STYLES: dict[str, NodeStyle] = {
    "Meeting": NodeStyle("#d62728", "star", "会议 Meeting"),
    "Person": NodeStyle("#1f77b4", "dot", "人员 Person"),
    "Organization": NodeStyle("#17becf", "hexagon", "单位 Organization"),
    "AgendaItem": NodeStyle("#ff7f0e", "square", "议题 Agenda item"),
    "Decision": NodeStyle("#2ca02c", "diamond", "决定 Decision"),
    "Directive": NodeStyle("#9467bd", "triangle", "要求 Directive"),
    "Document": NodeStyle("#8c564b", "triangleDown", "文件 Document"),
    "Project": NodeStyle("#e377c2", "diamond", "项目 Project"),
    "SourceDocument": NodeStyle("#7f7f7f", "square", "纪要 Source document"),
    "DocumentStage": NodeStyle("#c49c94", "triangleDown", "文件阶段 Document stage"),
    "Post": NodeStyle("#aec7e8", "hexagon", "职务 Post"),
    "PostHolding": NodeStyle("#c5b0d5", "dot", "任职 Post held"),
}
"""Node types of the minutes graph (the projection's primary labels) and how they are drawn."""

FALLBACK = NodeStyle("#bcbd22", "dot", "其他 Other")
"""The look of a node whose type is not in :data:`STYLES`."""


def style_for(node_type: str | None) -> NodeStyle:
    """The style of ``node_type``, or :data:`FALLBACK` for a type this module does not know."""
    return STYLES.get(node_type or "", FALLBACK)
