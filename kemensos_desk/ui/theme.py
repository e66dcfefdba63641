"""Look of the application: Fusion style, a calm palette, our style sheet and line icons.

Icons are single-colour SVG line drawings in ``resources/icons``; they are drawn in
black and recoloured here, so one file serves the dark navigation and light pages.
"""
from __future__ import annotations

from functools import lru_cache

from PySide6.QtCore import QByteArray, QSize, Qt
from PySide6.QtGui import QColor, QFont, QIcon, QPainter, QPalette, QPixmap
from PySide6.QtSvg import QSvgRenderer
from PySide6.QtWidgets import QApplication

from kemensos_desk.core.locations import resources_dir

# Deep teal for structure, a Kemensos red for warnings and the demo mark.
PRIMARY = "#0f5f63"
PRIMARY_DARK = "#0a4548"
ACCENT = "#c0392b"
TEXT = "#1f2d33"
MUTED = "#5f6f76"
SURFACE = "#f3f5f6"
ERROR = "#b3261e"
SUCCESS = "#1e7d4f"
FONT_FAMILIES = ["Segoe UI", "Noto Sans", "Inter", "Cantarell", "DejaVu Sans"]
MONO_FAMILIES = ["Cascadia Mono", "Consolas", "Noto Sans Mono", "DejaVu Sans Mono"]


def icons_dir():
    return resources_dir() / "icons"


@lru_cache(maxsize=256)
def icon(name: str, color: str = TEXT, size: int = 48) -> QIcon:
    """``icon("beranda", "#ffffff")``: an icon from ``resources/icons/<name>.svg``."""
    path = icons_dir() / f"{name}.svg"
    if not path.is_file():
        return QIcon()
    svg = path.read_text(encoding="utf-8").replace("#000000", color)
    renderer = QSvgRenderer(QByteArray(svg.encode("utf-8")))
    pixmap = QPixmap(QSize(size, size))
    pixmap.fill(Qt.transparent)
    painter = QPainter(pixmap)
    renderer.render(painter)
    painter.end()
    return QIcon(pixmap)


def app_icon() -> QIcon:
    return QIcon(str(icons_dir() / "kemensos-desk.svg"))


def mono_font(point_size: int = 11) -> QFont:
    font = QFont()
    font.setFamilies(MONO_FAMILIES)
    font.setStyleHint(QFont.Monospace)
    font.setPointSize(point_size)
    return font


def apply(app: QApplication) -> None:
    """Fusion style, our palette and fonts, then ``resources/style.qss``."""
    app.setStyle("Fusion")
    palette = QPalette()
    palette.setColor(QPalette.Window, QColor(SURFACE))
    palette.setColor(QPalette.WindowText, QColor(TEXT))
    palette.setColor(QPalette.Base, QColor("#ffffff"))
    palette.setColor(QPalette.AlternateBase, QColor("#f7f9fa"))
    palette.setColor(QPalette.Text, QColor(TEXT))
    palette.setColor(QPalette.Button, QColor("#ffffff"))
    palette.setColor(QPalette.ButtonText, QColor(TEXT))
    palette.setColor(QPalette.Highlight, QColor(PRIMARY))
    palette.setColor(QPalette.HighlightedText, QColor("#ffffff"))
    palette.setColor(QPalette.ToolTipBase, QColor("#ffffff"))
    palette.setColor(QPalette.ToolTipText, QColor(TEXT))
    palette.setColor(QPalette.PlaceholderText, QColor("#8a989e"))
    palette.setColor(QPalette.Link, QColor(PRIMARY))
    app.setPalette(palette)
    font = QFont()
    font.setFamilies(FONT_FAMILIES)
    font.setPointSize(10)
    app.setFont(font)
    qss = resources_dir() / "style.qss"
    if qss.is_file():
        # url() in a style sheet is relative to the working directory, so the icons' folder is filled in.
        app.setStyleSheet(qss.read_text(encoding="utf-8").replace("@ICONS@", icons_dir().as_posix()))


def repolish(widget) -> None:
    """Re-apply the style sheet after a dynamic property changed (``error``, ``active`` ...)."""
    widget.style().unpolish(widget)
    widget.style().polish(widget)
