"""Charts as inline SVG text, so a report is one file that reads offline.

Why hand-written SVG rather than matplotlib: the report needs two or three plain bar charts; SVG
written here is a few hundred bytes per chart, needs no plotting dependency (matplotlib and its
font cache weigh tens of megabytes and need a CJK font configured to draw Chinese labels), keeps the
labels as real text that the browser renders with its own Chinese fonts, can be searched and copied,
and is escaped like every other piece of document text. A chart is a pure function of its rows.

>>> svg = bar_chart([("县财政局", 3), ("<b>", 1)], title="Items")
>>> svg.startswith("<svg") and "&lt;b&gt;" in svg and "<b>" not in svg
True
"""

from __future__ import annotations

import math
from html import escape

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
    height = 30 + len(rows) * (BAR + GAP)
    parts = [_open(LABEL_WIDTH + PLOT_WIDTH + 60, height, title)]
    for n, (label, value) in enumerate(rows):
        y = 30 + n * (BAR + GAP)
        width = PLOT_WIDTH * value / top
        parts.append(
            f'<text x="{LABEL_WIDTH - 6}" y="{y + BAR - 5}" text-anchor="end">{escape(str(label))}</text>'
            f'<rect x="{LABEL_WIDTH}" y="{y}" width="{width:.1f}" height="{BAR}" fill="{COLOUR}">'
            f"<title>{escape(str(label))}: {value:g}</title></rect>"
            f'<text x="{LABEL_WIDTH + width + 4:.1f}" y="{y + BAR - 5}">{value:g}</text>'
        )
    parts.append("</svg>")
    return "".join(parts)


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
    parts = [_open(max(40 + len(rows) * step, 240), plot + 80, title)]
    for n, (label, value) in enumerate(rows):
        x = 30 + n * step
        bar = plot * value / top
        y = 30 + plot - bar
        middle = x + column / 2
        parts.append(
            f'<rect x="{x:.1f}" y="{y:.1f}" width="{column:.1f}" height="{bar:.1f}" fill="{COLOUR}">'
            f"<title>{escape(str(label))}: {value:g}</title></rect>"
        )
        if every == 1:
            parts.append(f'<text x="{middle:.1f}" y="{y - 3:.1f}" text-anchor="middle">{value:g}</text>')
        if n % every == 0:
            parts.append(
                f'<text x="{middle:.1f}" y="{plot + 45}" text-anchor="end" '
                f'transform="rotate(-45 {middle:.1f} {plot + 45})">{escape(str(label))}</text>'
            )
    parts.append("</svg>")
    return "".join(parts)


def _open(width: float, height: float, title: str) -> str:
    return (
        f'<svg xmlns="http://www.w3.org/2000/svg" role="img" width="{width:.0f}" height="{height:.0f}" '
        f'viewBox="0 0 {width:.0f} {height:.0f}" style="max-width:100%;height:auto" '
        'font-size="12" font-family="sans-serif">'
        f"<title>{escape(title)}</title>"
        f'<text x="4" y="16" font-weight="bold">{escape(title)}</text>'
    )
