"""A pupil's audit trail is read through an index, so it stays quick as the trust's audit table grows."""

import pytest
from django.db import connection

from core.audit import audit_entries_for_pupil


@pytest.mark.django_db
@pytest.mark.skipif(connection.vendor != "postgresql", reason="the expression index is PostgreSQL's")
def test_the_pupils_audit_trail_query_can_use_the_pupil_index(pupil):
    with connection.cursor() as cursor:
        cursor.execute("SET LOCAL enable_seqscan = off")
        plan = audit_entries_for_pupil(pupil).explain()
    assert "auditlog_logentry_pupil_idx" in plan
    assert "auditlog_logentry_pupil_ids_idx" in plan, "the list entries that named the pupil need their index too"
