"""What staff see and do on the targets pages, and the query counts that must stay flat as data grows."""

from __future__ import annotations

import datetime
import re
import subprocess

import pytest
from auditlog.models import LogEntry
from django.urls import reverse
from django.utils import timezone

from pupils.tests.factories import PlacementFactory, PupilFactory
from targets.models import (
    Area,
    ObservationSession,
    PupilObservation,
    Rating,
    RatingSource,
    Setting,
    TargetRating,
    TargetStatus,
)
from targets.tests.factories import (
    ObservationSessionFactory,
    PupilObservationFactory,
    PupilProfileFactory,
    TargetFactory,
    TargetRatingFactory,
)

TODAY = timezone.localdate()
pytestmark = pytest.mark.django_db


def _url(name, pupil, target=None):
    kwargs = {"pupil_pk": pupil.pk} | ({"pk": target.pk} if target else {})
    return reverse(f"targets:{name}", kwargs=kwargs)


def _rate(target, days_ago, rating, setting=Setting.NURTURE_GROUP, group=None):
    """Rate the target in the group's session of that day (one session per group, day and setting)."""
    date = TODAY - datetime.timedelta(days=days_ago)
    session = (group and ObservationSession.objects.filter(group=group, date=date, setting=setting).first()
               or ObservationSessionFactory(school=target.school, group=group, setting=setting, date=date))
    observation = (PupilObservation.objects.filter(session=session, pupil=target.pupil).first()
                   or PupilObservationFactory(session=session, pupil=target.pupil, school=target.school))
    return TargetRatingFactory(target=target, pupil_observation=observation, rating=rating)


# The targets page ---------------------------------------------------------------------------------------

def test_targets_page_shows_wording_chart_and_academic_warning(client, nurture_staff, placed_pupil, group):
    target = TargetFactory(pupil=placed_pupil, area=Area.SOCIAL, wording="I will say 'your go' in a game.")
    _rate(target, 14, Rating.EMERGING, group=group)
    _rate(target, 2, Rating.MOSTLY, group=group)
    _rate(target, 1, Rating.CONSISTENTLY, setting=Setting.CLASS, group=group)
    client.force_login(nurture_staff)

    body = client.get(_url("target-list", placed_pupil)).content.decode()

    assert "I will say &#x27;your go&#x27; in a game." in body
    assert "<svg" in body and "In the nurture group" in body and "Elsewhere" in body
    assert "has no active academic target" in body


def test_academic_warning_goes_once_an_academic_target_is_active(client, nurture_staff, placed_pupil):
    TargetFactory(pupil=placed_pupil, area=Area.NUMERACY)
    client.force_login(nurture_staff)
    assert "has no active academic target" not in client.get(_url("target-list", placed_pupil)).content.decode()
    assert "has no active academic target" not in client.get(_url("passport", placed_pupil)).content.decode()


def test_a_pupil_not_in_a_group_gets_no_academic_warning(client, nurture_staff, pupil):
    client.force_login(nurture_staff)
    assert "has no active academic target" not in client.get(_url("target-list", pupil)).content.decode()


def _targets_with_ratings(pupil, group, count):
    for index in range(count):
        target = TargetFactory(pupil=pupil, area=list(Area.values)[index % 6])
        for day in range(count):
            _rate(target, day + 1, day % 4, group=group)


@pytest.mark.parametrize("count", [1, 8])
def test_targets_page_queries_stay_flat(client, nurture_staff, placed_pupil, group, count,
                                        django_assert_max_num_queries):
    _targets_with_ratings(placed_pupil, group, count)
    client.force_login(nurture_staff)
    with django_assert_max_num_queries(16):
        assert client.get(_url("target-list", placed_pupil)).status_code == 200


@pytest.mark.parametrize("count", [1, 8])
def test_target_detail_queries_stay_flat(client, nurture_staff, placed_pupil, group, count,
                                         django_assert_max_num_queries):
    _targets_with_ratings(placed_pupil, group, count)
    target = placed_pupil.targets.first()
    client.force_login(nurture_staff)
    with django_assert_max_num_queries(15):
        assert client.get(_url("target-detail", placed_pupil, target)).status_code == 200


# Writing, changing and reviewing -------------------------------------------------------------------------

def _target_form(owner, **overrides):
    data = {
        "wording": "I will use kind words when I play.", "area": Area.SOCIAL,
        "how_we_will_know": "No unkind words at play on four days out of five.",
        "strategies": "Model kind words; praise them.", "home_strategy": "", "settings": ["group", "playground"],
        "owner": owner.pk, "start_date": TODAY.isoformat(),
        "review_date": (TODAY + datetime.timedelta(weeks=6)).isoformat(), "source": "sdq:prosocial",
    }
    return data | overrides


def test_bad_dates_show_an_error_beside_the_field_and_keep_the_wording(client, nurture_staff, placed_pupil):
    client.force_login(nurture_staff)
    response = client.post(_url("target-create", placed_pupil),
                           _target_form(nurture_staff, review_date=TODAY.isoformat()))
    body = response.content.decode()
    assert response.status_code == 200
    assert "The review date must be after the start date." in body
    assert "I will use kind words when I play." in body
    assert not placed_pupil.targets.exists()


def test_changing_the_wording_keeps_the_history_on_the_target_page(client, nurture_staff, placed_pupil):
    target = TargetFactory(pupil=placed_pupil, owner=nurture_staff, wording="I will use kind words.")
    client.force_login(nurture_staff)
    data = _target_form(nurture_staff, wording="I will use kind words, even when I am cross.", based_on_version=1)
    data.pop("start_date")
    response = client.post(_url("target-edit", placed_pupil, target), data)
    assert response.status_code == 302

    body = client.get(_url("target-detail", placed_pupil, target)).content.decode()
    assert "I will use kind words, even when I am cross." in body
    assert "Version 1" in body and "I will use kind words." in body


def test_an_edit_from_a_stale_page_is_refused_with_a_message(client, nurture_staff, placed_pupil):
    target = TargetFactory(pupil=placed_pupil, owner=nurture_staff)
    client.force_login(nurture_staff)
    data = _target_form(nurture_staff, based_on_version=0)
    data.pop("start_date")
    body = client.post(_url("target-edit", placed_pupil, target), data).content.decode()
    assert "Someone else changed this target" in body
    assert target.versions.count() == 1


def test_reviewing_and_closing_a_target(client, senco, placed_pupil):
    target = TargetFactory(pupil=placed_pupil)
    client.force_login(senco)
    response = client.post(_url("target-review", placed_pupil, target), {
        "reviewed_on": TODAY.isoformat(), "outcome": "achieved", "evidence": "Every day this week.",
        "next_step": "close", "next_review_date": "",
    })
    assert response.status_code == 302
    target.refresh_from_db()
    assert target.status == TargetStatus.ACHIEVED
    assert "Every day this week." in client.get(_url("target-detail", placed_pupil, target)).content.decode()


def test_review_with_change_wording_leads_to_the_edit_page(client, senco, placed_pupil):
    target = TargetFactory(pupil=placed_pupil)
    client.force_login(senco)
    response = client.post(_url("target-review", placed_pupil, target), {
        "reviewed_on": TODAY.isoformat(), "outcome": "partly_achieved", "evidence": "With prompts.",
        "next_step": "change_wording", "next_review_date": (TODAY + datetime.timedelta(weeks=4)).isoformat(),
    })
    assert response["Location"] == _url("target-edit", placed_pupil, target)


# Passport ---------------------------------------------------------------------------------------------

def test_passport_shows_targets_what_helps_and_home(client, class_teacher, placed_pupil):
    TargetFactory(pupil=placed_pupil, wording="I will put my hand up.")
    PupilProfileFactory(pupil=placed_pupil, what_helps_me="A calm voice.")
    client.force_login(class_teacher)
    body = client.get(_url("passport", placed_pupil)).content.decode()
    assert "I will put my hand up." in body and "A calm voice." in body
    assert "My family will follow the 1, 2, 3 strategy." in body
    assert "Edit what helps me" not in body  # class teachers read; the case team edits


@pytest.mark.parametrize("count", [1, 10])
def test_passport_queries_stay_flat(client, nurture_staff, placed_pupil, count, django_assert_max_num_queries):
    for _ in range(count):
        TargetFactory(pupil=placed_pupil)
    client.force_login(nurture_staff)
    with django_assert_max_num_queries(16):
        assert client.get(_url("passport", placed_pupil)).status_code == 200


def _pdf_text(content: bytes) -> tuple[str, int]:
    text = subprocess.run(["pdftotext", "-", "-"], input=content, capture_output=True, check=True).stdout.decode()
    info = subprocess.run(["pdfinfo", "-"], input=content, capture_output=True, check=True).stdout.decode()
    pages = int(next(line.split()[-1] for line in info.splitlines() if line.startswith("Pages:")))
    return text, pages


@pytest.mark.parametrize("count", [1, 9])
def test_passport_pdf_has_the_targets_on_one_page_and_is_audited(client, nurture_staff, placed_pupil, count):
    for index in range(count):
        TargetFactory(pupil=placed_pupil, wording=f"I will try target number {index} every single day.")
    PupilProfileFactory(pupil=placed_pupil, what_helps_me="A calm voice. " * 20)
    client.force_login(nurture_staff)

    response = client.get(_url("passport-pdf", placed_pupil))

    assert response["Content-Type"] == "application/pdf"
    text, pages = _pdf_text(response.content)
    assert pages == 1
    assert "I will try target number 0 every single day." in " ".join(text.split())
    assert LogEntry.objects.filter(additional_data__pupil_id=placed_pupil.pk, additional_data__event="export").exists()


def test_case_page_shows_the_targets_section_with_warning(client, nurture_staff, placed_pupil):
    TargetFactory(pupil=placed_pupil, wording="I will share the blocks.")
    client.force_login(nurture_staff)
    body = client.get(placed_pupil.get_absolute_url()).content.decode()
    assert "I will share the blocks." in body and "has no active academic target" in body


# My class -------------------------------------------------------------------------------------------

def test_my_class_lists_only_my_pupils_who_attend_the_group(client, class_teacher, placed_pupil, school,
                                                             other_class, group):
    TargetFactory(pupil=placed_pupil, wording="I will line up calmly.")
    not_placed = PupilFactory(school=school, school_class=placed_pupil.school_class, legal_last_name="Unplaced")
    elsewhere = PupilFactory(school=school, school_class=other_class, legal_last_name="Otherclass")
    PlacementFactory(pupil=elsewhere, group=group)
    client.force_login(class_teacher)
    body = client.get(reverse("targets:my-class")).content.decode()
    assert "I will line up calmly." in body and placed_pupil.full_name in body
    assert not_placed.legal_last_name not in body and "Otherclass" not in body


@pytest.mark.parametrize("count", [1, 8])
def test_my_class_queries_stay_flat(client, class_teacher, school_class, group, count,
                                    django_assert_max_num_queries):
    for _ in range(count):
        pupil = PupilFactory(school=school_class.school, school_class=school_class)
        PlacementFactory(pupil=pupil, group=group)
        TargetFactory(pupil=pupil)
        TargetFactory(pupil=pupil, area=Area.LITERACY)
        PupilProfileFactory(pupil=pupil)
    client.force_login(class_teacher)
    with django_assert_max_num_queries(17):
        assert client.get(reverse("targets:my-class")).status_code == 200


def test_class_teacher_records_a_target_seen_in_class(client, class_teacher, placed_pupil):
    target = TargetFactory(pupil=placed_pupil)
    client.force_login(class_teacher)
    response = client.post(_url("target-seen", placed_pupil, target),
                           {f"seen-{target.pk}-rating": "3", "next": reverse("targets:my-class")}, follow=True)
    assert "seen in class today (consistently)" in response.content.decode()
    rating = TargetRating.objects.get(target=target)
    assert rating.rating == Rating.CONSISTENTLY and rating.pupil_observation.session.setting == Setting.CLASS


def test_seen_in_class_ignores_a_redirect_to_another_site(client, class_teacher, placed_pupil):
    target = TargetFactory(pupil=placed_pupil)
    client.force_login(class_teacher)
    response = client.post(_url("target-seen", placed_pupil, target),
                           {f"seen-{target.pk}-rating": "2", "next": "https://evil.example/"})
    assert response["Location"] == reverse("targets:my-class")


# The group's session -----------------------------------------------------------------------------------

def _group_with(group, count, targets_each=3):
    pupils = []
    for index in range(count):
        pupil = PupilFactory(school=group.school, legal_last_name=f"Member{index:02d}")
        PlacementFactory(pupil=pupil, group=group, start_date=TODAY - datetime.timedelta(days=60))
        for area in list(Area.values)[:targets_each]:
            target = TargetFactory(pupil=pupil, area=area)
            _rate(target, 3, Rating.MOSTLY, group=group)
        pupils.append(pupil)
    return pupils


def _defaults(response) -> dict:
    """Return the values a browser would submit from the rendered screen untouched (checked radios, inputs)."""
    formset, shown = response.context["formset"], response.context["shown"]
    data = {"date": shown["date"], "setting": shown["setting"], "revision": shown["revision"]}
    management = formset.management_form
    for name in ("TOTAL_FORMS", "INITIAL_FORMS", "MIN_NUM_FORMS", "MAX_NUM_FORMS"):
        data[f"{formset.prefix}-{name}"] = management[name].value()
    for form in formset:
        for name in form.fields:
            value = form[name].value()
            if name in ("incident", "as_last_time"):
                if value:
                    data[form.add_prefix(name)] = "on"
                continue
            data[form.add_prefix(name)] = "" if value is None else value
    return data


def _log_url(group):
    return reverse("targets:observation-log", kwargs={"pk": group.pk})


def test_the_screen_rates_nothing_for_the_adult(client, nurture_staff, group):
    _group_with(group, 3)
    client.force_login(nurture_staff)
    response = client.get(_log_url(group))
    body = response.content.decode()

    # Last time's ratings are offered ('As last time: Mostly settled, mostly, ...'), never pre-selected.
    assert "As last time: Mostly settled, mostly, mostly, mostly" in body
    assert not re.search(r'name="obs-\d-(settled|target_\d+)" value="\d"[^>]*checked', body)
    # Saved untouched, the screen refuses: a present pupil's settledness is for an adult to say.
    untouched = client.post(_log_url(group), _defaults(response))
    assert untouched.status_code == 200 and "Say how settled they were" in untouched.content.decode()
    assert not ObservationSession.objects.filter(date=TODAY).exists()


def test_as_last_time_records_last_ratings_as_confirmed_and_blanks_are_not_stored(client, nurture_staff, group):
    pupils = _group_with(group, 3)
    client.force_login(nurture_staff)
    data = _defaults(client.get(_log_url(group)))
    data["obs-0-as_last_time"] = "on"  # one tap: last time's ratings, confirmed by this adult
    target = pupils[0].targets.order_by("pk").first()
    data[f"obs-0-target_{target.pk}"] = str(Rating.CONSISTENTLY)  # ...except one seen differently today
    data["obs-1-settled"] = "2"  # settled chosen, no target rated: none stored
    data["obs-2-attendance"] = "absent"

    assert client.post(_log_url(group), data).status_code == 302

    session = ObservationSession.objects.get(group=group, date=TODAY)
    lines = {line.pupil_id: line for line in session.pupil_observations.all()}
    assert lines[pupils[0].pk].settled == 3 and lines[pupils[1].pk].settled == 2
    ratings = {rating.target_id: rating for rating in TargetRating.objects.filter(pupil_observation__session=session)}
    assert len(ratings) == 3 and {rating.pupil_id for rating in ratings.values()} == {pupils[0].pk}
    assert ratings[target.pk].rating == Rating.CONSISTENTLY and ratings[target.pk].source == RatingSource.OBSERVED
    carried = [rating for pk, rating in ratings.items() if pk != target.pk]
    assert {(rating.rating, rating.source) for rating in carried} == {(Rating.MOSTLY, RatingSource.AS_LAST_TIME)}
    assert {rating.rated_by for rating in ratings.values()} == {nurture_staff}


def test_logging_a_whole_group_in_one_submit(client, nurture_staff, group):
    pupils = _group_with(group, 10)
    client.force_login(nurture_staff)
    data = _defaults(client.get(_log_url(group)))
    for index in range(10):
        data[f"obs-{index}-as_last_time"] = "on"
    data["obs-3-attendance"] = "absent"
    data["obs-5-incident"] = "on"
    data["obs-5-note"] = "Upset after lunch."

    response = client.post(_log_url(group), data)

    assert response.status_code == 302
    session = ObservationSession.objects.get(group=group, date=TODAY)
    lines = {line.pupil_id: line for line in session.pupil_observations.all()}
    assert len(lines) == 10 and not lines[pupils[3].pk].present
    assert lines[pupils[5].pk].incident and lines[pupils[5].pk].note == "Upset after lunch."
    ratings = TargetRating.objects.filter(pupil_observation__session=session)
    assert ratings.count() == 27 and set(ratings.values_list("rating", flat=True)) == {Rating.MOSTLY}


def test_bad_input_shows_errors_beside_the_field_and_keeps_every_row(client, nurture_staff, group):
    _group_with(group, 3)
    client.force_login(nurture_staff)
    url = _log_url(group)
    data = _defaults(client.get(url))
    data["obs-0-note"] = "Kept note."
    data["obs-0-settled"] = data["obs-1-settled"] = "3"
    data["obs-1-note"] = "x" * 201
    data["obs-2-attendance"] = "absent"

    response = client.post(url, data)

    body = response.content.decode()
    assert response.status_code == 200
    assert "Ensure this value has at most 200 characters" in body
    assert 'value="Kept note."' in body
    assert re.search(r'name="obs-2-attendance" value="absent"[^>]*checked', body)
    assert not PupilObservation.objects.filter(session__observed_by=nurture_staff).exists()


def test_a_present_pupil_without_a_settled_rating_is_refused_beside_the_field(client, nurture_staff, group):
    _group_with(group, 2)
    client.force_login(nurture_staff)
    url = _log_url(group)
    data = _defaults(client.get(url))
    data["obs-0-settled"] = "3"
    body = client.post(url, data).content.decode()
    assert "Say how settled they were (or tap &#x27;As last time&#x27;), or mark them absent." in body
    assert not ObservationSession.objects.filter(observed_by=nurture_staff).exists()


def _all_as_last_time(data, count):
    for index in range(count):
        data[f"obs-{index}-as_last_time"] = "on"
    return data


@pytest.mark.parametrize("count", [1, 10])
def test_observation_screen_queries_stay_flat(client, nurture_staff, group, count, django_assert_max_num_queries):
    _group_with(group, count)
    client.force_login(nurture_staff)
    url = _log_url(group)
    with django_assert_max_num_queries(18):
        response = client.get(url)
    data = _all_as_last_time(_defaults(response), count)
    with django_assert_max_num_queries(28):
        assert client.post(url, data).status_code == 302
    with django_assert_max_num_queries(20):  # the saved session, reopened
        response = client.get(url)
    data = _defaults(response)
    data["obs-0-note"] = "Changed."
    with django_assert_max_num_queries(30):  # ...and saved again: an update
        assert client.post(url, data).status_code == 302


# Saving twice: one session per group, day and setting ---------------------------------------------------

def _saved_once(client, group, count=3):
    pupils = _group_with(group, count)
    data = _all_as_last_time(_defaults(client.get(_log_url(group))), count)
    assert client.post(_log_url(group), data).status_code == 302
    return pupils, data


def test_a_double_submit_keeps_one_session_and_says_it_was_already_saved(client, nurture_staff, group):
    client.force_login(nurture_staff)
    pupils, data = _saved_once(client, group)
    entries = LogEntry.objects.filter(content_type__model="pupilobservation").count()

    response = client.post(_log_url(group), data, follow=True)  # the second click (or Back and resubmit)

    assert "was already saved as shown: nothing was changed" in response.content.decode()
    assert ObservationSession.objects.filter(group=group, date=TODAY).count() == 1
    assert PupilObservation.objects.filter(session__date=TODAY).count() == 3
    assert LogEntry.objects.filter(content_type__model="pupilobservation").count() == entries


def test_the_screen_reopens_on_todays_saved_session_and_saving_again_updates_it(client, nurture_staff, senco,
                                                                                group):
    client.force_login(nurture_staff)
    pupils, _ = _saved_once(client, group)
    session = ObservationSession.objects.get(group=group, date=TODAY)

    client.force_login(senco)  # the second adult, on another tablet
    response = client.get(_log_url(group))
    body = response.content.decode()
    assert "This session was saved" in body
    assert re.search(r'name="obs-0-settled" value="3"[^>]*checked', body)  # as saved, not as last time
    data = _defaults(response)
    data["obs-1-attendance"] = "absent"
    response = client.post(_log_url(group), data, follow=True)

    assert "session on" in response.content.decode() and "updated: 2 present, 1 absent" in response.content.decode()
    assert ObservationSession.objects.filter(group=group, date=TODAY).get() == session
    line = PupilObservation.objects.get(session=session, pupil=pupils[1])
    assert not line.present and not line.ratings.exists()  # an absent pupil keeps no ratings
    entry = LogEntry.objects.filter(content_type__model="pupilobservation", object_id=line.pk,
                                    action=LogEntry.Action.UPDATE).get()
    assert entry.actor == senco and entry.changes["present"] == ["True", "False"]


def test_a_save_from_a_screen_opened_before_another_save_overwrites_nothing(client, nurture_staff, senco, group):
    pupils = _group_with(group, 2)
    client.force_login(nurture_staff)
    first = _all_as_last_time(_defaults(client.get(_log_url(group))), 2)
    second = dict(first)  # a second tablet opened the screen at the same time
    second["obs-0-attendance"] = "absent"
    assert client.post(_log_url(group), first).status_code == 302

    client.force_login(senco)
    response = client.post(_log_url(group), second)

    body = response.content.decode()
    assert response.status_code == 200 and "Someone saved this session from another screen" in body
    assert re.search(r'name="obs-0-attendance" value="absent"[^>]*checked', body)  # their lines are kept
    assert PupilObservation.objects.get(pupil=pupils[0], session__date=TODAY).present  # the first save stands
    resubmitted = client.post(_log_url(group), {**second, "revision": response.context["shown"]["revision"]})
    assert resubmitted.status_code == 302
    assert not PupilObservation.objects.get(pupil=pupils[0], session__date=TODAY).present
    assert ObservationSession.objects.filter(group=group, date=TODAY).count() == 1


def test_the_database_refuses_a_second_session_for_the_same_group_day_and_setting(group, nurture_staff):
    from django.db import IntegrityError, transaction

    ObservationSessionFactory(group=group, school=group.school, date=TODAY)
    with pytest.raises(IntegrityError), transaction.atomic():
        ObservationSessionFactory(group=group, school=group.school, date=TODAY)
    ObservationSessionFactory(group=group, school=group.school, date=TODAY, setting=Setting.PLAYGROUND)


# Dashboards -----------------------------------------------------------------------------------------

@pytest.mark.parametrize("persona", ["senco", "nurture_staff"], indirect=True)
def test_overdue_reviews_and_missing_academic_targets_on_dashboards(client, persona, placed_pupil):
    TargetFactory(pupil=placed_pupil, wording="I will hang up my coat.", start_date=TODAY - datetime.timedelta(weeks=9),
                  review_date=TODAY - datetime.timedelta(days=3))
    client.force_login(persona)
    body = client.get(reverse("home"), follow=True).content.decode()
    assert "Target reviews overdue (1)" in body and "I will hang up my coat." in body
    assert "In the group without an academic target" in body and placed_pupil.full_name in body


def test_class_teacher_dashboard_links_to_my_class(client, class_teacher):
    client.force_login(class_teacher)
    body = client.get(reverse("home"), follow=True).content.decode()
    assert reverse("targets:my-class") in body


def test_class_teacher_cannot_record_seen_for_a_pupil_of_another_class(client, class_teacher, school, other_class):
    pupil = PupilFactory(school=school, school_class=other_class)
    target = TargetFactory(pupil=pupil)
    client.force_login(class_teacher)
    response = client.post(_url("target-seen", pupil, target), {f"seen-{target.pk}-rating": "2"})
    assert response.status_code == 403 and not TargetRating.objects.exists()


@pytest.mark.parametrize("persona", ["governor", "school_admin", "class_teacher"], indirect=True)
def test_only_the_case_team_can_change_targets(client, persona, placed_pupil):
    target = TargetFactory(pupil=placed_pupil)
    client.force_login(persona)
    response = client.post(_url("target-edit", placed_pupil, target), {"wording": "Changed."})
    assert response.status_code == 403 and target.versions.count() == 1


def test_an_empty_passport_submission_is_refused_and_keeps_the_four_texts(client, senco, placed_pupil):
    from targets.models import PupilProfile

    PupilProfileFactory(pupil=placed_pupil, about_me="I like Lego.", what_helps_me="A calm voice.",
                        adult_strategies="Warn me before changes.", home="Mum reads with me.")
    client.force_login(senco)
    url = reverse("targets:passport-edit", args=[placed_pupil.pk])
    empty = {"about_me": "", "what_helps_me": " ", "adult_strategies": "", "home": ""}

    response = client.post(url, empty)

    assert response.status_code == 200
    assert "Nothing was saved: all four boxes were empty" in response.content.decode()
    profile = PupilProfile.objects.get(pupil=placed_pupil)
    assert (profile.about_me, profile.what_helps_me, profile.adult_strategies, profile.home) == (
        "I like Lego.", "A calm voice.", "Warn me before changes.", "Mum reads with me.")

    assert client.post(url, {**empty, "clear_all": "on"}).status_code == 302
    profile.refresh_from_db()
    assert (profile.about_me, profile.home) == ("", ""), "clearing everything is still possible, on purpose"


def test_an_empty_first_passport_is_not_saved(client, senco, placed_pupil):
    from targets.models import PupilProfile

    client.force_login(senco)
    response = client.post(reverse("targets:passport-edit", args=[placed_pupil.pk]),
                           {"about_me": "", "what_helps_me": "", "adult_strategies": "", "home": ""})
    assert "write at least one of the four texts" in response.content.decode()
    assert not PupilProfile.objects.filter(pupil=placed_pupil).exists()
