"""Login, lock-out, recovery by code and the forced password change (pytest-qt, offscreen)."""
from __future__ import annotations

import pytest

from kemensos_desk.services import users as user_service
from kemensos_desk.services.auth import Actor
from kemensos_desk.services.office import OfficeDetails, setup_office
from kemensos_desk.services.workspace import Workspace
from kemensos_desk.ui import common
from kemensos_desk.ui.login import LoginDialog
from kemensos_desk.ui.password_dialogs import ChangePasswordDialog

ADMIN = Actor("admin", "Siti Rahma", "administrator")


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


@pytest.fixture
def office(tmp_path):
    ws = Workspace.open(tmp_path / "data")
    details = OfficeDetails("kota", "32.73", "Dinas Sosial Kota Bandung", "Jl. Merdeka No. 1, Bandung",
                            "Dra. Hj. Nining Suryani, M.M.", "197001152000032001")
    code = setup_office(ws, details, "admin", "Siti Rahma", "rahasia123")
    yield ws, code
    ws.close()


def login_dialog(qtbot, ws) -> LoginDialog:
    dialog = LoginDialog(ws)
    qtbot.addWidget(dialog)
    dialog.show()
    return dialog


def test_login_shows_office_and_refusals_then_locks(qtbot, office, boxes):
    ws, _ = office
    dialog = login_dialog(qtbot, ws)
    assert dialog.office_label.text() == "Dinas Sosial Kota Bandung"
    dialog.username.setText("admin")
    dialog.password.setText("salah1234")
    assert not dialog.try_login()
    assert "Sisa 4 kali" in dialog.error.text() and dialog.error.isVisible()
    for _ in range(4):
        dialog.try_login()
    assert "dikunci selama 5 menit" in dialog.error.text()
    dialog.password.setText("rahasia123")  # even the right password waits out the lock
    assert not dialog.try_login()
    assert "terkunci" in dialog.error.text()
    assert dialog.actor is None and not boxes


def test_login_success_emits_actor(qtbot, office):
    ws, _ = office
    dialog = login_dialog(qtbot, ws)
    dialog.username.setText("Admin ")
    dialog.password.setText("rahasia123")
    with qtbot.waitSignal(dialog.logged_in) as got:
        dialog.login_button.click()
    assert got.args[0].username == "admin"
    assert not dialog.isVisible()


def test_forgot_password_with_recovery_code(qtbot, office):
    ws, code = office
    dialog = login_dialog(qtbot, ws)
    forgot = dialog.open_recovery()
    forgot.view.set_value("code", "AAAAA-BBBBB-CCCCC-DDDDD")
    forgot.view.set_value("password", "baru12345")
    forgot.view.set_value("password_again", "baru12345")
    assert not forgot.recover()
    assert "Kode pemulihan salah" in forgot.view.errors["code"].text()
    forgot.view.set_value("code", code.lower().replace("-", " "))
    assert forgot.recover()
    assert forgot.stack.currentIndex() == 1
    new_code = forgot.code_view.code_label.text()
    assert new_code and new_code != code
    assert not forgot.close_button.isEnabled()
    forgot.code_view.check.setChecked(True)
    assert forgot.close_button.isEnabled()
    assert dialog.username.text() == "admin"
    dialog.password.setText("baru12345")
    assert dialog.try_login()


def test_forced_password_change(qtbot, office):
    ws, _ = office
    user_service.add_user(ws, ADMIN, "budi", "Budi Santoso", "operator", "awal12345")
    dialog = login_dialog(qtbot, ws)
    dialog.username.setText("budi")
    dialog.password.setText("awal12345")
    assert dialog.try_login()
    actor = dialog.actor
    assert actor.must_change_password
    change = ChangePasswordDialog(ws, actor, forced=True)
    qtbot.addWidget(change)
    change.view.set_value("old_password", "salah0000")
    change.view.set_value("password", "sandi2026x")
    change.view.set_value("password_again", "sandi2026x")
    assert not change.save()
    assert "lama salah" in change.view.errors["old_password"].text()
    change.view.set_value("old_password", "awal12345")
    assert change.save()
    from kemensos_desk.services import auth

    assert not auth.login(ws, "budi", "sandi2026x").must_change_password


def test_controller_flow_login_main_logout(qtbot, office, monkeypatch):
    from kemensos_desk.ui.app import Controller
    from kemensos_desk.ui.main_window import MainWindow

    ws, _ = office
    controller = Controller(ws.data_dir, ws)
    controller.start()
    dialog = controller.dialog
    assert isinstance(dialog, LoginDialog)
    dialog.username.setText("admin")
    dialog.password.setText("rahasia123")
    dialog.try_login()
    window = controller.window
    assert isinstance(window, MainWindow)
    qtbot.addWidget(window)
    assert "Dinas Sosial Kota Bandung" in window.windowTitle()
    window.logout()
    assert controller.window is None
    assert isinstance(controller.dialog, LoginDialog)
    qtbot.addWidget(controller.dialog)


def test_controller_forces_password_change_after_reset(qtbot, office):
    from kemensos_desk.ui.app import Controller
    from kemensos_desk.ui.main_window import MainWindow

    ws, _ = office
    user_service.add_user(ws, ADMIN, "budi", "Budi Santoso", "operator", "awal12345")
    controller = Controller(ws.data_dir, ws)
    controller.start()
    qtbot.addWidget(controller.dialog)
    controller.dialog.username.setText("budi")
    controller.dialog.password.setText("awal12345")
    controller.dialog.try_login()
    change = controller.dialog
    assert isinstance(change, ChangePasswordDialog)
    qtbot.addWidget(change)
    change.view.set_value("old_password", "awal12345")
    change.view.set_value("password", "sandi2026x")
    change.view.set_value("password_again", "sandi2026x")
    assert change.save()
    assert isinstance(controller.window, MainWindow)
    qtbot.addWidget(controller.window)
    assert controller.window.ctx.actor.username == "budi"


def test_language_switch_rebuilds_the_window(qtbot, office, monkeypatch):
    from kemensos_desk.core import i18n
    from kemensos_desk.ui.app import Controller

    ws, _ = office
    monkeypatch.setattr(i18n, "_current", "id")  # restored after the test
    controller = Controller(ws.data_dir, ws)
    first = controller.show_main(Actor("admin", "Siti Rahma", "administrator"))  # the controller deletes it
    first.show_page("settings")
    general = first.page("settings").show_tab("general")
    general.language.setCurrentIndex(general.language.findData("en"))
    assert general.save()
    qtbot.waitUntil(lambda: controller.window is not first)
    second = controller.window
    qtbot.addWidget(second)
    assert i18n.language() == "en"
    assert second.nav.item(0).text() == "Home"
    assert second.current_key() == "settings"
    assert ws.setting("language") == "en"


def test_environment_login_starts_its_check_before_qt_and_still_counts_failures(office, monkeypatch):
    """The start-up head start (sqlite3 peek + scrypt in a thread) changes nothing of login's rules."""
    from kemensos_desk.core import passwords
    from kemensos_desk.services import quick_start
    from kemensos_desk.services.auth import login
    from kemensos_desk.store import peek

    ws, _ = office
    assert peek.password_hash(ws.data_dir / peek.STORE_FILENAME, "admin").startswith("scrypt$")
    assert peek.password_hash(ws.data_dir / peek.STORE_FILENAME, "tidak-ada") is None
    assert peek.password_hash(ws.data_dir / "tidak-ada.sqlite", "admin") is None
    monkeypatch.setenv("KEMENSOS_DESK_USER", " Admin ")
    monkeypatch.setenv("KEMENSOS_DESK_PASSWORD", "salah12345")
    quick_start.prefetch_env_login(ws.data_dir)
    assert passwords._ahead  # the check is under way
    with pytest.raises(Exception):
        login(ws, "admin", "salah12345")
    assert not passwords._ahead
    with ws.store.session() as s:
        from kemensos_desk.store.models import User

        assert s.query(User).filter_by(username="admin").one().failed_logins == 1
    monkeypatch.setenv("KEMENSOS_DESK_PASSWORD", "rahasia123")
    quick_start.prefetch_env_login(ws.data_dir)
    assert login(ws, "admin", "rahasia123").username == "admin"


def test_beranda_module_cards_come_after_the_first_paint(qtbot, office):
    from kemensos_desk.ui.context import AppContext
    from kemensos_desk.ui.main_window import MainWindow

    ws, _ = office
    window = MainWindow(AppContext(ws, ADMIN, ws.data_dir))
    qtbot.addWidget(window)
    page = window.page("dashboard")
    assert page.cards_grid.count() == 0  # nothing of the modules before Beranda has painted
    window.show()
    window.repaint()
    qtbot.waitUntil(lambda: page.cards_grid.count() > 0, timeout=10_000)


def test_demo_hint_only_when_the_demo_password_works(qtbot, tmp_path):
    """Issue 16: a demo made with KEMENSOS_DESK_PASSWORD must not hint 'contoh2026'."""
    from kemensos_desk.services import demo

    ws = Workspace.open(tmp_path / "contoh")
    demo.create_demo(ws, demo.GUI_DEMO_PASSWORD, year=2026, size="small")
    assert demo.default_password_works(ws)
    dialog = login_dialog(qtbot, ws)
    assert dialog.hint is not None and demo.GUI_DEMO_PASSWORD in dialog.hint.text() and dialog.hint.isVisible()
    user_service.reset_password(ws, ADMIN, "admin", "sandiLain2026")
    assert not demo.default_password_works(ws)
    dialog = login_dialog(qtbot, ws)
    assert dialog.hint is None
    assert not [w for w in dialog.findChildren(common.QLabel) if demo.GUI_DEMO_PASSWORD in w.text()]
    assert dialog.username.text() == "admin"
    ws.close()


def test_no_demo_hint_for_a_real_office(qtbot, office):
    from kemensos_desk.services import demo

    ws, _ = office
    assert not demo.default_password_works(ws)
    assert login_dialog(qtbot, ws).hint is None
