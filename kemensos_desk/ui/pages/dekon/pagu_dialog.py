"""Pagu revisions of one RO: the history (original pagu, then each dated revision, kept) and
a new revision. Quarters ending before a revision keep the pagu they had."""
from __future__ import annotations

import datetime as _dt

from PySide6.QtCore import QDate, QSize, Qt
from PySide6.QtWidgets import (QDateEdit, QDialog, QDialogButtonBox, QFormLayout, QGroupBox, QLabel,
                               QLineEdit, QTableWidget, QTableWidgetItem, QVBoxLayout)

from kemensos_desk.core import formatting
from kemensos_desk.core.errors import KemensosError, Refused
from kemensos_desk.core.i18n import tr
from kemensos_desk.services.dekon import allocations
from kemensos_desk.ui import common as ui_common, fit
from kemensos_desk.ui.table_columns import fit_columns


class PaguRevisionDialog(QDialog):
    HEADERS = ("Berlaku sejak", "Pagu", "Alasan", "Dicatat oleh")

    def __init__(self, ctx, year: int, ro_code: str, parent=None):
        super().__init__(parent)
        self.ctx, self.year, self.ro_code = ctx, year, ro_code
        self.setWindowTitle(tr("Revisi pagu RO {ro}", ro=ro_code))
        layout = QVBoxLayout(self)
        layout.addWidget(ui_common.heading(tr("Riwayat pagu {ro}", ro=ro_code), 2))
        self.table = QTableWidget(0, len(self.HEADERS))
        self.table.setObjectName("paguHistory")
        self.table.setHorizontalHeaderLabels([tr(h) for h in self.HEADERS])
        self.table.verticalHeader().setVisible(False)
        self.table.setEditTriggers(QTableWidget.NoEditTriggers)
        layout.addWidget(self.table, 1)
        box = QGroupBox(tr("Revisi baru"))
        form = QFormLayout(box)
        self.effective = QDateEdit()
        self.effective.setCalendarPopup(True)
        self.effective.setDisplayFormat("dd/MM/yyyy")
        today = _dt.date.today()
        start = today if today.year == year else _dt.date(year, 1, 1)
        self.effective.setDate(QDate(start.year, start.month, start.day))
        self.pagu = QLineEdit()
        self.pagu.setPlaceholderText("500.000.000")
        self.reason = QLineEdit()
        self.reason.setPlaceholderText(tr("mis. revisi DIPA, penghematan anggaran"))
        self.add_button = ui_common.primary_button(tr("Catat revisi"), "tambah")
        self.add_button.setEnabled(ctx.actor.can("data.edit"))
        self.add_button.clicked.connect(self.add_revision)
        for label, w in (("Berlaku sejak", self.effective), ("Pagu baru (Rp)", self.pagu), ("Alasan", self.reason)):
            form.addRow(tr(label), w)
        form.addRow(self.add_button)
        self.problems = QLabel()
        self.problems.setObjectName("formProblems")
        self.problems.setWordWrap(True)
        self.problems.setStyleSheet("color: #b3261e;")
        form.addRow(self.problems)
        layout.addWidget(box)
        buttons = QDialogButtonBox(QDialogButtonBox.Close)
        buttons.button(QDialogButtonBox.Close).setText(tr("Tutup"))
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)
        fit.fit_dialog(self, QSize(640, 480))
        self.refresh()

    def refresh(self) -> None:
        history = allocations.pagu_revisions(self.ctx.ws, self.year, self.ro_code)
        self.table.setRowCount(len(history))
        for r, h in enumerate(history):
            when = formatting.tanggal(h["effective_date"]) if h["effective_date"] else tr("Pagu awal")
            cells = (when, formatting.rupiah(h["pagu"]), h["reason"] or formatting.KOSONG, h["by"] or formatting.KOSONG)
            for c, text in enumerate(cells):
                item = QTableWidgetItem(text)
                if c == 1:
                    item.setTextAlignment(Qt.AlignRight | Qt.AlignVCenter)
                self.table.setItem(r, c, item)
        fit_columns(self.table, "dekon/revisi-pagu", names=(2,), wrap=True)

    def add_revision(self) -> bool:
        d = self.effective.date()
        try:
            try:
                pagu = formatting.parse_angka(self.pagu.text())
            except ValueError:
                raise Refused("Pagu harus bilangan bulat rupiah, tidak negatif.") from None
            if pagu != pagu.to_integral_value():
                raise Refused("Pagu harus bilangan bulat rupiah, tidak negatif.")
            allocations.revise_pagu(self.ctx.ws, self.ctx.actor, self.year, self.ro_code,
                                    _dt.date(d.year(), d.month(), d.day()), int(pagu), self.reason.text().strip() or None)
        except KemensosError as exc:
            self.problems.setText(str(exc))
            return False
        self.problems.clear()
        self.pagu.clear()
        self.reason.clear()
        self.ctx.notify("dekon_allocations")
        self.refresh()
        return True
