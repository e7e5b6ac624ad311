"""Databases made before the ground floor existed: record the state-only move as applied.

`core.0001_initial` creates no table: it adopts the staff tables that `pupils` created. Django's
own apps (admin, auditlog, the two-factor devices) depend on the user model's first migration, which
is now `core.0001_initial`; on a database migrated before the move they are applied while it is
not, and `migrate` would stop with InconsistentMigrationHistory. Since the tables it adopts exist
whenever `pupils.0002` is applied, recording it as applied is exactly true.
"""

from __future__ import annotations

from django.db import DEFAULT_DB_ALIAS, connections
from django.db.migrations.recorder import MigrationRecorder

ADOPTS = ("pupils", "0002_referrals_and_placement_history")
ADOPTION = ("core", "0001_initial")


def record_adoption(database: str = DEFAULT_DB_ALIAS) -> bool:
    """Record core.0001 as applied on a database migrated before it existed; return whether it did."""
    recorder = MigrationRecorder(connections[database])
    if not recorder.has_table():
        return False
    applied = recorder.applied_migrations()
    if ADOPTION in applied or ADOPTS not in applied:
        return False
    recorder.record_applied(*ADOPTION)
    return True
