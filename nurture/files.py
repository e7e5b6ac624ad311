"""Moved to core.files (the ground floor); this name stays for one release."""

from core.files import *  # noqa: F401,F403
