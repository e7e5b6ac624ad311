"""The SENCO sets up and changes a nurture group: name, capacity, staff, weekly sessions."""

import pytest
from django.urls import reverse

from pupils.models import NurtureGroup


def _group_form(**overrides):
    data = {
        "name": "Rainbow Class", "capacity": "8", "key_stage": "ks1", "room": "Room 2",
        "sessions-TOTAL_FORMS": "2", "sessions-INITIAL_FORMS": "0", "sessions-MIN_NUM_FORMS": "0",
        "sessions-MAX_NUM_FORMS": "1000",
        "sessions-0-weekday": "0", "sessions-0-starts_at": "09:00", "sessions-0-ends_at": "12:00",
        "sessions-1-weekday": "", "sessions-1-starts_at": "", "sessions-1-ends_at": "",
    }
    return {**data, **overrides}


@pytest.mark.django_db
def test_senco_creates_a_group_with_staff_and_a_weekly_session(client, senco, nurture_staff):
    client.force_login(senco)

    response = client.post(reverse("pupils:group-create"), _group_form(staff=[nurture_staff.pk]))

    group = NurtureGroup.objects.get(name="Rainbow Class")
    assert response.url == group.get_absolute_url()
    assert group.school == senco.school and group.capacity == 8
    assert list(group.staff.all()) == [nurture_staff]
    assert [str(session) for session in group.sessions.all()] == ["Monday 09:00-12:00"]


@pytest.mark.django_db
def test_a_session_ending_before_it_starts_is_refused_and_everything_typed_is_kept(client, senco):
    client.force_login(senco)

    response = client.post(reverse("pupils:group-create"),
                           _group_form(**{"sessions-0-ends_at": "08:00", "room": "The garden room"}))

    page = response.content.decode()
    assert response.status_code == 200 and not NurtureGroup.objects.exists()
    assert "The group was not saved" in page
    assert 'value="The garden room"' in page and 'value="08:00"' in page


@pytest.mark.django_db
def test_two_groups_of_one_school_cannot_share_a_name(client, senco, group):
    client.force_login(senco)

    response = client.post(reverse("pupils:group-create"), _group_form(name="the tree house"))

    assert "already has a group with this name" in response.content.decode()


@pytest.mark.django_db
def test_senco_changes_a_groups_capacity(client, senco, group):
    client.force_login(senco)
    data = _group_form(name=group.name, capacity="12")

    client.post(reverse("pupils:group-edit", args=[group.pk]), data)

    group.refresh_from_db()
    assert group.capacity == 12
