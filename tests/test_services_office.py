"""Office setup, settings, audit reading, info/check/backup/restore and the demo, on real SQLite."""
import functools
import shutil
import sqlite3

import pytest

from kemensos_desk.core import passwords
from kemensos_desk.core.errors import AccessDenied, Refused
from kemensos_desk.services import audit_log, demo, maintenance, settings
from kemensos_desk.services import office as office_service
from kemensos_desk.services.auth import Actor, login
from kemensos_desk.services.office import OfficeDetails
from kemensos_desk.services.workspace import Workspace

PASSWORD = "rahasia123"
DETAILS = OfficeDetails("provinsi", "32", "Dinas Sosial Provinsi Jawa Barat", "Jl. Pahlawan No. 2, Bandung",
                        "Dr. Rina Marlina, S.Sos., M.Si.", "197501152000032001", "(022) 7208000",
                        "dinsos@jabarprov.go.id")
ADMIN = Actor("admin", "Administrator", "administrator")
OPERATOR = Actor("siti", "Siti", "operator")


@pytest.fixture(scope="module", autouse=True)
def quick_hashing():
    with pytest.MonkeyPatch.context() as mp:
        mp.setattr(passwords, "hash_password", functools.partial(passwords.hash_password, n=2**10))
        yield


@pytest.fixture(scope="module")
def template(quick_hashing, tmp_path_factory):
    path = tmp_path_factory.mktemp("template") / "data"
    ws = Workspace.open(path)
    office_service.setup_office(ws, DETAILS, "admin", "Administrator", PASSWORD)
    ws.close()
    return path


@pytest.fixture
def ws(template, tmp_path):
    path = tmp_path / "data"
    shutil.copytree(template, path)
    ws = Workspace.open(path)
    yield ws
    ws.close()


@pytest.fixture
def empty(tmp_path):
    ws = Workspace.open(tmp_path / "kosong")
    yield ws
    ws.close()


def test_setup_stores_the_office_and_device_id(ws):
    office = ws.office()
    assert (office.level, office.region_code, office.region_name) == ("provinsi", "32", "Jawa Barat")
    assert office.head_nip == "197501152000032001" and office.is_demo is False
    assert len(ws.setting("device_id")) == 36
    assert ws.setting("paper") == "a4"  # default from db/reference/settings.json


def test_setup_refuses_a_second_office(ws):
    with pytest.raises(Refused, match="sudah berisi kantor Dinas Sosial Provinsi Jawa Barat"):
        office_service.setup_office(ws, DETAILS, "admin2", "Admin", PASSWORD)


def test_setup_collects_every_problem_and_writes_nothing(empty):
    bad = OfficeDetails("kota", "32.10", "", "Jl. X", "Kepala", "123")
    with pytest.raises(Refused) as info:
        office_service.setup_office(empty, bad, "A", "", "pendek")
    fields = {p.field: str(p.message) for p in info.value.problems}
    assert fields["region_code"] == "Kode wilayah 32.10 adalah Kabupaten Majalengka, bukan wilayah tingkat kota."
    assert fields["head_nip"] == "NIP harus 18 angka (sekarang 3)."
    assert {"office_name", "username", "full_name", "password"} <= set(fields)
    assert not empty.is_initialised()


def test_update_office_needs_permission_and_keeps_region(ws):
    with pytest.raises(AccessDenied):
        office_service.update_office(ws, OPERATOR, DETAILS)
    moved = OfficeDetails(**{**DETAILS.__dict__, "region_code": "33"})
    with pytest.raises(Refused, match="tidak dapat diubah"):
        office_service.update_office(ws, ADMIN, OfficeDetails(**{**moved.__dict__, "level": "provinsi"}))
    office_service.update_office(ws, ADMIN, OfficeDetails(**{**DETAILS.__dict__, "head_name": "Baru"}))
    assert office_service.details_of(ws.office()).head_name == "Baru"


def test_settings(ws):
    settings.change(ws, OPERATOR, "language", "en")  # personal comfort: any role
    assert ws.setting("language") == "en"
    with pytest.raises(AccessDenied):
        settings.change(ws, OPERATOR, "paper", "f4")
    settings.change(ws, ADMIN, "paper", "f4")
    assert ws.setting("paper") == "f4"
    with pytest.raises(Refused, match="tidak sah"):
        settings.change(ws, ADMIN, "paper", "a3")
    with pytest.raises(Refused, match="tidak dikenal"):
        settings.change(ws, ADMIN, "warna", "merah")
    with pytest.raises(Refused):
        settings.change(ws, ADMIN, "email_limit_mb", 0)


def test_audit_log_reading(ws):
    settings.change(ws, ADMIN, "paper", "f4")
    with pytest.raises(AccessDenied):
        audit_log.recent(ws, OPERATOR)
    newest = audit_log.recent(ws, ADMIN, limit=1)[0]
    assert (newest["action"], newest["entity"], newest["entity_key"]) == ("create", "setting", "paper")
    assert newest["after"] == {"key": "paper", "value": '"f4"'}
    assert audit_log.count(ws, ADMIN) == len(audit_log.ids(ws, ADMIN)) >= 5
    found = audit_log.ids(ws, ADMIN, "setup")
    assert len(found) == 1 and audit_log.rows(ws, ADMIN, found)[found[0]]["action"] == "setup"


def test_info_and_check(ws):
    info = maintenance.info(ws)
    assert info["office_name"] == "Dinas Sosial Provinsi Jawa Barat" and info["region_name"] == "Jawa Barat"
    assert info["counts"]["office"] == 1 and info["counts"]["users"] == 1
    assert maintenance.check(ws) == []
    conn = sqlite3.connect(ws.store.path)
    conn.execute("UPDATE user_account SET role='raja'")
    conn.execute("UPDATE office SET region_name='Jabar'")
    conn.commit()
    conn.close()
    found = [str(m) for m in maintenance.check(ws)]
    assert "Tidak ada administrator aktif." in found
    assert "Pengguna admin mempunyai peran tidak dikenal: raja." in found
    assert any("Nama wilayah kantor (Jabar)" in m for m in found)


def test_backup_and_restore(ws, tmp_path):
    out = maintenance.backup(ws, ADMIN, tmp_path / "cadangan" / "kantor.sqlite")
    assert maintenance.inspect_backup(out)["region_code"] == "32"
    old_device = ws.setting("device_id")
    settings.change(ws, ADMIN, "paper", "f4")  # a change after the backup
    with pytest.raises(AccessDenied):
        maintenance.restore(ws, OPERATOR, out)
    restored, safety = maintenance.restore(ws, ADMIN, out)
    try:
        assert restored.setting("paper") == "a4"  # back as it was
        assert restored.setting("device_id") != old_device
        assert safety.parent == restored.backups_dir
        conn = sqlite3.connect(safety)
        assert conn.execute("SELECT value FROM setting WHERE key='paper'").fetchone()[0] == '"f4"'
        conn.close()
        assert maintenance.check(restored) == []
        assert login(restored, "admin", PASSWORD).role == "administrator"
    finally:
        restored.close()


def test_restore_refuses_what_is_not_a_backup(ws, tmp_path, empty):
    junk = tmp_path / "sampah.sqlite"
    junk.write_bytes(b"x" * 4096)
    with pytest.raises(Refused, match="bukan basis data SQLite"):
        maintenance.restore(ws, ADMIN, junk)
    with pytest.raises(Refused, match="tidak ada"):
        maintenance.restore(ws, ADMIN, tmp_path / "tiada.sqlite")
    with pytest.raises(Refused, match="tidak berisi data kantor"):
        maintenance.restore(ws, ADMIN, empty.store.path)
    other = Workspace.open(tmp_path / "lain")
    office_service.setup_office(other, OfficeDetails("kabupaten", "32.10", "Dinsos Majalengka", "Jl. A",
                                                     "Kepala", "196803121990031002"), "admin", "A", PASSWORD)
    other.close()
    with pytest.raises(Refused, match="milik wilayah 32.10"):
        maintenance.restore(ws, ADMIN, other.store.path)
    assert ws.office().region_code == "32"


def test_demo_office(empty, ws):
    recovery = demo.create_demo(empty, PASSWORD, year=2026, region_code="7305", size="small")
    office = empty.office()
    assert office.is_demo and office.region_code == "73.05" and office.level == "kabupaten"
    assert office.name == f"Dinas Sosial {office.region_name}"
    assert login(empty, "admin", PASSWORD).role == "administrator"
    assert login(empty, "siti.rahmawati", PASSWORD).role == "operator"
    assert len(recovery) == 23
    assert maintenance.check(empty) == []
    with pytest.raises(Refused, match="contoh dibuat di folder data tersendiri"):
        demo.create_demo(ws, PASSWORD)
    from kemensos_desk.services.workspace import demo_data_dir
    assert demo_data_dir(ws.data_dir) != ws.data_dir  # the GUI demo never shares a real office's store


def test_demo_refuses_unknown_regions(empty):
    for code in ("99.99", "32.10.01"):
        with pytest.raises(Refused, match="tidak ada dalam daftar Kemendagri"):
            demo.create_demo(empty, PASSWORD, region_code=code)
    with pytest.raises(Refused, match="tidak sah"):
        demo.create_demo(empty, PASSWORD, region_code="abc")
