"""Foundation tables: the office, its users, settings and the audit log."""
from __future__ import annotations

import datetime as _dt

from sqlalchemy import Boolean, ForeignKey, Index, Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from kemensos_desk.store.base import Base, RecordMixin, utcnow
from kemensos_desk.store.registry import register


class Office(RecordMixin, Base):
    """The Dinas Sosial this installation belongs to (one row)."""

    __tablename__ = "office"

    id: Mapped[int] = mapped_column(primary_key=True)
    level: Mapped[str] = mapped_column(String(10))  # provinsi | kabupaten | kota
    region_code: Mapped[str] = mapped_column(String(8))  # dotted: 32 or 32.10
    region_name: Mapped[str] = mapped_column(String(120))
    name: Mapped[str] = mapped_column(String(150))
    address: Mapped[str] = mapped_column(String(300))
    phone: Mapped[str | None] = mapped_column(String(30))
    email: Mapped[str | None] = mapped_column(String(120))
    head_name: Mapped[str] = mapped_column(String(120))
    head_nip: Mapped[str] = mapped_column(String(18))
    is_demo: Mapped[bool] = mapped_column(Boolean, default=False)


class User(Base):
    __tablename__ = "user_account"
    __audited__ = True
    __audit_secret__ = ("password_hash",)
    __audit_key__ = "username"

    id: Mapped[int] = mapped_column(primary_key=True)
    username: Mapped[str] = mapped_column(String(32), unique=True)
    full_name: Mapped[str] = mapped_column(String(120))
    role: Mapped[str] = mapped_column(String(16))  # administrator | operator | verifikator
    password_hash: Mapped[str] = mapped_column(String(200))
    active: Mapped[bool] = mapped_column(Boolean, default=True)
    failed_logins: Mapped[int] = mapped_column(Integer, default=0)
    locked_until: Mapped[_dt.datetime | None] = mapped_column()
    must_change_password: Mapped[bool] = mapped_column(Boolean, default=False)
    last_login_at: Mapped[_dt.datetime | None] = mapped_column()
    created_at: Mapped[_dt.datetime] = mapped_column(default=utcnow)


class Setting(Base):
    """Installation settings as JSON values (language, paper, e-mail limit, device id ...)."""

    __tablename__ = "setting"
    __audited__ = True
    __audit_key__ = "key"

    key: Mapped[str] = mapped_column(String(64), primary_key=True)
    value: Mapped[str] = mapped_column(Text)


class RecoveryCode(Base):
    """Hash of the one-time code, printed at setup, that resets the administrator's password."""

    __tablename__ = "recovery_code"

    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("user_account.id", ondelete="CASCADE"))
    code_hash: Mapped[str] = mapped_column(String(200))
    created_at: Mapped[_dt.datetime] = mapped_column(default=utcnow)
    used_at: Mapped[_dt.datetime | None] = mapped_column()


class AuditEntry(Base):
    """Who changed what and when, with the values before and after (JSON)."""

    __tablename__ = "audit_log"
    __table_args__ = (Index("ix_audit_log_at", "at"), Index("ix_audit_log_entity", "entity", "entity_key"))

    id: Mapped[int] = mapped_column(primary_key=True)
    at: Mapped[_dt.datetime] = mapped_column(default=utcnow)
    username: Mapped[str | None] = mapped_column(String(32))
    action: Mapped[str] = mapped_column(String(32))  # create | update | delete | login | ...
    entity: Mapped[str | None] = mapped_column(String(64))
    entity_key: Mapped[str | None] = mapped_column(String(64))
    summary: Mapped[str | None] = mapped_column(String(300))
    before: Mapped[str | None] = mapped_column(Text)
    after: Mapped[str | None] = mapped_column(Text)


register("office", Office)
register("users", User, local=True)
register("audit_log", AuditEntry, local=True)
