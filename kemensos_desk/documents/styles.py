"""Paragraph styles and colours shared by every printed document.

``styles()`` returns a dict of ``ParagraphStyle`` keyed by role: ``body``, ``small``,
``title``, ``subtitle``, ``h1``/``h2``/``h3`` (headings that feed the table of contents),
``cell``/``cell_right``/``cell_center``/``cell_head`` (inside tables), ``cover_title`` …
"""
from __future__ import annotations

from functools import lru_cache

from reportlab.lib import colors
from reportlab.lib.enums import TA_CENTER, TA_JUSTIFY, TA_LEFT, TA_RIGHT
from reportlab.lib.styles import ParagraphStyle

from kemensos_desk.documents import fonts

INK = colors.HexColor("#1a1a1a")
ACCENT = colors.HexColor("#1f4e79")       # dark blue of headings and table heads
HEAD_FILL = colors.HexColor("#dbe5f1")    # table header background
ZEBRA = colors.HexColor("#f3f6fa")        # every other table row
TOTAL_FILL = colors.HexColor("#e8edf3")
GRID = colors.HexColor("#8c9bb0")
DEMO_RED = colors.HexColor("#c00000")
BAR = colors.HexColor("#2e75b6")
BAR_LOW = colors.HexColor("#c55a11")      # bars under the reference line
SERIES = (colors.HexColor("#2e75b6"), colors.HexColor("#ed7d31"), colors.HexColor("#70ad47"),
          colors.HexColor("#7f7f7f"))        # grouped bars, in series order


@lru_cache(maxsize=None)
def styles() -> dict[str, ParagraphStyle]:
    family = fonts.register()
    base = ParagraphStyle("body", fontName=fonts.REGULAR, fontSize=10, leading=14, textColor=INK,
                          alignment=TA_JUSTIFY, spaceAfter=6)

    def s(name, parent=base, **kw):
        return ParagraphStyle(name, parent=parent, **kw)

    out = {
        "body": base,
        "body_left": s("body_left", alignment=TA_LEFT),
        "small": s("small", fontSize=8, leading=10.5, alignment=TA_LEFT, spaceAfter=2),
        "note": s("note", fontName=fonts.ITALIC, fontSize=8.5, leading=11, alignment=TA_LEFT),
        "title": s("title", fontName=fonts.BOLD, fontSize=13, leading=17, alignment=TA_CENTER, spaceAfter=2),
        "subtitle": s("subtitle", fontSize=10.5, leading=14, alignment=TA_CENTER, spaceAfter=10),
        "h1": s("h1", fontName=fonts.BOLD, fontSize=12.5, leading=16, textColor=ACCENT, alignment=TA_LEFT,
                spaceBefore=10, spaceAfter=6),
        "h2": s("h2", fontName=fonts.BOLD, fontSize=11, leading=14, textColor=ACCENT, alignment=TA_LEFT,
                spaceBefore=8, spaceAfter=4),
        "h3": s("h3", fontName=fonts.BOLD, fontSize=10, leading=13, alignment=TA_LEFT,
                spaceBefore=6, spaceAfter=3),
        "cell": s("cell", fontSize=8, leading=10, alignment=TA_LEFT, spaceAfter=0),
        "cell_right": s("cell_right", fontSize=8, leading=10, alignment=TA_RIGHT, spaceAfter=0),
        "cell_center": s("cell_center", fontSize=8, leading=10, alignment=TA_CENTER, spaceAfter=0),
        "cell_head": s("cell_head", fontName=fonts.BOLD, fontSize=8, leading=10, alignment=TA_CENTER,
                       spaceAfter=0, textColor=INK),
        "kop_gov": s("kop_gov", fontName=fonts.BOLD, fontSize=13, leading=16, alignment=TA_CENTER, spaceAfter=0),
        "kop_unit": s("kop_unit", fontName=fonts.BOLD, fontSize=17, leading=21, alignment=TA_CENTER, spaceAfter=1),
        "kop_line": s("kop_line", fontSize=8.5, leading=11, alignment=TA_CENTER, spaceAfter=0),
        "cover_title": s("cover_title", fontName=fonts.BOLD, fontSize=20, leading=27, alignment=TA_CENTER,
                         textColor=ACCENT, spaceAfter=12),
        "cover_sub": s("cover_sub", fontSize=13, leading=18, alignment=TA_CENTER, spaceAfter=6),
        "toc_title": s("toc_title", fontName=fonts.BOLD, fontSize=13, leading=17, alignment=TA_CENTER,
                       spaceAfter=14),
        "toc0": s("toc0", fontName=fonts.BOLD, fontSize=10, leading=15, alignment=TA_LEFT, leftIndent=0,
                  firstLineIndent=0, spaceAfter=2),
        "toc1": s("toc1", fontSize=9.5, leading=13, alignment=TA_LEFT, leftIndent=18, firstLineIndent=0),
        "toc2": s("toc2", fontSize=9, leading=12, alignment=TA_LEFT, leftIndent=36, firstLineIndent=0),
        "sign": s("sign", fontSize=10, leading=13.5, alignment=TA_CENTER, spaceAfter=0),
        "sign_name": s("sign_name", fontName=fonts.BOLD, fontSize=10, leading=13.5, alignment=TA_CENTER,
                       spaceAfter=0),
    }
    assert family
    return out
