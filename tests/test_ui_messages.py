"""Issue 16 item 11: messages say what to do. Refusals name the column, 'Ubah' without a
selection explains, 'Batal' asks before throwing typing away, wizard errors go once fixed
and show once, empty tables and searches say so, import reasons are never cut."""
from __future__ import annotations

import datetime as _dt
import shutil

import pytest
from PySide6.QtCore import Qt

from kemensos_desk.core.errors import Refused
from kemensos_desk.services.spm import register as reg
from kemensos_desk.services.workspace import Workspace
from kemensos_desk.ui import common
from test_spm_support import OPERATOR, make_office, nik_for

BORN = _dt.date(1950, 3, 12)


@pytest.fixture(scope="module")
def office_dir(tmp_path_factory):
    base = tmp_path_factory.mktemp("pesan")
    ws = make_office(base)
    with ws.store.session("admin") as s:
        for i in range(1, 4):
            b = reg.add_person(s, reg.PersonData(name=f"Siti {i:03d}", sex="P", birth_date=BORN,
                                                 kecamatan_code="32.10.01", nik=nik_for("321001", BORN, "P", i)))
            reg.entitle(s, b, "lansia", 2026)
    ws.close()
    return base / "data"


@pytest.fixture()
def ctx(office_dir, tmp_path):
    from kemensos_desk.ui.context import AppContext

    shutil.copytree(office_dir, tmp_path / "data")
    ws = Workspace.open(tmp_path / "data")
    yield AppContext(ws, OPERATOR)
    ws.close()


class _Shown(list):
    answers: list


@pytest.fixture()
def boxes(monkeypatch):
    shown = _Shown()
    answers: list = []
    monkeypatch.setattr(common, "_show_box",
                        lambda box: shown.append(box.text()) or (answers.pop(0) if answers else common.QMessageBox.Ok))
    shown.answers = answers
    return shown


def test_a_whole_number_refusal_names_its_column(qtbot):
    from kemensos_desk.ui.pages.rakor.editors import ProposalsEditor

    editor = ProposalsEditor()
    qtbot.addWidget(editor)
    editor.items.add_row(["RO 001", "lima", "paket", "150.000", "", "Desa A", ""])
    with pytest.raises(Refused) as caught:
        editor.proposals()
    text = common.problems_text(caught.value)
    assert "baris 1, Volume: " in text and "bilangan bulat" in text

    from kemensos_desk.ui.pages.dekon import allocation_form

    with pytest.raises(Refused) as caught:
        allocation_form._money("12,5", "pagu")
    assert "Pagu (Rp): Harus bilangan bulat." in common.problems_text(caught.value)


def test_edit_without_a_selection_explains(ctx, qtbot, boxes):
    from kemensos_desk.ui.pages.spm.register_view import RegisterView

    view = RegisterView(ctx)
    qtbot.addWidget(view)
    view.edit_btn.click()
    assert boxes and "Pilih dahulu satu penerima" in boxes[-1]


def test_cancel_asks_before_discarding_typed_data(ctx, qtbot, boxes):
    from kemensos_desk.ui.pages.spm.person_form import PersonDialog

    untouched = PersonDialog(ctx)
    qtbot.addWidget(untouched)
    untouched.show()
    untouched.reject()  # nothing typed: closes without a question
    assert boxes == [] and not untouched.isVisible()

    dialog = PersonDialog(ctx)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.keyClicks(dialog.name, "Ujang Suparman")
    boxes.answers.append(common.QMessageBox.No)
    dialog.buttons.button(dialog.buttons.StandardButton.Cancel).click()
    assert boxes[-1] == "Buang data yang sudah diketik?" and dialog.isVisible()
    assert dialog.name.text() == "Ujang Suparman"
    boxes.answers.append(common.QMessageBox.Yes)
    qtbot.keyClick(dialog, Qt.Key_Escape)
    assert len(boxes) == 2 and not dialog.isVisible()

    existing = PersonDialog(ctx, 1)  # opened on a person: only a change counts
    qtbot.addWidget(existing)
    existing.show()
    existing.reject()
    assert len(boxes) == 2 and not existing.isVisible()


def test_wizard_error_goes_when_fixed(qtbot, tmp_path, boxes):
    from kemensos_desk.ui import setup_wizard as sw

    ws = Workspace.open(tmp_path / "baru")
    try:
        w = sw.SetupWizard(ws, ws.data_dir)
        qtbot.addWidget(w)
        w.show()
        w.intro.new_button.click()
        w.page(sw.LEVEL).view.editors["level"].buttons["kabupaten"].setChecked(True)
        w.next()
        page = w.page(sw.REGION)
        w.next()  # nothing chosen
        error = page.view.errors["region_code"]
        assert w.currentId() == sw.REGION and error.isVisibleTo(page) and error.text()
        page.picker.province.setCurrentIndex(page.picker.province.findData("32"))
        page.picker.kabkota.setCurrentIndex(page.picker.kabkota.findData("32.10"))
        assert not error.isVisibleTo(page) and error.text() == ""
    finally:
        ws.close()


def test_empty_register_and_search_without_result_say_so(ctx, qtbot):
    from kemensos_desk.ui.pages.spm.register_view import RegisterView

    view = RegisterView(ctx)
    qtbot.addWidget(view)
    view.resize(900, 500)
    view.show()
    assert not view.empty_state.is_shown()
    qtbot.keyClicks(view.search, "Zaenal")
    qtbot.waitUntil(lambda: view.model.rowCount() == 0, timeout=3000)
    assert view.empty_state.is_shown() and "Tidak ada penerima yang cocok dengan \u201cZaenal\u201d" in view.empty_state.text()
    view.search.clear()
    qtbot.waitUntil(lambda: view.model.rowCount() == 3, timeout=3000)
    assert not view.empty_state.is_shown()


def test_import_refusal_reasons_are_never_cut(ctx, qtbot):
    from kemensos_desk.ui.pages.spm.import_dialog import ImportDialog

    dialog = ImportDialog(ctx)
    qtbot.addWidget(dialog)
    assert dialog.empty_state.is_shown()  # says where the reasons will appear
    from kemensos_desk.ui.widgets import full_text

    full_text.show_full_text(dialog.problems)
    assert dialog.problems.textElideMode() == Qt.ElideNone and dialog.problems.wordWrap()
