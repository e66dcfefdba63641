"""Achievement tab: the table of the period (quarter cumulative or year) and, per service, a
chart of recipient % and quality % through the quarters of the year.
"""
from __future__ import annotations

import datetime as _dt

from PySide6.QtCore import QRectF, QSize, Qt
from PySide6.QtGui import QColor, QFont, QFontMetrics, QPainter, QPen
from PySide6.QtWidgets import QComboBox, QLabel, QTableWidget, QTableWidgetItem, QWidget

from kemensos_desk.core import formatting, i18n, labels, spm as spm_rules
from kemensos_desk.core.i18n import tr, tr_in
from kemensos_desk.services.spm import achievement, reference
from kemensos_desk.ui import common as ui_common, theme
from kemensos_desk.ui.widgets.flow_layout import FlowLayout
from kemensos_desk.ui.table_columns import fit_columns

SERIES = (("recipient_pct", "Penerima", theme.PRIMARY), ("quality_pct", "Mutu", "#7fb3b5"))


class QuarterChart(QWidget):
    """Bars of recipient % and quality % for Triwulan I–IV (cumulative) of one service."""

    def __init__(self, title: str, parent=None):
        super().__init__(parent)
        self.title = title
        self.values: list[dict | None] = [None] * 4
        self.setMinimumSize(260, 170)

    def sizeHint(self) -> QSize:  # noqa: N802 (Qt's name)
        bold = QFont(self.font())
        bold.setBold(True)
        title = QFontMetrics(bold).horizontalAdvance(self.title) + 24  # the whole title, never clipped
        return QSize(max(300, title), 190)

    def set_values(self, values: list[dict | None]) -> None:
        self.values = values
        self.update()

    def paintEvent(self, _event) -> None:
        p = QPainter(self)
        p.setRenderHint(QPainter.Antialiasing)
        w, h = self.width(), self.height()
        p.fillRect(self.rect(), QColor("#ffffff"))
        p.setPen(QColor(theme.TEXT))
        bold = QFont(self.font())
        bold.setBold(True)
        p.setFont(bold)
        p.drawText(QRectF(8, 4, w - 16, 20), Qt.AlignLeft | Qt.AlignVCenter, self.title)
        p.setFont(self.font())
        top, bottom, left, right = 30, h - 36, 34, w - 8
        p.setPen(QPen(QColor("#d5dcdf"), 1))
        for pct in (0, 50, 100):
            y = bottom - (bottom - top) * pct / 100
            p.drawLine(left, int(y), right, int(y))
            p.setPen(QColor(theme.MUTED))
            p.drawText(QRectF(0, y - 8, left - 4, 16), Qt.AlignRight | Qt.AlignVCenter, f"{pct}")
            p.setPen(QPen(QColor("#d5dcdf"), 1))
        slot = (right - left) / 4
        bar = slot / 3.2
        for q, v in enumerate(self.values):
            x0 = left + slot * q + (slot - 2 * bar) / 2
            p.setPen(QColor(theme.MUTED))
            p.drawText(QRectF(left + slot * q, bottom + 2, slot, 16), Qt.AlignCenter, formatting.ROMAWI[q])
            if not v:
                continue
            for i, (key, _label, color) in enumerate(SERIES):
                value = v.get(key)
                if value is None:
                    continue
                hh = (bottom - top) * float(value) / 100
                p.fillRect(QRectF(x0 + i * bar, bottom - hh, bar - 2, hh), QColor(color))
        x = left
        for _key, label, color in SERIES:
            p.fillRect(QRectF(x, h - 14, 10, 10), QColor(color))
            p.setPen(QColor(theme.TEXT))
            p.drawText(QRectF(x + 14, h - 18, 100, 16), Qt.AlignLeft | Qt.AlignVCenter, tr(label) + " %")
            x += 110
        p.end()


class AchievementView(QWidget):
    HEADERS = ("Layanan", "Sasaran", "Terlayani sesuai standar", "Penerima", "Mutu", "Indeks", "Kategori")

    def __init__(self, ctx, parent=None):
        super().__init__(parent)
        self.ctx = ctx
        from kemensos_desk.ui.pages.spm.period_bar import tab_with_year

        layout, bar, self.year = tab_with_year(self)
        self.period = QComboBox()
        for q in (1, 2, 3, 4):
            self.period.addItem(formatting.nama_triwulan(q), q)
        self.period.addItem(tr("Setahun"), None)
        self.period.setCurrentIndex(4)
        bar.addWidget(QLabel(tr("Periode")))
        bar.addWidget(self.period)
        bar.addStretch(1)
        self.table = QTableWidget(0, len(self.HEADERS))
        self.table.setObjectName("achievementTable")
        self.table.setHorizontalHeaderLabels([tr_in("spm", h) for h in self.HEADERS])  # "Sasaran": the target group
        self.table.verticalHeader().setVisible(False)
        self.table.setEditTriggers(QTableWidget.NoEditTriggers)
        layout.addWidget(self.table)
        self.rules_note = ui_common.muted("")
        self.rules_note.setObjectName("rulesNote")
        self.rules_note.setWordWrap(True)
        layout.addWidget(self.rules_note)
        self.frozen_note = ui_common.muted("")  # an approved quarter: frozen figures and, if other, today's
        self.frozen_note.setObjectName("frozenNote")
        self.frozen_note.setWordWrap(True)
        self.frozen_note.hide()
        layout.addWidget(self.frozen_note)
        from kemensos_desk.ui.pages.spm.period_bar import PeriodBar

        self.period_bar = PeriodBar(ctx, self)
        layout.addWidget(self.period_bar)
        self.charts_box = FlowLayout(spacing=12)  # as many charts a line as the width allows
        layout.addLayout(self.charts_box)
        layout.addStretch(1)
        self.charts: dict[str, QuarterChart] = {}
        self._stale, self._computed = False, False
        self.year.valueChanged.connect(self.refresh)
        self.period.currentIndexChanged.connect(self.refresh)
        ctx.changed.connect(lambda kinds: self.refresh() if "*" in kinds or any(k.startswith("spm") for k in kinds) else None)
        self.refresh()

    def showEvent(self, event) -> None:  # noqa: N802 (Qt's name)
        if self._stale:
            self.refresh()
        super().showEvent(event)

    def refresh(self, *_):
        # Computed only while visible: a province register takes seconds, not milliseconds.
        if not self.isVisible() and self._computed:
            self._stale = True
            return
        self._stale, self._computed = False, True
        year = self.year.value()
        today = _dt.date.today()
        quarter_docs = {q: achievement.achievement(self.ctx.ws, year, q) for q in (1, 2, 3, 4)
                        if _dt.date(year, q * 3 - 2, 1) <= today}
        # The year ends with Triwulan IV: the same cut-off, so the same figures.
        chosen = self.period.currentData() or 4
        doc = quarter_docs.get(chosen) or achievement.achievement(self.ctx.ws, year, self.period.currentData())
        doc = {**doc, "quarter": self.period.currentData()}
        self.period_bar.refresh(year, self.period.currentData())
        self.rules_note.setText(rules_note())
        self.frozen_note.setText(frozen_text(doc))
        self.frozen_note.setVisible(bool(doc.get("approved")))
        self.table.setRowCount(len(doc["services"]))
        for r, s in enumerate(doc["services"]):
            cells = (s["name"], formatting.angka(s["entitled"]), formatting.angka(s["served"]),
                     formatting.persen(s["recipient_pct"]), formatting.persen(s["quality_pct"]),
                     formatting.angka(s["index"], 2), s["band"] or formatting.KOSONG)
            for c, text in enumerate(cells):
                item = QTableWidgetItem(text)
                if c:
                    item.setTextAlignment(Qt.AlignRight | Qt.AlignVCenter if c < 6 else Qt.AlignCenter)
                if c == 6 and s["band"]:
                    item.setForeground(QColor(reference.band_colour(s["band"]) or theme.TEXT))
                self.table.setItem(r, c, item)
        fit_columns(self.table, "spm/capaian", names=(0,))
        self.table.setFixedHeight(self.table.horizontalHeader().sizeHint().height() + 2 * self.table.frameWidth()
                                  + sum(self.table.rowHeight(r) for r in range(self.table.rowCount()))
                                  # room for the sideways scrollbar of a narrow window: every row stays in view
                                  + self.table.horizontalScrollBar().sizeHint().height())
        per_quarter = [{s["code"]: s for s in quarter_docs[q]["services"]} if q in quarter_docs else {}
                       for q in (1, 2, 3, 4)]
        for i, s in enumerate(doc["services"]):
            chart = self.charts.get(s["code"])
            if chart is None:
                chart = QuarterChart(labels.service(s["code"]))
                chart.setObjectName(f"chart_{s['code']}")
                self.charts[s["code"]] = chart
                self.charts_box.addWidget(chart)
            chart.title = _short_title(s)
            chart.updateGeometry()
            chart.set_values([pq.get(s["code"]) for pq in per_quarter])


def frozen_text(doc: dict) -> str:
    """An approved quarter shows what was approved; when the rules in force give other
    figures, those too (issue 12)."""
    if not doc.get("approved"):
        return ""
    text = tr("Angka dibekukan saat triwulan disetujui (aturan versi {v}).", v=doc.get("rules_version"))
    current = doc.get("current")
    if current:
        parts = [f"{labels.service(s['code'])} {formatting.angka(s['index'], 2)} ({s['band'] or formatting.KOSONG})"
                 for s in current["services"]]
        text += " " + tr("Menurut aturan yang berlaku sekarang (versi {v}):", v=current["rules_version"]) + " " \
            + "; ".join(parts) + "."
    return text


def rules_note() -> str:
    """The formula and the band legend, built from the rules in force (never typed here)."""
    ref, lang = reference.load(), i18n.language()
    return (tr("Triwulan bersifat kumulatif sejak 1 Januari.") + " " + spm_rules.formula_text(ref.weights, lang)
            + ". " + tr("Kategori") + ": " + "; ".join(spm_rules.band_legend(ref.bands, lang)) + ".")


def _short_title(s: dict) -> str:
    band = s["band"] or formatting.KOSONG
    return f"{labels.service(s['code'])} · {tr('indeks')} {formatting.angka(s['index'], 2)} · {band}"
