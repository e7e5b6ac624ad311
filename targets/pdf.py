"""The learning passport as a one-page A4 PDF: a template renders HTML, WeasyPrint converts it."""

from __future__ import annotations

from django.template.loader import render_to_string

from core.pdf import html_to_pdf_fitting

from .selectors import Passport

# A passport must fit one page for the pupil's folder: long passports are set in a smaller type.
FONT_SIZES_PT = (11, 10, 9, 8, 7)


def passport_html(passport: Passport, font_size_pt: float = FONT_SIZES_PT[0]) -> str:
    """Return the printable HTML of a pupil's learning passport."""
    return render_to_string("targets/passport_print.html", {"passport": passport, "font_size": font_size_pt})


def passport_pdf(passport: Passport) -> bytes:
    """Return the passport as PDF bytes on a single A4 page (shrinking the type if it must)."""
    return html_to_pdf_fitting(lambda size: passport_html(passport, size), FONT_SIZES_PT, pages=1)
