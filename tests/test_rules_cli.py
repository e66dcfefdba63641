"""``rules`` and ``ministry rules`` end to end (issue 12 CLI contract: JSON keys, exit codes)."""
from __future__ import annotations

import json

import pytest

from kemensos_desk.core import rules

from test_sync_cli import run  # noqa: F401 (the fixture: main() in process, JSON read back)
from test_sync_support import make_office


@pytest.fixture(autouse=True)
def _built_in_rules():
    rules.install(None)
    yield
    rules.install(None)


@pytest.fixture
def setup(tmp_path, run):
    """A real office holding the key of a ministry store; a second ministry with another key."""
    make_office(tmp_path / "kantor", demo=False).close()
    for name in ("kunci", "kunci-lain"):
        assert run("ministry", "keygen", "--out-dir", tmp_path / name)[0] == 0
    db, other = tmp_path / "kementerian.sqlite", tmp_path / "lain.sqlite"
    assert run("ministry", "init", "--db", db, "--key", tmp_path / "kunci" / "ministry.key")[0] == 0
    assert run("ministry", "init", "--db", other, "--key", tmp_path / "kunci-lain" / "ministry.key")[0] == 0
    office = ["--data-dir", tmp_path / "kantor", "--user", "admin"]
    assert run(*office, "sync", "ministry-key", tmp_path / "kunci" / "ministry.pub")[0] == 0
    return tmp_path, db, other, office


def _edited_dir(tmp_path, bands):
    folder = tmp_path / "aturan"
    folder.mkdir(exist_ok=True)
    spm = json.loads(json.dumps(rules.built_in().files["spm_services"]))
    spm["bands"] = bands
    (folder / "spm_services.json").write_text(json.dumps(spm), encoding="utf-8")
    (folder / "settings.json").write_text("{bukan aturan", encoding="utf-8")  # not a rule: ignored
    return folder


def test_export_import_show(setup, run):
    tmp_path, db, other, office = setup
    bands = [{"min": 100, "name": "Penuh"}, {"min": 50, "name": "Separuh"}, {"min": 0, "name": "Kurang"}]
    code, first, _ = run("ministry", "rules", "export", "--db", db, "--out", tmp_path / "a.kdrules",
                         "--from", _edited_dir(tmp_path, bands), "--note", "Batas baru", "--json")
    assert code == 0 and first["changed"] == ["spm_services"]
    assert rules.newer(first["version"], rules.built_in().version)
    code, second, _ = run("ministry", "rules", "export", "--db", db, "--out", tmp_path / "b.kdrules", "--json")
    assert code == 0 and rules.newer(second["version"], first["version"])  # same day, still greater
    code, shown, _ = run("ministry", "rules", "show", "--db", db, "--json")
    assert code == 0 and [p["version"] for p in shown["issued"]] == [second["version"], first["version"]]
    assert shown["version"] == second["version"]

    code, before, _ = run("--data-dir", tmp_path / "kantor", "rules", "show", "--json")
    assert code == 0 and before["source"] == "built-in" and set(before) >= {"version", "effective", "source", "files"}
    code, result, _ = run(*office, "rules", "import", tmp_path / "a.kdrules", "--json")
    assert code == 0 and result["status"] == "imported" and result["version"] == first["version"]
    code, now, _ = run("--data-dir", tmp_path / "kantor", "rules", "show", "--json")
    assert now["version"] == first["version"] and now["source"] == "ministry"
    assert now["files"]["spm_services"]["bands"] == bands
    code, out, _ = run(*office, "rules", "import", tmp_path / "a.kdrules")
    assert code == 0 and "sudah berlaku" in out
    code, old, _ = run("--data-dir", tmp_path / "kantor", "rules", "show", "--version", before["version"], "--json")
    assert code == 0 and old["source"] == "built-in"

    code, result, _ = run(*office, "rules", "import", tmp_path / "b.kdrules", "--json")
    assert code == 0 and result["version"] == second["version"]
    code, _, err = run(*office, "rules", "import", tmp_path / "a.kdrules")
    assert code == 1 and "lebih lama" in err
    code, capaian, _ = run("--data-dir", tmp_path / "kantor", "spm", "capaian", "--year", "2026", "--json")
    assert code == 0 and capaian["rules_version"] == second["version"] and capaian["approved"] is False


def test_refusals_exit_1_and_change_nothing(setup, run):
    tmp_path, db, other, office = setup
    run("ministry", "rules", "export", "--db", other, "--out", tmp_path / "asing.kdrules")
    run("ministry", "rules", "export", "--db", db, "--out", tmp_path / "a.kdrules")
    doc = json.loads((tmp_path / "a.kdrules").read_text(encoding="utf-8"))
    doc["body"]["note"] = "diubah di jalan"
    (tmp_path / "diubah.kdrules").write_text(json.dumps(doc), encoding="utf-8")
    (tmp_path / "besar.kdrules").write_bytes(b" " * (9 * 1024 * 1024))
    bad_bands = [{"min": 0, "name": "Bawah"}, {"min": 100, "name": "Atas"}]
    code, _, err = run("ministry", "rules", "export", "--db", db, "--out", tmp_path / "x.kdrules",
                       "--from", _edited_dir(tmp_path, bad_bands))
    assert code == 1 and "menurun" in err and not (tmp_path / "x.kdrules").exists()
    for name, reason in (("asing", "kunci lain"), ("diubah", "Tanda tangan"), ("besar", "terlalu besar")):
        code, _, err = run(*office, "rules", "import", tmp_path / f"{name}.kdrules")
        assert code == 1 and reason in err, (name, err)
        assert "Traceback" not in err
    code, now, _ = run("--data-dir", tmp_path / "kantor", "rules", "show", "--json")
    assert now["source"] == "built-in" and now["history"] == []


def test_the_receipt_brings_the_ministry_pack(setup, run):
    tmp_path, db, other, office = setup
    assert run("ministry", "enrol", "--db", db, "--office", "32.10", "--out", tmp_path / "3210.kdenrol")[0] == 0
    assert run(*office, "sync", "enrol", tmp_path / "3210.kdenrol")[0] == 0
    assert run(*office, "sync", "export", "--out", tmp_path / "usb")[0] == 0
    assert run("ministry", "import", "--db", db, tmp_path / "usb")[0] == 0
    code, issued, _ = run("ministry", "rules", "export", "--db", db, "--out", tmp_path / "a.kdrules", "--json")
    code, written, _ = run("ministry", "receipts", "--db", db, "--out", tmp_path / "terima", "--json")
    assert code == 0
    code, result, _ = run(*office, "sync", "receipt", written["files"][0], "--json")
    assert code == 0 and result["rules"]["status"] == "imported" and result["rules"]["version"] == issued["version"]
    code, now, _ = run("--data-dir", tmp_path / "kantor", "rules", "show", "--json")
    assert now["version"] == issued["version"] and now["history"][0]["via"] == "receipt"


def test_a_ministry_store_made_before_rules_packs_gains_the_table(setup, run):
    from sqlalchemy import inspect, text

    from kemensos_desk.ministry import store as mstore

    tmp_path, db, other, office = setup
    store = mstore.open_store(str(db))
    with store.engine.begin() as conn:
        conn.execute(text("DROP TABLE ministry_rules_pack"))
    store.dispose()
    code, shown, _ = run("ministry", "rules", "show", "--db", db, "--json")
    assert code == 0 and shown["issued"] == []
    store = mstore.open_store(str(db))
    assert inspect(store.engine).has_table("ministry_rules_pack")
    store.dispose()
