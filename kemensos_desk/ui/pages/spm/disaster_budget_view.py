"""Third tab: the year's disaster events (victims in aggregate, services per event) and the
APBD budget of each service with its problems and solutions."""
from __future__ import annotations

import datetime as _dt

from PySide6.QtCore import QDate, Qt
from PySide6.QtWidgets import (QComboBox, QDateEdit, QDialog, QDialogButtonBox, QFormLayout, QLabel, QLineEdit,
                               QPlainTextEdit, QSpinBox, QTableWidget, QTableWidgetItem, QWidget)

from kemensos_desk.core import formatting, labels, regions
from kemensos_desk.core.errors import KemensosError
from kemensos_desk.core.i18n import tr
from kemensos_desk.services.spm import budget, disaster, reference
from kemensos_desk.ui import common as ui_common
from kemensos_desk.ui.pages.spm.period_bar import tab_with_year
from kemensos_desk.ui.table_columns import fit_columns


def _table(headers: list[str], key: str, names=()) -> QTableWidget:
    t = QTableWidget(0, len(headers))
    t.fit_key, t.fit_names = key, tuple(names)
    t.setHorizontalHeaderLabels([tr(h) for h in headers])
    t.verticalHeader().setVisible(False)
    t.setEditTriggers(QTableWidget.NoEditTriggers)
    t.setSelectionBehavior(QTableWidget.SelectRows)
    return t


def _fill(t: QTableWidget, rows: list[list[str]], right: set[int]) -> None:
    t.setRowCount(len(rows))
    for r, cells in enumerate(rows):
        for c, text in enumerate(cells):
            item = QTableWidgetItem(text)
            if c in right:
                item.setTextAlignment(Qt.AlignRight | Qt.AlignVCenter)
            t.setItem(r, c, item)
    fit_columns(t, t.fit_key, t.fit_names, wrap=True)


class DisasterBudgetView(QWidget):
    def __init__(self, ctx, parent=None):
        super().__init__(parent)
        self.ctx = ctx
        layout, bar, self.year = tab_with_year(self)
        bar.addStretch(1)
        self.event_btn = ui_common.button(tr("Catat kejadian bencana"), "tambah")
        self.budget_btn = ui_common.button(tr("Isi anggaran"), "tambah")
        bar.addWidget(self.event_btn)
        bar.addWidget(self.budget_btn)
        layout.addWidget(ui_common.heading(tr("Kejadian bencana"), 2))
        self.events = _table(["Tanggal", "Jenis", "Fase", "Kecamatan", "Jiwa", "KK", "Rentan",
                              "Terlayani per komponen"], "spm/bencana", names=(7,))
        layout.addWidget(self.events, 1)
        layout.addWidget(ui_common.heading(tr("Anggaran APBD, permasalahan dan solusi"), 2))
        self.budgets = _table(["Layanan", "Alokasi", "Realisasi", "Serapan", "Permasalahan", "Solusi"],
                              "spm/anggaran", names=(0, 4, 5))
        layout.addWidget(self.budgets, 1)
        for b in (self.event_btn, self.budget_btn):
            b.setEnabled(ctx.actor.can("data.edit"))
        self.event_btn.clicked.connect(lambda: EventDialog(self.ctx, self).open())
        self.budget_btn.clicked.connect(lambda: BudgetDialog(self.ctx, self.year.value(), self).open())
        self.year.valueChanged.connect(self.refresh)
        ctx.changed.connect(lambda kinds: self.refresh() if "*" in kinds or any(k.startswith("spm") for k in kinds) else None)
        self.refresh()

    def refresh(self, *_):
        year = self.year.value()
        with self.ctx.ws.store.session() as s:
            events = disaster.events(s, year)
            budgets = budget.budgets(s, year)
        phases = reference.phases()
        _fill(self.events, [[formatting.tanggal(e["event_date"]), e["disaster_type"],
                             tr(phases.get(e["phase"], e["phase"])), e["kecamatan"],
                             formatting.angka(e["jiwa"]), formatting.angka(e["kk"]), formatting.angka(e["vulnerable"]),
                             "; ".join(f"{labels.component(k)}: {formatting.jumlah(v, tr('jiwa'))}"
                                       for k, v in sorted(e["served"].items()))]
                            for e in events], {4, 5, 6})
        rows = []
        for svc in reference.services_for(self.ctx.office().level):
            b = budgets.get(svc.code, {})
            rows.append([svc.target_group, formatting.rupiah(b.get("allocated")), formatting.rupiah(b.get("spent")),
                         formatting.persen(b.get("spent_pct")), b.get("problems") or "", b.get("solutions") or ""])
        _fill(self.budgets, rows, {1, 2, 3})


class EventDialog(QDialog):
    def __init__(self, ctx, parent=None):
        super().__init__(parent)
        self.ctx = ctx
        self.setWindowTitle(tr("Catat kejadian bencana"))
        form = QFormLayout(self)
        self.kind = QComboBox()
        self.kind.setEditable(True)
        self.kind.addItems(reference.disaster_types())
        self.phase = QComboBox()
        self.phase.setObjectName("disasterPhase")
        for code, name in reference.phases().items():
            self.phase.addItem(tr(name), code)
        self.date = QDateEdit(QDate.currentDate())
        self.date.setDisplayFormat("dd-MM-yyyy")
        self.date.setCalendarPopup(True)
        self.kecamatan = QComboBox()
        office = ctx.office()
        kecs = ([k for kab in regions.kabkota(office.region_code) for k in regions.kecamatan(kab.code)]
                if office.level == "provinsi" else regions.kecamatan(office.region_code))
        for k in sorted(kecs, key=lambda k: k.name):
            self.kecamatan.addItem(k.name, k.code)
        self.location = QLineEdit()
        self.counts = {}
        form.addRow(tr("Jenis bencana"), self.kind)
        form.addRow(tr("Fase"), self.phase)
        form.addRow(tr("Tanggal"), self.date)
        form.addRow(tr("Kecamatan"), self.kecamatan)
        form.addRow(tr("Lokasi"), self.location)
        for key, label in (("jiwa", "Korban (jiwa)"), ("kk", "KK"), ("children", "Anak"), ("elderly", "Lansia"),
                           ("disabled", "Penyandang disabilitas"), ("pregnant", "Ibu hamil"),
                           ("psychosocial", "Butuh dukungan psikososial")):
            spin = QSpinBox()
            spin.setRange(0, 10_000_000)
            self.counts[key] = spin
            form.addRow(tr(label), spin)
        self.error = QLabel()
        self.error.setStyleSheet("color: #b3261e;")
        self.error.setWordWrap(True)
        form.addRow(self.error)
        buttons = QDialogButtonBox(QDialogButtonBox.Save | QDialogButtonBox.Cancel)
        buttons.button(QDialogButtonBox.Save).setText(tr("Simpan"))
        buttons.button(QDialogButtonBox.Cancel).setText(tr("Batal"))
        buttons.accepted.connect(self.save)
        buttons.rejected.connect(self.reject)
        form.addRow(buttons)

    def save(self) -> None:
        d = self.date.date()
        data = disaster.EventData(self.kind.currentText(), _dt.date(d.year(), d.month(), d.day()),
                                  self.kecamatan.currentData(), location=self.location.text() or None,
                                  phase=self.phase.currentData(),
                                  **{k: s.value() for k, s in self.counts.items()})
        try:
            disaster.add_event(self.ctx.ws, self.ctx.actor, data)
        except KemensosError as exc:
            self.error.setText(str(exc))
            return
        self.ctx.notify("spm_disaster_event")
        self.accept()


class BudgetDialog(QDialog):
    def __init__(self, ctx, year: int, parent=None):
        super().__init__(parent)
        self.ctx = ctx
        self.setWindowTitle(tr("Anggaran APBD"))
        form = QFormLayout(self)
        self.service = QComboBox()
        for svc in reference.services_for(ctx.office().level):
            self.service.addItem(svc.target_group, svc.code)
        self.year = QSpinBox()
        self.year.setRange(2018, 2100)
        self.year.setValue(year)
        self.allocated, self.spent = QLineEdit(), QLineEdit()
        self.allocated.setPlaceholderText("1.250.000.000")
        self.problems, self.solutions = QPlainTextEdit(), QPlainTextEdit()
        for w in (self.problems, self.solutions):
            w.setMaximumHeight(70)
        form.addRow(tr("Layanan"), self.service)
        form.addRow(tr("Tahun"), self.year)
        form.addRow(tr("Alokasi APBD (Rp)"), self.allocated)
        form.addRow(tr("Realisasi APBD (Rp)"), self.spent)
        form.addRow(tr("Permasalahan"), self.problems)
        form.addRow(tr("Solusi"), self.solutions)
        self.error = QLabel()
        self.error.setStyleSheet("color: #b3261e;")
        self.error.setWordWrap(True)
        form.addRow(self.error)
        buttons = QDialogButtonBox(QDialogButtonBox.Save | QDialogButtonBox.Cancel)
        buttons.button(QDialogButtonBox.Save).setText(tr("Simpan"))
        buttons.button(QDialogButtonBox.Cancel).setText(tr("Batal"))
        buttons.accepted.connect(self.save)
        buttons.rejected.connect(self.reject)
        form.addRow(buttons)

    def save(self) -> None:
        try:
            allocated = int(formatting.parse_angka(self.allocated.text()))
            spent = int(formatting.parse_angka(self.spent.text() or "0"))
        except ValueError:
            self.error.setText(tr("Tulis anggaran sebagai angka rupiah, mis. 1.250.000.000."))
            return
        try:
            budget.set_budget(self.ctx.ws, self.ctx.actor, self.service.currentData(), self.year.value(), allocated,
                              spent, self.problems.toPlainText(), self.solutions.toPlainText())
        except KemensosError as exc:
            self.error.setText(str(exc))
            return
        self.ctx.notify("spm_budget")
        self.accept()
