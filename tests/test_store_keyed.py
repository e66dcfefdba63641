"""The office store opened under a data key (SQLCipher; docs/SECURITY_AT_REST.md step 2).

No office is encrypted yet: these tests open a store with a random key through the same
Workspace/Store/migrations/maintenance code the clear stores use, and read every byte of
``kemensos.sqlite*`` and of a backup for a known NIK, KK and name."""
import datetime as _dt
import secrets

import pytest

from kemensos_desk.core.errors import EnvironmentProblem, Refused
from kemensos_desk.services import maintenance
from kemensos_desk.services.spm import register
from kemensos_desk.services.workspace import Workspace
from kemensos_desk.store import migrations
from kemensos_desk.store.connect import connect
from tests.test_spm_support import OPERATOR, PASSWORD, nik_for
from kemensos_desk.services.office import OfficeDetails, setup_office

# A runtime dependency since this change: a virtualenv made before it needs `make install`.
pytest.importorskip("sqlcipher3", reason="sqlcipher3-wheels belum terpasang: jalankan make install")

NIK = nik_for("321001", _dt.date(1951, 3, 14), "P", 77)
KK = "3210011403510099"
NAME = "Siti Rahmawati Kusumadewi"


def _office(data, key):
    ws = Workspace.open(data, key)
    setup_office(ws, OfficeDetails(level="kabupaten", region_code="32.10", office_name="Dinas Sosial Kabupaten Majalengka",
                                   address="Jl. K.H. Abdul Halim No. 1, Majalengka", head_name="Drs. Agus Setiawan, M.Si.",
                                   head_nip="196803121990031002"), "admin", "Administrator Uji", PASSWORD)
    person = register.create_person(ws, OPERATOR, register.PersonData(
        name=NAME, sex="P", birth_date=_dt.date(1951, 3, 14), kecamatan_code="32.10.01", nik=NIK, kk=KK))
    return ws, person


def _in_clear(path) -> list[str]:
    data = path.read_bytes()
    return [word for word in (NIK, KK, NAME) if word.encode() in data]


def _store_files(data):
    return sorted(data.glob("kemensos.sqlite*"))


@pytest.fixture(scope="module")
def keyed(tmp_path_factory):
    data = tmp_path_factory.mktemp("terkunci") / "data"
    key = secrets.token_bytes(32)
    ws, person = _office(data, key)
    yield data, key, ws, person
    ws.close()


def test_keyed_store_migrates_writes_and_reads_back(keyed):
    data, key, ws, person = keyed
    assert migrations.current_revision(ws.store.path, key) == migrations.head_revisions()
    assert maintenance.check(ws) == []  # Store.raw() (integrity check) under the key
    with ws.store.session() as s:
        got = register.get_person(s, person)
        assert (got.nik, got.kk, got.name) == (NIK, KK, NAME)
    again = Workspace.open(data, key)  # a second program, its own connections
    try:
        with again.store.session() as s:
            assert register.get_person(s, person).name == NAME
    finally:
        again.close()


def test_no_personal_data_in_clear_in_the_store_files(keyed):
    data, _key, ws, _person = keyed
    files = _store_files(data)
    assert data / "kemensos.sqlite" in files and data / "kemensos.sqlite-wal" in files  # open: the WAL too
    assert {f.name: _in_clear(f) for f in files} == {f.name: [] for f in files}


def test_backup_under_the_key_is_encrypted_and_restores(keyed, tmp_path):
    data, key, ws, person = keyed
    out = tmp_path / "cadangan.sqlite"
    assert maintenance.backup(ws, OPERATOR, out) == out
    assert _in_clear(out) == []
    assert migrations.current_revision(out, key) == migrations.head_revisions()
    assert maintenance.inspect_backup(out, key)["region_code"] == "32.10"
    with pytest.raises(Refused, match="kunci kantor"):
        maintenance.inspect_backup(out, secrets.token_bytes(32))
    with pytest.raises(Refused):  # without a key it is no SQLite file at all
        maintenance.inspect_backup(out)

    copy = tmp_path / "salinan" / "data"
    restored_from = Workspace.open(copy, key)
    setup_office(restored_from, OfficeDetails(level="kabupaten", region_code="32.10", office_name="Kantor Lain",
                                             address="Jl. Lain", head_name="Drs. Lain", head_nip="196803121990031002"),
                 "admin", "Administrator Uji", PASSWORD)
    restored, _safety = maintenance.restore(restored_from, OPERATOR, out)
    try:
        with restored.store.session() as s:
            assert register.get_person(s, person).nik == NIK
        assert {f.name: _in_clear(f) for f in _store_files(copy)} == {f.name: [] for f in _store_files(copy)}
    finally:
        restored.close()


def test_wrong_or_missing_key_is_a_worded_environment_problem(keyed, tmp_path):
    data = keyed[0]
    with pytest.raises(EnvironmentProblem, match="kunci kantor ini") as wrong:
        Workspace.open(data, secrets.token_bytes(32))
    assert wrong.value.exit_code == 3
    with pytest.raises(EnvironmentProblem) as missing:  # read as plain SQLite: not a database
        Workspace.open(data)
    assert missing.value.exit_code == 3 and "kemensos-desk restore" in str(missing.value)
    with pytest.raises(EnvironmentProblem, match="kunci kantor ini"):
        connect(data / "kemensos.sqlite", secrets.token_bytes(32), read_only=True)


def test_plain_store_is_unchanged(tmp_path):
    """key=None is the standard sqlite3 as before: a clear file (every office until step 6)."""
    ws, _person = _office(tmp_path / "data", None)
    try:
        assert ws.store.key is None
        conn = ws.store.raw()
        try:
            assert type(conn).__module__ == "sqlite3"
            assert conn.execute("PRAGMA foreign_keys").fetchone() == (1,)
        finally:
            conn.close()
    finally:
        ws.close()
    with open(tmp_path / "data" / "kemensos.sqlite", "rb") as fh:
        assert fh.read(16) == b"SQLite format 3\x00"


def test_a_key_must_be_32_bytes(tmp_path):
    with pytest.raises(ValueError):
        connect(tmp_path / "x.sqlite", b"pendek")
