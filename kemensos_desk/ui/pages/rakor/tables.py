"""A small editable table with add/remove buttons, shared by the Rakor editors (Renstra
targets, proposals, problems). Rows are lists of text; numbers are parsed by the caller."""
from __future__ import annotations

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtWidgets import (QAbstractItemView, QComboBox, QHBoxLayout, QStyledItemDelegate,
                               QTableWidget, QTableWidgetItem, QVBoxLayout, QWidget)

from kemensos_desk.core.i18n import tr
from kemensos_desk.ui import common
from kemensos_desk.ui.table_columns import fit_columns

EDIT_TRIGGERS = (QAbstractItemView.DoubleClicked | QAbstractItemView.EditKeyPressed | QAbstractItemView.AnyKeyPressed
                 | QAbstractItemView.SelectedClicked)


class ChoiceDelegate(QStyledItemDelegate):
    """A column whose cells take one of a few words (e.g. Tinggi/Sedang/Rendah), picked from a list."""

    def __init__(self, choices: list[str], parent=None):
        super().__init__(parent)
        self.choices = choices

    def createEditor(self, parent, option, index):  # noqa: N802 (Qt)
        box = QComboBox(parent)
        box.addItems(self.choices)
        return box

    def setEditorData(self, editor, index):  # noqa: N802 (Qt)
        text = index.data() or ""
        editor.setCurrentIndex(max(0, editor.findText(text)))

    def setModelData(self, editor, model, index):  # noqa: N802 (Qt)
        model.setData(index, editor.currentText())


class EditTable(QWidget):
    edited = Signal()

    def __init__(self, headers: list[str], *, stretch: tuple[int, ...] = (), readonly: tuple[int, ...] = (),
                 right: tuple[int, ...] = (), widths: dict[int, int] | None = None, key: str = "", parent=None):
        super().__init__(parent)
        self.readonly_cols, self.right_cols = set(readonly), set(right)
        self.table = QTableWidget(0, len(headers))
        self.table.setHorizontalHeaderLabels(headers)
        self.table.setSelectionBehavior(QAbstractItemView.SelectRows)
        self.table.setWordWrap(True)
        self.table.verticalHeader().setDefaultSectionSize(28)
        head = self.table.horizontalHeader()
        # The text columns (``stretch``) get the room; long text wraps inside (ui/table_columns).
        self._fit = lambda: fit_columns(self.table, "rakor/" + (key or "|".join(headers)), names=stretch,
                                        wrap=True, widths=widths)
        self._fit()
        self._refit = QTimer(self, singleShot=True, interval=0)
        self._refit.timeout.connect(self._fit)
        # wrapped text needs taller rows once the stretched columns have their real width
        head.sectionResized.connect(lambda *_: self.table.resizeRowsToContents())
        self.table.itemChanged.connect(lambda _item: (self.table.resizeRowsToContents(), self.edited.emit()))
        self.add_button = common.button(tr("Tambah baris"), "tambah")
        self.remove_button = common.button(tr("Hapus baris"))
        self.add_button.clicked.connect(lambda: self.add_row())
        self.remove_button.clicked.connect(self.remove_selected)
        bar = QHBoxLayout()
        bar.addWidget(self.add_button)
        bar.addWidget(self.remove_button)
        bar.addStretch(1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.table, 1)
        layout.addLayout(bar)

    def resizeEvent(self, event) -> None:  # noqa: N802 (Qt)
        super().resizeEvent(event)
        QTimer.singleShot(0, self.table.resizeRowsToContents)

    def showEvent(self, event) -> None:  # noqa: N802 (Qt)
        super().showEvent(event)
        QTimer.singleShot(0, self.table.resizeRowsToContents)

    def add_row(self, values: list | None = None, key: str | None = None) -> int:
        r = self.table.rowCount()
        self.table.blockSignals(True)
        self.table.insertRow(r)
        for c in range(self.table.columnCount()):
            self.set_text(r, c, "" if values is None or c >= len(values) or values[c] is None else str(values[c]))
        self.table.blockSignals(False)
        self.table.setVerticalHeaderItem(r, QTableWidgetItem(str(r + 1)))
        if key:
            self.table.verticalHeaderItem(r).setData(Qt.UserRole, key)
        self.table.resizeRowToContents(r)
        self._refit.start()  # once for a burst of rows
        self.edited.emit()
        return r

    def set_text(self, r: int, c: int, text: str) -> None:
        item = self.table.item(r, c)
        fresh = item is None
        item = item or QTableWidgetItem()
        item.setText(text)
        if c in self.readonly_cols:
            item.setFlags(item.flags() & ~Qt.ItemIsEditable)
        if c in self.right_cols:
            item.setTextAlignment(Qt.AlignRight | Qt.AlignVCenter)
        if fresh:
            self.table.setItem(r, c, item)

    def text(self, r: int, c: int) -> str:
        item = self.table.item(r, c)
        return item.text().strip() if item else ""

    def key(self, r: int) -> str | None:
        head = self.table.verticalHeaderItem(r)
        return head.data(Qt.UserRole) if head else None

    def remove_selected(self) -> None:
        for r in sorted({i.row() for i in self.table.selectedIndexes()}, reverse=True):
            self.table.removeRow(r)
        self.edited.emit()

    def clear(self) -> None:
        self.table.setRowCount(0)

    def set_editable(self, editable: bool) -> None:
        self.table.setEditTriggers(EDIT_TRIGGERS if editable else QAbstractItemView.NoEditTriggers)
        self.add_button.setEnabled(editable)
        self.remove_button.setEnabled(editable)
