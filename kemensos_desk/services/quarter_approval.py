"""Quarter approval, shared by SPM and dekon/TP: the verifikator approves a quarter and it
is locked; an administrator may reopen it, giving a reason. Both are audit events, and the
sync bundle carries the approval rows (the ministry counts a quarter as received by them).
"""
from __future__ import annotations

import datetime as _dt
from typing import Callable

from sqlalchemy import select

from kemensos_desk.core import formatting
from kemensos_desk.core.errors import Refused
from kemensos_desk.store.audit import log_event
from kemensos_desk.store.base import utcnow
from kemensos_desk.services.auth import Actor
from kemensos_desk.services.workspace import Workspace


class QuarterApprovals:
    """Approval rules over one module's approval table (columns year, quarter, status,
    approved_by/at, reopened_by/at, reopen_reason)."""

    def __init__(self, model, label: str, entity: str, check_year: Callable[[int], None] | None = None):
        self.model, self.label, self.entity, self.check_year = model, label, entity, check_year

    def row(self, session, year: int, quarter: int):
        m = self.model
        return session.scalars(select(m).where(m.year == year, m.quarter == quarter, m.deleted_at.is_(None))).first()

    def check(self, year: int, quarter: int, today: _dt.date | None = None) -> None:
        if self.check_year is not None:
            self.check_year(year)
        if quarter not in (1, 2, 3, 4):
            raise Refused("Triwulan harus 1, 2, 3 atau 4.")
        if _dt.date(year, quarter * 3 - 2, 1) > (today or _dt.date.today()):
            raise Refused("{quarter} {year} belum berjalan; belum dapat disetujui.",
                          quarter=formatting.nama_triwulan(quarter), year=year)

    def approve_in(self, session, username: str, year: int, quarter: int):
        row = self.row(session, year, quarter)
        if row is not None and row.status == "approved":
            raise Refused("{quarter} {year} sudah disetujui oleh {user}.", quarter=formatting.nama_triwulan(quarter),
                          year=year, user=row.approved_by)
        if row is None:
            row = self.model(year=year, quarter=quarter)
            session.add(row)
        row.status, row.approved_by, row.approved_at = "approved", username, utcnow()
        log_event(session, "approve", f"{self.label} {formatting.nama_triwulan(quarter, 'id')} {year} disetujui dan dikunci",
                  entity=self.entity, entity_key=f"{year}-Q{quarter}")
        return row

    def approve(self, ws: Workspace, actor: Actor, year: int, quarter: int, today: _dt.date | None = None) -> None:
        actor.require("data.approve")
        self.check(year, quarter, today)
        with ws.store.session(actor.username) as s:
            self.approve_in(s, actor.username, year, quarter)

    def reopen(self, ws: Workspace, actor: Actor, year: int, quarter: int, reason: str) -> None:
        actor.require("period.reopen")
        reason = (reason or "").strip()
        if len(reason) < 5:
            raise Refused("Tuliskan alasan membuka kembali triwulan (paling sedikit 5 huruf).")
        with ws.store.session(actor.username) as s:
            row = self.row(s, year, quarter)
            if row is None or row.status != "approved":
                raise Refused("{quarter} {year} belum disetujui; tidak ada yang perlu dibuka.",
                              quarter=formatting.nama_triwulan(quarter), year=year)
            row.status, row.reopened_by, row.reopened_at, row.reopen_reason = "reopened", actor.username, utcnow(), reason
            log_event(s, "reopen", f"{self.label} {formatting.nama_triwulan(quarter, 'id')} {year} dibuka kembali: {reason}",
                      entity=self.entity, entity_key=f"{year}-Q{quarter}")

    def status(self, ws: Workspace, year: int) -> list[dict]:
        """Per quarter of ``year``: approved or not, by whom and when."""
        m = self.model
        with ws.store.session() as s:
            rows = {r.quarter: r for r in s.scalars(select(m).where(m.year == year, m.deleted_at.is_(None)))}
        out = []
        for q in (1, 2, 3, 4):
            r = rows.get(q)
            out.append({"year": year, "quarter": q, "status": r.status if r else "open",
                        "approved_by": r.approved_by if r else None, "approved_at": r.approved_at if r else None,
                        "reopened_by": r.reopened_by if r else None, "reopen_reason": r.reopen_reason if r else None})
        return out
