"""Flowables of an Indonesian government document: kop surat, title block, signature block.

All return reportlab flowables and take the frame width in points where size matters;
:class:`~kemensos_desk.documents.pdf.ReportDocument` calls them for you, but a module may
use them directly (e.g. a daftar penerima with its own layout).
"""
from __future__ import annotations

import datetime as _dt
from xml.sax.saxutils import escape

from reportlab.lib.units import mm
from reportlab.platypus import Flowable, Image, KeepTogether, Paragraph, Spacer, Table, TableStyle

from kemensos_desk.core.formatting import tanggal
from kemensos_desk.core.nip import format_nip
from kemensos_desk.documents.office import OfficeInfo
from kemensos_desk.documents.styles import INK, styles


def esc(text) -> str:
    """Escape text for a reportlab Paragraph (which reads a small XML markup)."""
    return escape("" if text is None else str(text))


class DoubleRule(Flowable):
    """The thick-over-thin double line under a kop surat."""

    def __init__(self, width: float, thick: float = 2.2, thin: float = 0.7, gap: float = 1.6):
        super().__init__()
        self.width, self.thick, self.thin, self.gap = width, thick, thin, gap
        self.height = thick + gap + thin

    def wrap(self, avail_width, avail_height):
        return self.width, self.height

    def draw(self):
        c = self.canv
        c.setStrokeColor(INK)
        c.setLineWidth(self.thick)
        top = self.height - self.thick / 2
        c.line(0, top, self.width, top)
        c.setLineWidth(self.thin)
        c.line(0, self.thin / 2, self.width, self.thin / 2)


def letterhead(office: OfficeInfo, width: float) -> list:
    """Kop surat: [emblem] government and unit in capitals, address and contacts, double rule."""
    st = styles()
    text = [Paragraph(esc(office.government.upper()), st["kop_gov"]),
            Paragraph(esc(office.unit.upper()), st["kop_unit"]),
            Paragraph(esc(office.address), st["kop_line"])]
    if office.contact_line:
        text.append(Paragraph(esc(office.contact_line), st["kop_line"]))
    logo = _logo(office.logo)
    if logo is None:
        out = text
    else:  # emblem left, text centred on the page (an empty column of the same width on the right)
        side = 24 * mm
        table = Table([[logo, text, ""]], colWidths=[side, width - 2 * side, side])
        table.setStyle(TableStyle([("VALIGN", (0, 0), (-1, -1), "MIDDLE"), ("ALIGN", (0, 0), (0, 0), "LEFT"),
                                   ("LEFTPADDING", (0, 0), (-1, -1), 0), ("RIGHTPADDING", (0, 0), (-1, -1), 0),
                                   ("TOPPADDING", (0, 0), (-1, -1), 0), ("BOTTOMPADDING", (0, 0), (-1, -1), 0)]))
        out = [table]
    return out + [Spacer(1, 2.5 * mm), DoubleRule(width), Spacer(1, 5 * mm)]


def _logo(path: str | None):
    """The emblem as a 20 mm high image, or None when there is none or it cannot be read."""
    if not path:
        return None
    try:
        from reportlab.lib.utils import ImageReader

        w, h = ImageReader(path).getSize()
        return Image(path, width=20 * mm * w / h, height=20 * mm)
    except Exception:  # a broken emblem file must not stop the report: print the kop without it
        return None


def title_block(title: str, subtitle: str | None = None) -> list:
    st = styles()
    out = [Paragraph(esc(title).replace("\n", "<br/>"), st["title"])]
    if subtitle:
        out.append(Paragraph(esc(subtitle).replace("\n", "<br/>"), st["subtitle"]))
    else:
        out.append(Spacer(1, 4 * mm))
    return out


def signature_block(office: OfficeInfo, width: float, date: _dt.date | None = None, *,
                    place: str | None = None, title_lines: list[str] | None = None,
                    name: str | None = None, nip: str | None = None) -> KeepTogether:
    """Right-hand signature block, kept on one page::

        Majalengka, 23 November 2026
        Kepala Dinas Sosial
        Kabupaten Majalengka,
        (space to sign)
        Drs. H. Ahmad Sutisna, M.Si.   (bold, underlined)
        NIP 19680312 199003 1 002
    """
    st = styles()
    date = date or _dt.date.today()
    place = place or office.place
    lines = title_lines or [office.head_title, f"{office.region_name},"]
    nip_text = f"NIP {format_nip(nip)}" if nip else office.nip_text
    who = name or office.head_name
    cells = [[Paragraph(esc(f"{place}, {tanggal(date, 'id')}" if place else tanggal(date, "id")), st["sign"])]]
    cells += [[Paragraph(esc(line), st["sign"])] for line in lines]
    cells += [[Spacer(1, 18 * mm)],
              [Paragraph(f"<u>{esc(who)}</u>", st["sign_name"])],
              [Paragraph(esc(nip_text), st["sign"])]]
    block_w = min(80 * mm, width * 0.48)
    inner = Table(cells, colWidths=[block_w])
    inner.setStyle(TableStyle([("LEFTPADDING", (0, 0), (-1, -1), 0), ("RIGHTPADDING", (0, 0), (-1, -1), 0),
                               ("TOPPADDING", (0, 0), (-1, -1), 0), ("BOTTOMPADDING", (0, 0), (-1, -1), 0)]))
    outer = Table([["", inner]], colWidths=[width - block_w, block_w])
    outer.setStyle(TableStyle([("LEFTPADDING", (0, 0), (-1, -1), 0), ("RIGHTPADDING", (0, 0), (-1, -1), 0),
                               ("VALIGN", (0, 0), (-1, -1), "TOP")]))
    return KeepTogether([Spacer(1, 4 * mm), outer])
