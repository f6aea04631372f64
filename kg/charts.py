"""Charts as inline SVG text, so a report is one file that reads offline.

Why hand-written SVG rather than matplotlib: the report needs two or three plain bar charts; SVG
written here is a few hundred bytes per chart, needs no plotting dependency (matplotlib and its
font cache weigh tens of megabytes and need a CJK font configured to draw Chinese labels), keeps the
labels as real text that the browser renders with its own Chinese fonts, can be searched and copied,
and is escaped like every other piece of document text: this module works out where each bar goes,
the template ``kg/templates/chart.svg`` writes them (Jinja2, autoescape on). A chart is a pure
function of its rows.

>>> svg = bar_chart([("县财政局", 3), ("<b>", 1)], title="Items")
>>> svg.startswith("<svg") and "&lt;b&gt;" in svg and "<b>" not in svg
True
"""

from __future__ import annotations

import math

from kg.sections import templates

BAR = 18
GAP = 6
LABEL_WIDTH = 220
PLOT_WIDTH = 360
WIDEST = 760
"""A column chart is at most this wide: columns narrow and labels thin out over a long time axis."""
COLOUR = "#4e79a7"


def bar_chart(rows: list[tuple[str, float]], *, title: str) -> str:
    """Horizontal bars, one per ``(label, value)``, in the order given; the value printed at the end."""
    top = max((value for _, value in rows), default=0) or 1
    bars = []
    for n, (label, value) in enumerate(rows):
        y = 30 + n * (BAR + GAP)
        width = PLOT_WIDTH * value / top
        bars.append({"label": str(label), "value": value, "x": LABEL_WIDTH, "y": y, "width": width,
                     "height": BAR, "value_at": (LABEL_WIDTH + width + 4, y + BAR - 5),
                     "label_at": (LABEL_WIDTH - 6, y + BAR - 5), "rotate": False})  # fmt: skip
    return _svg(LABEL_WIDTH + PLOT_WIDTH + 60, 30 + len(rows) * (BAR + GAP), title, bars)


def column_chart(rows: list[tuple[str, float]], *, title: str) -> str:
    """Vertical columns over an ordered axis (months, years), labels under each column.

    Up to :data:`WIDEST` pixels wide whatever the number of columns; when columns are too narrow
    for a label each, every n-th column is labelled and values show on hover only.

    >>> svg = column_chart([(f"m{n}", n) for n in range(100)], title="Months")
    >>> 'width="760"' in svg, svg.count("rotate(")
    (True, 34)
    """
    top = max((value for _, value in rows), default=0) or 1
    step = min(BAR * 2 + GAP, (WIDEST - 40) / max(len(rows), 1))
    column, plot = max(step - GAP / 2, 1), 160
    every = math.ceil(20 / step) if step < 16 else 1
    bars = []
    for n, (label, value) in enumerate(rows):
        x = 30 + n * step
        height = plot * value / top
        y = 30 + plot - height
        middle = x + column / 2
        bars.append({"label": str(label), "value": value, "x": x, "y": y, "width": column, "height": height,
                     "value_at": (middle, y - 3) if every == 1 else None, "rotate": True,
                     "label_at": (middle, plot + 45) if n % every == 0 else None})  # fmt: skip
    return _svg(max(40 + len(rows) * step, 240), plot + 80, title, bars)


def _svg(width: float, height: float, title: str, bars: list[dict]) -> str:
    """The chart's SVG from ``kg/templates/chart.svg``: a title, then each bar with its label and value
    where they are given (a column chart labels the axis under it, turned 45 degrees)."""
    chart = templates().get_template("chart.svg")
    return chart.render(width=width, height=height, title=title, bars=bars, colour=COLOUR)
