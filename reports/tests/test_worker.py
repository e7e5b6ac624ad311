"""The governors' report built by a real Celery worker through Redis, as in production.

Runs where REDIS_URL is set and the database is PostgreSQL (CI, `.ci/run`): a worker process is
started against the test database, listening on a queue of this test run's own.
"""

import os
import shutil
import subprocess
import sys
import time
import uuid
from pathlib import Path

import pytest
from django.db import connection

from core.terms import Term
from nurture.celery import app as celery_app
from reports.models import GovernorReport, ReportStatus
from reports.services import report_request
from reports.tests.scenario import TERM, build_term
from reports.tests.test_reports import _row, pdf_text

ROOT = Path(__file__).resolve().parents[2]
needs_services = pytest.mark.skipif(
    not os.environ.get("REDIS_URL") or not os.environ.get("DATABASE_URL", "").startswith("postgres"),
    reason="needs REDIS_URL and a PostgreSQL DATABASE_URL (make test under .ci/run)",
)


@pytest.fixture
def celery_worker_process(transactional_db):
    queue = f"nurture-test-{uuid.uuid4().hex[:8]}"
    settings_dict = connection.settings_dict
    database_url = (f"postgres://{settings_dict['USER'] or 'postgres'}@{settings_dict['HOST'] or '127.0.0.1'}:"
                    f"{settings_dict['PORT'] or 5432}/{settings_dict['NAME']}")
    env = {**os.environ, "DATABASE_URL": database_url, "DJANGO_SETTINGS_MODULE": "nurture.settings.test",
           "CELERY_QUEUE": queue}
    celery = shutil.which("celery", path=str(Path(sys.executable).parent)) or "celery"
    worker = subprocess.Popen([celery, "-A", "nurture", "worker", "-Q", queue, "-c", "2", "--loglevel", "WARNING",
                               "--without-gossip", "--without-mingle", "--without-heartbeat"], cwd=ROOT, env=env)
    previous = (celery_app.conf.task_always_eager, celery_app.conf.task_default_queue)
    celery_app.conf.task_always_eager = False
    celery_app.conf.task_default_queue = queue
    try:
        yield worker
    finally:
        celery_app.conf.task_always_eager, celery_app.conf.task_default_queue = previous
        worker.terminate()
        worker.wait(timeout=30)


@needs_services
@pytest.mark.django_db(transaction=True)
def test_a_real_worker_builds_the_report_with_figures_from_the_database(school, senco, celery_worker_process):
    build_term(school)

    report, queued = report_request(school=school, term=Term.parse(TERM), user=senco)

    deadline = time.monotonic() + 90
    while time.monotonic() < deadline:
        report.refresh_from_db()
        if report.status in (ReportStatus.READY, ReportStatus.FAILED):
            break
        assert celery_worker_process.poll() is None, "the worker stopped"
        time.sleep(0.5)
    assert queued and report.status == ReportStatus.READY, report.error or report.stage
    text = pdf_text(report)
    assert _row(text, "Pupils in the group") == "7" and _row(text, "Total") == "£15,000"
    assert GovernorReport.objects.filter(school=school).count() == 1
