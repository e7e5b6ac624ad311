"""Fixtures of the assessments tests: the licences a school may hold."""

from __future__ import annotations

import pytest

from .factories import record_item_entry_licences


@pytest.fixture
def item_entry_licences(school, senco):
    """The school holds an authorisation for item entry of both instruments."""
    record_item_entry_licences(school, senco)
