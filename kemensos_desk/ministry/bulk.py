"""Writing a bundle's records: every revision received, the newest per record flagged current.

A national import carries millions of rows, so this path avoids the ORM: it reads back
only what is stored for the uuids the bundle carries (nothing at all for an office's
first bundle), serialises each row once (orjson, sorted keys), and inserts in bulk on
the session's own connection, inside the bundle's transaction: ``executemany`` on
SQLite, ``COPY`` on PostgreSQL, Core ``executemany`` elsewhere.
"""
from __future__ import annotations

import json
from operator import itemgetter
from typing import Any

import orjson
from sqlalchemy import bindparam, exc as sa_exc, insert, select, update
from sqlalchemy.orm import Session

from kemensos_desk.ministry.models import MinistryConflict, MinistryRevision
from kemensos_desk.store.base import utcnow

REVISION_COLUMNS = ("office_code", "kind", "uuid", "revision", "device_id", "bundle_id", "deleted", "data", "refs",
                    "is_current")
CHUNK = 900  # uuids per IN (...) look-up: well under SQLite's and PostgreSQL's bind limits
_SORTED = orjson.OPT_SORT_KEYS
_EMPTY: dict = {}
_orjson = orjson.dumps


def dumps(value: Any) -> str:
    """Canonical text of a row's data/refs: sorted keys, compact, UTF-8 (valid JSON)."""
    if type(value) is dict and not value:
        return "{}"
    try:
        return orjson.dumps(value, option=_SORTED).decode("utf-8")
    except TypeError:  # e.g. an integer beyond 64 bits (json.loads read the payload): json keeps it exact
        return json.dumps(value, ensure_ascii=False, sort_keys=True, separators=(",", ":"))


def _rows(code: str, device: str, bundle_id: int, records: dict) -> list[tuple]:
    """The bundle's rows in ministry_revision's column order (REVISION_COLUMNS), flagged current."""
    try:  # the hot loop: orjson inline (a million rows); anything it cannot write goes the slow way
        return [(code, kind, row["uuid"], int(row["revision"]), device, bundle_id, bool(row.get("deleted")),
                 _orjson(row.get("data", _EMPTY), option=_SORTED).decode("utf-8"),
                 _orjson(row.get("refs", _EMPTY), option=_SORTED).decode("utf-8"), True)
                for kind, items in records.items() for row in items]
    except TypeError:
        return [(code, kind, row["uuid"], int(row["revision"]), device, bundle_id, bool(row.get("deleted")),
                 dumps(row.get("data", {})), dumps(row.get("refs", {})), True)
                for kind, items in records.items() for row in items]


def same_data(stored: str, text: str) -> bool:
    """Equal content; a stored text in another spelling (older writer) is compared re-serialised."""
    if stored == text:
        return True
    try:
        return dumps(json.loads(stored)) == text
    except ValueError:
        return False


def write_records(s: Session, code: str, device: str, bundle_id: int, records: dict, out, *,
                  new_office: bool = False) -> None:
    """Counts new / updated / unchanged on ``out``; records conflicts between devices.
    ``new_office``: the office's first bundle, nothing of it is stored to compare with."""
    rows = _rows(code, device, bundle_id, records)
    by_key = itemgetter(1, 2)  # (kind, uuid): inserted in this order, the unique index grows at its end
    current, devices = ({}, {}) if new_office else _stored(s, code, rows)
    if not current and len(set(map(by_key, rows))) == len(rows):
        # Nothing stored yet for these records (an office's first bundle, or only new
        # records) and each once: every row is a new record, its first revision current.
        rows.sort(key=by_key)
        insert_rows(s, MinistryRevision.__table__, REVISION_COLUMNS, rows)
        out.new += len(rows)
        return
    new_revisions: list[tuple] = []
    demote, candidates = set(), []
    for row in rows:
        kind, uuid, rev, data = row[1], row[2], row[3], row[7]
        seen = devices.get((kind, uuid, rev))
        new_revision = seen is None or device not in seen
        if new_revision:
            if seen:  # the same revision already came from another device: compare after the loop
                candidates.append((kind, uuid, rev, data))
                seen.add(device)
            else:
                devices[(kind, uuid, rev)] = {device}
        cur = current.get((kind, uuid))  # [stored?, revision, index of its row in new_revisions]
        if cur is None:
            current[(kind, uuid)] = [False, rev, len(new_revisions)]
            new_revisions.append(row)  # current (rows come flagged so)
            out.new += 1
        elif rev > cur[1] and new_revision:
            if cur[2] is not None:  # the one this same bundle made current
                new_revisions[cur[2]] = new_revisions[cur[2]][:-1] + (False,)
            elif cur[0]:
                demote.add((kind, uuid))
            cur[1], cur[2] = rev, len(new_revisions)
            new_revisions.append(row)
            out.updated += 1
        else:
            if new_revision:  # kept, never current: a late lower revision or another device's copy
                new_revisions.append(row[:-1] + (False,))
            out.unchanged += 1
    if candidates:
        _conflicts(s, code, device, candidates)
    if demote:  # before the inserts: they bring the new current revisions
        t = MinistryRevision.__table__
        s.connection().execute(update(t).where(
            t.c.office_code == code, t.c.kind == bindparam("_kind"), t.c.uuid == bindparam("_uuid"),
            t.c.is_current.is_(True)).values(is_current=False),
            [{"_kind": k, "_uuid": u} for k, u in sorted(demote)])
    new_revisions.sort(key=by_key)
    insert_rows(s, MinistryRevision.__table__, REVISION_COLUMNS, new_revisions)


def _stored(s: Session, code: str, rows: list[tuple]) -> tuple[dict, dict]:
    """(kind, uuid) -> [True, current revision, None] of the stored records the bundle
    touches, and (kind, uuid, revision) -> {devices} of their stored revisions."""
    current: dict[tuple, list] = {}
    devices: dict[tuple, set] = {}
    by_kind: dict[str, set] = {}
    for row in rows:
        by_kind.setdefault(row[1], set()).add(row[2])
    for kind, uuids in by_kind.items():
        for uuid, rev, dev, is_current in _select_in(
                s, "SELECT uuid, revision, device_id, is_current FROM ministry_revision "
                   "WHERE office_code = {p} AND kind = {p}", [code, kind], sorted(uuids)):
            devices.setdefault((kind, uuid, rev), set()).add(dev)
            if is_current:
                current[(kind, uuid)] = [True, rev, None]
    return current, devices


def _select_in(s: Session, head: str, fixed: list, values: list) -> list[tuple]:
    """``head AND uuid IN (values)`` in chunks, as driver SQL: the look-ups of a bundle
    that updates thousands of records would otherwise spend most of their time compiling."""
    conn = s.connection()
    p = "?" if conn.dialect.paramstyle == "qmark" else "%s"
    head = head.format(p=p)
    out: list[tuple] = []
    for i in range(0, len(values), CHUNK):
        part = values[i:i + CHUNK]
        sql = f"{head} AND uuid IN ({', '.join([p] * len(part))})"
        out += conn.exec_driver_sql(sql, tuple(fixed + part)).all()
    return out


def _conflicts(s: Session, code: str, device: str, candidates: list[tuple]) -> None:
    """A conflict per other device whose copy of the same revision differs."""
    v = MinistryRevision
    by_kind: dict[str, set] = {}
    for kind, uuid, _rev, _data in candidates:
        by_kind.setdefault(kind, set()).add(uuid)
    others: dict[tuple, list] = {}
    for kind, uuids in by_kind.items():
        ordered = sorted(uuids)
        for i in range(0, len(ordered), CHUNK):
            for uuid, rev, dev, data in s.execute(select(v.uuid, v.revision, v.device_id, v.data).where(
                    v.office_code == code, v.kind == kind, v.uuid.in_(ordered[i:i + CHUNK]),
                    v.device_id != device).order_by(v.id)):
                others.setdefault((kind, uuid, rev), []).append((dev, data))
    now = utcnow()
    found = [{"office_code": code, "kind": kind, "uuid": uuid, "revision": rev, "device_a": other, "device_b": device,
              "detected_at": now}
             for kind, uuid, rev, data in candidates
             for other, stored in others.get((kind, uuid, rev), []) if not same_data(stored, data)]
    if found:
        s.connection().execute(insert(MinistryConflict.__table__), found)


def insert_rows(s: Session, table, columns: tuple[str, ...], rows: list) -> None:
    """Bulk insert of tuples on the session's connection (same transaction)."""
    if not rows:
        return
    conn = s.connection()
    dialect = conn.dialect
    raw = conn.connection.dbapi_connection
    names = ", ".join(columns)
    try:
        if dialect.name == "sqlite":
            sql = f"INSERT INTO {table.name} ({names}) VALUES ({', '.join('?' * len(columns))})"
            cur = raw.cursor()
            try:
                cur.executemany(sql, rows)
            finally:
                cur.close()
            return
        if dialect.name == "postgresql" and dialect.driver == "psycopg":
            sql = f"COPY {table.name} ({names}) FROM STDIN"
            with raw.cursor() as cur, cur.copy(sql) as copy:
                for row in rows:
                    copy.write_row(row)
            return
    except dialect.dbapi.Error as exc:  # shown like any other database problem, never as a trace
        raise sa_exc.DBAPIError.instance(sql, None, exc, dialect.dbapi.Error) from exc
    conn.execute(table.insert(), [dict(zip(columns, row)) for row in rows])
