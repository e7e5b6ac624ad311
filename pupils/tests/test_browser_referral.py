"""One pupil from a class teacher's concern to a place in the nurture group, as the class teacher, the SENCO
and a senior leader in turn, each seeing only what they should."""

import datetime

import pytest

from pupils.models import Placement

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

SECRET = "Grandad, who lived with them, died in August"


def sign_out(page):
    page.get_by_role("button", name="Sign out").click()
    page.wait_for_load_state()


def test_one_pupil_from_concern_to_placement(sign_in, live_server, pupil, group, class_teacher, senco,
                                             senior_leader, check_accessibility, mailoutbox):
    start = datetime.date.today() + datetime.timedelta(days=7)
    review = start + datetime.timedelta(weeks=8)

    # 1. The class teacher raises the concern from the pupil's page.
    page = sign_in(class_teacher)
    page.goto(f"{live_server.url}{pupil.get_absolute_url()}")
    page.get_by_role("link", name="Raise a concern").click()
    check_accessibility()
    page.get_by_label("Withdrawn").check()
    page.get_by_label("Restless and unfocused").check()
    page.get_by_label("What the pupil does").fill("Sits alone, rarely speaks, cannot settle after lunch.")
    page.get_by_label("Home or community circumstances the school knows of").fill(SECRET)
    page.get_by_role("button", name="Save").click()
    assert page.get_by_role("heading", level=1).inner_text() == "Referral of Ada Quill"
    assert "Stage: Concern raised" in page.content()
    assert SECRET not in page.content()  # recorded, but not for a class teacher's eyes
    assert page.get_by_role("link", name="Panel decision").count() == 0
    check_accessibility()
    referral_url = page.url
    sign_out(page)

    # 2. The SENCO gathers the evidence, meets the parents, records consent, and takes it to the panel.
    page = sign_in(senco)
    page.get_by_role("link", name="Referrals", exact=True).click()
    assert "Ada Quill" in page.content()
    check_accessibility()
    page.get_by_role("link", name="Ada Quill").click()
    assert SECRET in page.content()
    assert "still missing:</strong> observation in class, attendance, exclusions, current attainment, " \
           "parental consent" in page.content()
    page.get_by_role("link", name="Edit concern and evidence").click()
    page.get_by_label("Observation in class").fill("In maths, on task for 5 of 20 minutes.")
    page.get_by_label("Attendance so far (%)").fill("92.5")
    page.get_by_label("Fixed-term exclusions so far").fill("0")
    page.get_by_label("Current attainment").fill("Working towards in reading and maths.")
    page.get_by_role("button", name="Save").click()
    page.get_by_role("link", name="Move to the next stage").click()
    page.get_by_label("Move to").select_option("evidence")
    page.get_by_role("button", name="Save").click()
    # Straight to the panel without a reason is refused; the parents' stage comes first.
    page.get_by_role("link", name="Move to the next stage").click()
    page.get_by_label("Move to").select_option("panel")
    page.get_by_role("button", name="Save").click()
    assert "skips a stage: give the reason" in page.content()
    page.get_by_label("Move to").select_option("parents")
    page.get_by_role("button", name="Save").click()
    page.get_by_role("link", name="Record a parent contact").click()
    page.get_by_label("With whom").fill("Mum (Ms Quill)")
    page.get_by_label("The school's nurture group leaflet was given").check()
    page.get_by_role("button", name="Save").click()
    page.get_by_role("link", name="Record consent").click()
    page.get_by_label("Consent given by").fill("Mum (Ms Quill)")
    page.get_by_role("button", name="Save").click()
    page.get_by_role("link", name="Move to the next stage").click()
    page.get_by_label("Move to").select_option("panel")
    page.get_by_role("button", name="Save").click()
    assert "Stage: Panel" in page.content()
    assert "still missing:</strong> nothing." in page.content()
    check_accessibility()
    sign_out(page)

    # 3. A senior leader, at the panel, places the pupil, weighing the group's balance.
    page = sign_in(senior_leader)
    page.goto(referral_url)
    assert SECRET in page.content()
    page.get_by_role("link", name="Panel decision").click()
    assert "The Tree House: 0 of 8 places taken" in page.content()
    check_accessibility()
    page.get_by_label("Placed in a group").check()
    page.get_by_label("Nurture group").select_option(label="The Tree House")
    page.get_by_label("Start date").fill(start.isoformat())
    page.get_by_label("Sessions per week").fill("4")
    page.get_by_label("Lessons kept in class").fill("PE and music")
    page.get_by_label("First review date").fill(review.isoformat())
    page.get_by_role("button", name="Record the decision").click()
    assert "Decided · Placed in a group" in page.content()
    placement = Placement.objects.get(pupil=pupil)
    assert (placement.group, placement.start_date, placement.sessions_per_week) == (group, start, 4)
    sign_out(page)

    # 4. The class teacher is told, in the app and by email, and the case page shows the place.
    page = sign_in(class_teacher)
    assert "has a place in The Tree House" in page.content()
    check_accessibility()
    page.get_by_role("link", name="Ada Quill, whom you referred", exact=False).click()
    assert "The Tree House" in page.content() and "PE and music" in page.content()
    assert SECRET not in page.content()
    from notices.services import digests_send

    digests_send()  # the day's digest (each person's default; they may choose an email for each notice)
    assert [mail.to for mail in mailoutbox] == [[class_teacher.email]]


def test_a_parent_contact_dated_next_year_is_refused_and_keeps_what_was_typed(
        sign_in, live_server, pupil, senco, check_accessibility):
    from pupils.tests.factories import ReferralFactory

    referral = ReferralFactory(pupil=pupil)
    page = sign_in(senco)
    page.goto(f"{live_server.url}/referrals/{referral.pk}/")
    page.get_by_role("link", name="Record a parent contact").click()
    next_year = datetime.date.today() + datetime.timedelta(days=370)
    page.get_by_label("Date").fill(next_year.isoformat())
    page.get_by_label("With whom").fill("Mum (Ms Applewick)")
    page.get_by_label("Notes").fill("Talked about the group at the gate")
    page.get_by_role("button", name="Save").click()

    assert page.get_by_text("This date cannot be in the future").last.is_visible()
    assert page.get_by_label("With whom").input_value() == "Mum (Ms Applewick)"
    assert page.get_by_label("Notes").input_value() == "Talked about the group at the gate"
    assert not referral.parent_contacts.exists()
    check_accessibility()

    page.get_by_label("Date").fill(datetime.date.today().isoformat())
    page.get_by_role("button", name="Save").click()
    assert page.get_by_text("Talked about the group at the gate").is_visible()
    assert referral.parent_contacts.count() == 1
def test_a_double_click_and_back_and_save_again_raise_one_concern(sign_in, live_server, pupil, class_teacher,
                                                                   check_accessibility):
    from pupils.models import Referral

    page = sign_in(class_teacher)
    page.goto(f"{live_server.url}{pupil.get_absolute_url()}")
    page.get_by_role("link", name="Raise a concern").click()
    page.get_by_label("Withdrawn").check()
    page.get_by_label("What the pupil does").fill("Sits alone, rarely speaks.")
    page.get_by_role("button", name="Save").dblclick()
    page.get_by_role("heading", name="Referral of Ada Quill").wait_for()
    assert Referral.objects.filter(pupil=pupil).count() == 1

    page.go_back()  # the filled form again (Chromium reloads it), and Save once more
    page.wait_for_load_state()
    if page.get_by_role("button", name="Save").count():
        page.get_by_role("button", name="Save").click()
        page.get_by_role("heading", name="Referral of Ada Quill").wait_for()
        assert "nothing new was saved" in page.content()
    else:  # reloaded, the page points to the open referral instead of offering a second one
        assert "already has an open referral" in page.content()
        page.get_by_role("link", name="Open the referral").click()
    assert Referral.objects.filter(pupil=pupil).count() == 1
    check_accessibility()

    page.goto(f"{live_server.url}{pupil.get_absolute_url()}")
    assert page.get_by_role("link", name="Raise a concern").count() == 0
