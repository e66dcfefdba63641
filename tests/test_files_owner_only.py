"""Owner-only files (issue 13, item 3): the data directory, store, backups, logs, exports and
the ministry database are 0700/0600 whatever the umask, and files made before are narrowed."""
from __future__ import annotations

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
