"""What happened around an RO in a month: problems and their follow-ups, participants."""
from __future__ import annotations

import datetime as _dt

from sqlalchemy import select

from kemensos_desk.core import nik as nik_rules
from kemensos_desk.core import regions
from kemensos_desk.core.errors import Refused
from kemensos_desk.store.base import utcnow
from kemensos_desk.store.models_dekon import DekonAllocation, DekonFollowUp, DekonParticipant, DekonProblem
from kemensos_desk.services.auth import Actor
from kemensos_desk.services.dekon import common, reference
from kemensos_desk.services.workspace import Workspace


def _open_month(s, year: int, ro_code: str, month: int, today: _dt.date | None) -> DekonAllocation:
    row = common.allocation(s, year, ro_code)
    common.check_month(year, month, today)
    common.ensure_open(s, year, month)
    return row


def add_problem(ws: Workspace, actor: Actor, year: int, ro_code: str, month: int, description: str,
                status: str = "terbuka", today: _dt.date | None = None, follow_up: str | None = None) -> int:
    """A problem, and optionally its first follow-up (planned), in one transaction."""
    actor.require("data.edit")
    if not (description or "").strip():
        raise Refused("Uraian permasalahan wajib diisi.")
    if status not in reference.problem_statuses():
        raise Refused("Status permasalahan '{status}' tidak dikenal.", status=status)
    with ws.store.session(actor.username) as s:
        row = _open_month(s, year, ro_code, month, today)
        p = DekonProblem(allocation_id=row.id, month=month, description=description.strip(), status=status)
        s.add(p)
        s.flush()
        if (follow_up or "").strip():
            s.add(DekonFollowUp(problem_id=p.id, month=month, action=follow_up.strip(), status="rencana"))
        return p.id


def _problem(s, problem_id: int) -> tuple[DekonProblem, DekonAllocation]:
    p = s.get(DekonProblem, problem_id)
    if p is None or p.deleted_at is not None:
        raise Refused("Permasalahan {id} tidak ditemukan.", id=problem_id)
    return p, s.get(DekonAllocation, p.allocation_id)


def add_follow_up(ws: Workspace, actor: Actor, problem_id: int, month: int, action: str, status: str = "rencana",
                  problem_status: str | None = None, today: _dt.date | None = None) -> int:
    """A *tindak lanjut*; ``problem_status`` moves the problem on at the same time (e.g. selesai)."""
    actor.require("data.edit")
    if not (action or "").strip():
        raise Refused("Uraian tindak lanjut wajib diisi.")
    if status not in reference.follow_up_statuses():
        raise Refused("Status tindak lanjut '{status}' tidak dikenal.", status=status)
    if problem_status is not None and problem_status not in reference.problem_statuses():
        raise Refused("Status permasalahan '{status}' tidak dikenal.", status=problem_status)
    with ws.store.session(actor.username) as s:
        p, alloc = _problem(s, problem_id)
        _open_month(s, alloc.year, alloc.ro_code, month, today)
        f = DekonFollowUp(problem_id=p.id, month=month, action=action.strip(), status=status)
        s.add(f)
        if problem_status:
            p.status = problem_status
        s.flush()
        return f.id


def problems(ws: Workspace, year: int, upto_month: int = 12) -> list[dict]:
    """Problems of the year to a month, with their follow-ups, in RO order."""
    with ws.store.session() as s:
        q = (select(DekonProblem, DekonAllocation.ro_code).join(DekonAllocation, DekonAllocation.id == DekonProblem.allocation_id)
             .where(DekonAllocation.year == year, DekonAllocation.deleted_at.is_(None),
                    DekonProblem.deleted_at.is_(None), DekonProblem.month <= upto_month)
             .order_by(DekonAllocation.ro_code, DekonProblem.month, DekonProblem.id))
        out = []
        for p, ro in s.execute(q):
            fus = s.scalars(select(DekonFollowUp).where(DekonFollowUp.problem_id == p.id, DekonFollowUp.deleted_at.is_(None),
                                                        DekonFollowUp.month <= upto_month).order_by(DekonFollowUp.id))
            out.append({"id": p.id, "ro": ro, "month": p.month, "description": p.description, "status": p.status,
                        "follow_ups": [{"month": f.month, "action": f.action, "status": f.status} for f in fus]})
        return out


def add_participant(ws: Workspace, actor: Actor, year: int, ro_code: str, month: int, name: str, nik: str,
                    psks_category: str, kecamatan_code: str | None = None, today: _dt.date | None = None) -> None:
    actor.require("data.edit")
    if not (name or "").strip():
        raise Refused("Nama peserta wajib diisi.")
    if psks_category not in reference.psks_categories():
        raise Refused("Kategori PSKS '{cat}' tidak dikenal; pilih salah satu: {cats}.", cat=psks_category,
                      cats=", ".join(reference.psks_categories()))
    check = nik_rules.check_nik(nik, today=today)
    if not check.ok:
        raise Refused("NIK {nik} tidak sah: {reason}", nik=nik, reason=str(check.errors[0]))
    kec = None
    if kecamatan_code:
        reg = regions.get(kecamatan_code)
        if reg is None or reg.level != "kecamatan":
            raise Refused("Kode kecamatan '{code}' tidak ada dalam daftar Kemendagri.", code=kecamatan_code)
        kec = reg.code
    with ws.store.session(actor.username) as s:
        row = _open_month(s, year, ro_code, month, today)
        dup = s.scalars(select(DekonParticipant).where(
            DekonParticipant.allocation_id == row.id, DekonParticipant.month == month,
            DekonParticipant.nik == check.nik, DekonParticipant.deleted_at.is_(None))).first()
        if dup is not None:
            raise Refused("NIK {nik} sudah tercatat sebagai peserta ({name}).", nik=check.nik, name=dup.name)
        s.add(DekonParticipant(allocation_id=row.id, month=month, name=name.strip(), nik=check.nik,
                               psks_category=psks_category, kecamatan_code=kec))


def participants(ws: Workspace, year: int, ro_code: str) -> list[dict]:
    with ws.store.session() as s:
        row = common.allocation(s, year, ro_code)
        rows = s.scalars(select(DekonParticipant).where(DekonParticipant.allocation_id == row.id,
                                                        DekonParticipant.deleted_at.is_(None))
                         .order_by(DekonParticipant.month, DekonParticipant.name))
        return [{"month": p.month, "name": p.name, "nik": p.nik, "psks_category": p.psks_category,
                 "kecamatan_code": p.kecamatan_code} for p in rows]


def participants_of_month(ws: Workspace, year: int, ro_code: str, month: int) -> list[dict]:
    """The participants of one RO's activity in one month, with their ids (for removal)."""
    with ws.store.session() as s:
        row = common.allocation(s, year, ro_code)
        rows = s.scalars(select(DekonParticipant).where(
            DekonParticipant.allocation_id == row.id, DekonParticipant.month == month,
            DekonParticipant.deleted_at.is_(None)).order_by(DekonParticipant.name))
        return [{"id": p.id, "month": p.month, "name": p.name, "nik": p.nik, "psks_category": p.psks_category,
                 "kecamatan_code": p.kecamatan_code} for p in rows]


def remove_participant(ws: Workspace, actor: Actor, participant_id: int, today: _dt.date | None = None) -> None:
    """Tombstone a participant; refused when the month's quarter is approved."""
    actor.require("data.edit")
    with ws.store.session(actor.username) as s:
        p = s.get(DekonParticipant, participant_id)
        if p is None or p.deleted_at is not None:
            raise Refused("Peserta {id} tidak ditemukan.", id=participant_id)
        alloc = s.get(DekonAllocation, p.allocation_id)
        common.ensure_open(s, alloc.year, p.month)
        p.deleted_at = utcnow()


def kecamatan_choices(ws: Workspace) -> list[tuple[str, str]]:
    """(code, name) of every kecamatan in the office's region, for the participant form."""
    with ws.store.session() as s:
        office = common.office(s)
        level, code = office.level, office.region_code
    kabs = regions.kabkota(code) if level == "provinsi" else [regions.get(code)]
    out = []
    for kab in kabs:
        if kab is None:
            continue
        out.extend((k.code, f"{k.name} – {kab.short_name}") for k in regions.kecamatan(kab.code))
    return out
