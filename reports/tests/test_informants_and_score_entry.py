"""The report gives the same figures whether a school typed in every answer or entered the scores, and counts
the parent SDQ apart from the teacher's."""

from __future__ import annotations

import datetime

import pytest

from assessments import services
from assessments.tests.factories import record_item_entry_licences
from assessments.tests.test_score_entry import EXAMPLE_1, EXAMPLE_1_SCALES
from core.terms import Term
from pupils.tests.factories import SchoolFactory, UserFactory
from reports.disclosure import Disclosure
from reports.sections import parent_sdq_section, semh_section
from reports.tests.scenario import TERM, build_term

FIRST, LATEST = datetime.date(2026, 9, 20), datetime.date(2026, 11, 20)
# Every answer 0, worked by hand: emotional 0; conduct 2 (item 7 reversed); hyperactivity 4 (21, 25 reversed);
# peer 4 (11, 14 reversed); prosocial 0; total 10: close to average for both versions (teacher 0-11, parent 0-13).
ALL_ZERO = {item: 0 for item in range(1, 26)}
ALL_ZERO_SCALES = {"emotional": 0, "conduct": 2, "hyperactivity": 4, "peer": 4, "prosocial": 0}
# Boxall, default map, every item 2 (then 3): clusters of 4 items total 8 (12), clusters of 3 total 6 (9).
FOUR_ITEM_CLUSTERS = set("ABCDQRST")


def _clusters(per_item: int) -> dict[str, int]:
    return {code: per_item * (4 if code in FOUR_ITEM_CLUSTERS else 3) for code in "ABCDEFGHIJQRSTUVWXYZ"}


def _school(name: str, *, licensed: bool):
    school = SchoolFactory(name=name)
    senco = UserFactory(school=school, roles=["senco"])
    if licensed:
        record_item_entry_licences(school, senco)
    pupils = list(build_term(school)["pupils"].order_by("pk"))[:6]
    return school, senco, pupils


def _header(day):
    return {"purpose": "termly", "completed_on": day, "completed_by_name": "Form filler"}


@pytest.fixture
def both_ways(db):
    """The same six children in two schools: one typed in every answer, the other entered the scored forms."""
    by_items, senco, pupils = _school("Item Primary", licensed=True)
    for index, pupil in enumerate(pupils):
        informants = ("teacher", "parent") if index < 3 else ("teacher",)
        for informant in informants:
            services.sdq_record(pupil=pupil, user=senco, informant=informant, answers=EXAMPLE_1, **_header(FIRST))
            services.sdq_record(pupil=pupil, user=senco, informant=informant, answers=ALL_ZERO, **_header(LATEST))
        services.boxall_record(pupil=pupil, user=senco, item_scores={key: 2 for key in range(1, 69)},
                               **_header(FIRST))
        services.boxall_record(pupil=pupil, user=senco, item_scores={key: 3 for key in range(1, 69)},
                               **_header(LATEST))
    by_scores, senco, pupils = _school("Score Primary", licensed=False)
    for index, pupil in enumerate(pupils):
        informants = ("teacher", "parent") if index < 3 else ("teacher",)
        for informant in informants:
            services.sdq_scores_record(pupil=pupil, user=senco, informant=informant, source="sdqscore",
                                       scales=EXAMPLE_1_SCALES, total=21, **_header(FIRST))
            services.sdq_scores_record(pupil=pupil, user=senco, informant=informant, source="paper",
                                       scales=ALL_ZERO_SCALES, **_header(LATEST))
        services.boxall_scores_record(pupil=pupil, user=senco, source="handbook", cluster_scores=_clusters(2),
                                      **_header(FIRST))
        services.boxall_scores_record(pupil=pupil, user=senco, source="boxall_online", cluster_scores=_clusters(3),
                                      **_header(LATEST))
    return by_items, by_scores


def _tables(section: dict) -> list:
    return [(str(table["caption"]), table["rows"]) for table in section["tables"]]


def _shown(build, *args) -> dict:
    """Build a section with its own disclosure rules and return it as the page shows it (text)."""
    disclosure = Disclosure(3)
    section = build(*args, disclosure)
    disclosure.resolve()
    return {"paragraphs": [str(text) for text in section["paragraphs"]],
            "tables": [{"caption": str(table["caption"]),
                        "rows": [[str(cell) for cell in row] for row in table["rows"]]}
                       for table in section["tables"]]}


def test_score_entry_and_item_entry_give_the_same_report_figures(both_ways):
    by_items, by_scores = both_ways
    term = Term.parse(TERM)
    items_semh, scores_semh = _shown(semh_section, by_items, term), _shown(semh_section, by_scores, term)
    assert _tables(scores_semh) == _tables(items_semh)
    assert scores_semh["paragraphs"] == items_semh["paragraphs"]
    assert _shown(parent_sdq_section, by_scores, term) == _shown(parent_sdq_section, by_items, term)
    # And the figures are the hand-worked ones: six teacher forms go 21 -> 10, all better.
    rows = {row[0]: row[1:] for row in scores_semh["tables"][0]["rows"]}
    assert rows["Total difficulties went down (better)"] == ["6"]
    assert rows["Average total: first form → latest"] == ["21.0 → 10.0"]
    bands = {row[0]: row[1:] for row in scores_semh["tables"][1]["rows"]}
    assert bands["Very high"] == ["6", "0"] and bands["Close to average"] == ["0", "6"]


def test_the_parent_sdq_is_counted_apart_from_the_teachers(both_ways):
    _, by_scores = both_ways
    section = _shown(parent_sdq_section, by_scores, Term.parse(TERM))
    rows = {row[0]: row[1:] for row in section["tables"][0]["rows"]}
    assert rows["With a first and a latest parent SDQ"] == ["3"]
    assert rows["Total difficulties went down (better)"] == ["3"]
    assert rows["No evidence (fewer than two parent SDQs)"] == ["4"]  # 7 served this term, 3 with parent forms
    bands = {row[0]: row[1:] for row in section["tables"][1]["rows"]}
    # Total 21 is very high on the parent cut-offs too (20-40); 10 is close to average (0-13).
    assert bands["Very high"] == ["3", "0"] and bands["Close to average"] == ["0", "3"]
    teacher = {row[0]: row[1:] for row in _shown(semh_section, by_scores, Term.parse(TERM))["tables"][0]["rows"]}
    assert teacher["Total difficulties went down (better)"] == ["6"]  # the parent forms are not in it


def test_the_readiness_timeline_reads_the_same_from_both_ways_in(both_ways):
    from pupils.models import Pupil
    from reintegration.selectors import timeline_for_pupil

    by_items, by_scores = both_ways
    first_of = {school: Pupil.objects.filter(school=school).order_by("pk").first() for school in both_ways}
    items, scores = (timeline_for_pupil(first_of[school], []) for school in (by_items, by_scores))
    assert [(p.day, p.value, p.label) for p in scores.sdq] == [(p.day, p.value, p.label) for p in items.sdq]
    assert [(p.day, p.value) for p in scores.boxall] == [(p.day, p.value) for p in items.boxall]
    assert [p.value for p in scores.sdq] == [21, 10]  # teacher forms only
    assert [p.value for p in scores.boxall] == [50.0, 75.0]  # section I: 2 of 4 per item, then 3 of 4
