"""The allocation form: one RO with its RPD per month and (optionally) one indicator.
The service's rules answer; their problems are listed under the form, field by field."""
from __future__ import annotations

from decimal import Decimal

from PySide6.QtWidgets import (QComboBox, QDialog, QDialogButtonBox, QFormLayout, QGridLayout, QGroupBox, QLabel,
                               QLineEdit, QSpinBox, QVBoxLayout)

from kemensos_desk.core import formatting
from kemensos_desk.core.errors import KemensosError, Problem, Refused
from kemensos_desk.core.i18n import Message, tr
from kemensos_desk.services.dekon import allocations, reference
from kemensos_desk.services.dekon.allocations import AllocationInput, IndicatorInput


FIELD_LABELS = {"source": "Sumber dana", "program": "Program", "kegiatan": "Kode RO", "kro": "Kode RO",
                "ro_code": "Kode RO", "name": "Uraian RO", "target_volume": "Target volume", "unit": "Satuan",
                "pagu": "Pagu (Rp)", "kabkota_code": "Kode Kab/Kota", "rpd": "RPD"}


def _money(text: str, field: str) -> int:
    try:
        value = formatting.parse_angka(text or "0")
    except ValueError:
        raise Refused("Data alokasi belum benar.", problems=[Problem(field, Message("Harus bilangan bulat."), value=text)]) from None
    if value != value.to_integral_value():
        raise Refused("Data alokasi belum benar.", problems=[Problem(field, Message("Harus bilangan bulat."), value=text)])
    return int(value)


class AllocationForm(QDialog):
    def __init__(self, ctx, year: int, parent=None):
        super().__init__(parent)
        self.ctx, self.year = ctx, year
        self.setWindowTitle(tr("Tambah alokasi RO {year}", year=year))
        layout = QVBoxLayout(self)
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
        layout.addLayout(form)
        rpd_box = QGroupBox(tr("Rencana penarikan dana (RPD) per bulan"))
        grid = QGridLayout(rpd_box)
        self.rpd: dict[int, QLineEdit] = {}
        for m in range(1, 13):
            edit = QLineEdit()
            edit.setPlaceholderText("0")
            self.rpd[m] = edit
            grid.addWidget(QLabel(formatting.nama_bulan(m)[:3]), (m - 1) // 4 * 2, (m - 1) % 4)
            grid.addWidget(edit, (m - 1) // 4 * 2 + 1, (m - 1) % 4)
        layout.addWidget(rpd_box)
        ind_box = QGroupBox(tr("Indikator kinerja (boleh kosong)"))
        ind = QFormLayout(ind_box)
        self.ind_name, self.ind_unit, self.ind_target = QLineEdit(), QLineEdit("orang"), QLineEdit()
        self.ind_polarity = QComboBox()
        self.ind_polarity.addItem(tr("Makin tinggi makin baik"), "higher")
        self.ind_polarity.addItem(tr("Makin rendah makin baik"), "lower")
        self.ind_aggregation = QComboBox()
        self.ind_aggregation.addItem(tr("Dijumlahkan per bulan"), "sum")
        self.ind_aggregation.addItem(tr("Nilai bulan terakhir"), "last")
        for label, w in (("Nama indikator", self.ind_name), ("Satuan", self.ind_unit), ("Target", self.ind_target),
                         ("Polaritas", self.ind_polarity), ("Agregasi", self.ind_aggregation)):
            ind.addRow(tr(label), w)
        layout.addWidget(ind_box)
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

    def allocation(self) -> AllocationInput:
        ro = self.ro_code.text().strip().upper()
        parts = ro.split(".")
        indicators = []
        if self.ind_name.text().strip():
            try:
                target = formatting.parse_angka(self.ind_target.text())
            except ValueError:
                target = Decimal(0)
            indicators.append(IndicatorInput(self.ind_name.text().strip(), self.ind_unit.text().strip() or "-", target,
                                             self.ind_polarity.currentData(), self.ind_aggregation.currentData()))
        rpd = {m: _money(e.text(), f"rpd_{m}") for m, e in self.rpd.items() if e.text().strip()}
        return AllocationInput(
            year=self.year, source=self.source.currentData(), program=self.program.text(),
            kegiatan=parts[0] if parts else "", kro=parts[1] if len(parts) > 1 else "", ro_code=ro,
            name=self.name.text(), target_volume=self.target.value(), unit=self.unit.currentText(),
            pagu=_money(self.pagu.text(), "pagu"), kabkota_code=self.kabkota.text().strip() or None,
            rpd={m: v for m, v in rpd.items() if v}, indicators=indicators)

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
