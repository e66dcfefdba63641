"""The background task and its progress dialog: the finish may come at any moment
relative to progress updates, and nothing may touch the dialog after it."""
from __future__ import annotations

import threading

from PySide6.QtWidgets import QApplication, QWidget

from kemensos_desk.core.errors import KemensosError
from kemensos_desk.ui import common, tasks


def _boxes(monkeypatch) -> list[str]:
    shown: list[str] = []
    monkeypatch.setattr(common, "_show_box", lambda box: shown.append(box.text()) or common.QMessageBox.Ok)
    return shown


def _progress_dialogs(parent) -> list:
    return [w for w in parent.findChildren(tasks._ProgressDialog) if w.isVisible()]


def test_finish_between_progress_updates_300_rounds(qtbot, monkeypatch):
    shown = _boxes(monkeypatch)
    monkeypatch.setattr(tasks, "_SHOW_AFTER_MS", 0)  # the dialog is on screen in every round
    parent = QWidget()
    qtbot.addWidget(parent)
    parent.show()
    results: list[int] = []
    for round_no in range(300):
        release = threading.Event()

        def work(progress, n=round_no, release=release):
            progress.set(1, 3, "langkah 1")
            release.wait(5)  # the GUI thread may or may not have shown step 1 yet
            progress.set(2, 3, "langkah 2")
            return n

        def done(result):
            results.append(result)
            # a straggling update after the finish, and the event loop spun inside the callback
            holder_progress.set(3, 3, "terlambat")
            QApplication.processEvents()

        holder_progress = tasks.run_in_background(parent, "Uji", work, done)
        if round_no % 2:
            QApplication.processEvents()
        release.set()
        qtbot.waitUntil(lambda: not tasks.busy(), timeout=5000)
        holder_progress.set(3, 3, "sesudah selesai")  # a late update after finish: ignored
        QApplication.processEvents()
    assert results == list(range(300))
    assert shown == []
    assert _progress_dialogs(parent) == []


def test_task_that_raises_shows_a_worded_error(qtbot, monkeypatch):
    shown = _boxes(monkeypatch)
    parent = QWidget()
    qtbot.addWidget(parent)

    def work(progress):
        progress.set(0, 0, "membaca")
        raise KemensosError("Berkas tidak dapat dibaca: bukan paket sinkronisasi.")

    tasks.run_in_background(parent, "Uji", work, lambda _r: None)
    qtbot.waitUntil(lambda: not tasks.busy(), timeout=5000)
    qtbot.waitUntil(lambda: bool(shown), timeout=5000)
    assert shown == ["Berkas tidak dapat dibaca: bukan paket sinkronisasi."]


def test_unexpected_error_is_a_plain_sentence(qtbot, monkeypatch):
    shown = _boxes(monkeypatch)
    parent = QWidget()
    qtbot.addWidget(parent)
    tasks.run_in_background(parent, "Uji", lambda progress: 1 / 0, None)
    qtbot.waitUntil(lambda: bool(shown), timeout=5000)
    assert "tak terduga" in shown[0] and "ZeroDivision" not in shown[0]


def test_cancel_reaches_the_worker(qtbot):
    parent = QWidget()
    qtbot.addWidget(parent)
    started, outcome = threading.Event(), []

    def work(progress):
        started.set()
        while not progress.cancelled:
            progress.set(0, 0, "menunggu")
            threading.Event().wait(0.01)
        return "berhenti"

    tasks.run_in_background(parent, "Uji", work, outcome.append)
    started.wait(5)
    dialog = parent.findChildren(tasks._ProgressDialog)[0]
    dialog.cancel_button.click()
    qtbot.waitUntil(lambda: not tasks.busy(), timeout=5000)
    assert outcome == ["berhenti"]
