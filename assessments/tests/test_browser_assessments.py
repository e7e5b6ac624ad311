"""Entering an SDQ and a Boxall Profile from the keyboard, and seeing the whole-child charts update."""

import pytest

from assessments.models import BoxallProfile, SdqAssessment

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def _chart_description(page, title: str) -> str:
    return page.locator(f"svg:has(title:text-is('{title}')) desc").first.text_content()


def _type_answers(page, digit: str, count: int) -> None:
    """Copy a paper form: focus the first item, then type one digit per item (the page moves on)."""
    page.locator("[data-item-row] input[type=radio]").first.focus()
    for _ in range(count):
        page.keyboard.press(digit)


def test_a_class_teacher_enters_an_sdq_from_the_keyboard_and_sees_the_chart_update(
    item_entry_licences, sign_in, live_server, class_teacher, placed_pupil, check_accessibility
):
    page = sign_in(class_teacher)
    page.goto(f"{live_server.url}/pupils/{placed_pupil.pk}/")
    page.get_by_role("link", name="See the whole child").click()
    assert page.get_by_text("No SDQ recorded yet.").is_visible()
    check_accessibility()

    page.get_by_role("link", name="New SDQ").click()
    check_accessibility()
    page.get_by_label("Completed on").fill("2026-07-01")
    page.get_by_label("Purpose").select_option("baseline")
    _type_answers(page, "2", 25)
    assert page.get_by_text("25 of 25 answered").is_visible()
    page.get_by_role("button", name="Save and score the SDQ").click()
    assert page.get_by_text("SDQ saved. Total difficulties: 30 (very high).").is_visible()
    assert _chart_description(page, "Total difficulties") == "1 Jul 2026: 30 (very high)"

    page.get_by_role("link", name="New SDQ").click()
    page.get_by_label("Completed on").fill("2026-11-02")
    _type_answers(page, "1", 25)
    # Item 3 typed wrongly, then corrected from the keyboard: Delete clears it, arrows choose.
    page.locator("input[name=item_3][value='1']").focus()
    page.keyboard.press("Delete")
    page.keyboard.press("ArrowLeft")
    assert page.locator("input[name=item_3]:checked").get_attribute("value") == "0"
    page.get_by_role("button", name="Save and score the SDQ").click()
    sdq = SdqAssessment.objects.order_by("completed_on").last()
    assert _chart_description(page, "Total difficulties") == (
        f"1 Jul 2026: 30 (very high); 2 Nov 2026: {sdq.total} ({sdq.total_band})"
    )
    assert sdq.recorded_by == class_teacher and sdq.informant == "teacher"
    check_accessibility()
    page.get_by_role("link", name="2 Nov 2026").click()
    assert page.get_by_role("row", name="Item 3 (emotional) 0 not true").is_visible()
    check_accessibility()


def test_bad_sdq_input_keeps_everything_typed(item_entry_licences, sign_in, live_server, senco, placed_pupil):
    page = sign_in(senco)
    page.goto(f"{live_server.url}/pupils/{placed_pupil.pk}/sdq/new/")
    page.get_by_label("Completed on").fill("2099-01-01")
    _type_answers(page, "2", 10)
    page.get_by_role("button", name="Save and score the SDQ").click()
    assert page.get_by_text("This date cannot be in the future", exact=False).last.is_visible()
    assert page.locator("[data-item-row] input:checked").count() == 10
    assert not SdqAssessment.objects.exists()


def test_nurture_staff_enter_two_boxall_profiles_and_see_baseline_against_latest(
    item_entry_licences, sign_in, live_server, nurture_staff, placed_pupil, check_accessibility
):
    page = sign_in(nurture_staff)
    page.goto(f"{live_server.url}/pupils/{placed_pupil.pk}/whole-child/")
    page.get_by_role("link", name="New Boxall Profile").click()
    check_accessibility()
    page.get_by_label("Completed on").fill("2026-07-01")
    _type_answers(page, "1", 68)
    assert page.get_by_text("68 of 68 answered").is_visible()
    page.get_by_role("button", name="Save the Boxall Profile").click()
    assert page.get_by_text("Boxall Profile of 1 Jul 2026 saved.").is_visible()
    assert "A Gives purposeful attention: range 10-16 of 16, baseline 4, latest –" in _chart_description(
        page, "Boxall Profile clusters")

    page.get_by_role("link", name="New Boxall Profile").click()
    page.get_by_label("Completed on").fill("2026-11-02")
    _type_answers(page, "3", 34)  # section I: much more competent
    _type_answers_from(page, 34, "0", 34)  # section II: no concerns
    page.get_by_role("button", name="Save the Boxall Profile").click()
    description = _chart_description(page, "Boxall Profile clusters")
    assert "A Gives purposeful attention: range 10-16 of 16, baseline 4, latest 12" in description
    assert "Q Disengaged: range 0-6 of 16, baseline 4, latest 0" in description
    assert page.get_by_role("cell", name="outside: below range").count() == 0
    assert BoxallProfile.objects.count() == 2
    check_accessibility()
    page.get_by_role("link", name="2 Nov 2026 (termly reassessment)").click()
    assert page.get_by_role("row", name="A Gives purposeful attention 12").is_visible()
    check_accessibility()


def _type_answers_from(page, index: int, digit: str, count: int) -> None:
    page.locator("[data-item-row]").nth(index).locator("input[type=radio]").first.focus()
    for _ in range(count):
        page.keyboard.press(digit)


def test_the_senco_follows_what_is_due_to_the_group_view_and_the_boxall_settings(
    sign_in, live_server, senco, placed_pupil, check_accessibility
):
    page = sign_in(senco)
    panel = page.locator("section", has=page.get_by_role("heading", name="Assessments due"))
    assert panel.get_by_role("row", name=placed_pupil.full_name).count() == 2  # SDQ and Boxall baselines
    check_accessibility()
    panel.get_by_role("link", name="The Tree House").click()
    assert page.get_by_role("heading", level=1).inner_text() == "The Tree House: the balance of the group"
    assert page.get_by_role("row", name=placed_pupil.full_name).get_by_text("no profile yet").is_visible()
    check_accessibility()
    page.goto(f"{live_server.url}/dashboard/senco/")
    page.get_by_role("link", name="Boxall settings").click()
    assert page.get_by_text("Default — replace with the item map").is_visible()
    check_accessibility()
    page.get_by_label("A range from").fill("11")
    page.get_by_role("button", name="Save the cluster map and ranges").click()
    assert page.get_by_text("Boxall settings saved").is_visible()
    assert not page.get_by_text("Default — replace with the item map").is_visible()


def test_nurture_staff_record_attainment_attendance_and_an_incident(
    sign_in, live_server, nurture_staff, placed_pupil, check_accessibility
):
    page = sign_in(nurture_staff)
    page.goto(f"{live_server.url}/pupils/{placed_pupil.pk}/whole-child/")
    page.get_by_role("link", name="Attainment").click()
    check_accessibility()
    page.get_by_label("Reading", exact=True).select_option("exs")
    page.get_by_label("Maths").select_option("wts")
    page.get_by_role("button", name="Save").click()
    page.get_by_role("link", name="Attendance", exact=True).click()
    page.get_by_label("Attendance %").fill("93.5")
    page.get_by_role("button", name="Save").click()
    page.get_by_role("link", name="Incident").click()
    check_accessibility()
    page.get_by_label("Kind").select_option("exclusion")
    page.get_by_label("Note").fill("Hit another child.")
    page.get_by_role("button", name="Save").click()
    assert page.get_by_text("Enter how many days the exclusion lasted.", exact=True).is_visible()
    assert page.get_by_label("Note").input_value() == "Hit another child."
    page.get_by_label("Days excluded").fill("1")
    page.get_by_role("button", name="Save").click()
    assert page.get_by_text("Fixed-term exclusion on").is_visible()
    assert "93.5%" in page.locator("#attendance").text_content()
    assert page.get_by_role("cell", name="Expected standard").is_visible()
    check_accessibility()
