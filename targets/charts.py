"""Server-rendered SVG charts of a target's ratings over time (readable without JavaScript).

Daily ratings are averaged per week and drawn as two lines, in the group and elsewhere (class,
playground, lunch), so staff see whether a skill carries over. The lines differ in dash and
marker shape as well as colour, and the chart carries a text description.
"""

from __future__ import annotations

import datetime
from collections import defaultdict
from dataclasses import dataclass

from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

from core.charts import svg_document
from core.dates import format_date

from .models import Rating, Setting

WIDTH, HEIGHT = 640, 200
LEFT, RIGHT, TOP, BOTTOM = 100, 16, 28, 34
MAX_RATING = Rating.CONSISTENTLY


@dataclass(frozen=True)
class Series:
    label: str
    points: list[tuple[datetime.date, float]]  # (Monday of the week, mean rating)
    stroke: str
    dash: str
    marker: str  # "circle" or "square"


def _monday(day: datetime.date) -> datetime.date:
    return day - datetime.timedelta(days=day.weekday())


def weekly_series(ratings: list[dict]) -> list[Series]:
    """Return the weekly mean ratings of one target, in the group and elsewhere."""
    buckets: dict[bool, dict[datetime.date, list[int]]] = {True: defaultdict(list), False: defaultdict(list)}
    for row in ratings:
        buckets[row["setting"] == Setting.NURTURE_GROUP][_monday(row["date"])].append(row["rating"])
    series = []
    for in_group, label, stroke, dash, marker in (
        (True, "In the nurture group", "#0b5d5a", "", "circle"),
        (False, "Elsewhere (class, playground, lunch)", "#8a3b00", "6 4", "square"),
    ):
        weeks = buckets[in_group]
        if weeks:
            points = [(week, sum(values) / len(values)) for week, values in sorted(weeks.items())]
            series.append(Series(label, points, stroke, dash, marker))
    return series


def _describe(series: list[Series]) -> str:
    parts = []
    for line in series:
        first, last = line.points[0], line.points[-1]
        parts.append(
            f"{line.label}: {len(line.points)} week{'s' if len(line.points) != 1 else ''}, from "
            f"{Rating(round(first[1])).label.lower()} in the week of {format_date(first[0])} to "
            f"{Rating(round(last[1])).label.lower()} in the week of {format_date(last[0])}."
        )
    return " ".join(parts)


def ratings_chart_svg(ratings: list[dict], title: str) -> SafeString:
    """Return an inline SVG chart of one target's weekly ratings, or an empty string with no ratings."""
    series = weekly_series(ratings)
    if not series:
        return mark_safe("")
    weeks = sorted({week for line in series for week, _ in line.points})
    first, last = weeks[0], weeks[-1]
    span = max((last - first).days, 1)
    plot_w, plot_h = WIDTH - LEFT - RIGHT, HEIGHT - TOP - BOTTOM

    def x(day: datetime.date) -> float:
        if first == last:
            return LEFT + plot_w / 2
        return LEFT + plot_w * (day - first).days / span

    def y(value: float) -> float:
        return TOP + plot_h * (1 - value / MAX_RATING)

    out = []
    for value, label in Rating.choices:
        out.append(f'<line x1="{LEFT}" x2="{WIDTH - RIGHT}" y1="{y(value):.1f}" y2="{y(value):.1f}" '
                   f'stroke="#ccc" stroke-width="1"/>')
        out.append(f'<text x="{LEFT - 6}" y="{y(value) + 4:.1f}" text-anchor="end" fill="#333">{escape(label)}</text>')
    label_weeks = [first] if first == last else [first, weeks[len(weeks) // 2], last]
    for week in dict.fromkeys(label_weeks):
        anchor = "end" if week == last and first != last else "middle"
        out.append(f'<text x="{x(week):.1f}" y="{HEIGHT - 12}" text-anchor="{anchor}" fill="#333">{week:%-d %b}</text>')
    legend_x = LEFT
    for line in series:
        coordinates = " ".join(f"{x(week):.1f},{y(value):.1f}" for week, value in line.points)
        dash = f' stroke-dasharray="{line.dash}"' if line.dash else ""
        out.append(f'<polyline points="{coordinates}" fill="none" stroke="{line.stroke}" stroke-width="2"{dash}/>')
        for week, value in line.points:
            out.append(_marker(line, x(week), y(value)))
        out.append(_marker(line, legend_x + 5, 12))
        out.append(f'<text x="{legend_x + 14}" y="16" fill="#333">{escape(line.label)}</text>')
        legend_x += 14 + 7 * len(line.label) + 24
    return svg_document(WIDTH, HEIGHT, title, _describe(series), out, "ratings-chart", font_size=12)


def _marker(line: Series, cx: float, cy: float) -> str:
    if line.marker == "square":
        return f'<rect x="{cx - 3.5:.1f}" y="{cy - 3.5:.1f}" width="7" height="7" fill="{line.stroke}"/>'
    return f'<circle cx="{cx:.1f}" cy="{cy:.1f}" r="3.5" fill="{line.stroke}"/>'


def charts_for_targets(targets, ratings: list[dict]) -> dict[int, SafeString]:
    """Return each target's chart (keyed by target id) from the pupil's ratings, read in one query."""
    by_target: dict[int, list[dict]] = defaultdict(list)
    for row in ratings:
        by_target[row["target_id"]].append(row)
    return {
        target.pk: ratings_chart_svg(
            by_target.get(target.pk, []),
            f"Weekly ratings: {target.current_version.wording if target.current_version else target}",
        )
        for target in targets
    }
