"""Panels that each part of the product contributes to a dashboard or to a pupil's case page.

The pupil's case page and the dashboards are the places where the whole record comes together,
but the apps at the bottom of the dependency graph must not import the apps built on
it. So each app offers its panels through functions named in settings (DASHBOARD_PANELS,
CASE_SECTIONS), loaded here by dotted path, in the order a pupil lives the record.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from functools import cache

from django.conf import settings
from django.utils.module_loading import import_string


@dataclass
class Panel:
    """A partial template and the ready-made context it renders with (templates cause no queries).

    A panel that lists rows may offer them as a download: `export_key` names the list in the URL
    (`?list=<key>&export=xlsx`) and `export()` returns its `core.exports.Table`.
    """

    template: str
    context: dict = field(default_factory=dict)
    export_key: str = ""
    export: Callable | None = None


@cache
def _functions(setting: str) -> tuple:
    return tuple(import_string(dotted) for dotted in getattr(settings, setting))


def dashboard_panels(user, role: str) -> list[Panel]:
    """Return the panels every app shows on this role's dashboard for this user."""
    return [panel for function in _functions("DASHBOARD_PANELS") for panel in function(user, role)]


def case_sections(user, pupil) -> list[Panel]:
    """Return the sections every app shows on this pupil's case page, as far as this user may see them."""
    return [panel for function in _functions("CASE_SECTIONS") for panel in function(user, pupil)]


def group_sections(user, group) -> list[Panel]:
    """Return the sections every app shows on a nurture group's page (GROUP_SECTIONS)."""
    return [panel for function in _functions("GROUP_SECTIONS") for panel in function(user, group)]
