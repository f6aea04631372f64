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

from html import escape

BAR = 18
GAP = 6
LABEL_WIDTH = 220
PLOT_WIDTH = 360
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
    """Vertical columns over an ordered axis (months, years), labels under each column."""
    top = max((value for _, value in rows), default=0) or 1
    width, plot = 40 + len(rows) * (BAR * 2 + GAP), 160
    parts = [_open(max(width, 240), plot + 80, title)]
    for n, (label, value) in enumerate(rows):
        x = 30 + n * (BAR * 2 + GAP)
        bar = plot * value / top
        y = 30 + plot - bar
        parts.append(
            f'<rect x="{x}" y="{y:.1f}" width="{BAR * 2}" height="{bar:.1f}" fill="{COLOUR}">'
            f"<title>{escape(str(label))}: {value:g}</title></rect>"
            f'<text x="{x + BAR}" y="{y - 3:.1f}" text-anchor="middle">{value:g}</text>'
            f'<text x="{x + BAR}" y="{plot + 45}" text-anchor="end" '
            f'transform="rotate(-45 {x + BAR} {plot + 45})">{escape(str(label))}</text>'
        )
    parts.append("</svg>")
    return "".join(parts)


def _open(width: float, height: float, title: str) -> str:
    return (
        f'<svg xmlns="http://www.w3.org/2000/svg" role="img" width="{width:.0f}" height="{height:.0f}" '
        f'viewBox="0 0 {width:.0f} {height:.0f}" font-size="12" font-family="sans-serif">'
        f"<title>{escape(title)}</title>"
        f'<text x="4" y="16" font-weight="bold">{escape(title)}</text>'
    )
