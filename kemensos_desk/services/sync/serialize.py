"""Business records as JSON-able rows, generic over ``store.registry.RECORD_KINDS``.

A foreign key to another business record is carried as the referenced record's UUID
(``refs``), so the ministry can rebuild links without the office's integer ids.

The register can hold a million people, so a kind is read with one SQL statement on the
session's own DBAPI connection (no ORM objects): the referenced UUIDs come from LEFT JOINs,
the receipt filter from a LEFT JOIN on ``sync_ack``, and only the columns whose type converts
values (dates, datetimes, decimals, booleans, bytes) are converted, chosen once per column.
The values are exactly what ``plain(getattr(obj, key))`` gives for the ORM object.
"""
from __future__ import annotations

import base64
import datetime as _dt
import decimal
from typing import Callable, Iterator

import orjson
from sqlalchemy import and_, func, inspect, select
from sqlalchemy.dialects import sqlite
from sqlalchemy.orm import Session

from kemensos_desk.store.base import RecordMixin
from kemensos_desk.store.catalog import load_all_models
from kemensos_desk.store.models_sync import SyncAck
from kemensos_desk.store.registry import RECORD_KINDS

BATCH = 5000  # rows per JSON chunk: big enough for orjson and zlib, small enough for memory


def plain(value):
    if isinstance(value, (_dt.datetime, _dt.date, _dt.time)):
        return value.isoformat()
    if isinstance(value, decimal.Decimal):
        return str(value)
    if isinstance(value, (bytes, bytearray, memoryview)):
        return {"$b64": base64.b64encode(bytes(value)).decode("ascii")}
    return value


def _json_default(value):
    """orjson's fallback: the odd value a column of another type holds (SQLite is lax)."""
    out = plain(value)
    if out is value:
        raise TypeError(f"{type(value).__name__} tidak bisa ditulis sebagai JSON")
    return out


def dumps(data) -> bytes:
    """JSON of payload records (orjson, keys sorted): the payload is only compressed,
    encrypted and hashed, so it needs no byte-identity with the stdlib (the manifest does)."""
    return orjson.dumps(data, default=_json_default, option=orjson.OPT_SORT_KEYS)


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


# --- converting raw DBAPI values ---------------------------------------------------------

def _generic(proc) -> Callable:
    return lambda v: plain(proc(v))


def _datetime(proc) -> Callable:
    # SQLite stores "YYYY-MM-DD HH:MM:SS.ffffff"; isoformat() of the parsed value is the same
    # text with a "T" and without ".000000". Anything else goes the long way.
    def conv(v):
        if type(v) is str and len(v) == 26 and v[10] == " " and v[19] == ".":
            return v[:10] + "T" + (v[11:19] if v.endswith("000000") else v[11:])
        return plain(proc(v))
    return conv


def _date(proc) -> Callable:
    def conv(v):
        if type(v) is str and len(v) == 10 and v[4] == "-" and v[7] == "-":
            return v
        return plain(proc(v))
    return conv


def _converter(col, dialect) -> Callable | None:
    """How a raw value of the column becomes its plain() value; None when it stays as read."""
    impl = col.type.dialect_impl(dialect)
    proc = impl.result_processor(dialect, None)
    if proc is None:
        try:
            is_bytes = col.type.python_type in (bytes, bytearray, memoryview)
        except NotImplementedError:
            is_bytes = False
        return plain if is_bytes else None
    # Only the stock SQLite text storage is taken on the fast path (a custom format goes the long way).
    stock = "_storage_format" not in vars(impl) and getattr(impl, "_reg", None) is None
    if isinstance(impl, sqlite.DATETIME) and stock:
        return _datetime(proc)
    if isinstance(impl, sqlite.DATE) and stock:
        return _date(proc)
    return _generic(proc)


def pending_join(kind: str, table, joined=None):
    """(FROM clause, condition) for the rows whose revision no receipt confirmed yet:
    above the ``sync_ack`` revision of their UUID, or never confirmed at all."""
    ack = SyncAck.__table__.alias("ack")
    joined = (table if joined is None else joined).outerjoin(
        ack, and_(ack.c.kind == kind, ack.c.uuid == table.c.uuid))
    return joined, func.coalesce(table.c.revision, 0) > func.coalesce(ack.c.revision, 0)


class KindReader:
    """One kind: its SQL (with ref joins and the receipt filter) and its row builder."""

    def __init__(self, kind: str, model, dialect, *, pending: bool):
        table = model.__table__
        attrs = sorted(((a.key, a.columns[0]) for a in inspect(model).column_attrs), key=lambda a: a[0])
        self.keys = [k for k, _ in attrs]
        exprs = [c for _, c in attrs]
        joined = table
        self.refs: list[tuple[str, int, int]] = []  # (key, value index, referenced uuid index)
        for key, target in sorted(_fk_targets(model).items()):
            alias = target.__table__.alias(f"ref_{len(self.refs)}")
            pk = inspect(target).primary_key[0]
            joined = joined.outerjoin(alias, alias.c[pk.name] == dict(attrs)[key])
            self.refs.append((key, self.keys.index(key), len(exprs)))
            exprs.append(alias.c["uuid"])
        stmt = select(*exprs)
        if pending:
            joined, above = pending_join(kind, table, joined)
            stmt = stmt.where(above)
        stmt = stmt.select_from(joined).order_by(table.c.uuid)
        self.sql = str(stmt.compile(dialect=dialect, compile_kwargs={"literal_binds": True}))
        self.conv = [(i, f) for i, f in enumerate(_converter(c, dialect) for c in exprs[:len(attrs)]) if f]
        self.uuid_i, self.rev_i, self.del_i = (self.keys.index(k) for k in ("uuid", "revision", "deleted_at"))

    def rows(self, cursor) -> Iterator[dict]:
        keys, conv, refs = self.keys, self.conv, self.refs
        uuid_i, rev_i, del_i = self.uuid_i, self.rev_i, self.del_i
        for raw in cursor:
            vals = list(raw)
            for i, f in conv:
                v = vals[i]
                if v is not None:
                    vals[i] = f(v)
            ref = {k: vals[ri] for k, vi, ri in refs if vals[vi] is not None} if refs else {}
            yield {"data": dict(zip(keys, vals)), "deleted": raw[del_i] is not None, "refs": ref,
                   "revision": raw[rev_i], "uuid": raw[uuid_i]}


class Serializer:
    def __init__(self, session: Session):
        self.session = session

    def _cursor(self, sql: str):
        # The session's own connection: the same transaction as the bundle's bookkeeping.
        return self.session.connection().connection.dbapi_connection.cursor().execute(sql)

    def reader(self, kind: str, model, *, pending: bool) -> KindReader:
        return KindReader(kind, model, self.session.get_bind().dialect, pending=pending)

    def iter_rows(self, reader: KindReader) -> Iterator[dict]:
        cur = self._cursor(reader.sql)
        try:
            yield from reader.rows(cur)
        finally:
            cur.close()

    def rows(self, model, acked: dict[str, int] | None = None) -> list[dict]:
        """Every row of the kind (with tombstones), or only those above the acknowledged revision."""
        out = []
        for r in self.iter_rows(self.reader(model.__tablename__, model, pending=False)):
            if acked is None or acked.get(r["uuid"], 0) < (r["revision"] or 0):
                for part in (r["data"], r["refs"]):  # bytes where SQLite let them in (dumps() does this too)
                    part.update({k: plain(v) for k, v in part.items() if isinstance(v, bytes)})
                out.append(r)
        return out
