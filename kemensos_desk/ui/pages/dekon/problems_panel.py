"""Problems (*permasalahan*) of an RO and their follow-ups (*tindak lanjut*): a new problem is
recorded in the chosen month; a follow-up recorded in the chosen month moves the selected
problem's status on (e.g. to Selesai), so the history of what was done stays readable."""
from __future__ import annotations

from PySide6.QtWidgets import (QComboBox, QFormLayout, QGroupBox, QLineEdit, QTableWidget,
                               QTableWidgetItem, QVBoxLayout, QWidget)

from kemensos_desk.core import formatting
from kemensos_desk.core.i18n import tr
from kemensos_desk.services.dekon import activity, reference
from kemensos_desk.ui import common as ui_common
from kemensos_desk.ui.table_columns import fit_columns


def _status_combo(statuses: dict[str, str]) -> QComboBox:
    combo = QComboBox()
    for code, name in statuses.items():
        combo.addItem(tr(name), code)
    return combo


class ProblemsPanel(QWidget):
    HEADERS = ("Bulan", "Permasalahan", "Status", "Tindak lanjut terakhir")

    def __init__(self, ctx, current, parent=None):
        """``current()`` gives (year, RO code or None, month) of the monthly entry."""
        super().__init__(parent)
        self.ctx, self.current, self.items = ctx, current, []
        layout = QVBoxLayout(self)
        self.table = QTableWidget(0, len(self.HEADERS))
        self.table.setObjectName("problemTable")
        self.table.setHorizontalHeaderLabels([tr(h) for h in self.HEADERS])
        self.table.verticalHeader().setVisible(False)
        self.table.setEditTriggers(QTableWidget.NoEditTriggers)
        self.table.setSelectionBehavior(QTableWidget.SelectRows)
        self.table.setSelectionMode(QTableWidget.SingleSelection)
        self.table.setWordWrap(True)
        layout.addWidget(self.table, 1)
        self.empty = ui_common.muted("")
        layout.addWidget(self.empty)
        can_edit = ctx.actor.can("data.edit")
        new_box = QGroupBox(tr("Permasalahan baru"))
        pform = QFormLayout(new_box)
        self.problem = QLineEdit()
        self.follow_up = QLineEdit()
        self.problem_status = _status_combo(reference.problem_statuses())
        self.problem_button = ui_common.button(tr("Catat permasalahan"), "tambah")
        self.problem_button.setEnabled(can_edit)
        for label, w in (("Permasalahan", self.problem), ("Tindak lanjut", self.follow_up), ("Status", self.problem_status)):
            pform.addRow(tr(label), w)
        pform.addRow(self.problem_button)
        layout.addWidget(new_box)
        fu_box = QGroupBox(tr("Tindak lanjut untuk permasalahan terpilih"))
        fform = QFormLayout(fu_box)
        self.action = QLineEdit()
        self.action_status = _status_combo(reference.follow_up_statuses())
        self.new_status = _status_combo(reference.problem_statuses())
        self.follow_up_button = ui_common.button(tr("Catat tindak lanjut"), "centang")
        self.follow_up_button.setEnabled(can_edit)
        for label, w in (("Tindak lanjut", self.action), ("Status tindak lanjut", self.action_status),
                         ("Status permasalahan", self.new_status)):
            fform.addRow(tr(label), w)
        fform.addRow(self.follow_up_button)
        layout.addWidget(fu_box)
        self.problem_button.clicked.connect(self.add_problem)
        self.follow_up_button.clicked.connect(self.add_follow_up)
        self.table.itemSelectionChanged.connect(self._selection_changed)

    def refresh(self) -> None:
        year, ro, _ = self.current()
        self.items = [p for p in activity.problems(self.ctx.ws, year) if p["ro"] == ro] if ro else []
        names, fu_names = reference.problem_statuses(), reference.follow_up_statuses()
        self.table.setRowCount(len(self.items))
        for r, p in enumerate(self.items):
            last = p["follow_ups"][-1] if p["follow_ups"] else None
            fu = (tr("{action} ({status}, {month})", action=last["action"], status=tr(fu_names.get(last["status"], last["status"])),
                     month=formatting.nama_bulan(last["month"])) if last else formatting.KOSONG)
            cells = (formatting.nama_bulan(p["month"]), p["description"], tr(names.get(p["status"], p["status"])), fu)
            for c, text in enumerate(cells):
                self.table.setItem(r, c, QTableWidgetItem(text))
        fit_columns(self.table, "dekon/permasalahan", names=(1, 3), wrap=True)  # long sentences wrap
        self.empty.setText("" if self.items else tr("Belum ada permasalahan tercatat untuk RO ini."))
        self.empty.setVisible(not self.items)
        self._selection_changed()

    def selected(self) -> dict | None:
        r = self.table.currentRow()
        return self.items[r] if 0 <= r < len(self.items) and self.table.selectionModel().hasSelection() else None

    def _selection_changed(self) -> None:
        p = self.selected()
        self.follow_up_button.setEnabled(p is not None and self.ctx.actor.can("data.edit"))
        if p is not None:
            self.new_status.setCurrentIndex(max(self.new_status.findData(p["status"]), 0))

    def add_problem(self) -> bool:
        year, ro, month = self.current()
        if ro is None:
            return False
        try:
            activity.add_problem(self.ctx.ws, self.ctx.actor, year, ro, month, self.problem.text(),
                                 self.problem_status.currentData(), follow_up=self.follow_up.text())
        except Exception as exc:
            ui_common.show_error(self, exc)
            return False
        self.problem.clear()
        self.follow_up.clear()
        self.ctx.notify("dekon_problems")
        self.refresh()
        return True

    def add_follow_up(self) -> bool:
        """Record a follow-up in the chosen month and move the problem to the chosen status."""
        p = self.selected()
        year, ro, month = self.current()
        if p is None or ro is None:
            return False
        try:
            activity.add_follow_up(self.ctx.ws, self.ctx.actor, p["id"], month, self.action.text(),
                                   self.action_status.currentData(), problem_status=self.new_status.currentData())
        except Exception as exc:
            ui_common.show_error(self, exc)
            return False
        self.action.clear()
        self.ctx.notify("dekon_problems")
        self.refresh()
        return True
