"""The person form of the register, with live NIK feedback: region, birth date and sex are
decoded as the operator types, and a NIK already registered names the person it belongs to.
"""
from __future__ import annotations

import datetime as _dt

from PySide6.QtCore import QDate, Qt
from PySide6.QtWidgets import (QCheckBox, QComboBox, QDateEdit, QDialog, QDialogButtonBox, QFormLayout, QHBoxLayout,
                               QLabel, QLineEdit, QPlainTextEdit, QSpinBox, QTabWidget, QVBoxLayout, QWidget)

from kemensos_desk.core import formatting, regions
from kemensos_desk.core import nik as nik_rules
from kemensos_desk.core.errors import KemensosError, Refused
from kemensos_desk.core.i18n import tr
from kemensos_desk.services.spm import reference, register as reg
from kemensos_desk.ui import common as ui_common, fit, theme

BLANK = QDate(1900, 1, 1)


def nik_feedback(text: str, sex: str | None, birth: _dt.date | None, office_region: str) -> tuple[bool | None, str]:
    """(ok, sentence) for the NIK typed so far; ``None`` while empty."""
    if not nik_rules.clean(text):
        return None, ""
    res = nik_rules.check_nik(text, sex=sex, birth_date=birth, office_region=office_region)
    if not res.ok:
        return False, " ".join(str(m) for m in res.errors)
    parts = [tr("Kec. {where}", where=res.region.describe()),
             tr("lahir {date}", date=formatting.tanggal(res.birth_date)),
             tr("laki-laki") if res.sex == "L" else tr("perempuan")]
    extra = " ".join(str(m) for m in res.notes + res.warnings)
    return True, " · ".join(parts) + (f"\n{extra}" if extra else "")


class DateField(QDateEdit):
    """A date edit that may be empty (shown blank), typed day-month-year."""

    def __init__(self, parent=None):
        super().__init__(parent)
        self.setDisplayFormat("dd-MM-yyyy")
        self.setCalendarPopup(True)
        self.setMinimumDate(BLANK)
        self.setSpecialValueText(" ")
        self.setDate(BLANK)

    def value(self) -> _dt.date | None:
        d = self.date()
        return None if d == BLANK else _dt.date(d.year(), d.month(), d.day())

    def set_value(self, value: _dt.date | None) -> None:
        self.setDate(QDate(value.year, value.month, value.day) if value else BLANK)


class PersonDialog(QDialog):
    def __init__(self, ctx, person_id: int | None = None, parent=None):
        super().__init__(parent)
        self.ctx = ctx
        self.person_id = person_id
        self.saved_id: int | None = None
        self.existing_id: int | None = None
        self.setWindowTitle(tr("Ubah data penerima") if person_id else tr("Tambah penerima"))
        office = ctx.office()
        self.office_region = office.region_code
        self._build(office)
        if person_id:
            with ctx.ws.store.session() as s:
                self._load(reg.get_person(s, person_id))
        self._nik_changed()
        self._as_opened = self._typed()

    def _build(self, office) -> None:
        outer = QVBoxLayout(self)
        body = QWidget()
        form = QFormLayout(body)
        form.setLabelAlignment(Qt.AlignRight)
        self.nik = QLineEdit()
        self.nik.setObjectName("nik")
        self.nik.setMaxLength(20)
        self.nik.setFont(theme.mono_font(11))
        self.nik.setPlaceholderText(tr("16 angka"))
        self.nik_info = QLabel()
        self.nik_info.setObjectName("nikFeedback")
        self.nik_info.setWordWrap(True)
        self.no_nik = QCheckBox(tr("Tidak memiliki NIK"))
        self.reason = QComboBox()
        for code, label in reference.choices()["no_nik_reasons"].items():
            self.reason.addItem(tr(label), code)
        row = QHBoxLayout()
        row.addWidget(self.no_nik)
        row.addWidget(self.reason, 1)
        self.kk = QLineEdit()
        self.kk.setFont(theme.mono_font(11))
        self.name = QLineEdit()
        self.name.setObjectName("name")
        self.sex = QComboBox()
        self.sex.addItem("", "")
        self.sex.addItem(tr("Laki-laki"), "L")
        self.sex.addItem(tr("Perempuan"), "P")
        self.birth_place = QLineEdit()
        self.birth_date = DateField()
        self.kecamatan = QComboBox()
        self.kecamatan.addItem("", "")
        kecs = ([k for kab in regions.kabkota(office.region_code) for k in regions.kecamatan(kab.code)]
                if office.level == "provinsi" else regions.kecamatan(office.region_code))
        for k in sorted(kecs, key=lambda k: k.name):
            self.kecamatan.addItem(f"{k.name} ({k.code})", k.code)
        self.desa = QLineEdit()
        self.rt, self.rw = QLineEdit(), QLineEdit()
        for w in (self.rt, self.rw):
            w.setMaxLength(3)
            w.setMaximumWidth(60)
        rtrw = QHBoxLayout()
        rtrw.addWidget(QLabel("RT"))
        rtrw.addWidget(self.rt)
        rtrw.addWidget(QLabel("RW"))
        rtrw.addWidget(self.rw)
        rtrw.addStretch(1)
        self.street = QLineEdit()
        self.dtks = QLineEdit()
        self.found_via = QComboBox()
        self.found_via.addItem("", "")
        for code, label in reference.choices()["found_via"].items():
            self.found_via.addItem(tr(label), code)
        self.institution = QLineEdit()
        self.notes = QPlainTextEdit()
        self.notes.setMaximumHeight(60)
        form.addRow(tr("NIK"), self.nik)
        form.addRow("", self.nik_info)
        form.addRow("", _wrap(row))
        form.addRow(tr("Nomor KK"), self.kk)
        form.addRow(tr("Nama lengkap *"), self.name)
        form.addRow(tr("Jenis kelamin *"), self.sex)
        form.addRow(tr("Tempat lahir"), self.birth_place)
        form.addRow(tr("Tanggal lahir *"), self.birth_date)
        form.addRow(tr("Kecamatan *"), self.kecamatan)
        form.addRow(tr("Desa/Kelurahan"), self.desa)
        form.addRow("", _wrap(rtrw))
        form.addRow(tr("Alamat"), self.street)
        form.addRow(tr("ID DTKS"), self.dtks)
        form.addRow(tr("Ditemukan melalui"), self.found_via)
        form.addRow(tr("Panti/LKS"), self.institution)
        form.addRow(tr("Catatan"), self.notes)
        self.services: dict[str, QCheckBox] = {}
        self.status = QComboBox()
        for code, label in (("active", "Aktif"), ("moved", "Pindah"), ("died", "Meninggal")):
            self.status.addItem(tr(label), code)
        self.status_date = DateField()
        if self.person_id:  # a person's life goes on: moved away or died, with the date
            status_row = QHBoxLayout()
            status_row.addWidget(self.status)
            status_row.addWidget(QLabel(tr("sejak")))
            status_row.addWidget(self.status_date, 1)
            form.addRow(tr("Status"), _wrap(status_row))
        else:
            svc_row = QHBoxLayout()
            for svc in reference.services_for(office.level):
                if svc.is_disaster:
                    continue
                box = QCheckBox(svc.target_group)
                box.setToolTip(svc.name)
                self.services[svc.code] = box
                svc_row.addWidget(box)
            self.year = QSpinBox()
            self.year.setRange(2018, 2100)
            self.year.setValue(_dt.date.today().year)
            svc_row.addWidget(QLabel(tr("Tahun")))
            svc_row.addWidget(self.year)
            svc_row.addStretch(1)
            form.addRow(tr("Hak layanan"), _wrap(svc_row))
        # A short screen scrolls the fields; the buttons stay on screen (ui/fit.py).
        if self.person_id:  # the person's services, assessments and deliveries beside their data
            from kemensos_desk.ui.pages.spm.person_history import PersonHistory

            self.tabs = QTabWidget()
            self.tabs.addTab(fit.scroll_body(body), tr("Data pribadi"))
            self.history = PersonHistory(self.ctx, self.person_id)
            self.tabs.addTab(self.history, tr("Riwayat layanan"))
            outer.addWidget(self.tabs, 1)
        else:
            outer.addWidget(fit.scroll_body(body), 1)
        self.error = QLabel()
        self.error.setObjectName("formError")
        self.error.setStyleSheet(f"color: {theme.ERROR};")
        self.error.setWordWrap(True)
        outer.addWidget(self.error)
        self.buttons = QDialogButtonBox(QDialogButtonBox.Save | QDialogButtonBox.Cancel)
        self.buttons.button(QDialogButtonBox.Save).setText(tr("Simpan"))
        self.buttons.button(QDialogButtonBox.Cancel).setText(tr("Batal"))
        for b in self.buttons.buttons():
            b.setMinimumWidth(96)
        self.show_existing = self.buttons.addButton(tr("Buka data yang sudah terdaftar"), QDialogButtonBox.ActionRole)
        self.show_existing.hide()
        self.show_existing.clicked.connect(self._open_existing)
        self.buttons.accepted.connect(self.save)
        self.buttons.rejected.connect(self.reject)
        outer.addWidget(self.buttons)
        self.nik.textChanged.connect(self._nik_changed)
        self.sex.currentIndexChanged.connect(self._nik_changed)
        self.birth_date.dateChanged.connect(self._nik_changed)
        self.no_nik.toggled.connect(self._no_nik_toggled)
        self._no_nik_toggled(False)
        self.setMinimumWidth(660)
        fit.fit_dialog(self)

    def _no_nik_toggled(self, on: bool) -> None:
        self.reason.setEnabled(on)
        self.nik.setEnabled(not on)
        if on:
            self.nik.clear()

    def _nik_changed(self, *_):
        text = self.nik.text()
        decoded = nik_rules.check_nik(text) if len(nik_rules.clean(text)) == 16 else None
        # Fill sex and birth date from a valid NIK while they are still empty.
        if decoded and decoded.birth_date and not self.birth_date.value():
            self.birth_date.blockSignals(True)
            self.birth_date.set_value(decoded.birth_date)
            self.birth_date.blockSignals(False)
        if decoded and decoded.sex and not self.sex.currentData():
            self.sex.blockSignals(True)
            self.sex.setCurrentIndex(self.sex.findData(decoded.sex))
            self.sex.blockSignals(False)
        if decoded and decoded.kecamatan_code and not self.kecamatan.currentData():
            i = self.kecamatan.findData(decoded.kecamatan_code)
            if i >= 0:
                self.kecamatan.setCurrentIndex(i)
        ok, text = nik_feedback(text, self.sex.currentData() or None, self.birth_date.value(), self.office_region)
        self.nik_info.setText(text)
        self.nik_info.setStyleSheet(f"color: {theme.ERROR if ok is False else theme.SUCCESS};")

    def _load(self, b) -> None:
        self.nik.setText(b.nik or "")
        self.no_nik.setChecked(not b.nik)
        if b.no_nik_reason:
            self.reason.setCurrentIndex(max(0, self.reason.findData(b.no_nik_reason)))
        self.kk.setText(b.kk or "")
        self.name.setText(b.name)
        self.sex.setCurrentIndex(self.sex.findData(b.sex))
        self.birth_place.setText(b.birth_place or "")
        self.birth_date.set_value(b.birth_date)
        self.kecamatan.setCurrentIndex(max(0, self.kecamatan.findData(b.kecamatan_code)))
        self.desa.setText(b.desa or "")
        self.rt.setText(b.rt or "")
        self.rw.setText(b.rw or "")
        self.street.setText(b.street or "")
        self.dtks.setText(b.dtks_id or "")
        self.found_via.setCurrentIndex(max(0, self.found_via.findData(b.found_via or "")))
        self.institution.setText(b.institution or "")
        self.notes.setPlainText(b.notes or "")
        self.status.setCurrentIndex(max(0, self.status.findData(b.status)))
        self.status_date.set_value(b.status_date)

    def data(self) -> reg.PersonData:
        status = self.status.currentData() or "active"
        status_date = self.status_date.value() if status != "active" else None
        return reg.PersonData(
            name=self.name.text(), sex=self.sex.currentData() or "", birth_date=self.birth_date.value(),
            kecamatan_code=self.kecamatan.currentData() or "", nik=None if self.no_nik.isChecked() else self.nik.text(),
            no_nik_reason=self.reason.currentData() if self.no_nik.isChecked() else None, kk=self.kk.text(),
            birth_place=self.birth_place.text(), desa=self.desa.text(), rt=self.rt.text(), rw=self.rw.text(),
            street=self.street.text(), dtks_id=self.dtks.text(), found_via=self.found_via.currentData() or None,
            institution=self.institution.text(), notes=self.notes.toPlainText(), status=status, status_date=status_date)

    def save(self) -> None:
        self.show_existing.hide()
        try:
            if self.person_id:
                reg.edit_person(self.ctx.ws, self.ctx.actor, self.person_id, self.data())
                self.saved_id = self.person_id
            else:
                chosen = [c for c, box in self.services.items() if box.isChecked()]
                self.saved_id = reg.create_person(self.ctx.ws, self.ctx.actor, self.data(), chosen, self.year.value())
        except Refused as exc:
            self.existing_id = getattr(exc, "existing_id", None)
            self.show_existing.setVisible(self.existing_id is not None)
            self.error.setText(str(exc) + ("\n" + ui_common.problems_text(exc) if exc.problems else ""))
            return
        except KemensosError as exc:
            ui_common.show_error(self, exc)
            return
        self.ctx.notify("spm_beneficiary")
        self.accept()

    def _typed(self) -> tuple:
        """What the form holds now, to tell whether Batal would throw typing away."""
        return (repr(self.data()), tuple(c for c, box in self.services.items() if box.isChecked()))

    def reject(self) -> None:  # Batal, Esc, the window's close button
        if self._typed() != self._as_opened and not ui_common.ask(
                self, tr("Buang data yang sudah diketik?"),
                tr("Isian formulir ini belum disimpan. Pilih Tidak untuk kembali ke formulir."), title=tr("Batal")):
            return
        super().reject()

    def _open_existing(self) -> None:
        if self.existing_id:
            PersonDialog(self.ctx, self.existing_id, self.parentWidget()).open()
            super().reject()  # the registered person's form takes over; nothing of this one is lost


def _wrap(layout) -> QWidget:
    w = QWidget()
    layout.setContentsMargins(0, 0, 0, 0)
    w.setLayout(layout)
    return w
