"""Cetak daftar penerima: the list people sign or thumbprint when they receive goods.

The operator chooses the service, the component, where (kecamatan, desa) and the day of the
distribution; the PDF is written off the GUI thread into a temporary folder and opened in
the print preview, from which it is printed or saved.
"""
from __future__ import annotations

import datetime as _dt
import shutil
import tempfile
from pathlib import Path

from PySide6.QtCore import QDate
from PySide6.QtWidgets import QComboBox, QDateEdit, QDialog, QFormLayout, QHBoxLayout, QLabel, QLineEdit, QVBoxLayout

from kemensos_desk.core import formatting, regions
from kemensos_desk.core.i18n import tr
from kemensos_desk.services.spm import reference, report
from kemensos_desk.ui import common as ui_common

ALL = ""  # the "every desa" choice of the editable desa box


class DistributionListDialog(QDialog):
    def __init__(self, ctx, service: str | None = None, parent=None):
        super().__init__(parent or ctx.window)
        self.ctx = ctx
        self.preview_dialog = None
        self.written: tuple[Path, int] | None = None
        self.setWindowTitle(tr("Cetak daftar penerima"))
        self.setMinimumWidth(460)
        layout = QVBoxLayout(self)
        layout.addWidget(ui_common.heading(tr("Cetak daftar penerima"), 2))
        layout.addWidget(ui_common.muted(tr(
            "Daftar yang ditandatangani atau dicap jempol penerima saat menerima bantuan. Berisi penerima aktif "
            "layanan pada tahun penyaluran.")))
        form = QFormLayout()
        self.service = QComboBox()
        office = ctx.office()
        for svc in reference.services_for(office.level):
            if not svc.is_disaster:
                self.service.addItem(svc.target_group, svc.code)
        if service:
            self.service.setCurrentIndex(max(0, self.service.findData(service)))
        self.component = QComboBox()
        self.kecamatan = QComboBox()
        self.kecamatan.addItem(tr("Semua kecamatan"), None)
        for kec in regions.kecamatan(office.region_code) if office.level != "provinsi" else []:
            self.kecamatan.addItem(kec.name, kec.code)
        self.desa = QComboBox()
        self.desa.setEditable(True)  # a desa not yet in the register can still be typed
        self.desa.lineEdit().setPlaceholderText(tr("Semua desa/kelurahan"))
        self.date = QDateEdit(QDate.currentDate())
        self.date.setDisplayFormat("dd-MM-yyyy")
        self.date.setCalendarPopup(True)
        self.quantity = QLineEdit()
        self.quantity.setPlaceholderText(tr("kosong: diisi tangan saat penyaluran"))
        form.addRow(tr("Layanan"), self.service)
        form.addRow(tr("Komponen"), self.component)
        form.addRow(tr("Kecamatan"), self.kecamatan)
        form.addRow(tr("Desa/Kelurahan"), self.desa)
        form.addRow(tr("Tanggal penyaluran"), self.date)
        form.addRow(tr("Jumlah per orang"), self.quantity)
        layout.addLayout(form)
        self.status = ui_common.muted("")
        layout.addWidget(self.status)
        row = QHBoxLayout()
        row.addStretch(1)
        self.preview_button = ui_common.primary_button(tr("Pratinjau…"), "cetak")
        self.preview_button.clicked.connect(self.preview)
        close = ui_common.button(tr("Tutup"))
        close.clicked.connect(self.reject)
        row.addWidget(self.preview_button)
        row.addWidget(close)
        layout.addLayout(row)
        self.service.currentIndexChanged.connect(self._fill_components)
        self.service.currentIndexChanged.connect(self._fill_desa)
        self.kecamatan.currentIndexChanged.connect(self._fill_desa)
        self.date.dateChanged.connect(self._fill_desa)
        self._fill_components()
        self._fill_desa()

    # --- choices ----------------------------------------------------------------------------
    def _fill_components(self, *_) -> None:
        svc = reference.service(self.ctx.office().level, self.service.currentData())
        self.component.clear()
        for c in svc.components:
            self.component.addItem(c.name, c.code)

    def _fill_desa(self, *_) -> None:
        typed = self.desa.currentText()
        self.desa.clear()
        self.desa.addItem(tr("Semua desa/kelurahan"), ALL)
        for name in report.distribution_desa(self.ctx.ws, self.service.currentData(), self.day().year,
                                             self.kecamatan.currentData()):
            self.desa.addItem(name, name)
        found = self.desa.findText(typed) if typed else 0
        if found >= 0:
            self.desa.setCurrentIndex(found)
        else:
            self.desa.setEditText(typed)

    def day(self) -> _dt.date:
        d = self.date.date()
        return _dt.date(d.year(), d.month(), d.day())

    def chosen_desa(self) -> str | None:
        text = self.desa.currentText().strip()
        if not text or text == tr("Semua desa/kelurahan"):
            return None
        return text

    # --- the PDF ------------------------------------------------------------------------------
    def preview(self) -> None:
        ws, actor = self.ctx.ws, self.ctx.actor
        service, component, kec = self.service.currentData(), self.component.currentData(), self.kecamatan.currentData()
        desa, day, quantity = self.chosen_desa(), self.day(), self.quantity.text().strip()
        folder = Path(tempfile.mkdtemp(prefix="daftar-penerima-"))
        path = folder / f"daftar-penerima-{service}-{component}-{day.isoformat()}.pdf"

        def work(progress):
            progress.set(0, 0, tr("Menyusun daftar penerima…"))
            return path, report.distribution_list(ws, actor, service, component, day.year, path, kec, quantity,
                                                  desa=desa, on=day)

        def failed(exc: BaseException) -> None:
            shutil.rmtree(folder, ignore_errors=True)
            self.preview_button.setEnabled(True)
            ui_common.show_error(self, exc)

        self.preview_button.setEnabled(False)
        self.status.setText(tr("Menyusun daftar penerima…"))
        self.ctx.run_in_background(tr("Cetak daftar penerima"), work, lambda result: self._show(result, folder),
                                   failed)

    def _show(self, result: tuple[Path, int], folder: Path) -> None:
        from kemensos_desk.ui.widgets.pdf_preview import show_preview

        self.preview_button.setEnabled(True)
        self.written = result
        path, n = result
        if n == 0:
            shutil.rmtree(folder, ignore_errors=True)
            self.status.setText(tr("Tidak ada penerima aktif untuk pilihan ini; tidak ada yang dicetak."))
            return
        self.status.setText(tr("{n} penerima dalam daftar.", n=formatting.angka(n)))
        self.preview_dialog = show_preview(self, path, title=tr("Daftar penerima"))
        self.preview_dialog.destroyed.connect(lambda *_: shutil.rmtree(folder, ignore_errors=True))
