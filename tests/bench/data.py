"""Data at scale for the bench: an office whose register is filled with bulk SQL.

The rows are made by ``INSERT ... SELECT`` over a counter (no per-row services: those
are what some cases measure), deterministic from the seed. A finished office is cached
under ``/tmp/kemensos-bench-cache/`` keyed by seed and size; it is built in a temp
directory and renamed into place, so an interrupted build is never reused.
"""
from __future__ import annotations

import os
import shutil
import sqlite3
import tempfile
from pathlib import Path

from kemensos_desk.core import regions
from kemensos_desk.services.office import OfficeDetails, setup_office
from kemensos_desk.services.spm import reference
from kemensos_desk.services.workspace import Workspace
from kemensos_desk.store.database import STORE_FILENAME

CACHE = Path(os.environ.get("KEMENSOS_BENCH_CACHE", "/tmp/kemensos-bench-cache"))
SEED = 2026
YEAR = 2026
PASSWORD = "Bench-Rahasia-2026"
REGION = "32.10"
CACHE_VERSION = 1  # raise when the generated shape changes
# The migrations on disk are part of the key: a store cached before a new migration landed
# is never reused (a stale cache once failed the quick bench after a schema change).
MIGRATIONS = Path(__file__).resolve().parents[2] / "db" / "migrations" / "versions"


def _schema_key() -> str:
    import hashlib
    names = sorted(p.name for p in MIGRATIONS.glob("*.py"))
    return hashlib.sha256("\n".join(names).encode()).hexdigest()[:10]

FIRST = ["Agus", "Ahmad", "Ani", "Asep", "Bambang", "Budi", "Cahya", "Dadang", "Dedi", "Dewi", "Eka", "Endang",
         "Euis", "Fitri", "Hadi", "Hendra", "Ika", "Imas", "Iwan", "Joko", "Kurnia", "Lilis", "Mamat", "Nining",
         "Nur", "Oman", "Popon", "Rina", "Rudi", "Sari", "Siti", "Tati", "Ujang", "Wawan", "Yati", "Yusuf"]
LAST = ["Saputra", "Hidayat", "Rahmawati", "Suryani", "Wijaya", "Setiawan", "Kurniawan", "Lestari", "Nugraha",
        "Permana", "Ramdani", "Sulastri", "Gunawan", "Firmansyah", "Susanti", "Maulana", "Hermawan", "Purnama"]


def new_office(data_dir: Path) -> Workspace:
    ws = Workspace.open(data_dir)
    setup_office(ws, OfficeDetails(level="kabupaten", region_code=REGION, office_name="Dinas Sosial Kabupaten Majalengka",
                                   address="Jl. K.H. Abdul Halim No. 1, Majalengka", head_name="Drs. Agus Setiawan, M.Si.",
                                   head_nip="196803121990031002"), "admin", "Administrator Bench", PASSWORD,
                 demo=True)  # the demo ministry key: bundles go to resources/keys/demo-ministry.key
    return ws


def _seq(conn: sqlite3.Connection, n: int) -> None:
    conn.execute("DROP TABLE IF EXISTS temp.seq")
    conn.execute("CREATE TEMP TABLE seq(i INTEGER PRIMARY KEY)")
    conn.execute("WITH RECURSIVE c(i) AS (SELECT 0 UNION ALL SELECT i + 1 FROM c WHERE i + 1 < ?) "
                 "INSERT INTO temp.seq SELECT i FROM c", (n,))


RECORD = "'2026-01-02 08:00:00.000000', 'bench', '2026-01-02 08:00:00.000000', 'bench', 1, NULL"


def fill_register(db: Path, people: int, deliveries_per_person: float, seed: int = SEED,
                  people_only: bool = False) -> None:
    """``people`` beneficiaries (one rehab service each, entitled for YEAR) and about
    ``deliveries_per_person`` deliveries each (some people fully served, 1% without NIK,
    2% died or moved, 5% assessed for a component)."""
    conn = sqlite3.connect(db)
    conn.execute("PRAGMA journal_mode=WAL")
    conn.execute("PRAGMA synchronous=OFF")
    conn.execute("PRAGMA cache_size=-400000")
    kec = [r.code for r in regions.kecamatan(REGION)]
    services = [s for s in reference.services_for("kabupaten") if not s.is_disaster]
    with conn:
        _seq(conn, people)
        conn.execute("CREATE TEMP TABLE kec(k INTEGER PRIMARY KEY, code TEXT, six TEXT)")
        conn.executemany("INSERT INTO temp.kec VALUES (?, ?, ?)", [(i, c, c.replace(".", "")) for i, c in enumerate(kec)])
        conn.execute("CREATE TEMP TABLE fname(k INTEGER PRIMARY KEY, v TEXT)")
        conn.executemany("INSERT INTO temp.fname VALUES (?, ?)", list(enumerate(FIRST)))
        conn.execute("CREATE TEMP TABLE lname(k INTEGER PRIMARY KEY, v TEXT)")
        conn.executemany("INSERT INTO temp.lname VALUES (?, ?)", list(enumerate(LAST)))
        conn.execute("CREATE TEMP TABLE svc(k INTEGER PRIMARY KEY, code TEXT, nwajib INTEGER)")
        conn.executemany("INSERT INTO temp.svc VALUES (?, ?, ?)", [(i, s.code, len(s.wajib)) for i, s in enumerate(services)])
        # The components of each service, wajib first: a person with k deliveries got the first k.
        conn.execute("CREATE TEMP TABLE comp(s INTEGER, pos INTEGER, code TEXT, PRIMARY KEY (s, pos))")
        conn.executemany("INSERT INTO temp.comp VALUES (?, ?, ?)", [
            (i, p, c) for i, s in enumerate(services)
            for p, c in enumerate(list(s.wajib) + [c for c in s.asesmen if c not in s.wajib])])
        nk, nf, nl, ns = len(kec), len(FIRST), len(LAST), len(services)
        # Mixed radix of i (kecamatan, birth day, serial) keeps NIKs unique; the multipliers
        # scatter names and dates so the register order is not the insertion order.
        conn.execute(f"""
INSERT INTO spm_beneficiary (id, uuid, created_at, created_by, updated_at, updated_by, revision, deleted_at,
  nik, no_nik_reason, kk, name, name_key, sex, birth_place, birth_date, kecamatan_code, desa, rt, rw, street,
  dtks_id, found_via, institution, notes, status, status_date)
SELECT i + 1, printf('b%07x-0000-4000-8000-%012d', {seed}, i), {RECORD},
  CASE WHEN i % 100 = 7 THEN NULL ELSE kec.six || printf('%02d', CAST(substr(bd, 9, 2) AS INTEGER) + (i % 2) * 40)
       || substr(bd, 6, 2) || substr(bd, 3, 2) || printf('%04d', (i / {nk}) / 21900 + 1) END,
  CASE WHEN i % 100 = 7 THEN 'belum_rekam' END,
  printf('%s%010d', kec.six, i / 4), nm, lower(nm), CASE i % 2 WHEN 0 THEN 'L' ELSE 'P' END, 'Majalengka', bd,
  kec.code, 'Desa ' || (1 + i % 17), printf('%03d', 1 + i % 9), printf('%03d', 1 + i % 12), 'Blok ' || (i % 40),
  NULL, 'dtks', NULL, NULL,
  CASE WHEN i % 50 = 3 THEN 'died' WHEN i % 50 = 4 THEN 'moved' ELSE 'active' END,
  CASE WHEN i % 50 IN (3, 4) THEN '{YEAR}-0' || (1 + i % 9) || '-15' END
FROM (SELECT i, date('1940-01-01', '+' || ((i / {nk}) % 21900) || ' days') AS bd,
             (SELECT v FROM temp.fname WHERE k = (i * 7 + i / 97) % {nf}) || ' ' ||
             (SELECT v FROM temp.lname WHERE k = (i * 13 + i / 31) % {nl}) AS nm
      FROM temp.seq) AS p
JOIN temp.kec AS kec ON kec.k = p.i % {nk}""")
        if not people_only:
            conn.execute(f"""
    INSERT INTO spm_entitlement (uuid, created_at, created_by, updated_at, updated_by, revision, deleted_at,
      beneficiary_id, service, year, start_date)
    SELECT printf('e%07x-0000-4000-8000-%012d', {seed}, i), {RECORD}, i + 1, svc.code, {YEAR}, '{YEAR}-01-01'
    FROM temp.seq JOIN temp.svc AS svc ON svc.k = i % {ns}""")
            conn.execute(f"""
    INSERT INTO spm_assessment (uuid, created_at, created_by, updated_at, updated_by, revision, deleted_at,
      beneficiary_id, service, year, component, assessed_on, notes)
    SELECT printf('a%07x-0000-4000-8000-%012d', {seed}, i), {RECORD}, i + 1, svc.code, {YEAR}, 'alat_bantu',
      '{YEAR}-02-01', NULL
    FROM temp.seq JOIN temp.svc AS svc ON svc.k = i % {ns} WHERE i % 20 = 11""")
            # k deliveries for person i, k in 1 .. 2*avg-1 (mean = avg); at least nwajib means served.
            span = max(1, int(round(2 * deliveries_per_person - 1)))
            conn.execute("CREATE TEMP TABLE kk(k INTEGER PRIMARY KEY)")
            conn.executemany("INSERT INTO temp.kk VALUES (?)", [(k,) for k in range(span)])
            conn.execute(f"""
    INSERT INTO spm_delivery (uuid, created_at, created_by, updated_at, updated_by, revision, deleted_at,
      beneficiary_id, service, component, delivered_on, quantity, unit, provider, notes)
    SELECT printf('d%07x-%04d-4000-8000-%012d', {seed}, kk.k, i), {RECORD}, i + 1, svc.code, comp.code,
      date('{YEAR}-01-01', '+' || ((i * 37 + kk.k * 53) % 365) || ' days'), 1, 'paket', 'Dinas Sosial', NULL
    FROM temp.seq JOIN temp.svc AS svc ON svc.k = i % {ns}
    JOIN temp.kk AS kk ON kk.k <= (i * 7 + i / 13) % {span}
    JOIN temp.comp AS comp ON comp.s = svc.k AND comp.pos = kk.k""")
    _finish(conn)


def _finish(conn: sqlite3.Connection) -> None:
    conn.execute("ANALYZE")
    conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    conn.close()


def register_office(people: int, deliveries_per_person: float = 5.0, seed: int = SEED,
                    people_only: bool = False) -> Path:
    """Data directory of an office with the register at scale (cached; built on first use);
    ``people_only``: the beneficiaries alone (one record each, for the bundle cases)."""
    key = f"register-v{CACHE_VERSION}-{_schema_key()}-s{seed}-n{people}-" + ("people" if people_only else f"d{deliveries_per_person:g}")
    final = CACHE / key
    if (final / STORE_FILENAME).exists():
        return final
    CACHE.mkdir(parents=True, exist_ok=True)
    build = Path(tempfile.mkdtemp(prefix=key + ".", dir=CACHE))
    ws = new_office(build)
    ws.close()
    fill_register(build / STORE_FILENAME, people, deliveries_per_person, seed, people_only)
    os.replace(build, final) if not final.exists() else shutil.rmtree(build)
    return final


def copy_office(src: Path, dst: Path) -> Path:
    """A private copy of a cached office, for cases that write."""
    shutil.copytree(src, dst, ignore=shutil.ignore_patterns("*-wal", "*-shm", "backups", "logs"))
    return dst
