"""One way every table sizes its columns (issue 16): ``fit_columns(table, key, names=(…))``.

- Columns that carry names (``names``: RO/kegiatan, uraian, office, person) get the room:
  each is as wide as its longest text (up to ``NAME_MAX``) and takes the spare width of the
  table, so "Dinas Sosial Kabupaten …" is read whole on a wide window and the table scrolls
  sideways on a narrow one instead of cutting names to "/Kegia".
- Other columns fit their contents up to ``OTHER_MAX``.
- A cell whose text does not fit shows it whole as a tooltip; ``wrap=True`` wraps long texts
  (problems, recommendations) over several lines instead.
- A width the user drags is remembered per table (``key``) in QSettings and wins from then on.

Call it after each fill of the table; it is cheap for the tables it is used on (the lazy
SPM register only reads its loaded rows).
"""
from __future__ import annotations

import json

import shiboken6

from PySide6.QtCore import QEvent, QObject, QSettings, Qt, QTimer
from PySide6.QtWidgets import QAbstractItemView, QApplication, QHeaderView, QTableView, QToolTip

NAME_MAX = 420
WRAP_NAME_MAX = 240
NAME_MIN = 220  # a name column never gets narrower than this (its full text is in the tooltip)
OTHER_MAX = 260
SETTINGS_GROUP = "lebar-kolom"


def settings() -> QSettings:
    """Window layout preferences of this user (not office data: never in the database or a bundle)."""
    return QSettings(QSettings.IniFormat, QSettings.UserScope, "Kemensos Desk", "tata-letak")


def remembered_widths(key: str) -> dict[int, int]:
    raw = settings().value(f"{SETTINGS_GROUP}/{key}", "")
    try:
        return {int(c): int(w) for c, w in json.loads(raw or "{}").items() if int(w) > 0}
    except (ValueError, TypeError, AttributeError):
        return {}  # an unreadable preference is forgotten, never an error


def _remember(key: str, widths: dict[int, int]) -> None:
    store = settings()
    store.setValue(f"{SETTINGS_GROUP}/{key}", json.dumps({str(c): w for c, w in widths.items()}))
    store.sync()


class _Fitter(QObject):
    """Kept on the table: re-fits on resize, records the user's drags, shows cut texts as tooltips."""

    def __init__(self, table: QTableView, key: str):
        super().__init__(table)
        self.table, self.key = table, key
        self.names: tuple[int, ...] = ()
        self.widths: dict[int, int] = {}
        self.wrap = False
        self.applying = False
        self.user = remembered_widths(key)
        self._save = QTimer(self, singleShot=True, interval=400)
        self._save.timeout.connect(lambda: _remember(self.key, self.user))
        table.horizontalHeader().sectionResized.connect(self._resized)
        self.viewport = table.viewport()
        table.installEventFilter(self)
        self.viewport.installEventFilter(self)

    def _resized(self, column: int, _old: int, new: int) -> None:
        # Only a drag by the user is a preference; our own fitting and window resizes are not.
        if self.applying or not QApplication.mouseButtons() & Qt.LeftButton:
            return
        self.user[column] = new
        self._save.start()

    def eventFilter(self, watched, event) -> bool:  # noqa: N802 (Qt's name)
        # Compared as Python objects only: while a table is being destroyed its viewport still
        # sends events, and asking the table anything then would fail.
        kind = event.type()
        if kind == QEvent.Resize and watched is self.table:
            QTimer.singleShot(0, self, self.apply)  # after the viewport has its new width
        elif kind == QEvent.ToolTip and watched is self.viewport:
            return self._tooltip(event)
        return False

    def _tooltip(self, event) -> bool:
        index = self.table.indexAt(event.pos())
        if not index.isValid() or index.data(Qt.ToolTipRole):
            return False  # the model's own tooltip, if any, shows as usual
        text = str(index.data(Qt.DisplayRole) or "")
        room = self.table.columnWidth(index.column()) - 10
        if text and (self.table.fontMetrics().horizontalAdvance(text) > room or "\n" in text):
            QToolTip.showText(event.globalPos(), text, self.table.viewport())
        else:
            QToolTip.hideText()
        return True

    def apply(self) -> None:
        table = self.table
        if not shiboken6.isValid(table):
            return
        model = table.model()
        if model is None:
            return
        header = table.horizontalHeader()
        columns = model.columnCount()
        self.applying = True
        try:
            header.setStretchLastSection(False)
            widths = {}
            for c in range(columns):
                header.setSectionResizeMode(c, QHeaderView.Interactive)
                if c in self.user:
                    widths[c] = self.user[c]
                    continue
                if c in self.widths:
                    widths[c] = self.widths[c]
                    continue
                # Wrapped texts share the width (they take more lines), single lines take their length.
                limit = (WRAP_NAME_MAX if self.wrap else NAME_MAX) if c in self.names else OTHER_MAX
                text = str(model.headerData(c, Qt.Horizontal, Qt.DisplayRole) or "")
                # the style's own measure (bold, padded heads) and a margin for the sort arrow
                head = max(header.sectionSizeHint(c), header.fontMetrics().horizontalAdvance(text) + 24) + 8
                widths[c] = max(min(table.sizeHintForColumn(c), limit), min(head, limit), 40)
            spare = table.viewport().width() - sum(w for c, w in widths.items() if not table.isColumnHidden(c))
            growing = [c for c in self.names if c < columns and c not in self.user and not table.isColumnHidden(c)]
            if spare > 0 and growing:  # names take the room left over
                for c in growing:
                    widths[c] += spare // len(growing)
            elif spare < 0 and growing:  # too wide: names give way down to NAME_MIN, then the table scrolls
                for c in growing:
                    give = min(-spare // len(growing) + 1, max(widths[c] - NAME_MIN, 0))
                    widths[c] -= give
            elif spare > 0:
                header.setStretchLastSection(True)
            for c, w in widths.items():
                table.setColumnWidth(c, w)
            if self.wrap:
                table.setWordWrap(True)
                table.resizeRowsToContents()
        finally:
            self.applying = False


def fit_columns(table: QTableView, key: str, names=(), wrap: bool = False, widths: dict[int, int] | None = None) -> None:
    """Size ``table``'s columns as described above; ``key`` names the table for remembered widths;
    ``widths`` gives set starting widths to some columns (a choice list, a short figure)."""
    fitter = getattr(table, "_column_fitter", None)
    if fitter is None:
        fitter = table._column_fitter = _Fitter(table, key)
        table.setHorizontalScrollMode(QAbstractItemView.ScrollPerPixel)
    fitter.names = tuple(names)
    fitter.widths = dict(widths or {})
    fitter.wrap = wrap
    table.setProperty("nameColumns", list(fitter.names))
    fitter.apply()


def forget_widths(table: QTableView) -> None:
    """Back to fitted widths (the user's drags forgotten) for this table."""
    fitter = getattr(table, "_column_fitter", None)
    if fitter is not None:
        fitter.user = {}
        _remember(fitter.key, {})
        fitter.apply()
