"""Quarter approval: the verifikator approves an SPM quarter (all services at once) and it
is locked; an administrator may reopen it, with a reason. Both are audit events.
"""
from __future__ import annotations

import datetime as _dt

from sqlalchemy import select

from kemensos_desk.core import formatting
from kemensos_desk.core.errors import Refused
from kemensos_desk.store.audit import log_event
from kemensos_desk.store.base import utcnow
from kemensos_desk.store.models_spm import SpmQuarterApproval
from kemensos_desk.services.auth import Actor
from kemensos_desk.services.workspace import Workspace


def _check(year: int, quarter: int, today: _dt.date | None = None) -> None:
    if quarter not in (1, 2, 3, 4):
        raise Refused("Triwulan harus 1, 2, 3 atau 4.")
    if _dt.date(year, quarter * 3 - 2, 1) > (today or _dt.date.today()):
        raise Refused("{quarter} {year} belum berjalan; belum dapat disetujui.",
                      quarter=formatting.nama_triwulan(quarter), year=year)


def _row(session, year: int, quarter: int) -> SpmQuarterApproval | None:
    return session.scalars(select(SpmQuarterApproval).where(
        SpmQuarterApproval.year == year, SpmQuarterApproval.quarter == quarter,
        SpmQuarterApproval.deleted_at.is_(None))).first()


def approve_in(session, username: str, year: int, quarter: int) -> SpmQuarterApproval:
    row = _row(session, year, quarter)
    if row is not None and row.status == "approved":
        raise Refused("{quarter} {year} sudah disetujui oleh {user}.", quarter=formatting.nama_triwulan(quarter),
                      year=year, user=row.approved_by)
    if row is None:
        row = SpmQuarterApproval(year=year, quarter=quarter)
        session.add(row)
    row.status, row.approved_by, row.approved_at = "approved", username, utcnow()
    log_event(session, "approve", f"SPM {formatting.nama_triwulan(quarter, 'id')} {year} disetujui dan dikunci",
              entity="spm_quarter_approval", entity_key=f"{year}-Q{quarter}")
    return row


def approve(ws: Workspace, actor: Actor, year: int, quarter: int) -> None:
    actor.require("data.approve")
    _check(year, quarter)
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
        log_event(s, "reopen", f"SPM {formatting.nama_triwulan(quarter, 'id')} {year} dibuka kembali: {reason}",
                  entity="spm_quarter_approval", entity_key=f"{year}-Q{quarter}")


def status(ws: Workspace, year: int) -> list[dict]:
    """Per quarter of ``year``: approved or not, by whom and when (the sync bundle says the same)."""
    with ws.store.session() as s:
        rows = {r.quarter: r for r in s.scalars(select(SpmQuarterApproval).where(
            SpmQuarterApproval.year == year, SpmQuarterApproval.deleted_at.is_(None)))}
    out = []
    for q in (1, 2, 3, 4):
        r = rows.get(q)
        out.append({"year": year, "quarter": q, "status": r.status if r else "open",
                    "approved_by": r.approved_by if r else None, "approved_at": r.approved_at if r else None,
                    "reopened_by": r.reopened_by if r else None, "reopen_reason": r.reopen_reason if r else None})
    return out
