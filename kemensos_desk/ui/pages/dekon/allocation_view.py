"""Allocation list: the year's ROs with target, pagu and place; adding, editing, deleting
(tombstone, after confirmation) and pagu revisions; template download and the Excel import
with its preview (nothing is written until the operator confirms)."""
from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (QFileDialog, QTableWidget, QTableWidgetItem, QVBoxLayout,
                               QWidget)

from kemensos_desk.core import formatting
from kemensos_desk.core.i18n import tr
from kemensos_desk.services.dekon import allocations, importing, reference
from kemensos_desk.services.dekon.template import write_template
from kemensos_desk.ui import common as ui_common
from kemensos_desk.ui.pages.dekon import dialogs
from kemensos_desk.ui.widgets.flow_layout import FlowLayout
from kemensos_desk.ui.table_columns import fit_columns


class AllocationView(QWidget):
    HEADERS = ("Kode RO", "Uraian RO", "Sumber", "Target", "Satuan", "Pagu", "Lokasi")

    def __init__(self, ctx, year_box, parent=None):
        super().__init__(parent)
        self.ctx, self.year_box = ctx, year_box
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 8, 0, 0)
        bar = FlowLayout()  # the buttons wrap on a narrow window
        self.import_button = ui_common.primary_button(tr("Impor dari Excel…"), "tambah")
        self.template_button = ui_common.button(tr("Unduh templat…"), "cetak")
        self.add_button = ui_common.button(tr("Tambah RO…"), "tambah")
        self.edit_button = ui_common.button(tr("Ubah…"))
        self.delete_button = ui_common.button(tr("Hapus"))
        self.pagu_button = ui_common.button(tr("Revisi pagu…"))
        for b in (self.import_button, self.add_button):
            b.setEnabled(ctx.actor.can("data.edit"))
        for b in (self.import_button, self.add_button, self.edit_button, self.delete_button, self.pagu_button):
            bar.addWidget(b)
        bar.addWidget(self.template_button)
        self.total = ui_common.muted("", wrap=False)
        bar.addWidget(self.total)
        layout.addLayout(bar)
        self.table = QTableWidget(0, len(self.HEADERS))
        self.table.setObjectName("allocationTable")
        self.table.setHorizontalHeaderLabels([tr(h) for h in self.HEADERS])
        self.table.verticalHeader().setVisible(False)
        self.table.setEditTriggers(QTableWidget.NoEditTriggers)
        self.table.setSelectionBehavior(QTableWidget.SelectRows)
        layout.addWidget(self.table, 1)
        self.import_button.clicked.connect(self.choose_import)
        self.add_button.clicked.connect(self.open_form)
        self.edit_button.clicked.connect(self.edit_selected)
        self.delete_button.clicked.connect(self.delete_selected)
        self.pagu_button.clicked.connect(self.open_revisions)
        self.table.doubleClicked.connect(lambda *_: self.edit_selected())
        self.table.itemSelectionChanged.connect(self._update_buttons)
        self.template_button.clicked.connect(self.choose_template)
        year_box.valueChanged.connect(self.refresh)
        ctx.changed.connect(lambda kinds: self.refresh() if "*" in kinds or any(k.startswith("dekon") for k in kinds) else None)
        self.refresh()

    def refresh(self, *_):
        rows = allocations.list_allocations(self.ctx.ws, self.year_box.value())
        pagu_now = allocations.pagu_at_year_end(self.ctx.ws, self.year_box.value())
        self.table.setRowCount(len(rows))
        for r, a in enumerate(rows):
            place = a.kecamatan_code or a.kabkota_code or formatting.KOSONG
            pagu = pagu_now.get(a.ro_code, a.pagu)
            cells = (a.ro_code, a.name, f"{a.source} – {reference.source_name(a.source)}", formatting.angka(a.target_volume),
                     a.unit, formatting.rupiah(pagu) + (" *" if pagu != a.pagu else ""), place)
            for c, text in enumerate(cells):
                item = QTableWidgetItem(text)
                if c in (3, 5):
                    item.setTextAlignment(Qt.AlignRight | Qt.AlignVCenter)
                if c == 5 and pagu != a.pagu:
                    item.setToolTip(tr("Pagu direvisi; pagu awal {pagu}.", pagu=formatting.rupiah(a.pagu)))
                self.table.setItem(r, c, item)
        fit_columns(self.table, "dekon/alokasi", names=(1,))
        total = sum(pagu_now.get(a.ro_code, a.pagu) for a in rows)
        self.total.setText(tr("{n} RO · pagu {pagu}", n=len(rows), pagu=formatting.rupiah(total)))
        self._update_buttons()

    def _update_buttons(self) -> None:
        """Ubah, Hapus and Revisi pagu act on the selected RO: without one they are greyed out."""
        chosen = bool(self.table.selectedItems()) and self.selected_ro() is not None
        can_edit = self.ctx.actor.can("data.edit")
        self.edit_button.setEnabled(chosen and can_edit)
        self.delete_button.setEnabled(chosen and can_edit)
        self.pagu_button.setEnabled(chosen)

    def open_form(self):
        from kemensos_desk.ui.pages.dekon.allocation_form import AllocationForm

        form = AllocationForm(self.ctx, self.year_box.value(), self)
        dialogs.run_dialog(form)
        return form

    def selected_ro(self) -> str | None:
        r = self.table.currentRow()
        item = self.table.item(r, 0) if r >= 0 else None
        return item.text() if item else None

    def edit_selected(self):
        """The allocation form filled with the selected RO; saving updates it."""
        from kemensos_desk.ui.pages.dekon.allocation_form import AllocationForm

        ro = self.selected_ro()
        if ro is None:
            return None
        try:
            existing = allocations.input_of(self.ctx.ws, self.year_box.value(), ro)
        except Exception as exc:
            ui_common.show_error(self, exc)
            return None
        form = AllocationForm(self.ctx, self.year_box.value(), self, existing=existing)
        dialogs.run_dialog(form)
        return form

    def delete_selected(self) -> bool:
        ro = self.selected_ro()
        if ro is None:
            return False
        if not ui_common.ask(self, tr("Hapus RO {ro} beserta realisasinya dari alokasi {year}?", ro=ro,
                                      year=self.year_box.value()),
                             tr("Data tidak hilang dari riwayat; RO tidak lagi tampil dan tidak dilaporkan."),
                             title=tr("Hapus alokasi")):
            return False
        try:
            allocations.delete(self.ctx.ws, self.ctx.actor, self.year_box.value(), ro)
        except Exception as exc:
            ui_common.show_error(self, exc)
            return False
        self.ctx.notify("dekon_allocations")
        return True

    def open_revisions(self):
        from kemensos_desk.ui.pages.dekon.pagu_dialog import PaguRevisionDialog

        ro = self.selected_ro()
        if ro is None:
            return None
        dialog = PaguRevisionDialog(self.ctx, self.year_box.value(), ro, self)
        dialogs.run_dialog(dialog)
        return dialog

    def choose_template(self):
        path, _ = QFileDialog.getSaveFileName(self, tr("Simpan templat alokasi"), "templat-alokasi-dekon.xlsx",
                                              "Excel (*.xlsx)")
        if path:
            try:
                write_template(path)
            except Exception as exc:
                ui_common.show_error(self, exc)

    def choose_import(self):
        path, _ = QFileDialog.getOpenFileName(self, tr("Pilih berkas alokasi"), "", "Excel (*.xlsx *.xls)")
        if path:
            self.import_file(path)

    def import_file(self, path) -> importing.ImportResult | None:
        """Preview, ask, then import the whole file (or show every refused cell)."""
        year = self.year_box.value()
        try:
            preview = importing.import_allocations(self.ctx.ws, self.ctx.actor, path, year, dry_run=True)
            if preview.refused:
                lines = [f"• {tr('baris')} {r['row']}, {r['column']}: {r['reason']}" for r in preview.refused[:20]]
                ui_common.warn(self, tr("Berkas ditolak seluruhnya: {n} kesalahan. Tidak ada yang disimpan.",
                                        n=len(preview.refused)), "\n".join(lines), title=tr("Impor alokasi"))
                return preview
            if not ui_common.ask(self, tr("Impor {new} RO baru dan perbarui {updated} RO untuk tahun {year}?",
                                          new=preview.new, updated=preview.updated, year=year), title=tr("Impor alokasi")):
                return None
            result = importing.import_allocations(self.ctx.ws, self.ctx.actor, path, year)
        except Exception as exc:
            ui_common.show_error(self, exc)
            return None
        self.ctx.notify("dekon_allocations")
        return result
