"""Documentation of an activity (photos, scanned PDFs), copied into ``attachments/`` of the
data directory under its sha256, so the file travels with backups and is never renamed away.
"""
from __future__ import annotations

import datetime as _dt
import hashlib
from pathlib import Path

from sqlalchemy import select

from kemensos_desk.core import formatting
from kemensos_desk.core.errors import Refused
from kemensos_desk.store.base import utcnow
from kemensos_desk.store.models_dekon import DekonAllocation, DekonAttachment
from kemensos_desk.services.auth import Actor
from kemensos_desk.services.dekon import common, reference
from kemensos_desk.services.dekon.files import copy_file
from kemensos_desk.services.workspace import Workspace


def _sha256(path: Path) -> str:
    h = hashlib.sha256()
    with open(path, "rb") as fh:
        for chunk in iter(lambda: fh.read(1 << 20), b""):
            h.update(chunk)
    return h.hexdigest()


def add(ws: Workspace, actor: Actor, year: int, ro_code: str, month: int, path, caption: str | None = None,
        today: _dt.date | None = None) -> DekonAttachment:
    actor.require("data.edit")
    src = Path(path)
    if not src.is_file():
        raise Refused("Berkas {path} tidak ditemukan.", path=str(src))
    ext = src.suffix.lower()
    if ext not in reference.attachment_extensions():
        raise Refused("Jenis berkas {ext} tidak diterima; pilih foto (JPG, PNG) atau PDF.", ext=ext or src.name)
    size = src.stat().st_size
    limit = reference.attachment_limit_bytes()
    if size > limit:
        raise Refused("Berkas {name} berukuran {size} MB, melebihi batas {limit} MB.", name=src.name,
                      size=formatting.angka(size / (1024 * 1024), 1), limit=limit // (1024 * 1024))
    digest = _sha256(src)
    rel = Path("attachments") / str(year) / f"{digest}{ext}"
    with ws.store.session(actor.username) as s:
        row = common.allocation(s, year, ro_code)
        common.check_month(year, month, today)
        common.ensure_open(s, year, month)
        dest = ws.data_dir / rel
        if not dest.exists():
            copy_file(src, dest)
        att = DekonAttachment(allocation_id=row.id, month=month, original_name=src.name, stored_path=rel.as_posix(),
                              sha256=digest, size=size, caption=caption)
        s.add(att)
    return att


def list_for(ws: Workspace, year: int, ro_code: str, month: int | None = None) -> list[dict]:
    """The documentation of an RO (of one month if given), newest first, with absolute paths."""
    with ws.store.session() as s:
        row = common.allocation(s, year, ro_code)
        q = select(DekonAttachment).where(DekonAttachment.allocation_id == row.id, DekonAttachment.deleted_at.is_(None))
        if month is not None:
            q = q.where(DekonAttachment.month == month)
        return [{"id": a.id, "month": a.month, "name": a.original_name, "size": a.size, "caption": a.caption,
                 "sha256": a.sha256, "added_at": a.created_at, "path": ws.data_dir / a.stored_path}
                for a in s.scalars(q.order_by(DekonAttachment.created_at.desc(), DekonAttachment.id.desc()))]


def remove(ws: Workspace, actor: Actor, attachment_id: int) -> None:
    """Tombstone an attachment; the stored file stays (another record or a backup may share it)."""
    actor.require("data.edit")
    with ws.store.session(actor.username) as s:
        att = s.get(DekonAttachment, attachment_id)
        if att is None or att.deleted_at is not None:
            raise Refused("Dokumentasi {id} tidak ditemukan.", id=attachment_id)
        alloc = s.get(DekonAllocation, att.allocation_id)
        common.ensure_open(s, alloc.year, att.month)
        att.deleted_at = utcnow()
