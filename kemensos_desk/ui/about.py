"""Tentang Kemensos Desk: the version, where the data lives, and the technical lines that
do not belong on Beranda (the database's record counts, the schema version, the device id)."""
from __future__ import annotations

from PySide6.QtCore import QSize, Qt
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QGridLayout, QLabel, QVBoxLayout

from kemensos_desk import __version__
from kemensos_desk.core import formatting
from kemensos_desk.core.i18n import tr
from kemensos_desk.services import maintenance
from kemensos_desk.ui import common, fit


class AboutDialog(QDialog):
    def __init__(self, ctx, parent=None):
        super().__init__(parent)
        self.ctx = ctx
        self.counts: dict | None = None
        self.setWindowTitle(tr("Tentang Kemensos Desk"))
        layout = QVBoxLayout(self)
        layout.setSpacing(10)
        layout.addWidget(common.heading(tr("Kemensos Desk {version}", version=__version__)))
        layout.addWidget(common.muted(tr(
            "Aplikasi pelaporan Dinas Sosial kepada Kementerian Sosial: SPM, dekonsentrasi dan tugas "
            "pembantuan, bahan Rakor, dan sinkronisasi data.")))
        folder = QLabel(tr("Folder data: {path}", path=str(ctx.ws.data_dir)))
        folder.setWordWrap(True)
        folder.setTextInteractionFlags(Qt.TextSelectableByMouse)
        layout.addWidget(folder)
        self.card = common.Card(tr("Isi basis data"), "cadangan")
        layout.addWidget(fit.scroll_body(self.card), 1)
        # Counting every kind of record reads large tables: off the GUI thread.
        common.fill_later(self.card, lambda: maintenance.info(ctx.ws), self._fill)
        buttons = QDialogButtonBox(QDialogButtonBox.Close)
        buttons.button(QDialogButtonBox.Close).setText(tr("Tutup"))
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)
        fit.fit_dialog(self, QSize(560, 560))  # room for the counts that arrive a moment later

    def _fill(self, info: dict) -> None:
        from kemensos_desk.ui.pages.dashboard import HIDDEN_KINDS, kind_label

        grid = QGridLayout()
        grid.setHorizontalSpacing(18)
        grid.setVerticalSpacing(6)
        grid.setColumnStretch(1, 1)
        shown = [(k, v) for k, v in info["counts"].items() if k not in HIDDEN_KINDS]
        shown.sort(key=lambda kv: (kv[0] == "audit_log", -kv[1], kv[0]))
        for i, (kind, n) in enumerate(shown):
            number = QLabel(formatting.angka(n))
            number.setAlignment(Qt.AlignRight | Qt.AlignVCenter)
            label = QLabel(kind_label(kind))
            label.setObjectName("statLabel")
            grid.addWidget(number, i, 0)
            grid.addWidget(label, i, 1)
        self.card.body.addLayout(grid)
        lines = [tr("Versi skema {v}", v=info["schema_version"])]
        if info.get("device_id"):
            lines.append(tr("Perangkat {id}", id=info["device_id"]))
        technical = common.muted(" · ".join(lines))
        technical.setTextInteractionFlags(Qt.TextSelectableByMouse)
        self.card.body.addWidget(technical)
        self.counts = info["counts"]
