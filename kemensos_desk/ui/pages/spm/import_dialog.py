"""Import an Excel list (register or distribution list): choose the file → check it in the
background → see N new / N updated / N refused with the reasons → confirm → save in the
background, all valid rows in one transaction (issue 4: nothing is written before the
operator has seen the preview and confirmed).
"""
from __future__ import annotations

import datetime as _dt
from pathlib import Path

from PySide6.QtCore import QSize, Qt
from PySide6.QtWidgets import (QAbstractItemView, QCheckBox, QComboBox, QDialog, QFileDialog, QFormLayout, QHBoxLayout,
                               QLabel, QLineEdit, QSpinBox, QTableWidget, QTableWidgetItem, QVBoxLayout)

from kemensos_desk.core import formatting
from kemensos_desk.core.i18n import tr
from kemensos_desk.services import importing
from kemensos_desk.services.spm import reference
from kemensos_desk.services.spm.importing import BeneficiaryImporter
from kemensos_desk.services.spm.importing_deliveries import DeliveryImporter
from kemensos_desk.ui import common as ui_common, fit
from kemensos_desk.ui.table_columns import fit_columns
from kemensos_desk.ui.widgets import empty_state, full_text

KINDS = {"beneficiaries": (BeneficiaryImporter, "Impor daftar penerima dari Excel", "spm_beneficiary"),
         "deliveries": (DeliveryImporter, "Impor daftar penyaluran dari Excel", "spm_delivery")}


class ImportDialog(QDialog):
    def __init__(self, ctx, kind: str = "beneficiaries", service: str | None = None, year: int | None = None,
                 parent=None):
        super().__init__(parent or ctx.window)
        self.ctx, self.kind = ctx, kind
        self.table: importing.Table | None = None
        self.preview: importing.ImportResult | None = None
        self.saved: importing.ImportResult | None = None
        self.setWindowTitle(tr(KINDS[kind][1]))
        fit.fit_dialog(self, QSize(900, 600))
        layout = QVBoxLayout(self)
        layout.addWidget(ui_common.heading(tr(KINDS[kind][1]), 2))
        form = QFormLayout()
        self.service = QComboBox()
        for svc in reference.services_for(ctx.office().level):
            if not svc.is_disaster:
                self.service.addItem(svc.target_group, svc.code)
        if service:
            self.service.setCurrentIndex(max(0, self.service.findData(service)))
        self.year = QSpinBox()
        self.year.setRange(2015, 2100)
        self.year.setValue(year or _dt.date.today().year)
        path_row = QHBoxLayout()
        self.path = QLineEdit()
        self.path.setPlaceholderText(tr("Pilih berkas .xlsx atau .xls"))
        browse = ui_common.button(tr("Pilih berkas…"))
        browse.clicked.connect(self._browse)
        template = ui_common.button(tr("Unduh templat"))
        template.clicked.connect(self._save_template)
        path_row.addWidget(self.path, 1)
        path_row.addWidget(browse)
        path_row.addWidget(template)
        form.addRow(tr("Layanan"), self.service)
        form.addRow(tr("Tahun"), self.year)
        form.addRow(tr("Berkas"), path_row)
        layout.addLayout(form)
        self.summary = QLabel(tr("Pilih berkas, lalu tekan Periksa. Belum ada yang disimpan."))
        self.summary.setWordWrap(True)
        self.summary.setStyleSheet("font-weight: 600;")
        layout.addWidget(self.summary)
        self.problems = QTableWidget(0, 4)
        self.problems.setHorizontalHeaderLabels([tr("Baris"), tr("Kolom"), tr("Isi sel"), tr("Alasan")])
        self.problems.verticalHeader().setVisible(False)
        self.problems.setEditTriggers(QAbstractItemView.NoEditTriggers)
        self.problems.setWordWrap(True)
        layout.addWidget(self.problems, 1)
        self.empty_state = empty_state.attach(self.problems, lambda: tr(
            "Tidak ada baris yang ditolak.") if self.preview is not None else tr(
            "Alasan baris yang ditolak tampil di sini setelah berkas diperiksa."))
        self.accept_valid = QCheckBox(tr("Simpan baris yang sah saja; baris yang ditolak tidak disimpan"))
        self.accept_valid.setVisible(False)
        self.accept_valid.toggled.connect(self._update_buttons)
        layout.addWidget(self.accept_valid)
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        self.check_button = ui_common.button(tr("Periksa"))
        self.check_button.clicked.connect(self.check)
        self.save_button = ui_common.primary_button(tr("Simpan"))
        self.save_button.clicked.connect(self.save)
        close = ui_common.button(tr("Tutup"))
        close.clicked.connect(self.reject)
        for b in (self.check_button, self.save_button, close):
            buttons.addWidget(b)
        layout.addLayout(buttons)
        for w in (self.service, self.year, self.path):
            signal = w.currentIndexChanged if isinstance(w, QComboBox) else (
                w.valueChanged if isinstance(w, QSpinBox) else w.textChanged)
            signal.connect(self._forget)
        self._update_buttons()

    # --- helpers --------------------------------------------------------------------------------
    def importer(self):
        return KINDS[self.kind][0](self.service.currentData(), self.year.value())

    def _browse(self) -> None:
        path, _ = QFileDialog.getOpenFileName(self, tr("Pilih berkas Excel"), "", tr("Lembar kerja (*.xlsx *.xlsm *.xls)"))
        if path:
            self.path.setText(path)

    def _save_template(self) -> None:
        from kemensos_desk.services.spm import template

        name = f"templat_{'penerima' if self.kind == 'beneficiaries' else 'penyaluran'}_{self.service.currentData()}.xlsx"
        path, _ = QFileDialog.getSaveFileName(self, tr("Simpan templat"), name, tr("Lembar kerja (*.xlsx)"))
        if not path:
            return
        try:
            template.write_template(self.ctx.ws, self.ctx.actor, self.service.currentData(), Path(path), self.kind)
        except Exception as exc:  # shown in Indonesian words; bugs go to the log
            ui_common.show_error(self, exc)
        else:
            ui_common.inform(self, tr("Templat ditulis ke {file}.", file=path))

    def _forget(self, *_args) -> None:
        """Any change of file, service or year makes the preview stale."""
        self.table = self.preview = None
        self.problems.setRowCount(0)
        self.accept_valid.setVisible(False)
        self.accept_valid.setChecked(False)
        self.summary.setText(tr("Pilih berkas, lalu tekan Periksa. Belum ada yang disimpan."))
        self._update_buttons()

    def _update_buttons(self, *_args) -> None:
        p = self.preview
        self.check_button.setEnabled(bool(self.path.text().strip()))
        self.save_button.setEnabled(bool(p and (p.new or p.updated) and (not p.refused or self.accept_valid.isChecked())))

    # --- check and save -----------------------------------------------------------------------
    def check(self) -> None:
        path, importer, ctx = Path(self.path.text().strip()), self.importer(), self.ctx

        def work(progress):
            progress.set(0, 0, tr("Membaca {file}…", file=path.name))
            table = importing.read_table(path, importer.columns)
            progress.set(0, 0, tr("Memeriksa {n} baris…", n=formatting.angka(len(table.rows))))
            return table, importing.run_import(ctx.ws, ctx.actor, importer, table=table, dry_run=True,
                                               accept_valid=True)

        self.check_button.setEnabled(False)
        ctx.run_in_background(tr("Memeriksa berkas"), work, self._show_preview, self._failed)

    def _failed(self, exc: BaseException) -> None:
        self._update_buttons()
        ui_common.show_error(self, exc)

    def _show_preview(self, outcome) -> None:
        self.table, self.preview = outcome
        p = self.preview
        refused_rows = len({r.row for r in p.refused})
        text = tr("{file}: {rows} baris data. {new} baru, {updated} diperbarui, {unchanged} tetap, {refused} baris "
                  "ditolak.", file=Path(p.file).name, rows=formatting.angka(p.rows), new=formatting.angka(p.new),
                  updated=formatting.angka(p.updated), unchanged=formatting.angka(p.unchanged),
                  refused=formatting.angka(refused_rows))
        if p.refused:
            text += " " + tr("Tanpa persetujuan Anda, tidak ada yang disimpan selama ada baris yang ditolak.")
        self.summary.setText(text)
        rows = [(r, False) for r in p.refused] + [(w, True) for w in p.warnings]
        self.problems.setRowCount(len(rows))
        for i, (r, warning) in enumerate(rows):
            reason = (tr("Peringatan: ") if warning else "") + str(r.reason)
            for c, value in enumerate(('' if r.row is None else str(r.row), r.column, r.value, reason)):
                item = QTableWidgetItem(value)
                item.setToolTip(value)
                if c == 0:
                    item.setTextAlignment(Qt.AlignRight | Qt.AlignVCenter)
                if warning:
                    item.setForeground(Qt.darkYellow)
                self.problems.setItem(i, c, item)
        fit_columns(self.problems, "spm/impor-masalah", names=(2, 3), wrap=True)  # whole reasons, wrapped
        full_text.show_full_text(self.problems)  # every reason in full, wrapped; never cut with "…"
        self.empty_state.update()
        self.accept_valid.setVisible(bool(p.refused))
        self._update_buttons()

    def save(self) -> None:
        p = self.preview
        if p is None:
            return
        question = tr("Simpan {new} penerima baru dan perbarui {updated}?", new=formatting.angka(p.new),
                      updated=formatting.angka(p.updated)) if self.kind == "beneficiaries" else tr(
            "Simpan {new} penyaluran baru dan perbarui {updated}?", new=formatting.angka(p.new),
            updated=formatting.angka(p.updated))
        if not ui_common.ask(self, question, tr("Semua baris yang sah disimpan sekaligus dalam satu transaksi.")):
            return
        table, importer, ctx, accept_valid = self.table, self.importer(), self.ctx, self.accept_valid.isChecked()

        def work(progress):
            progress.set(0, 0, tr("Menyimpan…"))
            return importing.run_import(ctx.ws, ctx.actor, importer, table=table, accept_valid=accept_valid)

        self.save_button.setEnabled(False)
        ctx.run_in_background(tr("Menyimpan impor"), work, self._saved, self._failed)

    def _saved(self, result: importing.ImportResult) -> None:
        self.saved = result
        self.ctx.notify({KINDS[self.kind][2], "spm_entitlement"})
        ui_common.inform(self, tr("{new} baru dan {updated} diperbarui tersimpan.", new=formatting.angka(result.new),
                                  updated=formatting.angka(result.updated)))
        self.accept()
