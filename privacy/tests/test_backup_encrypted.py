"""Backups in production: encrypted at rest with age, kept for BACKUP_KEEP_DAYS, and the termly restore drill."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import time
from pathlib import Path

import pytest
from django.conf import settings

from nurture.tests.matrix import build_world
from privacy.tests.test_backup_restore import _database_url, _snapshot
from pupils.models import Pupil

pytestmark = [
    pytest.mark.django_db(transaction=True),
    pytest.mark.skipif(settings.DATABASES["default"]["ENGINE"] != "django.db.backends.postgresql",
                       reason="backups use pg_dump and pg_restore: run with DATABASE_URL=postgres://..."),
    pytest.mark.skipif(not all(shutil.which(tool) for tool in ("pg_dump", "pg_restore", "age", "age-keygen")),
                       reason="needs postgresql-client and age (make test installs them)"),
]
REPO = Path(settings.BASE_DIR)


@pytest.fixture
def keys(tmp_path):
    """An age key pair: the public half on the server, the private half kept elsewhere."""
    identity = tmp_path / "backup-key.txt"
    subprocess.run(["age-keygen", "-o", str(identity)], check=True, capture_output=True)
    recipients = tmp_path / "backup-recipients.txt"
    recipients.write_text(subprocess.run(["age-keygen", "-y", str(identity)], check=True, capture_output=True,
                                         text=True).stdout)
    return recipients, identity


def _make(*arguments: str) -> subprocess.CompletedProcess:
    return subprocess.run(["make", "-s", *arguments, f"PY={sys.executable}"], cwd=REPO, capture_output=True, text=True,
                          env={"PATH": "/usr/bin:/bin", "DATABASE_URL": _database_url(), "HOME": os.environ["HOME"]},
                          timeout=300)


def test_an_encrypted_backup_cannot_be_read_without_the_key_and_restores_with_it(tmp_path, keys):
    recipients, identity = keys
    build_world()
    before = _snapshot()
    backup = tmp_path / "nurture-20261203-023000.dump.age"

    made = _make("backup", f"BACKUP_RECIPIENTS={recipients}", f"BACKUP_FILE={backup}")
    assert made.returncode == 0, made.stdout + made.stderr
    content = backup.read_bytes()
    assert content.startswith(b"age-encryption.org/v1") and b"PGDMP" not in content
    assert oct(backup.stat().st_mode & 0o777) == "0o600"
    assert not (tmp_path / "nurture-20261203-023000.dump.age.partial").exists()

    without_key = _make("restore", f"BACKUP_FILE={backup}")
    assert without_key.returncode != 0 and "BACKUP_IDENTITY" in without_key.stderr

    Pupil.objects.all().delete()
    from django.db import connection

    connection.close()
    restored = _make("restore", f"BACKUP_FILE={backup}", f"BACKUP_IDENTITY={identity}")
    assert restored.returncode == 0, restored.stdout + restored.stderr
    assert _snapshot() == before


def test_the_restore_drill_restores_into_a_scratch_database_and_says_what_the_backup_holds(tmp_path, keys):
    recipients, identity = keys
    build_world()
    backup = tmp_path / "nurture-drill.dump.age"
    assert _make("backup", f"BACKUP_RECIPIENTS={recipients}", f"BACKUP_FILE={backup}").returncode == 0

    drill = _make("restore-drill", f"BACKUP_FILE={backup}", f"BACKUP_IDENTITY={identity}")

    assert drill.returncode == 0, drill.stdout + drill.stderr
    assert "Restore drill passed" in drill.stdout and "matches the code's schema" in drill.stdout
    assert f"pupils {Pupil.objects.count()}," in drill.stdout and "schools 2," in drill.stdout
    assert "the scratch database has been dropped" in drill.stdout
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute("SELECT count(*) FROM pg_database WHERE datname LIKE 'nurture_drill_%%'")
        assert cursor.fetchone()[0] == 0


def test_a_drill_of_a_damaged_backup_fails_loudly(tmp_path, keys):
    _, identity = keys
    damaged = tmp_path / "nurture-damaged.dump.age"
    damaged.write_bytes(b"age-encryption.org/v1\nnot really a backup")

    drill = _make("restore-drill", f"BACKUP_FILE={damaged}", f"BACKUP_IDENTITY={identity}")

    assert drill.returncode != 0 and "Restore drill FAILED" in drill.stdout


def test_the_nightly_job_refuses_to_write_an_unencrypted_backup_and_keeps_only_recent_ones(tmp_path, keys):
    recipients, _ = keys
    refused = _make("backup-nightly", f"BACKUP_DIR={tmp_path}")
    assert refused.returncode != 0 and "BACKUP_RECIPIENTS" in refused.stdout

    old = tmp_path / "nurture-20260101-023000.dump.age"
    old.write_bytes(b"old")
    forty_days_ago = time.time() - 40 * 24 * 3600
    os.utime(old, (forty_days_ago, forty_days_ago))
    recent = tmp_path / "nurture-20261120-023000.dump.age"
    recent.write_bytes(b"recent")
    unrelated = tmp_path / "notes.txt"
    unrelated.write_text("kept")
    os.utime(unrelated, (forty_days_ago, forty_days_ago))

    nightly = _make("backup-nightly", f"BACKUP_DIR={tmp_path}", f"BACKUP_RECIPIENTS={recipients}",
                    "BACKUP_KEEP_DAYS=35")

    assert nightly.returncode == 0, nightly.stdout + nightly.stderr
    kept = sorted(path.name for path in tmp_path.glob("nurture-*.dump.age"))
    assert old.name not in kept and recent.name in kept and len(kept) == 2 and unrelated.exists()
    assert "Removed 1 backup(s) older than 35 days" in nightly.stdout
