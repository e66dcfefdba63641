"""Fitting windows, pages and dialogs to the screens offices have (down to 1024×600 laptops).

One place decides how big things open, so every window and dialog behaves alike:

- ``show_main_window``: a main window opens sized to the available screen; on a small
  screen (less than 800 px high, or narrower than the comfortable size) it is maximised.
- ``scroll_page``: a page goes in a scroll area, so a short screen scrolls the page
  instead of squeezing its fields (and tab labels) to a few pixels.
- ``fit_dialog``: a dialog never opens larger than the screen it is on; what does not fit
  scrolls inside it (``scroll_body``) so its buttons stay on screen.
"""
from __future__ import annotations

from PySide6.QtCore import QRect, QSize, Qt
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QFrame, QScrollArea, QWidget

# Smallest size of a main window: fits a 1024×600 screen with a task bar and a title bar.
MIN_WINDOW = QSize(760, 480)
# The size a main window opens at when the screen has room for it.
COMFORTABLE = QSize(1280, 800)
# Below this available height the window opens maximised: every line counts.
SMALL_SCREEN_HEIGHT = 800
# Room left around a dialog for the window frame and the task bar.
DIALOG_MARGIN = QSize(24, 48)


def available_geometry(widget: QWidget | None = None) -> QRect:
    """The part of the screen a window may use (without task bar), for ``widget``'s screen."""
    screen = None
    if widget is not None:
        screen = widget.screen()
    if screen is None:
        screen = QGuiApplication.primaryScreen()
    if screen is None:  # no screen at all (should not happen): the comfortable size
        return QRect(0, 0, COMFORTABLE.width(), COMFORTABLE.height())
    return screen.availableGeometry()


def is_small_screen(area: QRect) -> bool:
    return area.height() < SMALL_SCREEN_HEIGHT or area.width() < COMFORTABLE.width()


def main_window_minimum(area: QRect) -> QSize:
    return QSize(min(MIN_WINDOW.width(), area.width()), min(MIN_WINDOW.height(), area.height()))


def show_main_window(window: QWidget, previous: QRect | None = None) -> None:
    """Show ``window`` sized to its screen: the previous window's place when one is replaced
    (a language change), maximised on a small screen, else the comfortable size, centred."""
    area = available_geometry(window)
    window.setMinimumSize(main_window_minimum(area))
    if previous is not None:
        window.setGeometry(previous)
        window.show()
        return
    if is_small_screen(area):
        # Without a window manager (kiosk X servers) "maximised" means nothing: place it first.
        window.setGeometry(area)
        window.showMaximized()
        return
    size = QSize(min(COMFORTABLE.width(), area.width()), min(COMFORTABLE.height(), area.height()))
    window.resize(size)
    frame = QRect(area.topLeft(), size)
    frame.moveCenter(area.center())
    window.move(frame.topLeft())
    window.show()


def scroll_page(page: QWidget, name: str = "pageScroll") -> QScrollArea:
    """``page`` inside a frameless scroll area that scrolls only when the page's minimum
    size does not fit (the page otherwise fills the area as before)."""
    scroll = QScrollArea()
    scroll.setObjectName(name)
    scroll.setFrameShape(QFrame.NoFrame)
    scroll.setWidgetResizable(True)
    scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarAsNeeded)
    scroll.setWidget(page)
    return scroll


class _BodyScroll(QScrollArea):
    """A scroll area that asks for its whole content (so a dialog opens as large as it needs
    when the screen allows) but can shrink to a few lines on a short screen."""

    def sizeHint(self) -> QSize:  # noqa: N802 (Qt's name)
        inner = self.widget()
        if inner is None:
            return super().sizeHint()
        hint = inner.sizeHint().expandedTo(inner.minimumSizeHint())
        frame = 2 * self.frameWidth()
        return QSize(hint.width() + frame + self.verticalScrollBar().sizeHint().width(), hint.height() + frame)

    def minimumSizeHint(self) -> QSize:  # noqa: N802
        inner = self.widget()
        width = inner.minimumSizeHint().width() if inner is not None else 0
        return QSize(width + 2 * self.frameWidth() + self.verticalScrollBar().sizeHint().width(), MIN_BODY_HEIGHT)


MIN_BODY_HEIGHT = 160


def scroll_body(widget: QWidget) -> QScrollArea:
    """The body of a dialog or wizard page (its fields) in a scroll area; the buttons stay outside,
    so on a 1024×600 screen the fields scroll and Simpan/Batal stay on screen."""
    scroll = _BodyScroll()
    scroll.setObjectName("dialogScroll")
    scroll.setFrameShape(QFrame.NoFrame)
    scroll.setWidgetResizable(True)
    scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarAlwaysOff)
    scroll.setWidget(widget)
    return scroll


def fit_dialog(dialog: QWidget, preferred: QSize | None = None) -> None:
    """Size ``dialog`` to ``preferred`` (or its own size hint) but never beyond its screen."""
    area = available_geometry(dialog.parentWidget() or dialog)
    room = QSize(max(320, area.width() - DIALOG_MARGIN.width()), max(240, area.height() - DIALOG_MARGIN.height()))
    wanted = preferred if preferred is not None else dialog.sizeHint()
    dialog.resize(wanted.boundedTo(room).expandedTo(dialog.minimumSizeHint().boundedTo(room)))
