"""Impor paket: files or a whole folder, imported off the GUI thread (progress, Batal),
then a summary row per bundle."""
from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QLabel, QWidget

from kemensos_desk.core import formatting
from kemensos_desk.core.i18n import tr
from kemensos_desk.ministry import importer
from kemensos_desk.ui import common, tasks
from kemensos_desk.ui.ministry import widgets
from kemensos_desk.ui.widgets import empty_state, full_text

COLUMNS = ("Nama berkas", "Kantor", "No. urut", "Status", "Keterangan", "Baru", "Diperbarui", "Tetap")
STATUS = {"imported": ("diimpor", "#c6efce"), "unchanged": ("tidak berubah", "#ededed"),
          "refused": ("ditolak", "#ffc7ce"), "pending": ("menunggu verifikasi", "#ffeb9c")}


def status_label(status: str) -> str:
    return tr(STATUS[status][0]) if status in STATUS else status


class ImportPage(QWidget):
    imported = Signal()  # the other pages refresh

    def __init__(self, store, parent=None):
        super().__init__(parent)
        self.store = store
        self.outcomes: list[importer.ImportOutcome] = []
        self.searched = False
        layout = widgets.page_layout(self, tr("Impor paket"), tr(
            "Paket dari kantor daerah, satu per satu atau sekaligus satu folder (bagian-bagian paket disatukan "
            "kembali). Setiap paket diperiksa tanda tangan, kunci dan isinya; paket yang ditolak tidak menulis "
            "apa pun."))
        card = common.Card(tr("Pilih paket"), "sinkronisasi")
        self.files_button = common.primary_button(tr("Pilih berkas…"), "tambah")
        self.files_button.clicked.connect(self.choose_files)
        self.folder_button = common.button(tr("Impor satu folder…"), "cadangan")
        self.folder_button.clicked.connect(self.choose_folder)
        card.body.addLayout(widgets.toolbar(self.files_button, self.folder_button))
        self.summary = QLabel(tr("Belum ada paket yang diimpor dalam sesi ini."))
        self.summary.setWordWrap(True)
        card.body.addWidget(self.summary)
        layout.addWidget(card)
        self.table = widgets.table([tr(c) for c in COLUMNS], stretch=4)
        layout.addWidget(self.table, 1)
        self.empty_state = empty_state.attach(self.table, lambda: tr(
            "Tidak ada paket ditemukan di pilihan itu.") if self.searched else tr(
            "Belum ada paket yang diimpor dalam sesi ini. Pilih berkas atau satu folder berisi paket."))

    def choose_files(self) -> None:
        paths = widgets.choose_files(self, tr("Pilih paket yang akan diimpor"))
        if paths:
            self.start_import(paths)

    def choose_folder(self) -> None:
        folder = widgets.choose_folder(self, tr("Pilih folder berisi paket"))
        if folder:
            self.start_import([folder])

    def start_import(self, paths: list[Path], show_dialog: bool = True) -> None:
        def work(progress):
            def step(done, total, name):
                progress.set(done, total, tr("Mengimpor {name} ({n} dari {m})…", name=name, n=done + 1, m=total))
                return progress.cancelled
            return importer.import_paths(self.store, paths, progress=step)

        tasks.run_in_background(self, tr("Mengimpor paket…"), work, self.show_outcomes,
                                lambda exc: common.show_error(self, exc), show_dialog=show_dialog)

    def show_outcomes(self, outcomes: list[importer.ImportOutcome]) -> None:
        self.outcomes = list(outcomes)
        self.searched = True
        rows = []
        for o in self.outcomes:
            label, colour = STATUS.get(o.status, (o.status, None))
            reason = o.reason or (tr("ada nomor urut yang terlewat") if o.gap else "")
            rows.append([widgets.cell(o.file), widgets.cell(o.office or "–"),
                         widgets.cell(o.sequence if o.sequence is not None else "–", align_right=True),
                         widgets.cell(tr(label), colour=colour, bold=o.status == "refused"),
                         widgets.cell(reason, tip=reason),
                         widgets.cell(formatting.angka(o.new), align_right=True),
                         widgets.cell(formatting.angka(o.updated), align_right=True),
                         widgets.cell(formatting.angka(o.unchanged), align_right=True)])
        widgets.fill(self.table, rows)
        full_text.show_full_text(self.table)  # a refusal reason in full, wrapped
        self.empty_state.update()
        counts = {k: sum(1 for o in self.outcomes if o.status == k) for k in STATUS}
        if not self.outcomes:
            self.summary.setText(tr("Tidak ada paket ditemukan."))
        else:
            text = tr("{n} paket: {i} diimpor, {u} tidak berubah, {r} ditolak.", n=len(self.outcomes),
                      i=counts["imported"], u=counts["unchanged"], r=counts["refused"])
            if counts["pending"]:
                text += " " + tr("{p} menunggu verifikasi kunci kantor ('ministry pending').", p=counts["pending"])
            self.summary.setText(text)
        self.imported.emit()
