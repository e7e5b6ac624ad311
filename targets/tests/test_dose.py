"""Dose, counted by hand from a four-week November (see targets/dose.py for the rules).

The group meets Monday, Tuesday and Thursday. The pupil joins on Tue 3 Nov for two sessions a week and
leaves on Thu 26 Nov (their last day in the group is Wed 25). 16-20 Nov is half-term: nothing recorded.

week of   pattern days in the placement   planned (cap 2)   group sessions recorded   held   present   attended
2 Nov     Tue 3, Thu 5                    2                 Tue 3, Thu 5              2      Tue 3     1
9 Nov     Mon 9, Tue 10, Thu 12           2                 Mon 9 (and a class one)   1      Mon 9     1
16 Nov    (holiday: no session anywhere)  0                 -                         0      -         0
23 Nov    Mon 23, Tue 24 (Thu 26: left)   2                 Mon 23, Tue 24, Thu 26    2      both      2
total                                     6                                           5                4 (67%)
"""

from __future__ import annotations

import datetime

import pytest
from django.urls import reverse

from pupils.models import GroupSession
from pupils.tests.factories import NurtureGroupFactory, PlacementFactory
from targets.dose import Dose, group_dose, pupil_dose
from targets.models import Setting

from .factories import ObservationSessionFactory, PupilObservationFactory

NOV = lambda day: datetime.date(2026, 11, day)  # noqa: E731


@pytest.fixture
def november(school, pupil, nurture_staff):
    group = NurtureGroupFactory(school=school, name="The Den")
    for weekday in (0, 1, 3):
        GroupSession.objects.create(group=group, weekday=weekday, starts_at=datetime.time(9),
                                    ends_at=datetime.time(11, 30))
    PlacementFactory(pupil=pupil, group=group, start_date=NOV(3), end_date=NOV(26), sessions_per_week=2)
    present = {3: True, 5: False, 9: True, 23: True, 24: True}
    for day in (3, 5, 9, 23, 24, 26):
        session = ObservationSessionFactory(group=group, date=NOV(day), observed_by=nurture_staff)
        if day in present:
            PupilObservationFactory(session=session, pupil=pupil, present=present[day],
                                    settled=3 if present[day] else None)
    ObservationSessionFactory(group=group, date=NOV(11), setting=Setting.CLASS, observed_by=nurture_staff)
    return group


@pytest.mark.django_db
def test_the_pupils_dose_is_the_hand_count(pupil, november):
    dose = pupil_dose(pupil, start=NOV(2), end=NOV(27))

    assert dose == Dose(planned=6, held=5, attended=4)
    assert dose.attended_percent == 67  # 4 / 6 = 66.7, half up


@pytest.mark.django_db
def test_a_week_the_school_recorded_anything_is_a_school_week(pupil, november, nurture_staff):
    ObservationSessionFactory(group=None, school=pupil.school, date=NOV(17), setting=Setting.CLASS,
                              observed_by=nurture_staff)

    dose = pupil_dose(pupil, start=NOV(2), end=NOV(27))

    assert dose == Dose(planned=8, held=5, attended=4)  # the week of 16 Nov is due (2) and none was held


@pytest.mark.django_db
def test_the_groups_dose_is_the_hand_count(pupil, november):
    dose = group_dose(november, start=NOV(2), end=NOV(27))

    # Pattern days in the three open weeks: 3 + 3 + 3 = 9; held on them: 3, 5, 9, 23, 24, 26 = 6.
    assert (dose.sessions_planned, dose.sessions_held, dose.held_percent) == (9, 6, 67)
    assert dose.pupils == Dose(planned=6, held=5, attended=4) and dose.pupil_count == 1


@pytest.mark.django_db
def test_a_pupil_with_no_placement_has_no_dose(pupil):
    assert pupil_dose(pupil) == Dose(0, 0, 0)
    assert Dose(0, 0, 0).attended_percent is None


@pytest.mark.django_db
def test_the_case_page_and_the_group_page_show_the_sessions(client, senco, pupil, november):
    client.force_login(senco)

    case = client.get(reverse("pupils:pupil-detail", args=[pupil.pk])).content.decode()
    group = client.get(november.get_absolute_url()).content.decode()

    assert "Sessions received" in case
    assert "<th scope=\"row\">Since joining</th><td>6</td><td>5</td><td>4 (67% of those due)</td>" in case
    assert "Sessions this term" in group
