"""Which app release last wrote a store, and refusing data written by a newer one.

An older build must never run its migrations or its writes over a store that a newer
release has changed: it would not know the newer tables and might damage them. Two signs
of newer data are checked before anything is written: a schema revision this build does
not know (any release that changed the schema), and the ``app_release`` row (any release
at all, from 0.2.0 on). Read and written with ``sqlite3`` alone: start-up runs it.
"""
from __future__ import annotations

import datetime as _dt
import sqlite3
from pathlib import Path

from kemensos_desk.core.errors import EnvironmentProblem
from kemensos_desk.version import app_version, release_tuple

TABLE = "app_release"


def stored_release(conn: sqlite3.Connection) -> str | None:
    """The release recorded in the store, None before 0.2.0 (no table) or on a new file."""
    if not conn.execute("SELECT 1 FROM sqlite_master WHERE type='table' AND name=?", (TABLE,)).fetchone():
        return None
    row = conn.execute(f"SELECT release FROM {TABLE} WHERE id = 1").fetchone()
    return row[0] if row else None


def refuse_newer(where: str, stored: str | None, revisions: frozenset[str] | None,
                 known_revisions: frozenset[str]) -> None:
    """EnvironmentProblem (exit 3) when the data comes from a newer release than this build."""
    ours = app_version()
    if stored and release_tuple(stored) > release_tuple(ours):
        raise EnvironmentProblem(
            "Data di {where} ditulis oleh Kemensos Desk versi {stored}, lebih baru daripada aplikasi ini "
            "(versi {ours}). Data tidak diubah. Pasang Kemensos Desk versi {stored} atau yang lebih baru "
            "untuk membukanya.", where=where, stored=stored, ours=ours)
    unknown = sorted((revisions or frozenset()) - known_revisions)
    if unknown:
        raise EnvironmentProblem(
            "Data di {where} ditulis oleh Kemensos Desk yang lebih baru daripada aplikasi ini (versi {ours}; "
            "skema {schema} tidak dikenal). Data tidak diubah. Pasang versi terbaru untuk membukanya.",
            where=where, ours=ours, schema=", ".join(unknown))


def record(path: Path, key: bytes | None = None) -> None:
    """Write this build's release into the store when it is newer than the one recorded."""
    from kemensos_desk.store.connect import connect

    ours = app_version()
    conn = connect(path, key, timeout=5)
    try:
        if stored_release(conn) == ours or not conn.execute(
                "SELECT 1 FROM sqlite_master WHERE type='table' AND name=?", (TABLE,)).fetchone():
            return
        stamp = _dt.datetime.now(_dt.timezone.utc).isoformat(timespec="seconds")
        with conn:  # one transaction
            conn.execute(f"INSERT INTO {TABLE} (id, release, written_at) VALUES (1, ?, ?) "
                         "ON CONFLICT(id) DO UPDATE SET release = excluded.release, written_at = excluded.written_at",
                         (ours, stamp))
    finally:
        conn.close()
