"""SVG chart primitives every chart of the product is drawn with: the document, text, the house colours.

Every chart carries a <title> and a <desc> (read by screen readers), labels values as text (meaning
never rests on colour alone) and is shown next to a table of the same figures. Pure Python: the
chart modules of each app pass plain values and get a SafeString they can put in a page or a PDF.
"""

from __future__ import annotations

import zlib

from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

INK = "#1f2933"
MUTED_INK = "#333333"
GRID = "#d0d5da"
FONT = 'font-family="DejaVu Sans, Arial, sans-serif"'


def svg_document(width: int, height: int, title: str, desc: str, body: list[str], css_class: str, *,
                 font_size: int = 11, fixed_width: bool = False) -> SafeString:
    """Return a whole accessible chart: the <svg> with its title and description, then the body's parts.

    `body` parts must already be escaped (build them with `svg_text`). A chart for a PDF page takes
    its own width (`fixed_width`); on a web page it fills its container.
    """
    ident = f"chart-{zlib.crc32((css_class + title + desc).encode()):08x}"
    size = f'width="{width}" height="{height}"' if fixed_width else 'width="100%"'
    return mark_safe(
        f'<svg xmlns="http://www.w3.org/2000/svg" class="{css_class}" viewBox="0 0 {width} {height}" '
        f'{size} role="img" aria-labelledby="{ident}-t {ident}-d" {FONT} font-size="{font_size}">'
        f'<title id="{ident}-t">{escape(title)}</title><desc id="{ident}-d">{escape(desc)}</desc>'
        + "".join(body) + "</svg>"
    )


def svg_text(x: float, y: float, text: str, anchor: str = "middle", size: int = 11, weight: str = "normal",
             fill: str = INK) -> str:
    """Return one escaped <text> element."""
    return (f'<text x="{x:.1f}" y="{y:.1f}" text-anchor="{anchor}" font-size="{size}" font-weight="{weight}" '
            f'fill="{fill}">{escape(text)}</text>')


def svg_line(x1: float, y1: float, x2: float, y2: float, *, stroke: str = GRID, width: float = 1,
             dash: str = "") -> str:
    """Return one <line> element."""
    dashed = f' stroke-dasharray="{dash}"' if dash else ""
    return (f'<line x1="{x1:.1f}" y1="{y1:.1f}" x2="{x2:.1f}" y2="{y2:.1f}" stroke="{stroke}" '
            f'stroke-width="{width}"{dashed}/>')
