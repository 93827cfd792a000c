"""Charts drawn on the server as SVG: horizontal bars with their numbers written beside them, readable without
hovering and printable; the same figures are in a table under each chart."""
from __future__ import annotations

from dataclasses import dataclass

from markupsafe import Markup, escape

BAR_HEIGHT = 22
GAP = 6
LABEL_WIDTH = 300  # a department's full name at 12 px
BAR_WIDTH = 300
VALUE_WIDTH = 90


@dataclass(frozen=True)
class Bar:
    label: str
    value: float
    shown: str  # the value as written beside the bar ("12", "87.5 %")
    missed: bool = False  # drawn in the overdue colour


def bar_chart(title: str, bars: list[Bar], scale: float | None = None) -> Markup:
    """An SVG of one bar per row; `scale`: the value of a full bar (default: the largest value)."""
    top = max([scale or 0.0, *(b.value for b in bars)]) or 1.0
    height = max(1, len(bars)) * (BAR_HEIGHT + GAP)
    width = LABEL_WIDTH + BAR_WIDTH + VALUE_WIDTH
    rows = []
    for index, bar in enumerate(bars):
        y = index * (BAR_HEIGHT + GAP)
        length = round(BAR_WIDTH * max(0.0, bar.value) / top, 1)
        css = "bar missed" if bar.missed else "bar"
        rows.append(
            f'<text x="{LABEL_WIDTH - 6}" y="{y + 15}" text-anchor="end">{escape(bar.label)}</text>'
            f'<rect class="{css}" x="{LABEL_WIDTH}" y="{y}" width="{length}" height="{BAR_HEIGHT}"></rect>'
            f'<text x="{LABEL_WIDTH + length + 6}" y="{y + 15}">{escape(bar.shown)}</text>')
    if not bars:
        rows.append(f'<text x="0" y="15">{escape("нет данных")}</text>')
    # The title is written above the chart too: two charts side by side (received, processed) must say which is which,
    # an empty one included.
    svg = (f'<figure class="chart"><figcaption>{escape(title)}</figcaption>'
           f'<svg role="img" aria-label="{escape(title)}" '
           f'viewBox="0 0 {width} {height}" width="100%" preserveAspectRatio="xMinYMin meet">'
           f'<title>{escape(title)}</title>{"".join(rows)}</svg></figure>')
    return Markup(svg)  # safe: built above from escaped labels and numbers only
