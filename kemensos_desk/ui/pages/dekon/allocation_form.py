"""The allocation form: one RO with its RPD per month, its performance indicators and its
komponen lines; used to add an RO and to edit one (the RO code is then fixed). The service's
rules answer; their problems are listed under the form, field by field."""
from __future__ import annotations

from PySide6.QtCore import QSize
from PySide6.QtWidgets import (QComboBox, QDialog, QDialogButtonBox, QFormLayout, QGridLayout, QGroupBox,
                               QLabel, QLineEdit, QSpinBox, QVBoxLayout, QWidget)

from kemensos_desk.core import formatting
from kemensos_desk.core.errors import KemensosError, Problem, Refused
from kemensos_desk.core.i18n import Message, tr
from kemensos_desk.services.dekon import allocations, reference
from kemensos_desk.services.dekon.allocations import AllocationInput
from kemensos_desk.ui.pages.dekon.line_tables import IndicatorTable, KomponenTable
from kemensos_desk.ui import fit
from kemensos_desk.ui.widgets.side_by_side import SideBySide


FIELD_LABELS = {"source": "Sumber dana", "program": "Program", "kegiatan": "Kode RO", "kro": "Kode RO",
                "ro_code": "Kode RO", "name": "Uraian RO", "target_volume": "Target volume", "unit": "Satuan",
                "pagu": "Pagu (Rp)", "kabkota_code": "Kode Kab/Kota", "kecamatan_code": "Kecamatan", "rpd": "RPD",
                "komponen": "Komponen"}


def _money(text: str, field: str) -> int:
    try:
        value = formatting.parse_angka(text or "0")
    except ValueError:
        value = None
    if value is None or value != value.to_integral_value():
        month = field.removeprefix("rpd_")
        label = (tr("RPD {month}", month=formatting.nama_bulan(int(month))) if month.isdigit()
                 else tr(FIELD_LABELS.get(field, field)))
        raise Refused("Data alokasi belum benar.", problems=[
            Problem(field, Message("Harus bilangan bulat."), value=text, label=label)])
    return int(value)


class AllocationForm(QDialog):
    def __init__(self, ctx, year: int, parent=None, existing: AllocationInput | None = None):
        super().__init__(parent)
        self.ctx, self.year, self.existing = ctx, year, existing
        self.setWindowTitle(tr("Ubah alokasi RO {ro}", ro=existing.ro_code) if existing
                            else tr("Tambah alokasi RO {year}", year=year))
        layout = QVBoxLayout(self)
        # The two columns side by side on a wide screen, one above the other on a narrow one;
        # on a short screen they scroll and Simpan/Batal stay on screen.
        columns = SideBySide(900)
        left_panel, right_panel = QWidget(), QWidget()
        left, right = QVBoxLayout(left_panel), QVBoxLayout(right_panel)
        left.setContentsMargins(0, 0, 0, 0)
        right.setContentsMargins(0, 0, 0, 0)
        columns.add(left_panel, 2)
        columns.add(right_panel, 3)
        layout.addWidget(fit.scroll_body(columns), 1)
        form = QFormLayout()
        self.source = QComboBox()
        for code in ("DK", "TP"):
            self.source.addItem(f"{code} – {reference.source_name(code)}", code)
        self.program = QLineEdit("Program Pemberdayaan Sosial")
        self.ro_code = QLineEdit()
        self.ro_code.setPlaceholderText("6288.QDB.001")
        self.name = QLineEdit()
        self.target = QSpinBox()
        self.target.setRange(0, 10_000_000)
        self.unit = QComboBox()
        self.unit.addItems(reference.units())
        self.pagu = QLineEdit()
        self.pagu.setPlaceholderText("500.000.000")
        self.kabkota = QLineEdit()
        self.kabkota.setPlaceholderText(tr("mis. 32.10 (boleh kosong)"))
        for label, w in (("Sumber dana", self.source), ("Program", self.program), ("Kode RO", self.ro_code),
                         ("Uraian RO", self.name), ("Target volume", self.target), ("Satuan", self.unit),
                         ("Pagu (Rp)", self.pagu), ("Kode Kab/Kota", self.kabkota)):
            form.addRow(tr(label), w)
        left.addLayout(form)
        rpd_box = QGroupBox(tr("Rencana penarikan dana (RPD) per bulan"))
        grid = QGridLayout(rpd_box)
        self.rpd: dict[int, QLineEdit] = {}
        for m in range(1, 13):
            edit = QLineEdit()
            edit.setPlaceholderText("0")
            self.rpd[m] = edit
            grid.addWidget(QLabel(formatting.nama_bulan(m)[:3]), (m - 1) // 4 * 2, (m - 1) % 4)
            grid.addWidget(edit, (m - 1) // 4 * 2 + 1, (m - 1) % 4)
        left.addWidget(rpd_box)
        left.addStretch(1)
        ind_box = QGroupBox(tr("Indikator kinerja (boleh kosong)"))
        self.indicators = IndicatorTable()
        QVBoxLayout(ind_box).addWidget(self.indicators)
        right.addWidget(ind_box, 1)
        komp_box = QGroupBox(tr("Komponen (boleh kosong)"))
        self.komponen = KomponenTable()
        QVBoxLayout(komp_box).addWidget(self.komponen)
        right.addWidget(komp_box, 1)
        self.problems = QLabel()
        self.problems.setObjectName("formProblems")
        self.problems.setWordWrap(True)
        self.problems.setStyleSheet("color: #b3261e;")
        layout.addWidget(self.problems)
        buttons = QDialogButtonBox(QDialogButtonBox.Save | QDialogButtonBox.Cancel)
        buttons.button(QDialogButtonBox.Save).setText(tr("Simpan"))
        buttons.button(QDialogButtonBox.Cancel).setText(tr("Batal"))
        buttons.accepted.connect(self.save)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)
        fit.fit_dialog(self, QSize(1120, 560))
        if existing is not None:
            self._fill(existing)
        else:
            self.indicators.add_row("", "orang", "", "higher", "sum")

    def _fill(self, d: AllocationInput) -> None:
        self.source.setCurrentIndex(max(self.source.findData(d.source), 0))
        self.program.setText(d.program)
        self.ro_code.setText(d.ro_code)
        self.ro_code.setReadOnly(True)  # the RO code is the allocation's identity; a new code is a new RO
        self.name.setText(d.name)
        self.target.setValue(d.target_volume)
        self.unit.setCurrentText(d.unit)
        self.pagu.setText(formatting.angka(d.pagu))
        self.kabkota.setText(d.kabkota_code or "")
        for m, amount in d.rpd.items():
            self.rpd[m].setText(formatting.angka(amount))
        self.indicators.set_lines(d.indicators)
        self.komponen.set_lines(d.komponen)

    def allocation(self) -> AllocationInput:
        ro = self.ro_code.text().strip().upper()
        parts = ro.split(".")
        rpd = {m: _money(e.text(), f"rpd_{m}") for m, e in self.rpd.items() if e.text().strip()}
        kab = self.kabkota.text().strip() or None
        kec = self.existing.kecamatan_code if self.existing and kab == self.existing.kabkota_code else None
        return AllocationInput(
            year=self.year, source=self.source.currentData(), program=self.program.text(),
            kegiatan=parts[0] if parts else "", kro=parts[1] if len(parts) > 1 else "", ro_code=ro,
            name=self.name.text(), target_volume=self.target.value(), unit=self.unit.currentText(),
            pagu=_money(self.pagu.text(), "pagu"), kabkota_code=kab, kecamatan_code=kec,
            rpd={m: v for m, v in rpd.items() if v}, indicators=self.indicators.lines(),
            komponen=self.komponen.lines(), notes=self.existing.notes if self.existing else None)

    def save(self) -> bool:
        try:
            allocations.save(self.ctx.ws, self.ctx.actor, self.allocation())
        except KemensosError as exc:
            lines = [f"• {tr(FIELD_LABELS.get(p.field, 'Indikator' if p.field.startswith('indicator') else 'RPD'))}: "
                     f"{p.message}" for p in getattr(exc, "problems", [])] or [str(exc)]
            self.problems.setText("\n".join(lines))
            return False
        self.ctx.notify("dekon_allocations")
        self.accept()
        return True
