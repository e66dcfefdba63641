"""Two panels side by side on a wide window, one above the other on a narrow one.

The entry form beside its tables reads well on a 1366-pixel screen; on a 1024-pixel laptop
the two would each get half the room and squeeze their fields (tab labels cut to "Pe").
Below ``threshold`` pixels the panels stack, and the page scrolls (ui/fit.scroll_page).
"""
from __future__ import annotations

from PySide6.QtCore import QSize
from PySide6.QtWidgets import QBoxLayout, QLayout, QWidget

MAX_WIDTH = 16777215  # Qt's QWIDGETSIZE_MAX


class SideBySide(QWidget):
    def __init__(self, threshold: int, parent: QWidget | None = None, spacing: int = 12):
        super().__init__(parent)
        self.threshold = threshold
        self.box = QBoxLayout(QBoxLayout.LeftToRight, self)
        self.box.setContentsMargins(0, 0, 0, 0)
        self.box.setSpacing(spacing)
        # The layout must not pin the widget to the side-by-side minimum width.
        self.box.setSizeConstraint(QLayout.SetNoConstraint)
        self._parts: list[QWidget] = []
        self._side_widths: dict[int, int] = {}

    def add(self, widget: QWidget, stretch: int = 0, side_max_width: int | None = None) -> None:
        """``side_max_width``: the widest ``widget`` may be beside the others (stacked, it takes the full width)."""
        self._parts.append(widget)
        if side_max_width is not None:
            self._side_widths[id(widget)] = side_max_width
            widget.setMaximumWidth(side_max_width)
        self.box.addWidget(widget, stretch)

    def stacked(self) -> bool:
        return self.box.direction() == QBoxLayout.TopToBottom

    def minimumSizeHint(self) -> QSize:  # noqa: N802 (Qt's name)
        sizes = [p.minimumSizeHint().expandedTo(p.minimumSize()) for p in self._parts if not p.isHidden()]
        if not sizes:
            return QSize(0, 0)
        gap = self.box.spacing() * (len(sizes) - 1)
        if self.stacked():
            return QSize(max(s.width() for s in sizes), sum(s.height() for s in sizes) + gap)
        # Side by side only happens at or above the threshold; below it the parts stack.
        return QSize(max(s.width() for s in sizes), max(s.height() for s in sizes))

    def sizeHint(self) -> QSize:  # noqa: N802
        return self.box.sizeHint()

    def resizeEvent(self, event) -> None:  # noqa: N802
        wanted = QBoxLayout.LeftToRight if event.size().width() >= self.threshold else QBoxLayout.TopToBottom
        if wanted != self.box.direction():
            self.box.setDirection(wanted)
            for part in self._parts:
                if id(part) in self._side_widths:
                    part.setMaximumWidth(self._side_widths[id(part)] if wanted == QBoxLayout.LeftToRight else MAX_WIDTH)
            self.updateGeometry()
        super().resizeEvent(event)
