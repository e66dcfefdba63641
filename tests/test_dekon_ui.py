"""Dekon/TP screens driven with pytest-qt: allocation list and import, monthly entry with RPD
beside realisation (late ROs highlighted), achievement/efficiency, and quarter approval."""
from __future__ import annotations

from pathlib import Path

import pytest

from kemensos_desk.services.dekon import allocations, approval, summary
from test_dekon_support import ADMIN, make_demo_office

pytest.importorskip("PySide6")
DATA = Path(__file__).parent / "data" / "dekon"
YEAR = 2025


@pytest.fixture()
def page(tmp_path, qtbot, monkeypatch):
    from kemensos_desk.ui import common as ui_common
    from kemensos_desk.ui.context import AppContext
    from kemensos_desk.ui.pages import dekon

    ws = make_demo_office(tmp_path)
    messages = []
    monkeypatch.setattr(ui_common, "ask", lambda *a, **k: True)
    monkeypatch.setattr(ui_common, "warn", lambda parent, text, detail="", title="": messages.append((text, detail)))
    ctx = AppContext(ws, ADMIN)
    p = dekon.create_page(ctx)
    qtbot.addWidget(p)
    p.year.setValue(YEAR)
    p.messages = messages
    p.ctx = ctx
    return p


def test_allocation_list_and_import(page, qtbot):
    view = page.allocations
    assert view.table.rowCount() == 6
    assert view.table.item(0, 0).text() == "6288.QDB.001" and "Rp540.000.000" in view.table.item(0, 5).text()
    page.year.setValue(2024)
    assert view.table.rowCount() == 0
    refused = view.import_file(DATA / "alokasi_salah.xlsx")
    assert refused.refused and "ditolak seluruhnya" in page.messages[-1][0] and view.table.rowCount() == 0
    done = view.import_file(DATA / "alokasi_berantakan.xlsx")
    assert done.new == 3 and view.table.rowCount() == 3
    assert len(allocations.list_allocations(page.ctx.ws, 2024)) == 3


def test_monthly_entry_shows_rpd_and_clears_lateness(page, qtbot):
    view = page.monthly
    view.ro.setCurrentIndex(view.ro.findData("6288.QEB.001"))
    view.month.setCurrentIndex(7)  # Agustus: planned, not spent (the demo's late RO)
    assert view.plan.item(7, 0).text() == "75.000.000" and view.plan.item(7, 1).text() == "0"
    late_rows = [r for r in range(view.ros.rowCount()) if view.ros.item(r, 3).text() == "Terlambat dari RPD"]
    assert any(view.ros.item(r, 0).text().startswith("6288.QEB.001") for r in late_rows)
    assert view.ros.item(late_rows[0], 0).background().color().name() == "#f8d7d3"
    view.volume.setValue(1)
    view.spent.setText("74.500.000")
    assert view.save()
    assert view.plan.item(7, 1).text() == "74.500.000"
    assert not next(p for p in summary.monthly_plan(page.ctx.ws, YEAR, 8) if p["ro"] == "6288.QEB.001")["late"]
    view.spent.setText("900.000.000")
    assert not view.save() and "melebihi pagu" in page.messages[-1][0]


def test_dashboard_and_efficiency(page):
    view = page.dashboard
    assert view.table.rowCount() == 6
    assert view.efficiency.rowCount() == 7 and view.efficiency.item(6, 1).text() == "Jumlah"
    assert view.total.text().startswith("Keuangan")
    view.period.setCurrentIndex(0)
    assert view.doc["quarter"] == 1


def test_approval_locks_and_reopens(page, monkeypatch):
    view = page.approval
    assert view.table.item(0, 1).text() == "Disetujui, dikunci"
    assert view.approve(3)
    assert approval.status(page.ctx.ws, YEAR)[2]["status"] == "approved"
    page.monthly.ro.setCurrentIndex(0)
    page.monthly.month.setCurrentIndex(8)
    assert not page.monthly.save() and "dikunci" in page.messages[-1][0]
    monkeypatch.setattr(view, "ask_reason", lambda q: "koreksi volume September")
    assert view.reopen(3)
    assert view.table.item(2, 4).text() == "koreksi volume September"
    assert page.monthly.save()


def test_allocation_form_refuses_then_saves(page, qtbot):
    from kemensos_desk.ui.pages.dekon.allocation_form import AllocationForm

    page.year.setValue(2024)
    form = AllocationForm(page.ctx, 2024)
    qtbot.addWidget(form)
    form.ro_code.setText("6288.QDB.01")
    form.pagu.setText("100.000.000")
    assert not form.save() and "Kode RO" in form.problems.text() and "Target volume" in form.problems.text()
    form.ro_code.setText("6288.QDB.001")
    form.name.setText("Bimbingan Teknis TKSK")
    form.target.setValue(40)
    form.rpd[3].setText("60.000.000")
    form.indicators.set_cell(0, 0, "TKSK terlatih")
    form.indicators.set_cell(0, 2, "40")
    assert form.save(), form.problems.text()
    assert page.allocations.table.rowCount() == 1
    (a,) = allocations.list_allocations(page.ctx.ws, 2024)
    assert (a.ro_code, a.kegiatan, a.kro, a.pagu, a.target_volume) == ("6288.QDB.001", "6288", "QDB", 100_000_000, 40)


def test_problem_recorded_from_monthly_entry(page):
    view = page.monthly
    view.ro.setCurrentIndex(view.ro.findData("6288.QDB.003"))
    view.month.setCurrentIndex(9)
    view.problem.setText("Peserta dari kecamatan terpencil terlambat")
    view.follow_up.setText("Penjemputan bersama TKSK")
    assert view.add_problem()
    table = view.problems.table
    row = next(r for r in range(table.rowCount()) if table.item(r, 1).text() == "Peserta dari kecamatan terpencil terlambat")
    assert table.item(row, 2).text() == "Terbuka"
