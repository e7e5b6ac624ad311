"""The termly restore drill (`make restore-drill BACKUP_FILE=...`): prove a backup can be restored.

Restores the backup into a scratch database beside the one in DATABASE_URL (or into
DRILL_DATABASE_URL, whose contents are replaced), checks that its schema is the code's (no migration
missing), prints what it holds (schools, staff, pupils, audit entries, the newest audit entry: how old
the backup is), drops the scratch database and exits 0. Any failure exits non-zero with the reason."""

from __future__ import annotations

import os
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))


def _scratch_url(url: str, name: str) -> str:
    base, _, _ = url.rpartition("/")
    return f"{base}/{name}"


def _admin(url: str, statement: str) -> None:
    import dj_database_url
    import psycopg

    config = dj_database_url.parse(url)
    with psycopg.connect(dbname="postgres", host=config["HOST"] or None, port=config["PORT"] or None,
                         user=config["USER"] or None, password=config["PASSWORD"] or None,
                         autocommit=True) as connection:
        connection.execute(statement)


def summarise() -> list[str]:
    """Return what the restored database holds, checking its schema matches the code's migrations."""
    import django

    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "nurture.settings.local")
    django.setup()
    from auditlog.models import LogEntry
    from django.apps import apps
    from django.db import connection
    from django.db.migrations.executor import MigrationExecutor

    executor = MigrationExecutor(connection)
    missing = executor.migration_plan(executor.loader.graph.leaf_nodes())
    if missing:
        raise SystemExit(f"The backup's schema is older than the code: {len(missing)} migration(s) not applied "
                         f"(first {missing[0][0]}). Restore it, then run `manage.py migrate`.")
    counts = {label: apps.get_model(label).objects.count() for label in
              ("core.School", "core.User", "pupils.Pupil", "pupils.Placement", "auditlog.LogEntry")}
    newest = LogEntry.objects.order_by("-timestamp").values_list("timestamp", flat=True).first()
    connection.close()
    return [f"schools {counts['core.School']}, staff {counts['core.User']}, pupils {counts['pupils.Pupil']}, "
            f"placements {counts['pupils.Placement']}, audit entries {counts['auditlog.LogEntry']}",
            f"newest audit entry: {newest.isoformat(timespec='minutes') if newest else 'none'}"]


def main(backup_file: str) -> int:
    url = os.environ.get("DATABASE_URL", "")
    if not url.startswith(("postgres://", "postgresql://")):
        print("Set DATABASE_URL to the PostgreSQL database whose server the drill may use.")
        return 1
    if not Path(backup_file).is_file():
        print(f"No backup at {backup_file}: name one with BACKUP_FILE=...")
        return 1
    scratch_url = os.environ.get("DRILL_DATABASE_URL", "")
    scratch_name = f"nurture_drill_{os.getpid()}"
    if not scratch_url:
        scratch_url = _scratch_url(url, scratch_name)
        _admin(url, f'CREATE DATABASE "{scratch_name}"')
    started = time.monotonic()
    try:
        restore = subprocess.run([str(ROOT / "scripts" / "backup.sh"), "restore", backup_file],
                                 env={**os.environ, "DATABASE_URL": scratch_url}, capture_output=True, text=True)
        if restore.returncode != 0:
            print(f"Restore drill FAILED: the backup did not restore.\n{restore.stdout}{restore.stderr}")
            return 1
        os.environ["DATABASE_URL"] = scratch_url
        os.environ["DATABASE_POOL_MAX_SIZE"] = "0"
        lines = summarise()
    finally:
        if not os.environ.get("DRILL_DATABASE_URL"):
            _admin(url, f'DROP DATABASE IF EXISTS "{scratch_name}"')
    print(f"Restore drill passed: {backup_file} restored into a scratch database in "
          f"{time.monotonic() - started:.1f} s and matches the code's schema.")
    for line in lines:
        print(f"  {line}")
    if not os.environ.get("DRILL_DATABASE_URL"):
        print("  (the scratch database has been dropped)")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1] if len(sys.argv) > 1 else ""))
