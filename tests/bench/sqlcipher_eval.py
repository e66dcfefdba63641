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
import json
import os
import secrets
import sqlite3
import time
from pathlib import Path

from tests.bench import case_achievement, case_register, data, harness


def _cipher_connect(path: Path, key: bytes):
    import sqlcipher3

    conn = sqlcipher3.connect(str(path))
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


def measure(people: int) -> list[dict]:
    data_dir = data.register_office(people)
    plain = data_dir / "kemensos.sqlite"
    work = Path(os.environ.get("TMPDIR", "/tmp")) / f"sqlcipher-eval-{os.getpid()}"
    work.mkdir(parents=True, exist_ok=True)
    cipher = work / "kemensos.sqlite"
    key = secrets.token_bytes(32)
    export_s = encrypted_copy(plain, cipher, key)
    plain_copy = data.copy_office(data_dir, work / "plain") / "kemensos.sqlite"
    enc = _Shim(key).connect
    rows = []

    def pair(name, fn_plain, fn_cipher, note=""):
        a, ra = fn_plain()
        b, rb = fn_cipher()
        assert ra == rb, f"{name}: hasil berbeda"
        rows.append({"case": name, "sqlite_s": round(a, 4), "sqlcipher_s": round(b, 4),
                     "ratio": round(b / a, 2) if a else None, "note": note})

    _first_page(sqlite3.connect, plain), _first_page(enc, cipher)  # warm the file cache for both
    pair("register first page (open + 50 rows)", lambda: harness.timed(_first_page, sqlite3.connect, plain, repeat=3),
         lambda: harness.timed(_first_page, enc, cipher, repeat=3), "terbaik dari 3")
    lp, lc = _lookups(sqlite3.connect, plain), _lookups(enc, cipher)
    rows.append({"case": "NIK / name prefix lookup p95", "sqlite_s": round(harness.percentile(lp, 95), 4),
                 "sqlcipher_s": round(harness.percentile(lc, 95), 4),
                 "ratio": round(harness.percentile(lc, 95) / harness.percentile(lp, 95), 2),
                 "note": f"{len(lp)} ketikan"})
    year = data.YEAR

    def achievement(shim):
        saved = case_achievement.sqlite3
        case_achievement.sqlite3 = shim
        try:
            return harness.timed(case_achievement.baseline, cipher if shim is not sqlite3 else plain, year)
        finally:
            case_achievement.sqlite3 = saved

    pair("achievement SQL (all deliveries)", lambda: achievement(sqlite3), lambda: achievement(_Shim(key)))
    pair("full register read (bundle export's reads)", lambda: harness.timed(_full_read, sqlite3.connect, plain),
         lambda: harness.timed(_full_read, enc, cipher))
    top = sqlite3.connect(plain).execute("SELECT MAX(id) FROM spm_beneficiary").fetchone()[0] + 1
    pair("write 10.000 people, one transaction (WAL, FULL)",
         lambda: (harness.timed(_write, sqlite3.connect, plain_copy, top)[0], None),
         lambda: (harness.timed(_write, enc, cipher, top)[0], None))
    rows.append({"case": "file size (MiB)", "sqlite_s": round(plain.stat().st_size / 2**20, 1),
                 "sqlcipher_s": round(cipher.stat().st_size / 2**20, 1),
                 "ratio": round(cipher.stat().st_size / plain.stat().st_size, 3), "note": "sebelum tulis"})
    rows.append({"case": "one-off encryption of the store (sqlcipher_export)", "sqlite_s": None,
                 "sqlcipher_s": round(export_s, 2), "ratio": None, "note": "migrasi sekali"})
    for p in work.rglob("*"):
        if p.is_file():
            p.unlink()
    return rows


def main(argv=None) -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--people", type=int, default=1_000_000)
    ap.add_argument("--out")
    args = ap.parse_args(argv)
    rows = measure(args.people)
    print("| case | SQLite | SQLCipher | ratio | note |\n|---|---|---|---|---|")
    for r in rows:
        print(f"| {r['case']} | {r['sqlite_s']} | {r['sqlcipher_s']} | {r['ratio']} | {r['note']} |")
    if args.out:
        Path(args.out).write_text(json.dumps(rows, indent=1))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
