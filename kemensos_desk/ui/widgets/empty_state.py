"""Say so when a table is empty: a sentence over the table's blank area.

    empty_state.attach(table, lambda: tr("Tidak ada yang cocok dengan '{q}'.", q=search.text())
                                      if search.text() else tr("Belum ada penerima."))

The text is asked for each time the table turns empty, so it can tell "nothing matches
your search" from "nothing recorded yet". It follows the model (rows added or removed,
reset) and hides as soon as there is a row.
"""
from __future__ import annotations

from typing import Callable

import shiboken6

from PySide6.QtCore import QEvent, QObject, Qt
from PySide6.QtWidgets import QAbstractItemView, QLabel


class EmptyState(QObject):
    def __init__(self, view: QAbstractItemView, text: Callable[[], str] | str):
        super().__init__(view)
        self.view = view
        self._text = text if callable(text) else (lambda: text)
        self.label = QLabel(view.viewport())
        self.label.setObjectName("emptyState")
        # near the top: a tall table may reach below the window's edge on a small screen
        self.label.setAlignment(Qt.AlignHCenter | Qt.AlignTop)
        self.label.setWordWrap(True)
        self.label.setStyleSheet("color: #5f6b76; font-size: 14px; padding: 36px 24px;")
        self.label.setAttribute(Qt.WA_TransparentForMouseEvents)
        self.label.hide()
        view.viewport().installEventFilter(self)
        self._model = None
        self.watch_model()
        self.update()

    def watch_model(self) -> None:
        """Follow the view's model (call again after ``setModel``)."""
        model = self.view.model()
        if model is None or model is self._model:
            return
        self._model = model
        for signal in (model.modelReset, model.rowsInserted, model.rowsRemoved, model.layoutChanged):
            signal.connect(self.update)

    def is_shown(self) -> bool:
        return not self.label.isHidden()

    def text(self) -> str:
        return self.label.text()

    def update(self, *_args) -> None:
        if not (shiboken6.isValid(self.view) and shiboken6.isValid(self.label)):
            return  # the model speaks while its table is being destroyed
        model = self.view.model()
        empty = model is None or model.rowCount() == 0
        if empty:
            self.label.setText(self._text())
            self._place()
        self.label.setVisible(empty)

    def _place(self) -> None:
        viewport = self.view.viewport()
        self.label.setGeometry(0, 0, viewport.width(), max(viewport.height(), 80))

    def eventFilter(self, obj, event) -> bool:
        if event.type() == QEvent.Resize and self.is_shown():
            self._place()
        return False


def attach(view: QAbstractItemView, text: Callable[[], str] | str) -> EmptyState:
    """Show ``text`` over ``view`` whenever its model has no rows; returns the helper."""
    state = EmptyState(view, text)
    view._empty_state = state  # kept with the view; tests and callers find it here
    return state
