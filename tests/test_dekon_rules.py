"""Allocation, monthly-entry and lock rules, on a real SQLite store in a temp directory."""
from __future__ import annotations

import datetime as _dt
from decimal import Decimal

import pytest
from sqlalchemy import select

from kemensos_desk.core.errors import AccessDenied, Refused
from kemensos_desk.store.models import AuditEntry
from kemensos_desk.services.dekon import allocations, approval, monthly, summary
from kemensos_desk.services.dekon.monthly import MonthEntry
from test_dekon_support import (ADMIN, OPERATOR, TODAY, VERIFIKATOR, YEAR, bimtek, make_office,
                                office_with_allocations, tali_asih)


def rec(ws, month, volume, spent, ro="6288.QDB.001", **kw):
    monthly.record(ws, ADMIN, MonthEntry(YEAR, ro, month, volume, spent, **kw), today=TODAY)


def fields(exc):
    return {p.field for p in exc.value.problems}


def test_allocation_validation_lists_every_problem(tmp_path):
    ws = make_office(tmp_path)
    with pytest.raises(Refused) as exc:
        allocations.save(ws, ADMIN, bimtek(source="XX", kegiatan="62A8", kro="qd", ro_code="6288.QDB.1",
                                           target_volume=0, unit="ekor", pagu=-5))
    assert {"source", "kegiatan", "kro", "ro_code", "target_volume", "unit", "pagu"} <= fields(exc)


def test_rpd_above_pagu_and_dk_for_kabupaten_refused(tmp_path):
    ws = make_office(tmp_path)
    with pytest.raises(Refused) as exc:
        allocations.save(ws, ADMIN, bimtek(rpd={1: 600_000_000}))
    assert "rpd" in fields(exc)
    ws2 = make_office(tmp_path / "kab", level="kabupaten", region="32.10")
    with pytest.raises(Refused) as exc:
        allocations.save(ws2, ADMIN, bimtek(kabkota_code="32.10"))
    assert "source" in fields(exc)
    allocations.save(ws2, ADMIN, bimtek(source="TP", kabkota_code="32.10", kecamatan_code="32.10.01"))


def test_operator_needs_edit_right_verifikator_cannot_edit(tmp_path):
    ws = make_office(tmp_path)
    allocations.save(ws, OPERATOR, bimtek())
    with pytest.raises(AccessDenied):
        allocations.save(ws, VERIFIKATOR, tali_asih())


def test_monthly_entry_and_cumulative_quarter(tmp_path):
    ws = office_with_allocations(tmp_path)
    rec(ws, 2, 20, 80_000_000, indicator_values={"TKSK terlatih": Decimal("20"),
                                                   "Persentase peserta tidak lulus": Decimal("8")})
    rec(ws, 5, 50, 220_000_000, indicator_values={"TKSK terlatih": Decimal("50"),
                                                   "Persentase peserta tidak lulus": Decimal("12.5")})
    q1 = summary.realisasi(ws, YEAR, 1)["outputs"][0]
    assert (q1["realised_volume"], q1["physical_pct"], q1["spent"], q1["financial_pct"]) == (20, Decimal("20.00"), 80_000_000, Decimal("16.00"))
    assert [i["achievement_pct"] for i in q1["indicators"]] == [Decimal("20.00"), Decimal("125.00")]
    q2 = summary.realisasi(ws, YEAR, 2)
    o = q2["outputs"][0]
    assert (o["realised_volume"], o["spent"], o["financial_pct"]) == (70, 300_000_000, Decimal("60.00"))
    assert [i["value"] for i in o["indicators"]] == [Decimal("70"), Decimal("12.5")]
    assert [i["achievement_pct"] for i in o["indicators"]] == [Decimal("70.00"), Decimal("80.00")]
    assert q2["totals"] == {"pagu": 800_000_000, "spent": 300_000_000, "financial_pct": Decimal("37.50")}
    # re-entering a month replaces it
    rec(ws, 5, 40, 200_000_000)
    assert summary.realisasi(ws, YEAR, 2)["outputs"][0]["realised_volume"] == 60


def test_spending_above_pagu_refused_and_revision_dated(tmp_path):
    ws = office_with_allocations(tmp_path)
    rec(ws, 3, 10, 400_000_000)
    with pytest.raises(Refused, match="melebihi pagu"):
        rec(ws, 4, 10, 150_000_000)
    allocations.revise_pagu(ws, ADMIN, YEAR, "6288.QDB.001", _dt.date(YEAR, 4, 1), 600_000_000, "revisi DIPA")
    rec(ws, 4, 10, 150_000_000)
    q1 = summary.realisasi(ws, YEAR, 1)["outputs"][0]
    q2 = summary.realisasi(ws, YEAR, 2)["outputs"][0]
    assert (q1["pagu"], q1["financial_pct"]) == (500_000_000, Decimal("80.00"))
    assert (q2["pagu"], q2["financial_pct"]) == (600_000_000, Decimal("91.67"))
    with pytest.raises(Refused, match="lebih kecil"):
        allocations.revise_pagu(ws, ADMIN, YEAR, "6288.QDB.001", _dt.date(YEAR, 8, 1), 500_000_000)


def test_volume_above_target_needs_note_and_bad_input_refused(tmp_path):
    ws = office_with_allocations(tmp_path)
    rec(ws, 1, 90, 10)
    with pytest.raises(Refused, match="catatan"):
        rec(ws, 2, 20, 10)
    rec(ws, 2, 20, 10, over_target_note="Peserta tambahan dari kabupaten pemekaran")
    assert summary.realisasi(ws, YEAR)["outputs"][0]["physical_pct"] == Decimal("110.00")
    with pytest.raises(Refused, match="di luar tahun anggaran"):
        rec(ws, 13, 1, 1)
    with pytest.raises(Refused) as exc:
        rec(ws, 3, -1, 5)
    assert "volume" in fields(exc)
    with pytest.raises(Refused, match="tidak ada dalam alokasi"):
        rec(ws, 3, 1, 1, ro="6288.QDB.009")
    with pytest.raises(Refused, match="belum berjalan"):
        monthly.record(ws, ADMIN, MonthEntry(2026, "6288.QDB.001", 3, 1, 1), today=TODAY)


def test_approval_locks_quarter_and_reopen_keeps_reason(tmp_path):
    ws = office_with_allocations(tmp_path)
    rec(ws, 1, 10, 10_000_000)
    with pytest.raises(AccessDenied):
        approval.approve(ws, OPERATOR, YEAR, 1)
    approval.approve(ws, VERIFIKATOR, YEAR, 1)
    with pytest.raises(Refused, match="dikunci"):
        rec(ws, 2, 5, 1)
    rec(ws, 4, 5, 1)  # the next quarter is open
    with pytest.raises(AccessDenied):
        approval.reopen(ws, VERIFIKATOR, YEAR, 1, "salah ketik volume")
    with pytest.raises(Refused, match="alasan"):
        approval.reopen(ws, ADMIN, YEAR, 1, "")
    approval.reopen(ws, ADMIN, YEAR, 1, "salah ketik volume Februari")
    rec(ws, 2, 5, 1)
    assert approval.status(ws, YEAR)[0]["status"] == "reopened"
    with ws.store.session() as s:
        actions = [(a.action, a.summary) for a in s.scalars(select(AuditEntry).where(AuditEntry.action.in_(["approve", "reopen"])))]
    assert actions[0][0] == "approve" and "salah ketik volume Februari" in actions[1][1]


def test_monthly_plan_flags_late_ro(tmp_path):
    ws = office_with_allocations(tmp_path)
    rec(ws, 3, 10, 100_000_000)
    rec(ws, 1, 5, 10_000_000, ro="6288.QEA.002")
    plan = {p["ro"]: p for p in summary.monthly_plan(ws, YEAR, upto_month=3)}
    assert not plan["6288.QDB.001"]["late"]
    assert plan["6288.QEA.002"]["late"]
    assert plan["6288.QEA.002"]["months"][2]["rpd_cum"] == 75_000_000
