"""Server-rendered SVG charts for the governors' report: text stays text, so the PDF can be read aloud
and searched. No JavaScript, no images."""

from __future__ import annotations

from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

PALETTE = ["#0b5d5a", "#d9822b", "#5b4b8a", "#2a7ab0"]


def bar_chart(title: str, categories: list[str], series: dict[str, list[float | None]], *, unit: str = "",
              width: int = 520, height: int = 220, maximum: float | None = None) -> SafeString:
    """Return an SVG grouped bar chart: one group of bars per category, one bar per series.

    Every piece of text in it is escaped here, so the SVG is safe to place in a page as it is.
    """
    values = [value for points in series.values() for value in points if value is not None]
    top = maximum if maximum is not None else max(values + [1])
    left, bottom, top_pad = 44, 40, 28
    plot_w, plot_h = width - left - 10, height - bottom - top_pad
    group_w = plot_w / max(len(categories), 1)
    bar_w = group_w * 0.7 / max(len(series), 1)
    parts = [f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {width} {height}" width="{width}" '
             f'height="{height}" role="img" aria-label="{escape(title)}" font-family="DejaVu Sans, sans-serif" '
             f'font-size="10">', f"<title>{escape(title)}</title>",
             f'<text x="{left}" y="14" font-size="12" font-weight="bold">{escape(title)}</text>']
    for step in range(5):
        value = top * step / 4
        y = top_pad + plot_h - plot_h * step / 4
        parts.append(f'<line x1="{left}" y1="{y:.1f}" x2="{width - 10}" y2="{y:.1f}" stroke="#ccc"/>')
        parts.append(f'<text x="{left - 4}" y="{y + 3:.1f}" text-anchor="end">{value:g}{unit}</text>')
    for index, category in enumerate(categories):
        x0 = left + index * group_w + group_w * 0.15
        for position, (name, points) in enumerate(series.items()):
            value = points[index]
            if value is None:
                continue
            bar_h = plot_h * value / top if top else 0
            x = x0 + position * bar_w
            y = top_pad + plot_h - bar_h
            parts.append(f'<rect x="{x:.1f}" y="{y:.1f}" width="{bar_w - 2:.1f}" height="{bar_h:.1f}" '
                         f'fill="{PALETTE[position % len(PALETTE)]}"><title>{escape(name)}, {escape(category)}: '
                         f'{value:g}{unit}</title></rect>')
            parts.append(f'<text x="{x + bar_w / 2 - 1:.1f}" y="{y - 2:.1f}" text-anchor="middle">{value:g}</text>')
        parts.append(f'<text x="{left + index * group_w + group_w / 2:.1f}" y="{height - bottom + 14}" '
                     f'text-anchor="middle">{escape(category)}</text>')
    for position, name in enumerate(series):
        x = left + position * 150
        parts.append(f'<rect x="{x}" y="{height - 14}" width="10" height="10" fill="{PALETTE[position % 4]}"/>')
        parts.append(f'<text x="{x + 14}" y="{height - 5}">{escape(name)}</text>')
    parts.append("</svg>")
    return mark_safe("".join(parts))  # noqa: S308 (all text above is escaped)
