"""Each role's dashboard shows what that role needs, and governors see figures only."""

import pytest
from django.urls import reverse

from pupils.tests.factories import PlacementFactory, PupilFactory


@pytest.mark.django_db
def test_nurture_staff_see_the_pupils_of_their_group(client, nurture_staff, placed_pupil):
    client.force_login(nurture_staff)

    page = client.get(reverse("dashboard", args=["nurture_staff"])).content.decode()

    assert "The Tree House" in page and placed_pupil.full_name in page


@pytest.mark.django_db
def test_class_teachers_see_which_of_their_pupils_attend_the_group(client, class_teacher, placed_pupil, school):
    PupilFactory(school=school, school_class=placed_pupil.school_class, legal_first_name="Notplaced")
    client.force_login(class_teacher)

    page = client.get(reverse("dashboard", args=["class_teacher"])).content.decode()

    assert placed_pupil.full_name in page and "Notplaced" not in page


@pytest.mark.django_db
def test_governors_see_group_figures_without_names(client, governor, placed_pupil):
    client.force_login(governor)

    page = client.get(reverse("dashboard", args=["governor"])).content.decode()

    assert "The Tree House" in page and "<td>1</td><td>8</td>" in page
    assert placed_pupil.legal_first_name not in page and placed_pupil.legal_last_name not in page


@pytest.mark.django_db
@pytest.mark.parametrize("role_fixture", ["senco", "nurture_staff", "class_teacher", "senior_leader", "governor",
                                          "school_admin"])
def test_dashboard_query_counts_do_not_grow_with_pupils(
    request, client, role_fixture, school, school_class, group, assert_flat_queries
):
    user = request.getfixturevalue(role_fixture)
    client.force_login(user)
    PlacementFactory(pupil=PupilFactory(school=school, school_class=school_class), group=group)

    def grow():
        for pupil in PupilFactory.create_batch(25, school=school, school_class=school_class):
            PlacementFactory(pupil=pupil, group=group)

    assert_flat_queries(reverse("dashboard", args=[role_fixture]), grow)
