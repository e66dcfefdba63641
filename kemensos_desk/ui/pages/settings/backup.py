"""Cadangan: a consistent copy of the office's file, and restoring one (administrators)."""
from __future__ import annotations

import datetime as _dt
from pathlib import Path

from PySide6.QtWidgets import QFileDialog, QHBoxLayout, QLabel, QVBoxLayout, QWidget

from kemensos_desk.core.i18n import tr
from kemensos_desk.services import maintenance
from kemensos_desk.ui import common


class BackupTab(QWidget):
    def __init__(self, ctx, parent=None):
        super().__init__(parent)
        self.ctx = ctx
        layout = QVBoxLayout(self)
        layout.setContentsMargins(24, 20, 24, 20)
        layout.setSpacing(16)

        make = common.Card(tr("Buat cadangan"), "cadangan")
        make.body.addWidget(common.muted(tr(
            "Salinan utuh seluruh data kantor dalam satu berkas. Simpan di flashdisk atau folder bersama, "
            "sebaiknya setiap minggu dan sebelum memperbarui aplikasi.")))
        row = QHBoxLayout()
        self.backup_button = common.primary_button(tr("Buat cadangan…"), "cadangan")
        self.backup_button.clicked.connect(self.choose_backup)
        row.addWidget(self.backup_button)
        row.addStretch(1)
        make.body.addLayout(row)
        self.backup_status = QLabel("")
        self.backup_status.setObjectName("muted")
        self.backup_status.setWordWrap(True)
        self.backup_status.hide()
        make.body.addWidget(self.backup_status)
        layout.addWidget(make)

        self.restore_card = common.Card(tr("Pulihkan dari cadangan"), "pulihkan")
        self.restore_card.body.addWidget(common.muted(tr(
            "Mengganti seluruh data dengan isi berkas cadangan. Data yang ada sekarang dicadangkan dahulu secara "
            "otomatis. Setelah pemulihan, instalasi ini mendapat ID perangkat baru.")))
        row2 = QHBoxLayout()
        self.restore_button = common.button(tr("Pulihkan…"), "pulihkan")
        self.restore_button.setProperty("danger", True)
        self.restore_button.clicked.connect(self.choose_restore)
        row2.addWidget(self.restore_button)
        row2.addStretch(1)
        self.restore_card.body.addLayout(row2)
        self.restore_status = QLabel("")
        self.restore_status.setObjectName("muted")
        self.restore_status.setWordWrap(True)
        self.restore_status.hide()
        self.restore_card.body.addWidget(self.restore_status)
        layout.addWidget(self.restore_card)
        self.restore_card.setVisible(ctx.actor.can("restore"))
        layout.addWidget(common.muted(tr("Folder data: {path}", path=str(ctx.ws.data_dir))))
        layout.addStretch(1)

    def _default_name(self) -> str:
        office = self.ctx.office()
        code = office.region_code.replace(".", "") if office else "kantor"
        return f"cadangan-kemensos-desk-{code}-{_dt.date.today():%Y%m%d}.sqlite"

    def choose_backup(self) -> None:
        start = str(Path.home() / self._default_name())
        path, _ = QFileDialog.getSaveFileName(self, tr("Simpan cadangan"), start, tr("Cadangan Kemensos Desk (*.sqlite)"))
        if path:
            self.backup_to(Path(path))

    def backup_to(self, path: Path) -> None:
        ws, actor = self.ctx.ws, self.ctx.actor

        def done(out):
            self.backup_status.setText(tr("Cadangan tersimpan: {path}", path=str(out)))
            self.backup_status.show()
            self.ctx.notify("audit_log")

        self.ctx.run_in_background(tr("Membuat cadangan"), lambda progress: maintenance.backup(ws, actor, path), done)

    def choose_restore(self) -> None:
        path, _ = QFileDialog.getOpenFileName(self, tr("Pilih berkas cadangan"), str(Path.home()),
                                              tr("Cadangan Kemensos Desk (*.sqlite);;Semua berkas (*)"))
        if path:
            self.restore_from(Path(path))

    def restore_from(self, path: Path) -> bool:
        try:
            found = maintenance.inspect_backup(path)
        except Exception as exc:
            common.show_error(self, exc)
            return False
        if not common.ask(self, tr("Pulihkan data dari cadangan ini?"),
                          tr("Kantor: {name} ({code}). Semua data sekarang diganti; salinannya disimpan dahulu di "
                             "folder cadangan.", name=found["office_name"], code=found["region_code"])):
            return False
        ws, actor = self.ctx.ws, self.ctx.actor

        def done(result):
            restored, safety = result
            self.ctx.replace_workspace(restored)
            self.restore_status.setText(tr("Data dipulihkan. Data sebelumnya disimpan di {path}", path=str(safety)))
            self.restore_status.show()
            common.inform(self, tr("Data berhasil dipulihkan."))

        self.ctx.run_in_background(tr("Memulihkan cadangan"), lambda progress: maintenance.restore(ws, actor, path), done)
        return True
