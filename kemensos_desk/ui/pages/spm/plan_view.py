"""Tab "Tahapan dan rencana aksi": the four application stages of a year (status and note,
editable in place) and its rencana aksi (dated actions, an attached document). Both are
printed in the quarterly report; the stage and status names come from the rules."""
from __future__ import annotations

import datetime as _dt
from pathlib import Path

from PySide6.QtCore import QDate
from PySide6.QtWidgets import (QComboBox, QDateEdit, QFileDialog, QHBoxLayout, QLineEdit, QTableWidget,
                               QTableWidgetItem, QWidget)

from kemensos_desk.core import formatting
from kemensos_desk.core.errors import KemensosError
from kemensos_desk.core.i18n import tr
from kemensos_desk.services.spm import plan
from kemensos_desk.ui import common as ui_common
from kemensos_desk.ui.pages.spm.period_bar import tab_with_year
from kemensos_desk.ui.table_columns import fit_columns


class PlanView(QWidget):
    def __init__(self, ctx, parent=None):
        super().__init__(parent)
        self.ctx = ctx
        can_edit = ctx.actor.can("data.edit")
        layout, bar, self.year = tab_with_year(self)
        bar.addStretch(1)
        layout.addWidget(ui_common.heading(tr("Tahapan Penerapan SPM"), 2))
        self.stages = QTableWidget(0, 3)
        self.stages.setObjectName("stagesTable")
        self.stages.setHorizontalHeaderLabels([tr("Tahapan"), tr("Status"), tr("Catatan")])
        self.stages.verticalHeader().setVisible(False)
        layout.addWidget(self.stages)
        self.save_btn = ui_common.button(tr("Simpan tahapan"), "centang")
        self.save_btn.setEnabled(can_edit)
        row = QHBoxLayout()
        row.addStretch(1)
        row.addWidget(self.save_btn)
        layout.addLayout(row)
        layout.addWidget(ui_common.heading(tr("Rencana Aksi"), 2))
        self.actions = QTableWidget(0, 2)
        self.actions.setObjectName("actionsTable")
        self.actions.setHorizontalHeaderLabels([tr("Aksi atau dokumen"), tr("Tenggat")])
        self.actions.verticalHeader().setVisible(False)
        self.actions.setEditTriggers(QTableWidget.NoEditTriggers)
        layout.addWidget(self.actions, 1)
        add = QHBoxLayout()
        self.action_text = QLineEdit()
        self.action_text.setPlaceholderText(tr("Uraian aksi"))
        self.due = QDateEdit(QDate.currentDate())
        self.due.setDisplayFormat("dd-MM-yyyy")
        self.due.setCalendarPopup(True)
        self.add_btn = ui_common.button(tr("Tambah aksi"), "tambah")
        self.attach_btn = ui_common.button(tr("Lampirkan dokumen…"), "salin")
        for w in (self.action_text, self.due, self.add_btn, self.attach_btn):
            w.setEnabled(can_edit)
        add.addWidget(self.action_text, 1)
        add.addWidget(self.due)
        add.addWidget(self.add_btn)
        add.addWidget(self.attach_btn)
        layout.addLayout(add)
        self.message = ui_common.muted("")
        layout.addWidget(self.message)
        self.save_btn.clicked.connect(self.save_stages)
        self.add_btn.clicked.connect(self.add_action)
        self.attach_btn.clicked.connect(self.choose_document)
        self.year.valueChanged.connect(self.refresh)
        ctx.changed.connect(lambda kinds: self.refresh() if "*" in kinds or any(k.startswith("spm") for k in kinds) else None)
        self.refresh()

    def refresh(self, *_) -> None:
        with self.ctx.ws.store.session() as s:
            stages = plan.stages(s, self.year.value())
            doc = plan.action_plan(s, self.year.value())
        self.stages.setRowCount(len(stages))
        self._stage_codes = [st["stage"] for st in stages]
        for r, st in enumerate(stages):
            name = QTableWidgetItem(tr(st["name"]))
            self.stages.setItem(r, 0, name)
            combo = QComboBox()
            for code, label in plan.status_names().items():
                combo.addItem(tr(label), code)
            combo.setCurrentIndex(max(0, combo.findData(st["status"])))
            combo.setEnabled(self.ctx.actor.can("data.edit"))
            self.stages.setCellWidget(r, 1, combo)
            self.stages.setItem(r, 2, QTableWidgetItem(st["note"] or ""))
        fit_columns(self.stages, "spm/tahapan", names=(0, 2), widths={1: 140})
        self.stages.setFixedHeight(self.stages.horizontalHeader().sizeHint().height() + 2 * self.stages.frameWidth()
                                   + sum(self.stages.rowHeight(r) for r in range(self.stages.rowCount())))
        rows = [(tr("Dokumen rencana aksi: {name}", name=d["name"]), "") for d in doc["documents"]]
        rows += [(a["action"], formatting.tanggal(a["due"])) for a in doc["actions"]]
        self.actions.setRowCount(len(rows))
        for r, (text, due) in enumerate(rows):
            self.actions.setItem(r, 0, QTableWidgetItem(text))
            self.actions.setItem(r, 1, QTableWidgetItem(due))
        fit_columns(self.actions, "spm/rencana-aksi", names=(0,))

    def save_stages(self) -> None:
        try:
            for r, code in enumerate(self._stage_codes):
                status = self.stages.cellWidget(r, 1).currentData()
                note = self.stages.item(r, 2).text() if self.stages.item(r, 2) else ""
                plan.set_stage(self.ctx.ws, self.ctx.actor, self.year.value(), code, status, note)
        except KemensosError as exc:
            self.message.setText(str(exc))
            return
        self.message.setText(tr("Tahapan disimpan."))
        self.ctx.notify("spm_stage")

    def add_action(self) -> None:
        d = self.due.date()
        try:
            plan.add_action(self.ctx.ws, self.ctx.actor, self.year.value(), self.action_text.text(),
                            _dt.date(d.year(), d.month(), d.day()))
        except KemensosError as exc:
            self.message.setText(str(exc))
            return
        self.action_text.clear()
        self.message.setText(tr("Aksi ditambahkan."))
        self.ctx.notify("spm_action_plan")

    def choose_document(self) -> None:
        path, _ = QFileDialog.getOpenFileName(self, tr("Pilih dokumen rencana aksi"), str(Path.home()),
                                              tr("Dokumen (*.pdf *.docx *.doc *.xlsx *.xls *.odt *.ods)"))
        if path:
            self.attach_document(path)

    def attach_document(self, path) -> None:
        try:
            plan.attach(self.ctx.ws, self.ctx.actor, self.year.value(), path)
        except KemensosError as exc:
            self.message.setText(str(exc))
            return
        self.message.setText(tr("Dokumen dilampirkan."))
        self.ctx.notify("spm_action_plan")
