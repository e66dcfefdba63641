"""Umum: interface language (personal), paper size and e-mail attachment limit (office)."""
from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QComboBox, QGridLayout, QHBoxLayout, QLabel, QSpinBox, QVBoxLayout, QWidget

from kemensos_desk.core import i18n
from kemensos_desk.core.i18n import tr
from kemensos_desk.services import settings as settings_service
from kemensos_desk.ui import common


class GeneralTab(QWidget):
    def __init__(self, ctx, parent=None):
        super().__init__(parent)
        self.ctx = ctx
        layout = QVBoxLayout(self)
        layout.setContentsMargins(24, 20, 24, 20)
        layout.setSpacing(14)
        self.language = QComboBox()
        for code, name in i18n.LANGUAGES.items():
            self.language.addItem(name, code)
        self.paper = QComboBox()
        self.paper.addItem(tr("A4 (210 × 297 mm)"), "a4")
        self.paper.addItem(tr("F4 / Folio (215 × 330 mm)"), "f4")
        self.email_limit = QSpinBox()
        self.email_limit.setRange(1, 100)
        self.email_limit.setSuffix(" MB")
        self.email_limit.setMaximumWidth(140)
        self.email_limit.lineEdit().setTextMargins(6, 0, 0, 0)
        grid = QGridLayout()
        grid.setHorizontalSpacing(24)
        grid.setVerticalSpacing(16)
        grid.setColumnStretch(1, 1)
        rows = [
            (tr("Bahasa tampilan"), self.language,
             tr("Bahasa berlaku untuk tampilan aplikasi; dokumen resmi tetap berbahasa Indonesia.")),
            (tr("Ukuran kertas"), self.paper, tr("Ukuran bawaan untuk laporan yang dicetak.")),
            (tr("Batas lampiran surel"), self.email_limit,
             tr("Paket yang lebih besar dipecah agar dapat dikirim lewat surel.")),
        ]
        for row, (label_text, widget, hint) in enumerate(rows):
            label = QLabel(label_text)
            label.setObjectName("fieldLabel")
            label.setMinimumWidth(190)
            box = QVBoxLayout()
            box.setSpacing(3)
            box.addWidget(widget)
            note = QLabel(hint)
            note.setObjectName("hint")
            note.setWordWrap(True)
            box.addWidget(note)
            grid.addWidget(label, row, 0, Qt.AlignTop)
            grid.addLayout(box, row, 1)
        holder = QWidget()
        holder.setLayout(grid)
        holder.setMaximumWidth(760)
        layout.addWidget(holder)
        can_edit = ctx.actor.can("settings.edit")
        self.paper.setEnabled(can_edit)
        self.email_limit.setEnabled(can_edit)
        if not can_edit:
            layout.addWidget(common.muted(tr("Ukuran kertas dan batas surel hanya dapat diubah oleh administrator.")))
        row = QHBoxLayout()
        row.addStretch(1)
        self.status = QLabel("")
        self.status.setObjectName("muted")
        row.addWidget(self.status)
        self.save_button = common.primary_button(tr("Simpan"))
        self.save_button.clicked.connect(self.save)
        row.addWidget(self.save_button)
        grid.addLayout(row, len(rows), 1)
        layout.addStretch(1)
        self.load()

    def load(self) -> None:
        ws = self.ctx.ws
        self.language.setCurrentIndex(max(self.language.findData(ws.setting("language")), 0))
        self.paper.setCurrentIndex(max(self.paper.findData(ws.setting("paper")), 0))
        self.email_limit.setValue(int(ws.setting("email_limit_mb") or 10))

    def save(self) -> bool:
        ws, actor = self.ctx.ws, self.ctx.actor
        wanted = {"language": self.language.currentData()}
        if actor.can("settings.edit"):
            wanted.update(paper=self.paper.currentData(), email_limit_mb=self.email_limit.value())
        old_language = ws.setting("language")
        try:
            for key, value in wanted.items():
                if ws.setting(key) != value:
                    settings_service.change(ws, actor, key, value)
        except Exception as exc:
            common.show_error(self, exc)
            return False
        self.ctx.notify("settings")
        self.status.setText(tr("Tersimpan."))
        if wanted["language"] != old_language and not self.ctx.apply_language(wanted["language"]):
            common.inform(self, tr("Bahasa baru dipakai setelah aplikasi dibuka ulang."))
        return True
