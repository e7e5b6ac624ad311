"""What people meet on every page, in the browser (issue 13, point 7): the error summary takes focus
after a failed submit, a refused page is a page of the product, and the SENCO's navigation fits a
1024 px tablet on one line."""

from __future__ import annotations

import pytest

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

TABLET = {"width": 1024, "height": 768}


def test_a_failed_submit_shows_the_error_summary_and_moves_focus_to_it(sign_in, live_server, senco, group,
                                                                      check_accessibility):
    page = sign_in(senco)
    page.goto(f"{live_server.url}/groups/new/")
    page.get_by_label("Name").fill(group.name)  # a name the school already uses
    page.get_by_label("Capacity").fill("")
    page.get_by_role("button", name="Save").click()
    page.wait_for_load_state()

    summary = page.locator("[data-error-summary]")
    assert summary.get_by_role("heading", name="There is a problem").is_visible()
    assert page.evaluate("document.activeElement.hasAttribute('data-error-summary')")
    assert "The school already has a group with this name." in summary.inner_text()
    assert page.get_by_label("Name").input_value() == group.name  # what was typed is kept
    check_accessibility()

    summary.get_by_role("link", name="Capacity: This field is required.").click()
    assert page.evaluate("document.activeElement.id") == "id_capacity"


def test_a_refused_page_is_a_page_of_the_product_with_a_way_home(sign_in, live_server, class_teacher,
                                                               check_accessibility):
    page = sign_in(class_teacher)
    response = page.goto(f"{live_server.url}/referrals/")
    assert response.status == 403
    assert page.get_by_role("heading", level=1).inner_text() == "This page is not open to you"
    assert "403 Forbidden" not in page.content()
    assert page.get_by_role("navigation", name="Main").is_visible()  # the product's layout
    check_accessibility()
    page.get_by_role("link", name="Go to your dashboard").click()
    page.wait_for_load_state()
    assert page.get_by_role("heading", level=1).inner_text() == "Class teacher dashboard"


def test_the_sencos_navigation_fits_a_1024_px_tablet_on_one_line(sign_in, live_server, school, senco,
                                                                  check_accessibility, page):
    school.name = "St Bartholomew's Church of England Primary School"
    school.save()
    senco.first_name, senco.last_name = "Bernadette", "Featherstonehaugh"
    senco.save()
    page.set_viewport_size(TABLET)
    page = sign_in(senco)

    nav = page.get_by_role("navigation", name="Main")
    assert page.locator(".navbar-toggler").is_hidden()  # the full navigation, not the phone's menu button
    tops = page.evaluate("""() => [...document.querySelectorAll('.navbar-brand, #main-nav > ul > li')]
        .map(element => Math.round(element.getBoundingClientRect().top))""")
    assert len(tops) >= 6 and max(tops) - min(tops) <= 8, tops
    assert nav.bounding_box()["height"] < 70
    assert page.evaluate("document.documentElement.scrollWidth") <= TABLET["width"]

    nav.get_by_role("button", name="Reports").click()
    nav.get_by_role("link", name="Costs").click()
    page.wait_for_load_state()
    assert page.url.endswith("/reports/costs/")
    nav.get_by_role("button", name="Pupils").click()
    assert nav.get_by_role("link", name="Former pupils").is_visible()
    check_accessibility()
