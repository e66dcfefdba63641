"""Usulan Rakor (compiled proposals → .xlsx), Tanda terima (signed receipts per office)
and Konflik (two devices of one office edited the same record; a person settles it)."""
from __future__ import annotations

import datetime as _dt
from pathlib import Path

from PySide6.QtWidgets import QLabel, QWidget

from kemensos_desk.core import formatting
from kemensos_desk.core import rakor as rakor_rules
from kemensos_desk.core.i18n import tr
from kemensos_desk.core.rakor import priority_label
from kemensos_desk.ministry import conflicts, rakor, receipts
from kemensos_desk.ui import common
from kemensos_desk.ui.ministry import widgets
from kemensos_desk.ui.widgets import empty_state


class RakorPage(QWidget):
    def __init__(self, store, parent=None):
        super().__init__(parent)
        self.store = store
        self.rows: list[dict] = []
        layout = widgets.page_layout(self, tr("Usulan Rakor"), tr(
            "Usulan kegiatan seluruh kantor daerah untuk tahun sesudah Rakor, dihimpun menjadi satu buku kerja "
            "sebagai bahan rancangan Renja kementerian."))
        today = _dt.date.today()
        # The Rakor year, as the offices name it: this year's until its deadline, then next year's.
        self.year = widgets.year_picker(today.year if today <= rakor_rules.deadline(today.year) else today.year + 1)
        self.year.valueChanged.connect(self.refresh)
        self.export_button = common.primary_button(tr("Ekspor .xlsx…"), "cetak")
        self.export_button.clicked.connect(self.choose_export)
        layout.addLayout(widgets.toolbar(self.year, self.export_button, label=tr("Tahun Rakor")))
        self.title = QLabel("")
        self.title.setObjectName("h2")
        layout.addWidget(self.title)
        self.summary = QLabel("")
        layout.addWidget(self.summary)
        self.table = widgets.table([tr("Kode"), tr("Kantor"), tr("No."), tr("RO / kegiatan"), tr("Uraian"),
                                    tr("Volume"), tr("Jumlah"), tr("Prioritas"), tr("Status draf")], stretch=4,
                                   widths={1: 170, 3: 220}, key="usulanRakor")
        layout.addWidget(self.table, 1)
        self.empty_state = empty_state.attach(self.table, lambda: tr(
            "Belum ada usulan untuk Rakor {year}: belum ada kantor yang mengirim draf Rakor tahun itu.",
            year=self.year.value()))

    def refresh(self) -> None:
        self.rows = rakor.proposals(self.store, self.year.value())
        widgets.fill(self.table, [[
            widgets.cell(r["office"]), widgets.cell(r["office_name"]), widgets.cell(r.get("seq"), align_right=True),
            widgets.cell(r.get("ro")), widgets.cell(r.get("description"), tip=r.get("justification") or ""),
            widgets.cell(f"{formatting.angka(r.get('volume') or 0)} {r.get('unit') or ''}".strip(), align_right=True),
            widgets.cell(formatting.rupiah(r.get("total") or 0), align_right=True),
            widgets.cell(priority_label(r.get("priority"))),
            widgets.cell(rakor.draft_status_label(r.get("draft_status")))] for r in self.rows])
        self.empty_state.update()
        offices = len({r["office"] for r in self.rows})
        total = sum(r.get("total") or 0 for r in self.rows)
        self.title.setText(rakor.proposals_title(self.year.value()))
        self.summary.setText(tr("{n} usulan dari {m} kantor, jumlah {total}.", n=len(self.rows), m=offices,
                                total=formatting.rupiah(total)))
        self.export_button.setEnabled(bool(self.rows))

    def choose_export(self) -> None:
        year = self.year.value()
        path = widgets.choose_save_path(self, tr("Simpan kompilasi usulan"),
                                        f"usulan-{rakor.proposal_year(year)}-rakor-{year}.xlsx",
                                        tr("Buku kerja Excel (*.xlsx)"))
        if path:
            self.export_xlsx(path)

    def export_xlsx(self, path, quiet: bool = False) -> Path | None:
        try:
            written = rakor.write_xlsx(Path(path), self.year.value(), rakor.proposals(self.store, self.year.value()))
        except Exception as exc:  # noqa: BLE001 (shown in words, logged)
            common.show_error(self, exc)
            return None
        if not quiet:
            common.inform(self, tr("Kompilasi usulan ditulis ke {path}.", path=str(written)))
        return written


class ReceiptsPage(QWidget):
    def __init__(self, store, parent=None):
        super().__init__(parent)
        self.store = store
        layout = widgets.page_layout(self, tr("Tanda terima"), tr(
            "Satu tanda terima bertanda tangan kementerian per kantor: paket yang diimpor dan yang ditolak beserta "
            "alasannya. Kirimkan kembali ke kantor; kantor mengimpornya di halaman Sinkronisasi."))
        card = common.Card(tr("Tulis tanda terima"), "centang")
        self.write_button = common.primary_button(tr("Tulis ke folder…"), "cadangan")
        self.write_button.clicked.connect(self.choose_folder)
        card.body.addLayout(widgets.toolbar(self.write_button))
        self.summary = QLabel(tr("Belum ada tanda terima yang ditulis dalam sesi ini."))
        self.summary.setWordWrap(True)
        card.body.addWidget(self.summary)
        layout.addWidget(card)
        self.table = widgets.table([tr("Nama berkas"), tr("Folder")], stretch=1)
        layout.addWidget(self.table, 1)

    def refresh(self) -> None:
        pass

    def choose_folder(self) -> None:
        folder = widgets.choose_folder(self, tr("Pilih folder untuk tanda terima"))
        if folder:
            self.write_to(folder)

    def write_to(self, folder, quiet: bool = False) -> list[Path]:
        try:
            written = receipts.write_receipts(self.store, Path(folder))
        except Exception as exc:  # noqa: BLE001 (shown in words, logged)
            common.show_error(self, exc)
            return []
        widgets.fill(self.table, [[widgets.cell(p.name), widgets.cell(str(p.parent))] for p in written])
        self.summary.setText(tr("{n} tanda terima ditulis ke {path}.", n=len(written), path=str(folder)))
        if not quiet:
            common.inform(self, tr("{n} tanda terima ditulis ke {path}.", n=len(written), path=str(folder)))
        return written


def kind_label(kind: str) -> str:
    from kemensos_desk.ui.pages.dashboard import kind_label as label  # the names the office app uses

    return label(kind)


class ConflictsPage(QWidget):
    def __init__(self, store, parent=None):
        super().__init__(parent)
        self.store = store
        self.rows: list[dict] = []
        layout = widgets.page_layout(self, tr("Konflik"), tr(
            "Dua perangkat satu kantor mengubah data yang sama dari versi yang sama. Keduanya disimpan; periksa "
            "perbedaannya, minta kantor membetulkan datanya, lalu tandai selesai."))
        self.settle_button = common.primary_button(tr("Tandai selesai"), "centang")
        self.settle_button.clicked.connect(self.settle_selected)
        self.show_all = common.button(tr("Tampilkan yang sudah selesai"))
        self.show_all.setCheckable(True)
        self.show_all.toggled.connect(self.refresh)
        layout.addLayout(widgets.toolbar(self.settle_button, self.show_all))
        self.summary = QLabel("")
        layout.addWidget(self.summary)
        self.table = widgets.table([tr("No."), tr("Kantor"), tr("Jenis data"), tr("Revisi"), tr("Perbedaan"),
                                    tr("Ditemukan"), tr("Diselesaikan")], stretch=4)
        self.table.itemSelectionChanged.connect(self._selection)
        layout.addWidget(self.table, 1)

    def refresh(self) -> None:
        self.rows = conflicts.open_conflicts(self.store, include_settled=self.show_all.isChecked())
        widgets.fill(self.table, [[
            widgets.cell(c["id"], align_right=True), widgets.cell(c["office"]), widgets.cell(kind_label(c["kind"])),
            widgets.cell(c["revision"], align_right=True),
            widgets.cell("; ".join(f"{k}: {a!r} / {b!r}" for k, (a, b) in c["differences"].items()) or "–"),
            widgets.cell(common.local_time_text(c["detected_at"])),
            widgets.cell(tr("{who}, {when}", who=c["settled_by"], when=common.local_time_text(c["settled_at"]))
                         if c["settled_at"] else "–",
                         colour=widgets.STATUS_COLOURS["received"] if c["settled_at"] else None)]
            for c in self.rows])
        still = sum(1 for c in self.rows if c["settled_at"] is None)
        self.summary.setText(tr("{n} konflik belum diselesaikan.", n=still) if still
                             else tr("Tidak ada konflik yang terbuka."))
        self._selection()

    def _selection(self) -> None:
        row = self.table.currentRow()
        self.settle_button.setEnabled(0 <= row < len(self.rows) and self.rows[row]["settled_at"] is None
                                      and bool(self.table.selectedItems()))

    def settle_selected(self) -> None:
        row = self.table.currentRow()
        if 0 <= row < len(self.rows):
            self.settle(self.rows[row]["id"])

    def settle(self, conflict_id: int) -> None:
        try:
            conflicts.settle(self.store, conflict_id, tr("kementerian"))
        except Exception as exc:  # noqa: BLE001 (shown in words, logged)
            common.show_error(self, exc)
        self.refresh()

