"""Two-factor sign-in (django-otp): who needs it, and the devices behind it (an authenticator app and
backup codes)."""

from __future__ import annotations

from django.conf import settings
from django.db import transaction
from django_otp import devices_for_user
from django_otp.oath import TOTP, hotp
from django_otp.plugins.otp_static.models import StaticDevice, StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice
from django_otp.util import random_hex

from core.audit import audit_event
from core.lifecycle import Refused
from core.models import Role, User

# Roles that see most of the school's special category data: always two factors.
REQUIRED_ROLES = (Role.SENCO, Role.SENIOR_LEADER, Role.SCHOOL_ADMIN, Role.TRUST_LEADER, Role.TRUST_ADMIN)
BACKUP_CODE_COUNT = 10
SESSION_HAS_DEVICE = "privacy_two_factor_device"
SESSION_NEW_KEY = "privacy_two_factor_new_key"


def required_by_policy(user: User) -> bool:
    """Return whether the user's roles, or their school's choice, require a second factor."""
    if user.is_superuser or user.is_staff or user.has_role(*REQUIRED_ROLES):
        return True
    school = user.school if user.school_id else None
    privacy = getattr(school, "privacy_settings", None) if school else None
    return bool(privacy and privacy.two_factor_for_all_staff)


def has_confirmed_device(user: User) -> bool:
    return any(True for _ in devices_for_user(user, confirmed=True))


def must_verify(request) -> bool:
    """Return whether this signed-in request still owes a second factor."""
    user = request.user
    if not settings.TWO_FACTOR_ENFORCED or user.is_verified():
        return False
    if required_by_policy(user):
        return True
    # An optional device, once set up, is asked for too; remembered in the session (one lookup per sign-in).
    if SESSION_HAS_DEVICE not in request.session:
        request.session[SESSION_HAS_DEVICE] = has_confirmed_device(user)
    return request.session[SESSION_HAS_DEVICE]


def unconfirmed_totp_device(user: User, session) -> TOTPDevice:
    """Return the authenticator device being set up, unsaved: its key is kept in the session until confirmed.

    Showing the set-up page writes nothing; the device is saved when its first code is checked."""
    key = session.get(SESSION_NEW_KEY)
    if not key:
        key = session[SESSION_NEW_KEY] = random_hex(20)
    device = TOTPDevice.objects.filter(user=user, confirmed=False, key=key).first()
    return device or TOTPDevice(user=user, name="Authenticator app", confirmed=False, key=key)


@transaction.atomic
def totp_device_confirm(*, device: TOTPDevice, user: User) -> list[str]:
    """Confirm a verified authenticator device, drop any older ones, and return fresh backup codes."""
    TOTPDevice.objects.filter(user=user).exclude(pk=device.pk).delete()
    device.confirmed = True
    device.save()
    audit_event(user=user, record=user, event="two-factor set up")
    return backup_codes_regenerate(user=user)


@transaction.atomic
def backup_codes_regenerate(*, user: User) -> list[str]:
    """Replace the user's backup codes with new single-use ones and return them (shown once)."""
    device, _ = StaticDevice.objects.get_or_create(user=user, name="Backup codes", defaults={"confirmed": True})
    device.token_set.all().delete()
    codes = [StaticToken.random_token() for _ in range(BACKUP_CODE_COUNT)]
    StaticToken.objects.bulk_create([StaticToken(device=device, token=code) for code in codes])
    return codes


@transaction.atomic
def two_factor_remove(*, user: User) -> None:
    """Remove the user's devices; refused when their roles or their school require two factors."""
    if required_by_policy(user):
        raise Refused("Your role needs two-factor sign-in: it cannot be turned off.", code="two_factor_required")
    TOTPDevice.objects.filter(user=user).delete()
    StaticDevice.objects.filter(user=user).delete()
    audit_event(user=user, record=user, event="two-factor removed")


def verify_code(user: User, code: str):
    """Return the device that accepts the code (authenticator or a backup code), or a refusal message.

    Six digits go to the authenticator app, anything else to the backup codes, so a mistyped backup
    code never throttles the app (each kind of device throttles its own failures)."""
    code = "".join(code.split())
    kind = TOTPDevice if code.isdigit() and len(code) == 6 else StaticDevice
    throttled = used = False
    with transaction.atomic():
        for device in devices_for_user(user, confirmed=True, for_verify=True):
            if not isinstance(device, kind):
                continue
            allowed, _details = device.verify_is_allowed()
            if not allowed:
                throttled = True
                continue
            if device.verify_token(code):
                if isinstance(device, StaticDevice):
                    audit_event(user=user, record=user, event="backup code used")
                return device, ""
            used = used or (isinstance(device, TOTPDevice) and totp_code_already_used(device, code))
    if used:
        return None, ("That code has already been used: each code signs in once. Wait for your app to show "
                      "a new code (it changes every 30 seconds), then type it.")
    if throttled:
        return None, "Too many wrong codes: wait a minute, then type the code your app shows."
    return None, "That code is not right: type the 6 digits your app shows now, or one of your backup codes."


def totp_code_already_used(device: TOTPDevice, code: str) -> bool:
    """Return whether the code is one the app showed in this window that has already been used to sign in.

    django-otp accepts each time step once (`last_t`): a code typed twice (on two tablets, or sent twice)
    is refused like a wrong one, so we look for it among the window's steps that were already used."""
    if not code.isdigit():
        return False
    totp = TOTP(device.bin_key, device.step, device.t0, device.digits, device.drift)
    now = totp.t()
    return any(
        hotp(device.bin_key, step, digits=device.digits) == int(code)
        for step in range(now - device.tolerance, now + device.tolerance + 1) if 0 <= step <= device.last_t
    )
