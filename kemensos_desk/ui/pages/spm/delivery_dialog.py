"""Record one service component, on one date, for the people selected in the register
("permakanan, Maret, untuk 120 orang ini"), in one transaction.
"""
from __future__ import annotations

import datetime as _dt

from PySide6.QtCore import QDate, QLocale
from PySide6.QtWidgets import (QComboBox, QDateEdit, QDialog, QDialogButtonBox, QDoubleSpinBox, QFormLayout, QLabel,
                               QLineEdit, QVBoxLayout)

from kemensos_desk.core import formatting
from kemensos_desk.core.errors import KemensosError
from kemensos_desk.core.i18n import tr
from kemensos_desk.services.spm import deliveries, reference
from kemensos_desk.ui import common as ui_common


class DeliveryDialog(QDialog):
    def __init__(self, ctx, person_ids: list[int], service: str | None = None, parent=None):
        super().__init__(parent)
        self.ctx = ctx
        self.person_ids = person_ids
        self.result_counts = None
        self.setWindowTitle(tr("Catat layanan"))
        layout = QVBoxLayout(self)
        layout.addWidget(QLabel(tr("Untuk {n} penerima terpilih.", n=formatting.angka(len(person_ids)))))
        form = QFormLayout()
        self.service = QComboBox()
        for svc in reference.services_for(ctx.office().level):
            if not svc.is_disaster:
                self.service.addItem(svc.target_group, svc.code)
        if service:
            self.service.setCurrentIndex(max(0, self.service.findData(service)))
        self.component = QComboBox()
        self.date = QDateEdit(QDate.currentDate())
        self.date.setDisplayFormat("dd-MM-yyyy")
        self.date.setCalendarPopup(True)
        self.quantity = QDoubleSpinBox()
        self.quantity.setRange(0, 1_000_000)
        self.quantity.setDecimals(2)
        self.quantity.setLocale(QLocale(QLocale.Indonesian, QLocale.Indonesia))  # 1,00 not 1.00
        self.quantity.setValue(1)
        self.unit = QLineEdit()
        self.provider = QLineEdit(ctx.office().name)
        form.addRow(tr("Layanan"), self.service)
        form.addRow(tr("Komponen"), self.component)
        form.addRow(tr("Tanggal"), self.date)
        form.addRow(tr("Jumlah"), self.quantity)
        form.addRow(tr("Satuan"), self.unit)
        form.addRow(tr("Pemberi layanan"), self.provider)
        layout.addLayout(form)
        self.error = QLabel()
        self.error.setWordWrap(True)
        self.error.setStyleSheet("color: #b3261e;")
        layout.addWidget(self.error)
        buttons = QDialogButtonBox(QDialogButtonBox.Save | QDialogButtonBox.Cancel)
        buttons.button(QDialogButtonBox.Save).setText(tr("Simpan"))
        buttons.button(QDialogButtonBox.Cancel).setText(tr("Batal"))
        for b in buttons.buttons():
            b.setMinimumWidth(96)
        buttons.accepted.connect(self.save)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)
        self.service.currentIndexChanged.connect(self._fill_components)
        self.component.currentIndexChanged.connect(self._unit)
        self._fill_components()

    def _fill_components(self, *_):
        svc = reference.service(self.ctx.office().level, self.service.currentData())
        self.component.clear()
        for c in svc.components:
            self.component.addItem(f"{c.name} ({tr('wajib') if c.need == 'wajib' else tr('sesuai asesmen')})", c.code)

    def _unit(self, *_):
        svc = reference.service(self.ctx.office().level, self.service.currentData())
        comp = svc.component(self.component.currentData() or "")
        self.unit.setText(comp.unit if comp else "")

    def save(self) -> None:
        d = self.date.date()
        try:
            self.result_counts = deliveries.record_bulk(
                self.ctx.ws, self.ctx.actor, self.person_ids, self.service.currentData(), self.component.currentData(),
                _dt.date(d.year(), d.month(), d.day()), self.quantity.value(), self.unit.text() or None,
                self.provider.text() or None)
        except KemensosError as exc:
            self.error.setText(str(exc))
            return
        self.ctx.notify("spm_delivery")
        c = self.result_counts
        ui_common.inform(self, tr("{new} baru, {updated} diubah, {unchanged} tidak berubah.", new=c.new,
                                  updated=c.updated, unchanged=c.unchanged))
        self.accept()
