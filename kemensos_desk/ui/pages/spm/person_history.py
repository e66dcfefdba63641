"""The person form's "Riwayat layanan" tab: services by year, assessments and deliveries."""
from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QAbstractItemView, QHeaderView, QLabel, QTableWidget, QTableWidgetItem, QVBoxLayout, QWidget

from kemensos_desk.core import formatting
from kemensos_desk.core.i18n import tr
from kemensos_desk.services.spm.history import person_history
from kemensos_desk.ui.widgets import empty_state, full_text


def _quantity(d: dict) -> str:
    if d["quantity"] is None:
        return ""
    q = d["quantity"]
    return f"{formatting.angka(q, 0 if q == int(q) else 2)} {d['unit'] or ''}".strip()


class PersonHistory(QWidget):
    def __init__(self, ctx, person_id: int, parent=None):
        super().__init__(parent)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 8, 4, 4)
        self.history = person_history(ctx.ws, ctx.actor, person_id)
        h = self.history
        self.summary = QLabel(tr("{s} hak layanan, {a} asesmen, {d} layanan diberikan.",
                                 s=formatting.angka(len(h["services"])), a=formatting.angka(len(h["assessments"])),
                                 d=formatting.angka(len(h["deliveries"]))))
        self.summary.setWordWrap(True)
        layout.addWidget(self.summary)
        self.services = self._table(
            layout, tr("Hak layanan"), [tr("Layanan"), tr("Tahun"), tr("Mulai")],
            [[e["service_name"], str(e["year"]), formatting.tanggal(e["start_date"])] for e in h["services"]],
            tr("Orang ini belum terdaftar pada layanan apa pun."))
        self.assessments = self._table(
            layout, tr("Asesmen"), [tr("Tanggal"), tr("Layanan"), tr("Komponen")],
            [[formatting.tanggal(a["assessed_on"]), a["service_name"], a["component_name"]] for a in h["assessments"]],
            tr("Belum ada asesmen."), stretch=(2,))
        self.deliveries = self._table(
            layout, tr("Layanan diberikan"), [tr("Tanggal"), tr("Layanan"), tr("Komponen"), tr("Jumlah"),
                                               tr("Pemberi layanan")],
            [[formatting.tanggal(d["delivered_on"]), d["service_name"], d["component_name"], _quantity(d),
              d["provider"] or ""] for d in h["deliveries"]],
            tr("Belum ada layanan yang dicatat."), stretch=(2, 4))

    def _table(self, layout, title: str, headers: list[str], rows: list[list[str]], empty: str,
               stretch: tuple[int, ...] = (0,)) -> QTableWidget:
        heading = QLabel(title)
        heading.setObjectName("h3")
        heading.setStyleSheet("font-weight: 600; margin-top: 6px;")
        layout.addWidget(heading)
        table = QTableWidget(len(rows), len(headers))
        table.setHorizontalHeaderLabels(headers)
        table.verticalHeader().setVisible(False)
        table.setEditTriggers(QAbstractItemView.NoEditTriggers)
        table.setSelectionBehavior(QAbstractItemView.SelectRows)
        table.setAlternatingRowColors(True)
        table.setMinimumHeight(90)
        for r, values in enumerate(rows):
            for c, value in enumerate(values):
                item = QTableWidgetItem(value)
                item.setToolTip(value)
                if headers[c] in (tr("Tahun"), tr("Jumlah")):
                    item.setTextAlignment(Qt.AlignRight | Qt.AlignVCenter)
                table.setItem(r, c, item)
        head = table.horizontalHeader()
        head.setSectionResizeMode(QHeaderView.ResizeToContents)
        for c in stretch:  # the names share the room; dates and quantities keep their width
            head.setSectionResizeMode(c, QHeaderView.Stretch)
        full_text.show_full_text(table)  # long component names wrap instead of ending in "…"
        layout.addWidget(table, max(1, min(len(rows), 8)))
        empty_state.attach(table, empty)
        return table
