"""Quarter approval: the verifikator approves a dekon quarter and its months are locked; an
administrator may reopen it with a reason. Both are audit events.
"""
from __future__ import annotations

import datetime as _dt

from sqlalchemy import select

from kemensos_desk.core import formatting
from kemensos_desk.core.errors import Refused
from kemensos_desk.store.audit import log_event
from kemensos_desk.store.base import utcnow
from kemensos_desk.store.models_dekon import DekonQuarterApproval
from kemensos_desk.services.auth import Actor
from kemensos_desk.services.dekon import common
from kemensos_desk.services.workspace import Workspace


def _row(s, year: int, quarter: int) -> DekonQuarterApproval | None:
    return s.scalars(select(DekonQuarterApproval).where(
        DekonQuarterApproval.year == year, DekonQuarterApproval.quarter == quarter,
        DekonQuarterApproval.deleted_at.is_(None))).first()


def _check(year: int, quarter: int, today: _dt.date | None) -> None:
    common.check_year(year)
    if quarter not in (1, 2, 3, 4):
        raise Refused("Triwulan harus 1, 2, 3 atau 4.")
    if _dt.date(year, quarter * 3 - 2, 1) > (today or _dt.date.today()):
        raise Refused("{quarter} {year} belum berjalan; belum dapat disetujui.",
                      quarter=formatting.nama_triwulan(quarter), year=year)


def approve_in(s, username: str, year: int, quarter: int) -> DekonQuarterApproval:
    row = _row(s, year, quarter)
    if row is not None and row.status == "approved":
        raise Refused("{quarter} {year} sudah disetujui oleh {user}.", quarter=formatting.nama_triwulan(quarter),
                      year=year, user=row.approved_by)
    if row is None:
        row = DekonQuarterApproval(year=year, quarter=quarter)
        s.add(row)
    row.status, row.approved_by, row.approved_at = "approved", username, utcnow()
    log_event(s, "approve", f"Dekon/TP {formatting.nama_triwulan(quarter, 'id')} {year} disetujui dan dikunci",
              entity="dekon_quarter_approval", entity_key=f"{year}-Q{quarter}")
    return row


def approve(ws: Workspace, actor: Actor, year: int, quarter: int, today: _dt.date | None = None) -> None:
    actor.require("data.approve")
    _check(year, quarter, today)
    with ws.store.session(actor.username) as s:
        approve_in(s, actor.username, year, quarter)


def reopen(ws: Workspace, actor: Actor, year: int, quarter: int, reason: str) -> None:
    actor.require("period.reopen")
    reason = (reason or "").strip()
    if len(reason) < 5:
        raise Refused("Tuliskan alasan membuka kembali triwulan (paling sedikit 5 huruf).")
    with ws.store.session(actor.username) as s:
        row = _row(s, year, quarter)
        if row is None or row.status != "approved":
            raise Refused("{quarter} {year} belum disetujui; tidak ada yang perlu dibuka.",
                          quarter=formatting.nama_triwulan(quarter), year=year)
        row.status, row.reopened_by, row.reopened_at, row.reopen_reason = "reopened", actor.username, utcnow(), reason
        log_event(s, "reopen", f"Dekon/TP {formatting.nama_triwulan(quarter, 'id')} {year} dibuka kembali: {reason}",
                  entity="dekon_quarter_approval", entity_key=f"{year}-Q{quarter}")


def status(ws: Workspace, year: int) -> list[dict]:
    with ws.store.session() as s:
        rows = {r.quarter: r for r in s.scalars(select(DekonQuarterApproval).where(
            DekonQuarterApproval.year == year, DekonQuarterApproval.deleted_at.is_(None)))}
    out = []
    for q in (1, 2, 3, 4):
        r = rows.get(q)
        out.append({"year": year, "quarter": q, "status": r.status if r else "open",
                    "approved_by": r.approved_by if r else None, "approved_at": r.approved_at if r else None,
                    "reopened_by": r.reopened_by if r else None, "reopen_reason": r.reopen_reason if r else None})
    return out
