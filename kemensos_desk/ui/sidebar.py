"""The left sidebar shared by the office window and the ministry window: brand, a
subtitle line (office or ministry) and the navigation list of pages."""
from __future__ import annotations

from PySide6.QtCore import QSize, Qt
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QListWidget, QListWidgetItem, QVBoxLayout

from kemensos_desk.core.i18n import tr
from kemensos_desk.ui import theme


def build_sidebar(entries) -> tuple[QFrame, QVBoxLayout, QLabel, QListWidget]:
    """``entries`` have ``key``, ``title`` and ``icon``; returns the frame, its layout (for
    what a window adds below the list), the subtitle label and the navigation list."""
    side = QFrame()
    side.setObjectName("sidebar")
    side.setFixedWidth(228)
    box = QVBoxLayout(side)
    box.setContentsMargins(0, 18, 0, 14)
    box.setSpacing(0)
    brand = QHBoxLayout()
    brand.setContentsMargins(18, 0, 18, 0)
    logo = QLabel()
    logo.setPixmap(theme.app_icon().pixmap(34, 34))
    brand.addWidget(logo)
    name = QLabel("Kemensos Desk")
    name.setObjectName("brand")
    brand.addWidget(name, 1)
    box.addLayout(brand)
    subtitle = QLabel()
    subtitle.setObjectName("sideOffice")
    subtitle.setWordWrap(True)
    subtitle.setContentsMargins(18, 8, 18, 14)
    box.addWidget(subtitle)
    nav = QListWidget()
    nav.setObjectName("nav")
    nav.setIconSize(QSize(20, 20))
    nav.setFocusPolicy(Qt.StrongFocus)
    nav.setVerticalScrollBarPolicy(Qt.ScrollBarAlwaysOff)
    for entry in entries:
        item = QListWidgetItem(theme.icon(entry.icon, "#d9ecec"), tr(entry.title))
        item.setData(Qt.UserRole, entry.key)
        item.setSizeHint(QSize(200, 44))
        nav.addItem(item)
    box.addWidget(nav, 1)
    return side, box, subtitle, nav
