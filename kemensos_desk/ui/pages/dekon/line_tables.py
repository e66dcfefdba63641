"""Small editable tables of the allocation form: performance indicators and komponen lines.
Rows with an empty name are ignored, so an operator can leave a spare row blank."""
from __future__ import annotations

from decimal import Decimal

from PySide6.QtWidgets import QComboBox, QHBoxLayout, QTableWidget, QTableWidgetItem, QVBoxLayout, QWidget

from kemensos_desk.core import formatting
from kemensos_desk.core.errors import Problem, Refused
from kemensos_desk.core.i18n import Message, tr
from kemensos_desk.services.dekon import reference
from kemensos_desk.services.dekon.allocations import IndicatorInput, KomponenInput
from kemensos_desk.ui import common as ui_common
from kemensos_desk.ui.table_columns import fit_columns


_LABELS = {"indicator_target": "Target indikator", "komponen": "Pagu komponen (Rp)"}


def _number(text: str, field: str, whole: bool) -> Decimal:
    try:
        value = formatting.parse_angka(text or "0")
    except ValueError:
        value = None
    if value is None or (whole and value != value.to_integral_value()):
        raise Refused("Data alokasi belum benar.", problems=[Problem(
            field, Message("Harus bilangan bulat." if whole else "Harus angka."), value=text,
            label=tr(_LABELS.get(field, field)))])
    return value


class LineTable(QWidget):
    """A table whose columns are free text or a choice (``{code: label}``)."""

    COLUMNS: tuple = ()
    WIDTHS: tuple = ()  # pixels per column; 0 = takes the remaining width

    def __init__(self, parent=None):
        super().__init__(parent)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        self.table = QTableWidget(0, len(self.COLUMNS))
        self.table.setHorizontalHeaderLabels([tr(h) for h, _ in self.COLUMNS])
        self.table.verticalHeader().setVisible(False)
        fit_columns(self.table, "dekon/" + type(self).__name__, names=[c for c, w in enumerate(self.WIDTHS) if not w],
                    widths={c: w for c, w in enumerate(self.WIDTHS) if w})
        self.table.setMinimumHeight(110)
        layout.addWidget(self.table)
        bar = QHBoxLayout()
        self.add_button = ui_common.button(tr("Tambah baris"), "tambah")
        self.remove_button = ui_common.button(tr("Hapus baris"))
        self.add_button.clicked.connect(lambda: self.add_row())
        self.remove_button.clicked.connect(self.remove_row)
        bar.addWidget(self.add_button)
        bar.addWidget(self.remove_button)
        bar.addStretch(1)
        layout.addLayout(bar)

    def add_row(self, *values) -> int:
        r = self.table.rowCount()
        self.table.insertRow(r)
        for c, (_, kind) in enumerate(self.COLUMNS):
            value = values[c] if c < len(values) else None
            if isinstance(kind, dict):
                combo = QComboBox()
                for code, label in kind.items():
                    combo.addItem(tr(label), code)
                if value is not None:
                    combo.setCurrentIndex(max(combo.findData(value), 0))
                self.table.setCellWidget(r, c, combo)
            else:
                self.table.setItem(r, c, QTableWidgetItem("" if value is None else str(value)))
        return r

    def remove_row(self) -> None:
        r = self.table.currentRow()
        if r < 0:
            r = self.table.rowCount() - 1
        if r >= 0:
            self.table.removeRow(r)

    def set_cell(self, row: int, col: int, value) -> None:
        combo = self.table.cellWidget(row, col)
        if isinstance(combo, QComboBox):
            combo.setCurrentIndex(max(combo.findData(value), 0))
        else:
            self.table.setItem(row, col, QTableWidgetItem(str(value)))

    def cell(self, row: int, col: int):
        combo = self.table.cellWidget(row, col)
        if isinstance(combo, QComboBox):
            return combo.currentData()
        item = self.table.item(row, col)
        return item.text().strip() if item else ""

    def rows(self) -> list[list]:
        return [[self.cell(r, c) for c in range(len(self.COLUMNS))] for r in range(self.table.rowCount())]


class IndicatorTable(LineTable):
    COLUMNS = (("Nama indikator", "text"), ("Satuan", "text"), ("Target", "text"),
               ("Polaritas", reference.data()["indicator_polarities"]),
               ("Agregasi", reference.data()["indicator_aggregations"]))
    WIDTHS = (0, 70, 70, 190, 175)

    def set_lines(self, lines: list[IndicatorInput]) -> None:
        self.table.setRowCount(0)
        for i in lines:
            self.add_row(i.name, i.unit, formatting.angka(i.target, 2 if i.target != int(i.target) else 0),
                         i.polarity, i.aggregation)

    def lines(self) -> list[IndicatorInput]:
        return [IndicatorInput(name, unit or "-", _number(target, "indicator_target", whole=False), polarity, aggregation)
                for name, unit, target, polarity, aggregation in self.rows() if name]


class KomponenTable(LineTable):
    COLUMNS = (("Kode komponen", "text"), ("Uraian komponen", "text"), ("Pagu (Rp)", "text"))
    WIDTHS = (110, 0, 130)

    def set_lines(self, lines: list[KomponenInput]) -> None:
        self.table.setRowCount(0)
        for k in lines:
            self.add_row(k.code, k.name, formatting.angka(k.pagu))

    def lines(self) -> list[KomponenInput]:
        return [KomponenInput(code, name, int(_number(pagu, "komponen", whole=True)))
                for code, name, pagu in self.rows() if code or name]
