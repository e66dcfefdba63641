"""The sync and ministry commands end to end on temp data dirs (exact JSON keys and exit codes)."""
from __future__ import annotations

import json
import shutil
import stat

import pytest

from kemensos_desk.cli.main import main

from test_sync_support import DEMO_KEY_FILE, PASSWORD, make_office


@pytest.fixture
def run(capsys, monkeypatch):
    monkeypatch.setenv("KEMENSOS_DESK_PASSWORD", PASSWORD)

    def _run(*argv):
        code = main([str(a) for a in argv])
        out = capsys.readouterr()
        return code, (json.loads(out.out) if "--json" in argv and out.out.strip() else out.out), out.err
    return _run


def test_office_to_ministry_and_back(tmp_path, run):
    make_office(tmp_path / "kantor", demo=False).close()
    make_office(tmp_path / "lain", region="32.11", name="Dinas Sosial Kabupaten Sumedang", demo=False).close()
    office = ["--data-dir", tmp_path / "kantor", "--user", "admin"]
    code, _, err = run(*office, "sync", "export", "--out", tmp_path / "usb", "--json")
    assert code == 1 and "belum diatur" in err
    code, _, err = run(*office, "sync", "ministry-key", DEMO_KEY_FILE.with_suffix(".pub"))
    assert code == 1 and "CONTOH" in err  # a real office never encrypts to the demo key

    code, keys, _ = run("ministry", "keygen", "--out-dir", tmp_path / "kunci", "--json")
    assert code == 0
    private = tmp_path / "kunci" / "ministry.key"
    assert stat.S_IMODE(private.stat().st_mode) == 0o600
    pub = json.loads((tmp_path / "kunci" / "ministry.pub").read_text())
    assert {"x25519", "ed25519"} <= set(pub) and "x25519" in json.loads(private.read_text())
    assert run("ministry", "keygen", "--out-dir", tmp_path / "kunci")[0] == 1  # never overwrites
    db = tmp_path / "kementerian.sqlite"
    assert run("ministry", "init", "--db", db, "--key", private)[0] == 0
    for d in ("kantor", "lain"):
        assert run("--data-dir", tmp_path / d, "--user", "admin", "sync", "ministry-key",
                   tmp_path / "kunci" / "ministry.pub")[0] == 0
    # the ministry enrols the office (issue 13): its first bundle is then imported at once
    code, en, _ = run("ministry", "enrol", "--db", db, "--office", "32.10", "--out", tmp_path / "3210.kdenrol", "--json")
    assert code == 0 and en["office"] == "32.10" and stat.S_IMODE((tmp_path / "3210.kdenrol").stat().st_mode) == 0o600
    assert run(*office, "sync", "enrol", tmp_path / "3210.kdenrol")[0] == 0

    code, data, _ = run(*office, "sync", "export", "--out", tmp_path / "usb", "--json")
    assert code == 0 and set(data) >= {"files", "sequence", "records"} and data["sequence"] == 1
    assert data["records"]["spm_beneficiaries"] == 2
    code, data2, _ = run(*office, "sync", "export", "--out", tmp_path / "usb", "--max-part-mb", "0.001", "--json")
    assert code == 0 and len(data2["files"]) > 1 and data2["sequence"] == 2

    (tmp_path / "usb" / "rusak.kdsync").write_bytes(b"KDSYNC\x00\x01\x00\x00")
    tampered = bytearray(open(data["files"][0], "rb").read())
    tampered[-10] ^= 0xFF
    (tmp_path / "usb" / "diubah.kdsync").write_bytes(bytes(tampered))
    code, imp, _ = run("ministry", "import", "--db", db, tmp_path / "usb", "--json")
    assert code == 1
    by_status = {b["file"]: b for b in imp["bundles"]}
    assert by_status["rusak.kdsync"]["status"] == "refused" and by_status["rusak.kdsync"]["reason"]
    ok = [b for b in imp["bundles"] if b["status"] == "imported"]
    assert len(ok) == 2 and set(ok[0]) >= {"file", "office", "sequence", "status", "reason", "new", "updated", "unchanged"}
    (tmp_path / "usb" / "rusak.kdsync").unlink()
    (tmp_path / "usb" / "diubah.kdsync").unlink()
    code, imp, _ = run("ministry", "import", "--db", db, tmp_path / "usb", "--json")
    assert code == 0 and {b["status"] for b in imp["bundles"]} == {"unchanged"}

    code, rec, _ = run("ministry", "receipts", "--db", db, "--out", tmp_path / "tt", "--json")
    assert code == 0 and len(rec["files"]) == 1
    receipt = rec["files"][0]
    code, got, _ = run(*office, "sync", "receipt", receipt, "--json")
    assert code == 0 and got["confirmed"] == 2 and [r["file"] for r in got["refused"]] == ["diubah.kdsync"]
    code, _, err = run("--data-dir", tmp_path / "lain", "--user", "admin", "sync", "receipt", receipt)
    assert code == 1 and "bukan untuk kantor ini" in err
    forged = tmp_path / "palsu.kdreceipt"
    shutil.copy(receipt, forged)
    doc = json.loads(forged.read_text())
    doc["body"]["imported"].append({"device_id": "x", "sequence": 9, "sha256": "0" * 64})
    forged.write_text(json.dumps(doc))
    code, _, err = run(*office, "sync", "receipt", forged)
    assert code == 1 and "tidak ditandatangani" in err
    code, listing, _ = run(*office, "sync", "list", "--json")
    assert all(b["confirmed_at"] for b in listing["bundles"])

    code, _, _ = run("--data-dir", tmp_path / "kantor", "sync", "export", "--out", tmp_path / "x")
    assert code == 4  # changes data: needs --user
    code, pubfile, _ = run(*office, "sync", "office-key", "--out", tmp_path / "kantor.pub", "--json")
    assert code == 0
    code, acc, _ = run("ministry", "accept-key", "--db", db, "--office", "3210", tmp_path / "kantor.pub", "--json")
    assert code == 0 and acc["office"] == "32.10"
    code, rep, _ = run("ministry", "report", "--db", db, "--year", "2026", "--json")
    assert code == 0 and rep["regions_assessed"] == 0 and rep["completeness"]["provinces"][0]["code"] == "32"


def test_ministry_commands_on_an_uninitialised_db(tmp_path, run):
    code, _, err = run("ministry", "import", "--db", tmp_path / "kosong.sqlite", tmp_path)
    assert code == 2 and "ministry init" in err
