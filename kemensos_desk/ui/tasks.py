"""Long work off the GUI thread, with a modal progress dialog that can be cancelled.

``run_in_background(parent, title, fn, on_done, on_error)`` calls ``fn(progress)`` on a
worker thread; ``progress.set(done, total, text)`` moves the bar and ``progress.cancelled``
tells ``fn`` the user pressed Batal. The result (or the error) comes back on the GUI
thread. Services open their own sessions, so the worker shares nothing with the GUI but
the workspace's engine, which SQLite allows across threads.
"""
from __future__ import annotations

import threading
from typing import Any, Callable

from PySide6.QtCore import QObject, QRunnable, Qt, QThreadPool, Signal
from PySide6.QtWidgets import QProgressDialog

from kemensos_desk.core.i18n import tr

_running: set["_Task"] = set()


class Progress:
    """Handed to the worker function; safe to call from the worker thread."""

    def __init__(self, signals: "_Signals"):
        self._signals = signals
        self._cancel = threading.Event()

    def set(self, done: int, total: int, text: str = "") -> None:
        self._signals.progress.emit(int(done), int(total), text)

    @property
    def cancelled(self) -> bool:
        return self._cancel.is_set()

    def cancel(self) -> None:
        self._cancel.set()


class _Signals(QObject):
    progress = Signal(int, int, str)
    done = Signal(object)
    failed = Signal(object)


class _Runner(QRunnable):
    def __init__(self, fn, progress: Progress, signals: _Signals):
        super().__init__()
        self.setAutoDelete(True)
        self._fn, self._progress, self._signals = fn, progress, signals

    def run(self) -> None:  # worker thread
        try:
            result = self._fn(self._progress)
        except BaseException as exc:  # handed to the GUI thread, which decides what the user sees
            self._signals.failed.emit(exc)
        else:
            self._signals.done.emit(result)


class _Task:
    def __init__(self, parent, title: str, fn, on_done, on_error, show_dialog: bool):
        self.signals = _Signals()
        self.progress = Progress(self.signals)
        self.dialog = None
        if show_dialog:
            dlg = QProgressDialog(title, tr("Batal"), 0, 0, parent)
            dlg.setWindowTitle(title)
            dlg.setWindowModality(Qt.WindowModal)
            dlg.setMinimumDuration(400)  # quick work finishes without a flashing dialog
            dlg.setAutoClose(False)
            dlg.setAutoReset(False)
            dlg.setMinimumWidth(380)
            dlg.canceled.connect(self._cancel)
            dlg.setValue(0)
            self.dialog = dlg
        self.on_done, self.on_error = on_done, on_error
        self.signals.progress.connect(self._on_progress, Qt.QueuedConnection)
        self.signals.done.connect(self._finish_ok, Qt.QueuedConnection)
        self.signals.failed.connect(self._finish_error, Qt.QueuedConnection)
        self.fn = fn

    def _cancel(self) -> None:
        self.progress.cancel()
        if self.dialog is not None:
            self.dialog.setLabelText(tr("Membatalkan…"))
            self.dialog.setCancelButton(None)
            self.dialog.show()

    def _on_progress(self, done: int, total: int, text: str) -> None:
        if self.dialog is None or self.progress.cancelled:
            return
        self.dialog.setMaximum(max(total, 0))
        self.dialog.setValue(min(done, total) if total else 0)
        if text:
            self.dialog.setLabelText(text)

    def _close(self) -> None:
        _running.discard(self)
        if self.dialog is not None:
            self.dialog.canceled.disconnect(self._cancel)
            self.dialog.close()
            self.dialog.deleteLater()
            self.dialog = None

    def _finish_ok(self, result: Any) -> None:
        self._close()
        if self.on_done is not None:
            self.on_done(result)

    def _finish_error(self, exc: BaseException) -> None:
        parent = self.dialog.parentWidget() if self.dialog is not None else None
        self._close()
        if self.on_error is not None:
            self.on_error(exc)
        else:
            from kemensos_desk.ui.common import show_error

            show_error(parent, exc)


def run_in_background(parent, title: str, fn: Callable[[Progress], Any], on_done: Callable[[Any], None] | None,
                      on_error: Callable[[BaseException], None] | None = None, show_dialog: bool = True) -> Progress:
    task = _Task(parent, title, fn, on_done, on_error, show_dialog)
    _running.add(task)
    QThreadPool.globalInstance().start(_Runner(fn, task.progress, task.signals))
    return task.progress


def shutdown(timeout_ms: int = 10_000) -> None:
    """At quit: ask every task to stop and wait for the workers, before the store closes
    and the application object goes (a worker finishing later would find neither)."""
    for task in list(_running):
        task.progress.cancel()
    pool = QThreadPool.globalInstance()
    pool.clear()
    pool.waitForDone(timeout_ms)


def busy() -> bool:
    """True while a background task has not delivered its result yet (tests wait on this)."""
    return bool(_running)
