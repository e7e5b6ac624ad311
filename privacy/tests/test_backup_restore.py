"""Nothing lost: `make backup` then `make restore` brings back every record of every table (PostgreSQL)."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path
from urllib.parse import quote

import pytest
from auditlog.models import LogEntry
from django.apps import apps
from django.conf import settings
from django.db import connection

from core.audit import audit_pupil_access
from nurture.tests.matrix import build_world
from pupils.models import Pupil

pytestmark = [
    pytest.mark.django_db(transaction=True),
    pytest.mark.skipif(settings.DATABASES["default"]["ENGINE"] != "django.db.backends.postgresql",
                       reason="make backup/restore use pg_dump and pg_restore: run with DATABASE_URL=postgres://..."),
    pytest.mark.skipif(not shutil.which("pg_dump") or not shutil.which("pg_restore"),
                       reason="pg_dump/pg_restore (postgresql-client) are not installed"),
]
REPO = Path(settings.BASE_DIR)


def _database_url() -> str:
    db = connection.settings_dict
    auth = quote(db["USER"] or "") + (f":{quote(db['PASSWORD'])}" if db["PASSWORD"] else "")
    return f"postgres://{auth}@{db['HOST'] or 'localhost'}:{db['PORT'] or 5432}/{db['NAME']}"


def _snapshot() -> dict[str, list[dict]]:
    return {model._meta.label: list(model._base_manager.order_by("pk").values())
            for model in apps.get_models() if model._meta.managed and not model._meta.proxy}


def _make(target: str, backup_file: Path) -> None:
    result = subprocess.run(["make", "-s", target, f"BACKUP_FILE={backup_file}"], cwd=REPO, capture_output=True,
                            text=True, env={"PATH": "/usr/bin:/bin", "DATABASE_URL": _database_url()}, timeout=120)
    assert result.returncode == 0, result.stdout + result.stderr


def test_a_restore_brings_every_record_back(tmp_path):
    world = build_world()
    audit_pupil_access(user=world.users["senco"], pupil=world.pupil, page="case page")
    before = _snapshot()
    assert before["pupils.Pupil"] and before["auditlog.LogEntry"]
    backup_file = tmp_path / "nurture.dump"

    _make("backup", backup_file)
    LogEntry.objects.all().delete()
    Pupil.objects.all().delete()  # the disaster: every pupil and their placements gone
    assert _snapshot() != before
    connection.close()
    _make("restore", backup_file)

    assert _snapshot() == before


def test_restore_refuses_without_a_backup_file(tmp_path):
    result = subprocess.run(["make", "-s", "restore", f"BACKUP_FILE={tmp_path / 'missing.dump'}"], cwd=REPO,
                            capture_output=True, text=True, env={"PATH": "/usr/bin:/bin",
                                                                 "DATABASE_URL": _database_url()})
    assert result.returncode != 0 and "Name the backup to restore" in result.stdout
