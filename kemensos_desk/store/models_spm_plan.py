"""SPM application per year (Permendagri 59/2021 Pasal 24, issue 12): the status of the four
application stages and the *rencana aksi* (an attached document or a list of dated actions).

Both are business records: they travel in the sync bundle and appear in the quarterly report.
"""
from __future__ import annotations

import datetime as _dt

from sqlalchemy import BigInteger, Date, Index, Integer, String, Text, text
from sqlalchemy.orm import Mapped, mapped_column

from kemensos_desk.store.base import Base, RecordMixin
from kemensos_desk.store.registry import register


class SpmStage(RecordMixin, Base):
    """One of the four stages of a year: pengumpulan data … pelaksanaan."""

    __tablename__ = "spm_stage"
    __table_args__ = (Index("uq_spm_stage_live", "year", "stage", unique=True, sqlite_where=text("deleted_at IS NULL")),)

    id: Mapped[int] = mapped_column(primary_key=True)
    year: Mapped[int] = mapped_column(Integer)
    stage: Mapped[str] = mapped_column(String(32))  # pengumpulan_data | penghitungan_kebutuhan | ...
    status: Mapped[str] = mapped_column(String(10))  # belum | sebagian | selesai
    note: Mapped[str | None] = mapped_column(Text)


class SpmActionPlan(RecordMixin, Base):
    """An entry of the year's rencana aksi: an action with its due date, or the attached document
    (copied under ``attachments/`` by its sha256, so it travels in the bundle like dekon photos)."""

    __tablename__ = "spm_action_plan"
    __table_args__ = (Index("ix_spm_action_plan_year", "year"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    year: Mapped[int] = mapped_column(Integer)
    kind: Mapped[str] = mapped_column(String(10))  # action | document
    action: Mapped[str | None] = mapped_column(Text)
    due_date: Mapped[_dt.date | None] = mapped_column(Date)
    original_name: Mapped[str | None] = mapped_column(String(255))
    stored_path: Mapped[str | None] = mapped_column(String(300))
    sha256: Mapped[str | None] = mapped_column(String(64))
    size: Mapped[int | None] = mapped_column(BigInteger)


register("spm_stages", SpmStage)
register("spm_action_plans", SpmActionPlan)
