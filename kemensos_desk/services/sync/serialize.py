"""Business records as JSON-able rows, generic over ``store.registry.RECORD_KINDS``.

A foreign key to another business record is carried as the referenced record's UUID
(``refs``), so the ministry can rebuild links without the office's integer ids.
"""
from __future__ import annotations

import base64
import datetime as _dt
import decimal

from sqlalchemy import inspect, select
from sqlalchemy.orm import Session

from kemensos_desk.store.base import RecordMixin
from kemensos_desk.store.catalog import load_all_models
from kemensos_desk.store.registry import RECORD_KINDS


def plain(value):
    if isinstance(value, (_dt.datetime, _dt.date, _dt.time)):
        return value.isoformat()
    if isinstance(value, decimal.Decimal):
        return str(value)
    if isinstance(value, (bytes, bytearray, memoryview)):
        return {"$b64": base64.b64encode(bytes(value)).decode("ascii")}
    return value


def synced_kinds() -> dict[str, type]:
    load_all_models()
    return {k: m for k, m in sorted(RECORD_KINDS.items()) if isinstance(m, type) and issubclass(m, RecordMixin)}


def _fk_targets(model) -> dict[str, type]:
    """Column key -> referenced RecordMixin model, for the FKs that point at business records."""
    by_table = {m.__table__.name: m for m in synced_kinds().values()}
    targets = {}
    for attr in inspect(model).column_attrs:
        col = attr.columns[0]
        for fk in col.foreign_keys:
            target = by_table.get(fk.column.table.name)
            if target is not None:
                targets[attr.key] = target
    return targets


class Serializer:
    def __init__(self, session: Session):
        self.session = session
        self._uuid_maps: dict[type, dict] = {}

    def _uuid_of(self, model, pk):
        if model not in self._uuid_maps:
            pk_col = inspect(model).primary_key[0]
            self._uuid_maps[model] = dict(self.session.execute(select(pk_col, model.uuid)).all())
        return self._uuid_maps[model].get(pk)

    def rows(self, model, acked: dict[str, int] | None = None) -> list[dict]:
        """Every row of the kind (with tombstones), or only those above the acknowledged revision."""
        attrs = [a.key for a in inspect(model).column_attrs]
        targets = _fk_targets(model)
        out = []
        for obj in self.session.scalars(select(model).order_by(model.uuid)):
            if acked is not None and acked.get(obj.uuid, 0) >= (obj.revision or 0):
                continue
            data = {k: plain(getattr(obj, k)) for k in attrs}
            refs = {k: self._uuid_of(t, data[k]) for k, t in targets.items() if data.get(k) is not None}
            out.append({"uuid": obj.uuid, "revision": obj.revision, "deleted": obj.deleted_at is not None,
                        "data": data, "refs": refs})
        return out
