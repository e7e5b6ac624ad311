"""The report as a document: figures -> HTML (a template) -> PDF (WeasyPrint). Each step is testable alone."""

from __future__ import annotations

from django.template.loader import render_to_string

from core.pdf import html_to_pdf  # noqa: F401  (the report's services call it through this module)

from .charts import bar_chart
from .figures import ReportFigures
from .numbers import half_up


def report_charts(figures: ReportFigures) -> dict[str, str]:
    """Return the report's SVG charts, keyed by name, from figures already made anonymous."""
    charts = {}
    # Only the terms whose cost per pupil the table shows: a bar must not give back a hidden figure.
    trend = [row for row in figures.sections.get("trend", []) if str(row["cost_per_pupil_shown"]).startswith("£")]
    if len(trend) >= 2:
        charts["cost_trend"] = bar_chart(
            "Cost per pupil per term (£)", [row["term"] for row in trend],
            {"Cost per pupil per term (£)": [float(half_up(row["cost"] / row["pupils"])) for row in trend]},
            desc="The group's cost per pupil in each term where it can be shown, in pounds per pupil per term.")
    charts.update(figures.charts)
    return charts


def render_report_html(figures: ReportFigures) -> str:
    """Return the report's HTML, ready for WeasyPrint."""
    return render_to_string("reports/pdf/governor_report.html", {"figures": figures, "charts": report_charts(figures)})
