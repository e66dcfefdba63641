"""Printed reports (reportlab platypus) with the layout of an Indonesian government document.

    from kemensos_desk.documents import ReportDocument, OfficeInfo, Column

    doc = ReportDocument(OfficeInfo.from_office(ws.office()), "Laporan Capaian SPM Bidang Sosial",
                         subtitle="Triwulan III Tahun 2026", paper="f4", landscape=False)
    doc.heading("A. Capaian per Jenis Layanan")          # level 0; feeds the TOC if there is one
    doc.table(columns, rows, totals=[...])                # header repeated on every page
    doc.chart(categories, values, reference=100, reference_label="Target 100%")
    doc.paragraph("Catatan: ...")
    doc.signature()                                       # place, date, Kepala Dinas, name, NIP
    doc.write(path)                                       # atomic; returns the Path

Every page gets the footer "Halaman x dari y" with the print date; a demo office
(``office.is_demo``) gets a diagonal "CONTOH / DEMO" watermark and a header mark on
every page. Without a cover, page 1 starts with the kop surat and the title; with
``doc.cover(...)`` the cover carries the kop and the big title and has no footer.
``doc.toc()`` places a table of contents (with page numbers) where it is called;
the document is then built in several passes (``multiBuild``).
"""
from __future__ import annotations

import datetime as _dt
import io
from pathlib import Path
from typing import Callable, Sequence

from reportlab.lib.units import mm
from reportlab.pdfgen import canvas as _canvas
from reportlab.platypus import (BaseDocTemplate, CondPageBreak, Frame, KeepTogether, NextPageTemplate,
                                PageBreak, PageTemplate, Paragraph, Spacer)
from reportlab.platypus.tableofcontents import TableOfContents

from kemensos_desk.core import rules
from kemensos_desk.core.formatting import tanggal
from kemensos_desk.documents import blocks, charts, fonts, tables
from kemensos_desk.documents.atomic import atomic_write
from kemensos_desk.documents.keep import ChapterBreak, KeepWithLastRows
from kemensos_desk.documents.office import OfficeInfo
from kemensos_desk.documents.paper import page_size
from kemensos_desk.documents.styles import DEMO_RED, GRID, INK, styles

DEMO_MARK = "CONTOH / DEMO"
DEMO_HEADER = "CONTOH / DEMO – data latihan, bukan dokumen resmi"
APP_NAME = "Kemensos Desk"


class _Template(BaseDocTemplate):
    """Notifies the TOC and the PDF outline of every heading flowable."""

    def afterFlowable(self, flowable):
        level = getattr(flowable, "_toc_level", None)
        if level is None:
            return
        key = flowable._toc_key
        text = flowable.getPlainText()
        self.canv.bookmarkPage(key)
        self.canv.addOutlineEntry(text, key, level=level, closed=level > 0)
        if getattr(flowable, "_in_toc", True):
            self.notify("TOCEntry", (level, text, self.page, key))


def _numbered_canvas(footer: Callable[[_canvas.Canvas, int, int], None]):
    """A canvas that holds pages back until the end, so each footer knows the page count."""

    class NumberedCanvas(_canvas.Canvas):
        def __init__(self, *args, **kwargs):
            super().__init__(*args, **kwargs)
            self._pages = []

        def showPage(self):
            self._pages.append(dict(self.__dict__))
            self._startPage()

        def save(self):
            total = len(self._pages)
            for number, state in enumerate(self._pages, start=1):
                self.__dict__.update(state)
                footer(self, number, total)
                super().showPage()
            super().save()

    return NumberedCanvas


class ReportDocument:
    def __init__(self, office: OfficeInfo, title: str, *, subtitle: str | None = None, paper: str = "a4",
                 landscape: bool = False, printed_on: _dt.date | None = None, author: str = "",
                 rules_version: str | None = None):
        fonts.register()
        # Which rules produced the figures (issue 12): the version in force unless the report
        # prints figures frozen under another (an approved quarter).
        self.rules_version = rules_version or rules.version()
        self.office = office
        self.title = title
        self.subtitle = subtitle
        self.paper = (paper or "a4").lower()
        self.pagesize = page_size(self.paper, landscape)
        self.landscape = landscape
        self.printed_on = printed_on or _dt.date.today()
        self.author = author or office.full_name
        side = 20 * mm if landscape else 25 * mm
        self.margins = dict(left=side, right=20 * mm, top=18 * mm, bottom=20 * mm)
        self._story: list = []
        self._cover: list | None = None
        self._has_toc = False
        self._keys = 0

    # -- geometry -----------------------------------------------------------------------------
    @property
    def width(self) -> float:
        """Frame width in points: what tables and charts should fill."""
        return self.pagesize[0] - self.margins["left"] - self.margins["right"]

    @property
    def height(self) -> float:
        return self.pagesize[1] - self.margins["top"] - self.margins["bottom"]

    # -- content ------------------------------------------------------------------------------
    def add(self, *flowables) -> "ReportDocument":
        """Append any reportlab flowables."""
        self._story.extend(flowables)
        return self

    def cover(self, title: str, *, subtitle: str | None = None, lines: Sequence[str] = (),
              year: int | str | None = None) -> "ReportDocument":
        """A cover page: kop surat, the big title, subtitle lines, and region + year at the foot."""
        st = styles()
        body = blocks.letterhead(self.office, self.width)
        body += [Spacer(1, self.height * 0.2),
                 Paragraph(blocks.esc(title).replace("\n", "<br/>"), st["cover_title"])]
        if subtitle:
            body.append(Paragraph(blocks.esc(subtitle), st["cover_sub"]))
        body += [Paragraph(blocks.esc(line), st["cover_sub"]) for line in lines]
        body.append(Spacer(1, self.height * 0.22))
        body.append(Paragraph(f"<b>{blocks.esc(self.office.full_name.upper())}</b>", st["cover_sub"]))
        if year is not None:
            body.append(Paragraph(f"<b>{blocks.esc(year)}</b>", st["cover_sub"]))
        self._cover = body
        return self

    def toc(self, title: str = "DAFTAR ISI") -> "ReportDocument":
        """Table of contents of the headings (levels 0–2) with page numbers, on its own page."""
        st = styles()
        t = TableOfContents()
        t.levelStyles = [st["toc0"], st["toc1"], st["toc2"]]
        t.dotsMinLevel = 0
        self._has_toc = True
        heading = Paragraph(blocks.esc(title), st["toc_title"])
        heading._toc_level, heading._toc_key, heading._in_toc = 0, self._key(), False
        self._story += [heading, t, PageBreak()]
        return self

    def heading(self, text: str, level: int = 0, *, new_page: bool = False,
                unless_page_short: bool = False) -> "ReportDocument":
        """A section heading (level 0 = chapter, 1, 2); listed in the TOC and the PDF outline.

        ``unless_page_short`` with ``new_page``: stay on the current page when it holds only a
        few lines so far (see :class:`keep.ChapterBreak`)."""
        if new_page and unless_page_short:
            self._story.append(ChapterBreak())
        elif new_page:
            self._story.append(PageBreak())
        else:  # never a heading alone at the foot of a page
            self._story.append(CondPageBreak((40 - 10 * min(level, 2)) * mm))
        p = Paragraph(blocks.esc(text), styles()[f"h{min(level, 2) + 1}"])
        p._toc_level, p._toc_key = min(level, 2), self._key()
        self._story.append(p)
        return self

    def paragraph(self, text: str, style: str = "body", *, markup: bool = False) -> "ReportDocument":
        """Body text; ``markup=True`` keeps reportlab tags like ``<b>`` (otherwise text is escaped)."""
        body = text if markup else blocks.esc(text).replace("\n", "<br/>")
        self._story.append(Paragraph(body, styles()[style]))
        return self

    def spacer(self, height_mm: float = 4) -> "ReportDocument":
        self._story.append(Spacer(1, height_mm * mm))
        return self

    def page_break(self) -> "ReportDocument":
        self._story.append(PageBreak())
        return self

    def table(self, columns: Sequence[tables.Column], rows: Sequence[Sequence], **options) -> "ReportDocument":
        """See :func:`tables.data_table` for ``groups``, ``numbered``, ``totals``, ``font_size``."""
        self._story += [tables.data_table(columns, rows, self.width, **options), Spacer(1, 4 * mm)]
        return self

    def chart(self, categories: Sequence[str], values: Sequence, *, caption: str | None = None,
              **options) -> "ReportDocument":
        """See :func:`charts.bar_chart`; the caption is kept on the same page as the chart."""
        parts = []
        if caption:
            parts.append(Paragraph(blocks.esc(caption), styles()["h3"]))
        parts += [charts.bar_chart(categories, values, self.width, **options), Spacer(1, 4 * mm)]
        self._story.append(KeepTogether(parts))
        return self

    def signature(self, date: _dt.date | None = None, **options) -> "ReportDocument":
        """Signature block of the Kepala Dinas (see :func:`blocks.signature_block`); date = print date.

        The block is kept on one page with the flowable before it, so a signature never
        stands alone on a page of its own (the closing table moves over with it).
        """
        block = blocks.signature_block(self.office, self.width, date or self.printed_on, **options)
        tail = []
        while self._story and isinstance(self._story[-1], Spacer):
            tail.insert(0, self._story.pop())
        if self._story and not isinstance(self._story[-1], (PageBreak, KeepTogether)):
            tail.insert(0, self._story.pop())
            # and the heading that announces it, so the heading does not stay behind alone
            if self._story and hasattr(self._story[-1], "_toc_key"):
                tail.insert(0, self._story.pop())
        # A long closing table may run over pages as usual: only a short one travels with the block.
        if sum(f.wrap(self.width, self.height)[1] for f in tail) > self.height * 0.4:
            self._story += tail
            tail = []
        if tail:  # one level of grouping: reportlab measures nested KeepTogethers too generously
            # Only the table's last rows go over with the signature, never a whole page's worth.
            block = KeepWithLastRows(tail + list(getattr(block, "_content", [block])))
        self._story.append(block)
        return self

    def _key(self) -> str:
        self._keys += 1
        return f"h{self._keys}"

    # -- output -------------------------------------------------------------------------------
    def to_bytes(self) -> bytes:
        buf = io.BytesIO()
        m = self.margins
        doc = _Template(buf, pagesize=self.pagesize, leftMargin=m["left"], rightMargin=m["right"],
                        topMargin=m["top"], bottomMargin=m["bottom"], title=self.title, author=self.author,
                        subject=self.subtitle or "", creator=APP_NAME,
                        keywords=f"aturan versi {self.rules_version}")
        frame = Frame(m["left"], m["bottom"], self.width, self.height, id="body",
                      leftPadding=0, rightPadding=0, topPadding=0, bottomPadding=0)
        templates = [PageTemplate("cover", [frame], onPage=self._decorate_cover),
                     PageTemplate("body", [frame], onPage=self._decorate)]
        doc.addPageTemplates(templates if self._cover is not None else templates[::-1])  # first = page 1
        story = []
        if self._cover is not None:
            story += self._cover + [NextPageTemplate("body"), PageBreak()]
        else:
            story += blocks.letterhead(self.office, self.width) + blocks.title_block(self.title, self.subtitle)
        story += self._story
        maker = _numbered_canvas(self._footer)
        if self._has_toc:
            doc.multiBuild(story, canvasmaker=maker)
        else:
            doc.build(story, canvasmaker=maker)
        return buf.getvalue()

    def write(self, path: str | Path) -> Path:
        """Build and write the PDF atomically (temp file, fsync, rename); returns the path."""
        data = self.to_bytes()
        path = Path(path)
        with atomic_write(path) as fh:
            fh.write(data)
        return path

    # -- page decoration ----------------------------------------------------------------------
    def _decorate_cover(self, canv, doc):
        canv._kd_cover = True

    def _decorate(self, canv, doc):
        canv._kd_cover = False

    def _demo_marks(self, canv):
        if not self.office.is_demo:
            return
        w, h = self.pagesize
        canv.saveState()
        canv.setFillColor(DEMO_RED)
        canv.setFillAlpha(0.09)
        canv.setFont(fonts.BOLD, min(w, h) / 7.5)
        canv.translate(w / 2, h / 2)
        canv.rotate(35 if h > w else 25)
        canv.drawCentredString(0, -20, DEMO_MARK)
        canv.restoreState()
        canv.saveState()
        canv.setFillColor(DEMO_RED)
        canv.setFont(fonts.BOLD, 7.5)
        canv.drawRightString(w - self.margins["right"], h - 10 * mm, DEMO_HEADER)
        canv.restoreState()

    def _footer(self, canv, number: int, total: int):
        # drawn after the page's content, so the watermark shows over table fills too
        self._demo_marks(canv)
        if getattr(canv, "_kd_cover", False):
            return
        w = self.pagesize[0]
        left, right = self.margins["left"], w - self.margins["right"]
        y = self.margins["bottom"] - 9 * mm
        canv.saveState()
        canv.setStrokeColor(GRID)
        canv.setLineWidth(0.5)
        canv.line(left, y + 9, right, y + 9)
        canv.setFillColor(INK)
        canv.setFont(fonts.REGULAR, 7.5)
        short = self.title if len(self.title) <= 70 else self.title[:67] + "..."
        canv.drawString(left, y, short)
        canv.drawString(left, y - 9, f"Dicetak {tanggal(self.printed_on, 'id')} · {APP_NAME} · "
                                     f"aturan versi {self.rules_version}")
        canv.setFont(fonts.BOLD, 8)
        canv.drawRightString(right, y, f"Halaman {number} dari {total}")
        canv.restoreState()
