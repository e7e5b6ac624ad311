"""seed_demo puts the demo school in a small demo trust and prints the trust leader's login."""

import io

import pytest
from django.core.management import call_command
from django.urls import reverse

from core.models import Role, School, Trust, User
from pupils.demo import DEMO_PASSWORD, DEMO_SLUG


@pytest.mark.django_db
def test_seed_demo_makes_a_trust_of_three_schools_with_a_leader_once(client):
    out = io.StringIO()
    call_command("seed_demo", stdout=out)
    call_command("seed_demo", stdout=io.StringIO())
    trust = Trust.objects.get()
    schools = list(School.objects.filter(trust=trust).order_by("name"))
    assert len(schools) == 3 and School.objects.get(slug=DEMO_SLUG).trust == trust
    assert all(school.pupils.exists() for school in schools)
    leader = User.objects.get(username="trustlead")
    assert leader.trust == trust and leader.school is None and leader.has_role(Role.TRUST_LEADER)
    assert leader.check_password(DEMO_PASSWORD)
    assert "trustlead" in out.getvalue() and "Trust leader" in out.getvalue()
    client.force_login(leader)
    body = client.get(reverse("trusts:dashboard")).content.decode()
    assert all(school.name in body for school in schools)
    assert "Birchwood Primary School (demo)" in body


@pytest.mark.django_db
def test_the_demo_trust_leaders_code_is_printed_but_no_other_trusts(capsys):
    from core.models import StaffRole
    from trusts.tests.factories import TrustFactory

    call_command("seed_demo", stdout=io.StringIO())
    call_command("demo_two_factor_code", "trustlead", stdout=(out := io.StringIO()))
    assert out.getvalue().strip().isdigit()
    stranger = User.objects.create_user(username="stranger", password="x" * 12, trust=TrustFactory())
    StaffRole.objects.create(user=stranger, role=Role.TRUST_LEADER)
    with pytest.raises(Exception, match="not a user of the demo school"):
        call_command("demo_two_factor_code", "stranger", stdout=io.StringIO())
