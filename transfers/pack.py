"""The transfer pack in three testable pieces: build (the registry's sections), render (PDF), read (import).

The JSON file is the pack; the PDF is rendered from the same JSON, so what a person reads is what the
receiving system imports. The audit trail, notices to staff and earlier exports stay at this school.
"""

from __future__ import annotations

import json
import uuid

from django.core.exceptions import ValidationError
from django.template.loader import render_to_string
from django.utils import dateparse, timezone

from core.pdf import html_to_pdf
from privacy.registry import day, plain, subject_access_sections

from .models import PACK_FORMAT

STAYS_AT_SCHOOL = {"audit", "notifications", "extra"}
PUPIL_FIELDS = ["upn", "legal_first_name", "legal_last_name", "preferred_first_name", "preferred_last_name",
                "date_of_birth", "gender", "sen_status", "year_group", "date_of_entry", "date_of_leaving",
                "pupil_premium", "free_school_meals", "eal", "looked_after"]
MAX_PACK_BYTES = 20 * 1024 * 1024


def build_pack(*, pupil, pack_id: uuid.UUID, receiving_school: str, receiving_urn: str, prepared_by) -> dict:
    """Return the pack for the pupil: who they are, and every section of their record that travels."""
    return {
        "format": PACK_FORMAT,
        "pack_id": str(pack_id),
        "prepared_at": timezone.now().isoformat(),
        "prepared_by": prepared_by.get_full_name() or prepared_by.username,
        "from_school": {"name": pupil.school.name, "urn": pupil.school.urn},
        "receiving_school": {"name": receiving_school, "urn": receiving_urn},
        "pupil": {name: plain(getattr(pupil, name)) for name in PUPIL_FIELDS},
        "sections": [section.as_json() for section in subject_access_sections(pupil)
                     if section.key not in STAYS_AT_SCHOOL],
    }


def pack_json(pack: dict) -> bytes:
    return json.dumps(pack, indent=2, ensure_ascii=False).encode()


def _readable(value):
    if isinstance(value, str):
        moment = dateparse.parse_datetime(value) if "T" in value else None
        if moment is not None:
            return day(moment.date())
        date = dateparse.parse_date(value) if len(value) == 10 else None
        if date is not None:
            return day(date)
    if isinstance(value, bool):
        return "Yes" if value else "No"
    if value in (None, ""):
        return "—"
    return value


def readable_sections(sections: list[dict]) -> list[dict]:
    """Return the pack's sections as a person reads them: each record's title and (label, value) pairs."""
    return [{"title": section.get("title", section.get("key", "")),
             "records": [{"title": record.get("title", ""),
                          "rows": [(key.replace("_", " ").capitalize(), _readable(value))
                                   for key, value in record.items() if key != "title"]}
                         for record in section.get("records", [])]}
            for section in sections]


def pack_pdf(pack: dict) -> bytes:
    html = render_to_string("transfers/pack_pdf.html", {
        "pack": pack, "pupil": {key: _readable(value) for key, value in pack["pupil"].items()},
        "sections": readable_sections(pack["sections"]), "prepared_on": _readable(pack["prepared_at"])})
    return html_to_pdf(html)


def read_pack(content: bytes) -> dict:
    """Return the pack in an uploaded file, or refuse with what is wrong with it."""
    if len(content) > MAX_PACK_BYTES:
        raise ValidationError("The file is larger than a transfer pack can be (20 MB).")
    try:
        pack = json.loads(content.decode("utf-8"))
    except (UnicodeDecodeError, json.JSONDecodeError) as error:
        raise ValidationError("This is not a Nurture transfer pack: the file is not JSON.") from error
    if not isinstance(pack, dict) or pack.get("format") != PACK_FORMAT:
        raise ValidationError(f"This is not a Nurture transfer pack (expected the format {PACK_FORMAT}).")
    pupil = pack.get("pupil")
    if not isinstance(pupil, dict) or not all(pupil.get(name) for name in
                                              ("legal_first_name", "legal_last_name", "date_of_birth")):
        raise ValidationError("The pack does not name the pupil (names and date of birth).")
    try:
        uuid.UUID(str(pack.get("pack_id")))
        if dateparse.parse_date(str(pupil["date_of_birth"])) is None:
            raise ValueError
    except ValueError as error:
        raise ValidationError("The pack is damaged: its id or the pupil's date of birth cannot be read.") from error
    if not isinstance(pack.get("sections"), list):
        raise ValidationError("The pack is damaged: it holds no record sections.")
    return pack
