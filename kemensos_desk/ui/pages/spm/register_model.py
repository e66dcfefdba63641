"""The register's table model: it holds only the ids of the rows (one query per filter)
and fetches rows a page at a time when the view asks for them, keeping a few pages in a
small cache, as Anki's browser does. A province register of a million people opens at once.
"""
from __future__ import annotations

from collections import OrderedDict

from PySide6.QtCore import QAbstractTableModel, QModelIndex, Qt

from kemensos_desk.core import formatting
from kemensos_desk.core.i18n import tr
from kemensos_desk.services.spm.register_query import RegisterFilter, person_ids, rows_by_ids

STATUS = {"active": "Aktif", "moved": "Pindah", "died": "Meninggal"}
COLUMNS = (("nik", "NIK"), ("name", "Nama"), ("sex", "L/P"), ("birth_date", "Tanggal lahir"),
           ("kecamatan", "Kecamatan"), ("desa", "Desa/Kelurahan"), ("services", "Layanan"), ("status", "Status"))


class RegisterModel(QAbstractTableModel):
    PAGE = 200
    CACHE_PAGES = 12

    def __init__(self, ws, parent=None):
        super().__init__(parent)
        self.ws = ws
        self.ids: list[int] = []
        self.filter = RegisterFilter()
        self._pages: OrderedDict[int, list[dict]] = OrderedDict()
        self.fetches = 0  # how many pages were read (tests check the laziness)

    def set_filter(self, f: RegisterFilter) -> None:
        self.beginResetModel()
        self.filter = f
        with self.ws.store.session() as s:
            self.ids = person_ids(s, f)
        self._pages.clear()
        self.endResetModel()

    def refresh(self) -> None:
        self.set_filter(self.filter)

    def rowCount(self, parent=QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self.ids)

    def columnCount(self, parent=QModelIndex()) -> int:
        return 0 if parent.isValid() else len(COLUMNS)

    def headerData(self, section, orientation, role=Qt.DisplayRole):
        if role == Qt.DisplayRole and orientation == Qt.Horizontal:
            return tr(COLUMNS[section][1])
        return None

    def row(self, r: int) -> dict | None:
        if not 0 <= r < len(self.ids):
            return None
        page = r // self.PAGE
        rows = self._pages.get(page)
        if rows is None:
            with self.ws.store.session() as s:
                fetched = {d["id"]: d for d in rows_by_ids(s, self.ids[page * self.PAGE:(page + 1) * self.PAGE])}
            rows = [fetched.get(i) for i in self.ids[page * self.PAGE:(page + 1) * self.PAGE]]
            self._pages[page] = rows
            self.fetches += 1
            while len(self._pages) > self.CACHE_PAGES:
                self._pages.popitem(last=False)
        else:
            self._pages.move_to_end(page)
        return rows[r - page * self.PAGE]

    def person_id(self, r: int) -> int | None:
        return self.ids[r] if 0 <= r < len(self.ids) else None

    def data(self, index: QModelIndex, role=Qt.DisplayRole):
        if not index.isValid() or role not in (Qt.DisplayRole, Qt.ToolTipRole, Qt.ForegroundRole):
            return None
        d = self.row(index.row())
        if d is None:
            return None
        key = COLUMNS[index.column()][0]
        if role == Qt.ForegroundRole:
            from PySide6.QtGui import QColor

            if d["status"] != "active":
                return QColor("#8a989e")
            if key == "nik" and not d["nik"]:
                return QColor("#b3261e")
            return None
        if key == "nik":
            return d["nik"] or tr("(tanpa NIK)")
        if key == "birth_date":
            return formatting.tanggal(d["birth_date"])
        if key == "services":
            return ", ".join(d["services"])
        if key == "status":
            return tr(STATUS.get(d["status"], d["status"]))
        return d.get(key) or ""
