"""Killing a writer at a chosen point (kill -9 of its own process), for the crash tests.

``python tests/fault/killing.py export DATA_DIR OUT_DIR POINT`` makes a bundle and dies
with SIGKILL right after ``POINT`` ("none": it does not die). The points are functions of
the writer, wrapped here, so the test needs no hook in the code it tests.
"""
from __future__ import annotations

import os
import signal
import sys
from pathlib import Path

TESTS = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(TESTS))

EXPORT_POINTS = ("reserve", "write", "verify", "record", "none")
IMPORT_POINTS = ("check", "records", "periods", "none")


def _die_after(module, name: str, nth: int = 1):
    real, calls = getattr(module, name), [0]

    def wrapper(*args, **kwargs):
        result = real(*args, **kwargs)
        calls[0] += 1
        if calls[0] >= nth:
            os.kill(os.getpid(), signal.SIGKILL)
        return result
    setattr(module, name, wrapper)


def export(data_dir: str, out_dir: str, point: str, nth: str = "1", part_bytes: str = "0") -> None:
    from kemensos_desk.services.sync import export as ex
    from kemensos_desk.services.sync import files
    from kemensos_desk.services.workspace import Workspace
    from test_sync_support import ADMIN

    target = {"reserve": (ex, "reserve_sequence"), "write": (files, "write_atomic"),
              "verify": (ex, "verify_written"), "record": (ex, "_record_items")}.get(point)
    if target:
        _die_after(*target, nth=int(nth))
    ws = Workspace.open(Path(data_dir))
    ex.export_bundle(ws, ADMIN, Path(out_dir), max_part_bytes=int(part_bytes) or None)
    ws.close()


def ministry_import(db: str, path: str, point: str) -> None:
    from kemensos_desk.ministry import bulk, importer
    from kemensos_desk.ministry import store as mstore

    target = {"check": (importer, "_check"), "records": (bulk, "write_records"),
              "periods": (importer, "_summaries")}.get(point)
    if target:
        _die_after(*target)
    store = mstore.open_store(db)
    importer.import_paths(store, [Path(path)])
    store.dispose()


if __name__ == "__main__":
    kind, *rest = sys.argv[1:]
    {"export": export, "import": ministry_import}[kind](*rest)
