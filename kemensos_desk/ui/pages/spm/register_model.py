"""The register's table model: it fetches ids and rows a page at a time when the view asks
for them, keeping a few pages in a small cache, as Anki's browser does. A province register
of a million people opens at once: opening reads one page, never the million ids.

The count of a search or a filter is capped: it is counted up to ``CAP`` rows only (the
early keystrokes of a search match most of the register, and counting them all was most
of a keystroke's time); the whole register, unfiltered, is counted exactly.
Beyond the cap the model says "more than 1,000" and grows as the user scrolls to the
bottom (``canFetchMore``/``fetchMore``), doubling each time, so no row is out of reach.
"""
from __future__ import annotations

from collections import OrderedDict

from PySide6.QtCore import QAbstractTableModel, QModelIndex, Qt
from PySide6.QtGui import QColor

from kemensos_desk.core import formatting, labels
from kemensos_desk.core.i18n import tr
from kemensos_desk.services.spm.register_query import RegisterFilter, count_persons, person_rows

STATUS = {"active": "Aktif", "moved": "Pindah", "died": "Meninggal"}
COLUMNS = (("nik", "NIK"), ("name", "Nama"), ("sex", "L/P"), ("birth_date", "Tanggal lahir"),
           ("kecamatan", "Kecamatan"), ("desa", "Desa/Kelurahan"), ("services", "Layanan"), ("status", "Status"))

# Looked up once: reading ``Qt.DisplayRole`` costs microseconds in PySide6, and a repaint
# asks data() over a thousand times.
_DISPLAY, _TOOLTIP, _FOREGROUND = Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole, Qt.ItemDataRole.ForegroundRole
_TEXT_ROLES = frozenset((_DISPLAY, _TOOLTIP))
_INACTIVE, _NO_NIK = QColor("#8a989e"), QColor("#b3261e")


def _cells(d: dict) -> tuple[tuple[str, ...], tuple[QColor | None, ...]]:
    """The texts and colours of one row, computed once when its page is read."""
    texts = []
    for key, _title in COLUMNS:
        if key == "nik":
            texts.append(d["nik"] or tr("(tanpa NIK)"))
        elif key == "birth_date":
            texts.append(formatting.tanggal(d["birth_date"]))
        elif key == "services":
            texts.append(", ".join(labels.service(code) for code in d["services"]))
        elif key == "status":
            texts.append(tr(STATUS.get(d["status"], d["status"])))
        else:
            texts.append(d.get(key) or "")
    if d["status"] != "active":
        colours = (_INACTIVE,) * len(COLUMNS)
    else:
        colours = (None if d["nik"] else _NO_NIK,) + (None,) * (len(COLUMNS) - 1)
    return tuple(texts), colours


class RegisterModel(QAbstractTableModel):
    PAGE = 100
    CACHE_PAGES = 24
    CAP = 1000  # rows counted per filter before "more than"

    def __init__(self, ws, parent=None):
        super().__init__(parent)
        self.ws = ws
        self.count = 0  # rows known (the row count); ``more``: the filter matches more
        self.more = False
        self._whole: int | None = None  # the whole register's count, once read
        self.filter = RegisterFilter()
        self._pages: OrderedDict[int, list[dict | None]] = OrderedDict()
        self._cells: dict[int, tuple] = {}  # page -> (texts, colours) of its rows
        self.fetches = 0  # how many pages were read (tests check the laziness)

    def set_filter(self, f: RegisterFilter) -> None:
        self.beginResetModel()
        self.filter = f
        # The whole register is counted exactly (its size is worth knowing) and the count is
        # kept until refresh(), i.e. the next change the app makes: clearing the search box
        # must not count a million rows again. A search or a filter is counted up to the cap.
        whole = f.is_whole_register()
        if whole and self._whole is not None:
            n = self._whole
        else:
            with self.ws.store.session() as s:
                n = count_persons(s, f, limit=None if whole else self.CAP + 1)
            if whole:
                self._whole = n
        self.count, self.more = (n, False) if whole else (min(n, self.CAP), n > self.CAP)
        self._pages.clear()
        self._cells.clear()
        self.endResetModel()

    def refresh(self) -> None:
        """Read again after a change: the counts and the pages."""
        self._whole = None
        self.set_filter(self.filter)

    def canFetchMore(self, parent=QModelIndex()) -> bool:
        return not parent.isValid() and self.more

    def fetchMore(self, parent=QModelIndex()) -> None:
        if parent.isValid() or not self.more:
            return
        step = max(self.CAP, self.count)  # doubling: a millionth row is ten scrolls away
        with self.ws.store.session() as s:
            n = count_persons(s, self.filter, limit=step + 1, offset=self.count)
        add = min(n, step)
        if add:
            self.beginInsertRows(QModelIndex(), self.count, self.count + add - 1)
            self.count += add
            self.more = n > step
            # The last page read may have been short: read it again with the new rows.
            last = (self.count - add) // self.PAGE
            for cache in (self._pages, self._cells):
                cache.pop(last, None)
            self.endInsertRows()
        else:
            self.more = False

    def count_text(self) -> str:
        """The status line: the exact count, or "more than" while the cap is not reached."""
        if self.more:
            return tr("lebih dari {n} penerima", n=formatting.angka(self.count))
        return tr("{n} penerima", n=formatting.angka(self.count))

    def rowCount(self, parent=QModelIndex()) -> int:
        return 0 if parent.isValid() else self.count

    def columnCount(self, parent=QModelIndex()) -> int:
        return 0 if parent.isValid() else len(COLUMNS)

    def headerData(self, section, orientation, role=Qt.DisplayRole):
        if role == _DISPLAY and orientation == Qt.Orientation.Horizontal:
            return tr(COLUMNS[section][1])
        return None

    def _page(self, page: int) -> list[dict | None]:
        rows = self._pages.get(page)
        if rows is not None:
            self._pages.move_to_end(page)
            return rows
        with self.ws.store.session() as s:
            rows = person_rows(s, self.filter, limit=self.PAGE, offset=page * self.PAGE)
        self._pages[page] = rows
        self._cells[page] = [_cells(d) if d else None for d in rows]
        self.fetches += 1
        while len(self._pages) > self.CACHE_PAGES:
            old, _ = self._pages.popitem(last=False)
            self._cells.pop(old, None)
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

    def _row_cells(self, r: int):
        page, i = divmod(r, self.PAGE)
        cells = self._cells.get(page)
        if cells is not None:
            self._pages.move_to_end(page)  # a page in view stays in the cache
        else:
            if not 0 <= r < self.count:
                return None
            self._page(page)
            cells = self._cells[page]
        return cells[i] if i < len(cells) else None

    def data(self, index: QModelIndex, role=Qt.DisplayRole):
        # Called for every role of every visible cell on each repaint: answer from the
        # texts prepared with the page, nothing else.
        text = role in _TEXT_ROLES
        if not text and role != _FOREGROUND:
            return None
        if not index.isValid():
            return None
        cells = self._row_cells(index.row())
        if cells is None:
            return None
        return cells[0][index.column()] if text else cells[1][index.column()]
