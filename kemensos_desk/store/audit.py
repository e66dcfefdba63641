"""Every flush writes its own audit trail: before/after values of each audited record,
and the revision and updated-by bookkeeping of business records. Doing it in the
session, not in each service, means no write can forget it.
"""
from __future__ import annotations

import datetime as _dt
import decimal
import json

from sqlalchemy import event, inspect
from sqlalchemy.orm import Session

from kemensos_desk.store.base import RecordMixin, new_uuid, utcnow
from kemensos_desk.store.models import AuditEntry

# Bookkeeping columns that change on their own; they would only add noise to the log.
_QUIET = {"failed_logins", "locked_until", "last_login_at", "updated_at", "updated_by", "revision"}


def _plain(value):
    if isinstance(value, (_dt.date, _dt.datetime)):
        return value.isoformat()
    if isinstance(value, decimal.Decimal):
        return str(value)
    return value


def _key(obj) -> str | None:
    named = getattr(obj, "__audit_key__", None)
    if named:
        return str(getattr(obj, named))
    uuid = getattr(obj, "uuid", None)
    if uuid:
        return uuid
    ident = inspect(obj).identity
    return "/".join(str(i) for i in ident) if ident else None


def _snapshot(obj) -> dict:
    secret = getattr(obj, "__audit_secret__", ())
    state = inspect(obj)
    return {
        a.key: ("***" if a.key in secret else _plain(getattr(obj, a.key)))
        for a in state.mapper.column_attrs
    }


def _changes(obj) -> tuple[dict, dict]:
    secret = getattr(obj, "__audit_secret__", ())
    before, after = {}, {}
    state = inspect(obj)
    for attr in state.mapper.column_attrs:
        hist = state.attrs[attr.key].history
        if not hist.has_changes() or attr.key in _QUIET:
            continue
        old = hist.deleted[0] if hist.deleted else None
        new = hist.added[0] if hist.added else None
        if old == new:
            continue
        before[attr.key] = "***" if attr.key in secret else _plain(old)
        after[attr.key] = "***" if attr.key in secret else _plain(new)
    return before, after


def _dump(values: dict | None) -> str | None:
    return None if values is None else json.dumps(values, ensure_ascii=False, sort_keys=True)


@event.listens_for(Session, "before_flush")
def _record_changes(session: Session, _ctx, _instances) -> None:
    actor = session.info.get("actor")
    now = utcnow()
    entries = []
    for obj in list(session.new):
        if isinstance(obj, RecordMixin):
            obj.uuid = obj.uuid or new_uuid()
            obj.created_by = obj.created_by or actor
            obj.updated_by = obj.updated_by or actor
            obj.created_at = obj.created_at or now
            obj.updated_at = obj.updated_at or now
            obj.revision = obj.revision or 1
        if getattr(obj, "__audited__", False):
            entries.append((obj, "create", None, _snapshot(obj)))
    for obj in list(session.dirty):
        if not getattr(obj, "__audited__", False) or not session.is_modified(obj, include_collections=False):
            continue
        before, after = _changes(obj)
        if not after:
            continue
        if isinstance(obj, RecordMixin):
            obj.revision = (obj.revision or 0) + 1
            obj.updated_at = now
            obj.updated_by = actor
            if "deleted_at" in after and after["deleted_at"] is not None:
                entries.append((obj, "delete", before, after))
                continue
        entries.append((obj, "update", before, after))
    for obj in list(session.deleted):
        if getattr(obj, "__audited__", False):
            entries.append((obj, "purge", _snapshot(obj), None))
    for obj, action, before, after in entries:
        session.add(AuditEntry(
            at=now, username=actor, action=action, entity=obj.__tablename__, entity_key=_key(obj),
            before=_dump(before), after=_dump(after),
        ))


def log_event(session: Session, action: str, summary: str, *, entity: str | None = None,
              entity_key: str | None = None, username: str | None = None) -> None:
    """An audit line for something that is not a row change: login, backup, restore ..."""
    session.add(AuditEntry(
        at=utcnow(), username=username or session.info.get("actor"), action=action,
        entity=entity, entity_key=entity_key, summary=summary,
    ))
