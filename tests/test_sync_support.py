"""Shared helpers of the sync and ministry tests (no tests here): offices, bundles, ministry DBs."""
from __future__ import annotations

import datetime as _dt
import os
import shutil
import uuid as _uuid
from pathlib import Path

import pytest
from sqlalchemy import select

from kemensos_desk.ministry import store as mstore
from kemensos_desk.services.auth import Actor
from kemensos_desk.services.office import OfficeDetails, setup_office
from kemensos_desk.services.sync.export import export_bundle
from kemensos_desk.services.workspace import Workspace, put_setting
from kemensos_desk.store.models_spm import Beneficiary, SpmQuarterApproval

PASSWORD = "Rahasia-Uji-2026"
ADMIN = Actor("admin", "Administrator Uji", "administrator")
KNOWN_NIK = "3210014507850003"
KNOWN_NAME = "Sumiyati Binti Karta"
PG_BASE = "postgresql+psycopg://postgres@127.0.0.1:5432/test"


def make_office(path: Path, region: str = "32.10", name: str = "Dinas Sosial Kabupaten Majalengka",
                demo: bool = True) -> Workspace:
    ws = Workspace.open(path)
    level = "kota" if region in ("32.73", "32.74") else "kabupaten"
    setup_office(ws, OfficeDetails(level=level, region_code=region, office_name=name, address="Jl. Uji No. 1",
                                   head_name="Drs. Agus Setiawan, M.Si.", head_nip="196803121990031002"),
                 "admin", "Administrator Uji", PASSWORD, demo=demo)
    with ws.store.session("admin") as s:
        s.add(Beneficiary(nik=KNOWN_NIK, name=KNOWN_NAME, name_key=KNOWN_NAME.lower(), sex="P",
                          birth_date=_dt.date(1985, 7, 5), kecamatan_code=f"{region}.01"))
        s.add(Beneficiary(nik=None, no_nik_reason="anak terlantar", name="Budi Tanpa NIK", name_key="budi tanpa nik",
                          sex="L", birth_date=_dt.date(2014, 2, 1), kecamatan_code=f"{region}.01"))
        s.add(SpmQuarterApproval(year=2026, quarter=1, status="approved", approved_by="verif",
                                 approved_at=_dt.datetime(2026, 4, 10, 9, 0)))
    return ws


def copy_office(ws: Workspace, dest: Path) -> Workspace:
    ws.store.dispose()
    shutil.copytree(ws.data_dir, dest)
    return Workspace.open(dest)


def edit_person(ws: Workspace, nik: str = KNOWN_NIK, **changes) -> None:
    with ws.store.session("admin") as s:
        person = s.scalars(select(Beneficiary).where(Beneficiary.nik == nik)).one()
        for k, v in changes.items():
            setattr(person, k, v)


def new_device(ws: Workspace) -> None:
    with ws.store.session("admin") as s:
        put_setting(s, "device_id", str(_uuid.uuid4()))


def export(ws: Workspace, out: Path, **kw):
    return export_bundle(ws, ADMIN, out, **kw)


DEMO_KEY_FILE = Path(__file__).resolve().parents[1] / "resources" / "keys" / "demo-ministry.key"


def ministry_for(url: str, key_file: Path = DEMO_KEY_FILE) -> mstore.MinistryStore:
    mstore.init(url, key_file)
    return mstore.open_store(url)


def postgres_url(request) -> str:
    """A fresh schema on the local PostgreSQL; a visible skip (or a failure with CI=true) without one."""
    try:
        import psycopg

        conn = psycopg.connect("host=127.0.0.1 port=5432 user=postgres dbname=test", connect_timeout=3, autocommit=True)
    except Exception as exc:  # noqa: BLE001 (any reason the server is not there)
        if os.environ.get("CI", "").lower() == "true":
            pytest.fail(f"PostgreSQL tidak tersedia di CI: {exc}")
        pytest.skip(f"PostgreSQL tidak tersedia (127.0.0.1:5432): {exc}")
    schema = f"kd_test_{_uuid.uuid4().hex[:10]}"
    conn.execute(f'CREATE SCHEMA "{schema}"')

    def drop():
        conn.execute(f'DROP SCHEMA "{schema}" CASCADE')
        conn.close()

    request.addfinalizer(drop)
    return f"{PG_BASE}?options=-csearch_path%3D{schema}"


def ministry_url(request, backend: str, tmp_path: Path) -> str:
    if backend == "postgresql":
        return postgres_url(request)
    return str(tmp_path / "kementerian.sqlite")
