"""Alembic migrations (scripts in ``db/migrations``), run at start-up after a backup.

Each feature module keeps its own branch of migrations that starts from the foundation
(``0001``), with a branch label of its name; the store is current when every head is
applied. So modules can add tables without waiting for each other.
"""
from __future__ import annotations

import datetime as _dt
import os
import sqlite3
from pathlib import Path

from kemensos_desk.core.errors import EnvironmentProblem
from kemensos_desk.core.locations import db_dir
from kemensos_desk.store.errors import environment_problem


def _config(connection=None):
    from alembic.config import Config  # imported late: start-up only needs it when migrating

    cfg = Config()
    cfg.set_main_option("script_location", str(db_dir() / "migrations"))
    cfg.attributes["connection"] = connection
    return cfg


def head_revisions() -> frozenset[str]:
    from alembic.script import ScriptDirectory

    return frozenset(ScriptDirectory.from_config(_config()).get_heads())


def schema_version(revisions: frozenset[str] | None) -> str | None:
    """One printable version for ``info``: the heads, sorted, joined by '+'."""
    return "+".join(sorted(revisions)) if revisions else None


def current_revision(path: Path) -> frozenset[str] | None:
    """The schema versions stored in the file; None for an empty or new file."""
    if not path.exists() or path.stat().st_size == 0:
        return None
    try:
        conn = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
        try:
            row = conn.execute(
                "SELECT name FROM sqlite_master WHERE type='table' AND name='alembic_version'"
            ).fetchone()
            if not row:
                return None
            versions = frozenset(r[0] for r in conn.execute("SELECT version_num FROM alembic_version"))
            return versions or None
        finally:
            conn.close()
    except sqlite3.Error as exc:
        raise (environment_problem(exc, str(path)) or EnvironmentProblem(
            "Basis data {where} tidak bisa dibaca: {error}", where=str(path), error=str(exc))) from exc


def backup_file(src: Path, dest: Path) -> Path:
    """Consistent copy through SQLite's backup API (safe while another connection writes)."""
    dest.parent.mkdir(parents=True, exist_ok=True)
    tmp = dest.with_name(dest.name + ".tmp")
    source = sqlite3.connect(src)
    try:
        target = sqlite3.connect(tmp)
        try:
            source.backup(target)
            target.execute("PRAGMA journal_mode=DELETE")
        finally:
            target.close()
    finally:
        source.close()
    with open(tmp, "rb+") as fh:
        os.fsync(fh.fileno())
    tmp.replace(dest)
    return dest


def upgrade(store, backup_dir: Path) -> Path | None:
    """Bring the store to the newest schema; back the file up first if it holds data.

    Returns the backup's path (None when nothing had to be migrated or the file was new).
    """
    current = current_revision(store.path)
    if current == head_revisions():
        return None
    backup = None
    if current is not None:
        stamp = _dt.datetime.now().strftime("%Y%m%d-%H%M%S")
        backup = backup_file(store.path, backup_dir / f"sebelum-migrasi-{stamp}.sqlite")
    from alembic import command

    try:
        with store.engine.begin() as conn:
            command.upgrade(_config(conn), "heads")
    except Exception as exc:
        problem = environment_problem(exc, str(store.path))
        if problem:
            raise problem from exc
        raise
    return backup
