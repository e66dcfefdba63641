"""Owner-only files (issue 13, item 3): the data directory, store, backups, logs, exports and
the ministry database are 0700/0600 whatever the umask, and files made before are narrowed."""
from __future__ import annotations

import json
import os
import stat

import pytest

from cli_helpers import INIT_ARGS, run

pytestmark = pytest.mark.skipif(os.name != "posix", reason="POSIX modes; Windows keeps data in the per-user profile")


def mode(path) -> int:
    return stat.S_IMODE(os.stat(path).st_mode)


def wide_umask():
    """The child runs under umask 022, as a desktop session usually does."""
    return {"preexec_fn": lambda: os.umask(0o022)}


def test_store_backups_logs_and_exports_are_owner_only(tmp_path):
    data = tmp_path / "kantor"
    assert run(data, *INIT_ARGS, **wide_umask()).code == 0
    backup = tmp_path / "salinan" / "cadangan.sqlite"
    backup.parent.mkdir()
    assert run(data, "--user", "admin", "backup", "--out", backup, **wide_umask()).code == 0
    export = tmp_path / "penerima.xlsx"
    assert run(data, "--user", "admin", "spm", "export", "--out", export, **wide_umask()).code == 0
    assert mode(data) == 0o700 and mode(data / "logs") == 0o700
    for path in [data / "kemensos.sqlite", backup, export, *data.glob("kemensos.sqlite-*"), *(data / "logs").iterdir()]:
        assert mode(path) == 0o600, path
    assert not list(backup.parent.glob("*.tmp"))


def test_files_made_before_are_narrowed_when_opened(tmp_path):
    data = tmp_path / "kantor"
    assert run(data, *INIT_ARGS).code == 0
    old = data / "backups" / "lama.sqlite"
    old.parent.mkdir(exist_ok=True)
    old.write_bytes(b"")
    for path, wide in ((data, 0o755), (data / "kemensos.sqlite", 0o644), (old, 0o644), (old.parent, 0o755)):
        os.chmod(path, wide)
    assert run(data, "info", "--json").code == 0
    assert (mode(data), mode(data / "kemensos.sqlite"), mode(old.parent), mode(old)) == (0o700, 0o600, 0o700, 0o600)


def test_ministry_database_is_owner_only(tmp_path):
    keys = tmp_path / "kunci"
    assert run(None, "ministry", "keygen", "--out-dir", keys, **wide_umask()).code == 0
    db = tmp_path / "kementerian.sqlite"
    assert run(None, "ministry", "init", "--db", db, "--key", keys / "ministry.key", **wide_umask()).code == 0
    assert mode(db) == 0o600 and mode(keys / "ministry.key") == 0o600
    for extra in tmp_path.glob("kementerian.sqlite-*"):
        assert mode(extra) == 0o600, extra


# --- private keys out of the databases --------------------------------------------------------

def _private_b64(key_file) -> list[bytes]:
    doc = json.loads(key_file.read_text())
    return [doc["x25519"].encode(), doc["ed25519"].encode()]


def _all_bytes(db) -> bytes:
    return b"".join(p.read_bytes() for p in db.parent.glob(db.name + "*"))


def test_ministry_init_records_the_key_file_and_keeps_private_keys_out(tmp_path, capsys):
    from kemensos_desk.cli.main import main
    from kemensos_desk.ministry import store as mstore

    keys = tmp_path / "kunci"
    assert main(["ministry", "keygen", "--out-dir", str(keys)]) == 0
    capsys.readouterr()
    db = tmp_path / "kementerian.sqlite"
    assert main(["ministry", "init", "--db", str(db), "--key", str(keys / "ministry.key"), "--json"]) == 0
    assert json.loads(capsys.readouterr().out)["key_file"] == str((keys / "ministry.key").resolve())
    store = mstore.open_store(str(db))
    try:
        assert store.config("key_file") == str((keys / "ministry.key").resolve()) and store.config("keys") is None
        assert store.keys().public.key_id == store.public_key_id()
    finally:
        store.dispose()
    for secret in _private_b64(keys / "ministry.key"):
        assert secret not in _all_bytes(db)
    # The recorded file gone: a clear environment error (exit 3), not a crash.
    (keys / "ministry.key").rename(tmp_path / "disimpan.key")
    code = main(["ministry", "import", "--db", str(db), str(tmp_path)])
    assert code == 3 and "Kunci privat kementerian tidak dapat dibaca" in capsys.readouterr().err


def test_a_database_initialised_before_keeps_working_and_init_moves_the_keys_out(tmp_path):
    from kemensos_desk.ministry import store as mstore
    from kemensos_desk.ministry.models import SCHEMA_VERSION
    from kemensos_desk.services.sync import crypto

    key_file = crypto.demo_key_file()
    legacy = crypto.MinistryKeys.from_json(crypto.read_json_file(key_file, "kunci"))
    db = tmp_path / "lama.sqlite"
    store = mstore.MinistryStore(str(db))
    store.create_schema()
    with store.session() as s:  # what ministry init wrote before issue 13
        store.put_config(s, "keys", legacy.to_json())
        store.put_config(s, "schema_version", SCHEMA_VERSION)
    store.dispose()
    store = mstore.open_store(str(db))
    assert store.keys().public.key_id == legacy.public.key_id
    store.dispose()
    assert _private_b64(key_file)[0] in _all_bytes(db)
    assert mstore.init(str(db), key_file)["key_id"] == legacy.public.key_id
    for secret in _private_b64(key_file):
        assert secret not in _all_bytes(db)
    store = mstore.open_store(str(db))
    assert store.keys().public.key_id == legacy.public.key_id and store.config("keys") is None
    store.dispose()


# --- the office's signing key out of the store and its backups ----------------------------------

def test_signing_key_lives_beside_the_store_never_in_it_or_a_backup(tmp_path):
    from sqlalchemy import select

    from kemensos_desk.services import maintenance
    from kemensos_desk.services.sync import crypto, keys, signing_key_file
    from kemensos_desk.store.models_sync import InstallationKey
    from test_sync_support import ADMIN, make_office

    ws = make_office(tmp_path / "kantor")
    try:
        signing, public = keys.installation_key(ws)
        secret = crypto.b64(crypto.private_raw(signing)).encode()
        key_file = ws.data_dir / signing_key_file.FILENAME
        assert secret in key_file.read_bytes() and mode(key_file) == 0o600
        with ws.store.session() as s:
            assert s.scalars(select(InstallationKey.private_key)).one() == signing_key_file.MARKER
        again, _ = keys.installation_key(ws)
        assert crypto.private_raw(again) == crypto.private_raw(signing)
        backup = maintenance.backup(ws, ADMIN, tmp_path / "cadangan.sqlite")
        assert secret not in backup.read_bytes()
        assert secret not in b"".join(p.read_bytes() for p in ws.data_dir.glob("kemensos.sqlite*"))
    finally:
        ws.close()


def test_a_key_kept_in_the_store_before_moves_out_and_a_missing_key_file_gives_a_new_key(tmp_path):
    from sqlalchemy import select

    from kemensos_desk.services.sync import crypto, keys, signing_key_file
    from kemensos_desk.store.models_sync import InstallationKey
    from test_sync_support import make_office

    ws = make_office(tmp_path / "kantor")
    try:
        old = crypto.new_signing_key()
        secret = crypto.b64(crypto.private_raw(old))
        with ws.store.session() as s:  # what the first export wrote before issue 13
            s.add(InstallationKey(private_key=secret, public_key=crypto.b64(crypto.public_raw(old))))
        signing, _ = keys.installation_key(ws)
        assert crypto.private_raw(signing) == crypto.private_raw(old)
        assert signing_key_file.get(ws.data_dir, crypto.b64(crypto.public_raw(old))) == secret
        with ws.store.session() as s:
            assert s.scalars(select(InstallationKey.private_key)).one() == signing_key_file.MARKER
        # A store without its key file (a backup restored on a new laptop): the old key retires.
        (ws.data_dir / signing_key_file.FILENAME).unlink()
        fresh, public = keys.installation_key(ws)
        assert crypto.private_raw(fresh) != crypto.private_raw(old)
        with ws.store.session() as s:
            rows = s.scalars(select(InstallationKey).order_by(InstallationKey.id)).all()
            assert [r.retired_at is not None for r in rows] == [True, False]
            assert rows[1].public_key == crypto.b64(public)
    finally:
        ws.close()
