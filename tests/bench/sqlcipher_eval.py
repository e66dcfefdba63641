"""SQLCipher against plain SQLite on the bench's 1.000.000-person office (issue 13, item 3).

    KEMENSOS_BENCH_CACHE=/tmp/bench-cache .venv/bin/python -m tests.bench.sqlcipher_eval [--people N]

Needs ``sqlcipher3-wheels`` (not a runtime dependency; installed by hand for the evaluation).
Uses the same cached office as ``make bench`` (built on first use), copies it into an encrypted
file with ``sqlcipher_export`` under a random 256-bit raw key (no PBKDF2 at open: the office
data key is random and unwrapped from a password once per login), then runs the work of the
bench's office cases on both files with the same SQL: the register's first page, NIK and name
prefix lookups (as typed), the achievement SQL of 4.999.996 deliveries, a full read of the
register (what a bundle export reads) and a 10.000-person write in one transaction.
Results are printed as a table and written to ``sqlcipher-eval.json`` when ``--out`` is given.
"""
from __future__ import annotations

import argparse
import contextlib
import json
import os
import secrets
import shutil
import sqlite3
import time
from pathlib import Path

from tests.bench import case_achievement, case_register, case_sync, data, harness


def _cipher_connect(path: Path, key: bytes):
    """SQLCipher's connection; an empty ``key`` leaves the file plain (its bundled SQLite)."""
    import sqlcipher3

    conn = sqlcipher3.connect(str(path))
    if key:
        conn.execute(f"PRAGMA key = \"x'{key.hex()}'\"")
    return conn


def encrypted_copy(plain: Path, target: Path, key: bytes) -> float:
    import sqlcipher3

    target.unlink(missing_ok=True)
    t0 = time.perf_counter()
    conn = sqlcipher3.connect(str(plain))
    conn.execute(f"ATTACH DATABASE '{target}' AS enc KEY \"x'{key.hex()}'\"")
    conn.execute("SELECT sqlcipher_export('enc')")
    conn.execute("DETACH DATABASE enc")
    conn.close()
    return time.perf_counter() - t0


class _Shim:
    """Stands in for the ``sqlite3`` module inside a bench case, opening the encrypted file."""

    def __init__(self, key: bytes):
        self.key = key

    def connect(self, path, *a, **kw):
        return _cipher_connect(Path(path), self.key)


def _first_page(connect, db):
    conn = connect(db)
    try:
        return conn.execute(f"SELECT {case_register.COLS} FROM spm_beneficiary WHERE deleted_at IS NULL "
                            "ORDER BY name_key, id LIMIT 50").fetchall()
    finally:
        conn.close()


def _lookups(connect, db) -> list[float]:
    conn = connect(db)
    times = []
    try:
        for word in case_register.TYPED:
            for k in range(1, len(word) + 1):
                where, params = case_register._range(word[:k])
                order = "nik, id" if "nik >=" in where else "name_key, id"
                t0 = time.perf_counter()
                conn.execute(f"SELECT {case_register.COLS} FROM spm_beneficiary WHERE deleted_at IS NULL {where} "
                             f"ORDER BY {order} LIMIT 50", params).fetchall()
                conn.execute(f"SELECT COUNT(*) FROM (SELECT 1 FROM spm_beneficiary WHERE deleted_at IS NULL {where} "
                             f"LIMIT {case_register.CAP + 1})", params).fetchone()
                times.append(time.perf_counter() - t0)
    finally:
        conn.close()
    return times


def _full_read(connect, db) -> int:
    conn = connect(db)
    try:
        n = 0
        for _row in conn.execute("SELECT * FROM spm_beneficiary"):
            n += 1
        return n
    finally:
        conn.close()


def _write(connect, db, start: int) -> None:
    conn = connect(db)
    try:
        conn.execute("PRAGMA journal_mode=WAL")
        conn.execute("PRAGMA synchronous=FULL")
        row = conn.execute("SELECT * FROM spm_beneficiary LIMIT 1").fetchone()
        cols = [d[0] for d in conn.execute("SELECT * FROM spm_beneficiary LIMIT 1").description]
        with conn:
            for i in range(10_000):
                values = dict(zip(cols, row))
                values.update(id=start + i, uuid=f"eval-{start + i}", nik=None, name_key=f"eval {i}",
                              no_nik_reason="belum_memiliki")
                conn.execute(f"INSERT INTO spm_beneficiary ({', '.join(cols)}) VALUES ({', '.join('?' * len(cols))})",
                             [values[c] for c in cols])
    finally:
        conn.close()


@contextlib.contextmanager
def _encrypted_stores(key: bytes):
    """The app's own Store on SQLCipher: ``create_engine`` with a creator that keys each
    connection before the usual pragmas (what step 2 of docs/SECURITY_AT_REST.md builds).
    Migrations are skipped: the copy is already at head, and Alembic's check and the
    bundle's ``schema_version`` read the file with the plain ``sqlite3`` (step 2 reroutes them)."""
    from sqlalchemy import create_engine, event

    from kemensos_desk.store import database, migrations

    def make_engine(path, _key=None):
        engine = create_engine(f"sqlite:///{path}", creator=lambda: _cipher_connect(Path(path), key), future=True)
        event.listen(engine, "connect", database._on_connect)
        return engine

    saved = database.make_engine, migrations.upgrade, migrations.current_revision
    head = migrations.head_revisions()
    database.make_engine, migrations.upgrade = make_engine, (lambda store, backups: None)
    migrations.current_revision = lambda path, key=None: head  # the bundle's schema_version, read with sqlite3 today
    try:
        yield
    finally:
        database.make_engine, migrations.upgrade, migrations.current_revision = saved


def _ours(fn, data_dir: Path, key: bytes | None, *args):
    if key is None:
        return harness.timed(fn, data_dir, *args)
    with _encrypted_stores(key):
        return harness.timed(fn, data_dir, *args)


def measure(people: int) -> list[dict]:
    """Three columns: the system ``sqlite3`` (today), the SQLite that ``sqlcipher3`` bundles
    without a key (a newer SQLite: its own planner and speed), and SQLCipher with the key.
    ``ratio`` = SQLCipher / bundled SQLite: the cost of encryption alone."""
    data_dir = data.register_office(people)
    plain = data_dir / "kemensos.sqlite"
    work = Path(os.environ.get("TMPDIR", "/tmp")) / f"sqlcipher-eval-{os.getpid()}"
    work.mkdir(parents=True, exist_ok=True)
    cipher = work / "enc" / "kemensos.sqlite"
    cipher.parent.mkdir(exist_ok=True)
    key = secrets.token_bytes(32)
    export_s = encrypted_copy(plain, cipher, key)
    plain_copy = data.copy_office(data_dir, work / "plain") / "kemensos.sqlite"
    shim_cipher, shim_bundled = _Shim(key), _Shim(b"")
    # variant: (connect, file, key for the app's Store: None = the app as it is today)
    variants = {"sqlite": (sqlite3.connect, plain_copy, None),
                "bundled": (shim_bundled.connect, plain_copy, b""),
                "cipher": (shim_cipher.connect, cipher, key)}
    rows = []

    def case(name, fn, note=""):
        """``fn(connect, path, store_key)`` -> (seconds, result); results must agree."""
        got = {v: fn(*args) for v, args in variants.items()}
        results = {repr(r) for _s, r in got.values()}
        assert len(results) == 1, f"{name}: hasil berbeda"
        t = {v: s for v, (s, _r) in got.items()}
        rows.append({"case": name, "sqlite_s": round(t["sqlite"], 4), "bundled_s": round(t["bundled"], 4),
                     "sqlcipher_s": round(t["cipher"], 4),
                     "ratio": round(t["cipher"] / t["bundled"], 2) if t["bundled"] else None,
                     "vs_today": round(t["cipher"] / t["sqlite"], 2) if t["sqlite"] else None, "note": note})

    for connect, path, _k in variants.values():
        _first_page(connect, path)  # warm the file cache for every variant
    case("register first page (open + 50 rows)", lambda c, p, k: harness.timed(_first_page, c, p, repeat=3),
         "terbaik dari 3")
    case("NIK / name prefix lookup p95", lambda c, p, k: (harness.percentile(_lookups(c, p), 95), None),
         f"{sum(len(w) for w in case_register.TYPED)} ketikan")
    year = data.YEAR

    def achievement_sql(connect, path, _k):
        saved = case_achievement.sqlite3
        case_achievement.sqlite3 = sqlite3 if connect is sqlite3.connect else _Shim(key if path == cipher else b"")
        try:
            return harness.timed(case_achievement.baseline, path, year)
        finally:
            case_achievement.sqlite3 = saved

    case("achievement SQL (all deliveries)", achievement_sql)
    case("achievement, the app's service through SQLAlchemy",
         lambda c, p, k: _ours(case_achievement.ours, p.parent, k, year), "spm capaian")
    exports = iter(range(3))
    case("bundle export, the app's service (full)",
         lambda c, p, k: (lambda r: (r[0], r[1].records))(_ours(case_sync.export, p.parent, k,
                                                               work / f"paket-{next(exports)}")),
         "sync export --full")
    case("full register read (bundle export's reads)", lambda c, p, k: harness.timed(_full_read, c, p))
    top = sqlite3.connect(plain).execute("SELECT MAX(id) FROM spm_beneficiary").fetchone()[0] + 1
    starts = iter((top, top + 10_000, top))
    case("write 10.000 people, one transaction (WAL, FULL)",
         lambda c, p, k: (harness.timed(_write, c, p, next(starts))[0], None))
    rows.append({"case": "file size (MiB)", "sqlite_s": round(plain.stat().st_size / 2**20, 1), "bundled_s": None,
                 "sqlcipher_s": round(cipher.stat().st_size / 2**20, 1),
                 "ratio": None, "vs_today": round(cipher.stat().st_size / plain.stat().st_size, 3),
                 "note": "sebelum tulis; sqlcipher_export juga memadatkan"})
    rows.append({"case": "one-off encryption of the store (sqlcipher_export)", "sqlite_s": None, "bundled_s": None,
                 "sqlcipher_s": round(export_s, 2), "ratio": None, "vs_today": None, "note": "migrasi sekali"})
    shutil.rmtree(work, ignore_errors=True)
    return rows


def main(argv=None) -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--people", type=int, default=1_000_000)
    ap.add_argument("--out")
    args = ap.parse_args(argv)
    rows = measure(args.people)
    print("| case | SQLite (system) | SQLite (bundled, no key) | SQLCipher | ratio | vs today | note |\n"
          "|---|---|---|---|---|---|---|")
    for r in rows:
        print(f"| {r['case']} | {r['sqlite_s']} | {r['bundled_s']} | {r['sqlcipher_s']} | {r['ratio']} | "
              f"{r['vs_today']} | {r['note']} |")
    if args.out:
        Path(args.out).write_text(json.dumps(rows, indent=1))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
