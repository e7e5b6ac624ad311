"""Moved to core.panels (the ground floor); this name stays for one release."""

from core.panels import *  # noqa: F401,F403
