"""Each role signs in through the browser, lands on its own dashboard, and is refused another school's pupil."""

import pytest

from pupils.tests.factories import PupilFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

LANDINGS = {
    "senco": "SENCO dashboard",
    "nurture_staff": "Nurture staff dashboard",
    "class_teacher": "Class teacher dashboard",
    "senior_leader": "Senior leader dashboard",
    "governor": "Governor dashboard",
    "school_admin": "School admin dashboard",
}


@pytest.mark.parametrize("persona_name", list(LANDINGS))
def test_each_role_lands_on_its_dashboard_and_cannot_open_another_schools_pupil(
    persona_name, request, sign_in, live_server, other_school, placed_pupil, check_accessibility
):
    user = request.getfixturevalue(persona_name)
    stranger = PupilFactory(school=other_school, legal_first_name="Zed", legal_last_name="Farwell")

    page = sign_in(user)

    assert page.get_by_role("heading", level=1).inner_text() == LANDINGS[persona_name]
    check_accessibility()
    response = page.goto(f"{live_server.url}/pupils/{stranger.pk}/")
    assert response.status == 404
    assert "Farwell" not in page.content()


def test_a_wrong_password_is_refused_with_a_message(sign_in, senco):
    page = sign_in(senco, password="not-the-password")
    assert "Please enter a correct username and password" in page.content()
