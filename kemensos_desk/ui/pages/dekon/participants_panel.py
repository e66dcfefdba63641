"""Participants of an RO's activity in the chosen month (e.g. a Bimtek for TKSK): name, NIK
checked as it is typed, PSKS category from the reference list, kecamatan of the office region."""
from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (QComboBox, QCompleter, QFormLayout, QHBoxLayout, QLabel, QLineEdit, QTableWidget,
                               QTableWidgetItem, QVBoxLayout, QWidget)

from kemensos_desk.core import formatting, regions
from kemensos_desk.core import nik as nik_rules
from kemensos_desk.core.i18n import tr
from kemensos_desk.services.dekon import activity, reference
from kemensos_desk.ui import common as ui_common
from kemensos_desk.ui.table_columns import fit_columns

OK_STYLE, BAD_STYLE = "color: #1e6b3a;", "color: #b3261e;"


class ParticipantsPanel(QWidget):
    HEADERS = ("Nama", "NIK", "Kategori PSKS", "Kecamatan")

    def __init__(self, ctx, current, parent=None):
        """``current()`` gives (year, RO code or None, month) of the monthly entry."""
        super().__init__(parent)
        self.ctx, self.current, self.rows = ctx, current, []
        layout = QVBoxLayout(self)
        self.caption = ui_common.muted("")
        layout.addWidget(self.caption)
        self.table = QTableWidget(0, len(self.HEADERS))
        self.table.setObjectName("participantTable")
        self.table.setHorizontalHeaderLabels([tr(h) for h in self.HEADERS])
        self.table.verticalHeader().setVisible(False)
        self.table.setEditTriggers(QTableWidget.NoEditTriggers)
        self.table.setSelectionBehavior(QTableWidget.SelectRows)
        layout.addWidget(self.table, 1)
        form = QFormLayout()
        self.name = QLineEdit()
        self.nik = QLineEdit()
        self.nik.setPlaceholderText(tr("16 angka"))
        self.nik.setMaxLength(20)
        self.nik_feedback = QLabel()
        self.nik_feedback.setObjectName("nikFeedback")
        self.nik_feedback.setWordWrap(True)
        self.category = QComboBox()
        for code, name in reference.psks_categories().items():
            self.category.addItem(tr(name), code)
        self.kecamatan = QComboBox()
        # A province has hundreds of kecamatan: typing part of a name filters the list.
        self.kecamatan.setEditable(True)
        self.kecamatan.setInsertPolicy(QComboBox.NoInsert)
        self.kecamatan.completer().setFilterMode(Qt.MatchContains)
        self.kecamatan.completer().setCompletionMode(QCompleter.PopupCompletion)
        self.kecamatan.addItem(tr("(tidak diisi)"), None)
        self._kecamatan_loaded = False
        nik_row = QVBoxLayout()
        nik_row.addWidget(self.nik)
        nik_row.addWidget(self.nik_feedback)
        form.addRow(tr("Nama"), self.name)
        form.addRow(tr("NIK"), nik_row)
        form.addRow(tr("Kategori PSKS"), self.category)
        form.addRow(tr("Kecamatan"), self.kecamatan)
        layout.addLayout(form)
        bar = QHBoxLayout()
        self.add_button = ui_common.primary_button(tr("Tambah peserta"), "tambah")
        self.remove_button = ui_common.button(tr("Hapus peserta"))
        for b in (self.add_button, self.remove_button):
            b.setEnabled(ctx.actor.can("data.edit"))
            bar.addWidget(b)
        bar.addStretch(1)
        layout.addLayout(bar)
        self.nik.textChanged.connect(self.check_nik)
        self.add_button.clicked.connect(self.add)
        self.remove_button.clicked.connect(self.remove_selected)

    def _load_kecamatan(self) -> None:
        if self._kecamatan_loaded:
            return
        self._kecamatan_loaded = True
        try:
            for code, name in activity.kecamatan_choices(self.ctx.ws):
                self.kecamatan.addItem(name, code)
        except Exception as exc:  # an office not set up: the list stays empty, the form still works
            ui_common.show_error(self, exc)

    def kecamatan_code(self) -> str | None:
        """The chosen kecamatan; typed text that is no kecamatan goes to the service, which refuses it."""
        text = self.kecamatan.currentText().strip()
        idx = self.kecamatan.findText(text, Qt.MatchFixedString)
        if idx >= 0:
            return self.kecamatan.itemData(idx)
        return text or None

    def check_nik(self, *_) -> bool:
        """Live feedback under the NIK field; a valid NIK also proposes its kecamatan."""
        text = self.nik.text()
        if not text.strip():
            self.nik_feedback.clear()
            return False
        check = nik_rules.check_nik(text)
        if not check.ok:
            self.nik_feedback.setStyleSheet(BAD_STYLE)
            self.nik_feedback.setText(str(check.errors[0]))
            return False
        self.nik_feedback.setStyleSheet(OK_STYLE)
        born = formatting.tanggal(check.birth_date) if check.birth_date else formatting.KOSONG
        self.nik_feedback.setText(tr("NIK sah · lahir {born} · {place}", born=born, place=check.region.describe()))
        self._load_kecamatan()
        if self.kecamatan_code() is None and check.kecamatan_code:
            idx = self.kecamatan.findData(check.kecamatan_code)
            if idx >= 0:
                self.kecamatan.setCurrentIndex(idx)
        return True

    def refresh(self) -> None:
        self._load_kecamatan()
        year, ro, month = self.current()
        self.rows = activity.participants_of_month(self.ctx.ws, year, ro, month) if ro else []
        self.caption.setText(tr("Peserta {ro} bulan {month}: {n} orang", ro=ro or formatting.KOSONG,
                                month=formatting.nama_bulan(month), n=len(self.rows)))
        cats = reference.psks_categories()
        self.table.setRowCount(len(self.rows))
        for r, p in enumerate(self.rows):
            kec = regions.get(p["kecamatan_code"]) if p["kecamatan_code"] else None
            cells = (p["name"], p["nik"], tr(cats.get(p["psks_category"], p["psks_category"])),
                     kec.name if kec else formatting.KOSONG)
            for c, text in enumerate(cells):
                item = QTableWidgetItem(text)
                item.setData(Qt.UserRole, p["id"])
                self.table.setItem(r, c, item)
        fit_columns(self.table, "dekon/peserta", names=(0,))

    def add(self) -> bool:
        year, ro, month = self.current()
        if ro is None:
            return False
        try:
            activity.add_participant(self.ctx.ws, self.ctx.actor, year, ro, month, self.name.text(), self.nik.text(),
                                     self.category.currentData(), self.kecamatan_code())
        except Exception as exc:
            ui_common.show_error(self, exc)
            return False
        self.name.clear()
        self.nik.clear()
        self.kecamatan.setCurrentIndex(0)
        self.ctx.notify("dekon_participants")
        self.refresh()
        return True

    def remove_selected(self) -> bool:
        r = self.table.currentRow()
        if r < 0 or r >= len(self.rows):
            return False
        p = self.rows[r]
        if not ui_common.ask(self, tr("Hapus {name} dari daftar peserta?", name=p["name"]), title=tr("Hapus peserta")):
            return False
        try:
            activity.remove_participant(self.ctx.ws, self.ctx.actor, p["id"])
        except Exception as exc:
            ui_common.show_error(self, exc)
            return False
        self.ctx.notify("dekon_participants")
        self.refresh()
        return True
