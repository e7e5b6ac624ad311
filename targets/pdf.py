"""The learning passport as a one-page A4 PDF: a template renders HTML, WeasyPrint converts it."""

from __future__ import annotations

from django.template.loader import render_to_string

from .selectors import Passport

# A passport must fit one page for the pupil's folder: long passports are set in a smaller type.
FONT_SIZES_PT = (11, 10, 9, 8, 7)


def passport_html(passport: Passport, font_size_pt: float = FONT_SIZES_PT[0]) -> str:
    """Return the printable HTML of a pupil's learning passport."""
    return render_to_string("targets/passport_print.html", {"passport": passport, "font_size": font_size_pt})


def passport_pdf(passport: Passport, base_url: str = "") -> bytes:
    """Return the passport as PDF bytes on a single A4 page (shrinking the type if it must)."""
    from weasyprint import HTML  # imported here: loading Pango costs time every other page does not need

    document = None
    for size in FONT_SIZES_PT:
        document = HTML(string=passport_html(passport, size), base_url=base_url or None).render()
        if len(document.pages) == 1:
            break
    # Past the smallest type, the first page still carries the targets, which come first.
    document.pages[1:] = []
    return document.write_pdf()
