"""Every list a user sees downloads as CSV or XLSX: the page's own rows, with the page's filters, audited.

A list view adds `ExportMixin` and says how a row reads (`export_table`); the page's URL with
`?export=csv` (or `xlsx`) answers the file instead of the page, so the export is permission-checked
exactly as the page is, by the same view. Cells that a spreadsheet would run as a formula are quoted
(`core.csv_safe`) in both formats: openpyxl too stores a string starting with "=" as a formula.
Each download writes one audit entry naming every pupil it holds (`audit_download`).
"""

from __future__ import annotations

import datetime
import io
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any

from django.http import HttpResponse
from django.utils import timezone
from django.utils.text import slugify

from .audit import audit_download, note_pupils_audited
from .csv_safe import safe_cell, write_csv

FORMATS = {
    "csv": "text/csv; charset=utf-8",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
}


@dataclass
class Table:
    """What a list page shows, as rows: a title, the filters it was shown with, headers and cells."""

    title: str
    headers: Sequence[str]
    rows: Iterable[Sequence[Any]]
    filters: dict[str, str] = field(default_factory=dict)
    pupil_ids: list[int] = field(default_factory=list)

    @property
    def file_stem(self) -> str:
        """Return the file's name: the list and the day, never a filter's text (a search may be a child's name)."""
        return f"{slugify(self.title)[:60] or 'export'}-{timezone.localdate().isoformat()}"


def _xlsx_cell(value: Any) -> Any:
    if isinstance(value, datetime.datetime):
        return timezone.localtime(value).replace(tzinfo=None) if timezone.is_aware(value) else value
    if isinstance(value, datetime.date):
        return value
    return safe_cell(value)


def _csv_cell(value: Any) -> Any:
    if isinstance(value, datetime.datetime):
        value = timezone.localtime(value) if timezone.is_aware(value) else value
        return value.replace(tzinfo=None).isoformat(sep=" ", timespec="minutes")  # what a spreadsheet reads
    if isinstance(value, datetime.date):
        return value.isoformat()
    return value


def table_csv(table: Table) -> bytes:
    """Return the table as CSV (UTF-8 with a byte-order mark, so Excel reads accents right)."""
    rows = [list(table.headers), *([_csv_cell(cell) for cell in row] for row in table.rows)]
    return ("\ufeff" + write_csv(rows)).encode("utf-8")


def table_xlsx(table: Table) -> bytes:
    """Return the table as an XLSX workbook: the rows on the first sheet, what was exported on a second."""
    from openpyxl import Workbook  # imported here: only an export needs it

    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet(title=re.sub(r"[\[\]:*?/\\]", " ", table.title)[:31].strip() or "Export")
    sheet.append([safe_cell(header) for header in table.headers])
    for row in table.rows:
        sheet.append([_xlsx_cell(cell) for cell in row])
    about = workbook.create_sheet(title="About")
    about.append(["Exported", timezone.localtime().replace(tzinfo=None)])
    about.append(["List", safe_cell(table.title)])
    for name, value in table.filters.items():
        about.append([safe_cell(name), safe_cell(value)])
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def export_response(table: Table, fmt: str, *, user, record, page: str) -> HttpResponse:
    """Return the table as a download in the format, audited as a download naming every pupil in it."""
    rows = [list(row) for row in table.rows]
    table = Table(table.title, table.headers, rows, table.filters, table.pupil_ids)
    body = table_xlsx(table) if fmt == "xlsx" else table_csv(table)
    file_name = f"{table.file_stem}.{fmt}"
    details = {"page": page, "format": fmt.upper(), "file": file_name, "rows": len(rows)}
    if table.pupil_ids:
        details["pupil_ids"] = sorted(set(table.pupil_ids))
    audit_download(user=user, record=record, **details)
    note_pupils_audited(table.pupil_ids)
    response = HttpResponse(body, content_type=FORMATS[fmt])
    response["Content-Disposition"] = f'attachment; filename="{file_name}"'
    return response


class ExportMixin:
    """A list view whose rows also download as CSV or XLSX (`?export=csv|xlsx`), with the page's filters.

    The view defines `export_table(context) -> Table` from the context its page is rendered with, so
    the file holds what the page holds. A paginated list exports every row its filters select.
    """

    export_formats = tuple(FORMATS)

    def export_table(self, context) -> Table:  # pragma: no cover - each view says how its rows read
        raise NotImplementedError

    def export_record(self):
        """Return the record the download is logged against: the user's school (or trust)."""
        user = self.request.user
        return user.school if user.school_id else user.trust

    def export_links(self) -> list[dict]:
        query = self.request.GET.copy()
        query.pop("page", None)
        links = []
        for fmt in self.export_formats:
            query["export"] = fmt
            links.append({"label": f"Download {fmt.upper()}", "url": f"?{query.urlencode()}"})
        return links

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["export_links"] = self.export_links()
        return context

    def get_paginate_by(self, queryset):
        if self.request.GET.get("export") in self.export_formats:
            return None
        return super().get_paginate_by(queryset)

    def render_to_response(self, context, **response_kwargs):
        fmt = self.request.GET.get("export")
        if fmt in self.export_formats:
            from .audit import page_name

            match = self.request.resolver_match
            page = getattr(self, "audit_page", "") or page_name(None, match.url_name if match else None)
            return export_response(self.export_table(context), fmt, user=self.request.user,
                                   record=self.export_record(), page=page)
        return super().render_to_response(context, **response_kwargs)


def filters_from_form(form) -> dict[str, str]:
    """Return the filters a valid filter form applied, as label -> shown value (empty ones left out)."""
    if not form.is_bound or not form.is_valid():
        return {}
    shown = {}
    for name, value in form.cleaned_data.items():
        if value in (None, "", [], ()):
            continue
        field = form.fields[name]
        choices = dict((str(key), label) for key, label in getattr(field, "choices", []) or [])
        shown[str(field.label or name)] = str(choices.get(str(value), value)) if choices and not hasattr(
            value, "pk") else str(value)
    return shown
