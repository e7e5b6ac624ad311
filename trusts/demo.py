"""The demo trust: the demo school and two small invented schools, and a trust leader who sees their aggregates.

Every name is invented. Run by `seed_demo` after the demo school exists; running it twice changes nothing.
"""

from __future__ import annotations

import datetime
import random

from django.db import transaction
from django.utils import timezone
from django_otp.plugins.otp_totp.models import TOTPDevice

from core.models import Role, School, StaffRole, Trust, User
from privacy.demo import demo_key, demo_secret
from pupils.demo import DEMO_PASSWORD, FIRST_NAMES, SURNAMES, academic_year_start
from pupils.models import KeyStage, NurtureGroup, Placement, Pupil, SchoolClass
from pupils.upn import make_upn

DEMO_TRUST = {"slug": "demo-learning-trust", "name": "Demo Learning Trust"}
TRUST_LEADER = ("trustlead", "Morgan", "Ashcombe", "Director of inclusion, Demo Learning Trust")
# (slug, name, URN, pupils, of whom placed)
OTHER_SCHOOLS = [
    ("birchwood-demo", "Birchwood Primary School (demo)", "999002", 12, 5),
    ("cedar-lane-demo", "Cedar Lane Primary School (demo)", "999003", 8, 2),
]


@transaction.atomic
def seed(school: School) -> None:
    """Put the demo school in the demo trust with two more small schools, and create the trust leader, once."""
    trust, _ = Trust.objects.get_or_create(slug=DEMO_TRUST["slug"], defaults={"name": DEMO_TRUST["name"]})
    if school.trust_id != trust.pk:
        school.trust = trust
        school.save(update_fields=["trust"])
    rng = random.Random(16)
    today = timezone.localdate()
    year_start = academic_year_start(today)
    for number, (slug, name, urn, pupils, placed) in enumerate(OTHER_SCHOOLS, start=2):
        other, created = School.objects.get_or_create(slug=slug, defaults={"name": name, "urn": urn, "trust": trust})
        if created:
            _small_school(other, number, pupils, placed, rng, year_start)
    username, first, last, title = TRUST_LEADER
    leader, created = User.objects.get_or_create(username=username, defaults={
        "first_name": first, "last_name": last, "email": f"{username}@trust.example", "trust": trust,
        "job_title": title})
    if created:
        leader.set_password(DEMO_PASSWORD)
        leader.save()
        StaffRole.objects.create(user=leader, role=Role.TRUST_LEADER)
    TOTPDevice.objects.get_or_create(user=leader, name="Demo authenticator",
                                     defaults={"key": demo_key(username), "confirmed": True})


def _small_school(school: School, number: int, pupils: int, placed: int, rng, year_start: int) -> None:
    school_class = SchoolClass.objects.create(school=school, name="2B", year_group=2)
    born_from = datetime.date(year_start - 7, 9, 1)
    rows = [Pupil(school=school, legal_first_name=rng.choice(FIRST_NAMES), legal_last_name=rng.choice(SURNAMES),
                  date_of_birth=born_from + datetime.timedelta(days=rng.randrange(365)),
                  upn=make_upn(999, 2000 + number, 19, serial), year_group=2, school_class=school_class,
                  gender=rng.choice("FM"), date_of_entry=datetime.date(year_start - 2, 9, 1))
            for serial in range(1, pupils + 1)]
    Pupil.objects.bulk_create(rows)
    group = NurtureGroup.objects.create(school=school, name="The Nest", capacity=8, key_stage=KeyStage.EYFS_KS1)
    start = datetime.date(year_start, 9, 15)
    Placement.objects.bulk_create([
        Placement(school=school, pupil=pupil, group=group, start_date=start, sessions_per_week=4,
                  first_review_date=start + datetime.timedelta(weeks=6),
                  next_review_date=start + datetime.timedelta(weeks=6))
        for pupil in Pupil.objects.filter(school=school).order_by("pk")[:placed]
    ])


def login_lines() -> list[str]:
    """Return the trust leader's login, for seed_demo to print."""
    username, first, last, _title = TRUST_LEADER
    return [f"Trust leader (Demo Learning Trust: the demo school and two more): {username} ({first} {last}), "
            f"password {DEMO_PASSWORD}, two-factor key {demo_secret(username)}"]
