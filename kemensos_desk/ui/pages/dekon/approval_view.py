"""Quarter approval: the verifikator approves (the quarter's months are then locked); an
administrator reopens one with a reason, kept in the audit log."""
from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QColor
from PySide6.QtWidgets import (QHBoxLayout, QInputDialog, QPushButton, QTableWidget, QTableWidgetItem, QVBoxLayout,
                               QWidget)

from kemensos_desk.core import formatting
from kemensos_desk.core.i18n import tr
from kemensos_desk.services.dekon import approval
from kemensos_desk.ui import common as ui_common
from kemensos_desk.ui.table_columns import fit_columns

STATUS = {"open": ("Terbuka", None), "approved": ("Disetujui, dikunci", "#d8eee0"), "reopened": ("Dibuka kembali", "#fdf0d5")}


class ApprovalView(QWidget):
    HEADERS = ("Triwulan", "Status", "Disetujui oleh", "Waktu", "Alasan dibuka kembali", "")

    def __init__(self, ctx, year_box, parent=None):
        super().__init__(parent)
        self.ctx, self.year_box = ctx, year_box
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 8, 0, 0)
        layout.addWidget(ui_common.muted(tr(
            "Verifikator memeriksa realisasi triwulan lalu menyetujuinya; bulan-bulan triwulan yang disetujui terkunci. "
            "Administrator dapat membukanya kembali dengan menuliskan alasan, yang dicatat di log audit.")))
        self.table = QTableWidget(4, len(self.HEADERS))
        self.table.setObjectName("approvalTable")
        self.table.setHorizontalHeaderLabels([tr(h) for h in self.HEADERS])
        self.table.verticalHeader().setVisible(False)
        self.table.setEditTriggers(QTableWidget.NoEditTriggers)
        layout.addWidget(self.table)
        layout.addStretch(1)
        self.buttons: dict[int, QPushButton] = {}
        self.states: dict[int, str] = {}
        for q in (1, 2, 3, 4):  # made once; refresh only relabels them
            b = ui_common.button(tr("Setujui"))
            b.setObjectName(f"quarterButton{q}")
            b.clicked.connect(lambda _=False, qq=q: self.reopen(qq) if self.states.get(qq) == "approved" else self.approve(qq))
            holder = QWidget()
            h = QHBoxLayout(holder)
            h.setContentsMargins(4, 0, 4, 0)
            h.addWidget(b, 0, Qt.AlignLeft)
            self.table.setCellWidget(q - 1, 5, holder)
            self.buttons[q] = b
        year_box.valueChanged.connect(self.refresh)
        ctx.changed.connect(lambda kinds: self.refresh() if "*" in kinds or any(k.startswith("dekon") for k in kinds) else None)
        self.refresh()

    def refresh(self, *_):
        for r, q in enumerate(approval.status(self.ctx.ws, self.year_box.value())):
            label, color = STATUS[q["status"]]
            when = ui_common.local_time_text(q["approved_at"]) if q["approved_at"] else formatting.KOSONG
            cells = (formatting.nama_triwulan(q["quarter"]), tr(label), q["approved_by"] or formatting.KOSONG, when,
                     q["reopen_reason"] or "")
            for c, text in enumerate(cells):
                item = QTableWidgetItem(text)
                if color:
                    item.setBackground(QColor(color))
                self.table.setItem(r, c, item)
            approved = q["status"] == "approved"
            self.states[q["quarter"]] = q["status"]
            b = self.buttons[q["quarter"]]
            b.setText(tr("Buka kembali…") if approved else tr("Setujui"))
            b.setEnabled(self.ctx.actor.can("period.reopen" if approved else "data.approve"))
        fit_columns(self.table, "dekon/persetujuan", names=(2, 4))
        self.table.resizeRowsToContents()

    def approve(self, quarter: int) -> bool:
        year = self.year_box.value()
        if not ui_common.ask(self, tr("Setujui dan kunci {quarter} {year}?", quarter=formatting.nama_triwulan(quarter),
                                      year=year), tr("Setelah disetujui, data bulan-bulan triwulan ini tidak dapat diubah.")):
            return False
        try:
            approval.approve(self.ctx.ws, self.ctx.actor, year, quarter)
        except Exception as exc:
            ui_common.show_error(self, exc)
            return False
        self.ctx.notify("dekon_quarter_approvals")
        return True

    def ask_reason(self, quarter: int) -> str | None:
        text, ok = QInputDialog.getText(self, tr("Buka kembali triwulan"), tr(
            "Alasan membuka kembali {quarter}:", quarter=formatting.nama_triwulan(quarter)))
        return text if ok else None

    def reopen(self, quarter: int) -> bool:
        reason = self.ask_reason(quarter)
        if reason is None:
            return False
        try:
            approval.reopen(self.ctx.ws, self.ctx.actor, self.year_box.value(), quarter, reason)
        except Exception as exc:
            ui_common.show_error(self, exc)
            return False
        self.ctx.notify("dekon_quarter_approvals")
        return True
