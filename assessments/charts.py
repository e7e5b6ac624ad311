"""Server-rendered SVG charts: plain strings, readable without JavaScript, reusable in PDFs.

Every chart carries a <title> and a <desc>, labels values as text (meaning never rests on colour
alone) and is shown next to a table of the same figures. Pure Python: callers pass plain values.
"""

from __future__ import annotations

import datetime
from collections.abc import Sequence
from dataclasses import dataclass

from django.utils.safestring import SafeString

from core.charts import GRID, svg_document, svg_text
from core.dates import format_date

# A palette with AA contrast on white; shapes and dash patterns carry the meaning too.
BASELINE_COLOUR = "#6b4c9a"
LATEST_COLOUR = "#0b5d5a"
RANGE_FILL = "#cfe8d5"
PLACEMENT_FILL = "#fdf0c8"
BAND_FILLS = ("#ffffff", "#f3f3f3", "#e4e4e4", "#d2d2d2")


# --------------------------------------------------------------------------- SDQ over time


@dataclass(frozen=True)
class TimePoint:
    day: datetime.date
    value: int | None
    label: str = ""  # e.g. the band, shown in the description


def sdq_scale_chart(
    *, title: str, points: Sequence[TimePoint], bands: Sequence[tuple[int, int, str]], maximum: int,
    placements: Sequence[tuple[datetime.date, datetime.date | None]] = (), today: datetime.date | None = None,
) -> SafeString:
    """Return a line chart of one SDQ scale over time, its four bands shaded, the placement period marked."""
    width, height = 360, 200
    left, right, top, bottom = 34, 96, 24, 30
    plot_w, plot_h = width - left - right, height - top - bottom
    days = [p.day for p in points] + [start for start, _ in placements]
    days += [end for _, end in placements if end]
    first = min(days) if days else (today or datetime.date(2000, 1, 1))
    last = max(days + ([today] if today and placements else [])) if days else first
    span = max((last - first).days, 1)

    inset = 12  # keeps the first and last points clear of the axis labels

    def x(day: datetime.date) -> float:
        if len(points) > 1 or placements:
            return left + inset + (plot_w - 2 * inset) * ((day - first).days / span)
        return left + plot_w / 2

    def y(value: float) -> float:
        return top + plot_h * (1 - value / maximum)

    body = [svg_text(left, 14, title, anchor="start", size=12, weight="bold")]
    for index, (low, high, label) in enumerate(bands):
        y_top, y_bottom = y(min(high + 0.5, maximum)), y(max(low - 0.5, 0))
        body.append(f'<rect x="{left}" y="{y_top:.1f}" width="{plot_w}" height="{y_bottom - y_top:.1f}" '
                    f'fill="{BAND_FILLS[index % 4]}" stroke="{GRID}" stroke-width="0.5"/>')
        body.append(svg_text(left + plot_w + 4, (y_top + y_bottom) / 2 + 4, label, anchor="start", size=9))
    for start, end in placements:
        x0, x1 = x(max(start, first)), x(min(end or last, last))
        if x1 > x0:
            body.append(f'<rect x="{x0:.1f}" y="{top}" width="{x1 - x0:.1f}" height="{plot_h}" fill="{PLACEMENT_FILL}" '
                        f'fill-opacity="0.55" stroke="#b08900" stroke-dasharray="4 3"/>')
            body.append(svg_text(x0 + 3, top + 11, "in group", anchor="start", size=9))
    for tick in sorted({0, maximum // 2, maximum}):
        body.append(svg_text(left - 5, y(tick) + 4, str(tick), anchor="end", size=9))
    scored = [(p, x(p.day), y(p.value)) for p in points if p.value is not None]
    if len(scored) > 1:
        path = " ".join(f"{'M' if i == 0 else 'L'}{px:.1f},{py:.1f}" for i, (_, px, py) in enumerate(scored))
        body.append(f'<path d="{path}" fill="none" stroke="{LATEST_COLOUR}" stroke-width="2"/>')
    for point, px, py in scored:
        body.append(f'<circle cx="{px:.1f}" cy="{py:.1f}" r="4" fill="{LATEST_COLOUR}"/>')
        label_y = py - 7 if py - 7 > top + 10 else py + 15  # below the point at the top of the scale
        body.append(svg_text(px, label_y, str(point.value), size=10, weight="bold"))
    for point in points:
        body.append(svg_text(x(point.day), height - bottom + 14, point.day.strftime("%b %y"), size=9))
    desc = "; ".join(
        f"{format_date(p.day)}: {'not scored' if p.value is None else p.value}{f' ({p.label})' if p.label else ''}"
        for p in points
    ) or "No SDQ yet."
    return svg_document(width, height, title, desc, body, "chart chart-sdq")


# --------------------------------------------------------------------------- Boxall


@dataclass(frozen=True)
class BoxallColumn:
    code: str
    name: str
    section: str
    low: int
    high: int
    maximum: int
    baseline: int | None
    latest: int | None


def boxall_chart(columns: Sequence[BoxallColumn], *, baseline_label: str, latest_label: str) -> SafeString:
    """Return the classic Boxall chart: each cluster's range shaded, baseline against latest, both sections."""
    width, height = 760, 290
    left, top, plot_h = 40, 46, 190
    gap = 30
    col_w = (width - left - 10 - gap) / max(len(columns), 1)

    def y(value: int, maximum: int) -> float:
        return top + plot_h * (1 - value / maximum) if maximum else top + plot_h

    body = [
        svg_text(left, 14, "Boxall Profile: clusters, baseline against latest", anchor="start", size=12, weight="bold"),
        # Legend: shapes and dashes, not only colour.
        f'<rect x="{left}" y="22" width="14" height="10" fill="{RANGE_FILL}" stroke="#3c7a4a"/>',
        svg_text(left + 18, 31, "handbook range", anchor="start", size=10),
        f'<line x1="{left + 120}" y1="27" x2="{left + 146}" y2="27" stroke="{BASELINE_COLOUR}" stroke-width="2" '
        f'stroke-dasharray="5 3"/><circle cx="{left + 133}" cy="27" r="4" fill="#fff" stroke="{BASELINE_COLOUR}" '
        f'stroke-width="2"/>',
        svg_text(left + 152, 31, f"baseline ({baseline_label})", anchor="start", size=10),
        f'<line x1="{left + 360}" y1="27" x2="{left + 386}" y2="27" stroke="{LATEST_COLOUR}" stroke-width="2"/>'
        f'<rect x="{left + 369}" y="23" width="8" height="8" fill="{LATEST_COLOUR}"/>',
        svg_text(left + 392, 31, f"latest ({latest_label})", anchor="start", size=10),
    ]
    for tick, label in ((0, "0"), (0.5, "½"), (1, "max")):
        body.append(svg_text(left - 5, top + plot_h * (1 - tick) + 4, label, anchor="end", size=9))
    baseline_pts: dict[str, list[tuple[float, float]]] = {}
    latest_pts: dict[str, list[tuple[float, float]]] = {}
    for index, column in enumerate(columns):
        x0 = left + index * col_w + (gap if column.section == "II" else 0)
        cx = x0 + col_w / 2
        body.append(f'<rect x="{x0:.1f}" y="{top}" width="{col_w:.1f}" height="{plot_h}" fill="none" '
                    f'stroke="{GRID}"/>')
        r_top, r_bottom = y(column.high, column.maximum), y(column.low, column.maximum)
        body.append(f'<rect x="{x0 + 2:.1f}" y="{r_top:.1f}" width="{col_w - 4:.1f}" '
                    f'height="{max(r_bottom - r_top, 1.5):.1f}" fill="{RANGE_FILL}" stroke="#3c7a4a" '
                    f'stroke-width="0.8"/>')
        body.append(svg_text(cx, top + plot_h + 14, column.code, size=11, weight="bold"))
        if column.baseline is not None:
            baseline_pts.setdefault(column.section, []).append((cx, y(column.baseline, column.maximum)))
        if column.latest is not None:
            latest_pts.setdefault(column.section, []).append((cx, y(column.latest, column.maximum)))
    for section, label_x in (("I", left), ("II", left + gap + col_w * sum(1 for c in columns if c.section == "I"))):
        name = "Section I: developmental strands (higher is better)" if section == "I" else \
            "Section II: diagnostic profile (lower is better)"
        body.append(svg_text(label_x, top + plot_h + 32, name, anchor="start", size=10))
    for pts, colour, dash in ((baseline_pts, BASELINE_COLOUR, ' stroke-dasharray="5 3"'),
                              (latest_pts, LATEST_COLOUR, "")):
        for section_pts in pts.values():
            if len(section_pts) > 1:
                path = " ".join(f"{'M' if i == 0 else 'L'}{px:.1f},{py:.1f}" for i, (px, py) in enumerate(section_pts))
                body.append(f'<path d="{path}" fill="none" stroke="{colour}" stroke-width="2"{dash}/>')
    for section_pts in baseline_pts.values():
        for px, py in section_pts:
            body.append(f'<circle cx="{px:.1f}" cy="{py:.1f}" r="4" fill="#fff" stroke="{BASELINE_COLOUR}" '
                        f'stroke-width="2"/>')
    for section_pts in latest_pts.values():
        for px, py in section_pts:
            body.append(f'<rect x="{px - 4:.1f}" y="{py - 4:.1f}" width="8" height="8" fill="{LATEST_COLOUR}"/>')
    desc = "; ".join(
        f"{c.code} {c.name}: range {c.low}-{c.high} of {c.maximum}, baseline "
        f"{'–' if c.baseline is None else c.baseline}, latest {'–' if c.latest is None else c.latest}"
        for c in columns
    )
    return svg_document(width, height, "Boxall Profile clusters", desc, body, "chart chart-boxall")


# --------------------------------------------------------------------------- by term


@dataclass(frozen=True)
class TermBar:
    label: str
    value: float | None
    in_placement: bool


def term_bar_chart(*, title: str, bars: Sequence[TermBar], maximum: float, unit: str = "",
                   floor: float = 0) -> SafeString:
    """Return a bar chart by term (attendance %, incidents), the terms in the group shaded."""
    width = max(360, 70 + 56 * len(bars))
    height, left, top, plot_h = 210, 40, 26, 140
    bar_w = (width - left - 10) / max(len(bars), 1)
    maximum = max(maximum, floor + 1)

    def y(value: float) -> float:
        return top + plot_h * (1 - (max(value, floor) - floor) / (maximum - floor))

    body = [svg_text(left, 14, title, anchor="start", size=12, weight="bold")]
    for tick in (floor, (floor + maximum) / 2, maximum):
        body.append(f'<line x1="{left}" x2="{width - 10}" y1="{y(tick):.1f}" y2="{y(tick):.1f}" stroke="{GRID}"/>')
        body.append(svg_text(left - 5, y(tick) + 4, f"{tick:g}{unit}", anchor="end", size=9))
    for index, bar in enumerate(bars):
        x0 = left + index * bar_w
        if bar.in_placement:
            body.append(f'<rect x="{x0:.1f}" y="{top}" width="{bar_w:.1f}" height="{plot_h}" fill="{PLACEMENT_FILL}"/>')
            body.append(svg_text(x0 + bar_w / 2, top + plot_h + 28, "in group", size=9))
        if bar.value is not None:
            y_top = y(bar.value)
            body.append(f'<rect x="{x0 + bar_w * 0.2:.1f}" y="{y_top:.1f}" width="{bar_w * 0.6:.1f}" '
                        f'height="{top + plot_h - y_top:.1f}" fill="{LATEST_COLOUR}"/>')
            body.append(svg_text(x0 + bar_w / 2, y_top - 4, f"{bar.value:g}{unit}", size=10, weight="bold"))
        body.append(svg_text(x0 + bar_w / 2, top + plot_h + 14, bar.label, size=9))
    desc = "; ".join(
        f"{bar.label}: {'none recorded' if bar.value is None else f'{bar.value:g}{unit}'}"
        f"{' (in the nurture group)' if bar.in_placement else ''}" for bar in bars
    )
    return svg_document(width, height, title, desc, body, "chart chart-terms")
