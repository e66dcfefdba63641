"""Alembic migrations (scripts in ``db/migrations``), run at start-up after a backup.

Each feature module keeps its own branch of migrations that starts from the foundation
(``0001``), with a branch label of its name; the store is current when every head is
applied. So modules can add tables without waiting for each other.
"""
from __future__ import annotations

import ast
import contextlib
import datetime as _dt
import errno
import os
from functools import lru_cache
from pathlib import Path

from kemensos_desk.core.errors import EnvironmentProblem, write_failed
from kemensos_desk.core.locations import db_dir
from kemensos_desk.core.private_files import private_file
from kemensos_desk.store import release
from kemensos_desk.store.connect import connect, db_errors
from kemensos_desk.store.errors import environment_problem
from kemensos_desk.version import app_version


def _config(connection=None):
    from alembic.config import Config  # imported late: start-up only needs it when migrating

    cfg = Config()
    cfg.set_main_option("script_location", str(db_dir() / "migrations"))
    cfg.attributes["connection"] = connection
    return cfg


def _declared(path: Path) -> tuple[str | None, tuple[str, ...]]:
    """``revision`` and ``down_revision`` of one migration script, read without running it."""
    found: dict[str, object] = {}
    for node in ast.parse(path.read_text(encoding="utf-8")).body:
        target = value = None
        if isinstance(node, ast.Assign) and len(node.targets) == 1:
            target, value = node.targets[0], node.value
        elif isinstance(node, ast.AnnAssign) and node.value is not None:
            target, value = node.target, node.value
        if isinstance(target, ast.Name) and target.id in ("revision", "down_revision"):
            try:
                found[target.id] = ast.literal_eval(value)
            except ValueError:
                found[target.id] = None
    down = found.get("down_revision")
    downs = (down,) if isinstance(down, str) else tuple(down or ())
    rev = found.get("revision")
    return (rev if isinstance(rev, str) else None), downs


@lru_cache(maxsize=1)
def known_revisions() -> frozenset[str]:
    """Every revision this build has a script for (a store with any other is newer data)."""
    return frozenset(_revision_graph()[0])


@lru_cache(maxsize=1)
def _revision_graph() -> tuple[frozenset[str], frozenset[str]]:
    revisions, parents = set(), set()
    for path in sorted((db_dir() / "migrations" / "versions").glob("*.py")):
        rev, downs = _declared(path)
        if rev:
            revisions.add(rev)
            parents.update(downs)
    return frozenset(revisions), frozenset(parents)


@lru_cache(maxsize=1)
def head_revisions() -> frozenset[str]:
    """The newest revision of every branch.

    Read from the scripts' ``revision``/``down_revision`` lines rather than through
    Alembic, whose import costs a third of a second at every start; Alembic itself is
    loaded only when there is something to migrate (a test compares both answers).
    """
    revisions, parents = _revision_graph()
    return frozenset(revisions - parents)


def alembic_heads() -> frozenset[str]:
    from alembic.script import ScriptDirectory

    return frozenset(ScriptDirectory.from_config(_config()).get_heads())


def schema_version(revisions: frozenset[str] | None) -> str | None:
    """One printable version for ``info``: the heads, sorted, joined by '+'."""
    return "+".join(sorted(revisions)) if revisions else None


def current_revision(path: Path, key: bytes | None = None) -> frozenset[str] | None:
    """The schema versions stored in the file (under ``key`` when encrypted); None for an empty or new file."""
    return _stored_state(path, key)[0]


def _stored_state(path: Path, key: bytes | None = None) -> tuple[frozenset[str] | None, str | None]:
    """The schema versions and the app release recorded in the file (None, None when new)."""
    if not path.exists() or path.stat().st_size == 0:
        return None, None
    try:
        conn = connect(path, key, read_only=True)
        try:
            row = conn.execute(
                "SELECT name FROM sqlite_master WHERE type='table' AND name='alembic_version'"
            ).fetchone()
            if not row:
                return None, None
            versions = frozenset(r[0] for r in conn.execute("SELECT version_num FROM alembic_version"))
            return versions or None, release.stored_release(conn)
        finally:
            conn.close()
    except db_errors() as exc:
        raise (environment_problem(exc, str(path)) or EnvironmentProblem(
            "Basis data {where} tidak bisa dibaca: {error}", where=str(path), error=str(exc))) from exc


def backup_file(src: Path, dest: Path, key: bytes | None = None) -> Path:
    """Consistent copy through SQLite's backup API (safe while another connection writes).

    With ``key`` the store is read and the copy written under that key (SQLCipher's backup
    API copies between two databases under the same key), so the copy is never in clear.

    A full, read-only or missing target raises ``EnvironmentProblem`` naming ``dest`` and
    leaves neither the temp file nor its journal behind."""
    # A temporary name of our own: two programs backing up at once must not share it.
    tmp = dest.with_name(f"{dest.name}.{os.getpid()}.tmp")
    leftovers = [tmp, tmp.with_name(tmp.name + "-journal"), tmp.with_name(tmp.name + "-wal"),
                 tmp.with_name(tmp.name + "-shm")]
    try:
        dest.parent.mkdir(parents=True, exist_ok=True)
        tmp.unlink(missing_ok=True)
        private_file(tmp)  # a backup holds the same personal data as the store: 0600 from birth
        source = connect(src, key)
        try:
            target = connect(tmp, key)
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
    except BaseException as exc:
        for path in leftovers:
            with contextlib.suppress(OSError):
                path.unlink(missing_ok=True)
        target_problem = _target_problem(exc)
        if target_problem is not None:
            raise write_failed(dest, target_problem) from exc
        raise
    return dest


def _target_problem(exc: BaseException) -> OSError | None:
    """The writing side's failure as an OSError (sqlite3 words it in text), or None."""
    if isinstance(exc, OSError):
        return exc
    if isinstance(exc, db_errors("OperationalError")):
        text = str(exc).lower()
        for words, code in (("disk is full", errno.ENOSPC), ("readonly", errno.EROFS),
                            ("unable to open", errno.EACCES), ("disk i/o", errno.EIO)):
            if words in text:
                return OSError(code, os.strerror(code))
    return None


def _free_name(folder: Path, stem: str) -> Path:
    """``stem.sqlite``, or ``stem-2.sqlite`` ... when a backup of the same second exists."""
    path, n = folder / f"{stem}.sqlite", 1
    while path.exists():
        n += 1
        path = folder / f"{stem}-{n}.sqlite"
    return path


@contextlib.contextmanager
def _migration_lock(path: Path):
    """Only one program migrates a store at a time (two windows opened together, a script
    running beside the GUI); the others wait, then find the schema already current.

    The lock file is removed when the migration ends, so no ``.migrasi.lock`` stays beside
    the store. It is removed while still held; a program that was waiting on it then finds
    its file gone and locks the new one instead (the usual flock-and-unlink pattern)."""
    if os.name == "nt":  # pragma: no cover - Windows: an open file cannot be removed
        import msvcrt

        with open(path, "a+b") as fh:
            fh.seek(0)
            while True:
                try:
                    msvcrt.locking(fh.fileno(), msvcrt.LK_LOCK, 1)
                    break
                except OSError:
                    continue
            try:
                yield
            finally:
                fh.seek(0)
                msvcrt.locking(fh.fileno(), msvcrt.LK_UNLCK, 1)
        with contextlib.suppress(OSError):
            path.unlink()
        return
    import fcntl

    while True:
        fh = open(path, "a+b")
        fcntl.flock(fh.fileno(), fcntl.LOCK_EX)
        try:
            same = os.stat(path).st_ino == os.fstat(fh.fileno()).st_ino
        except FileNotFoundError:
            same = False
        if same:
            break
        fh.close()  # the holder removed this file: lock the one now at ``path``
    try:
        yield
    finally:
        with contextlib.suppress(OSError):
            path.unlink()
        fcntl.flock(fh.fileno(), fcntl.LOCK_UN)
        fh.close()


def upgrade(store, backup_dir: Path) -> Path | None:
    """Bring the store to the newest schema; back the file up first if it holds data.

    Returns the backup's path (None when nothing had to be migrated or the file was new).
    Data written by a newer release is refused (EnvironmentProblem) before anything is
    written; after migrating, the store records this build's release.
    """
    key = getattr(store, "key", None)
    if _stored_state(store.path, key) == (head_revisions(), app_version()):
        return None
    try:
        with _migration_lock(store.path.with_name(store.path.name + ".migrasi.lock")):
            # another program may have migrated meanwhile
            current, stored = _stored_state(store.path, key)
            release.refuse_newer(str(store.path), stored, current, known_revisions())
            backup = None
            if current != head_revisions():
                if current is not None:
                    stamp = _dt.datetime.now().strftime("%Y%m%d-%H%M%S")
                    backup = backup_file(store.path, _free_name(backup_dir, f"sebelum-migrasi-{stamp}"), key)
                from alembic import command

                with store.engine.begin() as conn:
                    command.upgrade(_config(conn), "heads")
            release.record(store.path, key)
    except EnvironmentProblem:
        raise
    except Exception as exc:
        problem = environment_problem(exc, str(store.path))
        if problem:
            raise problem from exc
        raise
    return backup
