"""Preview a generated PDF inside the app, print it through the system dialog, or save a copy.

    from kemensos_desk.ui.widgets.pdf_preview import show_preview
    show_preview(parent, path, title=tr("Laporan SPM Triwulan III 2026"))

``PdfPreview`` is the embeddable widget (page navigation, zoom, "Cetak…", "Simpan
sebagai…"; Ctrl+P, Ctrl+S, Ctrl++/Ctrl+−, PgUp/PgDn); ``PdfPreviewDialog`` wraps it in a window. Printing renders each PDF page
into the printer's painter (``print_to`` does the work and is what tests call with a
PDF-format QPrinter); the modal dialogs go through ``_exec_dialog`` and ``_ask_save_path``
so tests can answer them.
"""
from __future__ import annotations

import shutil
from pathlib import Path

from PySide6.QtCore import QMarginsF, QPointF, QRect, QSize, QSizeF, Qt
from PySide6.QtGui import QKeySequence, QPageLayout, QPageSize, QPainter, QShortcut
from PySide6.QtPdf import QPdfDocument
from PySide6.QtPdfWidgets import QPdfView
from PySide6.QtPrintSupport import QPrintDialog, QPrinter
from PySide6.QtWidgets import QDialog, QFileDialog, QHBoxLayout, QLabel, QToolButton, QVBoxLayout, QWidget

from kemensos_desk.core.i18n import tr
from kemensos_desk.documents.atomic import atomic_write
from kemensos_desk.ui import common, fit

ZOOMS = (0.5, 0.75, 1.0, 1.25, 1.5, 2.0, 3.0)
PRINT_DPI_CAP = 300  # enough for text; keeps an F4 page image near 40 MB


def _exec_dialog(dialog) -> bool:
    return dialog.exec() == QDialog.Accepted


def _ask_save_path(parent, suggested: str) -> str:
    path, _ = QFileDialog.getSaveFileName(parent, tr("Simpan PDF"), suggested, "PDF (*.pdf)")
    return path


class PdfPreview(QWidget):
    def __init__(self, path: str | Path | None = None, parent=None):
        super().__init__(parent)
        self.path: Path | None = None
        self.document = QPdfDocument(self)
        self.view = QPdfView(self)
        self.view.setDocument(self.document)
        self.view.setPageMode(QPdfView.PageMode.MultiPage)
        self.view.setZoomMode(QPdfView.ZoomMode.FitToWidth)
        self.view.setPageSpacing(12)

        self.prev_button = self._tool("◀", tr("Halaman sebelumnya"), self.previous_page)
        self.next_button = self._tool("▶", tr("Halaman berikutnya"), self.next_page)
        self.page_label = QLabel("")
        self.page_label.setObjectName("muted")
        self.zoom_out_button = self._tool("−", tr("Perkecil"), self.zoom_out)
        self.zoom_label = QLabel("")
        self.zoom_in_button = self._tool("+", tr("Perbesar"), self.zoom_in)
        self.fit_button = self._tool(tr("Lebar halaman"), tr("Sesuaikan dengan lebar jendela"), self.fit_width)
        self.save_button = common.button(tr("Simpan sebagai…"), "audit")
        self.print_button = common.primary_button(tr("Cetak…"), "cetak")
        for b in (self.save_button, self.print_button):  # bold theme text is wider than the hint
            b.setAutoDefault(False)  # inside a dialog the first button would turn "default" (primary look)
            b.setMinimumWidth(b.fontMetrics().horizontalAdvance(b.text()) + 64)
        self.save_button.clicked.connect(self.save_with_dialog)
        self.print_button.clicked.connect(self.print_with_dialog)

        bar = QHBoxLayout()
        for w in (self.prev_button, self.page_label, self.next_button):
            bar.addWidget(w)
        bar.addSpacing(16)
        for w in (self.zoom_out_button, self.zoom_label, self.zoom_in_button, self.fit_button):
            bar.addWidget(w)
        bar.addStretch(1)
        bar.addWidget(self.save_button)
        bar.addWidget(self.print_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(bar)
        layout.addWidget(self.view, 1)
        for keys, slot in ((QKeySequence.Print, self.print_with_dialog), (QKeySequence.Save, self.save_with_dialog),
                           (QKeySequence.ZoomIn, self.zoom_in), (QKeySequence.ZoomOut, self.zoom_out),
                           (QKeySequence(Qt.Key_PageDown), self.next_page),
                           (QKeySequence(Qt.Key_PageUp), self.previous_page)):
            shortcut = QShortcut(keys, self)
            shortcut.setContext(Qt.WidgetWithChildrenShortcut)
            shortcut.activated.connect(slot)
        self.view.pageNavigator().currentPageChanged.connect(lambda _p: self._refresh())
        self.view.zoomFactorChanged.connect(lambda _z: self._refresh())
        if path is not None:
            self.load(path)
        self._refresh()

    def _tool(self, text: str, tip: str, slot) -> QToolButton:
        b = QToolButton(self)
        b.setText(text)
        b.setToolTip(tip)
        b.clicked.connect(slot)
        return b

    # -- document -----------------------------------------------------------------------------
    def load(self, path: str | Path) -> int:
        """Show ``path``; returns the page count (0 and a message when it cannot be read)."""
        self.path = Path(path)
        self.document.close()
        error = self.document.load(str(self.path))
        if error != QPdfDocument.Error.None_:
            self.path = None
            self._refresh()
            self.page_label.setText(tr("Berkas PDF tidak dapat dibuka."))
            return 0
        self.go_to(0)
        self._refresh()
        return self.page_count

    @property
    def page_count(self) -> int:
        return self.document.pageCount()

    @property
    def current_page(self) -> int:
        return self.view.pageNavigator().currentPage()

    def go_to(self, page: int) -> None:
        if self.page_count:
            page = max(0, min(page, self.page_count - 1))
            self.view.pageNavigator().jump(page, QPointF(), self.view.pageNavigator().currentZoom())
            self._refresh()

    def next_page(self) -> None:
        self.go_to(self.current_page + 1)

    def previous_page(self) -> None:
        self.go_to(self.current_page - 1)

    def zoom_in(self) -> None:
        bigger = [z for z in ZOOMS if z > self.view.zoomFactor() + 0.01]
        self._set_zoom(bigger[0] if bigger else ZOOMS[-1])

    def zoom_out(self) -> None:
        smaller = [z for z in ZOOMS if z < self.view.zoomFactor() - 0.01]
        self._set_zoom(smaller[-1] if smaller else ZOOMS[0])

    def fit_width(self) -> None:
        self.view.setZoomMode(QPdfView.ZoomMode.FitToWidth)
        self._refresh()

    def _set_zoom(self, factor: float) -> None:
        self.view.setZoomMode(QPdfView.ZoomMode.Custom)
        self.view.setZoomFactor(factor)
        self._refresh()

    def _refresh(self) -> None:
        n = self.page_count
        has = n > 0
        if has:
            self.page_label.setText(tr("Halaman {x} dari {y}", x=self.current_page + 1, y=n))
        for b in (self.prev_button, self.next_button, self.zoom_in_button, self.zoom_out_button,
                  self.fit_button, self.save_button, self.print_button):
            b.setEnabled(has)
        if has:
            self.prev_button.setEnabled(self.current_page > 0)
            self.next_button.setEnabled(self.current_page < n - 1)
        fit = self.view.zoomMode() == QPdfView.ZoomMode.FitToWidth
        self.zoom_label.setText("" if fit else f"{round(self.view.zoomFactor() * 100)}%")
        self.zoom_label.setVisible(not fit)
        self.fit_button.setEnabled(has and not fit)

    # -- printing and saving ------------------------------------------------------------------
    def printer_for_document(self) -> QPrinter:
        """A printer set to the document's own paper (A4 or F4) and orientation, no margins."""
        printer = QPrinter(QPrinter.HighResolution)
        if self.page_count:
            size = self.document.pagePointSize(0)
            portrait = size.height() >= size.width()
            short, long_ = sorted((size.width(), size.height()))
            # fuzzy: F4 becomes the driver's Folio/F4 paper rather than an unknown custom size
            page = QPageSize(QSizeF(short, long_), QPageSize.Unit.Point, "", QPageSize.SizeMatchPolicy.FuzzyMatch)
            printer.setPageLayout(QPageLayout(page, QPageLayout.Portrait if portrait else QPageLayout.Landscape,
                                              QMarginsF(0, 0, 0, 0)))
        printer.setFullPage(True)
        printer.setDocName(self.path.stem if self.path else "Kemensos Desk")
        return printer

    def print_to(self, printer: QPrinter, first: int = 0, last: int | None = None) -> int:
        """Render pages ``first..last`` (0-based) into ``printer``; returns the pages printed."""
        last = self.page_count - 1 if last is None else min(last, self.page_count - 1)
        if self.page_count == 0 or last < first:
            return 0
        painter = QPainter()
        if not painter.begin(printer):
            raise OSError(tr("Pencetak tidak dapat dipakai."))
        printed = 0
        try:
            dpi = min(printer.resolution(), PRINT_DPI_CAP)
            target = painter.viewport()
            for page in range(first, last + 1):
                if printed:
                    printer.newPage()
                pts = self.document.pagePointSize(page)
                image = self.document.render(page, QSize(round(pts.width() / 72 * dpi),
                                                         round(pts.height() / 72 * dpi)))
                scaled = image.size().scaled(target.size(), Qt.KeepAspectRatio)
                x = target.x() + (target.width() - scaled.width()) // 2
                y = target.y() + (target.height() - scaled.height()) // 2
                painter.drawImage(QRect(x, y, scaled.width(), scaled.height()), image)
                printed += 1
        finally:
            painter.end()
        return printed

    def print_with_dialog(self) -> bool:
        printer = self.printer_for_document()
        dialog = QPrintDialog(printer, self)
        dialog.setWindowTitle(tr("Cetak"))
        dialog.setMinMax(1, max(self.page_count, 1))
        if not _exec_dialog(dialog):
            return False
        first, last = 0, None
        if printer.printRange() == QPrinter.PrintRange.PageRange:
            first, last = printer.fromPage() - 1, printer.toPage() - 1
        try:
            self.print_to(printer, first, last)
        except OSError as exc:
            common.warn(self, str(exc))
            return False
        return True

    def save_as(self, target: str | Path) -> Path:
        """Copy the previewed PDF to ``target`` (atomically)."""
        target = Path(target)
        if self.path is None:
            raise OSError(tr("Belum ada dokumen."))
        with open(self.path, "rb") as src, atomic_write(target) as dst:
            shutil.copyfileobj(src, dst)
        return target

    def save_with_dialog(self) -> Path | None:
        suggested = self.path.name if self.path else "dokumen.pdf"
        chosen = _ask_save_path(self, suggested)
        if not chosen:
            return None
        if not chosen.lower().endswith(".pdf"):
            chosen += ".pdf"
        try:
            return self.save_as(chosen)
        except OSError as exc:
            common.warn(self, tr("Berkas tidak dapat ditulis: {error}", error=exc.strerror or str(exc)))
            return None


class PdfPreviewDialog(QDialog):
    def __init__(self, path: str | Path, title: str = "", parent=None):
        super().__init__(parent)
        self.setWindowTitle(title or tr("Pratinjau cetak"))
        self.preview = PdfPreview(path, self)
        close = common.button(tr("Tutup"))
        close.clicked.connect(self.accept)
        layout = QVBoxLayout(self)
        layout.addWidget(self.preview, 1)
        row = QHBoxLayout()
        row.addStretch(1)
        row.addWidget(close)
        layout.addLayout(row)
        fit.fit_dialog(self, QSize(900, 1000))  # a page high, never beyond the screen: "Tutup" stays on it

    def done(self, result: int) -> None:
        # release the file at once: Windows cannot delete a PDF that is still open
        self.preview.document.close()
        super().done(result)


def show_preview(parent, path: str | Path, title: str = "") -> PdfPreviewDialog:
    """Open the preview window (non-modal) and return it."""
    dialog = PdfPreviewDialog(path, title, parent)
    dialog.setAttribute(Qt.WA_DeleteOnClose)
    dialog.show()
    return dialog
