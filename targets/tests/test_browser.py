"""The issue's journeys in a real browser: write and review a target, print a passport, record a target
seen in class, and log a whole group's session in one submit."""

from __future__ import annotations

import datetime
import re
import subprocess

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from pupils.tests.factories import PlacementFactory, PupilFactory
from targets.models import Area, ObservationSession, Rating, RatingSource, Setting, TargetRating, TargetStatus
from targets.tests.factories import (
    ObservationSessionFactory,
    PupilObservationFactory,
    PupilProfileFactory,
    TargetFactory,
    TargetRatingFactory,
)

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
TODAY = timezone.localdate()


def test_writing_and_reviewing_a_target(sign_in, live_server, nurture_staff, placed_pupil, check_accessibility):
    page = sign_in(nurture_staff)
    page.goto(f"{live_server.url}/pupils/{placed_pupil.pk}/targets/")
    assert "has no active academic target" in page.content()
    check_accessibility()

    page.get_by_role("link", name="Add a target").click()
    page.get_by_label("The target, in the pupil's words").fill("I will read my book to an adult every day.")
    page.get_by_label("Area").select_option("literacy")
    page.get_by_label("How we will know it is met").fill("My reading record is signed five times a week.")
    page.get_by_label("What adults do to help").fill("A daily five-minute read with the same adult.")
    page.get_by_label("What happens at home").fill("I will read to my gran at bedtime.")
    page.get_by_role("checkbox", name="Home").check()
    check_accessibility()
    page.get_by_role("button", name="Save the target").click()

    assert page.get_by_role("heading", level=1).inner_text() == "I will read my book to an adult every day."
    check_accessibility()
    page.get_by_role("link", name="Review").click()
    page.get_by_label("Partly achieved").check()
    page.get_by_label("Evidence").fill("Read on four days out of five.")
    page.get_by_label("Change the wording").check()
    page.get_by_role("button", name="Save the review").click()

    # Changing the wording after the review: the first wording stays in the history.
    page.get_by_label("The target, in the pupil's words").fill("I will read my book to an adult four days a week.")
    page.get_by_role("button", name="Save the target").click()
    body = page.content()
    assert "I will read my book to an adult four days a week." in body
    assert "Read on four days out of five." in body and "Partly achieved" in body
    assert "I will read my book to an adult every day." in body  # version 1, under "Earlier wording"
    target = placed_pupil.targets.get()
    assert target.status == TargetStatus.ACTIVE and target.versions.count() == 2

    page.goto(f"{live_server.url}/pupils/{placed_pupil.pk}/targets/")
    assert "has no active academic target" not in page.content()


def test_printing_a_passport(sign_in, live_server, class_teacher, placed_pupil, check_accessibility):
    TargetFactory(pupil=placed_pupil, wording="I will put my hand up when I want to say something.")
    TargetFactory(pupil=placed_pupil, area=Area.NUMERACY, wording="I will count objects to 20.")
    PupilProfileFactory(pupil=placed_pupil, what_helps_me="A calm voice and a visual timetable.")
    page = sign_in(class_teacher)
    page.goto(f"{live_server.url}/pupils/{placed_pupil.pk}/passport/")
    assert "A calm voice and a visual timetable." in page.content()
    check_accessibility()

    with page.expect_download() as download_info:
        page.get_by_role("link", name="Print (PDF)").click()
    path = download_info.value.path()

    text = subprocess.run(["pdftotext", str(path), "-"], capture_output=True, check=True).stdout.decode()
    info = subprocess.run(["pdfinfo", str(path)], capture_output=True, check=True).stdout.decode()
    assert "I will put my hand up when I want to say something." in " ".join(text.split())
    assert "I will count objects to 20." in text
    assert "Pages:           1" in info


def test_class_teacher_records_a_target_seen_in_a_lesson(sign_in, live_server, class_teacher, placed_pupil,
                                                         check_accessibility):
    target = TargetFactory(pupil=placed_pupil, wording="I will line up calmly.")
    TargetFactory(pupil=placed_pupil, area=Area.LITERACY, wording="I will read every day.")
    page = sign_in(class_teacher)

    page.get_by_role("link", name="My class", exact=True).first.click()
    assert "I will line up calmly." in page.content()
    check_accessibility()
    form = page.locator("form", has_text="I will line up calmly.")
    assert form.locator('input[type="radio"]:checked').count() == 0  # no rating is chosen for the teacher
    form.get_by_text("Consistently").click()
    form.get_by_role("button", name="Seen in class").click()

    assert "seen in class today (consistently)" in page.content()
    rating = TargetRating.objects.get(target=target)
    assert rating.rating == Rating.CONSISTENTLY
    assert rating.pupil_observation.session.setting == Setting.CLASS


class Actions:
    """Count what the member of staff does on the page: every tap and every typed field."""

    def __init__(self):
        self.taps = 0
        self.submits = 0

    def tap(self, locator, submit: bool = False):
        self.taps += 1
        self.submits += submit
        locator.click()

    def type(self, locator, text: str):
        self.taps += 1
        locator.fill(text)


def _group_rated_last_time(group, count=10):
    """A group whose pupils (3 targets each) were all rated 'mostly' and 'mostly settled' yesterday."""
    pupils, targets = [], {}
    last_session = ObservationSessionFactory(group=group, school=group.school, date=TODAY - datetime.timedelta(days=1))
    for index in range(count):
        pupil = PupilFactory(school=group.school, legal_first_name=f"Child{index}",
                             legal_last_name=f"Member{index:02d}")
        PlacementFactory(pupil=pupil, group=group, start_date=TODAY - datetime.timedelta(days=30))
        observation = PupilObservationFactory(session=last_session, pupil=pupil, school=group.school, settled=3)
        targets[pupil.pk] = []
        for area in (Area.SOCIAL, Area.BEHAVIOURAL, Area.LITERACY):
            target = TargetFactory(pupil=pupil, area=area, wording=f"{pupil.first_name}'s {area} target.")
            TargetRatingFactory(target=target, pupil_observation=observation, rating=Rating.MOSTLY)
            targets[pupil.pk].append(target)
        pupils.append(pupil)
    return pupils, targets


def test_logging_a_whole_group_of_ten_rates_only_what_an_adult_chose(sign_in, live_server, nurture_staff, group,
                                                                     check_accessibility):
    pupils, targets = _group_rated_last_time(group)
    page = sign_in(nurture_staff)
    actions = Actions()

    actions.tap(page.get_by_role("link", name=f"Log a session: {group.name}"))
    check_accessibility()
    # Nothing is pre-selected for the adult: no settled rating, no target rating.
    assert page.locator('input[name$="-settled"]:checked, input[name*="-target_"][value]:not([value=""]):checked'
                        ).count() == 0
    # A typical session: one child is away, one had a great day on a target, one had an incident, one was
    # not watched closely enough to rate; everyone else was as last time.
    actions.tap(page.locator('label[for="id_obs-2-attendance_1"]'))
    for index in range(10):
        if index not in (2, 9):
            actions.tap(page.locator(f'label[for="id_obs-{index}-as_last_time"]'))
    first_target = targets[pupils[0].pk][0]
    actions.tap(page.locator(f'label[for="id_obs-0-target_{first_target.pk}_4"]'))  # Consistently
    actions.tap(page.locator('label[for="id_obs-9-settled_1"]'))  # Sometimes settled; no target rated
    actions.tap(page.get_by_label("Incident").nth(6))
    actions.type(page.get_by_label("Note (optional)").nth(6), "Upset after lunch; calmed with the feelings card.")
    actions.tap(page.get_by_role("button", name="Save the session"), submit=True)

    assert "9 present, 1 absent" in page.content()
    assert actions.submits == 1 and actions.taps == 15  # the link, 13 taps on the screen, one field typed
    session = ObservationSession.objects.get(group=group, date=TODAY)
    lines = {line.pupil_id: line for line in session.pupil_observations.all()}
    assert len(lines) == 10 and lines[pupils[2].pk].present is False
    assert lines[pupils[6].pk].incident and "feelings card" in lines[pupils[6].pk].note
    assert lines[pupils[9].pk].settled == 2
    ratings = {rating.target_id: rating for rating in TargetRating.objects.filter(pupil_observation__session=session)}
    assert len(ratings) == 24  # 8 pupils x 3 targets: the absent pupil and the unrated one have none
    assert ratings[first_target.pk].rating == Rating.CONSISTENTLY
    assert ratings[first_target.pk].source == RatingSource.OBSERVED
    assert sum(rating.source == RatingSource.AS_LAST_TIME for rating in ratings.values()) == 23

    # Reopened, the screen shows what was saved today; saving again changes nothing and says so.
    page.goto(f"{live_server.url}/groups/{group.pk}/observations/")
    assert "This session was saved" in page.content()
    assert page.locator('input[name="obs-2-attendance"][value="absent"]').is_checked()
    page.get_by_role("button", name="Save the session").click()
    assert "already saved as shown" in page.content()
    assert ObservationSession.objects.filter(group=group, date=TODAY).count() == 1


@pytest.mark.parametrize("javascript", [True, False], ids=["with-js", "without-js"])
def test_a_double_click_on_save_logs_one_session(sign_in, live_server, nurture_staff, group, browser, javascript):
    pupils, _ = _group_rated_last_time(group, count=3)
    page = sign_in(nurture_staff)
    if not javascript:
        context = browser.new_context(java_script_enabled=False, storage_state=page.context.storage_state())
        page = context.new_page()
    page.goto(f"{live_server.url}/groups/{group.pk}/observations/")
    for label in page.get_by_text("As last time: Mostly settled").all():
        label.click()
    page.get_by_role("button", name="Save the session").dblclick()
    expect(page).to_have_url(re.compile(r"date="))  # the saved (or 'already saved') answer

    assert ObservationSession.objects.filter(group=group, date=TODAY).count() == 1
    assert TargetRating.objects.filter(observed_on=TODAY).count() == 9
    page.goto(f"{live_server.url}/groups/{group.pk}/observations/")
    assert "This session was saved" in page.content()
    if not javascript:
        page.context.close()
