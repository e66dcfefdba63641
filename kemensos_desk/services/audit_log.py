"""Reading the audit log (administrators only), newest first, a page at a time."""
from __future__ import annotations

import json

from sqlalchemy import func, or_, select

from kemensos_desk.core import labels
from kemensos_desk.store.models import AuditEntry
from kemensos_desk.services.auth import Actor
from kemensos_desk.services.workspace import Workspace


def _filtered(query, text: str | None):
    if text:
        like = f"%{text}%"
        query = query.where(or_(AuditEntry.username.like(like), AuditEntry.action.like(like),
                                AuditEntry.entity.like(like), AuditEntry.summary.like(like),
                                AuditEntry.entity_key.like(like),
                                AuditEntry.entity.in_(labels.codes_named("entities", text)),
                                AuditEntry.action.in_(labels.codes_named("actions", text))))
    return query


def count(ws: Workspace, actor: Actor, text: str | None = None) -> int:
    actor.require("audit.read")
    with ws.store.session() as s:
        return s.scalar(_filtered(select(func.count()).select_from(AuditEntry), text))


def ids(ws: Workspace, actor: Actor, text: str | None = None) -> list[int]:
    """Only the ids (newest first): the table fetches rows as they scroll into view."""
    actor.require("audit.read")
    with ws.store.session() as s:
        return list(s.scalars(_filtered(select(AuditEntry.id), text).order_by(AuditEntry.id.desc())))


def rows(ws: Workspace, actor: Actor, entry_ids: list[int]) -> dict[int, dict]:
    actor.require("audit.read")
    with ws.store.session() as s:
        found = s.scalars(select(AuditEntry).where(AuditEntry.id.in_(entry_ids))).all()
        return {e.id: as_dict(e) for e in found}


def as_dict(e: AuditEntry) -> dict:
    before = json.loads(e.before) if e.before else None
    after = json.loads(e.after) if e.after else None
    return {
        "id": e.id, "at": e.at, "username": e.username, "action": e.action, "entity": e.entity,
        "entity_key": e.entity_key, "summary": e.summary, "before": before, "after": after,
        # In words for people: the kind of record and which one (a name, an RO), never a uuid.
        "action_label": labels.action(e.action), "entity_label": labels.entity(e.entity),
        "subject": (labels.subject(after or before) or "") if labels.is_internal_id(e.entity_key)
        else (e.entity_key or labels.subject(after or before)),
    }


def recent(ws: Workspace, actor: Actor, limit: int = 50, text: str | None = None) -> list[dict]:
    actor.require("audit.read")
    with ws.store.session() as s:
        found = s.scalars(_filtered(select(AuditEntry), text).order_by(AuditEntry.id.desc()).limit(limit)).all()
        return [as_dict(e) for e in found]
