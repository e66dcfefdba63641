"""Excel import: a 100,000-row beneficiary list validated and committed by ``spm import``
(``run_import`` + ``BeneficiaryImporter``) into an empty office, against reading the same
file with ``python-calamine`` and ``executemany`` of its rows into SQLite.
"""
from __future__ import annotations

import datetime as _dt
import os
import sqlite3
import tempfile
from pathlib import Path

from tests.bench import data, harness

HEADERS = ["NIK", "Nama Lengkap", "L/P", "Tempat Lahir", "Tanggal Lahir", "Kecamatan", "Desa/Kelurahan", "RT", "RW",
           "Alamat", "Keterangan"]


def workbook(rows: int, seed: int = data.SEED) -> Path:
    """The list as an office keeps it (cached: writing 100,000 rows takes a while)."""
    import random

    from openpyxl import Workbook

    from kemensos_desk.core import regions

    path = data.CACHE / f"daftar-penerima-v1-s{seed}-n{rows}.xlsx"
    if path.exists():
        return path
    data.CACHE.mkdir(parents=True, exist_ok=True)
    rng = random.Random(seed)
    kec = regions.kecamatan(data.REGION)
    wb = Workbook(write_only=True)
    ws = wb.create_sheet("Daftar Penerima")
    ws.append(HEADERS)
    for i in range(rows):
        k = kec[i % len(kec)]
        born = _dt.date(1940, 1, 1) + _dt.timedelta(days=(i // len(kec)) % 21900)
        sex = "LP"[i % 2]
        nik = f"{k.code.replace('.', '')}{born.day + (40 if sex == 'P' else 0):02d}{born:%m%y}{i // len(kec) // 21900 + 1:04d}"
        name = f"{rng.choice(data.FIRST)} {rng.choice(data.LAST)}"
        ws.append([nik, name, sex, "Majalengka", born, k.name, f"Desa {1 + i % 17}", f"{1 + i % 9:03d}",
                   f"{1 + i % 12:03d}", f"Blok {i % 40}", None])
    fd, tmp = tempfile.mkstemp(suffix=".xlsx", dir=data.CACHE)
    os.close(fd)
    wb.save(tmp)
    os.replace(tmp, path)
    return path


def ours(path: Path, data_dir: Path):
    from kemensos_desk.services import importing
    from kemensos_desk.services.auth import Actor
    from kemensos_desk.services.spm.importing import BeneficiaryImporter
    from kemensos_desk.services.workspace import Workspace

    ws = Workspace.open(data_dir)
    try:
        result = importing.run_import(ws, Actor("admin", "Administrator Bench", "administrator"),
                                      BeneficiaryImporter("lansia", data.YEAR), path)
        niks = {r[0] for r in ws.store.raw().execute("SELECT nik FROM spm_beneficiary")}
    finally:
        ws.close()
    return result, niks


def baseline(path: Path, db: Path) -> set[str]:
    from python_calamine import CalamineWorkbook

    rows = CalamineWorkbook.from_path(str(path)).get_sheet_by_index(0).to_python()
    conn = sqlite3.connect(db)
    with conn:
        conn.execute("CREATE TABLE person (nik TEXT, name TEXT, sex TEXT, birth_place TEXT, birth_date TEXT, "
                     "kecamatan TEXT, desa TEXT, rt TEXT, rw TEXT, street TEXT, notes TEXT)")
        conn.executemany("INSERT INTO person VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                         [tuple(str(v) if isinstance(v, _dt.date) else v for v in r) for r in rows[1:]])
    niks = {r[0] for r in conn.execute("SELECT nik FROM person")}
    conn.close()
    return niks


@harness.case("Excel import")
def excel(bench: harness.Bench) -> list[harness.Result]:
    n = bench.size(100_000, 2_000)
    path = workbook(n)
    work = bench.dir("excel")
    base, expected = harness.timed(baseline, path, work / "baseline.sqlite")
    data.new_office(work / "data").close()
    value, (result, niks) = harness.timed(ours, path, work / "data")
    assert not result.refused and result.new == n == len(expected), (result.new, len(result.refused), n)
    assert niks == expected, "NIK yang tersimpan berbeda dari isi berkas"
    r = harness.ratio(value, base)
    return [harness.result("Excel import", value, base, "≤ 2×", r <= 2, note=f"{n:,} baris".replace(",", "."))]
