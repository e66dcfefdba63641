"""Aturan: the rules in force (built-in or a ministry pack), the packs imported, importing one.

A pack changes bands, weights and components at once: every view is told to refresh.
"""
from __future__ import annotations

import datetime as _dt
from pathlib import Path

from PySide6.QtWidgets import (QAbstractItemView, QFileDialog, QHBoxLayout, QHeaderView, QLabel, QTableWidget,
                               QTableWidgetItem, QVBoxLayout, QWidget)

from kemensos_desk.core import formatting, rules
from kemensos_desk.core.i18n import tr
from kemensos_desk.services import rules_packs
from kemensos_desk.ui import common


def _date(iso: str) -> str:
    try:
        return formatting.tanggal(_dt.date.fromisoformat(iso))
    except (TypeError, ValueError):
        return iso or formatting.KOSONG


class RulesTab(QWidget):
    def __init__(self, ctx, parent=None):
        super().__init__(parent)
        self.ctx = ctx
        layout = QVBoxLayout(self)
        layout.setContentsMargins(24, 20, 24, 20)
        layout.setSpacing(16)

        now = common.Card(tr("Aturan yang berlaku"), "perisai")
        self.version_label = QLabel("")
        self.version_label.setObjectName("h2")
        self.version_label.setWordWrap(True)
        now.body.addWidget(self.version_label)
        self.note_label = common.muted("")
        now.body.addWidget(self.note_label)
        now.body.addWidget(common.muted(tr(
            "Aturan (layanan dan komponen SPM, bobot, kategori capaian, jenis bencana, ambang dekon, kode wilayah "
            "lama) dapat diperbarui Kementerian Sosial dengan paket aturan bertanda tangan, tanpa pemasangan ulang. "
            "Paket juga diterima otomatis bersama tanda terima dari kementerian.")))
        row = QHBoxLayout()
        self.import_button = common.primary_button(tr("Impor paket aturan…"), "pulihkan")
        self.import_button.clicked.connect(self.choose_pack)
        self.import_button.setVisible(ctx.actor.can("settings.edit"))
        row.addWidget(self.import_button)
        row.addStretch(1)
        now.body.addLayout(row)
        self.status = QLabel("")
        self.status.setObjectName("muted")
        self.status.setWordWrap(True)
        self.status.hide()
        now.body.addWidget(self.status)
        layout.addWidget(now)

        history = common.Card(tr("Riwayat paket aturan"), "audit")
        self.table = QTableWidget(0, 5)
        self.table.setHorizontalHeaderLabels([tr("Versi"), tr("Berlaku"), tr("Diimpor"), tr("Oleh"), tr("Catatan")])
        self.table.setEditTriggers(QAbstractItemView.NoEditTriggers)
        self.table.setSelectionBehavior(QAbstractItemView.SelectRows)
        self.table.verticalHeader().setVisible(False)
        self.table.horizontalHeader().setSectionResizeMode(4, QHeaderView.Stretch)
        history.body.addWidget(self.table)
        self.empty = common.muted(tr("Belum ada paket aturan yang diimpor; aturan bawaan aplikasi yang berlaku."))
        history.body.addWidget(self.empty)
        layout.addWidget(history)
        layout.addStretch(1)
        self.refresh()

    def refresh(self) -> None:
        doc = rules.in_force()
        source = tr("bawaan aplikasi") if doc.source == rules.SOURCE_BUILT_IN else tr("paket kementerian")
        self.version_label.setText(tr("Versi {v} ({source}), berlaku {date}", v=doc.version, source=source,
                                      date=_date(doc.effective)))
        self.note_label.setText(doc.note)
        rows = rules_packs.history(self.ctx.ws)
        self.table.setRowCount(len(rows))
        for i, h in enumerate(rows):
            via = tr("tanda terima") if h["via"] == "receipt" else tr("berkas")
            cells = [h["version"] + (" ✓" if h["in_force"] else ""), _date(h["effective"]),
                     f"{common.local_time_text(h['imported_at'])} ({via})", h["imported_by"] or formatting.KOSONG,
                     h["note"]]
            for j, text in enumerate(cells):
                self.table.setItem(i, j, QTableWidgetItem(text))
        self.table.resizeColumnsToContents()
        shown = min(len(rows), 6)  # the card grows with the history, up to six rows, then scrolls
        self.table.setFixedHeight(self.table.horizontalHeader().sizeHint().height() + 2 * self.table.frameWidth()
                                  + sum(self.table.rowHeight(r) for r in range(shown)))
        self.table.setVisible(bool(rows))
        self.empty.setVisible(not rows)

    def choose_pack(self) -> None:
        path, _ = QFileDialog.getOpenFileName(self, tr("Pilih paket aturan"), str(Path.home()),
                                              tr("Paket aturan Kemensos Desk (*.kdrules);;Semua berkas (*)"))
        if path:
            self.import_from(Path(path))

    def import_from(self, path: Path) -> bool:
        """Import one pack; a refusal is shown and changes nothing."""
        try:
            result = rules_packs.import_pack_file(self.ctx.ws, self.ctx.actor, path)
        except Exception as exc:
            common.show_error(self, exc)
            return False
        if result["status"] == rules_packs.ALREADY:
            text = tr("Paket aturan versi {v} sudah berlaku; tidak ada yang diubah.", v=result["version"])
        else:
            text = tr("Paket aturan versi {v} diimpor dan berlaku mulai sekarang (sebelumnya versi {old}).",
                      v=result["version"], old=result["previous_version"])
        self.status.setText(text)
        self.status.show()
        self.refresh()
        self.ctx.notify("*")  # bands, weights and components changed for every view
        return True
