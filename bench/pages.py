"""The pages, loads and jobs the benchmark measures, and the case-record data behind them.

Each part of the product adds its pages here as it lands; `key_pages` lists every page of the
issue's list that exists, for the role that uses it.
"""

from __future__ import annotations

import time
from dataclasses import dataclass, field

from django.urls import reverse

from pupils.models import NurtureGroup, Placement, Role

# Keys a signed-in session needs beyond Django's own (e.g. two-factor verification).
EXTRA_SESSION: dict = {}


@dataclass
class Page:
    label: str
    role: str
    path: str
    username: str
    method: str = "GET"
    form: dict | None = field(default=None)


def generate_case_records(trust, *, observations: int, years: int) -> dict:
    """Add referrals, assessments, targets, observations, readiness and follow-ups (as the apps exist)."""
    return {}


def key_pages(school) -> list[Page]:
    def user(role: str) -> str:
        return f"{school.slug}-{role}"

    group = NurtureGroup.objects.filter(school=school).first()
    placement = Placement.objects.current().filter(group=group).select_related("pupil").first()
    pupil = placement.pupil
    pages = [
        Page(f"dashboard: {role.label}", role.label, reverse("dashboard", args=[role.value]), user(role.value))
        for role in Role
    ]
    pages += [
        Page("pupil case page", "SENCO", reverse("pupils:pupil-detail", args=[pupil.pk]), user("senco")),
        Page("pupil list", "SENCO", reverse("pupils:pupil-list"), user("senco")),
        Page("group page", "Nurture staff", reverse("pupils:group-detail", args=[group.pk]), user("nurture_staff")),
        Page("audit trail", "SENCO", reverse("pupils:pupil-audit", args=[pupil.pk]), user("senco")),
    ]
    return pages


def load_pages(school) -> list[Page]:
    group = NurtureGroup.objects.filter(school=school).first()
    pupil = Placement.objects.current().filter(group=group).first().pupil
    return [Page("pupil case page", "SENCO", reverse("pupils:pupil-detail", args=[pupil.pk]), f"{school.slug}-senco")]


def measure_jobs(trust) -> dict:
    """Time the background jobs: the MIS import (and the governor report, once it exists)."""
    from bench.generate import mis_export_csv
    from pupils.services import pupil_import_apply, pupil_import_preview

    school = trust.schools[-1]
    text = mis_export_csv(school, 2000)
    started = time.perf_counter()
    pupil_import, _preview = pupil_import_preview(school=school, user=None, file_name="bench.csv", csv_text=text)
    result = pupil_import_apply(pupil_import=pupil_import, user=None)
    seconds = time.perf_counter() - started
    return {"import_rows": result.created_count, "import_seconds": round(seconds, 2),
            "import_rows_per_second": round(result.created_count / seconds, 1)}
