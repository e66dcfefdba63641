"""Long work off the GUI thread, with a modal progress dialog that can be cancelled.

``run_in_background(parent, title, fn, on_done, on_error)`` calls ``fn(progress)`` on a
worker thread; ``progress.set(done, total, text)`` moves the bar and ``progress.cancelled``
tells ``fn`` the user pressed Batal. The result (or the error) comes back on the GUI
thread. Services open their own sessions, so the worker shares nothing with the GUI but
the workspace's engine, which SQLite allows across threads.

Why it is built this way (safe by construction):
- Workers are plain Python threads. They never touch Qt objects and emit no signals; they
  put a message on a queue and post a bare QEvent to one receiver living on the GUI thread
  (PySide6 6.12 leaks a reference to ``True`` on every ``Signal.emit``).
- Every message is handled on the GUI thread, one at a time. Only the finish handler closes
  the dialog, and it marks the task finished *first*; a progress message arriving later
  sees the mark and does nothing.
- The dialog is our own small QDialog: updating it never spins the event loop (a modal
  QProgressDialog's ``setValue`` does, which let the finish handler run in the middle of a
  progress update and leave it holding a deleted dialog).
"""
from __future__ import annotations

import queue
import threading

import shiboken6
from typing import Any, Callable

from PySide6.QtCore import QCoreApplication, QEvent, QObject, Qt, QTimer
from PySide6.QtWidgets import QDialog, QHBoxLayout, QLabel, QProgressBar, QPushButton, QVBoxLayout

from kemensos_desk.core.i18n import tr

_running: set["_Task"] = set()
_EVENT = QEvent.Type(QEvent.registerEventType())
_SHOW_AFTER_MS = 400  # quick work finishes without a flashing dialog


class Progress:
    """Handed to the worker function; safe to call from the worker thread."""

    def __init__(self, task: "_Task"):
        self._task = task
        self._cancel = threading.Event()
        self._lock = threading.Lock()
        self._latest: tuple[int, int, str] | None = None  # newest state not yet shown

    def set(self, done: int, total: int, text: str = "") -> None:
        # Only the newest state matters: one pending message at a time, however fast the
        # worker reports.
        with self._lock:
            pending = self._latest is not None
            self._latest = (int(done), int(total), str(text))
        if not pending:
            _post(self._task, "progress", None)

    def take(self) -> tuple[int, int, str] | None:
        with self._lock:
            latest, self._latest = self._latest, None
        return latest

    @property
    def cancelled(self) -> bool:
        return self._cancel.is_set()

    def cancel(self) -> None:
        self._cancel.set()


class _Receiver(QObject):
    """Lives on the GUI thread; drains the message queue whenever a bare event arrives."""

    def __init__(self):
        super().__init__()
        self.inbox: queue.SimpleQueue = queue.SimpleQueue()

    def event(self, ev) -> bool:
        if ev.type() != _EVENT:
            return super().event(ev)
        while True:
            try:
                task, kind, payload = self.inbox.get_nowait()
            except queue.Empty:
                return True
            task.handle(kind, payload)


_receiver: _Receiver | None = None


def _gui_receiver() -> _Receiver:
    global _receiver
    if _receiver is None:
        _receiver = _Receiver()
        app = QCoreApplication.instance()
        if app is not None:
            _receiver.moveToThread(app.thread())
    return _receiver


def _post(task: "_Task", kind: str, payload: Any) -> None:
    receiver = task.receiver
    receiver.inbox.put((task, kind, payload))
    QCoreApplication.postEvent(receiver, QEvent(_EVENT))


class _ProgressDialog(QDialog):
    """Label, bar and a Batal button; nothing here runs the event loop."""

    def __init__(self, title: str, parent, on_cancel: Callable[[], None]):
        super().__init__(parent)
        self.setWindowTitle(title)
        self.setWindowModality(Qt.WindowModal)
        self.setMinimumWidth(380)
        self._on_cancel = on_cancel
        self.label = QLabel(title)
        self.label.setWordWrap(True)
        self.bar = QProgressBar()
        self.bar.setRange(0, 0)
        self.cancel_button = QPushButton(tr("Batal"))
        self.cancel_button.clicked.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.label)
        layout.addWidget(self.bar)
        row = QHBoxLayout()
        row.addStretch(1)
        row.addWidget(self.cancel_button)
        layout.addLayout(row)

    def reject(self) -> None:  # Batal, Esc or the window's close button: ask the worker to stop
        self._on_cancel()

    def show_cancelling(self) -> None:
        self.label.setText(tr("Membatalkan…"))
        self.cancel_button.setEnabled(False)


class _Task:
    def __init__(self, parent, title: str, fn, on_done, on_error, show_dialog: bool):
        self.receiver = _gui_receiver()
        self.progress = Progress(self)
        self.finished = False
        self.parent = parent
        self.on_done, self.on_error = on_done, on_error
        self.fn = fn
        self.dialog: _ProgressDialog | None = None
        if show_dialog:
            self.dialog = _ProgressDialog(title, parent, self._cancel)
            QTimer.singleShot(_SHOW_AFTER_MS, self._show_dialog)
        self.thread = threading.Thread(target=self._run, name=f"tugas: {title or 'latar'}", daemon=True)

    # ---- worker thread -------------------------------------------------------------------
    def _run(self) -> None:
        try:
            result = self.fn(self.progress)
        except BaseException as exc:  # handed to the GUI thread, which decides what the user sees
            _post(self, "failed", exc)
        else:
            _post(self, "done", result)

    # ---- GUI thread ----------------------------------------------------------------------
    def handle(self, kind: str, payload: Any) -> None:
        if kind == "progress":
            self._on_progress()
        elif kind == "done":
            self._finish(lambda: self.on_done(payload) if self.on_done is not None else None)
        else:
            self._finish(lambda: self._report(payload))

    def _show_dialog(self) -> None:
        if not self.finished and _alive(self.dialog):
            self.dialog.show()

    def _cancel(self) -> None:
        if self.finished:
            return
        self.progress.cancel()
        if _alive(self.dialog):
            self.dialog.show_cancelling()
            self.dialog.show()

    def _on_progress(self) -> None:
        latest = self.progress.take()
        if self.finished or latest is None or self.progress.cancelled or not _alive(self.dialog):
            return
        done, total, text = latest
        self.dialog.bar.setRange(0, max(total, 0))
        self.dialog.bar.setValue(min(done, total) if total > 0 else 0)
        if text:
            self.dialog.label.setText(text)

    def _finish(self, deliver: Callable[[], None]) -> None:
        # Marked finished before anything else: whatever runs from here on (the caller's
        # callback may open boxes that spin the event loop) finds the task over.
        self.finished = True
        _running.discard(self)
        dialog, self.dialog = self.dialog, None
        if _alive(dialog):
            dialog.hide()
            dialog.deleteLater()
        deliver()

    def _report(self, exc: BaseException) -> None:
        if self.on_error is not None:
            self.on_error(exc)
            return
        from kemensos_desk.ui.common import show_error

        show_error(self.parent if _alive(self.parent) else None, exc)


def _alive(widget) -> bool:
    """False for None and for a widget Qt already deleted (its window closed meanwhile)."""
    return widget is not None and shiboken6.isValid(widget)


def run_in_background(parent, title: str, fn: Callable[[Progress], Any], on_done: Callable[[Any], None] | None,
                      on_error: Callable[[BaseException], None] | None = None, show_dialog: bool = True) -> Progress:
    task = _Task(parent, title, fn, on_done, on_error, show_dialog)
    _running.add(task)
    task.thread.start()
    return task.progress


def shutdown(timeout_ms: int = 10_000) -> None:
    """At quit: ask every task to stop and wait for the workers, before the store closes
    and the application object goes (a worker finishing later would find neither)."""
    tasks = list(_running)
    for task in tasks:
        task.progress.cancel()
    for task in tasks:
        task.thread.join(timeout_ms / 1000)


def busy() -> bool:
    """True while a background task has not delivered its result yet (tests wait on this)."""
    return bool(_running)
