"""A deploy check: production must never run with the two-factor gate switched off."""

from django.conf import settings
from django.core.checks import Error, Tags, register


@register(Tags.security, deploy=True)
def two_factor_enforced(app_configs, **kwargs):
    if getattr(settings, "TWO_FACTOR_ENFORCED", True):
        return []
    return [Error("TWO_FACTOR_ENFORCED is off: SENCOs, senior leaders and school admins could sign in "
                  "with a password alone.", id="privacy.E001")]
