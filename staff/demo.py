"""The demo trust's admin, who adds schools and their first school admins. Run by `seed_demo` after the
demo trust exists (trusts.demo); running it twice changes nothing."""

from __future__ import annotations

from django_otp.plugins.otp_totp.models import TOTPDevice

from core.models import Role, School, StaffRole, User
from privacy.demo import demo_key, demo_secret
from pupils.demo import DEMO_PASSWORD

TRUST_ADMIN = ("trustadmin", "Rowan", "Ellery", "Trust operations lead")


def seed(school: School) -> None:
    """Create the demo trust's admin (with the demo's fixed authenticator key), once."""
    if not school.trust_id:
        return
    username, first, last, title = TRUST_ADMIN
    admin, created = User.objects.get_or_create(username=username, defaults={
        "first_name": first, "last_name": last, "email": f"{username}@trust.example", "trust_id": school.trust_id,
        "job_title": title})
    if created:
        admin.set_password(DEMO_PASSWORD)
        admin.save()
        StaffRole.objects.create(user=admin, role=Role.TRUST_ADMIN)
    TOTPDevice.objects.get_or_create(user=admin, name="Demo authenticator",
                                     defaults={"key": demo_key(username), "confirmed": True})


def login_lines() -> list[str]:
    """Return the trust admin's login, for seed_demo to print."""
    username, first, last, _title = TRUST_ADMIN
    return [f"Trust admin (adds the trust's schools): {username} ({first} {last}), password {DEMO_PASSWORD}, "
            f"two-factor key {demo_secret(username)}"]
