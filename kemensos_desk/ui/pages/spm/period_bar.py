"""Under the achievement table: the quarter's approval state, approve / reopen, and saving
the SPM report (.xlsx or PDF)."""
from __future__ import annotations

import datetime as _dt
from pathlib import Path

from PySide6.QtWidgets import QFileDialog, QHBoxLayout, QInputDialog, QLabel, QSpinBox, QVBoxLayout, QWidget

from kemensos_desk.core import formatting
from kemensos_desk.core.errors import KemensosError
from kemensos_desk.core.i18n import tr
from kemensos_desk.services.spm import quarters, report
from kemensos_desk.ui import common as ui_common


def tab_with_year(tab: QWidget) -> tuple[QVBoxLayout, QHBoxLayout, QSpinBox]:
    """The frame every SPM tab starts with: a column layout and a bar holding "Tahun" (this year)."""
    layout = QVBoxLayout(tab)
    layout.setContentsMargins(0, 8, 0, 0)
    bar = QHBoxLayout()
    year = QSpinBox()
    year.setRange(2018, 2100)
    year.setValue(_dt.date.today().year)
    bar.addWidget(QLabel(tr("Tahun")))
    bar.addWidget(year)
    layout.addLayout(bar)
    return layout, bar, year


class PeriodBar(QWidget):
    def __init__(self, ctx, view, parent=None):
        super().__init__(parent)
        self.ctx, self.view = ctx, view
        row = QHBoxLayout(self)
        row.setContentsMargins(0, 0, 0, 0)
        self.state = QLabel()
        self.state.setObjectName("quarterState")
        self.approve_btn = ui_common.button(tr("Setujui triwulan"), "centang")
        self.reopen_btn = ui_common.button(tr("Buka kembali"), "kunci")
        self.report_btn = ui_common.primary_button(tr("Simpan laporan ..."), "cetak")
        row.addWidget(self.state, 1)
        row.addWidget(self.approve_btn)
        row.addWidget(self.reopen_btn)
        row.addWidget(self.report_btn)
        self.approve_btn.clicked.connect(self.approve)
        self.reopen_btn.clicked.connect(self.reopen)
        self.report_btn.clicked.connect(self.save_report)

    def refresh(self, year: int, quarter: int | None) -> None:
        self.year, self.quarter = year, quarter
        if quarter is None:
            rows = quarters.status(self.ctx.ws, year)
            done = [formatting.ROMAWI[r["quarter"] - 1] for r in rows if r["status"] == "approved"]
            self.state.setText(tr("Triwulan disetujui: {list}", list=", ".join(done) or formatting.KOSONG))
            self.approve_btn.setVisible(False)
            self.reopen_btn.setVisible(False)
            return
        row = quarters.status(self.ctx.ws, year)[quarter - 1]
        approved = row["status"] == "approved"
        if approved:
            self.state.setText(tr("{period} disetujui oleh {user}; data bertanggal di dalamnya terkunci.",
                                  period=formatting.nama_triwulan(quarter), user=row["approved_by"]))
        else:
            self.state.setText(tr("{period} belum disetujui.", period=formatting.nama_triwulan(quarter)))
        self.approve_btn.setVisible(not approved and self.ctx.actor.can("data.approve"))
        self.reopen_btn.setVisible(approved and self.ctx.actor.can("period.reopen"))

    def approve(self) -> None:
        if not ui_common.ask(self, tr("Setujui dan kunci {period} {year}?", period=formatting.nama_triwulan(self.quarter),
                                      year=self.year),
                             tr("Setelah disetujui, data bertanggal dalam triwulan ini tidak dapat diubah.")):
            return
        try:
            quarters.approve(self.ctx.ws, self.ctx.actor, self.year, self.quarter)
        except KemensosError as exc:
            ui_common.show_error(self, exc)
            return
        self.ctx.notify("spm_quarter_approval")

    def reopen(self) -> None:
        reason, ok = QInputDialog.getText(self, tr("Buka kembali triwulan"), tr("Alasan membuka kembali:"))
        if not ok:
            return
        try:
            quarters.reopen(self.ctx.ws, self.ctx.actor, self.year, self.quarter, reason)
        except KemensosError as exc:
            ui_common.show_error(self, exc)
            return
        self.ctx.notify("spm_quarter_approval")

    def save_report(self) -> None:
        period = f"tw{self.quarter}-" if self.quarter else ""
        suggested = str(self.ctx.data_dir / f"laporan-spm-{period}{self.year}.pdf")
        path, _ = QFileDialog.getSaveFileName(self, tr("Simpan laporan SPM"), suggested,
                                              tr("PDF (*.pdf);;Excel (*.xlsx)"))
        if path:
            self.write(Path(path))

    def write(self, path: Path) -> Path | None:
        try:
            out = report.write_report(self.ctx.ws, self.ctx.actor, self.year, self.quarter, path)
        except KemensosError as exc:
            ui_common.show_error(self, exc)
            return None
        ui_common.inform(self, tr("Laporan SPM ditulis ke {file}.", file=str(out)))
        return out
