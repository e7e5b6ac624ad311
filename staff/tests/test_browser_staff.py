"""A fresh install, in the browser only: the superuser creates the school and its admin; the admin invites
the staff, imports the pupils, sets up the group, chooses the privacy settings and invites the SENCO, who
chooses a password, sets up two-factor sign-in and places a pupil."""

from __future__ import annotations

import base64
import datetime
import re

import pytest
from django_otp.oath import totp

from core.models import Role, User
from pupils.models import Placement, Pupil
from pupils.tests.csv_samples import UPN_1, UPN_2, UPN_3

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def _link(mail) -> str:
    return re.search(r"(/invitation/\S+)", mail.body).group(1)


def _sign_out(page):
    page.get_by_role("button", name="Sign out").click()
    page.wait_for_load_state()


def _accept_invitation(page, url: str, password: str, check_accessibility):
    page.goto(url)
    check_accessibility()
    page.locator("#id_new_password1").fill(password)
    page.get_by_label("New password confirmation").fill(password)
    page.get_by_role("button", name="Set my password").click()
    # Their role needs two factors: the set-up page comes straight after.
    assert page.get_by_role("heading", level=1).inner_text() == "Set up two-factor sign-in"
    secret = page.locator("code").inner_text().replace(" ", "")
    page.get_by_label("Code from your app").fill(f"{totp(base64.b32decode(secret)):06d}")
    page.get_by_role("button", name="Turn on two-factor sign-in").click()
    page.get_by_role("link", name="Continue").click()


def _invite(page, first: str, last: str, email: str, role: str):
    page.get_by_role("link", name="Dashboard", exact=True).first.click()
    page.locator("main").get_by_role("link", name="Staff", exact=True).click()
    page.get_by_role("link", name="Invite a member of staff").click()
    page.get_by_label("First name").fill(first)
    page.get_by_label("Last name").fill(last)
    page.get_by_label("Email").fill(email)
    page.get_by_label(role, exact=True).check()
    page.get_by_role("button", name="Send the invitation").click()
    assert f"{first} {last} was invited" in page.content()


def test_a_fresh_install_from_the_first_school_to_a_placed_pupil(sign_in, live_server, tmp_path, mailoutbox,
                                                                  check_accessibility):
    superuser = User.objects.create_superuser("root", "root@example.org", "correct-horse-battery")
    page = sign_in(superuser)

    # 1. The superuser creates the school and invites its first school admin.
    assert page.get_by_role("heading", level=1).inner_text() == "Schools"
    page.get_by_role("link", name="Add a school").click()
    check_accessibility()
    page.get_by_label("School name").fill("Willowmere Primary")
    page.get_by_label("School admin's first name").fill("Cass")
    page.get_by_label("School admin's last name").fill("Admina")
    page.get_by_label("School admin's email").fill("cass@willowmere.example")
    page.get_by_role("button", name="Create the school").click()
    assert "Willowmere Primary was created" in page.content()
    _sign_out(page)

    # 2. The school admin follows the link, chooses a password and sets up two-factor sign-in.
    _accept_invitation(page, live_server.url + _link(mailoutbox[-1]), "willow-admin-passphrase", check_accessibility)
    assert page.get_by_role("heading", level=1).inner_text() == "School admin dashboard"
    checklist = page.locator("#first-run-checklist")
    assert checklist.locator('[data-done="yes"]').count() == 0
    check_accessibility()

    # 3. The staff: a class teacher first (the MIS export names her as 3W's teacher).
    _invite(page, "Tamsin", "Teachwell", "tamsin@willowmere.example", "Class teacher")
    check_accessibility()
    page.get_by_role("link", name="All staff").click()
    assert "Teachwell, Tamsin" in page.locator("#staff-list").inner_text()
    check_accessibility()

    # 4. The pupils, from the MIS.
    export = tmp_path / "willowmere.csv"
    export.write_text(
        "UPN,Legal Surname,Legal Forename,DOB,Gender,Year,Reg Group,Class Teacher,SEN Status\n"
        f"{UPN_1},Brookfield,Ada,14/03/2019,F,3,3W,tamsin@willowmere.example,K\n"
        f"{UPN_2},Larkspur,Ben,02/11/2018,M,3,3W,tamsin@willowmere.example,N\n"
        f"{UPN_3},Mossley,Cara,20/06/2018,F,3,3W,tamsin@willowmere.example,N\n")
    page.get_by_role("link", name="Dashboard", exact=True).first.click()
    page.get_by_role("link", name="Import pupils and classes from your MIS").click()
    page.get_by_label("MIS export (CSV)").set_input_files(str(export))
    page.get_by_role("button", name="Preview the import").click()
    page.get_by_role("button", name="Import 3 pupils").click()
    assert "Import complete: 3 pupils added" in page.content()

    # 5. The nurture group, and the privacy settings.
    page.get_by_role("link", name="Dashboard", exact=True).first.click()
    page.get_by_role("link", name="Create the nurture group").click()
    page.get_by_label("Name").fill("The Willow Room")
    page.get_by_label("Capacity").fill("8")
    page.get_by_role("button", name="Save the group").click()
    assert "The Willow Room was saved" in page.content()
    page.get_by_role("link", name="Choose privacy and retention settings").click()
    page.get_by_role("button", name="Save").click()

    # 6. The SENCO's invitation; the checklist now ticks all but the SENCO's own step.
    _invite(page, "Sol", "Sencombe", "sol@willowmere.example", "SENCO")
    page.get_by_role("link", name="Dashboard", exact=True).first.click()
    assert checklist.locator('[data-done="yes"]').count() == 4
    assert "(the SENCO does this)" in checklist.inner_text()
    check_accessibility()
    _sign_out(page)

    # 7. The SENCO joins with two-factor sign-in and places Ada in the group.
    _accept_invitation(page, live_server.url + _link(mailoutbox[-1]), "sol-senco-passphrase", check_accessibility)
    assert page.get_by_role("heading", level=1).inner_text() == "SENCO dashboard"
    ada = Pupil.objects.get(upn=UPN_1)
    page.goto(f"{live_server.url}{ada.get_absolute_url()}")
    page.get_by_role("link", name="Raise a concern").click()
    page.get_by_label("Withdrawn").check()
    page.get_by_label("What the pupil does").fill("Sits alone at lunch, rarely speaks in class.")
    page.get_by_role("button", name="Save").click()
    page.get_by_role("link", name="Record consent").click()
    page.get_by_label("Consent given by").fill("Mum (Ms Brookfield)")
    page.get_by_role("button", name="Save").click()
    page.get_by_role("link", name="Panel decision").click()
    start = datetime.date.today() + datetime.timedelta(days=7)
    page.get_by_label("Placed in a group").check()
    page.get_by_label("Nurture group").select_option(label="The Willow Room")
    page.get_by_label("Start date").fill(start.isoformat())
    page.get_by_label("Sessions per week").fill("4")
    page.get_by_label("First review date").fill((start + datetime.timedelta(weeks=8)).isoformat())
    page.get_by_label("Reason for deciding before the panel stage").fill("A new school: the panel met on paper.")
    page.get_by_role("button", name="Record the decision").click()
    assert "Decided · Placed in a group" in page.content()

    placement = Placement.objects.get(pupil=ada)
    assert placement.group.name == "The Willow Room" and placement.school.name == "Willowmere Primary"
    senco = User.objects.get(email="sol@willowmere.example")
    assert senco.roles == {Role.SENCO} and senco.school == placement.school
    assert [mail.subject for mail in mailoutbox[:3]] == ["Your Nurture account"] * 3


def test_the_school_admin_resets_a_lost_phone_unlocks_and_marks_a_leaver(sign_in, live_server, school_admin, senco,
                                                                         class_teacher, settings,
                                                                         check_accessibility):
    from axes.models import AccessAttempt
    from django_otp.plugins.otp_totp.models import TOTPDevice

    TOTPDevice.objects.create(user=senco, name="Old phone", confirmed=True)
    AccessAttempt.objects.create(username=class_teacher.username, ip_address="10.0.0.9", user_agent="tablet",
                                 get_data="", post_data="", failures_since_start=settings.AXES_FAILURE_LIMIT,
                                 http_accept="", path_info="/accounts/login/")
    page = sign_in(school_admin)
    page.locator("main").get_by_role("link", name="Staff", exact=True).click()
    assert "Locked out" in page.locator("#staff-list").inner_text()

    page.get_by_role("link", name=f"{senco.last_name}, {senco.first_name}").click()
    check_accessibility()
    page.get_by_role("button", name="Reset two-factor sign-in").click()
    assert "Give the reason" in page.content()
    page.get_by_label("Reason").fill("Lost phone on the school trip")
    page.get_by_role("button", name="Reset two-factor sign-in").click()
    assert "two-factor sign-in was reset" in page.content()
    assert not TOTPDevice.objects.filter(user=senco).exists()

    page.get_by_role("link", name="All staff").click()
    page.get_by_role("link", name=f"{class_teacher.last_name}, {class_teacher.first_name}").click()
    page.get_by_role("button", name="Unlock sign-in").click()
    assert "can sign in again" in page.content()
    page.get_by_label(f"Yes, {class_teacher.first_name} has left the school").check()
    page.get_by_role("button", name=f"Mark {class_teacher.first_name} as a leaver").click()
    assert page.locator("#member-status").inner_text() == "Left"
    page.get_by_role("link", name="The whole history").click()
    history = page.locator("#member-history").inner_text()
    assert "Marked as a leaver" in history and "Sign-in unlocked" in history
    check_accessibility()
    assert not User.objects.get(pk=class_teacher.pk).is_active
