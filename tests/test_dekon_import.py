"""Allocation template and import: messy real-looking files accepted, any bad row refuses the
whole file with every problem listed by row and column, nothing written."""
from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import pytest
from openpyxl import load_workbook

from kemensos_desk.core.errors import AccessDenied
from kemensos_desk.services.dekon import allocations, importing, summary
from kemensos_desk.services.dekon.template import write_template
from test_dekon_support import ADMIN, VERIFIKATOR, YEAR, make_office

DATA = Path(__file__).parent / "data" / "dekon"


def test_messy_workbook_imported_in_one_go(tmp_path):
    ws = make_office(tmp_path)
    preview = importing.import_allocations(ws, ADMIN, DATA / "alokasi_berantakan.xlsx", YEAR, dry_run=True)
    assert preview.as_json()["new"] == 3 and preview.refused == [] and not preview.written
    assert allocations.list_allocations(ws, YEAR) == []
    result = importing.import_allocations(ws, ADMIN, DATA / "alokasi_berantakan.xlsx", YEAR)
    assert (result.new, result.updated, result.exit_code) == (3, 0, 0)
    rows = {a.ro_code: a for a in allocations.list_allocations(ws, YEAR)}
    assert set(rows) == {"6288.QDB.001", "6288.QEA.001", "6288.QEB.002"}
    assert rows["6288.QDB.001"].pagu == 540_000_000 and rows["6288.QDB.001"].kabkota_code == "32.10"
    assert rows["6288.QEA.001"].source == "DK" and rows["6288.QEA.001"].unit == "bulan"
    assert rows["6288.QEB.002"].kecamatan_code == "32.10.01" and rows["6288.QEB.002"].target_volume == 10
    doc = summary.realisasi(ws, YEAR)
    inds = doc["outputs"][0]["indicators"]
    assert [(i["name"], i["target"], i["polarity"]) for i in inds] == [
        ("TKSK yang meningkat kapasitasnya", Decimal("120"), "higher"),
        ("Persentase peserta tidak lulus", Decimal("10.5"), "lower")]
    plan = {p["ro"]: p for p in summary.monthly_plan(ws, YEAR)}
    assert plan["6288.QDB.001"]["months"][2]["rpd"] == 200_000_000
    again = importing.import_allocations(ws, ADMIN, DATA / "alokasi_berantakan.xlsx", YEAR)
    assert (again.new, again.updated) == (0, 3)


def test_bad_workbook_refused_whole_with_every_problem(tmp_path):
    ws = make_office(tmp_path)
    result = importing.import_allocations(ws, ADMIN, DATA / "alokasi_salah.xlsx", YEAR)
    assert result.exit_code == 1 and not result.written
    assert allocations.list_allocations(ws, YEAR) == []
    got = {(r["row"], r["column"]) for r in result.refused}
    expected = {(3, "Sumber Dana"), (4, "Kode RO"), (4, "Target Volume"), (4, "Pagu (Rp)"), (5, "Kode RO"),
                (6, "RPD (jumlah)"), (6, "Kode Kab/Kota"), (7, "Program"), (7, "Satuan"), (7, "Pagu (Rp)"),
                (2, "Indikator: Polaritas"), (3, "Indikator: Kode RO")}
    assert expected <= got, expected - got
    assert all(r["reason"] and set(r) == {"row", "column", "value", "reason"} for r in result.refused)
    by = {(r["row"], r["column"]): r for r in result.refused}
    assert by[(4, "Pagu (Rp)")]["value"] == "tiga ratus juta"
    assert "sudah ada di baris 2" in by[(5, "Kode RO")]["reason"]


def test_template_round_trip_and_rights(tmp_path):
    path = write_template(tmp_path / "templat.xlsx")
    wb = load_workbook(path)
    assert wb.sheetnames == ["Petunjuk", "Alokasi", "Indikator", "Komponen"]
    assert wb["Alokasi"]["E1"].value == "Kode RO" and wb["Alokasi"]["E2"].number_format == "@"
    assert any("DK" in str(dv.formula1) for dv in wb["Alokasi"].data_validations.dataValidation)
    ws = make_office(tmp_path)
    with pytest.raises(AccessDenied):
        importing.import_allocations(ws, VERIFIKATOR, path, YEAR)
    assert importing.import_allocations(ws, VERIFIKATOR, path, YEAR, dry_run=True).new == 1
    assert importing.import_allocations(ws, ADMIN, path, YEAR).new == 1
