"""The Rakor page: the checklist of the five parts with completeness, the countdown to the
deadline, an editor per part, preview/print, .xlsx export and the verifikator's approval."""
from __future__ import annotations

import datetime as _dt
import shutil
import tempfile
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (QFileDialog, QLabel, QListWidget, QListWidgetItem, QSpinBox,
                               QStackedWidget, QVBoxLayout, QWidget)

from kemensos_desk.core import rakor as rules
from kemensos_desk.core.errors import KemensosError
from kemensos_desk.core.i18n import tr
from kemensos_desk.services.rakor import material
from kemensos_desk.ui import common
from kemensos_desk.ui.pages.rakor.editors import CapaianView, IssuesEditor, ProposalsEditor, RenstraEditor
from kemensos_desk.ui.widgets.flow_layout import FlowLayout
from kemensos_desk.ui.widgets.side_by_side import SideBySide

KINDS = {"rakor_renstra", "rakor_drafts", "rakor_proposals", "rakor_issues"}


def default_year(today: _dt.date) -> int:
    """The Rakor being prepared: this year's until its deadline has passed, then next year's."""
    return today.year if today <= rules.deadline(today.year) else today.year + 1


def _ask_path(parent, title: str, suggested: str, pattern: str) -> str:
    path, _ = QFileDialog.getSaveFileName(parent, title, suggested, pattern)
    return path


class RakorPage(QWidget):
    def __init__(self, ctx, today: _dt.date | None = None, parent=None):
        super().__init__(parent)
        self.ctx = ctx
        self.today = today or _dt.date.today()
        self.doc: dict | None = None
        self.setObjectName("page")
        layout = QVBoxLayout(self)
        layout.setContentsMargins(32, 26, 32, 24)
        layout.setSpacing(12)
        layout.addWidget(common.heading(tr("Bahan Rakor Perencanaan Kesejahteraan Sosial")))
        top = FlowLayout(spacing=10)  # wraps on a narrow window
        top.addWidget(QLabel(tr("Rakor tahun")))
        self.year = QSpinBox()
        self.year.setRange(2015, 2100)
        self.year.setValue(default_year(self.today))
        self.year.valueChanged.connect(lambda _v: self.reload())
        top.addWidget(self.year)
        self.scope = common.muted("", wrap=False)
        top.addWidget(self.scope)
        self.countdown = QLabel("")
        self.countdown.setObjectName("h2")
        top.addWidget(self.countdown)
        layout.addLayout(top)
        self.state = QLabel("")
        layout.addWidget(self.state)

        # The checklist beside the editor on a wide window, above it on a 1024-pixel laptop.
        body = SideBySide(980)
        left_panel = QWidget()
        left = QVBoxLayout(left_panel)
        left.setContentsMargins(0, 0, 0, 0)
        left.addWidget(common.heading(tr("Bagian"), 2))
        self.checklist = QListWidget()
        self.checklist.setObjectName("rakorChecklist")
        self.checklist.setMinimumWidth(300)
        self.checklist.setMaximumWidth(380)
        self.checklist.setWordWrap(True)
        self.checklist.currentRowChanged.connect(lambda r: self.stack.setCurrentIndex(max(r, 0)))
        left.addWidget(self.checklist, 1)
        body.add(left_panel)
        self.editors = [RenstraEditor(), CapaianView("dekon"), CapaianView("spm"), ProposalsEditor(), IssuesEditor()]
        self.stack = QStackedWidget()
        for e in self.editors:
            self.stack.addWidget(e)
        body.add(self.stack, 1)
        layout.addWidget(body, 1)

        buttons = FlowLayout()
        self.save_button = common.primary_button(tr("Simpan bagian ini"), "centang")
        self.save_button.clicked.connect(self.save_current)
        self.preview_button = common.button(tr("Pratinjau dan cetak…"), "cetak")
        self.preview_button.clicked.connect(self.preview)
        self.xlsx_button = common.button(tr("Ekspor usulan (.xlsx)…"))
        self.xlsx_button.clicked.connect(self.export_xlsx)
        self.approve_button = common.button(tr("Setujui versi akhir"), "kunci")
        self.approve_button.clicked.connect(self.approve)
        for b in (self.save_button, self.preview_button, self.xlsx_button):
            buttons.addWidget(b)
        buttons.addWidget(self.approve_button)
        layout.addLayout(buttons)
        ctx.changed.connect(self._on_changed)
        self.reload()
        self.checklist.setCurrentRow(0)

    # -- data ----------------------------------------------------------------------------------
    def _on_changed(self, kinds) -> None:
        if getattr(self, "_own_save", False):
            return  # save_current reloads the saved part only; other parts may hold unsaved edits
        if "*" in kinds or kinds & KINDS or any(k.startswith(("spm", "dekon")) for k in kinds):
            self.reload()

    def reload(self, only: int | None = None) -> None:
        year = self.year.value()
        self.doc = material.material(self.ctx.ws, year)
        st = material.status(self.ctx.ws, year, self.today)
        approved = st["status"] == "approved"
        editable = not approved and self.ctx.actor.can("data.edit")
        self.scope.setText(tr("capaian {prev} · usulan {next}", prev=year - 1, next=year + 1))
        self.countdown.setText(st["countdown"])
        self.countdown.setProperty("late", st["days_left"] < 0)
        if approved:
            self.state.setText(tr("Disetujui oleh {who}; angka dibekukan sesuai versi yang disetujui.",
                                  who=st["approved_by"]))
        else:
            done = sum(p["complete"] for p in st["parts"])
            self.state.setText(tr("Rancangan: {done} dari {n} bagian lengkap.", done=done, n=len(st["parts"])))
        row = max(self.checklist.currentRow(), 0)
        self.checklist.clear()
        for p in st["parts"]:
            mark = "✓" if p["complete"] else "○"
            title = rules.part_title_shown(p["key"], year)
            item = QListWidgetItem(f"{mark}  {title}\n     {p['percent']}% " + tr("lengkap"))
            item.setToolTip("\n".join(p["missing"]) or tr("Lengkap"))
            item.setForeground(Qt.darkGreen if p["complete"] else Qt.darkYellow)
            self.checklist.addItem(item)
        self.checklist.setCurrentRow(row)
        for i, e in enumerate(self.editors):
            if only is None or i == only:
                e.load(self.doc, editable)
        self.save_button.setEnabled(editable)
        self.approve_button.setVisible(self.ctx.actor.can("data.approve"))
        self.approve_button.setEnabled(not approved and st["complete"])
        self.parts = st["parts"]

    # -- actions -------------------------------------------------------------------------------
    def save_current(self) -> bool:
        index = self.stack.currentIndex()
        try:
            self.editors[index].save(self.ctx, self.year.value())
        except KemensosError as exc:
            common.show_error(self, exc)
            return False
        self._own_save = True
        try:
            self.ctx.notify(KINDS)  # other pages (Beranda) refresh; this one below
        finally:
            self._own_save = False
        self.reload(only=index)
        return True

    def approve(self) -> None:
        if not common.ask(self, tr("Setujui bahan Rakor {year}? Angka capaian dibekukan dan bahan tidak dapat "
                                   "diubah lagi kecuali dibuka kembali oleh administrator.", year=self.year.value())):
            return
        try:
            material.approve(self.ctx.ws, self.ctx.actor, self.year.value())
        except KemensosError as exc:
            common.show_error(self, exc)
            return
        self.ctx.notify(KINDS)

    def write_pdf(self, path: Path) -> Path:
        from kemensos_desk.services.rakor import pdf

        return pdf.write_pdf(self.ctx.ws, self.year.value(), path, paper=self.ctx.ws.setting("paper") or "a4")

    def preview(self):
        folder = Path(tempfile.mkdtemp(prefix="rakor-"))
        try:
            path = self.write_pdf(folder / f"bahan-rakor-{self.year.value()}.pdf")
        except KemensosError as exc:
            shutil.rmtree(folder, ignore_errors=True)
            common.show_error(self, exc)
            return None
        from kemensos_desk.ui.widgets.pdf_preview import show_preview

        dialog = show_preview(self, path, title=tr("Bahan Rakor {year}", year=self.year.value()))
        dialog.destroyed.connect(lambda *_: shutil.rmtree(folder, ignore_errors=True))  # the preview's own copy
        return dialog

    def export_xlsx(self) -> None:
        from kemensos_desk.services.rakor import xlsx

        path = _ask_path(self, tr("Simpan tabel usulan"), f"usulan-rakor-{self.year.value()}.xlsx", "Excel (*.xlsx)")
        if not path:
            return
        try:
            xlsx.write_xlsx(self.ctx.ws, self.year.value(), Path(path))
        except KemensosError as exc:
            common.show_error(self, exc)
            return
        common.inform(self, tr("Tabel usulan ditulis ke {path}.", path=path))
