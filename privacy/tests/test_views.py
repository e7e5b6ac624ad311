"""Query budgets of the privacy pages that have no list of their own."""

import pytest
from django.urls import reverse

from pupils.tests.factories import UserFactory

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("staff", [1, 40])
@pytest.mark.parametrize("url_name, budget", [("privacy:settings", 12), ("privacy:two-factor", 12),
                                              ("privacy:two-factor-setup", 14)])  # setup creates the device
def test_privacy_pages_keep_their_query_count(client, school, school_admin, staff, url_name, budget,
                                               django_assert_max_num_queries):
    UserFactory.create_batch(staff, school=school, roles=["class_teacher"])
    client.force_login(school_admin)
    with django_assert_max_num_queries(budget):
        assert client.get(reverse(url_name)).status_code == 200


def test_a_governor_may_not_change_the_privacy_settings(client, governor):
    client.force_login(governor)
    assert client.get(reverse("privacy:settings")).status_code == 403
    assert client.post(reverse("privacy:settings"), {"retention_rule": "until_age"}).status_code == 403
