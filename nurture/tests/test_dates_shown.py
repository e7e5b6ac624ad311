"""Dates are shown one way everywhere: "1 Dec 2026", with a time "1 Dec 2026 14:05" (issue 13, point 7).

The formats live in nurture/formats/en_GB/formats.py; templates use `|date` or `|date:"DATETIME_FORMAT"`
and Python display code core.dates. These tests scan every template and the Python display code for
another format, and render every page of the product looking for an ISO or numeric date in its text.
"""

from __future__ import annotations

import datetime
import html
import re
from pathlib import Path

import pytest
from django.template import Context, Template
from django.urls import reverse
from django.utils import timezone

from core.dates import format_date, format_datetime

from .matrix import all_cases, build_world

ROOT = Path(__file__).resolve().parents[2]
APPS = sorted(path.parent.name for path in ROOT.glob("*/apps.py"))  # every app of the project, new ones too
# "Y-m-d" only ever goes into a link's query or a date input's value (machine-read); the page-render test
# below proves no such date reaches the text people read.
NAMED_FORMATS = {"DATE_FORMAT", "DATETIME_FORMAT", "Y-m-d"}
DATE_FILTER = re.compile(r"""\|\s*(?:date|time)\s*:\s*(["'])(.*?)\1""")
# An f-string or strftime format that spells out a day (%d, %-d) or a month (%b, %B, %m).
PY_DATE_FORMAT = re.compile(r"""\{[^{}]+:%-?[dmbBY][^{}]*\}|strftime\(["'][^"']*%-?[dmbBYy]""")
# Compact chart axis ticks drawn at 9 pt, and file names, are not dates for reading; the rest go through core.dates.
PY_ALLOWED = ("svg_text(", "<text ", "filename=", 'strftime("%Y-%m-%d')  # and ISO cells of a CSV
ISO_DATE = re.compile(r"\b\d{4}-\d{2}-\d{2}\b")
NUMERIC_DATE = re.compile(r"\b\d{1,2}/\d{1,2}/\d{2,4}\b")


def _templates() -> list[Path]:
    found = list((ROOT / "templates").rglob("*.html"))
    for app in APPS:
        found += list((ROOT / app / "templates").rglob("*.html"))
    return found


def test_the_formats_read_as_people_read_dates():
    day = datetime.date(2026, 12, 1)
    moment = timezone.make_aware(datetime.datetime(2026, 12, 1, 14, 5))
    assert format_date(day) == "1 Dec 2026"
    assert format_datetime(moment) == "1 Dec 2026 14:05"
    rendered = Template('{{ day }}|{{ day|date }}|{{ moment|date:"DATETIME_FORMAT" }}|{{ moment }}').render(
        Context({"day": day, "moment": moment}))
    assert rendered == "1 Dec 2026|1 Dec 2026|1 Dec 2026 14:05|1 Dec 2026 14:05"


def test_no_template_formats_a_date_its_own_way():
    templates = _templates()
    assert len(templates) > 50
    offenders = [
        f"{path.relative_to(ROOT)}: |date:{match.group(1)}{match.group(2)}{match.group(1)}"
        for path in templates for match in DATE_FILTER.finditer(path.read_text())
        if match.group(2) not in NAMED_FORMATS
    ]
    assert not offenders, "Use |date or |date:\"DATETIME_FORMAT\":\n" + "\n".join(offenders)


def test_no_python_display_code_formats_a_date_its_own_way():
    offenders = []
    for app in APPS:
        for path in (ROOT / app).rglob("*.py"):
            if {"tests", "migrations", "formats"} & set(path.relative_to(ROOT).parts):
                continue
            for number, line in enumerate(path.read_text().splitlines(), start=1):
                if PY_DATE_FORMAT.search(line) and not any(allowed in line for allowed in PY_ALLOWED):
                    offenders.append(f"{path.relative_to(ROOT)}:{number}: {line.strip()}")
    assert not offenders, "Use core.dates.format_date / format_datetime:\n" + "\n".join(offenders)


def _visible_text(body: str) -> str:
    body = re.sub(r"<(script|style)\b.*?</\1>", " ", body, flags=re.S | re.I)
    return html.unescape(re.sub(r"<[^>]+>", " ", body))  # attributes (a date input's ISO value) go too


GET_PAGES = [case for case in all_cases() if case.method == "get" and case.ok_status == 200 and case.allowed
             and not case.url_name.endswith(("-pdf", "-download", "-csv", "-status", "-progress"))]
PREFERRED = ["senco", "nurture_staff", "class_teacher", "senior_leader", "school_admin", "governor"]


@pytest.mark.django_db
def test_no_page_shows_an_iso_or_numeric_date(client):
    world = build_world()
    shown = []
    checked = 0
    for case in GET_PAGES:
        persona = next(name for name in PREFERRED if name in case.allowed)
        client.force_login(world.users[persona])
        response = client.get(reverse(case.url_name, kwargs=case.kwargs(world)) + case.query)
        if response.streaming or not response.get("Content-Type", "").startswith("text/html"):
            continue
        checked += 1
        text = _visible_text(response.content.decode())
        for pattern in (ISO_DATE, NUMERIC_DATE):
            shown += [f"{case} as {persona}: {match.group(0)}" for match in pattern.finditer(text)]
    assert checked > 30
    assert not shown, "\n".join(shown)
