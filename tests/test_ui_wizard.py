"""The setup wizard driven end to end on a real data directory (pytest-qt, offscreen)."""
from __future__ import annotations

import pytest
from PySide6.QtWidgets import QMessageBox, QWizard

from kemensos_desk.core import passwords
from kemensos_desk.services import auth
from kemensos_desk.services.workspace import Workspace, demo_data_dir
from kemensos_desk.ui import common, tasks
from kemensos_desk.ui import setup_wizard as sw


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
def ws(tmp_path):
    workspace = Workspace.open(tmp_path / "data")
    yield workspace
    workspace.close()


@pytest.fixture
def wizard(qtbot, ws, boxes):
    w = sw.SetupWizard(ws, ws.data_dir)
    qtbot.addWidget(w)
    w.show()
    return w


def fill_office(w: sw.SetupWizard, nip: str = "19680312 199003 1 002") -> None:
    w.intro.new_button.click()
    assert w.currentId() == sw.LEVEL
    w.page(sw.LEVEL).view.editors["level"].buttons["kabupaten"].setChecked(True)
    w.next()
    assert w.currentId() == sw.REGION
    picker = w.page(sw.REGION).picker
    picker.province.setCurrentIndex(picker.province.findData("32"))
    picker.kabkota.setCurrentIndex(picker.kabkota.findData("32.10"))
    w.next()
    assert w.currentId() == sw.OFFICE
    office = w.page(sw.OFFICE).view
    assert office.value("office_name") == "Dinas Sosial Kabupaten Majalengka"  # prefilled from the region
    office.set_value("address", "Jl. K.H. Abdul Halim No. 45, Majalengka")
    office.set_value("email", "dinsos@majalengkakab.go.id")
    w.next()
    assert w.currentId() == sw.HEAD
    head = w.page(sw.HEAD).view
    head.set_value("head_name", "Drs. H. Agus Setiawan, M.Si.")
    head.set_value("head_nip", nip)


def fill_admin(w: sw.SetupWizard, again: str = "rahasia123") -> None:
    page = w.page(sw.ADMIN)
    page.view.set_value("username", "rahma")
    page.view.set_value("full_name", "Siti Rahma")
    page.view.set_value("password", "rahasia123")
    page.repeat.set_value("password_again", again)


def test_region_picker_filters_by_level(wizard):
    wizard.intro.new_button.click()
    wizard.page(sw.LEVEL).view.editors["level"].buttons["kota"].setChecked(True)
    wizard.next()
    picker = wizard.page(sw.REGION).picker
    picker.province.setCurrentIndex(picker.province.findData("32"))
    names = [picker.kabkota.itemText(i) for i in range(picker.kabkota.count())]
    assert any(n.startswith("Kota Bandung") for n in names)
    assert not any(n.startswith("Kabupaten") for n in names)
    assert picker.kabkota.completer().filterMode().name == "MatchContains"


def test_wizard_end_to_end(wizard, ws, qtbot):
    fill_office(wizard, nip="19680312 199013 1 002")  # month 13: not a NIP
    head = wizard.page(sw.HEAD).view
    assert head.hints["head_nip"].property("state") == "bad"
    assert "Bulan TMT" in head.hints["head_nip"].text()
    wizard.next()
    assert wizard.currentId() == sw.HEAD  # refused, with the reason under the field, once (issue 16)
    assert "Bulan TMT" in head.hints["head_nip"].text() and not head.errors["head_nip"].isVisibleTo(head)
    assert head.editors["head_nip"].property("error")
    head.set_value("head_nip", "19680312 199003 1 002")
    assert head.hints["head_nip"].property("state") == "ok"
    assert "12 Maret 1968" in head.hints["head_nip"].text() and "laki-laki" in head.hints["head_nip"].text()
    wizard.next()
    assert wizard.currentId() == sw.ADMIN
    fill_admin(wizard, again="rahasia999")
    wizard.next()
    assert wizard.currentId() == sw.ADMIN
    assert "tidak sama" in wizard.page(sw.ADMIN).repeat.errors["password_again"].text()
    wizard.page(sw.ADMIN).repeat.set_value("password_again", "rahasia123")
    wizard.next()
    assert wizard.currentId() == sw.SUMMARY
    assert "19680312 199003 1 002" in wizard.page(sw.SUMMARY).text.text()
    wizard.next()  # "Siapkan": the office is created here
    assert wizard.currentId() == sw.CODE
    office = ws.office()
    assert office.name == "Dinas Sosial Kabupaten Majalengka" and office.region_code == "32.10"
    assert office.head_nip == "196803121990031002"
    code = wizard.recovery_code
    assert code and wizard.page(sw.CODE).view.code_label.text() == code
    assert passwords.normalize_recovery_code(code) == code
    assert not wizard.button(QWizard.FinishButton).isEnabled()
    wizard.page(sw.CODE).view.check.setChecked(True)
    assert wizard.button(QWizard.FinishButton).isEnabled()
    with qtbot.waitSignal(wizard.completed) as got:
        wizard.button(QWizard.FinishButton).click()
    done_ws, actor = got.args
    assert done_ws is ws and actor.username == "rahma" and actor.role == "administrator"
    assert auth.login(ws, "rahma", "rahasia123").username == "rahma"


def test_refusal_from_service_goes_back_to_the_field(wizard, ws, monkeypatch):
    from kemensos_desk.core.errors import Problem, Refused
    from kemensos_desk.core.i18n import Message

    fill_office(wizard)
    wizard.next()
    fill_admin(wizard)
    wizard.next()
    assert wizard.currentId() == sw.SUMMARY

    def refuse(*args, **kwargs):
        raise Refused("Data penyiapan belum benar.", problems=[Problem("office_name", Message("Nama terlalu aneh."))])

    monkeypatch.setattr(sw, "setup_office", refuse)
    wizard.next()
    assert wizard.currentId() == sw.OFFICE
    assert wizard.page(sw.OFFICE).view.errors["office_name"].text() == "Nama terlalu aneh."
    assert ws.office() is None


def test_recovery_code_pdf(tmp_path, qtbot):
    from kemensos_desk.ui.widgets.recovery_code import save_pdf

    out = save_pdf(tmp_path / "kode.pdf", "ABCDE-FGHJK-LMNPQ-RSTUV", "admin", "Dinas Sosial Kota Bandung", demo=True)
    assert out.read_bytes()[:4] == b"%PDF"


def test_demo_button_logs_straight_in(wizard, ws, qtbot, monkeypatch):
    from kemensos_desk.services import demo

    # The modules' generated data is theirs to test; here only the office and its login matter.
    monkeypatch.setattr(demo, "_load_steps", lambda: None)
    monkeypatch.setattr(demo, "DEMO_STEPS", [])
    with qtbot.waitSignal(wizard.completed, timeout=60000) as got:
        wizard.intro.demo_button.click()
    demo_ws, actor = got.args
    try:
        assert demo_ws.data_dir == demo_data_dir(ws.data_dir)
        assert demo_ws.office().is_demo
        assert actor.username == "admin"
        assert ws.office() is None  # never in the real office's store
        qtbot.waitUntil(lambda: not tasks.busy())
    finally:
        demo_ws.close()
    # A second time the existing demo is simply opened.
    again = sw.SetupWizard(ws, ws.data_dir)
    qtbot.addWidget(again)
    with qtbot.waitSignal(again.completed, timeout=60000) as got2:
        again.start_demo()
    got2.args[0].close()
    assert got2.args[1].username == "admin"


def test_cancelling_half_way_asks_first(wizard, boxes, monkeypatch):
    fill_office(wizard)
    wizard.reject()  # the recorder answers "No" (0)
    assert boxes[-1] == "Batalkan penyiapan kantor?" and wizard.isVisible()
    monkeypatch.setattr(common, "_show_box", lambda box: boxes.append(box.text()) or QMessageBox.Yes)
    wizard.reject()
    assert not wizard.isVisible()


def test_cancelling_on_the_welcome_page_asks_nothing(wizard, boxes):
    wizard.reject()
    assert boxes == [] and not wizard.isVisible()
