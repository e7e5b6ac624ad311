"""Case notes and meetings: who reads what, restricted notes, actions on the owner's dashboard, the
subject access export and the governors' report."""

from __future__ import annotations

import datetime

import pytest
from auditlog.models import LogEntry
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from casework.models import CaseNote, Meeting, MeetingAction, Visibility
from casework.services import case_note_add
from core.models import Role

from .factories import CaseNoteFactory, MeetingActionFactory, MeetingFactory

TODAY = datetime.date.today()
SECRET = "Disclosed a worry about home to the SENCO"


@pytest.fixture
def notes(pupil, senco):
    CaseNoteFactory(pupil=pupil, recorded_by=senco, text="Joined in at circle time for the first time.")
    CaseNoteFactory(pupil=pupil, recorded_by=senco, text=SECRET, visibility=Visibility.RESTRICTED)


@pytest.mark.django_db
@pytest.mark.parametrize(("persona", "reads_restricted"), [
    ("senco", True), ("senior_leader", True), ("nurture_staff", False), ("class_teacher", False)], indirect=["persona"])
def test_a_restricted_note_is_read_only_by_the_senco_and_senior_leaders(client, persona, reads_restricted, notes,
                                                                         pupil):
    client.force_login(persona)

    page = client.get(reverse("casework:case-record", args=[pupil.pk])).content.decode()

    assert "Joined in at circle time for the first time." in page
    assert (SECRET in page) is reads_restricted
    assert "Seen by the SENCO, senior leaders, nurture staff and the pupil&#x27;s class teacher" in page
    if reads_restricted:
        assert "Seen by the SENCO and senior leaders only" in page
    else:
        assert "1 restricted record can be read only by the SENCO and senior leaders." in page


@pytest.mark.django_db
def test_the_case_page_lists_notes_but_never_a_restricted_one_to_the_class_teacher(client, class_teacher, notes,
                                                                                   pupil):
    client.force_login(class_teacher)

    page = client.get(reverse("pupils:pupil-detail", args=[pupil.pk])).content.decode()

    assert "Case notes and meetings" in page
    assert page.count("Restricted</span>") == 0


@pytest.mark.django_db
def test_nurture_staff_may_write_a_restricted_note_and_are_told_who_can_read_it(client, nurture_staff, pupil):
    client.force_login(nurture_staff)
    url = reverse("casework:note-create", args=[pupil.pk])

    response = client.post(url, {"written_on": TODAY.isoformat(), "text": SECRET, "restricted": "on"}, follow=True)

    note = CaseNote.objects.get()
    assert note.restricted and note.recorded_by == nurture_staff
    page = response.content.decode()
    assert "The note was saved. It is restricted: only the SENCO and senior leaders can read it." in page
    assert SECRET not in page


@pytest.mark.django_db
@pytest.mark.parametrize(("written_on", "message"), [
    (TODAY + datetime.timedelta(days=1), "This date cannot be in the future"),
    (TODAY - datetime.timedelta(days=800), "This date is more than a year ago"),
])
def test_a_note_dated_in_the_future_or_years_ago_is_refused_and_keeps_what_was_typed(client, senco, pupil,
                                                                                     written_on, message):
    client.force_login(senco)

    response = client.post(reverse("casework:note-create", args=[pupil.pk]),
                           {"written_on": written_on.isoformat(), "text": "Typed with care"})

    assert response.status_code == 200
    page = response.content.decode()
    assert message in page and "Typed with care" in page
    assert not CaseNote.objects.exists()


@pytest.mark.django_db
def test_an_empty_note_is_refused(client, senco, pupil):
    client.force_login(senco)

    response = client.post(reverse("casework:note-create", args=[pupil.pk]), {"written_on": "", "text": ""})

    assert response.status_code == 200 and "This field is required." in response.content.decode()
    assert not CaseNote.objects.exists()


@pytest.mark.django_db
def test_a_meeting_records_who_came_what_was_decided_and_its_actions_reach_their_owners(client, senco, nurture_staff,
                                                                                      class_teacher, pupil):
    client.force_login(senco)
    due = TODAY + datetime.timedelta(days=14)
    data = {
        "held_on": TODAY.isoformat(), "kind": "review", "staff_present": [senco.pk, class_teacher.pk],
        "others_present": "Mum", "discussed": "Mornings at home.", "decided": "Keep the place for another term.",
        "actions-TOTAL_FORMS": "3", "actions-INITIAL_FORMS": "0",
        "actions-0-description": "Send home the calm-down plan", "actions-0-owner": nurture_staff.pk,
        "actions-0-due_on": due.isoformat(),
        "actions-1-description": "", "actions-1-owner": "", "actions-1-due_on": "",
    }

    response = client.post(reverse("casework:meeting-create", args=[pupil.pk]), data)

    assert response.status_code == 302
    meeting = Meeting.objects.get()
    assert set(meeting.staff_present.all()) == {senco, class_teacher} and meeting.others_present == "Mum"
    action = MeetingAction.objects.get()
    assert (action.owner, action.due_on, action.pupil) == (nurture_staff, due, pupil)

    client.force_login(nurture_staff)
    dashboard = client.get(reverse("dashboard", args=[Role.NURTURE_STAFF])).content.decode()
    assert "Send home the calm-down plan" in dashboard

    back = reverse("dashboard", args=[Role.NURTURE_STAFF])
    assert client.post(reverse("casework:action-done", args=[action.pk]), {"next": back}).url == back
    action.refresh_from_db()
    assert action.done_on == TODAY and action.done_by == nurture_staff
    assert "Send home the calm-down plan" not in client.get(
        reverse("dashboard", args=[Role.NURTURE_STAFF])).content.decode()


@pytest.mark.django_db
def test_a_half_filled_action_row_is_refused_and_nothing_is_saved(client, senco, pupil):
    client.force_login(senco)
    data = {"held_on": TODAY.isoformat(), "kind": "review", "decided": "Carry on.",
            "actions-TOTAL_FORMS": "1", "actions-INITIAL_FORMS": "0",
            "actions-0-description": "Ring Dad", "actions-0-owner": "", "actions-0-due_on": ""}

    response = client.post(reverse("casework:meeting-create", args=[pupil.pk]), data)

    assert response.status_code == 200
    assert "An action needs what, who and a due date" in response.content.decode()
    assert "Ring Dad" in response.content.decode()
    assert not Meeting.objects.exists()


@pytest.mark.django_db
def test_an_action_cannot_be_owned_by_staff_of_another_school(client, senco, other_school_senco, pupil):
    client.force_login(senco)
    data = {"held_on": TODAY.isoformat(), "kind": "review", "decided": "Carry on.",
            "actions-TOTAL_FORMS": "1", "actions-INITIAL_FORMS": "0",
            "actions-0-description": "Ring Dad", "actions-0-owner": other_school_senco.pk,
            "actions-0-due_on": TODAY.isoformat()}

    response = client.post(reverse("casework:meeting-create", args=[pupil.pk]), data)

    assert response.status_code == 200 and not Meeting.objects.exists()


@pytest.mark.django_db
def test_marking_an_action_done_twice_keeps_the_first_date_and_adult(client, senco, nurture_staff, pupil):
    action = MeetingActionFactory(meeting=MeetingFactory(pupil=pupil, recorded_by=senco), owner=nurture_staff)
    client.force_login(nurture_staff)
    url = reverse("casework:action-done", args=[action.pk])

    client.post(url)
    client.force_login(senco)
    client.post(url)

    action.refresh_from_db()
    assert action.done_by == nurture_staff


@pytest.mark.django_db
def test_adding_a_note_is_audited_against_the_pupil(senco, pupil):
    note = case_note_add(pupil=pupil, user=senco, written_on=TODAY, text="Calmer today.")

    entry = LogEntry.objects.get_for_object(note).get()
    assert entry.action == LogEntry.Action.CREATE and entry.actor == senco
    assert entry.additional_data["pupil_id"] == pupil.pk


@pytest.mark.django_db
def test_restricted_notes_are_in_the_subject_access_export(senco, pupil, notes):
    from privacy.registry import subject_access_sections

    sections = {section.key: section for section in subject_access_sections(pupil)}

    texts = [record.data["text"] for record in sections["case_notes"].records]
    assert SECRET in texts and len(texts) == 2


@pytest.mark.django_db
def test_erasing_the_pupil_clears_the_words_of_notes_and_meetings(senco, pupil, notes):
    from casework.privacy import erase

    MeetingActionFactory(meeting=MeetingFactory(pupil=pupil, recorded_by=senco, decided=SECRET), owner=senco)

    erase(pupil, senco)

    assert not CaseNote.objects.filter(text=SECRET).exists()
    assert not Meeting.objects.filter(decided=SECRET).exists()
    assert CaseNote.objects.count() == 2


def _case_record_queries(client, senco, nurture_staff, pupil, rows: int) -> int:
    for _ in range(rows):
        CaseNoteFactory(pupil=pupil, recorded_by=senco)
        meeting = MeetingFactory(pupil=pupil, recorded_by=senco)
        meeting.staff_present.add(senco, nurture_staff)
        MeetingActionFactory(meeting=meeting, owner=nurture_staff)
    client.force_login(senco)
    with CaptureQueriesContext(connection) as queries:
        response = client.get(reverse("casework:case-record", args=[pupil.pk]))
    assert response.status_code == 200
    return len(queries)


@pytest.mark.django_db
def test_the_case_record_page_queries_do_not_grow_with_notes_and_meetings(client, senco, nurture_staff, pupil):
    few = _case_record_queries(client, senco, nurture_staff, pupil, 2)
    many = _case_record_queries(client, senco, nurture_staff, pupil, 10)

    assert many == few


@pytest.mark.django_db
def test_the_case_page_summary_lists_the_latest_three_newest_first(client, senco, pupil):
    for days, text in ((9, "oldest"), (5, "middle"), (1, "newest")):
        CaseNoteFactory(pupil=pupil, recorded_by=senco, written_on=TODAY - datetime.timedelta(days=days), text=text)
    MeetingFactory(pupil=pupil, recorded_by=senco, held_on=TODAY - datetime.timedelta(days=3),
                   visibility=Visibility.RESTRICTED)
    client.force_login(senco)

    page = client.get(reverse("pupils:pupil-detail", args=[pupil.pk])).content.decode()

    day = lambda n: (TODAY - datetime.timedelta(days=n)).strftime("%-d %b %Y")  # noqa: E731
    assert page.index(f"Note, {day(1)}") < page.index(f"Placement review, {day(3)}") < page.index(f"Note, {day(5)}")
    assert f"Note, {day(9)}" not in page
