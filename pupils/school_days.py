"""Moved to core.school_days (the ground floor); this name stays for one release."""

from core.school_days import school_days_between  # noqa: F401
