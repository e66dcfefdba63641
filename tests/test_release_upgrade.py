"""Upgrades keep the data: a data folder written by release 0.1.0 opens with this build.

``tests/data/release-0.1.0/`` was made by the code tagged ``v0.1.0`` (see its README.md):
the folder of a demo office, and what 0.1.0 printed for it. Opening it now must back the
store up, run the migrations, keep every record and give the same figures. And the other
way round: data written by a newer release is refused with a clear message, untouched.
"""
import hashlib
import json
import sqlite3
import tarfile
from pathlib import Path

import pytest

from cli_helpers import run
from kemensos_desk import __version__
from kemensos_desk.store import migrations

RELEASE = Path(__file__).parent / "data" / "release-0.1.0"
OLD_SCHEMA = {"dekon_0001", "rakor_0001", "spm_0003", "sync_0001"}


def expected(name: str):
    return json.loads((RELEASE / name).read_text(encoding="utf-8"))


def unpack(dest: Path) -> Path:
    with tarfile.open(RELEASE / "data.tar.gz") as tar:
        tar.extractall(dest, filter="data")
    return dest / "data"


def digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


@pytest.fixture(scope="module")
def upgraded(tmp_path_factory):
    data = unpack(tmp_path_factory.mktemp("rilis"))
    assert migrations.current_revision(data / "kemensos.sqlite") == OLD_SCHEMA
    info = run(data, "--user", "admin", "info", "--json")
    assert info.code == 0, info.err
    return data, info.json()


def test_migrations_run_after_a_backup(upgraded):
    data, info = upgraded
    backups = sorted((data / "backups").glob("sebelum-migrasi-*.sqlite"))
    assert len(backups) == 1
    assert migrations.current_revision(backups[0]) == OLD_SCHEMA  # the backup is the 0.1.0 store
    assert set(info["schema_version"].split("+")) == set(migrations.head_revisions())
    with sqlite3.connect(data / "kemensos.sqlite") as conn:
        assert conn.execute("SELECT release FROM app_release").fetchall() == [(__version__,)]


def test_every_record_is_there(upgraded):
    _, info = upgraded
    old = expected("info.json")
    assert {k: info[k] for k in ("office_name", "level", "region_code", "region_name", "device_id")} == \
        {k: old[k] for k in ("office_name", "level", "region_code", "region_name", "device_id")}
    counts = dict(info["counts"])
    # Logging in writes to the audit log; each kind counted by 0.1.0 is still there, in full.
    assert counts.pop("audit_log") >= old["counts"]["audit_log"]
    assert {k: counts[k] for k in old["counts"] if k != "audit_log"} == \
        {k: v for k, v in old["counts"].items() if k != "audit_log"}


@pytest.mark.parametrize("args, name", [
    (("spm", "capaian", "--year", "2026", "--json"), "capaian-2026.json"),
    (("spm", "capaian", "--year", "2026", "--quarter", "2", "--json"), "capaian-2026-q2.json"),
    (("dekon", "realisasi", "--year", "2026", "--json"), "dekon-realisasi-2026.json"),
])
def test_figures_unchanged(upgraded, args, name):
    data, _ = upgraded
    result = run(data, "--user", "admin", *args)
    assert result.code == 0, result.err
    got, want = result.json(), expected(name)
    if name.startswith("capaian"):
        # Rules 2026.2 (issue 12) corrected the bands and compute the index from the exact
        # percentages: the counts and percentages are unchanged, the index moves by at most
        # 0,01 and the band is the corrected table's band of it.
        from kemensos_desk.services.spm import reference

        assert got.pop("rules_version") == reference.load().version
        # A quarter approved by 0.1.0 was approved before figures were frozen: its live
        # figures, flagged approved, and nothing under "current".
        assert got.pop("approved") is (name == "capaian-2026-q2.json") and "current" not in got
        for g, w in zip(got["services"], want["services"], strict=True):
            assert {k: g[k] for k in ("code", "entitled", "served", "recipient_pct", "quality_pct")} == \
                {k: w[k] for k in ("code", "entitled", "served", "recipient_pct", "quality_pct")}
            assert (g["index"] is None) == (w["index"] is None)
            if g["index"] is not None:
                assert abs(g["index"] - w["index"]) <= 0.011
                assert g["band"] == _band(g["index"])
        got, want = {k: v for k, v in got.items() if k != "services"}, {k: v for k, v in want.items() if k != "services"}
    assert got == want


def _band(index: float) -> str:
    from kemensos_desk.core import spm as spm_rules
    from kemensos_desk.services.spm import reference

    return spm_rules.band(index, reference.load().bands)


def test_a_second_opening_migrates_nothing(upgraded):
    data, _ = upgraded
    assert run(data, "--user", "admin", "info", "--json").code == 0
    assert len(list((data / "backups").glob("sebelum-migrasi-*.sqlite"))) == 1


def _newer(data: Path, sql: str) -> Path:
    with sqlite3.connect(data / "kemensos.sqlite") as conn:
        conn.execute(sql)
    conn.close()
    return data


@pytest.mark.parametrize("sql, words", [
    ("UPDATE app_release SET release = '9.1.0'", "versi 9.1.0"),
    ("INSERT INTO alembic_version (version_num) VALUES ('laporan_0001')", "laporan_0001"),
])
def test_an_older_build_refuses_newer_data(tmp_path, sql, words):
    data = unpack(tmp_path)
    assert run(data, "--user", "admin", "info").code == 0  # now written by this build
    store = _newer(data, sql) / "kemensos.sqlite"
    before = digest(store)
    result = run(data, "--user", "admin", "info", "--json")
    assert result.code == 3
    message = result.json()["error"]
    assert "lebih baru daripada aplikasi ini" in message and words in message and __version__ in message
    assert digest(store) == before  # nothing written, not even a migration backup
    assert len(list((data / "backups").glob("*.sqlite"))) == 1


def test_restore_refuses_a_backup_of_a_newer_release(tmp_path):
    data = unpack(tmp_path / "a")
    assert run(data, "--user", "admin", "info").code == 0
    newer = tmp_path / "baru.sqlite"
    migrations.backup_file(data / "kemensos.sqlite", newer)
    with sqlite3.connect(newer) as conn:
        conn.execute("UPDATE app_release SET release = '9.1.0'")
    conn.close()
    result = run(data, "--user", "admin", "restore", newer)
    assert result.code == 1 and "9.1.0" in result.out + result.err
