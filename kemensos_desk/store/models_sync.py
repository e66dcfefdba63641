"""Office-side sync bookkeeping: the bundles made, what the ministry confirmed, the key.

Local tables (never synced themselves). ``SyncAck`` holds, per record, the highest
revision a ministry receipt confirmed: an export carries every row whose revision is
above it, so a lost stick costs nothing.
"""
from __future__ import annotations

import datetime as _dt

from sqlalchemy import Boolean, ForeignKey, Index, Integer, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from kemensos_desk.store.base import Base, utcnow


class SyncBundle(Base):
    __tablename__ = "sync_bundle"
    __table_args__ = (UniqueConstraint("device_id", "sequence"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    device_id: Mapped[str] = mapped_column(String(36))
    sequence: Mapped[int] = mapped_column(Integer)
    sha256: Mapped[str] = mapped_column(String(64))
    previous_hash: Mapped[str | None] = mapped_column(String(64))
    name: Mapped[str] = mapped_column(String(120))
    files: Mapped[str] = mapped_column(Text)  # JSON list of file names written
    folder: Mapped[str | None] = mapped_column(Text)
    full: Mapped[bool] = mapped_column(Boolean, default=False)
    counts: Mapped[str] = mapped_column(Text)  # JSON {kind: n}
    size: Mapped[int] = mapped_column(Integer, default=0)
    created_at: Mapped[_dt.datetime] = mapped_column(default=utcnow)
    created_by: Mapped[str | None] = mapped_column(String(64))
    confirmed_at: Mapped[_dt.datetime | None] = mapped_column()


class SyncBundleItem(Base):
    """One record revision a bundle carried: a receipt for the bundle confirms it."""

    __tablename__ = "sync_bundle_item"
    __table_args__ = (Index("ix_sync_bundle_item_bundle", "bundle_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    bundle_id: Mapped[int] = mapped_column(ForeignKey("sync_bundle.id", ondelete="CASCADE"))
    kind: Mapped[str] = mapped_column(String(64))
    uuid: Mapped[str] = mapped_column(String(36))
    revision: Mapped[int] = mapped_column(Integer)


class SyncAck(Base):
    __tablename__ = "sync_ack"

    kind: Mapped[str] = mapped_column(String(64), primary_key=True)
    uuid: Mapped[str] = mapped_column(String(36), primary_key=True)
    revision: Mapped[int] = mapped_column(Integer)
    acked_at: Mapped[_dt.datetime] = mapped_column(default=utcnow)


class SyncReceipt(Base):
    """Receipts imported (kept for the screen and for audit)."""

    __tablename__ = "sync_receipt"

    id: Mapped[int] = mapped_column(primary_key=True)
    sha256: Mapped[str] = mapped_column(String(64), unique=True)
    issued_at: Mapped[str] = mapped_column(String(32))
    imported_at: Mapped[_dt.datetime] = mapped_column(default=utcnow)
    confirmed: Mapped[int] = mapped_column(Integer, default=0)
    refused: Mapped[str] = mapped_column(Text, default="[]")  # JSON list the ministry refused


class InstallationKey(Base):
    """The office installation's Ed25519 signing key, created on the first export."""

    __tablename__ = "sync_installation_key"

    id: Mapped[int] = mapped_column(primary_key=True)
    # KEY_FILE_MARKER: the private half lives in <data dir>/kunci-tanda-tangan.json, never in
    # the store or its backups (issue 13); rows made before hold base64 raw Ed25519 until first use.
    private_key: Mapped[str] = mapped_column(Text)
    public_key: Mapped[str] = mapped_column(String(64))
    created_at: Mapped[_dt.datetime] = mapped_column(default=utcnow)
    retired_at: Mapped[_dt.datetime | None] = mapped_column()
