"""SPM Bidang Sosial tables: the beneficiary register, entitlements, assessments, deliveries,
disaster events, budgets and quarter approvals (issue 4).

Uniqueness is enforced among live rows only (partial indexes ``WHERE deleted_at IS NULL``)
so that a tombstoned record never blocks entering the same fact again. The indexes are
shaped for the achievement query (``services/spm/achievement.py``) and the register's
search-as-you-type (NIK and lower-case name prefix).
"""
from __future__ import annotations

import datetime as _dt

from sqlalchemy import BigInteger, Date, ForeignKey, Index, Integer, String, Text, text
from sqlalchemy.orm import Mapped, mapped_column

from kemensos_desk.store.base import Base, RecordMixin
from kemensos_desk.store.registry import register

LIVE = text("deleted_at IS NULL")


class Beneficiary(RecordMixin, Base):
    """A person entitled to an SPM service (*penerima manfaat*)."""

    __tablename__ = "spm_beneficiary"
    __table_args__ = (
        Index("uq_spm_beneficiary_nik_live", "nik", unique=True, sqlite_where=text("deleted_at IS NULL AND nik IS NOT NULL")),
        Index("ix_spm_beneficiary_name_live", "name_key", "id", sqlite_where=text("deleted_at IS NULL")),
        Index("ix_spm_beneficiary_kecamatan", "kecamatan_code"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    nik: Mapped[str | None] = mapped_column(String(16))
    no_nik_reason: Mapped[str | None] = mapped_column(String(40))
    kk: Mapped[str | None] = mapped_column(String(16))
    name: Mapped[str] = mapped_column(String(120))
    # Lower-case, single-spaced copy of the name: the index behind prefix search.
    name_key: Mapped[str] = mapped_column(String(120))
    sex: Mapped[str] = mapped_column(String(1))  # L | P
    birth_place: Mapped[str | None] = mapped_column(String(80))
    birth_date: Mapped[_dt.date] = mapped_column(Date)
    kecamatan_code: Mapped[str] = mapped_column(String(8))  # dotted 32.10.01
    desa: Mapped[str | None] = mapped_column(String(80))
    rt: Mapped[str | None] = mapped_column(String(3))
    rw: Mapped[str | None] = mapped_column(String(3))
    street: Mapped[str | None] = mapped_column(String(200))
    dtks_id: Mapped[str | None] = mapped_column(String(40))
    found_via: Mapped[str | None] = mapped_column(String(16))  # dtks | asesmen | rujukan | penjangkauan
    institution: Mapped[str | None] = mapped_column(String(150))  # panti / LKS
    notes: Mapped[str | None] = mapped_column(Text)
    status: Mapped[str] = mapped_column(String(8), default="active")  # active | moved | died
    status_date: Mapped[_dt.date | None] = mapped_column(Date)


class SpmEntitlement(RecordMixin, Base):
    """A person is to be served by a service in a year, from ``start_date``."""

    __tablename__ = "spm_entitlement"
    __table_args__ = (
        Index("uq_spm_entitlement_live", "service", "year", "beneficiary_id", unique=True, sqlite_where=LIVE),
        Index("ix_spm_entitlement_beneficiary", "beneficiary_id"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    beneficiary_id: Mapped[int] = mapped_column(ForeignKey("spm_beneficiary.id"))
    service: Mapped[str] = mapped_column(String(16))
    year: Mapped[int] = mapped_column(Integer)
    start_date: Mapped[_dt.date] = mapped_column(Date)


class SpmAssessment(RecordMixin, Base):
    """The assessment found that a person needs an *asesmen* component."""

    __tablename__ = "spm_assessment"
    __table_args__ = (
        Index("uq_spm_assessment_live", "beneficiary_id", "service", "year", "component", unique=True, sqlite_where=LIVE),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    beneficiary_id: Mapped[int] = mapped_column(ForeignKey("spm_beneficiary.id"))
    service: Mapped[str] = mapped_column(String(16))
    year: Mapped[int] = mapped_column(Integer)
    component: Mapped[str] = mapped_column(String(32))
    assessed_on: Mapped[_dt.date] = mapped_column(Date)
    notes: Mapped[str | None] = mapped_column(String(300))


class ServiceDelivery(RecordMixin, Base):
    """A component delivered to a person; (person, service, component, date) identifies it."""

    __tablename__ = "spm_delivery"
    __table_args__ = (
        Index("uq_spm_delivery_live", "beneficiary_id", "service", "component", "delivered_on", unique=True,
              sqlite_where=LIVE),
        # Covering index of the achievement query: one ordered scan per service (spm_0002).
        Index("ix_spm_delivery_service_live", "service", "beneficiary_id", "component", "delivered_on", sqlite_where=LIVE),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    beneficiary_id: Mapped[int] = mapped_column(ForeignKey("spm_beneficiary.id"))
    service: Mapped[str] = mapped_column(String(16))
    component: Mapped[str] = mapped_column(String(32))
    delivered_on: Mapped[_dt.date] = mapped_column(Date)
    quantity: Mapped[float | None] = mapped_column()
    unit: Mapped[str | None] = mapped_column(String(20))
    provider: Mapped[str | None] = mapped_column(String(150))
    notes: Mapped[str | None] = mapped_column(String(300))


class DisasterEvent(RecordMixin, Base):
    """A disaster with its victims counted in aggregate (jiwa, KK, vulnerable groups)."""

    __tablename__ = "spm_disaster_event"
    __table_args__ = (Index("ix_spm_disaster_event_date", "event_date"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    disaster_type: Mapped[str] = mapped_column(String(40))  # banjir, tanah longsor, gempa bumi ...
    event_date: Mapped[_dt.date] = mapped_column(Date)
    kecamatan_code: Mapped[str] = mapped_column(String(8))
    location: Mapped[str | None] = mapped_column(String(200))
    jiwa: Mapped[int] = mapped_column(Integer)
    kk: Mapped[int] = mapped_column(Integer, default=0)
    children: Mapped[int] = mapped_column(Integer, default=0)
    elderly: Mapped[int] = mapped_column(Integer, default=0)
    disabled: Mapped[int] = mapped_column(Integer, default=0)
    pregnant: Mapped[int] = mapped_column(Integer, default=0)
    # Victims the assessment found to need psychosocial support.
    psychosocial: Mapped[int] = mapped_column(Integer, default=0)
    notes: Mapped[str | None] = mapped_column(Text)
    # tanggap_darurat | pasca: which components apply (rules: services[bencana].phases).
    phase: Mapped[str] = mapped_column(String(20), default="tanggap_darurat", server_default="tanggap_darurat")

    @property
    def vulnerable(self) -> int:
        return (self.children or 0) + (self.elderly or 0) + (self.disabled or 0) + (self.pregnant or 0)


class DisasterDelivery(RecordMixin, Base):
    """Jiwa newly reached by a component of a disaster event on a date (by name when known)."""

    __tablename__ = "spm_disaster_delivery"
    __table_args__ = (
        Index("uq_spm_disaster_delivery_live", "event_id", "component", "delivered_on", "beneficiary_id", unique=True,
              sqlite_where=LIVE),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    event_id: Mapped[int] = mapped_column(ForeignKey("spm_disaster_event.id"))
    component: Mapped[str] = mapped_column(String(32))
    delivered_on: Mapped[_dt.date] = mapped_column(Date)
    jiwa_served: Mapped[int] = mapped_column(Integer)
    beneficiary_id: Mapped[int | None] = mapped_column(ForeignKey("spm_beneficiary.id"))
    quantity: Mapped[float | None] = mapped_column()
    unit: Mapped[str | None] = mapped_column(String(20))
    provider: Mapped[str | None] = mapped_column(String(150))


class SpmBudget(RecordMixin, Base):
    """APBD allocated and spent (whole rupiah), problems and solutions of a service in a year."""

    __tablename__ = "spm_budget"
    __table_args__ = (Index("uq_spm_budget_live", "service", "year", unique=True, sqlite_where=LIVE),)

    id: Mapped[int] = mapped_column(primary_key=True)
    service: Mapped[str] = mapped_column(String(16))
    year: Mapped[int] = mapped_column(Integer)
    allocated: Mapped[int] = mapped_column(BigInteger, default=0)
    spent: Mapped[int] = mapped_column(BigInteger, default=0)
    problems: Mapped[str | None] = mapped_column(Text)
    solutions: Mapped[str | None] = mapped_column(Text)


class SpmQuarterApproval(RecordMixin, Base):
    """A verifikator approved an SPM quarter (all services); approved quarters are locked."""

    __tablename__ = "spm_quarter_approval"
    __table_args__ = (Index("uq_spm_quarter_approval_live", "year", "quarter", unique=True, sqlite_where=LIVE),)

    id: Mapped[int] = mapped_column(primary_key=True)
    year: Mapped[int] = mapped_column(Integer)
    quarter: Mapped[int] = mapped_column(Integer)
    status: Mapped[str] = mapped_column(String(10))  # approved | reopened
    approved_by: Mapped[str | None] = mapped_column(String(64))
    approved_at: Mapped[_dt.datetime | None] = mapped_column()
    reopened_by: Mapped[str | None] = mapped_column(String(64))
    reopened_at: Mapped[_dt.datetime | None] = mapped_column()
    reopen_reason: Mapped[str | None] = mapped_column(String(300))
    figures: Mapped[str | None] = mapped_column(Text)  # JSON of the capaian, frozen at approval
    rules_version: Mapped[str | None] = mapped_column(String(20))  # the rules those figures came from


register("spm_beneficiaries", Beneficiary)
register("spm_entitlements", SpmEntitlement)
register("spm_assessments", SpmAssessment)
register("spm_deliveries", ServiceDelivery)
register("spm_disaster_events", DisasterEvent)
register("spm_disaster_deliveries", DisasterDelivery)
register("spm_budgets", SpmBudget)
register("spm_quarter_approvals", SpmQuarterApproval)
