"""Pieces the ministry pages share: read-only tables, the year picker, file choosers.

The choosers are module functions so tests replace them (no native dialog in a test).
"""
from __future__ import annotations

import datetime as _dt
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtGui import QBrush, QColor
from PySide6.QtWidgets import (QAbstractItemView, QFileDialog, QHBoxLayout, QLabel, QSpinBox,
                               QTableWidget, QTableWidgetItem, QVBoxLayout, QWidget)

from kemensos_desk.core.i18n import tr
from kemensos_desk.ministry import recaps, report_xlsx
from kemensos_desk.ui import common
from kemensos_desk.ui.table_columns import fit_columns

# Cell colours of the completeness matrix, the same tints as the .xlsx report.
STATUS_COLOURS = {"received": "#c6efce", "late": "#ffeb9c", "missing": "#ffc7ce", "pending": "#ededed"}


def choose_save_path(parent, title: str, suggested: str, pattern: str) -> Path | None:
    path, _ = QFileDialog.getSaveFileName(parent, title, str(Path.home() / suggested), pattern)
    return Path(path) if path else None


def choose_folder(parent, title: str) -> Path | None:
    path = QFileDialog.getExistingDirectory(parent, title, str(Path.home()))
    return Path(path) if path else None


def choose_files(parent, title: str) -> list[Path]:
    names, _ = QFileDialog.getOpenFileNames(parent, title, str(Path.home()),
                                            tr("Paket sinkronisasi (*.kdsync *.kdpart*);;Semua berkas (*)"))
    return [Path(n) for n in names]


def table(headers: list[str], stretch: int | None = None, widths: dict[int, int] | None = None,
          key: str = "") -> QTableWidget:
    """A read-only table. ``stretch`` and ``widths`` name the columns that carry names or long
    texts: they get the room (ui/table_columns.fit_columns, applied by ``fill``)."""
    t = QTableWidget(0, len(headers))
    t.setHorizontalHeaderLabels(headers)
    t.setEditTriggers(QAbstractItemView.NoEditTriggers)
    t.setSelectionBehavior(QAbstractItemView.SelectRows)
    t.setSelectionMode(QAbstractItemView.SingleSelection)
    t.setAlternatingRowColors(True)
    t.verticalHeader().setVisible(False)
    t.verticalHeader().setDefaultSectionSize(30)
    t.setObjectName(key)
    t.fit_key = "kementerian/" + (key or "|".join(headers))
    t.fit_names = tuple(sorted(({stretch} if stretch is not None else set()) | set(widths or {})))
    fit_columns(t, t.fit_key, t.fit_names)
    return t


def cell(text, *, align_right: bool = False, colour: str | None = None, bold: bool = False,
         tip: str = "") -> QTableWidgetItem:
    item = QTableWidgetItem("" if text is None else str(text))
    if align_right:
        item.setTextAlignment(Qt.AlignRight | Qt.AlignVCenter)
    if colour:
        item.setBackground(QBrush(QColor(colour)))
    if bold:
        font = item.font()
        font.setBold(True)
        item.setFont(font)
    item.setToolTip(tip or item.text())
    return item


def fill(t: QTableWidget, rows: list[list[QTableWidgetItem]]) -> None:
    t.setSortingEnabled(False)
    t.setRowCount(len(rows))
    for r, items in enumerate(rows):
        for c, item in enumerate(items):
            t.setItem(r, c, item)
    fit_columns(t, getattr(t, "fit_key", "kementerian/" + t.objectName()), getattr(t, "fit_names", ()))


def year_picker(year: int | None = None) -> QSpinBox:
    box = QSpinBox()
    box.setRange(2015, 2100)
    box.setValue(year or _dt.date.today().year)
    box.setMinimumWidth(90)
    return box


def toolbar(*widgets, label: str = "") -> QHBoxLayout:
    row = QHBoxLayout()
    row.setSpacing(10)
    if label:
        row.addWidget(QLabel(label))
    for w in widgets:
        row.addWidget(w)
    row.addStretch(1)
    return row


def stat(value: str, caption: str) -> QWidget:
    """A big figure with its caption, for the IKK card."""
    box = QWidget()
    lay = QVBoxLayout(box)
    lay.setContentsMargins(0, 0, 18, 0)
    lay.setSpacing(2)
    figure = QLabel(value)
    figure.setObjectName("bigFigure")
    figure.setStyleSheet("font-size: 22px; font-weight: 700; color: #0f5f63;")
    lay.addWidget(figure)
    lay.addWidget(common.muted(caption, wrap=False))
    box.figure = figure  # tests read it
    return box


def page_layout(page: QWidget, title: str, subtitle: str = "") -> QVBoxLayout:
    """Lay out ``page`` like the office pages: heading, muted subtitle, then the content."""
    page.setObjectName("page")
    layout = QVBoxLayout(page)
    layout.setContentsMargins(32, 26, 32, 24)
    layout.setSpacing(14)
    layout.addWidget(common.heading(title))
    if subtitle:
        layout.addWidget(common.muted(subtitle))
    return layout


def write_year_report(store, year: int, path) -> Path:
    """The ministry's yearly workbook (IKK 3.1, completeness, SPM), as ``ministry report --out`` writes it."""
    matrix = recaps.completeness(store, year)
    demo = any(bool(o["is_demo"]) for p in matrix["provinces"] for o in p["offices"])
    return report_xlsx.write_report(Path(path), recaps.ikk_indicator(store, year), matrix, demo=demo,
                                    spm=recaps.spm_by_region(store, year),
                                    dekon=recaps.dekon_by_ro_and_province(store, year))
