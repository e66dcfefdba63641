"""Achievement per RO and in total: physical %, financial %, and the efficiency view
(performance achievement beside budget absorption, seed 003 *Analisis Efisiensi*), with bars."""
from __future__ import annotations

from PySide6.QtCore import QRectF, Qt
from PySide6.QtGui import QColor, QFont, QPainter, QPen
from PySide6.QtWidgets import (QComboBox, QHBoxLayout, QLabel, QTableWidget, QTableWidgetItem,
                               QVBoxLayout, QWidget)

from kemensos_desk.core import formatting
from kemensos_desk.core.i18n import tr
from kemensos_desk.services.dekon import summary
from kemensos_desk.ui import common as ui_common, theme
from kemensos_desk.ui.table_columns import fit_columns

SERIES = (("physical_pct", "Fisik", theme.PRIMARY), ("financial_pct", "Keuangan", "#e08a3c"))


class BarsChart(QWidget):
    """Physical % and financial % side by side per RO."""

    def __init__(self, parent=None):
        super().__init__(parent)
        self.outputs: list[dict] = []
        self.setMinimumHeight(200)

    def set_outputs(self, outputs):
        self.outputs = outputs
        self.update()

    def paintEvent(self, _e):
        p = QPainter(self)
        p.setRenderHint(QPainter.Antialiasing)
        w, h = self.width(), self.height()
        p.fillRect(self.rect(), QColor("#ffffff"))
        top, bottom, left, right = 12, h - 40, 38, w - 10
        peak = max([100.0] + [float(o[k] or 0) for o in self.outputs for k, _l, _c in SERIES])
        for pct in (0, 50, 100):
            y = bottom - (bottom - top) * pct / peak
            p.setPen(QPen(QColor("#d5dcdf"), 1))
            p.drawLine(left, int(y), right, int(y))
            p.setPen(QColor(theme.MUTED))
            p.drawText(QRectF(0, y - 8, left - 4, 16), Qt.AlignRight | Qt.AlignVCenter, f"{pct}%")
        n = max(len(self.outputs), 1)
        slot = (right - left) / n
        bar = min(slot / 3, 28)
        small = QFont(self.font())
        small.setPointSizeF(max(small.pointSizeF() - 2, 6))
        for i, o in enumerate(self.outputs):
            x0 = left + slot * i + (slot - 2 * bar) / 2
            for j, (key, _label, color) in enumerate(SERIES):
                hh = (bottom - top) * float(o[key] or 0) / peak
                p.fillRect(QRectF(x0 + j * bar, bottom - hh, bar - 2, hh), QColor(color))
            p.setPen(QColor(theme.TEXT))
            p.setFont(small)
            p.drawText(QRectF(left + slot * i, bottom + 2, slot, 16), Qt.AlignCenter, o["ro"])
        x = left
        p.setFont(self.font())
        for _key, label, color in SERIES:
            p.fillRect(QRectF(x, h - 16, 10, 10), QColor(color))
            p.setPen(QColor(theme.TEXT))
            p.drawText(QRectF(x + 14, h - 20, 120, 16), Qt.AlignLeft | Qt.AlignVCenter, tr(label) + " %")
            x += 130
        p.end()


def _table(headers) -> QTableWidget:
    t = QTableWidget(0, len(headers))
    t.setHorizontalHeaderLabels([tr(h) for h in headers])
    t.verticalHeader().setVisible(False)
    t.setEditTriggers(QTableWidget.NoEditTriggers)
    return t


def _fill(table, rows, bold_last=False, key="dekon/capaian"):
    table.setRowCount(len(rows))
    for r, cells in enumerate(rows):
        for c, text in enumerate(cells):
            item = QTableWidgetItem(text)
            if c >= 2:
                item.setTextAlignment(Qt.AlignRight | Qt.AlignVCenter)
            if bold_last and r == len(rows) - 1:
                f = item.font()
                f.setBold(True)
                item.setFont(f)
            table.setItem(r, c, item)
    fit_columns(table, key, names=(1,))


class DashboardView(QWidget):
    HEADERS = ("Kode RO", "Uraian RO", "Target", "Realisasi", "Fisik", "Pagu", "Realisasi (Rp)", "Keuangan")
    EFF = ("Kode RO", "Uraian RO", "Capaian kinerja", "Penyerapan anggaran", "Selisih (poin)", "Keterangan")

    def __init__(self, ctx, year_box, parent=None):
        super().__init__(parent)
        self.ctx, self.year_box = ctx, year_box
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 8, 0, 0)
        bar = QHBoxLayout()
        self.period = QComboBox()
        for q in (1, 2, 3, 4):
            self.period.addItem(formatting.nama_triwulan(q), q)
        self.period.addItem(tr("Setahun"), None)
        self.period.setCurrentIndex(4)
        bar.addWidget(QLabel(tr("Periode")))
        bar.addWidget(self.period)
        bar.addStretch(1)
        self.total = QLabel()
        self.total.setObjectName("h2")
        self.total.setWordWrap(True)  # a long sum on a narrow window takes two lines
        bar.addWidget(self.total)
        layout.addLayout(bar)
        self.table = _table(self.HEADERS)
        self.table.setObjectName("achievementTable")
        layout.addWidget(self.table, 2)
        self.chart = BarsChart()
        layout.addWidget(self.chart, 2)
        layout.addWidget(ui_common.heading(tr("Analisis efisiensi: capaian kinerja dibandingkan penyerapan anggaran"), 2))
        self.efficiency = _table(self.EFF)
        self.efficiency.setObjectName("efficiencyTable")
        layout.addWidget(self.efficiency, 2)
        self.period.currentIndexChanged.connect(self.refresh)
        year_box.valueChanged.connect(self.refresh)
        ctx.changed.connect(lambda kinds: self.refresh() if "*" in kinds or any(k.startswith("dekon") for k in kinds) else None)
        self.refresh()

    def refresh(self, *_):
        doc = summary.realisasi(self.ctx.ws, self.year_box.value(), self.period.currentData())
        self.doc = doc
        _fill(self.table, [(o["ro"], o["name"], f"{formatting.angka(o['target_volume'])} {o['unit']}",
                            formatting.angka(o["realised_volume"]), formatting.persen(o["physical_pct"]),
                            formatting.rupiah(o["pagu"]), formatting.rupiah(o["spent"]), formatting.persen(o["financial_pct"]))
                           for o in doc["outputs"]])
        t = doc["totals"]
        self.total.setText(tr("Keuangan {pct}: {spent} dari {pagu}", pct=formatting.persen(t["financial_pct"]),
                              spent=formatting.rupiah(t["spent"]), pagu=formatting.rupiah(t["pagu"])))
        self.chart.set_outputs(doc["outputs"])
        verdicts = {"efisien": tr("efisien"), "kurang efisien": tr("kurang efisien")}
        _fill(self.efficiency, [(e["ro"] or "", tr(e["name"]) if e["ro"] is None else e["name"],
                                 formatting.persen(e["performance_pct"]), formatting.persen(e["absorption_pct"]),
                                 formatting.angka(e["gap"], 2) if e["gap"] is not None else formatting.KOSONG,
                                 verdicts.get(e["verdict"], formatting.KOSONG))
                                for e in summary.efficiency_rows(doc)], bold_last=True, key="dekon/efisiensi")
