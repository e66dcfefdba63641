"""Bulk writes of the spreadsheet imports (100,000-row files): driver-level executemany with
values already in storage form, record columns filled in, UUIDs made in bulk.

The ORM (and even Core's per-row parameter processing) costs more than SQLite itself on
100,000 rows, so statements go to the DB-API cursor of the session's own connection (same
transaction). Used through ``services.importing``.
"""
from __future__ import annotations

import datetime as _dt
import os
from contextlib import contextmanager

from sqlalchemy import bindparam, update

from kemensos_desk.store.base import utcnow


def record_columns(username: str, now: _dt.datetime | None = None) -> dict:
    """RecordMixin columns for a core insert (the ORM flush listener does not see those)."""
    now = now or utcnow()
    return {"created_at": now, "created_by": username, "updated_at": now, "updated_by": username,
            "revision": 1, "deleted_at": None}


def _sql_value(value):
    """Values as SQLAlchemy's SQLite types store them (dates ISO text), for driver-level executemany."""
    if isinstance(value, _dt.datetime):
        return value.strftime("%Y-%m-%d %H:%M:%S.%f")
    if isinstance(value, _dt.date):
        return value.isoformat()
    if isinstance(value, bool):
        return int(value)
    return value


def _needs_convert(column) -> bool:
    try:
        return column.type.python_type in (_dt.date, _dt.datetime, bool)
    except NotImplementedError:
        return True


def bulk_insert(session, model, rows: list[dict], username: str) -> list[str]:
    """Insert many rows (dicts, same keys in all) with one driver-level executemany; returns
    their UUIDs (in order). ``insert_rows`` (tuples) is faster still for the largest imports."""
    if not rows:
        return []
    base = record_columns(username)
    keys = list(dict.fromkeys([*base, "uuid", *rows[0]]))
    known = set(model.__table__.c.keys())
    unknown = [k for k in keys if k not in known]
    if unknown:
        raise ValueError(f"kolom tidak dikenal di {model.__tablename__}: {unknown}")
    uuids = new_uuids(len(rows))
    fixed = {k: _sql_value(v) for k, v in base.items()}
    # Only date/time/bool columns need converting; the others go through as they are.
    convert = {k for k in rows[0] if _needs_convert(model.__table__.c[k])}
    params = [tuple(u if k == "uuid" else (_sql_value(r[k]) if k in convert else r[k]) if k in r else fixed[k]
                    for k in keys) for r, u in zip(rows, uuids)]
    sql = (f"INSERT INTO {model.__tablename__} ({', '.join(keys)}) "
           f"VALUES ({', '.join('?' for _ in keys)})")
    session.connection().exec_driver_sql(sql, params)
    return uuids


def new_uuids(n: int) -> list[str]:
    """``n`` random (version 4) UUIDs, sorted.

    Given to rows in file order, sorted UUIDs fill the unique UUID index front to back
    instead of at random places: measured on 100,000 rows, the insert takes about half
    the time. Made from one ``os.urandom`` call (``uuid.uuid4()`` per row costs more).
    """
    raw = os.urandom(16 * n).hex()
    variant = _VARIANT
    out = [f"{h[:8]}-{h[8:12]}-4{h[13:16]}-{variant[h[16]]}{h[17:20]}-{h[20:]}"
           for h in (raw[i:i + 32] for i in range(0, 32 * n, 32))]
    out.sort()
    return out


_VARIANT = {c: "89ab"[int(c, 16) & 3] for c in "0123456789abcdef"}  # RFC 4122: the top bits are 10


def insert_rows(session, model, keys: tuple[str, ...], rows: list[tuple], username: str, *,
                constants: dict | None = None) -> list[int]:
    """Insert rows given as tuples in storage form (dates as ISO text) in ``keys`` order;
    returns their ids in the same order.

    ``keys`` ends with ``"uuid"`` (values from ``new_uuids``); the record columns and the
    ``constants`` (the same for every row) go into the statement as SQL literals. For the
    100,000-row imports: no dict per row, fewer values to bind (measured: a fifth of the
    insert), one executemany, and the new ids known without reading them back.
    """
    if not rows:
        return []
    table = model.__tablename__
    if keys[-1] != "uuid":
        raise ValueError("insert_rows: the last key must be 'uuid'")
    fixed = {**(constants or {}), **record_columns(username)}
    known = set(model.__table__.c.keys())
    unknown = [k for k in (*keys, *fixed) if k not in known]
    if unknown:
        raise ValueError(f"kolom tidak dikenal di {table}: {unknown}")
    literals = [_literal(_sql_value(v)) for v in fixed.values()]
    sql = (f"INSERT INTO {table} ({', '.join((*keys, *fixed))}) "
           f"VALUES ({', '.join(['?'] * len(keys) + literals)})")
    n = len(rows)
    first, final = rows[0][-1], rows[-1][-1]
    # The session's own DB-API cursor (same connection and transaction): no per-row
    # SQLAlchemy processing of parameters or results.
    cur = session.connection().connection.cursor()
    try:
        before = cur.execute(f"SELECT coalesce(max(id), 0) FROM {table}").fetchone()[0]
        cur.executemany(sql, rows)
        # Each insert takes the largest rowid + 1, so the rows normally hold before+1 .. before+n
        # in order; checked (count, last id, first and last UUID), else read back by UUID.
        if before + n < _MAX_ROWID:
            count, last = cur.execute(f"SELECT count(*), max(id) FROM {table} WHERE id > ?", (before,)).fetchone()
            ends = [u for (u,) in cur.execute(f"SELECT uuid FROM {table} WHERE id IN (?, ?) ORDER BY id",
                                              (before + 1, before + n))]
            if count == n and last == before + n and ends == ([first, final] if n > 1 else [first]):
                return list(range(before + 1, before + n + 1))
        ids = {}
        for part in chunks([r[-1] for r in rows]):
            ids.update(cur.execute(f"SELECT uuid, id FROM {table} WHERE uuid IN ({', '.join('?' * len(part))})",
                                   part).fetchall())
    finally:
        cur.close()
    return [ids[r[-1]] for r in rows]


_MAX_ROWID = 2**63 - 1


def _literal(value) -> str:
    """A constant as an SQL literal (text quoted, quotes doubled)."""
    if value is None:
        return "NULL"
    if isinstance(value, int):  # bool is stored as 0/1 already (_sql_value)
        return str(int(value))
    if isinstance(value, str) and "\x00" not in value:
        return "'" + value.replace("'", "''") + "'"
    raise ValueError(f"nilai tetap tidak didukung: {value!r}")


@contextmanager
def large_cache(session, kib: int = 262144):
    """A larger page cache for a bulk write on this connection, restored afterwards.

    Index inserts at random places (NIK, name) re-read pages the default 2 MB cache has
    dropped; SQLite only takes the memory it needs.
    """
    conn = session.connection()
    before = conn.exec_driver_sql("PRAGMA cache_size").scalar()
    conn.exec_driver_sql(f"PRAGMA cache_size=-{int(kib)}")
    try:
        yield
    finally:
        conn.exec_driver_sql(f"PRAGMA cache_size={int(before)}")


def bulk_update(session, model, rows: list[dict], username: str) -> None:
    """Update many rows by ``id`` (each dict: ``id`` + the changed columns, same keys in all)."""
    if not rows:
        return
    table = model.__table__
    keys = [k for k in rows[0] if k != "id"]
    stmt = (update(table).where(table.c.id == bindparam("_id"))
            .values(**{k: bindparam(f"_{k}") for k in keys}, updated_at=utcnow(), updated_by=username,
                    revision=table.c.revision + 1))
    session.connection().execute(stmt, [{f"_{k}": v for k, v in r.items()} for r in rows])


def chunks(items: list, size: int = 30000):
    for i in range(0, len(items), size):
        yield items[i:i + size]
