"""Documentation of an RO's activity in the chosen month (photos, scanned PDFs): listed with
name, size and date; added through a file dialog (types and size cap from the reference
data), opened with the system viewer, removed (tombstone) after confirmation."""
from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (QFileDialog, QHBoxLayout, QLineEdit, QTableWidget, QTableWidgetItem,
                               QVBoxLayout, QWidget)

from kemensos_desk.core import formatting
from kemensos_desk.core.i18n import tr
from kemensos_desk.services.dekon import attachments, reference
from kemensos_desk.ui import common as ui_common
from kemensos_desk.ui.pages.dekon import dialogs
from kemensos_desk.ui.table_columns import fit_columns


def size_text(size: int) -> str:
    if size >= 1024 * 1024:
        return tr("{n} MB", n=formatting.angka(size / (1024 * 1024), 1))
    return tr("{n} KB", n=formatting.angka(max(1, round(size / 1024))))


class AttachmentsPanel(QWidget):
    HEADERS = ("Nama berkas", "Ukuran", "Ditambahkan", "Keterangan")

    def __init__(self, ctx, current, parent=None):
        """``current()`` gives (year, RO code or None, month) of the monthly entry."""
        super().__init__(parent)
        self.ctx, self.current, self.rows = ctx, current, []
        layout = QVBoxLayout(self)
        limit = reference.attachment_limit_bytes() // (1024 * 1024)
        kinds = ", ".join(e.lstrip(".").upper() for e in reference.attachment_extensions())
        self.caption = ui_common.muted("")
        layout.addWidget(self.caption)
        layout.addWidget(ui_common.muted(tr("Foto atau pindaian PDF ({kinds}), paling besar {limit} MB per berkas.",
                                            kinds=kinds, limit=limit)))
        self.table = QTableWidget(0, len(self.HEADERS))
        self.table.setObjectName("attachmentTable")
        self.table.setHorizontalHeaderLabels([tr(h) for h in self.HEADERS])
        self.table.verticalHeader().setVisible(False)
        self.table.setEditTriggers(QTableWidget.NoEditTriggers)
        self.table.setSelectionBehavior(QTableWidget.SelectRows)
        layout.addWidget(self.table, 1)
        self.note = QLineEdit()
        self.note.setPlaceholderText(tr("Keterangan berkas berikutnya (boleh kosong), mis. Pembukaan bimtek"))
        layout.addWidget(self.note)
        bar = QHBoxLayout()
        self.add_button = ui_common.primary_button(tr("Tambah berkas…"), "tambah")
        self.open_button = ui_common.button(tr("Buka"))
        self.remove_button = ui_common.button(tr("Hapus"))
        self.add_button.setEnabled(ctx.actor.can("data.edit"))
        self.remove_button.setEnabled(ctx.actor.can("data.edit"))
        for b in (self.add_button, self.open_button, self.remove_button):
            bar.addWidget(b)
        bar.addStretch(1)
        layout.addLayout(bar)
        self.add_button.clicked.connect(self.choose_file)
        self.open_button.clicked.connect(self.open_selected)
        self.remove_button.clicked.connect(self.remove_selected)
        self.table.doubleClicked.connect(lambda *_: self.open_selected())

    def refresh(self) -> None:
        year, ro, month = self.current()
        self.rows = attachments.list_for(self.ctx.ws, year, ro, month) if ro else []
        self.caption.setText(tr("Dokumentasi {ro} bulan {month}: {n} berkas", ro=ro or formatting.KOSONG,
                                month=formatting.nama_bulan(month), n=len(self.rows)))
        self.table.setRowCount(len(self.rows))
        for r, a in enumerate(self.rows):
            cells = (a["name"], size_text(a["size"]), ui_common.local_time_text(a["added_at"]),
                     a["caption"] or formatting.KOSONG)
            for c, text in enumerate(cells):
                item = QTableWidgetItem(text)
                if c == 1:
                    item.setTextAlignment(Qt.AlignRight | Qt.AlignVCenter)
                self.table.setItem(r, c, item)
        fit_columns(self.table, "dekon/dokumentasi", names=(0, 3))

    def choose_file(self) -> bool:
        patterns = " ".join(f"*{e}" for e in reference.attachment_extensions())
        path, _ = QFileDialog.getOpenFileName(self, tr("Pilih foto atau PDF"), "", tr("Dokumentasi ({patterns})",
                                                                                     patterns=patterns))
        return self.add_file(path) if path else False

    def add_file(self, path) -> bool:
        year, ro, month = self.current()
        if ro is None:
            return False
        try:
            attachments.add(self.ctx.ws, self.ctx.actor, year, ro, month, path, self.note.text().strip() or None)
        except Exception as exc:
            ui_common.show_error(self, exc)
            return False
        self.note.clear()
        self.ctx.notify("dekon_attachments")
        self.refresh()
        return True

    def _selected(self) -> dict | None:
        r = self.table.currentRow()
        return self.rows[r] if 0 <= r < len(self.rows) else None

    def open_selected(self) -> bool:
        a = self._selected()
        if a is None:
            return False
        if not a["path"].is_file():
            ui_common.warn(self, tr("Berkas {name} tidak ditemukan di folder data.", name=a["name"]),
                           title=tr("Dokumentasi"))
            return False
        return bool(dialogs.open_file(a["path"]))

    def remove_selected(self) -> bool:
        a = self._selected()
        if a is None:
            return False
        if not ui_common.ask(self, tr("Hapus dokumentasi {name}?", name=a["name"]), title=tr("Dokumentasi")):
            return False
        try:
            attachments.remove(self.ctx.ws, self.ctx.actor, a["id"])
        except Exception as exc:
            ui_common.show_error(self, exc)
            return False
        self.ctx.notify("dekon_attachments")
        self.refresh()
        return True
