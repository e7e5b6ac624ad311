"""The governors' report built for terms shaped to break each rule of issue 14.

Each test builds a term (one pupil, two pupils, one return, costs without returns, one exclusion, one
rated criterion, missing prosocial, a small count beside its complement, no costs), renders the report's
HTML (the page WeasyPrint prints), checks each figure against a count written in the test, and runs an
attacker (disclosure_checker) that knows nothing of the disclosure module and tries to work every hidden
count back out of the page's other numbers.
"""

import datetime
from decimal import Decimal

import pytest

from assessments.tests.factories import IncidentFactory, SdqAssessmentFactory
from core.terms import Term
from pupils.tests.factories import NurtureGroupFactory, PlacementFactory, PupilFactory
from reintegration.tests.factories import GraduationFactory, ReadinessAssessmentFactory
from reports.figures import report_figures
from reports.rendering import render_report_html
from reports.tests.disclosure_checker import Secret, attacks, read
from reports.tests.factories import AlternativeCostFactory, CostLineFactory, TermCostFactory

TERM = Term.parse("2026-autumn")
START = datetime.date(2026, 9, 14)


def _term(school, pupils: int, *, cost: str | None = "9000", started=START):
    group = NurtureGroupFactory(school=school, name="The Oasis")
    placed = [PlacementFactory(pupil=PupilFactory(school=school), group=group, start_date=started)
              for _ in range(pupils)]
    if cost is not None:
        CostLineFactory(term_cost=TermCostFactory(group=group, term=TERM.code), amount=cost)
    AlternativeCostFactory(school=school, alternative="specialist_place", cost_per_pupil="24000")
    AlternativeCostFactory(school=school, alternative="exclusion_day", cost_per_pupil="310")
    return group, placed


def _page(school) -> tuple[str, dict, list]:
    html = render_report_html(report_figures(school, TERM))
    tables, text = read(html)
    return html, text, tables


def _row(tables, caption: str, label: str) -> list[str]:
    for table in tables:
        if caption in table.caption or caption in " ".join(table.headers):
            for row in table.rows:
                if row and row[0].startswith(label):
                    return row[1:]
    raise AssertionError(f"no row {label!r} in a table {caption!r}")


def _sdq(pupil, day, value, *, prosocial: int | None = None):
    answers = {str(item): value for item in range(1, 26)}
    if prosocial is None:
        for item in (1, 4, 9):  # three of the five prosocial items unanswered: the scale is missing
            answers.pop(str(item))
    else:  # items scored 0-2: a scale of 8 is 2+2+2+1+1
        scores = [2] * (prosocial - 5) + [1] * (10 - prosocial)
        for item, score in zip((1, 4, 9, 17, 20), scores, strict=True):
            answers[str(item)] = score
    return SdqAssessmentFactory(pupil=pupil, answers=answers, completed_on=day)


@pytest.mark.django_db
def test_one_pupil_no_figure_gives_the_pupil_or_the_cost_per_pupil_away(school):
    _term(school, 1)

    html, text, tables = _page(school)

    assert "<3" in text and "pupils in the group this term" in text
    assert _row(tables, "Cost this term", "Per pupil in the group") == ["too few to show"]
    assert _row(tables, "Cost this term", "Per pupil in the group, over a year") == ["too few to show"]
    assert _row(tables, "Teacher SDQ total difficulties (0-40", "No evidence") == ["too few to show"]
    assert _row(tables, "Alternative", "A place in specialist provision")[-1] == "too few to show"
    assert "£9,000" in text  # the total is about the provision, not a pupil
    assert attacks(html, [Secret(None, None, 1, 1)], group_size=None) == []
    assert "£9,000 per pupil" not in text


@pytest.mark.django_db
def test_two_pupils_the_total_and_the_cost_per_pupil_do_not_say_two(school):
    # The issue's example: "£9,000 total, £4,500 per pupil" beside "<3 pupils" says 2.
    _term(school, 2)

    html, text, tables = _page(school)

    assert _row(tables, "Placements that ran", "Pupils in the group") == ["<3"]
    assert "£4,500" not in text and "£13,500" not in text  # per pupil per term, per year
    assert attacks(html, [Secret(None, None, 1, 2)], group_size=None) == []
    # The trend repeats this term's row: the same cell is hidden there too.
    assert _row(tables, "Pupils in the group", "Autumn 2026") == ["<3", "too few to show"]


@pytest.mark.django_db
def test_one_return_the_cost_per_successful_return_is_not_the_total(school):
    group, placed = _term(school, 5, cost="12000")
    placement = placed[0]
    placement.end_date, placement.status = datetime.date(2026, 12, 4), "ended"
    placement.save()
    GraduationFactory(placement=placement, graduated_on=datetime.date(2026, 12, 4))

    html, text, tables = _page(school)

    assert _row(tables, "Cost this term", "Per successful return to class") == ["too few to show"]
    # One placement ended: the breakdown of a total of 1 is too few to show in every cell.
    assert _row(tables, "How placements ended", "Returned to class full time")[0] == "too few to show"
    assert "1 placements ended" not in text
    assert _row(tables, "Cost this term", "Per pupil in the group") == ["£2,400 per pupil per term"]  # 12000 / 5
    assert attacks(html, [Secret("How placements ended", "Returned to class full time", 1, 1)],
                   group_size=5) == []


@pytest.mark.django_db
def test_costs_without_returns_say_so_and_no_costs_is_never_pounds_nought(school, other_school):
    _term(school, 4, cost="10000")
    _term(other_school, 4, cost=None)

    _, text, tables = _page(school)
    _, bare, _ = _page(other_school)

    assert _row(tables, "Cost this term", "Per successful return to class") == [
        "no pupil returned to class full time this term"]
    assert "no costs recorded for this term" in bare and "£0" not in bare
    assert "No costs recorded for this term, so there is no cost per pupil" in bare


@pytest.mark.django_db
def test_one_exclusion_its_count_and_its_days_are_hidden(school):
    _, placed = _term(school, 6, cost="12000")
    IncidentFactory(pupil=placed[0].pupil, kind="exclusion", days=Decimal("1.5"),
                    occurred_on=datetime.date(2026, 10, 7))

    html, text, tables = _page(school)

    assert _row(tables, "The 6 pupils in the group", "Fixed-term exclusions") == ["0", "<3"]
    assert _row(tables, "The 6 pupils in the group", "Days of exclusion") == ["0", "not shown"]
    assert "1.5" not in text
    # The exclusion-day alternative's line would give the days back (days avoided per pupil x pupils).
    assert _row(tables, "Alternative", "A day of fixed-term exclusion") == ["not shown", "not shown", "not shown"]
    assert attacks(html, [Secret("The 6 pupils in the group", "Fixed-term exclusions", 2, 1)],
                   group_size=6) == []


@pytest.mark.django_db
def test_one_rated_criterion_is_not_enough_to_judge_and_counts_as_no_evidence(school):
    _, placed = _term(school, 4)
    # 1 of 17 criteria rated, at the top: 100%, which used to read as "ready".
    ReadinessAssessmentFactory(pupil=placed[0].pupil, assessed_on=datetime.date(2026, 11, 2), points=3,
                               rated_count=1, criteria_count=17)
    for placement in placed[1:]:  # three rated over the whole scale, 51 of 51 points
        ReadinessAssessmentFactory(pupil=placement.pupil, assessed_on=datetime.date(2026, 11, 2), points=51,
                                   rated_count=17, criteria_count=17)

    html, text, tables = _page(school)

    caption = "The 4 pupils in the group this term"
    # 4 = 3 judged ready + 1 not enough rated + 0 + 0: hiding the 3 alone still pins the 1 (4 minus 3 or
    # more), so the whole breakdown is not shown, rather than the number of pupils in the group.
    for label in ("At or over 80%, with enough rated", "Under 80%", "No evidence: not enough rated to judge",
                  "No evidence: no assessment yet"):
        assert _row(tables, caption, label) == ["not shown"]
    assert _row(tables, caption, "Average latest score") == ["100%"]  # the three judged, 100% each
    assert attacks(html, [Secret(caption, "No evidence: not enough rated", 1, 1)], group_size=4) == []


@pytest.mark.django_db
def test_a_small_count_beside_its_complement_is_protected(school):
    # The issue's example: "<3 assessed beside 7 no evidence of a group of 9 says 2".
    _, placed = _term(school, 9)
    for placement in placed[:2]:
        ReadinessAssessmentFactory(pupil=placement.pupil, assessed_on=datetime.date(2026, 11, 2), points=51,
                                   rated_count=17, criteria_count=17)

    html, text, tables = _page(school)

    caption = "The 9 pupils in the group this term"
    assert _row(tables, caption, "At or over 80%") == ["<3"]
    assert _row(tables, caption, "No evidence: no assessment yet") == ["not shown"]
    assert _row(tables, caption, "Average latest score") == ["too few to show"]
    assert attacks(html, [Secret(caption, "At or over 80%", 1, 2)], group_size=9) == []


@pytest.mark.django_db
def test_missing_prosocial_is_left_out_of_the_average_not_counted_as_zero(school):
    _, placed = _term(school, 5)
    # Prosocial first form: 8, 7, 6, 8 and one missing: the mean is 29 / 4 = 7.25 -> 7.3 (not 29 / 5 = 5.8).
    for placement, prosocial in zip(placed, [8, 7, 6, 8, None], strict=True):
        _sdq(placement.pupil, datetime.date(2026, 9, 20), 1, prosocial=prosocial)
        _sdq(placement.pupil, datetime.date(2026, 12, 1), 0, prosocial=prosocial)

    html, _, _ = _page(school)

    chart = html[html.index("Average teacher SDQ scale scores"):]
    chart = chart[:chart.index("</svg>")]
    assert "Prosocial: 7.3" in chart and "5.8" not in chart
    assert "Prosocial runs the other way: higher is better" in chart


@pytest.mark.django_db
def test_boxall_direction_section_one_below_section_two_above_and_unscored_not_scored(school):
    from assessments.boxall import concern

    cluster_map = {"A": {"items": [1, 2, 3, 4], "low": 10, "high": 16}, "Q": {"items": [1, 2, 3, 4], "low": 0,
                                                                           "high": 6}}
    assert concern("A", 16, cluster_map) == "within"  # a top section I score is not a concern
    assert concern("A", 9, cluster_map) == "concern"
    assert concern("Q", 0, cluster_map) == "within"  # a zero section II score is not a concern
    assert concern("Q", 7, cluster_map) == "concern"
    assert concern("A", None, cluster_map) == "not scored"

    _term(school, 4)
    _, text, tables = _page(school)
    assert "Boxall Profile, section I: developmental strands (higher is better)" in text
    assert "Boxall Profile, section II: diagnostic profile (lower is better)" in text
    assert "a concern is a cluster score below its competence range" in text
    assert "a concern is a cluster score above its normal range" in text


@pytest.mark.django_db
def test_definitions_are_on_the_page(school):
    from pupils.models import Referral
    from pupils.tests.factories import ReferralFactory

    _, placed = _term(school, 4)
    # Three placements this term came from summer referrals; no referral raised this term was placed.
    for placement in placed[:3]:
        placement.referral = ReferralFactory(pupil=placement.pupil, stage=Referral.Stage.DECIDED, outcome="placed",
                                             raised_at=datetime.datetime(2026, 6, 1, tzinfo=datetime.UTC),
                                             decided_on=datetime.date(2026, 7, 1))
        placement.save()

    _, text, tables = _page(school)

    assert _row(tables, "Referrals raised this term", "Placed in a group") == ["0"]
    assert ("3 of the 4 placements started this term came from a referral raised before the term began" in text)
    assert "holding a level is shown on its own and is not counted as expected progress" in text
    assert "Every figure is rounded half up" in text
    assert "per pupil per term" in text and "divided by 3 terms" in text


def test_the_attacker_finds_the_leaks_the_issue_found():
    # The old page: "£9,000 total, £4,500 per pupil" beside "<3 pupils", and "<3 assessed" beside
    # "7 no evidence" of a group of 9. The attacker must find both, or its silence above means nothing.
    old_page = """<table><caption>Cost</caption><tbody><tr><th>Total</th><td>£9,000</td></tr>
      <tr><th>Per pupil in the group</th><td>£4,500</td></tr></tbody></table>
      <table><caption>Readiness of the 9 pupils</caption><tbody>
      <tr><th>With a readiness assessment</th><td>&lt;3</td></tr>
      <tr><th>No evidence</th><td>7</td></tr></tbody></table>
      <table><caption>Endings</caption><tbody><tr><th>Returned</th><td>&lt;3</td><td>25%</td></tr>
      <tr><th>Moved</th><td>6</td><td>75%</td></tr></tbody></table>"""
    found = attacks(old_page, [Secret(None, None, 1, 2), Secret("Readiness of the 9", "With a readiness", 1, 2),
                               Secret("Endings", "Returned", 1, 2)], group_size=9)
    assert any("£9,000 / £4,500 gives 2" in line for line in found)
    assert any("9 minus the rest of the column gives 2" in line for line in found)
    assert any("25% beside 6 at 75% gives 2" in line for line in found)


@pytest.mark.django_db
def test_value_for_money_sets_every_alternative_in_the_groups_unit_with_its_assumption(school):
    _, placed = _term(school, 5)  # £9,000 over 5 pupils: £1,800 per pupil per term, £5,400 per year
    for placement in placed[:3]:  # three 2-day exclusions in the summer before the placements began
        IncidentFactory(pupil=placement.pupil, kind="exclusion", days=Decimal("2"),
                        occurred_on=datetime.date(2026, 5, 12))

    html, text, tables = _page(school)

    assert _row(tables, "Cost this term", "Per pupil in the group") == ["£1,800 per pupil per term"]
    assert _row(tables, "Cost this term", "Per pupil in the group, over a year") == ["£5,400 per pupil per year"]
    # £24,000 a year is £8,000 a term: £6,200 more than the group's £1,800 (not £22,200).
    specialist = _row(tables, "Alternative", "A place in specialist provision")
    assert specialist == ["£8,000 per pupil per term", "£24,000 per pupil per year",
                          "£6,200 per pupil per term more than the group"]
    # 6 days avoided over 5 pupils = 1.2 days each, at £310 a day: £372 per pupil per term.
    exclusion = _row(tables, "Alternative", "A day of fixed-term exclusion")
    assert exclusion == ["£372 per pupil per term", "£1,116 per pupil per year",
                         "£1,428 per pupil per term less than the group"]
    assert "1.2 days of exclusion avoided per pupil this term, compared with the term before" in text
    assert "divided by 3 terms" in text
