"""The register tab: search as you type (NIK or name prefix), filters, the lazy table,
and the actions on the selected people (add, edit, record a service for all of them).
"""
from __future__ import annotations

import datetime as _dt
import time

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import (QAbstractItemView, QComboBox, QLabel, QLineEdit, QMenu, QSizePolicy, QSpinBox,
                               QTableView, QVBoxLayout, QWidget)

from kemensos_desk.core.i18n import tr
from kemensos_desk.services.spm import reference
from kemensos_desk.services.spm.register_query import RegisterFilter
from kemensos_desk.ui import common as ui_common
from kemensos_desk.ui.pages.spm.register_model import RegisterModel
from kemensos_desk.ui.widgets import empty_state
from kemensos_desk.ui.widgets.flow_layout import FlowLayout
from kemensos_desk.ui.table_columns import fit_columns

SLOW_SEARCH_S = 0.08  # a search slower than this makes the next ones wait for a pause in the typing
TYPING_PAUSE_MS = 150


class RegisterView(QWidget):
    def __init__(self, ctx, parent=None):
        super().__init__(parent)
        self.ctx = ctx
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 8, 0, 0)
        bar = FlowLayout()  # wraps on a narrow window instead of widening the page
        self.search = QLineEdit()
        self.search.setObjectName("registerSearch")
        self.search.setPlaceholderText(tr("Cari NIK atau awal nama ..."))
        self.search.setClearButtonEnabled(True)
        self.service = QComboBox()
        self.service.addItem(tr("Semua layanan"), None)
        for svc in reference.services_for(ctx.office().level):
            if not svc.is_disaster:
                self.service.addItem(svc.target_group, svc.code)
        self.year = QSpinBox()
        self.year.setRange(2018, 2100)
        self.year.setValue(_dt.date.today().year)
        self.year.setSpecialValueText(tr("Semua tahun"))
        self.no_nik = QComboBox()
        self.no_nik.addItem(tr("Semua"), False)
        self.no_nik.addItem(tr("Tanpa NIK"), True)
        self.search.setMinimumWidth(280)
        self.service.setMaximumWidth(210)
        self.year.setMaximumWidth(100)
        self.search.setSizePolicy(QSizePolicy.Expanding, QSizePolicy.Fixed)
        bar.addWidget(self.search)
        bar.addWidget(self.service)
        bar.addWidget(QLabel(tr("Tahun")))
        bar.addWidget(self.year)
        bar.addWidget(self.no_nik)
        self.add_btn = ui_common.primary_button(tr("Tambah penerima"), "tambah")
        self.edit_btn = ui_common.button(tr("Ubah"))
        self.deliver_btn = ui_common.button(tr("Catat layanan"), "centang")
        self.assess_btn = ui_common.button(tr("Asesmen"))
        self.import_btn = ui_common.button(tr("Impor Excel"))
        self.print_btn = ui_common.button(tr("Cetak daftar penerima…"), "cetak")
        menu = QMenu(self.import_btn)
        menu.addAction(tr("Daftar penerima ..."), lambda: self.open_import("beneficiaries"))
        menu.addAction(tr("Daftar penyaluran layanan ..."), lambda: self.open_import("deliveries"))
        self.import_btn.setMenu(menu)
        # Actions on a row of their own: an old 1366-pixel laptop has no room for both.
        actions = FlowLayout()
        for b in (self.add_btn, self.edit_btn, self.assess_btn, self.deliver_btn, self.import_btn, self.print_btn):
            b.setMinimumWidth(b.fontMetrics().horizontalAdvance(b.text()) + 72)  # text, icon, padding
            actions.addWidget(b)
        layout.addLayout(actions)
        layout.addLayout(bar)
        self.model = RegisterModel(ctx.ws, self)
        self.table = QTableView()
        self.table.setObjectName("registerTable")
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectRows)
        self.table.setAlternatingRowColors(True)
        self.table.verticalHeader().setVisible(False)
        self.table.verticalHeader().setDefaultSectionSize(26)
        # Set starting widths (the register loads lazily: no measuring of every row); the name takes the room.
        fit_columns(self.table, "spm/penerima", names=(1,),
                    widths=dict(enumerate((150, 220, 40, 150, 130, 130, 110))))
        layout.addWidget(self.table, 1)
        self.empty_state = empty_state.attach(self.table, self._empty_text)
        self.count = ui_common.muted("", wrap=False)
        layout.addWidget(self.count)
        self.model.rowsInserted.connect(lambda *_a: self._show_count())  # fetchMore while scrolling
        # A search runs as soon as the keys typed so far are handled (a 0 ms timer coalesces a
        # burst or a paste into one query); only a search that proved slow (a rare filter on a
        # huge register) waits for a short pause in the typing, so keys never queue behind it.
        self._timer = QTimer(self, singleShot=True, interval=0)
        self._timer.timeout.connect(self.apply_filter)
        self.search.textChanged.connect(lambda _t: self._timer.start())
        for w in (self.service, self.no_nik):
            w.currentIndexChanged.connect(self.apply_filter)
        self.year.valueChanged.connect(self.apply_filter)
        self.add_btn.clicked.connect(self.add_person)
        self.edit_btn.clicked.connect(self.edit_person)
        self.table.doubleClicked.connect(lambda _i: self.edit_person())
        self.deliver_btn.clicked.connect(self.deliver)
        self.assess_btn.clicked.connect(self.assess)
        self.print_btn.clicked.connect(self.print_distribution_list)
        can_edit = ctx.actor.can("data.edit")
        for b in (self.add_btn, self.edit_btn, self.assess_btn, self.deliver_btn, self.import_btn):
            b.setEnabled(can_edit)
        ctx.changed.connect(self._on_changed)
        self.apply_filter()

    def current_filter(self) -> RegisterFilter:
        year = self.year.value() if self.year.value() != self.year.minimum() else None
        return RegisterFilter(text=self.search.text(), service=self.service.currentData(),
                              year=year if self.service.currentData() else None, no_nik=bool(self.no_nik.currentData()))

    def apply_filter(self) -> None:
        started = time.perf_counter()
        self.model.set_filter(self.current_filter())
        self._show_count()
        self._timer.setInterval(0 if time.perf_counter() - started < SLOW_SEARCH_S else TYPING_PAUSE_MS)

    def _show_count(self) -> None:
        # "more than 1,000" until the user scrolls past them (the model counts no further).
        self.count.setText(self.model.count_text())

    def _on_changed(self, kinds) -> None:
        if "*" in kinds or any(k.startswith("spm") for k in kinds):
            self.model.refresh()
            self._show_count()

    def selected_ids(self) -> list[int]:
        rows = sorted({i.row() for i in self.table.selectionModel().selectedRows()})
        return [self.model.person_id(r) for r in rows]

    def add_person(self) -> None:
        from kemensos_desk.ui.pages.spm.person_form import PersonDialog

        PersonDialog(self.ctx, None, self).open()

    def _empty_text(self) -> str:
        f = self.current_filter()
        if (f.text or "").strip():
            return tr("Tidak ada penerima yang cocok dengan “{text}”. Periksa ejaan atau ketik awal NIK/nama "
                      "saja.", text=f.text.strip())
        if f.service or f.no_nik:
            return tr("Tidak ada penerima dengan pilihan ini. Ubah layanan, tahun atau pilihan NIK.")
        return tr("Belum ada penerima. Tambahkan dengan “Tambah penerima” atau “Impor Excel”.")

    def edit_person(self) -> None:
        ids = self.selected_ids()
        if not ids:
            ui_common.inform(self, tr("Pilih dahulu satu penerima di tabel, lalu tekan Ubah (atau klik dua kali "
                                      "barisnya)."))
            return
        from kemensos_desk.ui.pages.spm.person_form import PersonDialog

        PersonDialog(self.ctx, ids[0], self).open()

    def deliver(self) -> None:
        ids = self.selected_ids()
        if not ids:
            ui_common.inform(self, tr("Pilih dahulu penerima di tabel (boleh banyak sekaligus)."))
            return
        from kemensos_desk.ui.pages.spm.delivery_dialog import DeliveryDialog

        DeliveryDialog(self.ctx, ids, self.service.currentData(), self).open()

    def open_import(self, kind: str) -> None:
        """The Excel import's preview dialog (``import_dialog.py``, written with the import)."""
        try:
            from kemensos_desk.ui.pages.spm.import_dialog import ImportDialog
        except ImportError:
            ui_common.inform(self, tr("Impor Excel belum tersedia di versi ini."))
            return
        ImportDialog(self.ctx, kind, self.service.currentData(), None, self).open()

    def assess(self) -> None:
        ids = self.selected_ids()
        if not ids:
            ui_common.inform(self, tr("Pilih dahulu satu penerima di tabel."))
            return
        from kemensos_desk.ui.pages.spm.assessment_dialog import AssessmentDialog

        AssessmentDialog(self.ctx, ids[0], self).open()

    def print_distribution_list(self) -> None:
        """The list people sign when they receive goods (any user who may read the register)."""
        from kemensos_desk.ui.pages.spm.distribution_dialog import DistributionListDialog

        self.distribution_dialog = DistributionListDialog(self.ctx, self.service.currentData(), self)
        self.distribution_dialog.open()
