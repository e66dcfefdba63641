"""Log Audit (administrators): who changed what and when, with before/after values.

The table model holds only the ids (``audit_log.ids``) and fetches rows a page at a
time as they scroll into view (``audit_log.rows``), keeping a small cache, in the
manner of Anki's browser table: a log of a hundred thousand entries opens at once.
"""
from __future__ import annotations

import html
import json
from collections import OrderedDict

from PySide6.QtCore import QAbstractTableModel, QModelIndex, Qt, QTimer
from PySide6.QtGui import QBrush, QColor
from PySide6.QtWidgets import (QAbstractItemView, QHBoxLayout, QLabel, QLineEdit, QSplitter, QTableView,
                               QTableWidget, QTableWidgetItem, QVBoxLayout, QWidget)

from kemensos_desk.core import formatting, labels
from kemensos_desk.core.i18n import tr
from kemensos_desk.services import audit_log
from kemensos_desk.ui import common, theme
from kemensos_desk.ui.table_columns import fit_columns
from kemensos_desk.ui.widgets import empty_state

PAGE = 100
CACHE_PAGES = 20
COLUMNS = ("Waktu", "Pengguna", "Tindakan", "Data", "Rekaman", "Ringkasan")


def _show(value) -> str:
    if value is None:
        return "–"
    if isinstance(value, bool):
        return tr("ya") if value else tr("tidak")
    if isinstance(value, (dict, list)):
        return json.dumps(value, ensure_ascii=False)
    return str(value)


class AuditModel(QAbstractTableModel):
    def __init__(self, ctx, parent=None):
        super().__init__(parent)
        self.ctx = ctx
        self.ids: list[int] = []
        self._cache: OrderedDict[int, dict[int, dict]] = OrderedDict()  # page number -> rows by id
        self.fetches = 0  # how many pages were read (tests check the laziness)

    def load(self, text: str | None = None) -> None:
        self.beginResetModel()
        self.ids = audit_log.ids(self.ctx.ws, self.ctx.actor, text or None)
        self._cache.clear()
        self.endResetModel()

    def rowCount(self, parent=QModelIndex()) -> int:  # noqa: N802
        return 0 if parent.isValid() else len(self.ids)

    def columnCount(self, parent=QModelIndex()) -> int:  # noqa: N802
        return len(COLUMNS)

    def headerData(self, section, orientation, role=Qt.DisplayRole):  # noqa: N802
        if orientation == Qt.Horizontal and role == Qt.DisplayRole:
            return tr(COLUMNS[section])
        return None

    def entry(self, row: int) -> dict | None:
        if not 0 <= row < len(self.ids):
            return None
        page = row // PAGE
        rows = self._cache.get(page)
        if rows is None:
            chunk = self.ids[page * PAGE:(page + 1) * PAGE]
            rows = audit_log.rows(self.ctx.ws, self.ctx.actor, chunk)
            self.fetches += 1
            self._cache[page] = rows
            while len(self._cache) > CACHE_PAGES:
                self._cache.popitem(last=False)
        else:
            self._cache.move_to_end(page)
        return rows.get(self.ids[row])

    def data(self, index, role=Qt.DisplayRole):
        if not index.isValid():
            return None
        e = self.entry(index.row())
        if e is None:
            return None
        col = index.column()
        if role == Qt.DisplayRole:
            return (common.local_time_text(e["at"]), e["username"] or "", e["action_label"],
                    e["entity_label"], e["subject"], e["summary"] or "")[col]
        if role == Qt.ForegroundRole and e["action"] in ("login_failed", "lock", "recovery_failed", "delete"):
            return QBrush(QColor(theme.ERROR))
        if role == Qt.ToolTipRole and col == 5:
            return e["summary"]
        return None


class AuditTab(QWidget):
    def __init__(self, ctx, parent=None):
        super().__init__(parent)
        self.ctx = ctx
        layout = QVBoxLayout(self)
        layout.setContentsMargins(20, 18, 20, 18)
        layout.setSpacing(10)
        bar = QHBoxLayout()
        self.search = QLineEdit()
        self.search.setObjectName("auditSearch")
        self.search.setPlaceholderText(tr("Cari pengguna, tindakan, data atau ringkasan…"))
        self.search.addAction(theme.icon("cari", theme.MUTED), QLineEdit.LeadingPosition)
        self.search.setClearButtonEnabled(True)
        bar.addWidget(self.search, 1)
        self.count = QLabel()
        self.count.setObjectName("muted")
        bar.addWidget(self.count)
        layout.addLayout(bar)
        self.model = AuditModel(ctx, self)
        self.table = QTableView()
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SingleSelection)
        self.table.setAlternatingRowColors(True)
        self.table.setShowGrid(False)
        self.table.verticalHeader().hide()
        self.table.verticalHeader().setDefaultSectionSize(28)
        header = self.table.horizontalHeader()
        header.setDefaultAlignment(Qt.AlignLeft | Qt.AlignVCenter)
        fit_columns(self.table, "pengaturan/audit", names=(5,), widths=dict(enumerate((185, 120, 160, 110, 140))))
        self.detail = QWidget()
        dl = QVBoxLayout(self.detail)
        dl.setContentsMargins(0, 8, 0, 0)
        dl.setSpacing(6)
        self.detail_title = QLabel(tr("Pilih satu baris untuk melihat rinciannya."))
        self.detail_title.setObjectName("muted")
        self.detail_title.setWordWrap(True)
        dl.addWidget(self.detail_title)
        self.changes = QTableWidget(0, 3)
        self.changes.setObjectName("auditChanges")
        self.changes.setHorizontalHeaderLabels([tr("Kolom"), tr("Sebelum"), tr("Sesudah")])
        self.changes.verticalHeader().hide()
        self.changes.setEditTriggers(QAbstractItemView.NoEditTriggers)
        self.changes.setShowGrid(False)
        ch = self.changes.horizontalHeader()
        ch.setDefaultAlignment(Qt.AlignLeft | Qt.AlignVCenter)
        fit_columns(self.changes, "pengaturan/audit-rincian", names=(1, 2), wrap=True)
        dl.addWidget(self.changes, 1)
        split = QSplitter(Qt.Vertical)
        split.addWidget(self.table)
        split.addWidget(self.detail)
        split.setStretchFactor(0, 3)
        split.setStretchFactor(1, 2)
        layout.addWidget(split, 1)
        self.empty_state = empty_state.attach(self.table, lambda: tr(
            "Tidak ada catatan yang cocok dengan “{text}”.", text=self.search.text().strip())
            if self.search.text().strip() else tr("Belum ada catatan."))
        self._debounce = QTimer(self)
        self._debounce.setSingleShot(True)
        self._debounce.setInterval(300)
        self._debounce.timeout.connect(self.reload)
        self.search.textChanged.connect(lambda *_: self._debounce.start())
        self.table.selectionModel().currentRowChanged.connect(lambda cur, _prev: self.show_detail(cur.row()))
        ctx.changed.connect(lambda kinds: self.isVisible() and self.reload())
        self.reload()

    def showEvent(self, event) -> None:  # noqa: N802
        super().showEvent(event)
        self.reload()  # the log grows with every action elsewhere

    def reload(self) -> None:
        self.model.load(self.search.text().strip())
        self.count.setText(tr("{n} catatan", n=formatting.angka(len(self.model.ids))))
        self.show_detail(-1)

    def show_detail(self, row: int) -> None:
        e = self.model.entry(row) if row >= 0 else None
        if e is None:
            self.detail_title.setText(tr("Pilih satu baris untuk melihat rinciannya."))
            self.changes.setRowCount(0)
            return
        what = " · ".join(x for x in (e["action_label"], e["entity_label"], e["subject"]) if x)
        self.detail_title.setText(f"<b>{html.escape(what)}</b> — {common.local_time_text(e['at'])}, "
                                  f"{html.escape(e['username'] or '–')}"
                                  + (f"<br>{html.escape(e['summary'])}" if e["summary"] else ""))
        before, after = e["before"] or {}, e["after"] or {}
        keys = sorted(set(before) | set(after))
        if not keys:
            self.detail_title.setText(self.detail_title.text() + "<br><i>" +
                                      html.escape(tr("Peristiwa ini tidak mengubah nilai data.")) + "</i>")
        self.changes.setRowCount(len(keys))
        changed_bg = QBrush(QColor("#fff6e0"))
        for row_i, key in enumerate(keys):
            cells = (labels.field(key), _show(before.get(key)) if e["before"] is not None else "", _show(after.get(key))
                     if e["after"] is not None else "")
            for col, text in enumerate(cells):
                item = QTableWidgetItem(text)
                item.setToolTip(text)
                if e["before"] is not None and e["after"] is not None and before.get(key) != after.get(key):
                    item.setBackground(changed_bg)
                self.changes.setItem(row_i, col, item)
        fit_columns(self.changes, "pengaturan/audit-rincian", names=(1, 2), wrap=True)
