"""The ratings chart: weekly averages, in the group and elsewhere, as text-bearing SVG."""

import datetime

from targets.charts import ratings_chart_svg, weekly_series

MONDAY = datetime.date(2026, 9, 14)


def _row(days, rating, setting="group"):
    return {"target_id": 1, "rating": rating, "date": MONDAY + datetime.timedelta(days=days), "setting": setting}


def test_ratings_are_averaged_per_week_and_split_by_setting():
    series = weekly_series([_row(0, 1), _row(2, 3), _row(7, 2), _row(8, 3, "class"), _row(9, 1, "playground")])
    group, elsewhere = series
    assert group.points == [(MONDAY, 2.0), (MONDAY + datetime.timedelta(days=7), 2.0)]
    assert elsewhere.points == [(MONDAY + datetime.timedelta(days=7), 2.0)]


def test_the_chart_is_labelled_svg_and_escapes_the_wording():
    svg = ratings_chart_svg([_row(0, 1), _row(7, 3)], "Weekly ratings: I <3 'reading'")
    assert svg.startswith("<svg") and 'role="img"' in svg
    assert "I &lt;3 &#x27;reading&#x27;" in svg
    assert "from emerging in the week of 14 Sep 2026 to consistently in the week of 21 Sep 2026" in svg


def test_no_ratings_no_chart():
    assert ratings_chart_svg([], "Nothing") == ""
