"""Who may speak for an office (issue 13): enrolment files, pending first bundles, real office codes."""
from __future__ import annotations

import json

import pytest
from sqlalchemy import func, select

from kemensos_desk.cli.main import main
from kemensos_desk.core import bundle_format as bf
from kemensos_desk.core.enrolment import fingerprint
from kemensos_desk.core.errors import Refused
from kemensos_desk.ministry import enrolment, importer, receipts
from kemensos_desk.ministry.models import MinistryBundle, MinistryOffice
from kemensos_desk.services.sync import crypto
from kemensos_desk.services.sync import enrolment as office_enrolment
from kemensos_desk.services.sync import keys

from bundle_forge import forge, ministry_key_file
from test_sync_support import ADMIN, PASSWORD, export, make_office, ministry_for, ministry_url


@pytest.fixture(params=["sqlite", "postgresql"])
def real(request, tmp_path):
    """A ministry with its own (non-demo) key."""
    key_file, mkeys = ministry_key_file(tmp_path / "kunci")
    store = ministry_for(ministry_url(request, request.param, tmp_path), key_file)
    yield store, mkeys
    store.dispose()


def _registered(store) -> dict:
    with store.session() as s:
        return dict(s.execute(select(MinistryOffice.code, MinistryOffice.public_key)).all())


def _bundles(store) -> int:
    with store.session() as s:
        return s.scalar(select(func.count()).select_from(MinistryBundle))


def test_unseen_office_claimed_by_any_key_waits_and_the_real_office_enrolled_is_imported(real, tmp_path):
    store, mkeys = real
    attacker = crypto.new_signing_key()
    [out] = [importer.import_bytes(store, mkeys, "palsu.kdsync", forge(mkeys.public, attacker, code="14.01"))]
    assert out.status == "pending" and out.fingerprint == fingerprint(crypto.public_raw(attacker))
    assert "Menunggu verifikasi" in out.reason and "14.01" not in _registered(store) and _bundles(store) == 0
    [waiting] = enrolment.pending(store)
    assert waiting["office"] == "14.01" and waiting["fingerprint"] == out.fingerprint
    # the real office, enrolled by the ministry, is imported at once; its key wins
    enrol = enrolment.issue(store, "14.01", valid_days=30)
    real_key = crypto.new_signing_key()
    secret = crypto.unb64(enrol["secret"])
    good = forge(mkeys.public, real_key, code="14.01", secret=secret, enrolment_id=enrol["id"])
    assert importer.import_bytes(store, mkeys, "asli.kdsync", good).status == "imported"
    assert _registered(store)["14.01"] == crypto.b64(crypto.public_raw(real_key)) and enrolment.pending(store) == []
    # the secret proves one key only: another laptop with the same file waits
    other = crypto.new_signing_key()
    again = forge(mkeys.public, other, code="14.01", secret=secret, enrolment_id=enrol["id"], device="e" * 36)
    assert importer.import_bytes(store, mkeys, "lain.kdsync", again).status == "refused"  # key differs from registered


def test_wrong_proof_or_expired_or_other_office_enrolment_waits(real):
    store, mkeys = real
    enrol = enrolment.issue(store, "32.10")
    key = crypto.new_signing_key()
    wrong = forge(mkeys.public, key, secret=b"x" * 32, enrolment_id=enrol["id"])
    assert importer.import_bytes(store, mkeys, "a", wrong).status == "pending"
    other = enrolment.issue(store, "32.11")
    moved = forge(mkeys.public, key, secret=crypto.unb64(other["secret"]), enrolment_id=other["id"])
    assert importer.import_bytes(store, mkeys, "b", moved).status == "pending"


@pytest.mark.parametrize("code,level", [("../../../x", "kabupaten"), ("99/99", "kabupaten"), ("", "kabupaten"),
                                        ("x" * 300, "kabupaten"), ("99.99", "kabupaten"), ("32", "kabupaten"),
                                        ("32.10", "provinsi"), ("32.10.01", "kabupaten"), ("3210", "kabupaten")])
def test_office_codes_must_be_real_regions_at_their_level(real, tmp_path, code, level):
    store, mkeys = real
    data = forge(mkeys.public, crypto.new_signing_key(), code=code, level=level)
    out = importer.import_bytes(store, mkeys, "x.kdsync", data)
    assert out.status == "refused" and _registered(store) == {} and enrolment.pending(store) == []
    receipts.write_receipts(store, tmp_path / "tt")  # receipts still work for every office


def test_retired_kabupaten_code_is_a_real_office(real):
    store, mkeys = real
    assert enrolment.is_office_region("91.01", "kabupaten") and not enrolment.is_office_region("91.01", "provinsi")
    assert enrolment.is_office_region("32", "provinsi") and enrolment.is_office_region("32.73", "kota")


def test_office_takes_its_enrolment_and_its_first_bundle_is_imported(real, tmp_path):
    store, mkeys = real
    ws = make_office(tmp_path / "kantor", demo=False)
    try:
        enrol = enrolment.issue(store, "32.10")
        assert office_enrolment.take(ws, ADMIN, enrol)["ministry_key_set"] is True  # the file carries the key
        with pytest.raises(Refused, match="bukan kantor ini"):
            office_enrolment.take(ws, ADMIN, enrolment.issue(store, "32.11"))
        forged = dict(enrol, valid_until="2099-01-01T00:00:00Z")
        with pytest.raises(Refused, match="Tanda tangan"):
            office_enrolment.take(ws, ADMIN, forged)
        with pytest.raises(Refused, match="bukan berkas pendaftaran"):
            office_enrolment.take(ws, ADMIN, {"kind": "x"})
        result = export(ws, tmp_path / "usb")
        manifest = bf.unpack(result.files[0].read_bytes()).manifest
        assert manifest["format_version"] == 2 and manifest["enrolment"]["id"] == enrol["id"]
        assert manifest["plain_size"] > 0
        [out] = importer.import_paths(store, result.files)
        assert out.status == "imported", out
        _, public = keys.installation_key(ws)
        assert _registered(store)["32.10"] == crypto.b64(public)
    finally:
        ws.close()


def test_cli_pending_then_accept_key_pending_imports_the_waiting_bundle(tmp_path, capsys, monkeypatch):
    monkeypatch.setenv("KEMENSOS_DESK_PASSWORD", PASSWORD)

    def run(*argv):
        code = main([str(a) for a in argv])
        out = capsys.readouterr()
        return code, (json.loads(out.out) if "--json" in argv and out.out.strip() else out.out)

    key_file, mkeys = ministry_key_file(tmp_path / "kunci")
    db = tmp_path / "kementerian.sqlite"
    assert run("ministry", "init", "--db", db, "--key", key_file)[0] == 0
    (tmp_path / "kunci" / "ministry.pub").write_text(json.dumps(mkeys.public.to_json()))
    make_office(tmp_path / "kantor", demo=False).close()
    office = ["--data-dir", tmp_path / "kantor", "--user", "admin"]
    assert run(*office, "sync", "ministry-key", tmp_path / "kunci" / "ministry.pub")[0] == 0
    code, made = run(*office, "sync", "export", "--out", tmp_path / "usb", "--json")
    assert code == 0
    code, imp = run("ministry", "import", "--db", db, tmp_path / "usb", "--json")
    assert code == 1 and imp["bundles"][0]["status"] == "pending"
    code, waiting = run("ministry", "pending", "--db", db, "--json")
    code2, pub = run(*office, "sync", "office-key", "--out", tmp_path / "kantor.pub", "--json")
    assert code == 0 and waiting["pending"][0]["fingerprint"] == pub["fingerprint"]  # read out on the phone
    assert run("ministry", "accept-key", "--db", db, "--office", "32.10")[0] == 2  # FILE or --pending
    code, acc = run("ministry", "accept-key", "--db", db, "--office", "32.10", "--pending", "--json")
    assert code == 0 and [b["status"] for b in acc["bundles"]] == ["imported"]
    assert run("ministry", "pending", "--db", db, "--json")[1]["pending"] == []
    code, en = run("ministry", "enrol", "--db", db, "--office", "99.99", "--out", tmp_path / "x.kdenrol", "--json")
    assert code == 1 and not (tmp_path / "x.kdenrol").exists()


def test_a_restored_laptop_with_a_new_key_re_enrols(real):
    """No other laptop left: a new enrolment file admits the new key; the old key is then refused."""
    store, mkeys = real
    first = enrolment.issue(store, "32.10")
    old_key, new_key = crypto.new_signing_key(), crypto.new_signing_key()
    ok = forge(mkeys.public, old_key, secret=crypto.unb64(first["secret"]), enrolment_id=first["id"])
    assert importer.import_bytes(store, mkeys, "a", ok).status == "imported"
    stale = forge(mkeys.public, new_key, secret=crypto.unb64(first["secret"]), enrolment_id=first["id"],
                  device="e" * 36)
    assert "berubah tanpa pendaftaran" in importer.import_bytes(store, mkeys, "b", stale).reason
    again = enrolment.issue(store, "32.10")
    fresh = forge(mkeys.public, new_key, secret=crypto.unb64(again["secret"]), enrolment_id=again["id"],
                  device="e" * 36, sequence=2)
    assert importer.import_bytes(store, mkeys, "c", fresh).status == "imported"
    assert _registered(store)["32.10"] == crypto.b64(crypto.public_raw(new_key))
    later = forge(mkeys.public, old_key, sequence=5)
    assert importer.import_bytes(store, mkeys, "d", later).status == "refused"
