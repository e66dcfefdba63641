"""Kelengkapan: every office (grouped by province) × the four quarters of a year:
received (date), late, missing, not yet due; gaps in sequence numbers flagged."""
from __future__ import annotations

from PySide6.QtWidgets import QLabel, QWidget

from kemensos_desk.core import formatting
from kemensos_desk.core.i18n import tr
from kemensos_desk.ministry import recaps
from kemensos_desk.ui import common
from kemensos_desk.ui.ministry import widgets

LABELS = {"received": "Diterima", "late": "Terlambat", "missing": "Belum ada", "pending": "Belum jatuh tempo"}
PROVINCE_ROW = "#e3eeee"


def quarter_text(q: dict) -> str:
    """The date a quarter arrived (its colour says on time or late), else the status in words."""
    if q["received_at"] is not None:
        return formatting.tanggal(q["received_at"].date())
    return tr(LABELS[q["status"]])


class CompletenessPage(QWidget):
    def __init__(self, store, parent=None):
        super().__init__(parent)
        self.store = store
        self.matrix: dict | None = None
        layout = widgets.page_layout(self, tr("Kelengkapan laporan"), tr(
            "Setiap kantor per triwulan: diterima (dengan tanggal), terlambat (setelah batas waktu), belum ada, "
            "atau belum jatuh tempo. Nomor urut paket yang terlewat ditandai."))
        self.year = widgets.year_picker()
        self.year.valueChanged.connect(self.refresh)
        self.export_button = common.button(tr("Ekspor .xlsx…"), "cetak")
        self.export_button.clicked.connect(self.choose_export)
        layout.addLayout(widgets.toolbar(self.year, self.export_button, label=tr("Tahun")))
        legend = widgets.toolbar(*[self._legend(k) for k in LABELS])
        layout.addLayout(legend)
        self.summary = QLabel("")
        self.summary.setWordWrap(True)
        layout.addWidget(self.summary)
        heads = [tr("Kode"), tr("Kantor")] + [formatting.nama_triwulan(q) for q in range(1, 5)] + [
            tr("Urutan terlewat"), tr("Konflik"), tr("Impor terakhir")]
        self.table = widgets.table(heads, stretch=1)
        layout.addWidget(self.table, 1)

    def _legend(self, status: str) -> QLabel:
        chip = QLabel(tr(LABELS[status]))
        chip.setStyleSheet(f"background: {widgets.STATUS_COLOURS[status]}; border-radius: 4px; padding: 3px 10px;")
        return chip

    def refresh(self) -> None:
        self.matrix = recaps.completeness(self.store, self.year.value())
        rows, counts = [], dict.fromkeys(LABELS, 0)
        offices = 0
        for prov in self.matrix["provinces"]:
            rows.append([widgets.cell(prov["code"], bold=True, colour=PROVINCE_ROW),
                         widgets.cell(prov["name"], bold=True, colour=PROVINCE_ROW)]
                        + [widgets.cell("", colour=PROVINCE_ROW) for _ in range(7)])
            for o in prov["offices"]:
                offices += 1
                name = o["name"] + (" " + tr("(contoh)") if o["is_demo"] else "")
                cells = [widgets.cell(o["code"]), widgets.cell(name)]
                for q in o["quarters"]:
                    counts[q["status"]] += 1
                    tip = tr("{status}; batas waktu {date}", status=tr(LABELS[q["status"]]),
                             date=formatting.tanggal(q["deadline"]))
                    cells.append(widgets.cell(quarter_text(q), colour=widgets.STATUS_COLOURS[q["status"]], tip=tip))
                gaps = "; ".join(", ".join(str(n) for n in seqs) for seqs in o["sequence_gaps"].values())
                tip = "; ".join(tr("perangkat {dev}: nomor {seqs} belum diterima", dev=dev,
                                   seqs=", ".join(str(n) for n in seqs)) for dev, seqs in o["sequence_gaps"].items())
                cells.append(widgets.cell(gaps or "–", colour="#ffeb9c" if gaps else None, bold=bool(gaps), tip=tip))
                cells.append(widgets.cell(formatting.angka(o["open_conflicts"]) if o["open_conflicts"] else "–",
                                          align_right=True))
                last = o["last_import"]
                cells.append(widgets.cell(formatting.tanggal(last.date()) if last else "–",
                                          tip=common.local_time_text(last)))
                rows.append(cells)
        widgets.fill(self.table, rows)
        self.summary.setText(tr(
            "{n} kantor, batas waktu tanggal {d} bulan setelah akhir triwulan: {r} diterima, {l} terlambat, {m} belum ada.",
            n=offices, d=self.matrix["deadline_day"], r=counts["received"], l=counts["late"], m=counts["missing"]))

    def choose_export(self) -> None:
        path = widgets.choose_save_path(self, tr("Simpan laporan kelengkapan"),
                                        f"kelengkapan-{self.year.value()}.xlsx", tr("Buku kerja Excel (*.xlsx)"))
        if path:
            self.export_xlsx(path)

    def export_xlsx(self, path, quiet: bool = False):
        """The ministry report workbook (IKK 3.1, completeness, SPM) for the chosen year."""
        try:
            written = widgets.write_year_report(self.store, self.year.value(), path)
        except Exception as exc:  # noqa: BLE001 (shown in words, logged)
            common.show_error(self, exc)
            return None
        if not quiet:
            common.inform(self, tr("Laporan ditulis ke {path}.", path=str(written)))
        return written
