"""Tables whose cells carry sentences (refusal reasons): the whole sentence, never "…".

Cells wrap onto more lines and each row is as tall as its longest cell, again whenever a
column is resized; the full text is also the cell's tooltip.
"""
from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QAbstractItemView, QHeaderView

MANY_ROWS = 3000  # above this, rows are fitted once (fitting on every resize gets slow)


def show_full_text(view: QAbstractItemView) -> None:
    view.setWordWrap(True)
    view.setTextElideMode(Qt.ElideNone)
    rows = view.verticalHeader()
    model = view.model()
    if model is not None and model.rowCount() > MANY_ROWS:
        rows.setSectionResizeMode(QHeaderView.Interactive)
        view.resizeRowsToContents()
    else:
        rows.setSectionResizeMode(QHeaderView.ResizeToContents)
