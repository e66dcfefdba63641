"""The DejaVu Sans family shipped in ``resources/fonts`` so every machine prints the same.

reportlab's built-in Helvetica has no glyphs beyond Latin-1 (no en dash in some
viewers, no ``≥``); DejaVu covers all Indonesian text. :func:`register` is called
lazily by the PDF builders and is cheap after the first call.
"""
from __future__ import annotations

from functools import lru_cache

from kemensos_desk.core.locations import resources_dir

REGULAR = "DejaVuSans"
BOLD = "DejaVuSans-Bold"
ITALIC = "DejaVuSans-Oblique"
BOLD_ITALIC = "DejaVuSans-BoldOblique"
FAMILY = "DejaVuSans"

_FILES = {REGULAR: "DejaVuSans.ttf", BOLD: "DejaVuSans-Bold.ttf",
          ITALIC: "DejaVuSans-Oblique.ttf", BOLD_ITALIC: "DejaVuSans-BoldOblique.ttf"}


@lru_cache(maxsize=None)
def register() -> str:
    """Register the four faces and the family (so ``<b>``/``<i>`` work); returns the family name."""
    from reportlab.lib.fonts import addMapping
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.ttfonts import TTFont

    folder = resources_dir() / "fonts"
    for name, file in _FILES.items():
        pdfmetrics.registerFont(TTFont(name, str(folder / file)))
    pdfmetrics.registerFontFamily(FAMILY, normal=REGULAR, bold=BOLD, italic=ITALIC, boldItalic=BOLD_ITALIC)
    for bold in (0, 1):
        for italic in (0, 1):
            addMapping(FAMILY, bold, italic, {(0, 0): REGULAR, (1, 0): BOLD, (0, 1): ITALIC,
                                              (1, 1): BOLD_ITALIC}[(bold, italic)])
    return FAMILY
