"""Shared helpers of the SPM tests (no tests here): an office in a temp data directory."""
from __future__ import annotations

import datetime as _dt

from kemensos_desk.services.auth import Actor
from kemensos_desk.services.office import OfficeDetails, setup_office
from kemensos_desk.services.workspace import Workspace

PASSWORD = "Rahasia-Uji-2026"
OPERATOR = Actor("admin", "Administrator Uji", "administrator")
VERIFIKATOR = Actor("verif", "Verifikator Uji", "verifikator")
OPERATOR_ONLY = Actor("ops", "Operator Uji", "operator")


def make_office(tmp_path, level: str = "kabupaten", region: str = "32.10") -> Workspace:
    ws = Workspace.open(tmp_path / "data")
    setup_office(ws, OfficeDetails(level=level, region_code=region, office_name="Dinas Sosial Kabupaten Majalengka",
                                   address="Jl. K.H. Abdul Halim No. 1, Majalengka", head_name="Drs. Agus Setiawan, M.Si.",
                                   head_nip="196803121990031002"), "admin", "Administrator Uji", PASSWORD)
    return ws


def nik_for(kec6: str, born: _dt.date, sex: str, serial: int) -> str:
    day = born.day + (40 if sex == "P" else 0)
    return f"{kec6}{day:02d}{born.month:02d}{born.year % 100:02d}{serial:04d}"
