"""Record the assessment of one person: which *sesuai asesmen* components he needs this year
(alat bantu, penelusuran keluarga, ...). The *wajib* components need no assessment."""
from __future__ import annotations

import datetime as _dt

from PySide6.QtCore import QDate
from PySide6.QtWidgets import (QCheckBox, QComboBox, QDateEdit, QDialog, QDialogButtonBox, QFormLayout, QLabel,
                               QVBoxLayout, QWidget)

from kemensos_desk.core import labels
from kemensos_desk.core.errors import KemensosError
from kemensos_desk.core.i18n import tr
from kemensos_desk.services.spm import deliveries, reference, register as reg


class AssessmentDialog(QDialog):
    def __init__(self, ctx, person_id: int, parent=None):
        super().__init__(parent)
        self.ctx, self.person_id = ctx, person_id
        self.added: int | None = None
        with ctx.ws.store.session() as s:
            person = reg.get_person(s, person_id)
            name = person.name
            entitled = reg.entitlements(s, person_id)
            done = {(a["service"], a["year"], a["component"]) for a in deliveries.assessments_of(s, person_id)}
        self.assessed = done  # (never "self.done": that is QDialog.done())
        self.setWindowTitle(tr("Asesmen {name}", name=name))
        layout = QVBoxLayout(self)
        form = QFormLayout()
        self.entitlement = QComboBox()
        for e in entitled:
            self.entitlement.addItem(f"{labels.service(e['service'])} {e['year']}", (e["service"], e["year"]))
        self.date = QDateEdit(QDate.currentDate())
        self.date.setDisplayFormat("dd-MM-yyyy")
        self.date.setCalendarPopup(True)
        form.addRow(tr("Layanan dan tahun"), self.entitlement)
        form.addRow(tr("Tanggal asesmen"), self.date)
        layout.addLayout(form)
        layout.addWidget(QLabel(tr("Komponen yang dibutuhkan (sesuai asesmen):")))
        self.box = QWidget()
        self.box_layout = QVBoxLayout(self.box)
        self.box_layout.setContentsMargins(12, 0, 0, 0)
        layout.addWidget(self.box)
        self.checks: dict[str, QCheckBox] = {}
        self.error = QLabel()
        self.error.setWordWrap(True)
        self.error.setStyleSheet("color: #b3261e;")
        layout.addWidget(self.error)
        buttons = QDialogButtonBox(QDialogButtonBox.Save | QDialogButtonBox.Cancel)
        buttons.button(QDialogButtonBox.Save).setText(tr("Simpan"))
        buttons.button(QDialogButtonBox.Cancel).setText(tr("Batal"))
        buttons.accepted.connect(self.save)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)
        self.entitlement.currentIndexChanged.connect(self._fill)
        if not entitled:
            self.error.setText(tr("Orang ini belum terdaftar pada layanan apa pun; daftarkan dahulu."))
            buttons.button(QDialogButtonBox.Save).setEnabled(False)
        self._fill()

    def _fill(self, *_):
        for box in self.checks.values():
            box.deleteLater()
        self.checks.clear()
        data = self.entitlement.currentData()
        if not data:
            return
        service, year = data
        svc = reference.service(self.ctx.office().level, service)
        for c in svc.components:
            if c.need != "asesmen" or c.auto_if_no_nik:
                continue
            box = QCheckBox(c.name)
            already = (service, year, c.code) in self.assessed
            box.setChecked(already)
            box.setEnabled(not already)  # an assessment is withdrawn by correcting the record, not here
            self.checks[c.code] = box
            self.box_layout.addWidget(box)

    def save(self) -> None:
        service, year = self.entitlement.currentData()
        chosen = [code for code, box in self.checks.items() if box.isChecked() and box.isEnabled()]
        d = self.date.date()
        try:
            self.added = deliveries.record_assessment(self.ctx.ws, self.ctx.actor, self.person_id, service, year,
                                                      chosen, _dt.date(d.year(), d.month(), d.day()))
        except KemensosError as exc:
            self.error.setText(str(exc))
            return
        self.ctx.notify("spm_assessment")
        self.accept()
