"""Recording the school's licence, and entering SDQ and Boxall scores where item entry is not licensed."""

import pytest

from assessments.models import BoxallProfile, InstrumentLicence, SdqAssessment

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def _chart_description(page, title: str) -> str:
    return page.locator(f"svg:has(title:text-is('{title}')) desc").first.text_content()


def test_the_senco_records_the_sdq_licence_and_item_entry_opens(sign_in, live_server, senco, placed_pupil,
                                                                 check_accessibility):
    page = sign_in(senco)
    page.goto(f"{live_server.url}/pupils/{placed_pupil.pk}/whole-child/")
    page.get_by_role("link", name="New SDQ").click()
    assert page.get_by_role("heading", name="Why scores only").is_visible()
    assert page.locator("[data-item-row]").count() == 0
    check_accessibility()

    page.get_by_role("link", name="record it on Licences").click()
    assert page.get_by_role("row", name="SDQ youthinmind No licence recorded: score entry only").is_visible()
    check_accessibility()
    page.get_by_role("link", name="Record the SDQ licence").click()
    page.get_by_label("Authorised electronic entry").check()
    page.get_by_role("button", name="Save the licence").click()
    assert page.get_by_text("An authorisation for electronic entry needs its reference.").last.is_visible()
    check_accessibility()
    page.get_by_label("Reference").fill("YIM-2026-0042")
    page.get_by_label("Dated").fill("2026-09-01")
    page.get_by_role("button", name="Save the licence").click()
    assert page.get_by_text("SDQ licence saved: Authorised electronic entry").is_visible()
    assert page.get_by_role("row", name="SDQ youthinmind Authorised electronic entry").get_by_text(
        "YIM-2026-0042").is_visible()
    assert InstrumentLicence.objects.get().recorded_by == senco

    page.goto(f"{live_server.url}/pupils/{placed_pupil.pk}/whole-child/")
    page.get_by_role("link", name="New SDQ", exact=True).click()
    assert page.locator("[data-item-row]").count() == 25  # the keyboard grid
    assert page.get_by_role("link", name="Enter the scores instead").is_visible()
    page.goto(f"{live_server.url}/pupils/{placed_pupil.pk}/whole-child/")
    page.get_by_role("link", name="New Boxall Profile", exact=True).click()
    assert page.get_by_role("heading", name="Why scores only").is_visible()  # the Boxall licence is not recorded


def test_a_school_with_no_licence_enters_scores_and_sees_teacher_and_parent_side_by_side(
    sign_in, live_server, nurture_staff, placed_pupil, check_accessibility
):
    page = sign_in(nurture_staff)
    page.goto(f"{live_server.url}/pupils/{placed_pupil.pk}/whole-child/")
    page.get_by_role("link", name="New SDQ").click()
    assert page.get_by_text("No licence for this instrument is recorded for your school.").is_visible()
    check_accessibility()
    page.get_by_label("A scored paper form").check()
    page.get_by_label("Completed on").fill("2026-07-01")
    page.get_by_label("Purpose").select_option("baseline")
    for label, score in (("Emotional symptoms", "6"), ("Conduct problems", "4"), ("Hyperactivity / inattention", "8"),
                         ("Peer relationship problems", "3"), ("Prosocial behaviour", "5")):
        page.get_by_label(label).fill(score)
    page.get_by_label("Total difficulties (optional)").fill("22")
    page.get_by_role("button", name="Save the SDQ scores").click()
    assert page.get_by_text("The four difficulty scales add up to 21, not 22").last.is_visible()
    assert page.get_by_label("Emotional symptoms").input_value() == "6"
    check_accessibility()
    page.get_by_label("Total difficulties (optional)").fill("21")
    page.get_by_label("Impact score (optional)").fill("3")
    page.get_by_role("button", name="Save the SDQ scores").click()
    assert page.get_by_text("Teacher SDQ scores saved. Total difficulties: 21 (very high).").is_visible()
    assert _chart_description(page, "Total difficulties") == "1 Jul 2026: 21 (very high)"

    # The parent's paper return, entered by staff: the same scores read against the parent bands.
    page.get_by_role("link", name="New SDQ").click()
    page.get_by_label("Parent or carer").check()
    page.get_by_label("SDQScore (youthinmind)").check()
    page.get_by_label("Completed on").fill("2026-07-03")
    for label, score in (("Emotional symptoms", "6"), ("Conduct problems", "4"), ("Hyperactivity / inattention", "8"),
                         ("Peer relationship problems", "3"), ("Prosocial behaviour", "5")):
        page.get_by_label(label).fill(score)
    page.get_by_role("button", name="Save the SDQ scores").click()
    assert page.get_by_text("Parent or carer SDQ scores saved. Total difficulties: 21 (very high).").is_visible()
    table = page.get_by_role("table", name="Summer 2026: score (band)")
    assert table.get_by_role("row", name="Emotional symptoms 6 (very high) 6 (high)").is_visible()
    assert table.get_by_role("row", name="Prosocial behaviour 5 (slightly lowered) 5 (very low)").is_visible()
    check_accessibility()
    assert {sdq.informant: sdq.entry_summary for sdq in SdqAssessment.objects.all()} == {
        "teacher": "scores from a scored paper form", "parent": "scores from SDQScore (youthinmind)"}

    page.get_by_role("link", name="New Boxall Profile").click()
    assert page.get_by_text("Nurture UK, which runs Boxall Profile Online").first.is_visible()
    check_accessibility()
    page.get_by_label("Boxall Profile Online (Nurture UK)").check()
    page.get_by_label("Completed on").fill("2026-07-01")
    page.get_by_label("A Gives purposeful attention", exact=True).fill("17")
    page.get_by_role("button", name="Save the cluster scores").click()
    assert page.get_by_text("less than or equal to 16").last.is_visible()
    page.get_by_label("A Gives purposeful attention", exact=True).fill("12")
    page.get_by_label("Q Disengaged", exact=True).fill("9")
    page.get_by_role("button", name="Save the cluster scores").click()
    assert page.get_by_text("Boxall Profile of 1 Jul 2026 saved from its cluster scores.").is_visible()
    description = _chart_description(page, "Boxall Profile clusters")
    assert "A Gives purposeful attention: range 10-16 of 16, baseline 12, latest –" in description
    assert BoxallProfile.objects.get().score_source == "boxall_online"
    page.get_by_role("link", name="1 Jul 2026 (baseline), scores from Boxall Profile Online").click()
    assert page.get_by_text("Score entry from Boxall Profile Online (Nurture UK)").is_visible()
    check_accessibility()
