"""One place where the dekon screens run a dialog, so tests can replace it and never block."""
from __future__ import annotations

from PySide6.QtCore import QUrl
from PySide6.QtGui import QDesktopServices


def run_dialog(dialog) -> int:
    return dialog.exec()


def open_file(path) -> bool:
    """Open a stored document with the system viewer (photo viewer, PDF reader)."""
    return QDesktopServices.openUrl(QUrl.fromLocalFile(str(path)))
