"""``info``, ``check``, ``backup`` and ``restore``: keeping the office's file healthy."""
from __future__ import annotations

import os
import shutil
import uuid
from pathlib import Path

from sqlalchemy import select

from kemensos_desk.core import regions
from kemensos_desk.core.errors import AccessDenied, EnvironmentProblem, Refused, write_failed
from kemensos_desk.core.i18n import Message
from kemensos_desk.core.private_files import private_file
from kemensos_desk.store import migrations, release
from kemensos_desk.store.audit import log_event
from kemensos_desk.store.connect import connect, db_errors
from kemensos_desk.store.database import Store
from kemensos_desk.store.errors import environment_problem
from kemensos_desk.store.models import Office, User
from kemensos_desk.services import records
from kemensos_desk.services.auth import Actor, roles
from kemensos_desk.services.workspace import Workspace, put_setting


def info(ws: Workspace) -> dict:
    office = ws.office()
    with ws.store.session() as s:
        counts = records.counts(s)
    return {
        "office_name": office.name if office else None,
        "level": office.level if office else None,
        "region_code": office.region_code if office else None,
        "region_name": office.region_name if office else None,
        "is_demo": bool(office and office.is_demo),
        "schema_version": migrations.schema_version(migrations.current_revision(ws.store.path, ws.store.key)),
        "device_id": ws.setting("device_id"),
        "data_dir": str(ws.data_dir),
        "counts": counts,
    }


def check(ws: Workspace) -> list[Message]:
    """SQLite's own integrity check plus the app's consistency rules; [] when healthy."""
    found: list[Message] = []
    conn = ws.store.raw()
    try:
        for (line,) in conn.execute("PRAGMA integrity_check"):
            if line != "ok":
                found.append(Message("Integritas SQLite: {line}", line=line))
        for row in conn.execute("PRAGMA foreign_key_check"):
            found.append(Message("Rujukan rusak di tabel {table} (baris {rowid}).", table=row[0], rowid=row[1]))
    except db_errors("DatabaseError") as exc:
        raise (environment_problem(exc, str(ws.store.path)) or EnvironmentProblem(str(exc))) from exc
    finally:
        conn.close()
    if migrations.current_revision(ws.store.path, ws.store.key) != migrations.head_revisions():
        found.append(Message("Versi skema basis data bukan yang terbaru."))
    with ws.store.session() as s:
        offices = s.scalars(select(Office).where(Office.deleted_at.is_(None))).all()
        if len(offices) != 1:
            found.append(Message("Harus ada tepat satu kantor, ditemukan {n}.", n=len(offices)))
        for office in offices:
            try:
                region = regions.office_region(office.level, office.region_code)
                if region.name != office.region_name:
                    found.append(Message("Nama wilayah kantor ({stored}) tidak sama dengan daftar Kemendagri ({name}).",
                                         stored=office.region_name, name=region.name))
            except Refused as exc:
                found.append(exc.message)
        users = s.scalars(select(User)).all()
        if not any(u.role == "administrator" and u.active for u in users):
            found.append(Message("Tidak ada administrator aktif."))
        for u in users:
            if u.role not in roles():
                found.append(Message("Pengguna {user} mempunyai peran tidak dikenal: {role}.", user=u.username, role=u.role))
            if not u.password_hash.startswith("scrypt$"):
                found.append(Message("Kata sandi pengguna {user} tidak tersimpan dengan aman.", user=u.username))
    if offices and not ws.setting("device_id"):
        found.append(Message("ID perangkat belum ada."))
    return found


def _fsync_dir(path: Path) -> None:
    try:
        fd = os.open(path, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError:
        pass
    finally:
        os.close(fd)


def backup(ws: Workspace, actor: Actor | None, out: Path) -> Path:
    """A consistent copy made with SQLite's backup API, written to a temporary name first."""
    if actor is not None:
        actor.require("backup")
    out = Path(out)
    try:
        migrations.backup_file(ws.store.path, out, ws.store.key)
        _fsync_dir(out.parent)
    except OSError as exc:  # the target's own failures are worded by backup_file
        raise write_failed(out, exc) from exc
    except db_errors() as exc:  # reading the office store itself went wrong
        raise (environment_problem(exc, str(ws.store.path)) or EnvironmentProblem(
            "Cadangan tidak dapat dibuat dari {where}: {error}", where=str(ws.store.path), error=str(exc))) from exc
    with ws.store.session(actor.username if actor else None) as s:
        log_event(s, "backup", f"Cadangan dibuat: {out}")
    return out


def inspect_backup(path: Path, key: bytes | None = None) -> dict:
    """Check a file offered for restore (under ``key`` when backups are encrypted); Refused
    with the reason if it is not a usable backup."""
    path = Path(path)
    if not path.is_file():
        raise Refused("Berkas {path} tidak ada.", path=str(path))
    try:
        conn = connect(path, key, read_only=True)
        try:
            result = conn.execute("PRAGMA integrity_check").fetchone()[0]
            if result != "ok":
                raise Refused("Berkas {path} rusak: {detail}", path=str(path), detail=result)
            tables = {r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type='table'")}
            if not {"office", "alembic_version", "user_account"} <= tables:
                raise Refused("Berkas {path} bukan cadangan Kemensos Desk.", path=str(path))
            office = conn.execute("SELECT name, region_code FROM office WHERE deleted_at IS NULL").fetchone()
            versions = frozenset(r[0] for r in conn.execute("SELECT version_num FROM alembic_version"))
            written_by = release.stored_release(conn)
        finally:
            conn.close()
    except db_errors("DatabaseError"):
        raise Refused("Berkas {path} bukan basis data SQLite yang utuh.", path=str(path)) from None
    except EnvironmentProblem as exc:  # a backup under another key (or none): not ours to open
        raise Refused(exc.message.text, **exc.message.params) from None
    try:  # a backup made by a newer release: restoring it here would damage it
        release.refuse_newer(str(path), written_by, versions, migrations.known_revisions())
    except EnvironmentProblem as exc:
        raise Refused(exc.message.text, **exc.message.params) from None
    if office is None:
        raise Refused("Cadangan {path} tidak berisi data kantor.", path=str(path))
    return {"office_name": office[0], "region_code": office[1], "schema_version": migrations.schema_version(versions)}


def restore(ws: Workspace, actor: Actor | None, path: Path) -> tuple["Workspace", Path]:
    """Replace the store with ``path`` after backing up the current one.

    The restored installation gets a new device id, so the ministry never takes it for
    the old one continuing its sequence. Returns the reopened workspace and the backup
    of what was replaced. ``actor`` may be None only on a data directory that holds no
    office yet (a new laptop after the old one was lost): there is nothing to protect.
    """
    if actor is None:
        if ws.is_initialised():
            raise AccessDenied("Pemulihan memerlukan administrator: sebutkan --user.")
    else:
        actor.require("restore")
    found = inspect_backup(path, ws.store.key)
    current = ws.office()
    if current is not None and current.region_code != found["region_code"]:
        raise Refused("Cadangan ini milik wilayah {other}, bukan {mine}.", other=found["region_code"],
                      mine=current.region_code)
    from kemensos_desk.store.base import utcnow

    stamp = utcnow().strftime("%Y%m%d-%H%M%S")
    safety = migrations.backup_file(ws.store.path, ws.backups_dir / f"sebelum-pemulihan-{stamp}.sqlite", ws.store.key)
    data_dir = ws.data_dir
    store_path, key = ws.store.path, ws.store.key
    ws.close()
    tmp = store_path.with_name(store_path.name + ".pulih")
    try:
        private_file(tmp)  # owner-only before a byte of the backup is copied in
        shutil.copyfile(path, tmp)
        with open(tmp, "rb+") as fh:
            os.fsync(fh.fileno())
        for suffix in ("-wal", "-shm"):
            Path(str(store_path) + suffix).unlink(missing_ok=True)
        tmp.replace(store_path)
        _fsync_dir(store_path.parent)
    except OSError as exc:
        raise (environment_problem(exc, str(data_dir)) or EnvironmentProblem(str(exc))) from exc
    restored = Workspace.open(data_dir, key)
    with restored.store.session(actor.username if actor else None) as s:
        put_setting(s, "device_id", str(uuid.uuid4()))
        log_event(s, "restore", f"Dipulihkan dari {path}; data sebelumnya dicadangkan di {safety}")
    return restored, safety


__all__ = ["info", "check", "backup", "inspect_backup", "restore", "Store"]
