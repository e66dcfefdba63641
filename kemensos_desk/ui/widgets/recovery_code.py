"""The one-time recovery code, shown large, with "Cetak" (print or PDF) and "Salin"."""
from __future__ import annotations

import datetime as _dt
import html
from pathlib import Path

from PySide6.QtCore import QMarginsF, QSizeF, Qt, Signal
from PySide6.QtGui import QGuiApplication, QPageLayout, QPageSize, QTextDocument
from PySide6.QtPrintSupport import QPrintDialog, QPrinter
from PySide6.QtWidgets import QCheckBox, QFileDialog, QHBoxLayout, QLabel, QVBoxLayout, QWidget

from kemensos_desk.core import formatting
from kemensos_desk.core.i18n import tr
from kemensos_desk.ui import common, theme


def code_document(code: str, username: str, office_name: str, demo: bool = False) -> QTextDocument:
    demo_line = f"<p style='color:#c0392b;font-weight:bold'>{html.escape(tr('CONTOH / DEMO'))}</p>" if demo else ""
    body = f"""
    {demo_line}
    <h2>{html.escape(office_name)}</h2>
    <h3>{html.escape(tr('Kode pemulihan kata sandi administrator'))}</h3>
    <p>{html.escape(tr('Nama pengguna'))}: <b>{html.escape(username)}</b><br>
    {html.escape(tr('Dibuat'))}: {html.escape(formatting.tanggal(_dt.date.today()))}</p>
    <p style="font-family:monospace;font-size:22pt;font-weight:bold;letter-spacing:3px">{html.escape(code)}</p>
    <p>{html.escape(tr('Dengan kode ini kata sandi administrator dapat diatur ulang jika terlupa '
                       '(layar masuk → "Lupa kata sandi?"). Kode hanya berlaku satu kali; setelah dipakai, '
                       'aplikasi memberikan kode baru.'))}</p>
    <p>{html.escape(tr('Simpan lembar ini di tempat yang aman, terpisah dari komputer.'))}</p>
    """
    doc = QTextDocument()
    doc.setHtml(body)
    return doc


def _printer(paper: str = "a4") -> QPrinter:
    printer = QPrinter(QPrinter.HighResolution)
    size = QPageSize(QPageSize.A4) if paper != "f4" else QPageSize(QSizeF(215, 330), QPageSize.Millimeter, "F4")
    printer.setPageLayout(QPageLayout(size, QPageLayout.Portrait, QMarginsF(20, 20, 20, 20), QPageLayout.Millimeter))
    return printer


def save_pdf(path: Path, code: str, username: str, office_name: str, demo: bool = False) -> Path:
    """Write the code sheet as PDF (temporary name, then rename)."""
    path = Path(path)
    tmp = path.with_name(path.name + ".tmp")
    printer = _printer()
    printer.setOutputFormat(QPrinter.PdfFormat)
    printer.setOutputFileName(str(tmp))
    code_document(code, username, office_name, demo).print_(printer)
    tmp.replace(path)
    return path


class RecoveryCodeView(QWidget):
    """Shows ``code``; ``confirmed`` turns True once the user ticks that it is saved."""

    confirmed_changed = Signal(bool)

    def __init__(self, code: str = "", username: str = "", office_name: str = "", demo: bool = False,
                 ask_confirmation: bool = True, parent=None):
        super().__init__(parent)
        self.code, self.username, self.office_name, self.demo = code, username, office_name, demo
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(12)
        self.code_label = QLabel(code)
        self.code_label.setObjectName("recoveryCode")
        self.code_label.setFont(theme.mono_font(22))
        self.code_label.setAlignment(Qt.AlignCenter)
        self.code_label.setTextInteractionFlags(Qt.TextSelectableByMouse)
        layout.addWidget(self.code_label)
        row = QHBoxLayout()
        row.addStretch(1)
        self.print_button = common.button(tr("Cetak…"), "cetak")
        self.pdf_button = common.button(tr("Simpan PDF…"), "audit")
        self.copy_button = common.button(tr("Salin"), "salin")
        for b in (self.print_button, self.pdf_button, self.copy_button):
            b.setAutoDefault(False)  # Enter must not print by surprise
            row.addWidget(b)
        row.addStretch(1)
        layout.addLayout(row)
        self.copied = QLabel("")
        self.copied.setObjectName("muted")
        self.copied.setAlignment(Qt.AlignCenter)
        layout.addWidget(self.copied)
        self.check = QCheckBox(tr("Saya sudah menyimpan kode ini"))
        self.check.setObjectName("savedCheck")
        self.check.setVisible(ask_confirmation)
        self.check.toggled.connect(self.confirmed_changed.emit)
        layout.addWidget(self.check, 0, Qt.AlignHCenter)
        self.print_button.clicked.connect(self.print_code)
        self.pdf_button.clicked.connect(self.save_as_pdf)
        self.copy_button.clicked.connect(self.copy_code)

    def set_code(self, code: str, username: str, office_name: str, demo: bool = False) -> None:
        self.code, self.username, self.office_name, self.demo = code, username, office_name, demo
        self.code_label.setText(code)

    @property
    def confirmed(self) -> bool:
        return self.check.isChecked()

    def copy_code(self) -> None:
        QGuiApplication.clipboard().setText(self.code)
        self.copied.setText(tr("Kode disalin ke papan klip."))

    def print_code(self) -> None:
        printer = _printer()
        dialog = QPrintDialog(printer, self)
        dialog.setWindowTitle(tr("Cetak kode pemulihan"))
        if dialog.exec() == QPrintDialog.Accepted:
            code_document(self.code, self.username, self.office_name, self.demo).print_(printer)

    def save_as_pdf(self) -> None:
        path, _ = QFileDialog.getSaveFileName(self, tr("Simpan kode pemulihan"), "kode-pemulihan.pdf", "PDF (*.pdf)")
        if not path:
            return
        try:
            save_pdf(Path(path), self.code, self.username, self.office_name, self.demo)
        except OSError as exc:
            common.warn(self, tr("Berkas tidak dapat ditulis: {error}", error=exc.strerror or str(exc)))
            return
        self.copied.setText(tr("Disimpan: {path}", path=path))
