"""Every writer on a full or read-only target (issue 13 item 9): exit 3, the message names the
file it could not write (never the office store or the data folder), no temp file is left.

The failure is injected where the bytes reach the disk (``os.fsync`` raising ENOSPC/EROFS,
as a full stick or a read-only medium answers): tests here run as root, so a chmod'ed
folder would not refuse anything, and mounting a small tmpfs needs privileges CI lacks.
"""
from __future__ import annotations

import errno
import os
import shutil

import pytest

from kemensos_desk.cli.main import main

PASSWORD = "Rahasia-Disk-2026"
WRITERS = {
    "spm template": lambda out: ["--user", "admin", "spm", "template", "--service", "lansia", "--out", str(out / "t.xlsx")],
    "spm report": lambda out: ["--user", "admin", "spm", "report", "--year", "2026", "--out", str(out / "r.pdf")],
    "rakor xlsx": lambda out: ["--user", "admin", "rakor", "xlsx", "--year", "2026", "--out", str(out / "k.xlsx")],
    "sync export": lambda out: ["--user", "admin", "sync", "export", "--out", str(out)],
    "backup": lambda out: ["--user", "admin", "backup", "--out", str(out / "cadangan.sqlite")],
}
FAILURES = {"penuh": errno.ENOSPC, "hanya dapat dibaca": errno.EROFS}


@pytest.fixture(scope="module")
def demo_dir(tmp_path_factory):
    folder = tmp_path_factory.mktemp("demo") / "data"
    mp = pytest.MonkeyPatch()
    mp.setenv("KEMENSOS_DESK_PASSWORD", PASSWORD)
    try:
        assert main(["--data-dir", str(folder), "demo"]) == 0
    finally:
        mp.undo()
    return folder


@pytest.mark.parametrize("words", FAILURES)
@pytest.mark.parametrize("writer", WRITERS)
def test_a_writer_on_a_full_or_read_only_target_names_it_and_leaves_nothing(demo_dir, tmp_path, monkeypatch,
                                                                             capsys, writer, words):
    data = tmp_path / "data"
    shutil.copytree(demo_dir, data)
    out = tmp_path / "stick"
    out.mkdir()
    monkeypatch.setenv("KEMENSOS_DESK_PASSWORD", PASSWORD)
    capsys.readouterr()
    real_fsync = os.fsync
    target_dir = os.path.realpath(out)

    def failing_fsync(fd):
        # Only the stick is full: the office store (and its audit log) keep working.
        if os.path.realpath(os.readlink(f"/proc/self/fd/{fd}")).startswith(target_dir + os.sep):
            raise OSError(FAILURES[words], os.strerror(FAILURES[words]))
        return real_fsync(fd)

    monkeypatch.setattr(os, "fsync", failing_fsync)
    code = main(["--data-dir", str(data), *WRITERS[writer](out)])
    err = capsys.readouterr().err
    assert code == 3, err
    assert str(out) in err and words in err, err
    assert "tak terduga" not in err and "--data-dir" not in err and "Folder data" not in err
    assert sorted(p.name for p in out.iterdir()) == [], "no temp or half file may stay on the stick"
