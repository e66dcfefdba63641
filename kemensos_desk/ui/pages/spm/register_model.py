"""The register's table model: it holds the row count of the filter and fetches ids and
rows a page at a time when the view asks for them, keeping a few pages in a small cache,
as Anki's browser does. A province register of a million people opens at once: opening
reads a count and one page, never the million ids.
"""
from __future__ import annotations

from collections import OrderedDict

from PySide6.QtCore import QAbstractTableModel, QModelIndex, Qt

from kemensos_desk.core import formatting
from kemensos_desk.core.i18n import tr
from kemensos_desk.services.spm.register_query import RegisterFilter, count_persons, person_ids, rows_by_ids

STATUS = {"active": "Aktif", "moved": "Pindah", "died": "Meninggal"}
COLUMNS = (("nik", "NIK"), ("name", "Nama"), ("sex", "L/P"), ("birth_date", "Tanggal lahir"),
           ("kecamatan", "Kecamatan"), ("desa", "Desa/Kelurahan"), ("services", "Layanan"), ("status", "Status"))


class RegisterModel(QAbstractTableModel):
    PAGE = 200
    CACHE_PAGES = 12

    def __init__(self, ws, parent=None):
        super().__init__(parent)
        self.ws = ws
        self.count = 0
        self.filter = RegisterFilter()
        self._pages: OrderedDict[int, list[dict | None]] = OrderedDict()
        self._page_ids: dict[int, list[int]] = {}
        self.fetches = 0  # how many pages were read (tests check the laziness)

    def set_filter(self, f: RegisterFilter) -> None:
        self.beginResetModel()
        self.filter = f
        with self.ws.store.session() as s:
            self.count = count_persons(s, f)
        self._pages.clear()
        self._page_ids.clear()
        self.endResetModel()

    def refresh(self) -> None:
        self.set_filter(self.filter)

    def rowCount(self, parent=QModelIndex()) -> int:
        return 0 if parent.isValid() else self.count

    def columnCount(self, parent=QModelIndex()) -> int:
        return 0 if parent.isValid() else len(COLUMNS)

    def headerData(self, section, orientation, role=Qt.DisplayRole):
        if role == Qt.DisplayRole and orientation == Qt.Horizontal:
            return tr(COLUMNS[section][1])
        return None

    def _page(self, page: int) -> list[dict | None]:
        rows = self._pages.get(page)
        if rows is not None:
            self._pages.move_to_end(page)
            return rows
        with self.ws.store.session() as s:
            ids = person_ids(s, self.filter, limit=self.PAGE, offset=page * self.PAGE)
            fetched = {d["id"]: d for d in rows_by_ids(s, ids)}
        rows = [fetched.get(i) for i in ids]
        self._pages[page] = rows
        self._page_ids[page] = ids
        self.fetches += 1
        while len(self._pages) > self.CACHE_PAGES:
            old, _ = self._pages.popitem(last=False)
            self._page_ids.pop(old, None)
        return rows

    def row(self, r: int) -> dict | None:
        if not 0 <= r < self.count:
            return None
        rows = self._page(r // self.PAGE)
        i = r % self.PAGE
        return rows[i] if i < len(rows) else None

    def person_id(self, r: int) -> int | None:
        d = self.row(r)
        return d["id"] if d else None

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
