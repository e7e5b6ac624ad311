"""Every PDF of the product is made here: HTML from a template, then WeasyPrint, tagged for screen readers.

The three pieces stay testable apart (a selector gathers the figures, a template renders HTML,
`html_to_pdf` converts it). Static files resolve from the project folder, never over the network.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

from django.conf import settings


def _html(html: str):
    from weasyprint import HTML  # imported here: loading Pango costs time the pages that make no PDF do not need

    return HTML(string=html, base_url=str(settings.BASE_DIR))


def html_to_pdf(html: str) -> bytes:
    """Return the HTML as a tagged PDF (PDF/UA-1), with the house fonts and static files."""
    return _html(html).write_pdf(pdf_tags=True, pdf_variant="pdf/ua-1")


def html_to_pdf_fitting(render: Callable[[float], str], sizes: Sequence[float], *, pages: int = 1) -> bytes:
    """Return the first rendering, from the largest type size down, that fits `pages` pages.

    Past the smallest size the pages beyond `pages` are dropped: the document must put first what
    must never be lost (a passport's targets).
    """
    document = None
    for size in sizes:
        document = _html(render(size)).render(pdf_tags=True)
        if len(document.pages) <= pages:
            break
    document.pages[pages:] = []
    return document.write_pdf(pdf_tags=True, pdf_variant="pdf/ua-1")
