"""A layout that puts its widgets side by side and wraps to a new line when the width runs out.

For button rows, filter bars and chart grids: on a 1366-pixel screen they sit on one line,
on a 1024-pixel laptop they take two, instead of pushing the page wider than the window.
(Qt's own "flow layout" example, with ``stretch_last`` so a search field can take the rest of
its line.)
"""
from __future__ import annotations

from PySide6.QtCore import QPoint, QRect, QSize, Qt
from PySide6.QtWidgets import QLayout, QSizePolicy, QWidget


_EXPANDING = (QSizePolicy.Expanding, QSizePolicy.MinimumExpanding)


class FlowLayout(QLayout):
    def __init__(self, parent: QWidget | None = None, spacing: int = 8, margin: int = 0):
        super().__init__(parent)
        self._items = []
        self._spacing = spacing
        self.setContentsMargins(margin, margin, margin, margin)

    # -- QLayout ---------------------------------------------------------------------------------
    def addItem(self, item) -> None:  # noqa: N802 (Qt's name)
        self._items.append(item)

    def count(self) -> int:
        return len(self._items)

    def itemAt(self, index: int):  # noqa: N802
        return self._items[index] if 0 <= index < len(self._items) else None

    def takeAt(self, index: int):  # noqa: N802
        return self._items.pop(index) if 0 <= index < len(self._items) else None

    def expandingDirections(self):  # noqa: N802
        return Qt.Orientation(0)

    def hasHeightForWidth(self) -> bool:  # noqa: N802
        return True

    def heightForWidth(self, width: int) -> int:  # noqa: N802
        return self._arrange(QRect(0, 0, width, 0), apply=False)

    def setGeometry(self, rect: QRect) -> None:  # noqa: N802
        super().setGeometry(rect)
        self._arrange(rect, apply=True)

    def sizeHint(self) -> QSize:  # noqa: N802
        # One line when there is room for it.
        width = sum(i.sizeHint().width() for i in self._visible()) + self._spacing * max(len(self._visible()) - 1, 0)
        height = max((i.sizeHint().height() for i in self._visible()), default=0)
        m = self.contentsMargins()
        return QSize(width + m.left() + m.right(), height + m.top() + m.bottom())

    def minimumSize(self) -> QSize:  # noqa: N802
        size = QSize()
        for item in self._visible():
            size = size.expandedTo(item.minimumSize())
        m = self.contentsMargins()
        return size + QSize(m.left() + m.right(), m.top() + m.bottom())

    # -- placing ---------------------------------------------------------------------------------
    def _visible(self):
        return [i for i in self._items if not (i.widget() and i.widget().isHidden())]

    def _arrange(self, rect: QRect, apply: bool) -> int:
        m = self.contentsMargins()
        area = rect.adjusted(m.left(), m.top(), -m.right(), -m.bottom())
        lines: list[list] = [[]]
        x = 0
        for item in self._visible():
            w = item.sizeHint().width()
            if lines[-1] and x + w > area.width():
                lines.append([])
                x = 0
            lines[-1].append(item)
            x += w + self._spacing
        y = area.y()
        for line in lines:
            if not line:
                continue
            height = max(i.sizeHint().height() for i in line)
            if apply:
                widths = [min(i.sizeHint().width(), area.width()) for i in line]
                spare = area.width() - sum(widths) - self._spacing * (len(line) - 1)
                stretchy = [k for k, i in enumerate(line)
                            if i.widget() is not None and i.widget().sizePolicy().horizontalPolicy() in _EXPANDING]
                if spare > 0 and stretchy:  # an expanding field (a search box) takes the rest of its line
                    for k in stretchy:
                        widths[k] += spare // len(stretchy)
                x = area.x()
                for item, w in zip(line, widths):
                    item.setGeometry(QRect(QPoint(x, y + (height - item.sizeHint().height()) // 2),
                                           QSize(w, item.sizeHint().height())))
                    x += w + self._spacing
            y += height + self._spacing
        return max(y - self._spacing - area.y(), 0) + m.top() + m.bottom()
