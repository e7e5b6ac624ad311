"""The subject access archive in three testable pieces: gather (registry), render (template), write (zip)."""

from __future__ import annotations

import io
import json
import zipfile

from django.template.loader import render_to_string
from django.utils import timezone

from core.files import write_atomically  # noqa: F401  (re-exported for the export service)
from core.pdf import html_to_pdf

from .registry import subject_access_sections

README = """Subject access export from Nurture.

record.pdf  - everything held about the pupil, to read.
record.json - the same records, machine-readable (UTF-8 JSON).

This file holds special category data about a child: keep it safe and delete it once it is handed over.
"""


def gather(export) -> dict:
    """Return everything held about the export's pupil, as JSON-ready data."""
    sections = subject_access_sections(export.pupil)
    return {
        "sections": sections,
        "json": {
            "format": "nurture-subject-access/1",
            "school": export.school.name,
            "pupil_id": export.pupil_id,
            "generated_at": timezone.now().isoformat(),
            "requested_by": export.requested_by.get_full_name() or export.requested_by.username,
            "sections": [section.as_json() for section in sections],
        },
    }


def render_pdf(export, sections) -> bytes:
    html = render_to_string("privacy/subject_access_pdf.html", {"export": export, "sections": sections,
                                                                "generated_at": timezone.now()})
    return html_to_pdf(html)


def build_archive(export) -> bytes:
    """Return the zip archive (PDF + JSON + a note) for the export."""
    gathered = gather(export)
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("README.txt", README)
        archive.writestr("record.json", json.dumps(gathered["json"], indent=2, ensure_ascii=False))
        archive.writestr("record.pdf", render_pdf(export, gathered["sections"]))
    return buffer.getvalue()
