"""SPM screens driven with pytest-qt: the lazy register, search as you type, the person form
with live NIK feedback, bulk delivery and the achievement tab."""
from __future__ import annotations

import datetime as _dt

import pytest

from kemensos_desk.services.spm import register as reg
from kemensos_desk.services.spm.register_query import RegisterFilter
from test_spm_support import OPERATOR, make_office, nik_for

pytest.importorskip("PySide6")

BORN = _dt.date(1950, 3, 12)


@pytest.fixture(scope="module")
def template_dir(tmp_path_factory):
    """The office and its 250 people, built once; each test works on a copy."""
    base = tmp_path_factory.mktemp("spm-ui")
    ws = make_office(base)
    with ws.store.session("admin") as s:
        for i in range(1, 251):
            sex = "P" if i % 2 else "L"
            b = reg.add_person(s, reg.PersonData(name=f"{'Siti' if sex == 'P' else 'Ujang'} {i:03d}", sex=sex,
                                                 birth_date=BORN, kecamatan_code="32.10.01",
                                                 nik=nik_for("321001", BORN, sex, i)))
            reg.entitle(s, b, "lansia", 2025)
    ws.close()
    return base / "data"


@pytest.fixture()
def ctx(template_dir, tmp_path, qtbot):
    import shutil

    from kemensos_desk.services.workspace import Workspace
    from kemensos_desk.ui.context import AppContext

    shutil.copytree(template_dir, tmp_path / "data")
    ws = Workspace.open(tmp_path / "data")
    yield AppContext(ws, OPERATOR)
    ws.close()


def test_register_model_is_lazy_and_search_filters_as_you_type(ctx, qtbot):
    from kemensos_desk.ui.pages.spm.register_view import RegisterView

    view = RegisterView(ctx)
    qtbot.addWidget(view)
    model = view.model
    assert model.rowCount() == 250
    assert model.fetches == 0  # nothing read until the view asks for rows
    assert model.data(model.index(0, 1)) == "Siti 001"
    assert model.fetches == 1
    model.data(model.index(249, 1))
    assert model.fetches == 2  # only the pages in view
    qtbot.keyClicks(view.search, "ujang 01")
    qtbot.waitUntil(lambda: model.rowCount() == 5, timeout=2000)  # Ujang 010, 012, 014, 016, 018
    view.search.clear()
    qtbot.keyClicks(view.search, nik_for("321001", BORN, "P", 7))
    qtbot.waitUntil(lambda: model.rowCount() == 1, timeout=2000)
    assert model.data(model.index(0, 1)) == "Siti 007"


def test_register_counts_a_search_up_to_a_cap_and_grows_as_the_user_scrolls(ctx, qtbot, monkeypatch):
    from kemensos_desk.ui.pages.spm.register_model import RegisterModel
    from kemensos_desk.ui.pages.spm.register_view import RegisterView

    monkeypatch.setattr(RegisterModel, "CAP", 50)  # 125 Sitis: the "a" of a million-row register
    view = RegisterView(ctx)
    qtbot.addWidget(view)
    view.resize(900, 600)
    view.show()
    model = view.model
    assert model.rowCount() == 250 and not model.canFetchMore()  # the whole register: counted exactly
    assert view.count.text() == "250 penerima"
    qtbot.keyClicks(view.search, "s")
    qtbot.waitUntil(lambda: view.count.text() == "lebih dari 50 penerima", timeout=2000)  # truthful
    assert model.rowCount() == 50 and model.canFetchMore()
    view.table.scrollToBottom()  # the view asks for more at the bottom
    qtbot.waitUntil(lambda: model.rowCount() == 100, timeout=2000)
    assert view.count.text() == "lebih dari 100 penerima"
    model.fetchMore()
    assert model.rowCount() == 125 and not model.canFetchMore()
    assert view.count.text() == "125 penerima"
    assert model.data(model.index(124, 1)) == "Siti 249"  # the last match is reachable
    assert [model.row(r)["name"] for r in (0, 49, 50, 99, 100)] == [
        "Siti 001", "Siti 099", "Siti 101", "Siti 199", "Siti 201"]
    qtbot.keyClicks(view.search, "iti 1")  # Siti 101 .. 199: exactly the cap, so no "more than"
    qtbot.waitUntil(lambda: view.count.text() == "50 penerima", timeout=2000)
    assert model.rowCount() == 50 and not model.canFetchMore()
    reg.create_person(ctx.ws, ctx.actor, reg.PersonData(name="Ujang Baru", sex="L", birth_date=BORN,
                                                        kecamatan_code="32.10.01", nik=nik_for("321001", BORN, "L", 900)))
    ctx.notify("spm_beneficiary")
    view.search.clear()  # back to the whole register: counted again after the change
    qtbot.waitUntil(lambda: view.count.text() == "251 penerima", timeout=2000)


def test_person_form_decodes_nik_while_typing_and_refuses_duplicates(ctx, qtbot):
    from kemensos_desk.ui.pages.spm.person_form import PersonDialog

    dlg = PersonDialog(ctx)
    qtbot.addWidget(dlg)
    qtbot.keyClicks(dlg.nik, "32100152")
    assert "16 angka" in dlg.nik_info.text()
    qtbot.keyClicks(dlg.nik, "03500999")
    text = dlg.nik_info.text()
    assert "Lemahsugih" in text and "12 Maret 1950" in text and "perempuan" in text
    assert dlg.sex.currentData() == "P" and dlg.birth_date.value() == BORN  # filled from the NIK
    dlg.sex.setCurrentIndex(dlg.sex.findData("L"))
    assert "tidak cocok" in dlg.nik_info.text()
    dlg.sex.setCurrentIndex(dlg.sex.findData("P"))
    dlg.name.setText("Siti Baru")
    dlg.services["lansia"].setChecked(True)
    dlg.save()
    assert dlg.saved_id is not None
    dup = PersonDialog(ctx)
    qtbot.addWidget(dup)
    dup.nik.setText("3210015203500999")
    dup.name.setText("Orang Lain")
    dup.save()
    assert dup.saved_id is None and "Siti Baru" in dup.error.text()
    assert dup.existing_id == dlg.saved_id and not dup.show_existing.isHidden()


def test_bulk_delivery_dialog_records_for_selected_people(ctx, qtbot, monkeypatch):
    from kemensos_desk.ui import common
    from kemensos_desk.ui.pages.spm.delivery_dialog import DeliveryDialog
    from PySide6.QtCore import QDate

    monkeypatch.setattr(common, "_show_box", lambda box: 0)
    with ctx.ws.store.session() as s:
        from kemensos_desk.services.spm.register_query import person_ids

        ids = person_ids(s, RegisterFilter(text="siti"))
    dlg = DeliveryDialog(ctx, ids, "lansia")
    qtbot.addWidget(dlg)
    dlg.component.setCurrentIndex(dlg.component.findData("permakanan"))
    dlg.date.setDate(QDate(2025, 3, 10))
    dlg.save()
    assert dlg.result_counts.new == 125
    assert dlg.unit.text() == "paket"


def test_achievement_tab_shows_a_row_and_a_chart_per_service(ctx, qtbot):
    from kemensos_desk.ui.pages.spm.achievement_view import AchievementView

    view = AchievementView(ctx)
    qtbot.addWidget(view)
    view.show()  # figures are computed while the tab is visible
    view.year.setValue(2025)
    assert view.table.rowCount() == 5
    assert view.table.item(2, 1).text() == "250"
    assert set(view.charts) == {"disabilitas", "anak", "lansia", "gepeng", "bencana"}
    assert view.charts["lansia"].values[0]["entitled"] == 250


def test_period_bar_approves_and_saves_the_report(ctx, qtbot, monkeypatch, tmp_path):
    from kemensos_desk.services.auth import Actor
    from kemensos_desk.services.spm import quarters
    from kemensos_desk.ui import common
    from kemensos_desk.ui.pages.spm.achievement_view import AchievementView

    monkeypatch.setattr(common, "_show_box", lambda box: common.QMessageBox.Yes)
    ctx.actor = Actor("verif", "Verifikator", "verifikator")
    view = AchievementView(ctx)
    qtbot.addWidget(view)
    view.show()  # figures are computed while the tab is visible
    view.year.setValue(2025)
    view.period.setCurrentIndex(0)  # Triwulan I
    bar = view.period_bar
    assert not bar.approve_btn.isHidden() and bar.reopen_btn.isHidden()
    bar.approve()
    assert quarters.status(ctx.ws, 2025)[0]["status"] == "approved"
    assert "disetujui oleh verif" in bar.state.text() and bar.approve_btn.isHidden()
    out = bar.write(tmp_path / "laporan.xlsx")
    assert out is not None and out.exists()


def test_budget_and_event_dialogs_write_through_the_services(ctx, qtbot):
    from PySide6.QtCore import QDate

    from kemensos_desk.ui.pages.spm.disaster_budget_view import BudgetDialog, DisasterBudgetView, EventDialog

    view = DisasterBudgetView(ctx)
    qtbot.addWidget(view)
    view.year.setValue(2025)
    dlg = BudgetDialog(ctx, 2025)
    qtbot.addWidget(dlg)
    dlg.service.setCurrentIndex(dlg.service.findData("lansia"))
    dlg.allocated.setText("1.250.000.000")
    dlg.spent.setText("1.000.000.000")
    dlg.problems.setPlainText("Jarak jauh.")
    dlg.save()
    assert view.budgets.item(2, 1).text() == "Rp1.250.000.000" and view.budgets.item(2, 3).text() == "80,00%"
    ev = EventDialog(ctx)
    qtbot.addWidget(ev)
    ev.date.setDate(QDate(2025, 2, 10))
    ev.counts["jiwa"].setValue(120)
    ev.counts["children"].setValue(30)
    ev.save()
    assert view.events.rowCount() == 1 and view.events.item(0, 4).text() == "120"
    bad = EventDialog(ctx)
    qtbot.addWidget(bad)
    bad.save()  # no victims
    assert "paling sedikit 1" in bad.error.text()


def test_assessment_dialog_records_needed_components(ctx, qtbot):
    from kemensos_desk.services.spm import deliveries
    from kemensos_desk.ui.pages.spm.assessment_dialog import AssessmentDialog
    from PySide6.QtCore import QDate

    dlg = AssessmentDialog(ctx, 1)
    qtbot.addWidget(dlg)
    assert "alat_bantu" in dlg.checks and "fasilitasi_dokumen" not in dlg.checks  # automatic, never ticked
    assert "permakanan" not in dlg.checks  # wajib needs no assessment
    dlg.date.setDate(QDate(2025, 5, 10))
    dlg.checks["alat_bantu"].setChecked(True)
    dlg.save()
    assert dlg.added == 1
    with ctx.ws.store.session() as s:
        assert [a["component"] for a in deliveries.assessments_of(s, 1)] == ["alat_bantu"]
    again = AssessmentDialog(ctx, 1)
    qtbot.addWidget(again)
    assert again.checks["alat_bantu"].isChecked() and not again.checks["alat_bantu"].isEnabled()


def test_person_form_edits_status_with_its_date(ctx, qtbot):
    from kemensos_desk.ui.pages.spm.person_form import PersonDialog

    dlg = PersonDialog(ctx, 2)
    qtbot.addWidget(dlg)
    assert dlg.name.text() == "Ujang 002" and "Lemahsugih" in dlg.nik_info.text()
    dlg.status.setCurrentIndex(dlg.status.findData("died"))
    dlg.save()
    assert dlg.saved_id is None and "meninggal" in dlg.error.text().lower()  # the date is required
    dlg.status_date.set_value(_dt.date(2025, 6, 1))
    dlg.save()
    assert dlg.saved_id == 2
    with ctx.ws.store.session() as s:
        b = reg.get_person(s, 2)
        assert (b.status, b.status_date) == ("died", _dt.date(2025, 6, 1))


def test_search_runs_at_once_and_waits_for_a_typing_pause_only_after_a_slow_one(ctx, qtbot, monkeypatch):
    from kemensos_desk.ui.pages.spm import register_view
    from kemensos_desk.ui.pages.spm.register_view import RegisterView

    monkeypatch.setattr(register_view, "SLOW_SEARCH_S", 10.0)  # no search counts as slow: no timing in tests
    view = RegisterView(ctx)
    qtbot.addWidget(view)
    assert view._timer.interval() == 0  # a quick register: each key searches as soon as it is handled
    monkeypatch.setattr(register_view, "SLOW_SEARCH_S", -1.0)  # as if every search were slow
    qtbot.keyClicks(view.search, "siti")
    qtbot.waitUntil(lambda: view._timer.interval() == register_view.TYPING_PAUSE_MS, timeout=2000)
    monkeypatch.setattr(register_view, "SLOW_SEARCH_S", 10.0)
    qtbot.keyClicks(view.search, " 1")
    qtbot.waitUntil(lambda: view._timer.interval() == 0 and view.model.rowCount() > 0, timeout=2000)
