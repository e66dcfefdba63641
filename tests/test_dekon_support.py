"""Shared helpers of the dekon tests (no tests here): a provincial office and two ROs."""
from __future__ import annotations

import atexit
import datetime as _dt
import shutil
import tempfile
from decimal import Decimal
from pathlib import Path

from kemensos_desk.services.auth import Actor
from kemensos_desk.services.dekon.allocations import AllocationInput, IndicatorInput, KomponenInput, save
from kemensos_desk.services.office import OfficeDetails, setup_office
from kemensos_desk.services.workspace import Workspace

PASSWORD = "Rahasia-Uji-2026"
ADMIN = Actor("admin", "Administrator Uji", "administrator")
OPERATOR = Actor("ops", "Operator Uji", "operator")
VERIFIKATOR = Actor("verif", "Verifikator Uji", "verifikator")
YEAR = 2025
TODAY = _dt.date(2026, 1, 15)  # the whole of YEAR has passed


_OFFICES: dict[tuple[str, str], Path] = {}


def make_office(tmp_path, level: str = "provinsi", region: str = "32") -> Workspace:
    """A fresh office in ``tmp_path/data``, copied from one set up once per test run (setting up
    hashes a password and runs every migration: a second each time otherwise)."""
    key = (level, region)
    if key not in _OFFICES:
        master = Path(tempfile.mkdtemp(prefix="dekon-office-")) / "data"
        atexit.register(shutil.rmtree, master.parent, ignore_errors=True)
        ws = Workspace.open(master)
        name = "Dinas Sosial Provinsi Jawa Barat" if level == "provinsi" else "Dinas Sosial Kabupaten Majalengka"
        setup_office(ws, OfficeDetails(level=level, region_code=region, office_name=name,
                                       address="Jl. Juanda No. 113, Bandung", head_name="Dr. Rina Marlina, S.Sos., M.Si.",
                                       head_nip="197205141998032004"), "admin", "Administrator Uji", PASSWORD)
        ws.close()
        _OFFICES[key] = master
    shutil.copytree(_OFFICES[key], tmp_path / "data")
    return Workspace.open(tmp_path / "data")


def bimtek(**over) -> AllocationInput:
    d = AllocationInput(
        year=YEAR, source="DK", program="Program Pemberdayaan Sosial", kegiatan="6288", kro="QDB",
        ro_code="6288.QDB.001", name="Bimbingan Teknis TKSK", target_volume=100, unit="orang", pagu=500_000_000,
        kabkota_code="32.10", rpd={3: 100_000_000, 6: 200_000_000, 9: 150_000_000, 12: 50_000_000},
        indicators=[IndicatorInput("TKSK terlatih", "orang", Decimal("100"), "higher", "sum"),
                    IndicatorInput("Persentase peserta tidak lulus", "persen", Decimal("10"), "lower", "last")],
        komponen=[KomponenInput("051", "Persiapan", 50_000_000), KomponenInput("052", "Pelaksanaan", 450_000_000)],
    )
    for k, v in over.items():
        setattr(d, k, v)
    return d


def tali_asih(**over) -> AllocationInput:
    d = AllocationInput(
        year=YEAR, source="DK", program="Program Pemberdayaan Sosial", kegiatan="6288", kro="QEA",
        ro_code="6288.QEA.002", name="Tali Asih TKSK", target_volume=50, unit="orang", pagu=300_000_000,
        rpd={m: 25_000_000 for m in range(1, 13)},
    )
    for k, v in over.items():
        setattr(d, k, v)
    return d


def office_with_allocations(tmp_path) -> Workspace:
    ws = make_office(tmp_path)
    save(ws, ADMIN, bimtek())
    save(ws, ADMIN, tali_asih())
    return ws


_DEMOS: dict[int, Path] = {}


def make_demo_office(tmp_path, year: int = YEAR) -> Workspace:
    """A provincial office with the dekon demo year, generated once per test run and copied."""
    import random

    from kemensos_desk.services.demo_20_dekon import add_dekon_demo

    if year not in _DEMOS:
        master = Path(tempfile.mkdtemp(prefix="dekon-demo-"))
        atexit.register(shutil.rmtree, master, ignore_errors=True)
        ws = make_office(master)
        add_dekon_demo(ws, year, "small", random.Random(7))
        ws.close()
        _DEMOS[year] = master / "data"
    shutil.copytree(_DEMOS[year], tmp_path / "data")
    return Workspace.open(tmp_path / "data")
