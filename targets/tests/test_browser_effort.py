"""What logging a 9-pupil session (3 targets each) costs the adult, counted in a real browser.

Method: each scenario is played in Chromium; every `click` on the screen (a radio's label, a toggle, the
field focused before typing, the save button) counts one click, and every character typed with
`press_sequentially` counts one keystroke. The same file runs on a checkout without 'As last time' (the
screen that pre-selected last time's ratings): there the adult changes only what differs, so the script
measures both screens. The numbers are printed (`-s`) and pinned for this screen.
"""

from __future__ import annotations

import datetime
import re

import pytest
from django.utils import timezone

from pupils.tests.factories import PlacementFactory, PupilFactory
from targets.models import Area, ObservationSession, Rating, TargetRating
from targets.tests.factories import ObservationSessionFactory, PupilObservationFactory, TargetFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
TODAY = timezone.localdate()
NOTE = "Upset after lunch; calmed with the feelings card."


class Counter:
    def __init__(self, page):
        self.page, self.clicks, self.keys = page, 0, 0

    def click(self, selector: str):
        self.clicks += 1
        self.page.locator(selector).click()

    def type(self, selector: str, text: str):
        self.click(selector)  # focus the field
        self.keys += len(text)
        self.page.locator(selector).press_sequentially(text)


def _group_of_nine(group):
    """Nine pupils, three targets each, all rated 'mostly' and 'mostly settled' yesterday."""
    yesterday = ObservationSessionFactory(group=group, school=group.school, date=TODAY - datetime.timedelta(days=1))
    pupils = []
    for index in range(9):
        pupil = PupilFactory(school=group.school, legal_last_name=f"Member{index:02d}")
        PlacementFactory(pupil=pupil, group=group, start_date=TODAY - datetime.timedelta(days=30))
        observation = PupilObservationFactory(session=yesterday, pupil=pupil, school=group.school, settled=3)
        for area in (Area.SOCIAL, Area.BEHAVIOURAL, Area.LITERACY):
            target = TargetFactory(pupil=pupil, area=area)
            rating = {"target": target, "pupil_observation": observation, "rating": Rating.MOSTLY,
                      "observed_on": yesterday.date, "school": group.school, "pupil": pupil}
            if hasattr(TargetRating, "rated_by"):
                rating["rated_by"] = yesterday.observed_by
            TargetRating.objects.create(**rating)
        pupils.append(pupil)
    return pupils


def _play(page, live_server, group, absent=(), changed=(), incident=None) -> Counter:
    page.goto(f"{live_server.url}/groups/{group.pk}/observations/")
    counter = Counter(page)
    carry = page.locator('input[name$="-as_last_time"]').count() > 0
    for index in range(9):
        if index in absent:
            counter.click(f'label[for="id_obs-{index}-attendance_1"]')
        elif carry:
            counter.click(f'label[for="id_obs-{index}-as_last_time"]')
    for index in changed:  # the pupil's first target seen 'consistently' today
        target_input = page.locator(f'input[name^="obs-{index}-target_"][value="3"]').first
        counter.click(f'label[for="{target_input.get_attribute("id")}"]')
    if incident is not None:
        counter.click(f'#id_obs-{incident}-incident')
        counter.type(f'#id_obs-{incident}-note', NOTE)
    counter.click('button[type="submit"]:has-text("Save the session")')
    page.get_by_text(re.compile(r"\d+ present, \d+ absent")).wait_for()
    return counter


@pytest.mark.parametrize("scenario", ["nothing unusual", "typical day"])
def test_clicks_and_keystrokes_for_a_nine_pupil_session(sign_in, live_server, nurture_staff, group, scenario):
    _group_of_nine(group)
    page = sign_in(nurture_staff)
    kwargs = {"nothing unusual": {}, "typical day": {"absent": (2,), "changed": (0,), "incident": 6}}[scenario]

    counter = _play(page, live_server, group, **kwargs)

    session = ObservationSession.objects.get(group=group, date=TODAY)
    ratings = TargetRating.objects.filter(pupil_observation__session=session).count()
    print(f"\n[effort] {scenario}: {counter.clicks} clicks, {counter.keys} keystrokes, {ratings} ratings stored")
    present = 9 - len(kwargs.get("absent", ()))
    assert ratings == present * 3
    if page.locator('input[name$="-as_last_time"]').count():
        # One tap per present pupil, one per change, the incident, the note's field, and the save.
        assert counter.clicks == present + len(kwargs.get("changed", ())) + len(kwargs.get("absent", ())) + \
            (2 if kwargs.get("incident") is not None else 0) + 1
        assert counter.keys == (len(NOTE) if kwargs.get("incident") is not None else 0)
