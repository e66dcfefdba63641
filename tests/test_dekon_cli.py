"""The dekon commands end to end on a temp data dir: exact JSON keys, exit codes, files."""
from __future__ import annotations

import json
from pathlib import Path

import pytest
from openpyxl import load_workbook

from kemensos_desk.cli.main import main
from kemensos_desk.services import users
from test_dekon_support import PASSWORD, make_office

DATA = Path(__file__).parent / "data" / "dekon"
YEAR = 2025


@pytest.fixture
def run(capsys, monkeypatch):
    monkeypatch.setenv("KEMENSOS_DESK_PASSWORD", PASSWORD)

    def _run(*argv):
        code = main([str(a) for a in argv])
        out = capsys.readouterr()
        return code, (json.loads(out.out) if "--json" in argv and out.out.strip() else out.out), out.err
    return _run


@pytest.fixture
def office(tmp_path):
    ws = make_office(tmp_path)
    with ws.store.session("admin") as s:
        users.create_user(s, "budi", "Budi Santoso", "verifikator", PASSWORD)
    ws.close()
    return tmp_path / "data"


def test_import_realisasi_report_contract(office, tmp_path, run):
    base = ["--data-dir", office, "--user", "admin"]
    code, out, _ = run(*base, "dekon", "import", DATA / "alokasi_salah.xlsx", "--year", YEAR, "--json")
    assert code == 1 and out["new"] == 0 and len(out["refused"]) >= 10
    assert set(out["refused"][0]) == {"row", "column", "value", "reason"}
    code, out, _ = run(*base, "dekon", "import", DATA / "alokasi_berantakan.xlsx", "--year", YEAR, "--dry-run", "--json")
    assert (code, out["new"], out["updated"], out["refused"]) == (0, 3, 0, [])
    code, out, _ = run(*base, "dekon", "import", DATA / "alokasi_berantakan.xlsx", "--year", YEAR, "--json")
    assert (code, out["new"]) == (0, 3)
    code, _, err = run(*base, "dekon", "entry", "--year", YEAR, "--ro", "6288.QDB.001", "--month", 2, "--volume", 30,
                       "--spent", 100_000_000, "--indicator", "TKSK yang meningkat kapasitasnya=30",
                       "--indicator", "Persentase peserta tidak lulus=7")
    assert code == 0, err
    code, _, err = run(*base, "dekon", "entry", "--year", YEAR, "--ro", "6288.QDB.001", "--month", 4, "--volume", 1,
                       "--spent", 600_000_000)
    assert code == 1 and "melebihi pagu" in err
    code, out, _ = run("--data-dir", office, "dekon", "realisasi", "--year", YEAR, "--quarter", 1, "--json")
    assert code == 0
    assert set(out) == {"year", "quarter", "outputs", "totals"} and (out["year"], out["quarter"]) == (YEAR, 1)
    o = out["outputs"][0]
    assert set(o) == {"ro", "name", "source", "target_volume", "realised_volume", "physical_pct", "pagu", "spent",
                      "financial_pct", "indicators"}
    assert (o["ro"], o["realised_volume"], o["physical_pct"], o["spent"], o["financial_pct"]) == (
        "6288.QDB.001", 30, 25.0, 100_000_000, 18.52)
    assert [set(i) for i in o["indicators"]] == [{"name", "target", "value", "achievement_pct"}] * 2
    assert [i["achievement_pct"] for i in o["indicators"]] == [25.0, 150.0]
    assert out["totals"] == {"pagu": 2_671_000_000, "spent": 100_000_000, "financial_pct": 3.74}
    assert isinstance(out["totals"]["pagu"], int)
    code, out, _ = run("--data-dir", office, "dekon", "realisasi", "--year", YEAR, "--json")
    assert out["quarter"] is None
    code, _, err = run(*base, "dekon", "revise-pagu", "--year", YEAR, "--ro", "6288.QDB.001", "--date", f"{YEAR}-07-01",
                       "--pagu", 600_000_000, "--reason", "revisi DIPA")
    assert code == 0, err
    code, out, _ = run("--data-dir", office, "dekon", "realisasi", "--year", YEAR, "--quarter", 3, "--json")
    assert (out["outputs"][0]["pagu"], out["outputs"][0]["financial_pct"]) == (600_000_000, 16.67)
    code, out, _ = run("--data-dir", office, "dekon", "realisasi", "--year", YEAR, "--quarter", 2, "--json")
    assert out["outputs"][0]["pagu"] == 540_000_000
    for name in ("tw1.xlsx", "tw1.pdf"):
        code, out, err = run("--data-dir", office, "dekon", "report", "--year", YEAR, "--quarter", 1, "--out",
                             tmp_path / name, "--paper", "f4", "--json")
        assert code == 0 and Path(out["out"]).exists(), err
    assert load_workbook(tmp_path / "tw1.xlsx")["Realisasi"].max_row > 8
    code, _, _ = run("--data-dir", office, "dekon", "report", "--year", YEAR, "--out", tmp_path / "x.docx")
    assert code == 2


def test_template_approve_reopen(office, tmp_path, run):
    code, _, _ = run("--data-dir", office, "dekon", "template", "--out", tmp_path / "t.xlsx")
    assert code == 0 and load_workbook(tmp_path / "t.xlsx").sheetnames[1] == "Alokasi"
    code, _, _ = run("--data-dir", office, "--user", "admin", "dekon", "import", tmp_path / "t.xlsx", "--year", YEAR)
    assert code == 0
    code, _, _ = run("--data-dir", office, "--user", "budi", "dekon", "approve", "--year", YEAR, "--quarter", 1)
    assert code == 0
    code, _, err = run("--data-dir", office, "--user", "admin", "dekon", "entry", "--year", YEAR, "--ro",
                       "6288.QDB.001", "--month", 3, "--volume", 1, "--spent", 1)
    assert code == 1 and "dikunci" in err
    code, _, _ = run("--data-dir", office, "--user", "budi", "dekon", "reopen", "--year", YEAR, "--quarter", 1,
                     "--reason", "koreksi data")
    assert code == 4
    code, out, _ = run("--data-dir", office, "--user", "admin", "dekon", "reopen", "--year", YEAR, "--quarter", 1,
                       "--reason", "koreksi data Maret", "--json")
    assert code == 0 and out["status"] == "reopened"
    code, out, _ = run("--data-dir", office, "dekon", "status", "--year", YEAR, "--json")
    assert out["quarters"][0]["reopen_reason"] == "koreksi data Maret"


def test_problem_participant_attach(office, tmp_path, run):
    base = ["--data-dir", office, "--user", "admin", "dekon"]
    assert run(*base, "import", DATA / "alokasi_berantakan.xlsx", "--year", YEAR)[0] == 0
    code, out, err = run(*base, "problem", "--year", YEAR, "--ro", "6288.QDB.001", "--month", 3, "--text",
                         "Narasumber berhalangan", "--follow-up", "Jadwal ulang", "--json")
    assert code == 0 and out["status"] == "terbuka", err
    code, _, err = run(*base, "participant", "--year", YEAR, "--ro", "6288.QDB.001", "--month", 3, "--name",
                       "Euis Rahayu", "--nik", "3210014503850001", "--category", "tksk")
    assert code == 0, err
    code, _, err = run(*base, "participant", "--year", YEAR, "--ro", "6288.QDB.001", "--month", 3, "--name",
                       "Asep", "--nik", "3210014503850002", "--category", "bupati")
    assert code == 1 and "Kategori PSKS" in err
    photo = tmp_path / "foto.png"
    photo.write_bytes(b"\x89PNG....")
    code, out, err = run(*base, "attach", photo, "--year", YEAR, "--ro", "6288.QDB.001", "--month", 3, "--json")
    assert code == 0 and (office / out["stored_path"]).exists(), err
