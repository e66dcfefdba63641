"""Environment errors end to end: exit 3, a clear Indonesian sentence, never a traceback
(``cli_helpers.finish`` asserts that for every run)."""
import contextlib
import os
import shutil
import sqlite3
import subprocess
import sys
import threading

import pytest

from cli_helpers import INIT_ARGS, copy_office, environment, run

WRITE = ("--user", "admin", "user", "add", "ani.x", "--full-name", "Ani", "--role", "operator")


@pytest.fixture(scope="module")
def office(tmp_path_factory):
    path = tmp_path_factory.mktemp("cli-env") / "kantor"
    assert run(path, *INIT_ARGS).code == 0
    return path


@pytest.fixture
def data(office, tmp_path):
    return copy_office(office, tmp_path / "kantor")


def test_corrupt_database(data):
    (data / "kemensos.sqlite").write_bytes(os.urandom(64 * 1024))
    for suffix in ("-wal", "-shm"):
        (data / f"kemensos.sqlite{suffix}").unlink(missing_ok=True)
    info = run(data, "info")
    assert info.code == 3
    assert "rusak" in info.err and "kemensos-desk restore" in info.err
    log = (data / "logs" / "kemensos-desk.log").read_text(encoding="utf-8")
    assert "rusak" in log  # IT staff find the underlying error in the log


def test_locked_database(data):
    """Another program holds the write lock while the CLI writes."""
    holder = sqlite3.connect(data / "kemensos.sqlite", isolation_level=None)
    holder.execute("BEGIN EXCLUSIVE")
    try:
        locked = run(data, *WRITE, env=environment(KEMENSOS_DESK_BUSY_TIMEOUT_MS="200"))
    finally:
        holder.execute("ROLLBACK")
        holder.close()
    assert locked.code == 3
    assert "sedang dikunci oleh program lain" in locked.err
    assert run(data, *WRITE).code == 0  # once released, the same command works


def _can_run_as_nobody() -> str | None:
    if not hasattr(os, "geteuid") or os.geteuid() != 0:
        return "needs root to switch to user nobody"
    probe = subprocess.run(["su", "-s", "/bin/sh", "nobody", "-c", f"{sys.executable} -c 'import kemensos_desk'"],
                           capture_output=True, text=True)
    if probe.returncode != 0:
        return f"the interpreter {sys.executable} is not usable by nobody: {probe.stderr.strip()[:120]}"
    return None


def test_read_only_data_directory_as_nobody(data):
    reason = _can_run_as_nobody()
    if reason:
        pytest.skip(reason)
    import pwd

    nobody = pwd.getpwnam("nobody")
    os.chmod(data, 0o755)
    for path in data.rglob("*"):
        os.chmod(path, 0o755 if path.is_dir() else 0o644)

    def become_nobody():
        os.setgid(nobody.pw_gid)
        os.setuid(nobody.pw_uid)

    result = run(data, *WRITE, preexec_fn=become_nobody, env=environment(HOME="/tmp"))
    assert result.code == 3
    assert "tidak bisa ditulis" in result.err


@contextlib.contextmanager
def tmpfs(where, size):
    where.mkdir()
    mounted = subprocess.run(["mount", "-t", "tmpfs", "-o", f"size={size}", "tmpfs", str(where)],
                             capture_output=True, text=True)
    if mounted.returncode != 0:
        pytest.skip(f"cannot mount a tmpfs here: {mounted.stderr.strip()[:120]}")
    try:
        yield where
    finally:
        subprocess.run(["umount", "-l", str(where)], check=False)


def test_read_only_file_system(data, tmp_path):
    """Root ignores permissions, so the honest read-only case for root is a read-only mount."""
    with tmpfs(tmp_path / "mnt", "2m") as mnt:
        shutil.copytree(data, mnt / "kantor")
        if subprocess.run(["mount", "-o", "remount,ro", str(mnt)], capture_output=True).returncode != 0:
            pytest.skip("cannot remount the tmpfs read-only")
        write, read = run(mnt / "kantor", *WRITE), run(mnt / "kantor", "info")
    for result in (write, read):
        assert result.code == 3
        assert "tidak bisa ditulis (hanya-baca atau tanpa izin)" in result.err


def _fill(mnt, leave_bytes=0):
    filler = mnt / "pengisi"
    with open(filler, "wb", buffering=0) as fh:  # unbuffered: a partial write leaves nothing for close()
        with contextlib.suppress(OSError):
            while True:
                fh.write(b"\0" * 65536)
                fh.flush()
    with contextlib.suppress(OSError):
        with open(filler, "ab", buffering=0) as fh:
            while True:
                fh.write(b"\0" * 4096)
                fh.flush()
    if leave_bytes:
        os.truncate(filler, max(0, filler.stat().st_size - leave_bytes))


@pytest.mark.parametrize("leave", [0, 8192], ids=["nothing-left", "room-for-a-probe-only"])
def test_full_disk(office, tmp_path, leave):
    size = sum(p.stat().st_size for p in office.rglob("*") if p.is_file())
    with tmpfs(tmp_path / "mnt", f"{size // 1024 + 256}k") as mnt:
        data = copy_office(office, mnt / "kantor")
        _fill(mnt, leave)
        full = run(data, *WRITE)
        (mnt / "pengisi").unlink()
        assert full.code == 3
        assert "Disk penuh" in full.err
        assert not (data / ".tulis-uji").exists()
        conn = sqlite3.connect(data / "kemensos.sqlite")  # nothing was damaged, nothing written
        assert conn.execute("PRAGMA integrity_check").fetchone() == ("ok",)
        assert conn.execute("SELECT count(*) FROM user_account WHERE username='ani.x'").fetchone() == (0,)
        conn.close()
