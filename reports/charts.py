"""Server-rendered SVG charts for the governors' report, drawn with the ground floor's primitives: text
stays text, so the PDF can be read aloud and searched. No JavaScript, no images.

A missing value (None) draws no bar and is labelled "no data": it is never drawn as a zero.
"""

from __future__ import annotations

from django.utils.html import escape
from django.utils.safestring import SafeString

from core.charts import GRID, MUTED_INK, svg_document, svg_line, svg_text

from .numbers import half_up

PALETTE = ["#0b5d5a", "#d9822b", "#5b4b8a", "#2a7ab0"]


def _label(value: float) -> str:
    return f"{half_up(value, 1).normalize():f}"


def bar_chart(title: str, categories: list[str], series: dict[str, list[float | None]], *, unit: str = "",
              width: int = 520, height: int = 220, maximum: float | None = None, desc: str = "") -> SafeString:
    """Return an SVG grouped bar chart: one group of bars per category, one bar per series."""
    values = [value for points in series.values() for value in points if value is not None]
    top = maximum if maximum is not None else max(values + [1])
    left, bottom, top_pad = 44, 40, 28
    plot_w, plot_h = width - left - 10, height - bottom - top_pad
    group_w = plot_w / max(len(categories), 1)
    bar_w = group_w * 0.7 / max(len(series), 1)
    body = [svg_text(left, 14, title, anchor="start", size=12, weight="bold")]
    for step in range(5):
        value = top * step / 4
        y = top_pad + plot_h - plot_h * step / 4
        body.append(svg_line(left, y, width - 10, y, stroke=GRID))
        body.append(svg_text(left - 4, y + 3, f"{_label(value)}{unit}", anchor="end", size=10))
    for index, category in enumerate(categories):
        x0 = left + index * group_w + group_w * 0.15
        for position, (name, points) in enumerate(series.items()):
            value = points[index]
            x = x0 + position * bar_w
            if value is None:
                body.append(svg_text(x + bar_w / 2 - 1, top_pad + plot_h - 2, "no data", size=7, fill=MUTED_INK))
                continue
            bar_h = plot_h * value / top if top else 0
            y = top_pad + plot_h - bar_h
            body.append(f'<rect x="{x:.1f}" y="{y:.1f}" width="{bar_w - 2:.1f}" height="{bar_h:.1f}" '
                        f'fill="{PALETTE[position % len(PALETTE)]}"><title>{escape(name)}, {escape(category)}: '
                        f'{escape(_label(value))}{escape(unit)}</title></rect>')
            body.append(svg_text(x + bar_w / 2 - 1, y - 2, _label(value), size=10))
        body.append(svg_text(left + index * group_w + group_w / 2, height - bottom + 14, category, size=10))
    for position, name in enumerate(series):
        x = left + position * 150
        body.append(f'<rect x="{x}" y="{height - 14}" width="10" height="10" '
                    f'fill="{PALETTE[position % len(PALETTE)]}"/>')
        body.append(svg_text(x + 14, height - 5, name, anchor="start", size=10))
    return svg_document(width, height, title, desc or title, body, "report-chart", font_size=10, fixed_width=True)
