"""Full and read-only targets, by an injected ``OSError`` (no tmpfs needed): the sync and
ministry writers name the target they could not write, exit 3, leave no temporary or
half file, and the office can export again afterwards with nothing lost."""
from __future__ import annotations

import builtins
import errno
import json
import os
import random
from pathlib import Path

import pytest

from conftest import scale
from kemensos_desk.cli.main import main
from kemensos_desk.ministry import importer
from test_sync_support import PASSWORD, make_office, ministry_for

FAULTS = {"penuh": errno.ENOSPC, "hanya-baca": errno.EROFS, "izin": errno.EACCES}


class Injected:
    """Makes the n-th file write under ``target`` fail: at open (read-only, no permission)
    or at fsync (a full stick that accepted the bytes into its cache)."""

    def __init__(self, monkeypatch, target: Path, code: int, nth: int):
        self.target, self.code, self.nth, self.opened = str(target), code, nth, 0
        real_open, real_fsync = builtins.open, os.fsync
        doomed: set[int] = set()

        def fake_open(file, mode="r", *args, **kwargs):
            if "w" in str(mode) and str(file).startswith(self.target):
                self.opened += 1
                if self.opened >= self.nth:
                    if self.code != errno.ENOSPC:
                        raise OSError(self.code, os.strerror(self.code), str(file))
                    fh = real_open(file, mode, *args, **kwargs)
                    doomed.add(fh.fileno())
                    return fh
            return real_open(file, mode, *args, **kwargs)

        def fake_fsync(fd):
            if fd in doomed:
                doomed.discard(fd)
                raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))
            return real_fsync(fd)

        monkeypatch.setattr(builtins, "open", fake_open)
        monkeypatch.setattr(os, "fsync", fake_fsync)


def _run(capsys, *argv):
    code = main([str(a) for a in argv])
    out = capsys.readouterr()
    return code, out.out, out.err


def _left(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.rglob("*") if p.is_file()) if folder.exists() else []


def test_sync_and_ministry_writers_on_full_and_read_only_targets(tmp_path, capsys, monkeypatch, results):
    monkeypatch.setenv("KEMENSOS_DESK_PASSWORD", PASSWORD)
    make_office(tmp_path / "kantor").close()
    office = ["--data-dir", tmp_path / "kantor", "--user", "admin"]
    db = tmp_path / "kementerian.sqlite"
    ministry_for(str(db)).dispose()
    assert _run(capsys, *office, "sync", "export", "--out", tmp_path / "awal")[0] == 0
    assert _run(capsys, "ministry", "import", "--db", db, tmp_path / "awal")[0] == 0
    rng = random.Random(9)
    writers = {
        "sync export": lambda t: (*office, "sync", "export", "--out", t, "--max-part-mb", "0.001"),
        "sync office-key": lambda t: (*office, "sync", "office-key", "--out", t / "kantor.pub"),
        "ministry enrol": lambda t: ("ministry", "enrol", "--db", db, "--office", "32.11", "--out", t / "x.kdenrol"),
        "ministry receipts": lambda t: ("ministry", "receipts", "--db", db, "--out", t),
    }
    trials = scale(1, 60)
    crashes = partial = 0
    for i in range(trials):
        for name, argv in writers.items():
            for fault, code in FAULTS.items():
                target = tmp_path / f"{name.replace(' ', '-')}-{fault}-{i}"
                target.mkdir()
                nth = 1 if i == 0 else rng.randint(1, 3)
                with monkeypatch.context() as m:
                    Injected(m, target, code, nth)
                    rc, _out, err = _run(capsys, *argv(target))
                left = _left(target)
                if rc == 0 and nth > 1:
                    continue  # fewer files than the fault's turn: written whole
                if rc != 3 or str(target) not in err or "Traceback" in err:
                    crashes += 1
                if any(n.endswith(".tmp") for n in left) or (name == "sync export" and left):
                    partial += 1
    # after all that the office still exports, and the ministry imports everything: no number reused
    assert _run(capsys, *office, "sync", "export", "--out", tmp_path / "akhir")[0] == 0
    store = ministry_for(str(db))
    try:
        outs = importer.import_paths(store, [tmp_path / "akhir"])
    finally:
        store.dispose()
    results("disk penuh / hanya-baca (OSError disuntikkan)", trials=trials * len(writers) * len(FAULTS),
            crashes=crashes, partial=partial + sum(o.status != "imported" for o in outs))
    assert crashes == 0 and partial == 0 and [o.status for o in outs] == ["imported"]
