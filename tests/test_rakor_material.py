"""Rakor services, PDF and xlsx on the demo office (real SQLite in temp dirs).

The PDF is read back with poppler's pdftotext and pypdf; its figures are compared with
the SPM and dekon/TP modules' own computations, called here directly.
"""
import datetime as _dt
import json
import shutil
import subprocess

import openpyxl
import pytest
from pypdf import PdfReader

from kemensos_desk.core import formatting as fmt
from kemensos_desk.core.errors import AccessDenied, Refused
from kemensos_desk.services import demo
from kemensos_desk.services.auth import Actor
from kemensos_desk.services.dekon import summary
from kemensos_desk.services.rakor import drafts, material, pdf, xlsx
from kemensos_desk.services.spm import achievement
from kemensos_desk.services.workspace import Workspace
from tests.cli_helpers import run

YEAR = 2026            # demo year: capaian 2026
RAKOR = YEAR + 1       # the Rakor of 2027 proposes 2028
OPERATOR = Actor("siti.rahmawati", "Siti", "operator")
VERIFIKATOR = Actor("budi.santoso", "Budi", "verifikator")
ADMIN = Actor("admin", "Admin", "administrator")
TODAY = _dt.date(2027, 2, 10)


@pytest.fixture(scope="module")
def pristine(tmp_path_factory):
    folder = tmp_path_factory.mktemp("rakor") / "data"
    ws = Workspace.open(folder)
    demo.create_demo(ws, "rahasia123", year=YEAR, size="small")
    ws.close()
    return folder


@pytest.fixture
def ws(pristine, tmp_path):
    folder = tmp_path / "data"
    shutil.copytree(pristine, folder)
    ws = Workspace.open(folder)
    yield ws
    ws.close()


@pytest.fixture(scope="module")
def built(pristine, tmp_path_factory):
    """The demo PDF on A4 and F4, its text, and the figures of the SPM and dekon services."""
    out = tmp_path_factory.mktemp("pdf")
    ws = Workspace.open(pristine)
    try:
        a4 = pdf.write_pdf(ws, RAKOR, out / "rakor_a4.pdf", "a4", today=TODAY)
        f4 = pdf.write_pdf(ws, RAKOR, out / "rakor_f4.pdf", "f4", today=TODAY)
        book = xlsx.write_xlsx(ws, RAKOR, out / "usulan.xlsx")
        spm = achievement.achievement(ws, YEAR)["services"]
        dekon = summary.realisasi(ws, YEAR)
        status = material.status(ws, RAKOR, TODAY)
    finally:
        ws.close()
    text = subprocess.run(["pdftotext", "-layout", str(a4), "-"], capture_output=True, text=True, check=True).stdout
    return {"a4": a4, "f4": f4, "xlsx": book, "text": text, "spm": spm, "dekon": dekon, "status": status}


def test_demo_draft_is_complete_with_countdown(built):
    st = built["status"]
    assert st["complete"] and st["status"] == "draft"
    assert [p["percent"] for p in st["parts"]] == [100] * 5
    assert st["deadline"] == "2027-03-07" and st["days_left"] == 25
    assert st["countdown"] == "25 hari lagi menuju batas Rakor (7 Maret 2027)"


def test_every_part_heading_and_title_are_printed(built):
    text = " ".join(built["text"].split())
    for heading in ("DAFTAR ISI", "BAB I RENSTRA DINAS", "BAB II CAPAIAN DEKONSENTRASI/TUGAS PEMBANTUAN TAHUN 2026",
                    "BAB III CAPAIAN SPM BIDANG SOSIAL TAHUN 2026",
                    "BAB IV USULAN PROGRAM DAN KEGIATAN DEKONSENTRASI/TUGAS PEMBANTUAN TAHUN 2028",
                    "BAB V PERMASALAHAN DAN REKOMENDASI",
                    "Bahan Rapat Koordinasi Perencanaan Kesejahteraan Sosial Tingkat Daerah Tahun 2027",
                    "PEMERINTAH KABUPATEN MAJALENGKA", "DINAS SOSIAL", "CONTOH / DEMO", "Grafik 1", "Grafik 3"):
        assert heading in text, heading
    # the TOC lists the chapters with their page numbers
    toc = built["text"].split("\f")[1]
    assert "BAB I RENSTRA DINAS" in toc and any(ch.isdigit() for ch in toc.split("BAB I RENSTRA DINAS")[1][:80])


def test_figures_match_the_spm_and_dekon_computations(built):
    text = built["text"]
    for s in built["spm"]:
        assert s["entitled"] > 0
        for value in (fmt.angka(s["index"], 2), fmt.angka(s["recipient_pct"], 2), fmt.angka(s["quality_pct"], 2)):
            assert value in text, (s["code"], value)
        assert s["band"] in text
    for o in built["dekon"]["outputs"]:
        assert o["ro"] in text
        assert fmt.angka(o["pagu"]) in text and fmt.angka(o["spent"]) in text
        assert fmt.angka(o["physical_pct"], 2) in text and fmt.angka(o["financial_pct"], 2) in text
    totals = built["dekon"]["totals"]
    assert fmt.rupiah(totals["pagu"]) in text and fmt.persen(totals["financial_pct"]) in text
    lansia = next(s for s in built["spm"] if s["code"] == "lansia")
    gap = fmt.angka(lansia["entitled"] - lansia["served"])
    assert f"SPM Lanjut usia telantar: {gap} orang belum terlayani" in " ".join(text.split())


def test_indonesian_formats_pages_and_signature(built):
    text = built["text"]
    pages = PdfReader(str(built["a4"])).pages
    n = len(pages)
    assert f"Halaman 2 dari {n}" in text and f"Halaman {n} dari {n}" in text
    assert "Majalengka, 10 Februari 2027" in text and "Dicetak 10 Februari 2027" in text
    assert "Kepala Dinas Sosial" in text
    nip = next(line for line in text.splitlines() if "NIP " in line).split("NIP ")[1].strip()
    assert len(nip) == 21 and nip.count(" ") == 3  # 19680312 199003 1 002
    assert "Rp" in text and "," in fmt.persen(1)  # money and percentages the Indonesian way


@pytest.mark.parametrize("paper,size", [("a4", (595.28, 841.89)), ("f4", (609.45, 935.43))])
def test_page_sizes(built, paper, size):
    reader = PdfReader(str(built[paper]))
    for page in reader.pages:
        assert (round(float(page.mediabox.width), 2), round(float(page.mediabox.height), 2)) == size
    assert "Tingkat Daerah Tahun 2027" in reader.metadata.title


def test_proposals_xlsx_reads_back(built):
    wb = openpyxl.load_workbook(built["xlsx"])
    assert wb.sheetnames == ["Usulan 2028", "Capaian Dekon-TP 2026", "Capaian SPM 2026"]
    sheet = wb["Usulan 2028"]
    rows = list(sheet.iter_rows(values_only=True))
    head = next(i for i, r in enumerate(rows) if r[0] == "No.")
    body = [r for r in rows[head + 1:] if isinstance(r[0], int)]
    total = next(r for r in rows[head + 1:] if r[0] == "Jumlah")
    assert all(r[7] == r[4] * r[6] for r in body)
    assert total[7] == sum(r[7] for r in body)
    assert any((r[11] or "").startswith("SPM Lanjut usia telantar:") for r in body)
    assert rows[head][1] == "Kode Wilayah" and body[0][1] == "32.10"


def test_save_and_come_back(ws):
    drafts.save_narratives(ws, OPERATOR, 2030, spm="Uraian SPM")
    drafts.save_proposals(ws, OPERATOR, 2030, [
        {"ro": "RO A", "description": "a", "volume": 3, "unit": "orang", "unit_cost": 1_500_000, "location": "X",
         "priority": 1, "justification": "j", "gap_service": "lansia"},
        {"ro": "RO B", "description": "b", "volume": 2, "unit": "paket", "unit_cost": 10, "location": "X",
         "priority": 3, "justification": "j"}])
    first = drafts.draft(ws, 2030)
    assert first["spm_narrative"] == "Uraian SPM" and [p["total"] for p in first["proposals"]] == [4_500_000, 20]
    # edit the second, drop the first: matched by uuid, the dropped one is tombstoned
    kept = {**first["proposals"][1], "volume": 5}
    drafts.save_proposals(ws, OPERATOR, 2030, [kept])
    again = drafts.draft(ws, 2030)
    assert [(p["uuid"], p["total"]) for p in again["proposals"]] == [(kept["uuid"], 50)]
    live = material.live(ws, 2030)
    assert live["proposals_total"] == 50 and live["spm_narrative"] == "Uraian SPM"
    with pytest.raises(Refused) as err:
        drafts.save_proposals(ws, OPERATOR, 2030, [{**kept, "volume": "lima"}])
    assert err.value.problems[0].field == "volume"
    with pytest.raises(Refused) as err:
        drafts.save_proposals(ws, OPERATOR, 2030, [{**kept, "priority": 7, "unit_cost": 1.5}])
    assert {p.field for p in err.value.problems} == {"priority", "unit_cost"}
    with pytest.raises(AccessDenied):
        drafts.save_issues(ws, VERIFIKATOR, 2030, [])


def test_renstra_is_reused_across_years(ws):
    r = drafts.renstra_for(ws, RAKOR)
    assert r["period_start"] <= RAKOR <= r["period_end"] and r["vision"] and len(r["missions"]) == 4
    assert drafts.renstra_for(ws, r["period_start"]) == drafts.renstra_for(ws, r["period_end"])
    with pytest.raises(Refused):
        drafts.save_renstra(ws, OPERATOR, 2030, 2040, "v", [], [])


def test_approval_freezes_the_figures(ws, tmp_path):
    with pytest.raises(AccessDenied):
        material.approve(ws, OPERATOR, RAKOR)
    with pytest.raises(Refused):
        material.approve(ws, VERIFIKATOR, 2031)  # nothing there: incomplete
    approved = material.approve(ws, VERIFIKATOR, RAKOR)
    assert approved["status"] == "approved" and approved["approved_by"] == "budi.santoso"
    frozen = approved["spm"]
    with pytest.raises(Refused):
        drafts.save_narratives(ws, OPERATOR, RAKOR, spm="lain")
    # a late SPM delivery changes the live figures, not the approved material
    with ws.store.session("x") as s:
        s.execute(__import__("sqlalchemy").text("UPDATE spm_delivery SET deleted_at = '2026-12-31'"))
    assert material.live(ws, RAKOR)["spm"] != frozen
    assert material.material(ws, RAKOR)["spm"] == frozen
    text = subprocess.run(["pdftotext", str(pdf.write_pdf(ws, RAKOR, tmp_path / "a.pdf")), "-"],
                          capture_output=True, text=True, check=True).stdout
    assert "Disetujui oleh verifikator" in text
    assert fmt.angka(frozen[0]["index"], 2) in text
    # the approved version is what the sync bundle carries: the draft row holds the snapshot
    with ws.store.session() as s:
        row = drafts.draft_row(s, RAKOR)
        assert json.loads(row.snapshot)["spm"] == frozen
    from kemensos_desk.services.sync.serialize import Serializer, synced_kinds
    from kemensos_desk.store.models_rakor import RakorDraft

    assert synced_kinds()["rakor_drafts"] is RakorDraft
    with ws.store.session() as s:
        rows = [r for r in Serializer(s).rows(RakorDraft) if r["data"]["year"] == RAKOR]
    assert rows[0]["data"]["status"] == "approved" and json.loads(rows[0]["data"]["snapshot"])["spm"] == frozen
    with pytest.raises(AccessDenied):
        material.reopen(ws, VERIFIKATOR, RAKOR, "salah")
    material.reopen(ws, ADMIN, RAKOR, "angka SPM dikoreksi")
    assert material.material(ws, RAKOR)["status"] == "draft"


def test_cli_contract(pristine, tmp_path):
    folder = tmp_path / "data"
    shutil.copytree(pristine, folder)
    res = run(folder, "rakor", "status", "--year", RAKOR, "--json")
    assert res.code == 0
    doc = res.json()
    assert doc["complete"] and {p["key"] for p in doc["parts"]} == {"renstra", "capaian_dekon", "capaian_spm",
                                                                     "usulan", "permasalahan"}
    # each run starts a whole interpreter: the other exit codes are checked in-process below
    assert run(folder, "--user", "siti.rahmawati", "rakor", "approve", "--year", RAKOR).code == 4


def test_cli_in_process(pristine, tmp_path, capsys, monkeypatch):
    from kemensos_desk.cli.main import main

    monkeypatch.setenv("KEMENSOS_DESK_PASSWORD", "rahasia123")
    folder = tmp_path / "data"
    shutil.copytree(pristine, folder)
    base = ["--data-dir", str(folder)]
    assert main(base + ["rakor", "xlsx", "--year", str(RAKOR), "--out", str(tmp_path / "r.xlsx")]) == 0
    assert (tmp_path / "r.xlsx").exists()
    assert main(base + ["rakor", "pdf", "--year", str(RAKOR), "--out", str(tmp_path / "r.pdf"), "--paper", "f4"]) == 0
    assert round(float(PdfReader(str(tmp_path / "r.pdf")).pages[0].mediabox.height), 2) == 935.43
    assert main(base + ["rakor", "pdf", "--year", str(RAKOR), "--out", str(tmp_path / "r.txt")]) == 2
    assert main(base + ["--user", "budi.santoso", "rakor", "approve", "--year", str(RAKOR), "--json"]) == 0
    assert main(base + ["--user", "budi.santoso", "rakor", "approve", "--year", str(RAKOR)]) == 1
    assert "Traceback" not in capsys.readouterr().err


def test_long_proposal_table_repeats_its_header(ws, tmp_path):
    many = [{"ro": f"RO {n:02d} Bimbingan Teknis", "description": "Uraian kegiatan yang cukup panjang " * 3,
             "volume": n, "unit": "orang", "unit_cost": 1_000_000, "location": "Kecamatan Contoh", "priority": 2,
             "justification": "Kebutuhan lapangan"} for n in range(1, 41)]
    drafts.save_proposals(ws, OPERATOR, RAKOR, many)
    out = pdf.write_pdf(ws, RAKOR, tmp_path / "many.pdf", today=TODAY)
    pages = subprocess.run(["pdftotext", str(out), "-"], capture_output=True, text=True, check=True).stdout.split("\f")
    with_header = [p for p in pages if "RO/Kegiatan dan Uraian" in p]
    assert len(with_header) >= 3
    assert fmt.angka(sum(range(1, 41)) * 1_000_000) in pages[-2] + pages[-3] + pages[-4]


def test_an_empty_year_still_prints_and_says_what_is_missing(ws, tmp_path):
    out = pdf.write_pdf(ws, 2031, tmp_path / "empty.pdf", today=TODAY)
    text = " ".join(subprocess.run(["pdftotext", str(out), "-"], capture_output=True, text=True,
                                   check=True).stdout.split())
    for line in ("RANCANGAN – belum disetujui verifikator", "Belum ada data capaian SPM Bidang Sosial tahun 2030.",
                 "Belum ada usulan kegiatan.", "Belum ada permasalahan dan rekomendasi."):
        assert line in text
    st = material.status(ws, 2031, TODAY)
    assert not st["complete"] and st["parts"][0]["percent"] == 0
