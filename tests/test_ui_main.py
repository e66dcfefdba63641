"""The main window: navigation through every page, status bar, demo mark, background work."""
from __future__ import annotations

import pytest
from PySide6.QtWidgets import QWidget

from kemensos_desk.core.errors import Refused
from kemensos_desk.services import auth
from kemensos_desk.services.office import OfficeDetails, setup_office
from kemensos_desk.services.workspace import Workspace, put_setting
from kemensos_desk.ui import common, pages, tasks
from kemensos_desk.ui.context import AppContext
from kemensos_desk.ui.main_window import MainWindow


@pytest.fixture(autouse=True)
def quick_hashing(monkeypatch):
    """scrypt at full cost is the point in production, not in screen tests."""
    from kemensos_desk.core import passwords

    real = passwords.hash_password
    monkeypatch.setattr(passwords, "hash_password", lambda password, n=2**10: real(password, n=n))


@pytest.fixture
def boxes(monkeypatch):
    shown = []
    monkeypatch.setattr(common, "_show_box", lambda box: shown.append(box.text()) or 0)
    return shown


def make_ws(path, demo=False) -> Workspace:
    ws = Workspace.open(path)
    details = OfficeDetails("kabupaten", "32.10", "Dinas Sosial Kabupaten Majalengka", "Jl. K.H. Abdul Halim No. 45",
                            "Drs. H. Agus Setiawan, M.Si.", "196803121990031002", "(0233) 281234")
    setup_office(ws, details, "admin", "Siti Rahma", "rahasia123", demo=demo)
    return ws


@pytest.fixture
def window(qtbot, tmp_path, boxes):
    ws = make_ws(tmp_path / "data")
    ctx = AppContext(ws, auth.login(ws, "admin", "rahasia123"), ws.data_dir)
    w = MainWindow(ctx)
    qtbot.addWidget(w)
    w.resize(1280, 800)
    w.show()
    yield w
    ws.close()


def test_navigation_through_every_page(window, qtbot):
    assert window.current_key() == "dashboard"
    for row, info in enumerate(pages.PAGES):
        window.nav.setCurrentRow(row)
        assert window.current_key() == info.key
        assert isinstance(window.stack.currentWidget(), QWidget)
    for info in pages.PAGES:  # pages are created once and kept
        window.show_page(info.key)
        assert window.page(info.key) is window.current_page()
    window.show_page("rakor")
    window.ctx.navigate("dashboard")
    assert window.nav.currentRow() == 0


def test_placeholder_for_a_module_not_written_yet(qtbot, monkeypatch):
    monkeypatch.setattr(pages, "page_module", lambda key: None)
    page = pages.create_page("rakor", ctx=None)
    qtbot.addWidget(page)
    assert page.objectName() == "placeholder"


def test_broken_module_gives_a_message_not_a_crash(qtbot, monkeypatch):
    def broken(key):
        raise pages._Broken(key)

    monkeypatch.setattr(pages, "page_module", broken)
    page = pages.create_page("dekon", ctx=None)
    qtbot.addWidget(page)
    assert page.objectName() == "placeholder"


def test_status_bar_and_title(window):
    assert "Dinas Sosial Kabupaten Majalengka" in window.status_office.text()
    assert "Siti Rahma" in window.status_user.text() and "Administrator" in window.status_user.text()
    assert "belum pernah" in window.status_sync.text()
    assert not window.banner.isVisible()
    with window.ctx.ws.store.session("admin") as s:
        put_setting(s, "last_sync_export_at", "2026-11-20T03:15:00+00:00")
    window.ctx.notify("sync")
    assert "20 November 2026" in window.status_sync.text()


def test_dashboard_shows_office_and_counts(window, qtbot):
    page = window.page("dashboard")
    texts = " ".join(label.text() for label in page.findChildren(__import__("PySide6.QtWidgets").QtWidgets.QLabel))
    assert "Drs. H. Agus Setiawan, M.Si." in texts
    assert "19680312 199003 1 002" in texts
    assert "Versi skema" not in texts  # technical lines are in Tentang (issue 16)
    page.findChild(QWidget, "aboutButton").click()
    from kemensos_desk.ui.about import AboutDialog

    dialog = window.findChildren(AboutDialog)[-1]
    qtbot.waitUntil(lambda: dialog.counts is not None)  # counted off the GUI thread
    assert dialog.counts["users"] == 1
    dialog_texts = " ".join(label.text() for label in dialog.findChildren(__import__("PySide6.QtWidgets").QtWidgets.QLabel))
    assert "Versi skema" in dialog_texts and "Pengguna" in dialog_texts
    dialog.reject()
    page.links["settings"].click()
    assert window.current_key() == "settings"


def test_demo_office_is_marked(qtbot, tmp_path, boxes):
    ws = make_ws(tmp_path / "demo", demo=True)
    try:
        w = MainWindow(AppContext(ws, auth.login(ws, "admin", "rahasia123")))
        qtbot.addWidget(w)
        w.show()
        assert w.banner.isVisible() and "CONTOH / DEMO" in w.banner.text()
        assert "CONTOH / DEMO" in w.windowTitle()
    finally:
        ws.close()


def test_run_in_background_delivers_result_and_errors(window, qtbot, boxes):
    ctx = window.ctx
    results = []

    def work(progress):
        for i in range(3):
            progress.set(i + 1, 3, "langkah")
        return "selesai"

    ctx.run_in_background("Uji", work, results.append)
    qtbot.waitUntil(lambda: results == ["selesai"])

    def refuse(progress):
        raise Refused("Data {x} ditolak.", x="uji")

    ctx.run_in_background("Uji", refuse, results.append)
    qtbot.waitUntil(lambda: not tasks.busy())
    assert boxes == ["Data uji ditolak."]

    def bug(progress):
        raise ZeroDivisionError

    ctx.run_in_background("Uji", bug, results.append)
    qtbot.waitUntil(lambda: not tasks.busy())
    assert "tak terduga" in boxes[-1]
    assert results == ["selesai"]


def test_change_password_and_about(window, boxes):
    dialog = window.change_password()
    assert dialog.isVisible()
    dialog.reject()
    about = window.about()
    assert about.isVisible() and "Kemensos Desk" in about.windowTitle()
    about.reject()


def test_run_gui_explains_an_unusable_data_dir(tmp_path, qapp, boxes, monkeypatch):
    import sys

    from kemensos_desk.ui.app import run_gui

    monkeypatch.setattr(sys, "excepthook", sys.excepthook)  # run_gui installs its own
    blocker = tmp_path / "berkas"
    blocker.write_text("bukan folder")
    assert run_gui(str(blocker / "data")) == 3
    assert boxes == ["Kemensos Desk tidak dapat dibuka."]


def test_excepthook_logs_and_shows_a_sentence(qapp, boxes, monkeypatch):
    import sys

    from kemensos_desk import logs
    from kemensos_desk.ui.app import install_excepthook

    monkeypatch.setattr(sys, "excepthook", sys.excepthook)
    logged = []
    monkeypatch.setattr(logs.log, "error", lambda *a, **k: logged.append(a))
    install_excepthook()
    try:
        raise KeyError("rahasia")
    except KeyError:
        sys.excepthook(*sys.exc_info())
    assert logged and "KeyError" in logged[0][1]
    assert "tak terduga" in boxes[-1] and "rahasia" not in boxes[-1]
