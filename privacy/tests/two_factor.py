"""Test helpers for two-factor sign-in: a real authenticator device and the code it shows now."""

from __future__ import annotations

from django_otp.oath import totp
from django_otp.plugins.otp_totp.models import TOTPDevice

from privacy.two_factor import required_by_policy


def give_authenticator(user) -> TOTPDevice | None:
    """Return the user's confirmed authenticator device, creating one if their role needs two factors."""
    device = TOTPDevice.objects.filter(user=user, confirmed=True).first()
    if device is None and required_by_policy(user):
        device = TOTPDevice.objects.create(user=user, name="Test authenticator", confirmed=True)
    return device


def totp_code(device: TOTPDevice) -> str:
    """Return the code the device shows now; forget the last code used, so a test may sign in twice."""
    if device.pk:
        TOTPDevice.objects.filter(pk=device.pk).update(last_t=-1, throttling_failure_count=0)
        device.refresh_from_db()
    return f"{totp(device.bin_key, step=device.step, t0=device.t0, digits=device.digits):0{device.digits}d}"


# The personas whose role always needs a second factor.
PASSWORD_CASES = ["senco", "senior_leader", "school_admin"]
