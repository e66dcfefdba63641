"""bundle export and ministry import of the register (1,000,000 people, one record each).

- bundle export: ``export_bundle(full=True)`` of the register; baseline: the same rows read
  with ``sqlite3``, ``json`` dumped and zipped (zlib, level 6).
- ministry import: that bundle into an empty SQLite ministry store, baseline ``executemany``
  of the same rows; and into PostgreSQL (127.0.0.1:5432, database ``test``, a schema of
  its own), baseline ``COPY`` of the same rows.
"""
from __future__ import annotations

import json
import sqlite3
import uuid as _uuid
import zlib
from pathlib import Path

from tests.bench import data, harness

KEY_FILE = harness.ROOT / "resources" / "keys" / "demo-ministry.key"
PG_DSN = "host=127.0.0.1 port=5432 user=postgres dbname=test"
PG_URL = "postgresql+psycopg://postgres@127.0.0.1:5432/test"
ADMIN = ("admin", "Administrator Bench", "administrator")


def export(data_dir: Path, out: Path):
    from kemensos_desk.services.auth import Actor
    from kemensos_desk.services.sync.export import export_bundle
    from kemensos_desk.services.workspace import Workspace

    ws = Workspace.open(data_dir)
    try:
        return export_bundle(ws, Actor(*ADMIN), out, full=True, max_part_bytes=2**40)
    finally:
        ws.close()


def register_rows(db: Path) -> list[dict]:
    conn = sqlite3.connect(db)
    try:
        cur = conn.execute("SELECT * FROM spm_beneficiary ORDER BY uuid")
        cols = [c[0] for c in cur.description]
        u, rev, dele = cols.index("uuid"), cols.index("revision"), cols.index("deleted_at")
        return [{"uuid": r[u], "revision": r[rev], "deleted": r[dele] is not None, "data": dict(zip(cols, r))}
                for r in cur]
    finally:
        conn.close()


def baseline_export(db: Path, out: Path) -> int:
    rows = register_rows(db)
    out.write_bytes(zlib.compress(json.dumps({"records": {"spm_beneficiaries": rows}}).encode(), 6))
    return len(rows)


def ministry_import(url: str, files: list[Path]):
    from kemensos_desk.ministry import importer, store as mstore

    mstore.init(url, KEY_FILE)
    store = mstore.open_store(url)
    try:
        return importer.import_paths(store, files)
    finally:
        store.dispose()


def baseline_sqlite(rows: list[dict], db: Path) -> int:
    conn = sqlite3.connect(db)
    with conn:
        conn.execute("CREATE TABLE record (kind TEXT, uuid TEXT PRIMARY KEY, revision INTEGER, deleted INTEGER, data TEXT)")
        conn.executemany("INSERT INTO record VALUES ('spm_beneficiaries', ?, ?, ?, ?)",
                         [(r["uuid"], r["revision"], r["deleted"], json.dumps(r["data"], sort_keys=True)) for r in rows])
    n = conn.execute("SELECT COUNT(*) FROM record").fetchone()[0]
    conn.close()
    return n


def _pg_schema():
    import psycopg

    conn = psycopg.connect(PG_DSN, connect_timeout=3, autocommit=True)
    schema = f"kd_bench_{_uuid.uuid4().hex[:10]}"
    conn.execute(f'CREATE SCHEMA "{schema}"')
    return conn, schema


def baseline_copy(rows: list[dict], schema: str) -> int:
    import psycopg

    with psycopg.connect(PG_DSN + f" options=-csearch_path={schema}") as conn:
        conn.execute("CREATE TABLE record (kind TEXT, uuid TEXT PRIMARY KEY, revision INTEGER, deleted BOOLEAN, data TEXT)")
        with conn.cursor().copy("COPY record (kind, uuid, revision, deleted, data) FROM STDIN") as copy:
            for r in rows:
                copy.write_row(("spm_beneficiaries", r["uuid"], r["revision"], r["deleted"],
                                json.dumps(r["data"], sort_keys=True)))
        return conn.execute("SELECT COUNT(*) FROM record").fetchone()[0]


def _imported(outcomes) -> int:
    assert [o.status for o in outcomes] == ["imported"], [(o.status, o.reason) for o in outcomes]
    return outcomes[0].new


@harness.case("bundle export")
def sync_cases(bench: harness.Bench) -> list[harness.Result]:
    n = bench.size(1_000_000, 5_000)
    work = bench.dir("sync")
    data_dir = data.copy_office(data.register_office(n, people_only=True), work / "data")
    db = data_dir / "kemensos.sqlite"
    count = f"{n:,} rekaman".replace(",", ".")
    base, base_n = harness.timed(baseline_export, db, work / "baseline.zlib")
    value, result = harness.timed(export, data_dir, work / "keluar")
    assert result.records.get("spm_beneficiaries") == base_n == n, (result.records, base_n)
    r = harness.ratio(value, base)
    out = [harness.result("bundle export", value, base, "≤ 2×", r <= 2,
                          note=f"{count}; {result.size / 2**20:.0f} MiB")]

    rows = register_rows(db)
    base, base_n = harness.timed(baseline_sqlite, rows, work / "baseline-ministry.sqlite")
    value, outcomes = harness.timed(ministry_import, str(work / "kementerian.sqlite"), result.files)
    total = sum(result.records.values())  # the register and the office's few other records
    assert _imported(outcomes) == total and base_n == n
    r = harness.ratio(value, base)
    out.append(harness.result("ministry import (SQLite)", value, base, "≤ 3×", r <= 3, note=count))

    try:
        admin, schema = _pg_schema()
    except Exception as exc:  # noqa: BLE001 (no server: say so in the table)
        out.append(harness.result("ministry import (PostgreSQL)", None, None, "≤ 3×", None,
                                  note=f"PostgreSQL tidak tersedia: {exc}"))
        return out
    try:
        base_schema = schema + "_copy"
        admin.execute(f'CREATE SCHEMA "{base_schema}"')
        base, base_n = harness.timed(baseline_copy, rows, base_schema)
        url = f"{PG_URL}?options=-csearch_path%3D{schema}"
        value, outcomes = harness.timed(ministry_import, url, result.files)
        assert _imported(outcomes) == total and base_n == n
        r = harness.ratio(value, base)
        out.append(harness.result("ministry import (PostgreSQL)", value, base, "≤ 3×", r <= 3, note=count))
    finally:
        for s in (schema, schema + "_copy"):
            admin.execute(f'DROP SCHEMA IF EXISTS "{s}" CASCADE')
        admin.close()
    return out
