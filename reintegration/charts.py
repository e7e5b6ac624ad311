"""The pupil's reintegration chart: readiness, SDQ total difficulties and Boxall section I on one time axis.

One server-rendered SVG in three lanes that share the dates: each measure keeps its own scale (a
readiness percentage, an SDQ total out of 40 where lower is better, Boxall section I as a percentage
of its maximum), so no measure is squeezed onto another's axis. Every point is labelled with its
value and each lane has its own marker shape, so nothing rests on colour alone.
"""

from __future__ import annotations

import datetime
from collections.abc import Sequence

from django.utils.safestring import SafeString

from core.charts import GRID, INK, svg_document, svg_text
from core.dates import format_date

from .selectors import SeriesPoint, Timeline

READINESS_COLOUR = "#0b5d5a"
SDQ_COLOUR = "#8a3b12"
BOXALL_COLOUR = "#6b4c9a"


def _marker(shape: str, x: float, y: float, colour: str) -> str:
    if shape == "square":
        return f'<rect x="{x - 4:.1f}" y="{y - 4:.1f}" width="8" height="8" fill="{colour}"/>'
    if shape == "diamond":
        points = f"M{x:.1f},{y - 5:.1f} L{x + 5:.1f},{y:.1f} L{x:.1f},{y + 5:.1f} L{x - 5:.1f},{y:.1f} Z"
        return f'<path d="{points}" fill="{colour}"/>'
    return f'<circle cx="{x:.1f}" cy="{y:.1f}" r="4" fill="{colour}"/>'


def reintegration_chart(timeline: Timeline, *, threshold: int, today: datetime.date | None = None) -> SafeString:
    """Return one SVG of readiness, SDQ total and Boxall section I over time, the threshold marked."""
    lanes: list[tuple[str, Sequence[SeriesPoint], float, str, str, str]] = [
        ("Readiness (% of the maximum; higher is better)", timeline.readiness, 100, READINESS_COLOUR, "circle", "%"),
        ("SDQ total difficulties, teacher version (0-40; lower is better)", timeline.sdq, 40, SDQ_COLOUR, "square", ""),
        ("Boxall section I (% of the maximum; higher is better)", timeline.boxall, 100, BOXALL_COLOUR, "diamond",
         "%"),
    ]
    width, lane_h, gap, left, right, top = 640, 110, 34, 44, 20, 10
    height = top + len(lanes) * (lane_h + gap) + 10
    plot_w = width - left - right
    days = [p.day for _, points, *_ in lanes for p in points]
    first = min(days) if days else (today or datetime.date.today())
    last = max(days) if days else first
    span = max((last - first).days, 1)
    inset = 16

    def x(day: datetime.date) -> float:
        if first == last:
            return left + plot_w / 2
        return left + inset + (plot_w - 2 * inset) * ((day - first).days / span)

    body = []
    descriptions = []
    for index, (title, points, maximum, colour, shape, unit) in enumerate(lanes):
        lane_top = top + index * (lane_h + gap) + 18

        def y(value: float, lane_top=lane_top, maximum=maximum) -> float:
            return lane_top + lane_h * (1 - value / maximum)

        body.append(svg_text(left, lane_top - 6, title, anchor="start", size=11, weight="bold"))
        body.append(f'<rect x="{left}" y="{lane_top}" width="{plot_w}" height="{lane_h}" fill="#ffffff" '
                    f'stroke="{GRID}"/>')
        for tick in (0, maximum / 2, maximum):
            body.append(svg_text(left - 5, y(tick) + 4, f"{tick:g}", anchor="end", size=9))
        if index == 0:
            body.append(f'<line x1="{left}" x2="{left + plot_w}" y1="{y(threshold):.1f}" y2="{y(threshold):.1f}" '
                        f'stroke="{INK}" stroke-dasharray="6 4"/>')
            body.append(svg_text(left + 4, y(threshold) - 4, f"ready at {threshold}%", anchor="start", size=9))
        if not points:
            body.append(svg_text(left + plot_w / 2, lane_top + lane_h / 2 + 4, "none recorded yet", size=10))
            descriptions.append(f"{title}: none recorded.")
            continue
        coords = [(point, x(point.day), y(point.value)) for point in points]
        if len(coords) > 1:
            path = " ".join(f"{'M' if i == 0 else 'L'}{px:.1f},{py:.1f}" for i, (_, px, py) in enumerate(coords))
            body.append(f'<path d="{path}" fill="none" stroke="{colour}" stroke-width="2"/>')
        for point, px, py in coords:
            body.append(_marker(shape, px, py, colour))
            label_y = py - 8 if py - 8 > lane_top + 10 else py + 16
            body.append(svg_text(px, label_y, f"{point.value:g}{unit}", size=10, weight="bold"))
            body.append(svg_text(px, lane_top + lane_h + 13, point.day.strftime("%d %b %y"), size=9))
        descriptions.append(f"{title}: " + "; ".join(f"{format_date(p.day)} {p.label}" for p in points) + ".")
    return svg_document(width, height, "Readiness, SDQ and Boxall over time",
                " ".join(descriptions) + f" Threshold for starting the return: {threshold}%.",
                body, "chart chart-reintegration")
