"""The pages, loads and jobs the benchmark measures, and the case-record data behind them.

Each page of the issue's list appears here for the role that uses it.
"""

from __future__ import annotations

import time
from dataclasses import dataclass, field
from html.parser import HTMLParser

from django.urls import reverse

from bench.generate import TRUST_LEADER_USERNAME
from pupils.models import NurtureGroup, Placement, User

from .generate import ROLES


@dataclass
class Page:
    label: str
    role: str
    path: str
    username: str
    method: str = "GET"
    form: dict | None = field(default=None)


def second_factor_session(username: str) -> dict:
    """Return the session keys of a user who has passed two-factor sign-in (a confirmed TOTP device)."""
    from django_otp import DEVICE_ID_SESSION_KEY
    from django_otp.plugins.otp_totp.models import TOTPDevice

    user = User.objects.get(username=username)
    device, _ = TOTPDevice.objects.get_or_create(user=user, name="Bench", defaults={"confirmed": True})
    return {DEVICE_ID_SESSION_KEY: device.persistent_id}


def session_for(username: str) -> str:
    """Return the key of a new session of the user, signed in and past two-factor sign-in."""
    from django.contrib.auth import BACKEND_SESSION_KEY, HASH_SESSION_KEY, SESSION_KEY
    from django.contrib.sessions.backends.db import SessionStore

    user = User.objects.get(username=username)
    store = SessionStore()
    store[SESSION_KEY] = str(user.pk)
    store[BACKEND_SESSION_KEY] = "nurture.backends.SchoolStaffBackend"
    store[HASH_SESSION_KEY] = user.get_session_auth_hash()
    store.update(second_factor_session(username))
    store.save()
    return store.session_key


def signed_in_client(username: str):
    """A Django test client (in this process, on the bench database) signed in as the user."""
    from django.test import Client

    client = Client(HTTP_HOST="127.0.0.1")
    client.cookies["sessionid"] = session_for(username)
    return client


def generate_case_records(trust, *, observations: int, years: int) -> dict:
    """Add assessments, targets and daily observations (and the later stages, as they exist)."""
    from bench.case_records import generate_assessments_and_targets, generate_reintegration

    counts = generate_assessments_and_targets(trust, observations=observations)
    counts.update(generate_reintegration(trust))
    return counts


def _fixture(school):
    """Return the school's group and a current member who is in the bench class teacher's class."""
    group = NurtureGroup.objects.filter(school=school).first()
    placement = (Placement.objects.in_group_on().filter(group=group, pupil__school_class__teachers__username=
                                                    f"{school.slug}-class_teacher")
                 .select_related("pupil").order_by("pk").first())
    return group, placement.pupil


def existing_trust():
    """The trust an earlier run generated (for `--reuse`: measure again without generating)."""
    from bench.generate import Trust
    from pupils.models import School

    schools = list(School.objects.filter(slug__startswith="bench-").order_by("slug"))
    if not schools:
        raise SystemExit("No generated trust in this database: run without --reuse first.")
    return Trust(schools=schools, counts={"schools": len(schools)})


def school_volume(school) -> dict:
    """How many observations and audit entries the school has (the load adds to both)."""
    from auditlog.models import LogEntry

    from targets.models import PupilObservation

    return {"observations": PupilObservation.objects.filter(school=school).count(),
            "audit_entries": LogEntry.objects.count()}  # only this school is loaded, so the whole table's growth


def remove_load_sessions(school, since) -> int:
    """Delete the sessions the load's observation saves created (a thousand sessions in a day is the load's
    doing, not a school's), with their observations, ratings and audit entries, and the case page views
    it recorded; return how many sessions."""
    from auditlog.models import LogEntry
    from django.contrib.contenttypes.models import ContentType

    from targets.models import ObservationSession, PupilObservation

    sessions = ObservationSession.objects.filter(school=school, created_at__gte=since)
    observation_ids = [str(pk) for pk in PupilObservation.objects.filter(session__in=sessions).values_list(
        "pk", flat=True)]
    LogEntry.objects.filter(content_type=ContentType.objects.get_for_model(PupilObservation),
                            object_pk__in=observation_ids).delete()
    LogEntry.objects.filter(action=LogEntry.Action.ACCESS, timestamp__gte=since,
                            actor__school=school).delete()
    return sessions.delete()[1].get("targets.ObservationSession", 0)


def key_pages(school) -> list[Page]:
    def user(role: str) -> str:
        return f"{school.slug}-{role}"

    group, pupil = _fixture(school)
    pages = [
        Page(f"dashboard: {role.label}", role.label, reverse("dashboard", args=[role.value]), user(role.value))
        for role in ROLES  # the roles the generator gives each school's staff
    ]
    # The trust leader sees every school of the trust: the page must stay flat at 50 schools.
    pages += [Page("trust dashboard", "Trust leader", reverse("trusts:dashboard"), TRUST_LEADER_USERNAME),
              Page("trust report list", "Trust leader", reverse("trusts:report-list"), TRUST_LEADER_USERNAME)]
    pages += [
        Page("pupil case page", "SENCO", reverse("pupils:pupil-detail", args=[pupil.pk]), user("senco")),
        Page("pupil list", "SENCO", reverse("pupils:pupil-list"), user("senco")),
        Page("referrals board", "SENCO", reverse("pupils:referral-board"), user("senco")),
        Page("group page", "Nurture staff", reverse("pupils:group-detail", args=[group.pk]), user("nurture_staff")),
        Page("audit trail", "SENCO", reverse("pupils:pupil-audit", args=[pupil.pk]), user("senco")),
        Page("whole child", "SENCO", reverse("assessments:whole-child", args=[pupil.pk]), user("senco")),
        Page("group assessments", "Nurture staff", reverse("assessments:group-assessments", args=[group.pk]),
             user("nurture_staff")),
        Page("targets page", "Nurture staff", reverse("targets:target-list", args=[pupil.pk]), user("nurture_staff")),
        Page("learning passport", "Class teacher", reverse("targets:passport", args=[pupil.pk]),
             user("class_teacher")),
        Page("my class", "Class teacher", reverse("targets:my-class"), user("class_teacher")),
        Page("daily observation screen", "Nurture staff", reverse("targets:observation-log", args=[group.pk]),
             user("nurture_staff")),
        Page("reintegration page", "SENCO", reverse("reintegration:pupil-reintegration", args=[pupil.pk]),
             user("senco")),
        Page("cohort page", "SENCO", reverse("reintegration:cohort"), user("senco")),
        Page("report list", "Governor", reverse("reports:report-list"), user("governor")),
    ]
    pages.append(observation_post(school))
    return [page for page in pages if page is not None]


class FormReader(HTMLParser):
    """Collects a form's fields as a browser would submit them untouched (its defaults)."""

    def __init__(self) -> None:
        super().__init__()
        self.fields: list[tuple[str, str]] = []
        self.unchecked: set[str] = set()  # checkboxes and radio groups left as they are
        self._select: str | None = None
        self._select_value: str | None = None
        self._textarea: str | None = None

    def handle_starttag(self, tag, attrs):
        attributes = dict(attrs)
        name = attributes.get("name")
        if tag == "input" and name and name != "csrfmiddlewaretoken":
            kind = attributes.get("type", "text")
            if kind in ("checkbox", "radio"):
                if "checked" in attributes:
                    self.fields.append((name, attributes.get("value", "on")))
                else:
                    self.unchecked.add(name)
            elif kind not in ("submit", "button", "file"):
                self.fields.append((name, attributes.get("value") or ""))
        elif tag == "select" and name:
            self._select, self._select_value = name, None
        elif tag == "option" and self._select is not None:
            if self._select_value is None or "selected" in attributes:
                self._select_value = attributes.get("value", "")
        elif tag == "textarea" and name:
            self._textarea = name
            self.fields.append((name, ""))

    def handle_endtag(self, tag):
        if tag == "select" and self._select is not None:
            self.fields.append((self._select, self._select_value or ""))
            self._select = None
        elif tag == "textarea":
            self._textarea = None


def observation_post(school) -> Page | None:
    """The observation screen's submit of a typical 'nothing unusual today' session: every pupil 'As last time'
    (one tap each; the screen rates nothing by itself), 'mostly settled' for a pupil with no last time."""
    group, _ = _fixture(school)
    url = reverse("targets:observation-log", args=[group.pk])
    response = signed_in_client(f"{school.slug}-nurture_staff").get(url)
    if response.status_code != 200:
        raise SystemExit(f"The observation screen answered {response.status_code}: cannot read its form.")
    reader = FormReader()
    reader.feed(response.content.decode())
    form: dict = {}
    for name, value in reader.fields:
        form.setdefault(name, []).append(value)
    for name in reader.unchecked:
        if name.endswith("-as_last_time"):
            form[name] = ["on"]
    for name in reader.unchecked:
        if name.endswith("-settled") and name not in form and name.replace("-settled", "-as_last_time") not in form:
            form[name] = ["3"]
    return Page("daily observation save", "Nurture staff", url, f"{school.slug}-nurture_staff", method="POST",
                form=form)


def load_pages(school) -> list[Page]:
    group, pupil = _fixture(school)
    return [Page("pupil case page", "SENCO", reverse("pupils:pupil-detail", args=[pupil.pk]), f"{school.slug}-senco"),
            observation_post(school)]


def measure_jobs(trust) -> dict:
    """Time the background jobs: the MIS import and the governors' report (one school, the whole trust)."""
    from bench.generate import mis_export_csv
    from pupils.services import pupil_import_apply, pupil_import_preview

    jobs = {}
    school = trust.schools[-1]
    text = mis_export_csv(school, 2000)
    started = time.perf_counter()
    pupil_import, _preview = pupil_import_preview(school=school, user=None, file_name="bench.csv", csv_text=text)
    result = pupil_import_apply(pupil_import=pupil_import, user=None)
    seconds = time.perf_counter() - started
    jobs.update({"import_rows": result.created_count, "import_seconds": round(seconds, 2),
                 "import_rows_per_second": round(result.created_count / seconds, 1)})
    jobs.update(report_jobs(trust))
    return jobs


def report_jobs(trust) -> dict:
    """Build one school's report in this process, then every school's through two Celery workers on Redis."""
    import os
    import subprocess
    import sys
    from pathlib import Path

    from django.utils import timezone

    from core.terms import Term
    from reports.models import GovernorReport, ReportStatus
    from reports.services import report_build, report_request

    term = Term.for_date(timezone.localdate())
    started = time.perf_counter()
    report_build(report_id=GovernorReport.objects.create(school=trust.schools[0], term=term.previous().code).pk)
    one_school = time.perf_counter() - started
    root = Path(__file__).resolve().parent.parent
    env = {**os.environ, "CELERY_QUEUE": "nurture-bench"}
    # The workers' banner and warnings go to bench/worker.log, out of the table's way.
    worker_log = (root / "bench" / "worker.log").open("w")
    worker = subprocess.Popen([str(Path(sys.executable).parent / "celery"), "-A", "nurture", "worker", "-Q",
                               "nurture-bench", "-c", "2", "--loglevel", "WARNING", "--without-gossip",
                               "--without-mingle", "--without-heartbeat"], cwd=root, env=env,
                              stdout=worker_log, stderr=subprocess.STDOUT)
    from nurture.celery import app as celery_app

    celery_app.conf.task_always_eager = False
    celery_app.conf.task_default_queue = "nurture-bench"
    try:
        time.sleep(3)
        started = time.perf_counter()
        ids = [report_request(school=school, term=term, user=None)[0].pk for school in trust.schools]
        deadline = time.monotonic() + 900
        while time.monotonic() < deadline:
            if not GovernorReport.objects.filter(pk__in=ids).exclude(
                    status__in=[ReportStatus.READY, ReportStatus.FAILED]).exists():
                break
            time.sleep(0.5)
        trust_seconds = time.perf_counter() - started
        failed = GovernorReport.objects.filter(pk__in=ids, status=ReportStatus.FAILED).count()
    finally:
        worker.terminate()
        worker.wait(timeout=30)
        worker_log.close()
    return {"report_one_school_seconds": round(one_school, 2), "report_trust_seconds": round(trust_seconds, 1),
            "report_trust_schools": len(ids), "report_trust_failed": failed}
