"""Conflicts: two devices of one office made the same revision of a record differently.
The ministry shows both versions; a person settles it (the office then corrects its data)."""
from __future__ import annotations

import json

from sqlalchemy import select

from kemensos_desk.core.errors import Refused
from kemensos_desk.ministry.models import MinistryConflict, MinistryRevision
from kemensos_desk.ministry.store import MinistryStore
from kemensos_desk.store.base import utcnow


def open_conflicts(store: MinistryStore, include_settled: bool = False) -> list[dict]:
    with store.session() as s:
        q = select(MinistryConflict).order_by(MinistryConflict.id)
        if not include_settled:
            q = q.where(MinistryConflict.settled_at.is_(None))
        out = []
        for c in s.scalars(q):
            versions = {r.device_id: json.loads(r.data) for r in s.scalars(select(MinistryRevision).where(
                MinistryRevision.office_code == c.office_code, MinistryRevision.kind == c.kind,
                MinistryRevision.uuid == c.uuid, MinistryRevision.revision == c.revision))}
            a, b = versions.get(c.device_a, {}), versions.get(c.device_b, {})
            differs = sorted(k for k in set(a) | set(b) if a.get(k) != b.get(k) and k not in ("updated_at", "updated_by"))
            out.append({"id": c.id, "office": c.office_code, "kind": c.kind, "uuid": c.uuid, "revision": c.revision,
                        "device_a": c.device_a, "device_b": c.device_b, "detected_at": c.detected_at,
                        "settled_at": c.settled_at, "settled_by": c.settled_by,
                        "differences": {k: [a.get(k), b.get(k)] for k in differs}})
    return out


def settle(store: MinistryStore, conflict_id: int, by: str) -> None:
    with store.session() as s:
        c = s.get(MinistryConflict, conflict_id)
        if c is None:
            raise Refused("Konflik nomor {id} tidak ada.", id=conflict_id)
        if c.settled_at is None:
            c.settled_at, c.settled_by = utcnow(), by[:64]
