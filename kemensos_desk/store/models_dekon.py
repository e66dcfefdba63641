"""Dekonsentrasi / tugas pembantuan tables (issue 5): allocations per RO with their pagu
history, RPD plan, komponen and indicators; monthly realisation, indicator values,
problems and follow-ups, participants, attachments; quarter approvals.

Money is integer rupiah (BigInteger) and volumes are integers, so the quarter sums are
exact SQL aggregates; indicator targets and values may carry decimals (``69,31``) and are
stored as decimal text, never as float. Uniqueness holds among live rows only.
"""
from __future__ import annotations

import datetime as _dt
from decimal import Decimal

from sqlalchemy import BigInteger, Date, ForeignKey, Index, Integer, String, Text, text
from sqlalchemy.orm import Mapped, mapped_column
from sqlalchemy.types import TypeDecorator

from kemensos_desk.store.base import Base, RecordMixin
from kemensos_desk.store.registry import register

LIVE = text("deleted_at IS NULL")


class DecimalText(TypeDecorator):
    """An exact decimal kept as text (SQLite has no decimal type; REAL would round)."""

    impl = String(40)
    cache_ok = True

    def process_bind_param(self, value, dialect):
        return None if value is None else str(value if isinstance(value, Decimal) else Decimal(str(value)))

    def process_result_value(self, value, dialect):
        return None if value is None else Decimal(value)


class DekonAllocation(RecordMixin, Base):
    """One RO (*rincian output*) funded by the ministry for a fiscal year."""

    __tablename__ = "dekon_allocation"
    __table_args__ = (Index("uq_dekon_allocation_live", "year", "ro_code", unique=True, sqlite_where=LIVE),)

    id: Mapped[int] = mapped_column(primary_key=True)
    year: Mapped[int] = mapped_column(Integer)
    source: Mapped[str] = mapped_column(String(2))  # DK | TP
    program: Mapped[str] = mapped_column(String(150))
    kegiatan: Mapped[str] = mapped_column(String(4))
    kro: Mapped[str] = mapped_column(String(3))
    ro_code: Mapped[str] = mapped_column(String(16))  # 6288.QDB.001
    name: Mapped[str] = mapped_column(String(300))
    target_volume: Mapped[int] = mapped_column(Integer)
    unit: Mapped[str] = mapped_column(String(30))
    pagu: Mapped[int] = mapped_column(BigInteger)  # the pagu first allotted (DIPA awal)
    kabkota_code: Mapped[str | None] = mapped_column(String(8))
    kecamatan_code: Mapped[str | None] = mapped_column(String(8))
    notes: Mapped[str | None] = mapped_column(Text)


class DekonKomponen(RecordMixin, Base):
    __tablename__ = "dekon_komponen"
    __table_args__ = (Index("ix_dekon_komponen_allocation", "allocation_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    allocation_id: Mapped[int] = mapped_column(ForeignKey("dekon_allocation.id"))
    code: Mapped[str] = mapped_column(String(12))
    name: Mapped[str] = mapped_column(String(300))
    pagu: Mapped[int] = mapped_column(BigInteger, default=0)


class DekonPaguRevision(RecordMixin, Base):
    """A dated change of pagu (*revisi DIPA*); figures use the pagu in force at a date."""

    __tablename__ = "dekon_pagu_revision"
    __table_args__ = (Index("ix_dekon_pagu_revision_allocation", "allocation_id", "effective_date"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    allocation_id: Mapped[int] = mapped_column(ForeignKey("dekon_allocation.id"))
    effective_date: Mapped[_dt.date] = mapped_column(Date)
    pagu: Mapped[int] = mapped_column(BigInteger)
    reason: Mapped[str | None] = mapped_column(String(300))


class DekonRpd(RecordMixin, Base):
    """Rencana penarikan dana: the money planned to be spent in a month."""

    __tablename__ = "dekon_rpd"
    __table_args__ = (Index("uq_dekon_rpd_live", "allocation_id", "month", unique=True, sqlite_where=LIVE),)

    id: Mapped[int] = mapped_column(primary_key=True)
    allocation_id: Mapped[int] = mapped_column(ForeignKey("dekon_allocation.id"))
    month: Mapped[int] = mapped_column(Integer)
    amount: Mapped[int] = mapped_column(BigInteger)


class DekonIndicator(RecordMixin, Base):
    __tablename__ = "dekon_indicator"
    __table_args__ = (Index("ix_dekon_indicator_allocation", "allocation_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    allocation_id: Mapped[int] = mapped_column(ForeignKey("dekon_allocation.id"))
    name: Mapped[str] = mapped_column(String(300))
    unit: Mapped[str] = mapped_column(String(30))
    target: Mapped[Decimal] = mapped_column(DecimalText)
    polarity: Mapped[str] = mapped_column(String(6), default="higher")  # higher | lower
    aggregation: Mapped[str] = mapped_column(String(4), default="sum")  # sum | last


class DekonRealisation(RecordMixin, Base):
    """What an RO achieved in one month (not cumulative: reports add the months up)."""

    __tablename__ = "dekon_realisation"
    __table_args__ = (Index("uq_dekon_realisation_live", "allocation_id", "month", unique=True, sqlite_where=LIVE),)

    id: Mapped[int] = mapped_column(primary_key=True)
    allocation_id: Mapped[int] = mapped_column(ForeignKey("dekon_allocation.id"))
    month: Mapped[int] = mapped_column(Integer)
    volume: Mapped[int] = mapped_column(Integer, default=0)
    spent: Mapped[int] = mapped_column(BigInteger, default=0)
    narrative: Mapped[str | None] = mapped_column(Text)
    over_target_note: Mapped[str | None] = mapped_column(String(500))


class DekonIndicatorValue(RecordMixin, Base):
    __tablename__ = "dekon_indicator_value"
    __table_args__ = (Index("uq_dekon_indicator_value_live", "indicator_id", "month", unique=True, sqlite_where=LIVE),)

    id: Mapped[int] = mapped_column(primary_key=True)
    indicator_id: Mapped[int] = mapped_column(ForeignKey("dekon_indicator.id"))
    month: Mapped[int] = mapped_column(Integer)
    value: Mapped[Decimal] = mapped_column(DecimalText)


class DekonProblem(RecordMixin, Base):
    """A *permasalahan* met in a month, with its status."""

    __tablename__ = "dekon_problem"
    __table_args__ = (Index("ix_dekon_problem_allocation", "allocation_id", "month"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    allocation_id: Mapped[int] = mapped_column(ForeignKey("dekon_allocation.id"))
    month: Mapped[int] = mapped_column(Integer)
    description: Mapped[str] = mapped_column(Text)
    status: Mapped[str] = mapped_column(String(10), default="terbuka")  # terbuka | proses | selesai


class DekonFollowUp(RecordMixin, Base):
    """A *tindak lanjut* taken on a problem."""

    __tablename__ = "dekon_follow_up"
    __table_args__ = (Index("ix_dekon_follow_up_problem", "problem_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    problem_id: Mapped[int] = mapped_column(ForeignKey("dekon_problem.id"))
    month: Mapped[int] = mapped_column(Integer)
    action: Mapped[str] = mapped_column(Text)
    status: Mapped[str] = mapped_column(String(10), default="rencana")  # rencana | berjalan | selesai


class DekonParticipant(RecordMixin, Base):
    """A person who took part in an activity (e.g. a TKSK at a Bimtek)."""

    __tablename__ = "dekon_participant"
    __table_args__ = (
        Index("uq_dekon_participant_live", "allocation_id", "month", "nik", unique=True, sqlite_where=LIVE),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    allocation_id: Mapped[int] = mapped_column(ForeignKey("dekon_allocation.id"))
    month: Mapped[int] = mapped_column(Integer)
    name: Mapped[str] = mapped_column(String(120))
    nik: Mapped[str] = mapped_column(String(16))
    psks_category: Mapped[str] = mapped_column(String(20))
    kecamatan_code: Mapped[str | None] = mapped_column(String(8))


class DekonAttachment(RecordMixin, Base):
    """A photo or scanned PDF, copied under ``attachments/`` in the data directory."""

    __tablename__ = "dekon_attachment"
    __table_args__ = (Index("ix_dekon_attachment_allocation", "allocation_id", "month"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    allocation_id: Mapped[int] = mapped_column(ForeignKey("dekon_allocation.id"))
    month: Mapped[int] = mapped_column(Integer)
    original_name: Mapped[str] = mapped_column(String(255))
    stored_path: Mapped[str] = mapped_column(String(300))  # relative to the data directory
    sha256: Mapped[str] = mapped_column(String(64))
    size: Mapped[int] = mapped_column(BigInteger)
    caption: Mapped[str | None] = mapped_column(String(300))


class DekonQuarterApproval(RecordMixin, Base):
    __tablename__ = "dekon_quarter_approval"
    __table_args__ = (Index("uq_dekon_quarter_approval_live", "year", "quarter", unique=True, sqlite_where=LIVE),)

    id: Mapped[int] = mapped_column(primary_key=True)
    year: Mapped[int] = mapped_column(Integer)
    quarter: Mapped[int] = mapped_column(Integer)
    status: Mapped[str] = mapped_column(String(10), default="approved")  # approved | reopened
    approved_by: Mapped[str | None] = mapped_column(String(32))
    approved_at: Mapped[_dt.datetime | None] = mapped_column()
    reopened_by: Mapped[str | None] = mapped_column(String(32))
    reopened_at: Mapped[_dt.datetime | None] = mapped_column()
    reopen_reason: Mapped[str | None] = mapped_column(String(500))


for _kind, _model in (
    ("dekon_allocations", DekonAllocation), ("dekon_komponen", DekonKomponen),
    ("dekon_pagu_revisions", DekonPaguRevision), ("dekon_rpd", DekonRpd),
    ("dekon_indicators", DekonIndicator), ("dekon_realisations", DekonRealisation),
    ("dekon_indicator_values", DekonIndicatorValue), ("dekon_problems", DekonProblem),
    ("dekon_follow_ups", DekonFollowUp), ("dekon_participants", DekonParticipant),
    ("dekon_attachments", DekonAttachment), ("dekon_quarter_approvals", DekonQuarterApproval),
):
    register(_kind, _model)
