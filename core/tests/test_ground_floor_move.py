"""The state-only move of school and staff to the ground floor keeps every row and every history."""

from __future__ import annotations

import pytest
from django.contrib.contenttypes.models import ContentType
from django.db import connection
from django.db.migrations.recorder import MigrationRecorder

from core.migrations_adoption import ADOPTION, record_adoption
from core.models import School, StaffRole, User


def test_moved_models_keep_their_tables():
    assert School._meta.db_table == "pupils_school"
    assert User._meta.db_table == "pupils_user"
    assert StaffRole._meta.db_table == "pupils_staffrole"
    assert User._meta.get_field("groups").remote_field.through._meta.db_table == "pupils_user_groups"


@pytest.mark.django_db
def test_the_user_model_is_the_ground_floors(settings):
    from django.contrib.auth import get_user_model

    assert settings.AUTH_USER_MODEL == "core.User"
    assert get_user_model() is User
    assert ContentType.objects.get_for_model(User).app_label == "core"


@pytest.mark.django_db(transaction=True)
def test_a_database_migrated_before_the_move_is_recorded_as_adopted():
    recorder = MigrationRecorder(connection)
    recorder.record_unapplied(*ADOPTION)
    assert ADOPTION not in recorder.applied_migrations()
    assert record_adoption() is True
    assert ADOPTION in recorder.applied_migrations()
    assert record_adoption() is False  # once only


@pytest.mark.django_db(transaction=True)
def test_a_new_database_is_not_touched():
    recorder = MigrationRecorder(connection)
    recorder.record_unapplied(*ADOPTION)
    recorder.record_unapplied("pupils", "0002_referrals_and_placement_history")
    try:
        assert record_adoption() is False
        assert ADOPTION not in recorder.applied_migrations()
    finally:
        recorder.record_applied("pupils", "0002_referrals_and_placement_history")
        recorder.record_applied(*ADOPTION)
