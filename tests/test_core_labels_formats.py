"""One format everywhere (issue 16, item 10): local time for stored UTC times, quarters I–IV,
head counts without decimals, NIP grouped, "Tahun 2026" for a whole year; read back from the
real workbooks and PDFs the CLI writes."""
from __future__ import annotations

import datetime as _dt
import re
import subprocess
import time

import openpyxl
import pytest

from kemensos_desk.core import formatting
from tests.cli_helpers import environment, run

LOCAL_TIME = re.compile(r"^\d{1,2} (Januari|Februari|Maret|April|Mei|Juni|Juli|Agustus|September|Oktober|"
                        r"November|Desember) \d{4} \d{2}\.\d{2}$")


@pytest.fixture
def jakarta(monkeypatch):
    monkeypatch.setenv("TZ", "Asia/Jakarta")
    time.tzset()
    yield
    monkeypatch.undo()
    time.tzset()


def test_stored_utc_reads_on_the_local_clock(jakarta):
    assert formatting.waktu_lokal(_dt.datetime(2026, 12, 5, 7, 26), "id") == "5 Desember 2026 14.26"
    aware = _dt.datetime(2026, 12, 31, 20, 0, tzinfo=_dt.timezone.utc)
    assert formatting.waktu_lokal(aware, "id") == "1 Januari 2027 03.00"
    assert formatting.waktu_lokal(None) == formatting.KOSONG


def test_counts_periods_and_quarters():
    assert formatting.jumlah(60) == "60"
    assert formatting.jumlah(60.0, "orang") == "60 orang"
    assert formatting.jumlah("12.5", "kg") == "12,5 kg"
    assert formatting.jumlah(1234.0) == "1.234"
    assert formatting.periode(2026, None, "id") == "Tahun 2026"
    assert formatting.periode(2026, 3, "id") == "Triwulan III Tahun 2026"
    assert [formatting.nama_triwulan(q, "id") for q in (1, 4)] == ["Triwulan I", "Triwulan IV"]


@pytest.fixture(scope="module")
def reports(tmp_path_factory):
    root = tmp_path_factory.mktemp("formats")
    data = root / "kantor"
    env = environment(TZ="Asia/Jakarta")
    assert run(data, "demo", "--year", "2026", "--size", "small", env=env).code == 0
    out = {}
    for name, args in {"spm.xlsx": ["spm", "report", "--year", "2026"],
                       "dekon.xlsx": ["dekon", "report", "--year", "2026"],
                       "dekon.pdf": ["dekon", "report", "--year", "2026"]}.items():
        out[name] = root / name
        result = run(data, "--user", "admin", *args, "--out", out[name], env=env)
        assert result.code == 0, result.err
    return out


def test_spm_approval_sheet_in_words_and_local_time(reports):
    ws = openpyxl.load_workbook(reports["spm.xlsx"])["Persetujuan"]
    rows = [[c.value for c in r] for r in ws.iter_rows(min_row=1) if any(c.value for c in r)]
    head = next(i for i, r in enumerate(rows) if r[0] == "Triwulan")
    assert "UTC" not in " ".join(str(v) for v in rows[head])
    body = rows[head + 1:head + 5]
    assert [r[0] for r in body] == ["Triwulan I", "Triwulan II", "Triwulan III", "Triwulan IV"]
    approved = [r for r in body if r[1] == "disetujui"]
    assert approved
    for r in approved:
        assert LOCAL_TIME.match(r[3]), r[3]
    # The demo approved its quarters just now: the sheet shows Jakarta's clock, not UTC's.
    now_local = (_dt.datetime.now(_dt.timezone.utc) + _dt.timedelta(hours=7)).replace(tzinfo=None)
    shown = approved[0][3]
    assert shown.endswith(f"{now_local.hour:02d}.{now_local.minute:02d}") or \
        abs(int(shown[-5:-3]) - now_local.hour) % 24 <= 1, shown


def test_dekon_workbook_counts_period_and_nip(reports):
    book = openpyxl.load_workbook(reports["dekon.xlsx"])
    for ws in book:
        texts = [c.value for r in ws.iter_rows(max_row=4) for c in r if isinstance(c.value, str)]
        assert "Tahun 2026" in texts, (ws.title, texts)
        assert not any("Tahunan Tahun" in t for t in texts)
    ind = book["Indikator"]
    counts = [c for r in ind.iter_rows() for c in r[4:6] if isinstance(c.value, (int, float))]
    assert counts and all(c.number_format == "#,##0" for c in counts if float(c.value).is_integer())
    notes = [c.value for r in book["Realisasi"].iter_rows() for c in r if isinstance(c.value, str) and "NIP" in c.value]
    assert notes and re.search(r"NIP \d{8} \d{6} \d \d{3}$", notes[0]), notes


def test_dekon_pdf_counts_without_decimals(reports):
    text = subprocess.run(["pdftotext", "-layout", str(reports["dekon.pdf"]), "-"], capture_output=True,
                          text=True, check=True).stdout
    assert "Tahunan Tahun" not in text
    assert re.search(r"\b60 orang\b", text)
    assert not re.search(r"\d,00 orang", text)


# --- Say it in the user's words (item 9): one label look-up, no internal codes ---------------

from kemensos_desk.core import labels  # noqa: E402

UUID = re.compile(r"\b[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}\b")
SERVICE_CODES = ("disabilitas", "anak", "lansia", "gepeng", "bencana")


def test_labels_for_services_components_kinds_and_fields():
    assert labels.service("lansia") == "Lanjut usia telantar"
    assert labels.service("gepeng") == "Gelandangan dan pengemis"
    assert labels.component("kelompok_rentan") == "Penanganan khusus bagi kelompok rentan"
    assert labels.entity("rakor_issue") == "Permasalahan Rakor"
    assert labels.action("login_failed") == "Gagal masuk"
    assert labels.field("password") == "Kata sandi"
    assert labels.service("baru") == "baru" and labels.field("kolom_baru") == "kolom baru"
    assert labels.is_internal_id("49c3130e-ae2f-4a4e-b8fe-e6014bcc3fea") and not labels.is_internal_id("admin")


def test_every_label_has_english():
    import json

    from kemensos_desk.core.locations import reference_dir, resources_dir

    table = json.loads((reference_dir() / "labels.json").read_text(encoding="utf-8"))
    words = [w for key in ("entities", "actions", "fields") for w in table[key].values()]
    english = {}
    for path in (resources_dir() / "i18n" / "en").glob("*.json"):
        english.update(json.loads(path.read_text(encoding="utf-8")))
    assert not [w for w in words if w not in english]


def test_audit_log_in_words(reports):
    data = reports["spm.xlsx"].parent / "kantor"
    result = run(data, "--user", "admin", "audit", "--limit", "500")
    assert result.code == 0, result.err
    assert "Permasalahan Rakor" in result.out and "Usulan Rakor" in result.out
    for code in ("rakor_issue", "rakor_proposal", "user_account", "dekon_participant", " create ", " login "):
        assert code not in result.out, code
    assert not UUID.search(result.out), UUID.search(result.out).group(0)
    found = run(data, "--user", "admin", "audit", "--search", "Permasalahan Rakor", "--limit", "50")
    assert found.code == 0 and found.out.count("Permasalahan Rakor") >= 1


def test_workbooks_name_services_in_words(reports, tmp_path):
    book = openpyxl.load_workbook(reports["spm.xlsx"])
    mutu = [r[0].value for r in book["Mutu"].iter_rows(min_row=7) if r[0].value]
    assert mutu and not set(mutu) & set(SERVICE_CODES), set(mutu)
    assert "Lanjut usia telantar" in mutu


def test_cli_refusal_names_the_field_in_words(reports):
    data = reports["spm.xlsx"].parent / "kantor"
    weak = run(data, "--user", "admin", "user", "add", "baru", "--full-name", "Pengguna Baru", "--role", "operator",
               env=environment(KEMENSOS_DESK_NEW_PASSWORD="123"))
    assert weak.code == 1, weak.err
    assert "- password:" not in weak.err and "password:" not in weak.err
