"""Moved to core.terms (the ground floor); this name stays for one release."""

from core.terms import *  # noqa: F401,F403
from core.terms import SEASONS, Term  # noqa: F401
