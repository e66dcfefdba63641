"""Monthly entry per RO: volume, money spent, indicator values, narrative; beside it the RPD
month by month with the realisation, and the list of ROs with late ones highlighted."""
from __future__ import annotations

import datetime as _dt

from PySide6.QtCore import Qt
from PySide6.QtGui import QColor
from PySide6.QtWidgets import (QComboBox, QFormLayout, QGroupBox, QHBoxLayout, QLineEdit, QPlainTextEdit,
                               QSpinBox, QTabWidget, QTableWidget, QTableWidgetItem, QVBoxLayout, QWidget)

from kemensos_desk.core import formatting
from kemensos_desk.core.errors import Refused
from kemensos_desk.core.i18n import tr
from kemensos_desk.services.dekon import allocations, monthly, summary
from kemensos_desk.ui import common as ui_common
from kemensos_desk.ui.pages.dekon.attachments_panel import AttachmentsPanel
from kemensos_desk.ui.pages.dekon.participants_panel import ParticipantsPanel
from kemensos_desk.ui.pages.dekon.problems_panel import ProblemsPanel
from kemensos_desk.ui.widgets.side_by_side import SideBySide
from kemensos_desk.ui.table_columns import fit_columns

LATE = QColor("#f8d7d3")
PANEL_KINDS = {"dekon_problems", "dekon_participants", "dekon_attachments"}


def _cell(text, right=True, color=None):
    item = QTableWidgetItem(text)
    if right:
        item.setTextAlignment(Qt.AlignRight | Qt.AlignVCenter)
    if color is not None:
        item.setBackground(color)
    return item


class MonthlyView(QWidget):
    def __init__(self, ctx, year_box, parent=None):
        super().__init__(parent)
        self.ctx, self.year_box = ctx, year_box
        self.indicator_edits: dict[str, QLineEdit] = {}
        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 8, 0, 0)
        # Form beside the tables on a wide window, above them on a 1024-pixel laptop.
        self.panels = SideBySide(1000)
        outer.addWidget(self.panels)
        form_box = QGroupBox(tr("Isian bulan"))
        self.form = QFormLayout(form_box)
        self.form.setFieldGrowthPolicy(QFormLayout.AllNonFixedFieldsGrow)
        # A long indicator name goes above its field: the fields (the RO's name) keep their width.
        self.form.setRowWrapPolicy(QFormLayout.WrapLongRows)
        self.ro = QComboBox()
        self.ro.setObjectName("roCombo")
        # RO names are long: the box keeps a readable width, the list and the tooltip show it all.
        self.ro.setSizeAdjustPolicy(QComboBox.AdjustToMinimumContentsLengthWithIcon)
        self.ro.setMinimumContentsLength(28)
        self.ro.currentIndexChanged.connect(lambda _i: self.ro.setToolTip(self.ro.currentText()))
        self.month = QComboBox()
        for m in range(1, 13):
            self.month.addItem(formatting.nama_bulan(m), m)
        self.volume = QSpinBox()
        self.volume.setRange(0, 10_000_000)
        self.spent = QLineEdit()
        self.spent.setPlaceholderText("0")
        self.narrative = QPlainTextEdit()
        self.narrative.setMaximumHeight(70)
        self.note = QLineEdit()
        self.note.setPlaceholderText(tr("wajib bila volume kumulatif melebihi target"))
        self.save_button = ui_common.primary_button(tr("Simpan realisasi"), "centang")
        self.save_button.setEnabled(ctx.actor.can("data.edit"))
        self.status = ui_common.muted("")
        for label, w in (("RO", self.ro), ("Bulan", self.month), ("Volume", self.volume),
                         ("Realisasi (Rp)", self.spent), ("Uraian kegiatan", self.narrative),
                         ("Catatan volume", self.note)):
            self.form.addRow(tr(label), w)
        self.indicator_row = self.form.rowCount()
        self.form.addRow(self.save_button)
        self.form.addRow(self.status)
        left_panel = QWidget()
        left = QVBoxLayout(left_panel)
        left.setContentsMargins(0, 0, 0, 0)
        left.addWidget(form_box)
        left.addStretch(1)
        self.panels.add(left_panel, side_max_width=480)
        self.tabs = QTabWidget()
        self.tabs.setObjectName("monthlyTabs")
        plan_page = QWidget()
        right = QVBoxLayout(plan_page)
        right.addWidget(ui_common.heading(tr("RPD dan realisasi per bulan"), 2))
        # Months down, figures across: twelve rows read like the RPD sheet offices keep.
        self.plan = QTableWidget(12, 4)
        self.plan.setObjectName("planTable")
        self.plan.setVerticalHeaderLabels([formatting.nama_bulan(m) for m in range(1, 13)])
        self.plan.setHorizontalHeaderLabels([tr("RPD"), tr("Realisasi"), tr("RPD kumulatif"), tr("Realisasi kumulatif")])
        self.plan.setEditTriggers(QTableWidget.NoEditTriggers)
        fit_columns(self.plan, "dekon/rpd", names=(0, 1, 2, 3))  # figures only: they share the width
        self.plan.verticalHeader().setDefaultSectionSize(25)
        right.addWidget(self.plan, 3)
        right.addWidget(ui_common.heading(tr("Semua RO sampai bulan terpilih"), 2))
        self.ros = QTableWidget(0, 4)
        self.ros.setObjectName("lateTable")
        self.ros.setHorizontalHeaderLabels([tr("Kode RO"), tr("RPD kumulatif"), tr("Realisasi kumulatif"), tr("Status")])
        self.ros.verticalHeader().setVisible(False)
        self.ros.setEditTriggers(QTableWidget.NoEditTriggers)
        right.addWidget(self.ros, 2)
        self.problems = ProblemsPanel(ctx, self.current)
        self.participants = ParticipantsPanel(ctx, self.current)
        self.attachments = AttachmentsPanel(ctx, self.current)
        self.tabs.addTab(plan_page, tr("RPD dan realisasi"))
        self.tabs.addTab(self.problems, tr("Permasalahan"))
        self.tabs.addTab(self.participants, tr("Peserta"))
        self.tabs.addTab(self.attachments, tr("Dokumentasi"))
        self.panels.add(self.tabs, 1)
        # Kept as attributes of the entry screen: the problem form is part of the month's entry.
        self.problem, self.follow_up = self.problems.problem, self.problems.follow_up
        self.ro.currentIndexChanged.connect(self.load_entry)
        self.month.currentIndexChanged.connect(self.load_entry)
        self.save_button.clicked.connect(self.save)
        year_box.valueChanged.connect(self.refresh)
        ctx.changed.connect(self._on_changed)
        self.refresh()

    def refresh(self, *_):
        current = self.ro.currentData()
        self.ro.blockSignals(True)
        self.ro.clear()
        for a in allocations.list_allocations(self.ctx.ws, self.year_box.value()):
            self.ro.addItem(f"{a.ro_code} – {a.name}", a.ro_code)
        idx = self.ro.findData(current)
        self.ro.setCurrentIndex(max(idx, 0))
        self.ro.blockSignals(False)
        self.ro.setToolTip(self.ro.currentText())
        self.ro.view().setMinimumWidth(self.ro.view().sizeHintForColumn(0) + 24)
        today = _dt.date.today()
        if self.year_box.value() == today.year and self.month.currentIndex() == 0:
            self.month.setCurrentIndex(max(today.month - 2, 0))
        self.load_entry()

    def _indicators(self, ro_code):
        with self.ctx.ws.store.session() as s:
            from kemensos_desk.services.dekon import common

            return allocations.indicators_of(s, common.allocation(s, self.year_box.value(), ro_code).id)

    def load_entry(self, *_):
        ro_code, month = self.ro.currentData(), self.month.currentData()
        while self.form.rowCount() > self.indicator_row + 2:
            self.form.removeRow(self.indicator_row)
        self.indicator_edits = {}
        if ro_code is None:
            self._fill_tables(None)
            return
        entry = monthly.entry_of(self.ctx.ws, self.year_box.value(), ro_code, month)
        for pos, ind in enumerate(self._indicators(ro_code)):
            edit = QLineEdit()
            edit.setPlaceholderText(tr("target {t} {unit}", t=formatting.jumlah(ind.target), unit=ind.unit))
            if entry and ind.name in entry.indicator_values:
                edit.setText(formatting.jumlah(entry.indicator_values[ind.name]))
            self.indicator_edits[ind.name] = edit
            self.form.insertRow(self.indicator_row + pos, ind.name, edit)
        self.volume.setValue(entry.volume if entry else 0)
        self.spent.setText(formatting.angka(entry.spent) if entry else "")
        self.narrative.setPlainText((entry.narrative or "") if entry else "")
        self.note.setText((entry.over_target_note or "") if entry else "")
        self._fill_tables(ro_code)

    def current(self) -> tuple[int, str | None, int]:
        return self.year_box.value(), self.ro.currentData(), self.month.currentData() or 1

    def add_problem(self) -> bool:
        return self.problems.add_problem()

    def _on_changed(self, kinds) -> None:
        # A participant, document or problem added here must not reload the entry form and
        # wipe figures the operator has typed but not saved yet: only the panels refresh.
        if "*" in kinds or any(k.startswith("dekon") and k not in PANEL_KINDS for k in kinds):
            self.refresh()
        elif kinds & PANEL_KINDS:
            for panel in (self.problems, self.participants, self.attachments):
                panel.refresh()

    def _fill_tables(self, ro_code):
        for panel in (self.problems, self.participants, self.attachments):
            panel.refresh()
        month = self.month.currentData()
        plans = summary.monthly_plan(self.ctx.ws, self.year_box.value(), month)
        self.plans = plans
        mine = next((p for p in plans if p["ro"] == ro_code), None)
        for m in range(12):
            info = mine["months"][m] if mine else None
            for r, key in enumerate(("rpd", "spent", "rpd_cum", "spent_cum")):
                late = info is not None and key.startswith("spent") and info["late"] and m + 1 <= month
                self.plan.setItem(m, r, _cell(formatting.angka(info[key]) if info else "", color=LATE if late else None))
        self.ros.setRowCount(len(plans))
        for r, p in enumerate(plans):
            info = p["months"][month - 1]
            color = LATE if p["late"] else None
            self.ros.setItem(r, 0, _cell(f"{p['ro']} – {p['name']}", right=False, color=color))
            self.ros.setItem(r, 1, _cell(formatting.rupiah(info["rpd_cum"]), color=color))
            self.ros.setItem(r, 2, _cell(formatting.rupiah(info["spent_cum"]), color=color))
            self.ros.setItem(r, 3, _cell(tr("Terlambat dari RPD") if p["late"] else tr("Sesuai rencana"), False, color))
        fit_columns(self.ros, "dekon/ro-terlambat", names=(0,))

    def _entry(self) -> monthly.MonthEntry:
        try:
            spent = formatting.parse_angka(self.spent.text() or "0")
        except ValueError:
            raise Refused("Realisasi (Rp) harus angka, bukan '{value}'.", value=self.spent.text()) from None
        if spent != spent.to_integral_value():
            raise Refused("Realisasi (Rp) harus rupiah bulat.")
        values = {}
        for name, edit in self.indicator_edits.items():
            if edit.text().strip():
                try:
                    values[name] = formatting.parse_angka(edit.text())
                except ValueError:
                    raise Refused("Nilai indikator '{name}' bukan angka: '{value}'.", name=name, value=edit.text()) from None
        return monthly.MonthEntry(self.year_box.value(), self.ro.currentData(), self.month.currentData(),
                                  self.volume.value(), int(spent), self.narrative.toPlainText(), self.note.text(), values)

    def save(self) -> bool:
        if self.ro.currentData() is None:
            return False
        try:
            monthly.record(self.ctx.ws, self.ctx.actor, self._entry())
        except Exception as exc:
            ui_common.show_error(self, exc)
            return False
        self.status.setText(tr("Tersimpan: {ro}, {month}.", ro=self.ro.currentData(), month=self.month.currentText()))
        self.ctx.notify("dekon_realisations")
        return True
