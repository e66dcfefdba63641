"""IKK 3.1 (24 regions, 23 improved → 95,83; achievement 119,79), completeness matrix, report CLI."""
from __future__ import annotations

import datetime as _dt
import json
from decimal import Decimal

import openpyxl
import pytest

from kemensos_desk.cli.main import main
from kemensos_desk.core import regions
from kemensos_desk.ministry import importer, recaps
from kemensos_desk.ministry.models import MinistryOffice, MinistrySummary

from test_sync_support import export, make_office, ministry_for, ministry_url


def _seed_scores(store, codes: list[str]) -> None:
    """Region i: two services with people entitled (and one without, ignored); all but the last improve."""
    with store.session() as s:
        for i, code in enumerate(codes):
            last = i == len(codes) - 1
            rows = []
            for year, base in ((2022, 70.0 + i), (2023, 70.0 + i + (-0.5 if last else 1.25))):
                rows += [{"year": year, "service": "lansia", "index": base, "entitled": 10},
                         {"year": year, "service": "disabilitas", "index": base + 0.01, "entitled": 4},
                         {"year": year, "service": "anak", "index": 0.0, "entitled": 0}]
            s.add(MinistryOffice(code=code, name=regions.get(code).name, level="kabupaten", public_key="x"))
            s.add(MinistrySummary(office_code=code, module="spm", data=json.dumps({"year_end_index": rows}),
                                  bundle_created_at="2024-01-10T00:00:00Z"))


@pytest.fixture(params=["sqlite", "postgresql"])
def ministry_db(request, tmp_path):
    url = ministry_url(request, request.param, tmp_path)
    store = ministry_for(url)
    yield url, store
    store.dispose()


def test_indicator_from_scores_matches_the_2023_figure():
    scores = {f"32.{i:02d}": {2022: Decimal("70.00"), 2023: Decimal("71.00") if i < 24 else Decimal("69.99")}
              for i in range(1, 25)}
    result = recaps.indicator_from_scores(scores, 2023, Decimal("80"))
    assert result["regions_assessed"] == 24 and result["regions_improved"] == 23
    assert result["spm_improved_pct"] == Decimal("95.83") and result["achievement_pct"] == Decimal("119.79")
    equal = recaps.indicator_from_scores({"32.01": {2022: Decimal("70.00"), 2023: Decimal("70.00")}}, 2023, Decimal(80))
    assert equal["regions_improved"] == 0  # equal is not improved


def test_report_json_regions_file_and_xlsx(ministry_db, tmp_path, capsys):
    url, store = ministry_db
    codes = [r.code for r in regions.kabkota("32")][:24]
    _seed_scores(store, codes)
    result = recaps.ikk_indicator(store, 2023)
    assert result["spm_improved_pct"] == Decimal("95.83")
    assert main(["ministry", "report", "--db", url, "--year", "2023", "--json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert data["spm_improved_pct"] == 95.83 and data["regions_assessed"] == 24 and data["regions_improved"] == 23
    assert data["target"] == 80 and data["achievement_pct"] == 119.79
    worst = [r for r in data["regions"] if not r["improved"]]
    assert [r["code"] for r in worst] == [codes[-1]]
    assert {"code", "name", "score", "previous_score", "improved"} <= set(data["regions"][0])
    listed = tmp_path / "daerah.txt"
    listed.write_text("# dinilai\n" + "\n".join(c.replace(".", "") for c in codes[-4:]) + "\n")
    out = tmp_path / "laporan.xlsx"
    assert main(["ministry", "report", "--db", url, "--year", "2023", "--regions", str(listed), "--json",
                 "--out", str(out)]) == 0
    data = json.loads(capsys.readouterr().out)
    assert (data["regions_assessed"], data["regions_improved"], data["spm_improved_pct"]) == (4, 3, 75.0)
    wb = openpyxl.load_workbook(out)
    assert wb.sheetnames == ["IKK 3.1", "Kelengkapan", "SPM per daerah"]
    assert wb["IKK 3.1"]["B6"].value == 75.0


def test_completeness_matrix_received_late_missing_and_gaps(tmp_path):
    store = ministry_for(str(tmp_path / "m.sqlite"))
    ws = make_office(tmp_path / "kantor")
    try:
        first = export(ws, tmp_path / "a")
        lost = export(ws, tmp_path / "b")
        third = export(ws, tmp_path / "c")
        importer.import_paths(store, first.files, now=_dt.datetime(2026, 5, 20, 8, 0))  # Q1 deadline 20 April
        importer.import_paths(store, third.files)
    finally:
        ws.close()
    ws2 = make_office(tmp_path / "kantor2", region="32.11", name="Dinas Sosial Kabupaten Sumedang")
    try:
        importer.import_paths(store, export(ws2, tmp_path / "d").files, now=_dt.datetime(2026, 4, 20, 8, 0))
    finally:
        ws2.close()
    matrix = recaps.completeness(store, 2026, today=_dt.date(2026, 11, 23))
    [prov] = matrix["provinces"]
    assert prov["code"] == "32" and prov["name"] == "Jawa Barat"
    office, on_time = prov["offices"]
    statuses = [q["status"] for q in office["quarters"]]
    assert statuses == ["late", "missing", "missing", "pending"]
    assert [q["status"] for q in on_time["quarters"]][0] == "received"
    assert on_time["quarters"][0]["received_at"].date() == _dt.date(2026, 4, 20)
    assert list(office["sequence_gaps"].values()) == [[2]]
    importer.import_paths(store, lost.files)
    assert recaps.completeness(store, 2026)["provinces"][0]["offices"][0]["sequence_gaps"] == {}
    store.dispose()


def test_rakor_proposals_compiled_for_the_year(tmp_path, capsys):
    from kemensos_desk.ministry.models import MinistryRevision

    def put(s, kind, uuid, data, refs="{}"):  # a record is its current revision
        s.add(MinistryRevision(office_code="32.10", kind=kind, uuid=uuid, revision=1, device_id="a", bundle_id=1,
                               data=data, refs=refs, is_current=True))

    db = str(tmp_path / "m.sqlite")
    store = ministry_for(db)
    with store.session() as s:
        s.add(MinistryOffice(code="32.10", name="Dinas Sosial Kabupaten Majalengka", level="kabupaten", public_key="x"))
        for uuid, year in (("d1", 2027), ("d0", 2026)):
            put(s, "rakor_drafts", uuid, json.dumps({"year": year, "status": "approved"}))
        for i, draft in enumerate(("d1", "d1", "d0")):
            put(s, "rakor_proposals", f"p{i}", json.dumps({"seq": i, "ro": "RO 001", "total": 1500000 * (i + 1)}),
                json.dumps({"draft_id": draft}))
    store.dispose()
    out = tmp_path / "usulan.xlsx"
    assert main(["ministry", "rakor", "--db", db, "--year", "2027", "--out", str(out), "--json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert len(data["proposals"]) == data["proposal_count"] == 2 and data["offices"] == ["32.10"]
    sheet = openpyxl.load_workbook(out).active
    assert sheet["A4"].value == "32.10" and sheet["J5"].value == 3000000
