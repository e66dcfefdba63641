"""Small pieces every screen uses: message boxes, cards, headings, the demo banner.

All message boxes go through ``_show_box`` so tests can answer them without a modal
loop (they replace it with a recorder).
"""
from __future__ import annotations

import datetime as _dt

from PySide6.QtCore import QEvent, QObject, Qt, QTimer
from PySide6.QtWidgets import (QFrame, QHBoxLayout, QLabel, QMessageBox, QPushButton, QSizePolicy,
                               QVBoxLayout, QWidget)

from kemensos_desk import logs
from kemensos_desk.core import formatting
from kemensos_desk.core.errors import KemensosError
from kemensos_desk.core.i18n import tr
from kemensos_desk.ui import theme

APP_TITLE = "Kemensos Desk"


def local_time_text(moment: _dt.datetime | None) -> str:
    """Stored times are naive UTC; people read their own clock: ``23 November 2026 14.05``."""
    return formatting.waktu_lokal(moment)


def _show_box(box: QMessageBox) -> int:
    return box.exec()


def _box(parent, icon, title: str, text: str, detail: str = "", buttons=QMessageBox.Ok,
         default=QMessageBox.Ok) -> int:
    box = QMessageBox(parent)
    box.setIcon(icon)
    box.setWindowTitle(title or APP_TITLE)
    box.setText(text)
    if detail:
        box.setInformativeText(detail)
    box.setStandardButtons(buttons)
    box.setDefaultButton(default)
    for button in box.buttons():
        role = box.standardButton(button)
        names = {QMessageBox.Ok: tr("OK"), QMessageBox.Yes: tr("Ya"), QMessageBox.No: tr("Tidak"),
                 QMessageBox.Cancel: tr("Batal")}
        if role in names:
            button.setText(names[role])
    return _show_box(box)


def inform(parent, text: str, detail: str = "", title: str = "") -> None:
    _box(parent, QMessageBox.Information, title, text, detail)


def warn(parent, text: str, detail: str = "", title: str = "") -> None:
    _box(parent, QMessageBox.Warning, title, text, detail)


def ask(parent, text: str, detail: str = "", title: str = "") -> bool:
    answer = _box(parent, QMessageBox.Question, title, text, detail,
                  QMessageBox.Yes | QMessageBox.No, QMessageBox.No)
    return answer == QMessageBox.Yes


def problems_text(exc: KemensosError) -> str:
    lines = []
    for p in getattr(exc, "problems", [])[:12]:
        # "baris 2, Harga satuan: Harus bilangan bulat." names the cell to fix, not just the row
        label = getattr(p, "label", None)
        if p.row is not None and label:
            where = tr("baris {n}, {column}: ", n=p.row, column=label)
        elif p.row is not None:
            where = tr("baris {n}: ", n=p.row)
        else:
            where = f"{label}: " if label else ""
        lines.append(f"• {where}{p.message}")
    return "\n".join(lines)


def show_error(parent, exc: BaseException) -> None:
    """Our own errors in their Indonesian words; anything else logged, with a plain sentence."""
    if isinstance(exc, KemensosError):
        warn(parent, str(exc), problems_text(exc), title=tr("Tidak dapat dilanjutkan"))
        return
    logs.log.error("kesalahan tak terduga", exc_info=exc)
    warn(parent, tr("Terjadi kesalahan tak terduga. Pekerjaan Anda yang sudah tersimpan aman."),
         tr("Rinciannya dicatat di berkas log pada folder data."), title=tr("Kesalahan"))


def heading(text: str, level: int = 1) -> QLabel:
    label = QLabel(text)
    label.setObjectName("h1" if level == 1 else "h2")
    label.setWordWrap(True)
    return label


def muted(text: str, wrap: bool = True) -> QLabel:
    label = QLabel(text)
    label.setObjectName("muted")
    label.setWordWrap(wrap)
    return label


class Card(QFrame):
    """A white panel with a title, as used on the dashboard and settings."""

    def __init__(self, title: str = "", icon_name: str | None = None, parent=None):
        super().__init__(parent)
        self.setObjectName("card")
        self.body = QVBoxLayout(self)
        self.body.setContentsMargins(20, 16, 20, 18)
        self.body.setSpacing(10)
        if title:
            row = QHBoxLayout()
            row.setSpacing(8)
            if icon_name:
                pic = QLabel()
                pic.setPixmap(theme.icon(icon_name, theme.PRIMARY).pixmap(20, 20))
                row.addWidget(pic)
            label = QLabel(title)
            label.setObjectName("cardTitle")
            label.setWordWrap(True)  # a long title takes two lines on a narrow window
            row.addWidget(label, 1)
            self.body.addLayout(row)


class DemoBanner(QLabel):
    """The red band that marks every screen of the demo office."""

    def __init__(self, text: str | None = None, parent=None):
        super().__init__(text or tr("CONTOH / DEMO — data buatan untuk mencoba aplikasi, bukan data sebenarnya"), parent)
        self.setObjectName("demoBanner")
        self.setAlignment(Qt.AlignCenter)
        self.setSizePolicy(QSizePolicy.Preferred, QSizePolicy.Fixed)


def demo_badge() -> QLabel:
    badge = QLabel(tr("CONTOH / DEMO"))
    badge.setObjectName("demoBadge")
    badge.setAlignment(Qt.AlignCenter)
    badge.setSizePolicy(QSizePolicy.Fixed, QSizePolicy.Fixed)
    return badge


def primary_button(text: str, icon_name: str | None = None) -> QPushButton:
    button = QPushButton(text)
    button.setProperty("primary", True)
    if icon_name:
        button.setIcon(theme.icon(icon_name, "#ffffff"))
    return button


def button(text: str, icon_name: str | None = None) -> QPushButton:
    b = QPushButton(text)
    if icon_name:
        b.setIcon(theme.icon(icon_name, theme.TEXT))
    return b


def hline() -> QFrame:
    line = QFrame()
    line.setObjectName("hline")
    line.setFrameShape(QFrame.HLine)
    return line


def page_frame(title: str, subtitle: str = "") -> tuple[QWidget, QVBoxLayout]:
    """A page with a heading; returns (page, layout to fill)."""
    page = QWidget()
    page.setObjectName("page")
    layout = QVBoxLayout(page)
    layout.setContentsMargins(32, 26, 32, 24)
    layout.setSpacing(14)
    layout.addWidget(heading(title))
    if subtitle:
        layout.addWidget(muted(subtitle))
    return page, layout


class _AfterPaint(QObject):
    def __init__(self, widget: QWidget, fn):
        super().__init__(widget)
        self.fn = fn
        widget.installEventFilter(self)

    def eventFilter(self, watched, event) -> bool:  # noqa: N802 (Qt's name)
        if self.fn is not None and event.type() == QEvent.Type.Paint:
            fn, self.fn = self.fn, None
            watched.removeEventFilter(self)
            QTimer.singleShot(0, fn)
        return False


def after_first_paint(widget: QWidget, fn) -> None:
    """Run ``fn`` once ``widget`` has painted: slow parts of a screen come after it shows."""
    _AfterPaint(widget, fn)


def fill_later(card: "Card", compute, fill) -> None:
    """Show ``card`` at once and fill it when ``compute()`` has run off the GUI thread.

    For Beranda cards whose figures are aggregates over a large register: the window
    appears at once and the figures follow (``fill(result)`` on the GUI thread, only if
    the card still exists — the user may have logged out meanwhile).
    """
    import shiboken6

    from kemensos_desk.ui import tasks

    waiting = muted(tr("Menghitung…"))
    card.body.addWidget(waiting)

    def done(result) -> None:
        if shiboken6.isValid(card) and shiboken6.isValid(waiting):
            waiting.hide()
            waiting.deleteLater()
            fill(result)

    def failed(exc: BaseException) -> None:
        logs.log.warning("kartu Beranda tidak dapat dihitung", exc_info=exc)
        if shiboken6.isValid(waiting):
            waiting.setText(tr("Angka tidak dapat dihitung; rinciannya ada di log."))

    tasks.run_in_background(card, "", lambda _progress: compute(), done, failed, show_dialog=False)
