"""Moved to core.audit (the ground floor); this name stays for one release."""

from core.audit import *  # noqa: F401,F403
from core.audit import audit_entries_for_pupil, audit_pupil_access, audit_rows  # noqa: F401
