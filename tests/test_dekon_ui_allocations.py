"""The allocation list's editing driven with pytest-qt: the form with several indicators and
komponen lines, editing a saved RO, deleting one (confirmed; refused once a quarter is
approved) and the pagu revision dialog with its history. Dialogs are never run modally:
``dialogs.run_dialog`` is replaced. Screens rendered to /tmp/dekon_shots."""
from __future__ import annotations

import datetime as _dt
from decimal import Decimal

import pytest

from kemensos_desk.services.dekon import allocations, summary
from test_dekon_ui import YEAR, page  # noqa: F401  (the shared page fixture)
from test_dekon_ui_activity import shot

pytest.importorskip("PySide6")


@pytest.fixture()
def shown(monkeypatch):
    from kemensos_desk.ui.pages.dekon import dialogs

    seen = []
    monkeypatch.setattr(dialogs, "run_dialog", lambda d: seen.append(d) or 0)
    return seen


def select_ro(view, ro: str) -> None:
    view.table.selectRow(next(r for r in range(view.table.rowCount()) if view.table.item(r, 0).text() == ro))


def test_form_takes_several_indicators_and_komponen(page, shown):  # noqa: F811
    page.year.setValue(2024)
    form = page.allocations.open_form()
    assert shown == [form]
    form.ro_code.setText("6288.QDB.001")
    form.name.setText("Bimbingan Teknis TKSK")
    form.target.setValue(40)
    form.pagu.setText("300.000.000")
    form.indicators.set_cell(0, 0, "TKSK terlatih")
    form.indicators.set_cell(0, 2, "40")
    form.indicators.add_row("Peserta tidak lulus", "persen", "10", "lower", "last")
    form.indicators.add_row()  # a spare blank row is ignored
    form.komponen.add_row("051", "Konsumsi rapat", "120.000.000")
    form.komponen.add_row("052", "Honor narasumber", "abc")
    assert not form.save() and "Komponen" in form.problems.text()
    form.komponen.set_cell(1, 2, "90.000.000")
    form.resize(1120, 560)
    shot(form, "allocation_form_lines")
    assert form.save(), form.problems.text()
    saved = allocations.input_of(page.ctx.ws, 2024, "6288.QDB.001")
    assert [(i.name, i.target, i.polarity, i.aggregation) for i in saved.indicators] == [
        ("TKSK terlatih", Decimal(40), "higher", "sum"), ("Peserta tidak lulus", Decimal(10), "lower", "last")]
    assert [(k.code, k.pagu) for k in saved.komponen] == [("051", 120_000_000), ("052", 90_000_000)]


def test_edit_then_delete_an_allocation(page, shown):  # noqa: F811
    view = page.allocations
    select_ro(view, "6288.QDB.003")
    form = view.edit_selected()
    assert form.ro_code.isReadOnly() and form.ro_code.text() == "6288.QDB.003"
    assert form.pagu.text() == "320.000.000" and form.indicators.table.rowCount() == 1
    assert form.indicators.cell(0, 3) == "lower" and form.rpd[4].text()
    form.resize(1120, 560)
    shot(form, "allocation_form_edit")
    form.name.setText("Bimbingan Teknis Pengurus Karang Taruna Kabupaten/Kota")
    form.indicators.add_row("Karang Taruna aktif", "lembaga", "27", "higher", "last")
    assert form.save(), form.problems.text()
    assert view.table.item(2, 1).text().endswith("Kabupaten/Kota")
    assert len(allocations.input_of(page.ctx.ws, YEAR, "6288.QDB.003").indicators) == 2
    select_ro(view, "6288.QDB.003")
    form = view.edit_selected()
    form.pagu.setText("999.000.000")  # quarters are approved: the pagu changes only by a dated revision
    assert not form.save() and "revisi pagu" in form.problems.text()
    select_ro(view, "6288.QDB.003")
    assert not view.delete_selected() and "tidak dapat dihapus" in page.messages[-1][0]
    page.year.setValue(2024)  # a year with nothing approved
    form = view.open_form()
    form.ro_code.setText("6288.QDB.009")
    form.name.setText("Uji hapus")
    form.target.setValue(1)
    form.pagu.setText("1.000")
    assert form.save(), form.problems.text()
    select_ro(view, "6288.QDB.009")
    assert view.delete_selected()
    assert view.table.rowCount() == 0 and allocations.list_allocations(page.ctx.ws, 2024) == []


def test_pagu_revision_dialog(page, shown):  # noqa: F811
    view = page.allocations
    select_ro(view, "6288.QDB.001")
    dialog = view.open_revisions()
    assert shown == [dialog]
    assert dialog.table.rowCount() == 1 and dialog.table.item(0, 0).text() == "Pagu awal"
    dialog.effective.setDate(_dt.date(YEAR, 5, 1))
    dialog.pagu.setText("600.000.000")
    assert not dialog.add_revision() and "dikunci" in dialog.problems.text()
    dialog.effective.setDate(_dt.date(YEAR, 9, 1))
    dialog.pagu.setText("1.000")
    assert not dialog.add_revision() and "lebih kecil dari realisasi" in dialog.problems.text()
    dialog.pagu.setText("600.000.000")
    dialog.reason.setText("Revisi DIPA II")
    assert dialog.add_revision(), dialog.problems.text()
    assert dialog.table.rowCount() == 2
    assert [dialog.table.item(1, c).text() for c in range(3)] == ["1 September 2025", "Rp600.000.000", "Revisi DIPA II"]
    dialog.resize(680, 480)
    shot(dialog, "pagu_revisions")
    q3 = next(o for o in summary.realisasi(page.ctx.ws, YEAR, 3)["outputs"] if o["ro"] == "6288.QDB.001")
    assert q3["pagu"] == 600_000_000
    assert view.table.item(0, 5).text() == "Rp600.000.000 *" and "Rp540.000.000" in view.table.item(0, 5).toolTip()
    page.resize(1300, 820)
    shot(page, "allocation_list")


def test_ro_buttons_wait_for_a_selected_ro(page):  # noqa: F811
    view = page.allocations
    view.table.clearSelection()
    view.table.setCurrentCell(-1, -1)
    assert not view.edit_button.isEnabled() and not view.delete_button.isEnabled() and not view.pagu_button.isEnabled()
    select_ro(view, "6288.QDB.003")
    assert view.edit_button.isEnabled() and view.delete_button.isEnabled() and view.pagu_button.isEnabled()
