"""Province, then kabupaten/kota, from the Kemendagri list (``core.regions``), with
type-to-search: typing "majal" finds "Kabupaten Majalengka"."""
from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QComboBox, QCompleter, QGridLayout, QLabel, QWidget

from kemensos_desk.core import regions
from kemensos_desk.core.i18n import tr


def _searchable_combo() -> QComboBox:
    combo = QComboBox()
    combo.setEditable(True)
    combo.setInsertPolicy(QComboBox.NoInsert)
    combo.setMaxVisibleItems(14)
    completer = combo.completer()
    completer.setFilterMode(Qt.MatchContains)
    completer.setCaseSensitivity(Qt.CaseInsensitive)
    completer.setCompletionMode(QCompleter.PopupCompletion)
    return combo


def _chosen(combo: QComboBox) -> str:
    i = combo.currentIndex()
    if i < 0 or combo.currentText().strip() != combo.itemText(i):
        return ""
    return combo.itemData(i) or ""


class RegionPicker(QWidget):
    """``value()`` is the dotted code of the office's region for the chosen level."""

    changed = Signal()

    def __init__(self, level: str = "kabupaten", parent=None):
        super().__init__(parent)
        self.level = level
        grid = QGridLayout(self)
        grid.setContentsMargins(0, 0, 0, 0)
        grid.setHorizontalSpacing(10)
        grid.setVerticalSpacing(6)
        self.province = _searchable_combo()
        self.province.setObjectName("province")
        self.kabkota = _searchable_combo()
        self.kabkota.setObjectName("kabkota")
        self.province_label = QLabel(tr("Provinsi"))
        self.kabkota_label = QLabel(tr("Kabupaten/kota"))
        for label in (self.province_label, self.kabkota_label):
            label.setObjectName("subLabel")
        grid.addWidget(self.province_label, 0, 0)
        grid.addWidget(self.province, 1, 0)
        grid.addWidget(self.kabkota_label, 2, 0)
        grid.addWidget(self.kabkota, 3, 0)
        self.province.addItem("", "")
        for p in regions.provinces():
            self.province.addItem(f"{p.name} ({p.code})", p.code)
        self.province.setCurrentIndex(0)
        self.province.currentIndexChanged.connect(self._fill_kabkota)
        self.province.editTextChanged.connect(lambda *_: self.changed.emit())
        self.kabkota.currentIndexChanged.connect(lambda *_: self.changed.emit())
        self.kabkota.editTextChanged.connect(lambda *_: self.changed.emit())
        self.set_level(level)

    def set_level(self, level: str) -> None:
        self.level = level
        self.kabkota.setVisible(level != "provinsi")
        self.kabkota_label.setVisible(level != "provinsi")
        self.kabkota_label.setText(tr("Kota") if level == "kota" else tr("Kabupaten"))
        self._fill_kabkota()

    def _fill_kabkota(self) -> None:
        keep = _chosen(self.kabkota)
        self.kabkota.blockSignals(True)
        self.kabkota.clear()
        self.kabkota.addItem("", "")
        code = _chosen(self.province)
        if code and self.level != "provinsi":
            for r in regions.kabkota(code):
                if r.level == self.level:
                    self.kabkota.addItem(f"{r.name} ({r.code})", r.code)
        index = self.kabkota.findData(keep) if keep else 0
        self.kabkota.setCurrentIndex(max(index, 0))
        self.kabkota.blockSignals(False)
        self.changed.emit()

    def value(self) -> str:
        if self.level == "provinsi":
            return _chosen(self.province)
        return _chosen(self.kabkota)

    def set_value(self, code: str) -> None:
        region = regions.get(code or "")
        if region is None:
            return
        prov = region.code[:2]
        self.province.setCurrentIndex(max(self.province.findData(prov), 0))
        if region.level != "provinsi":
            if region.level != self.level:
                self.set_level(region.level)
            self.kabkota.setCurrentIndex(max(self.kabkota.findData(region.code), 0))

    def region(self) -> regions.Region | None:
        code = self.value()
        return regions.get(code) if code else None
