"""SPM application per year (Permendagri 59/2021 Pasal 24): the status of the four stages
(pengumpulan data … pelaksanaan; belum / sebagian / selesai, with a note) and the *rencana
aksi*, a document the office attaches or a list of actions with due dates.

The stages and statuses are named in the rules (``application_stages``, ``stage_statuses``);
both records travel in the sync bundle (registered kinds) and are printed in the quarterly report.
"""
from __future__ import annotations

import datetime as _dt
import hashlib
from pathlib import Path

from sqlalchemy import select

from kemensos_desk.core import formatting, rules
from kemensos_desk.core.errors import Refused
from kemensos_desk.store.models_spm_plan import SpmActionPlan, SpmStage
from kemensos_desk.services.auth import Actor
from kemensos_desk.services.dekon.files import copy_file
from kemensos_desk.services.workspace import Workspace

DOCUMENT_EXTENSIONS = (".pdf", ".docx", ".doc", ".xlsx", ".xls", ".odt", ".ods")
MAX_DOCUMENT_BYTES = 20 * 1024 * 1024
MAX_TEXT = 1000


@rules.cached
def stage_names() -> dict[str, str]:
    return {s["code"]: s["name"] for s in rules.reference("spm_services").get("application_stages", [])}


@rules.cached
def status_names() -> dict[str, str]:
    return {s["code"]: s["name"] for s in rules.reference("spm_services").get("stage_statuses", [])}


def _year(year: int) -> int:
    if not isinstance(year, int) or not 2018 <= year <= 2100:
        raise Refused("Tahun {year} tidak sah.", year=year)
    return year


def stages(session, year: int) -> list[dict]:
    """The four stages in order: ``{"stage", "name", "status", "status_name", "note"}`` (belum when unset)."""
    found = {s.stage: s for s in session.scalars(select(SpmStage).where(
        SpmStage.year == year, SpmStage.deleted_at.is_(None)))}
    statuses = status_names()
    out = []
    for code, name in stage_names().items():
        row = found.get(code)
        status = row.status if row else "belum"
        out.append({"stage": code, "name": name, "status": status, "status_name": statuses.get(status, status),
                    "note": row.note if row else None})
    return out


def set_stage(ws: Workspace, actor: Actor, year: int, stage: str, status: str, note: str | None = None) -> str:
    """Record a stage's status; returns new / updated / unchanged. A note given replaces the old one."""
    actor.require("data.edit")
    _year(year)
    if stage not in stage_names():
        raise Refused("Tahapan '{stage}' tidak dikenal; pilih: {codes}.", stage=stage, codes=", ".join(stage_names()))
    if status not in status_names():
        raise Refused("Status '{status}' tidak dikenal; pilih: {codes}.", status=status,
                      codes=", ".join(status_names()))
    note = (note or "").strip() or None
    if note and len(note) > MAX_TEXT:
        raise Refused("Catatan paling panjang {n} karakter.", n=MAX_TEXT)
    with ws.store.session(actor.username) as s:
        row = s.scalars(select(SpmStage).where(SpmStage.year == year, SpmStage.stage == stage,
                                               SpmStage.deleted_at.is_(None))).first()
        if row is None:
            s.add(SpmStage(year=year, stage=stage, status=status, note=note))
            return "new"
        if row.status == status and (note is None or row.note == note):
            return "unchanged"
        row.status = status
        row.note = note if note is not None else row.note
        return "updated"


def action_plan(session, year: int) -> dict:
    """``{"year", "documents": [{"id", "name", "size", "sha256", "path"}], "actions": [{"id", "action", "due"}]}``."""
    rows = list(session.scalars(select(SpmActionPlan).where(
        SpmActionPlan.year == year, SpmActionPlan.deleted_at.is_(None)).order_by(SpmActionPlan.id)))
    docs = [{"id": r.id, "name": r.original_name, "size": r.size, "sha256": r.sha256, "path": r.stored_path}
            for r in rows if r.kind == "document"]
    actions = sorted(({"id": r.id, "action": r.action, "due": r.due_date} for r in rows if r.kind == "action"),
                     key=lambda a: (a["due"] or _dt.date.max, a["id"]))
    return {"year": year, "documents": docs, "actions": actions}


def add_action(ws: Workspace, actor: Actor, year: int, action: str, due: _dt.date) -> int:
    actor.require("data.edit")
    _year(year)
    action = " ".join((action or "").split())
    if not action:
        raise Refused("Uraian aksi wajib diisi.")
    if len(action) > MAX_TEXT:
        raise Refused("Uraian aksi paling panjang {n} karakter.", n=MAX_TEXT)
    if not isinstance(due, _dt.date) or not year - 1 <= due.year <= year + 1:
        raise Refused("Tenggat aksi harus tanggal pada tahun {year} (atau tahun sebelum/sesudahnya).", year=year)
    with ws.store.session(actor.username) as s:
        row = SpmActionPlan(year=year, kind="action", action=action, due_date=due)
        s.add(row)
        s.flush()
        return row.id


def attach(ws: Workspace, actor: Actor, year: int, path) -> int:
    """Copy the rencana aksi document into ``attachments/spm/`` under its sha256 (it travels in the bundle)."""
    actor.require("data.edit")
    _year(year)
    src = Path(path)
    if not src.is_file():
        raise Refused("Berkas {path} tidak ditemukan.", path=str(src))
    ext = src.suffix.lower()
    if ext not in DOCUMENT_EXTENSIONS:
        raise Refused("Jenis berkas {ext} tidak diterima; pilih PDF, dokumen atau lembar kerja ({exts}).",
                      ext=ext or src.name, exts=", ".join(DOCUMENT_EXTENSIONS))
    size = src.stat().st_size  # bounded before reading
    if size > MAX_DOCUMENT_BYTES:
        raise Refused("Berkas {name} berukuran {size} MB, melebihi batas {limit} MB.", name=src.name,
                      size=formatting.angka(size / (1024 * 1024), 1), limit=MAX_DOCUMENT_BYTES // (1024 * 1024))
    if size == 0:
        raise Refused("Berkas {name} kosong.", name=src.name)
    h = hashlib.sha256()
    with open(src, "rb") as fh:
        for chunk in iter(lambda: fh.read(1 << 20), b""):
            h.update(chunk)
    digest = h.hexdigest()
    rel = Path("attachments") / "spm" / str(year) / f"{digest}{ext}"
    with ws.store.session(actor.username) as s:
        dest = ws.data_dir / rel
        if not dest.exists():
            copy_file(src, dest)
        row = SpmActionPlan(year=year, kind="document", original_name=src.name[:255], stored_path=rel.as_posix(),
                            sha256=digest, size=size)
        s.add(row)
        s.flush()
        return row.id
