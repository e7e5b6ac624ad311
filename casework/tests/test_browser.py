"""The journey in a real browser: the SENCO records a review meeting with an action for the nurture
teacher and a restricted note; the nurture teacher sees the action on her dashboard and marks it done,
and reads the case record without the restricted note."""

from __future__ import annotations

import datetime

import pytest

from casework.models import CaseNote, MeetingAction

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_a_meeting_action_reaches_its_owner_and_a_restricted_note_stays_restricted(
        sign_in, live_server, senco, nurture_staff, class_teacher, placed_pupil, check_accessibility):
    pupil = placed_pupil
    page = sign_in(senco)
    page.goto(f"{live_server.url}/pupils/{pupil.pk}/")
    page.get_by_role("link", name="Record a meeting").first.click()
    check_accessibility()
    page.get_by_role("checkbox", name=senco.get_full_name()).check()
    page.get_by_role("checkbox", name=class_teacher.get_full_name()).check()
    page.get_by_label("Others present").fill("Mum")
    page.get_by_label("What was decided").fill("Keep the place for another term.")
    page.get_by_label("Action, row 1").fill("Send home the calm-down plan")
    page.get_by_label("Who, row 1").select_option(label=nurture_staff.get_full_name())
    due = datetime.date.today() + datetime.timedelta(days=10)
    page.get_by_label("Due by, row 1").fill(due.isoformat())
    page.get_by_role("button", name="Save the meeting").click()
    page.wait_for_load_state()
    assert "The meeting was saved." in page.content()
    assert "Send home the calm-down plan" in page.content()
    check_accessibility()

    page.get_by_role("link", name="Add a note").click()
    page.get_by_label("Note").fill("Told me something private about home.")
    page.get_by_label("Restricted: SENCO and senior leaders only").check()
    page.get_by_role("button", name="Save the note").click()
    page.wait_for_load_state()
    assert "Seen by the SENCO and senior leaders only" in page.content()
    assert CaseNote.objects.get().restricted

    page.context.clear_cookies()
    page = sign_in(nurture_staff)
    page.goto(f"{live_server.url}/dashboard/nurture_staff/")
    assert "Your actions from meetings" in page.content()
    check_accessibility()
    page.get_by_role("button", name="Mark done: Send home the calm-down plan").click()
    page.wait_for_load_state()
    assert "The action is marked done." in page.content()
    assert MeetingAction.objects.get().done_by == nurture_staff

    page.goto(f"{live_server.url}/pupils/{pupil.pk}/case-notes/")
    body = page.content()
    assert "Keep the place for another term." in body
    assert "Told me something private about home." not in body
    assert "1 restricted record can be read only by the SENCO and senior leaders." in body
    check_accessibility()
