"""Rakor tables (issue 6): the Renstra of the Dinas, the yearly draft of the material for the
Rapat Koordinasi Perencanaan, its proposals for year N+1 and its problems/recommendations.

Lists inside the Renstra (missions, goals with targets and indicators) and the approved
snapshot are JSON text: they are read and printed whole, never queried, and travel in
the sync bundle as they are. Money is integer rupiah.
"""
from __future__ import annotations

import datetime as _dt

from sqlalchemy import BigInteger, ForeignKey, Index, Integer, String, Text, text
from sqlalchemy.orm import Mapped, mapped_column

from kemensos_desk.store.base import Base, RecordMixin
from kemensos_desk.store.registry import register

LIVE = text("deleted_at IS NULL")


class RakorRenstra(RecordMixin, Base):
    """The strategic plan of one Renstra period (e.g. 2025–2029); entered once, reused yearly."""

    __tablename__ = "rakor_renstra"
    __table_args__ = (Index("uq_rakor_renstra_live", "period_start", unique=True, sqlite_where=LIVE),)

    id: Mapped[int] = mapped_column(primary_key=True)
    period_start: Mapped[int] = mapped_column(Integer)
    period_end: Mapped[int] = mapped_column(Integer)
    vision: Mapped[str] = mapped_column(Text, default="")
    missions: Mapped[str] = mapped_column(Text, default="[]")  # JSON list of text
    # JSON [{"goal": str, "targets": [{"target", "indicator", "unit", "baseline", "target_5y"}]}]
    goals: Mapped[str] = mapped_column(Text, default="[]")


class RakorDraft(RecordMixin, Base):
    """The material for the Rakor held in ``year`` (capaian year−1, proposals year+1)."""

    __tablename__ = "rakor_draft"
    __table_args__ = (Index("uq_rakor_draft_live", "year", unique=True, sqlite_where=LIVE),)

    id: Mapped[int] = mapped_column(primary_key=True)
    year: Mapped[int] = mapped_column(Integer)
    dekon_narrative: Mapped[str] = mapped_column(Text, default="")
    spm_narrative: Mapped[str] = mapped_column(Text, default="")
    status: Mapped[str] = mapped_column(String(10), default="draft")  # draft | approved
    approved_by: Mapped[str | None] = mapped_column(String(64))
    approved_at: Mapped[_dt.datetime | None] = mapped_column()
    snapshot: Mapped[str | None] = mapped_column(Text)  # JSON of every figure, frozen at approval


class RakorProposal(RecordMixin, Base):
    """One proposed dekon/TP activity for year+1; total = volume × unit cost."""

    __tablename__ = "rakor_proposal"
    __table_args__ = (Index("ix_rakor_proposal_draft", "draft_id", "seq"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    draft_id: Mapped[int] = mapped_column(ForeignKey("rakor_draft.id"))
    seq: Mapped[int] = mapped_column(Integer, default=0)
    ro: Mapped[str] = mapped_column(String(300))  # RO code and/or kegiatan name
    description: Mapped[str] = mapped_column(Text, default="")
    volume: Mapped[int] = mapped_column(Integer, default=0)
    unit: Mapped[str] = mapped_column(String(30), default="")
    unit_cost: Mapped[int] = mapped_column(BigInteger, default=0)
    total: Mapped[int] = mapped_column(BigInteger, default=0)
    location: Mapped[str] = mapped_column(String(300), default="")
    priority: Mapped[int] = mapped_column(Integer, default=2)  # 1 tinggi, 2 sedang, 3 rendah
    justification: Mapped[str] = mapped_column(Text, default="")
    gap_service: Mapped[str | None] = mapped_column(String(30))  # SPM service code whose gap is cited


class RakorIssue(RecordMixin, Base):
    """A problem met and the recommendation the office brings with it."""

    __tablename__ = "rakor_issue"
    __table_args__ = (Index("ix_rakor_issue_draft", "draft_id", "seq"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    draft_id: Mapped[int] = mapped_column(ForeignKey("rakor_draft.id"))
    seq: Mapped[int] = mapped_column(Integer, default=0)
    problem: Mapped[str] = mapped_column(Text, default="")
    recommendation: Mapped[str] = mapped_column(Text, default="")


register("rakor_renstra", RakorRenstra)
register("rakor_drafts", RakorDraft)
register("rakor_proposals", RakorProposal)
register("rakor_issues", RakorIssue)
