"""Index the audit trail by pupil: a pupil's trail is read by `additional_data -> 'pupil_id'`, and a
trust's audit table grows by every view and change of every record (millions of rows)."""

from django.db import migrations

CREATE = ("CREATE INDEX IF NOT EXISTS auditlog_logentry_pupil_idx "
          "ON auditlog_logentry ((additional_data -> 'pupil_id'))")
DROP = "DROP INDEX IF EXISTS auditlog_logentry_pupil_idx"


def create_index(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(CREATE)


def drop_index(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(DROP)


class Migration(migrations.Migration):
    dependencies = [("auditlog", "0017_add_actor_email")]
    operations = [migrations.RunPython(create_index, drop_index)]
