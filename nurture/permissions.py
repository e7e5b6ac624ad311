"""Moved to core.permissions (the ground floor); this name stays for one release."""

from core.permissions import *  # noqa: F401,F403
