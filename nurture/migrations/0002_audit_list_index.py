"""Index the audit trail's list entries by the pupils they showed: a pupil's trail also reads the list
pages that named them (`additional_data -> 'pupil_ids' @> [id]`), so that half of the query needs an
index of its own (GIN, which answers containment) to keep the trail quick on a trust's audit table."""

from django.db import migrations

CREATE = ("CREATE INDEX IF NOT EXISTS auditlog_logentry_pupil_ids_idx "
          "ON auditlog_logentry USING gin ((additional_data -> 'pupil_ids') jsonb_path_ops)")
DROP = "DROP INDEX IF EXISTS auditlog_logentry_pupil_ids_idx"


def create_index(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(CREATE)


def drop_index(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(DROP)


class Migration(migrations.Migration):
    dependencies = [("nurture", "0001_audit_pupil_index")]
    operations = [migrations.RunPython(create_index, drop_index)]
