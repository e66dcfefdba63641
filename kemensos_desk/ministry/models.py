"""The ministry's own tables (own metadata: SQLite file or PostgreSQL, created with create_all).

Every revision received is kept (``ministry_revision``); the newest per (office, kind,
uuid) is flagged ``is_current`` (``MinistryRecord`` reads those): a row and its data are
written once. Nothing here is ever overwritten by an older revision.

``SCHEMA_VERSION`` is kept in ``ministry_config``; a store of another version is refused
(there are no migrations: the ministry store is created with create_all).
"""
from __future__ import annotations

import datetime as _dt

from sqlalchemy import Boolean, Integer, LargeBinary, MetaData, String, Text, UniqueConstraint, select
from sqlalchemy.orm import DeclarativeBase, Mapped, aliased, mapped_column

from kemensos_desk.store.base import NAMING, utcnow


# 2: no ministry_record table; the current revision is flagged in ministry_revision.
SCHEMA_VERSION = 2


class MinistryBase(DeclarativeBase):
    metadata = MetaData(naming_convention=NAMING)


class MinistryConfig(MinistryBase):
    __tablename__ = "ministry_config"

    key: Mapped[str] = mapped_column(String(64), primary_key=True)
    value: Mapped[str] = mapped_column(Text)


class MinistryOffice(MinistryBase):
    __tablename__ = "ministry_office"

    code: Mapped[str] = mapped_column(String(8), primary_key=True)  # region code, dotted
    name: Mapped[str] = mapped_column(String(150))
    level: Mapped[str] = mapped_column(String(10))
    office_id: Mapped[str | None] = mapped_column(String(36))
    public_key: Mapped[str] = mapped_column(String(64))
    key_registered_at: Mapped[_dt.datetime] = mapped_column(default=utcnow)
    is_demo: Mapped[bool] = mapped_column(Boolean, default=False)
    first_seen: Mapped[_dt.datetime] = mapped_column(default=utcnow)


class MinistryBundle(MinistryBase):
    __tablename__ = "ministry_bundle"
    __table_args__ = (UniqueConstraint("office_code", "device_id", "sequence"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    office_code: Mapped[str] = mapped_column(String(8))
    device_id: Mapped[str] = mapped_column(String(36))
    sequence: Mapped[int] = mapped_column(Integer)
    sha256: Mapped[str] = mapped_column(String(64))
    previous_hash: Mapped[str | None] = mapped_column(String(64))
    file: Mapped[str] = mapped_column(String(255))
    created_at: Mapped[str] = mapped_column(String(32))  # as the office wrote it (UTC)
    imported_at: Mapped[_dt.datetime] = mapped_column(default=utcnow)
    full: Mapped[bool] = mapped_column(Boolean, default=False)
    counts: Mapped[str] = mapped_column(Text)
    gap_before: Mapped[bool] = mapped_column(Boolean, default=False)  # lower sequences missing
    new: Mapped[int] = mapped_column(Integer, default=0)
    updated: Mapped[int] = mapped_column(Integer, default=0)
    unchanged: Mapped[int] = mapped_column(Integer, default=0)


class MinistryRefusal(MinistryBase):
    """A bundle refused (nothing of it written); listed in the office's next receipt."""

    __tablename__ = "ministry_refusal"

    id: Mapped[int] = mapped_column(primary_key=True)
    file: Mapped[str] = mapped_column(String(255))
    office_code: Mapped[str | None] = mapped_column(String(8))
    device_id: Mapped[str | None] = mapped_column(String(36))
    sequence: Mapped[int | None] = mapped_column(Integer)
    sha256: Mapped[str | None] = mapped_column(String(64))
    reason: Mapped[str] = mapped_column(Text)
    at: Mapped[_dt.datetime] = mapped_column(default=utcnow)


class MinistryRevision(MinistryBase):
    __tablename__ = "ministry_revision"
    __table_args__ = (UniqueConstraint("office_code", "kind", "uuid", "revision", "device_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    office_code: Mapped[str] = mapped_column(String(8))
    kind: Mapped[str] = mapped_column(String(64))
    uuid: Mapped[str] = mapped_column(String(36))
    revision: Mapped[int] = mapped_column(Integer)
    device_id: Mapped[str] = mapped_column(String(36))
    bundle_id: Mapped[int] = mapped_column(Integer)
    deleted: Mapped[bool] = mapped_column(Boolean, default=False)
    data: Mapped[str] = mapped_column(Text)
    refs: Mapped[str] = mapped_column(Text)
    # The newest revision of its (office, kind, uuid): exactly one per record.
    is_current: Mapped[bool] = mapped_column(Boolean, default=False)


# The newest revision per (office, kind, uuid), read like a table: ``select(MinistryRecord)``
# gives MinistryRevision rows. Queries by kind alone should also name the offices
# (``office_code IN ...``) so that the revision key's index serves them.
MinistryRecord = aliased(MinistryRevision, select(MinistryRevision).where(MinistryRevision.is_current.is_(True))
                         .subquery("ministry_record"), name="MinistryRecord")


class MinistryConflict(MinistryBase):
    """Two devices of one office made the same revision of a record differently."""

    __tablename__ = "ministry_conflict"

    id: Mapped[int] = mapped_column(primary_key=True)
    office_code: Mapped[str] = mapped_column(String(8))
    kind: Mapped[str] = mapped_column(String(64))
    uuid: Mapped[str] = mapped_column(String(36))
    revision: Mapped[int] = mapped_column(Integer)
    device_a: Mapped[str] = mapped_column(String(36))
    device_b: Mapped[str] = mapped_column(String(36))
    detected_at: Mapped[_dt.datetime] = mapped_column(default=utcnow)
    settled_at: Mapped[_dt.datetime | None] = mapped_column()
    settled_by: Mapped[str | None] = mapped_column(String(64))


class MinistrySummary(MinistryBase):
    """Figures an office's module computed (e.g. SPM year-end indexes), newest bundle wins."""

    __tablename__ = "ministry_summary"

    office_code: Mapped[str] = mapped_column(String(8), primary_key=True)
    module: Mapped[str] = mapped_column(String(32), primary_key=True)
    data: Mapped[str] = mapped_column(Text)
    bundle_created_at: Mapped[str] = mapped_column(String(32))


class MinistryPeriod(MinistryBase):
    """A quarter counts as received when a bundle carrying its approval is imported."""

    __tablename__ = "ministry_period"

    office_code: Mapped[str] = mapped_column(String(8), primary_key=True)
    year: Mapped[int] = mapped_column(Integer, primary_key=True)
    quarter: Mapped[int] = mapped_column(Integer, primary_key=True)
    received_at: Mapped[_dt.datetime] = mapped_column()
    bundle_id: Mapped[int] = mapped_column(Integer)


class MinistryAttachment(MinistryBase):
    """A file an office's record points at (by its SHA-256), e.g. a dekon photo or scan."""

    __tablename__ = "ministry_attachment"

    office_code: Mapped[str] = mapped_column(String(8), primary_key=True)
    sha256: Mapped[str] = mapped_column(String(64), primary_key=True)
    size: Mapped[int] = mapped_column(Integer)
    content: Mapped[bytes] = mapped_column(LargeBinary)


class MinistryRulesPack(MinistryBase):
    """A rules pack the ministry issued (issue 12): the signed file exactly as sent."""

    __tablename__ = "ministry_rules_pack"

    id: Mapped[int] = mapped_column(primary_key=True)
    version: Mapped[str] = mapped_column(String(20), unique=True)
    effective: Mapped[str] = mapped_column(String(10))
    note: Mapped[str] = mapped_column(Text)
    pack: Mapped[bytes] = mapped_column(LargeBinary)
    sha256: Mapped[str] = mapped_column(String(64))
    issued_by: Mapped[str | None] = mapped_column(String(64))
    issued_at: Mapped[_dt.datetime] = mapped_column(default=utcnow)


class MinistryEnrolment(MinistryBase):
    """An enrolment file the ministry issued (``ministry enrol``): its one-time secret is
    what an office's first bundle proves it holds. Added after schema 2: created on open."""

    __tablename__ = "ministry_enrolment"

    id: Mapped[str] = mapped_column(String(36), primary_key=True)
    office_code: Mapped[str] = mapped_column(String(8), index=True)
    secret: Mapped[str] = mapped_column(String(64))
    issued_at: Mapped[_dt.datetime] = mapped_column(default=utcnow)
    valid_until: Mapped[_dt.datetime] = mapped_column()
    used_at: Mapped[_dt.datetime | None] = mapped_column()


class MinistryPendingKey(MinistryBase):
    """A first bundle that passed every check but carried no enrolment proof: its key
    waits ("menunggu verifikasi") for ``ministry accept-key --pending``."""

    __tablename__ = "ministry_pending_key"
    __table_args__ = (UniqueConstraint("office_code", "public_key"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    office_code: Mapped[str] = mapped_column(String(8))
    office_name: Mapped[str] = mapped_column(String(150))
    level: Mapped[str] = mapped_column(String(10))
    public_key: Mapped[str] = mapped_column(String(64))
    fingerprint: Mapped[str] = mapped_column(String(64))
    file: Mapped[str] = mapped_column(String(255))
    path: Mapped[str | None] = mapped_column(Text)  # where the waiting bundle was read, to import it after
    sequence: Mapped[int] = mapped_column(Integer)
    first_seen: Mapped[_dt.datetime] = mapped_column(default=utcnow)
    last_seen: Mapped[_dt.datetime] = mapped_column(default=utcnow)


# Tables added without a new SCHEMA_VERSION (nothing existing changes): created when a
# store is opened, so a ministry database made before them keeps working.
ADDED_TABLES = (MinistryEnrolment.__table__, MinistryPendingKey.__table__, MinistryRulesPack.__table__)
