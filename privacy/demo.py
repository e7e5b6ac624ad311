"""Demo two-factor devices: the demo SENCO, head and admin get an authenticator key that is printed by
`seed_demo` (never do this with a real account), so the demo can be signed into."""

from __future__ import annotations

import base64
import datetime
import hashlib

from django_otp.oath import TOTP
from django_otp.plugins.otp_totp.models import TOTPDevice

from pupils.models import Gender, Pupil, School, SenStatus, User, YearGroup
from pupils.upn import make_upn

from .two_factor import REQUIRED_ROLES


def demo_key(username: str) -> str:
    """Return the fixed authenticator key (hex) of a demo user: derived from the username, public."""
    return hashlib.sha1(f"nurture-demo-two-factor-{username}".encode()).hexdigest()


def demo_secret(username: str) -> str:
    """Return the key as an authenticator app wants it typed (base32)."""
    return base64.b32encode(bytes.fromhex(demo_key(username))).decode()


def current_code(username: str) -> str:
    return f"{TOTP(bytes.fromhex(demo_key(username))).token():06d}"


def demo_users_needing_two_factor(school: School):
    return User.objects.filter(school=school, staff_roles__role__in=REQUIRED_ROLES).distinct().order_by("username")


def seed(school: School) -> None:
    """Give each demo user whose role needs two-factor sign-in a confirmed authenticator device, and add a
    former pupil whose records passed the retention period (listed for the SENCO), once."""
    from .services import expired_records_list

    for user in demo_users_needing_two_factor(school):
        TOTPDevice.objects.get_or_create(user=user, name="Demo authenticator",
                                         defaults={"key": demo_key(user.username), "confirmed": True})
    Pupil.objects.get_or_create(school=school, upn=make_upn(999, 2001, 4, 999), defaults={
        "legal_first_name": "Morwenna", "legal_last_name": "Quillsby", "date_of_birth": datetime.date(1999, 4, 2),
        "year_group": YearGroup.Y6, "gender": Gender.FEMALE, "sen_status": SenStatus.SEN_SUPPORT,
        "date_of_entry": datetime.date(2003, 9, 1), "date_of_leaving": datetime.date(2010, 7, 21)})
    expired_records_list(school=school)


def login_lines(school: School) -> list[str]:
    """Return what a person needs to sign in as the demo users who need a second factor."""
    lines = ["Two-factor sign-in (SENCO, senior leader, school admin): add the key to an authenticator app,",
             "or print the current code with `python manage.py demo_two_factor_code USERNAME`:"]
    for user in demo_users_needing_two_factor(school):
        lines.append(f"  {user.username:<10} key {demo_secret(user.username)}")
    return lines
