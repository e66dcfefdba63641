"""Declarative base and the columns every business record carries.

Every record that travels to the ministry has a UUID, created/updated time and user,
a revision number (raised on every change) and a deletion tombstone: the sync bundle
selects by revision and carries tombstones, so nothing is deleted for real.
"""
from __future__ import annotations

import datetime as _dt
import uuid as _uuid

from sqlalchemy import DateTime, Integer, MetaData, String
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column

NAMING = {
    "ix": "ix_%(table_name)s_%(column_0_N_name)s",
    "uq": "uq_%(table_name)s_%(column_0_N_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}


def utcnow() -> _dt.datetime:
    """Naive UTC: SQLite has no time zones, and the ministry compares across islands."""
    return _dt.datetime.now(_dt.timezone.utc).replace(tzinfo=None)


def new_uuid() -> str:
    return str(_uuid.uuid4())


class Base(DeclarativeBase):
    metadata = MetaData(naming_convention=NAMING)
    type_annotation_map = {_dt.datetime: DateTime()}

    # Columns whose values never go into the audit log (shown as "***").
    __audit_secret__: tuple[str, ...] = ()
    # Whether changes to this model are written to the audit log.
    __audited__: bool = False
    # Attribute that names a record in the audit log when it has no UUID.
    __audit_key__: str | None = None


class RecordMixin:
    """The sync-relevant bookkeeping columns of a business record."""

    __audited__ = True

    uuid: Mapped[str] = mapped_column(String(36), unique=True, default=new_uuid)
    created_at: Mapped[_dt.datetime] = mapped_column(default=utcnow)
    created_by: Mapped[str | None] = mapped_column(String(64))
    updated_at: Mapped[_dt.datetime] = mapped_column(default=utcnow)
    updated_by: Mapped[str | None] = mapped_column(String(64))
    revision: Mapped[int] = mapped_column(Integer, default=1)
    deleted_at: Mapped[_dt.datetime | None] = mapped_column()

    @property
    def is_deleted(self) -> bool:
        return self.deleted_at is not None
