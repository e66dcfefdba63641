"""The demo office ("Coba dengan data contoh" / ``kemensos-desk demo``).

It lives in a data directory of its own and is marked as demo everywhere. Each module
adds its own generated data through ``DEMO_STEPS`` so the demo grows with the product.
"""
from __future__ import annotations

import datetime as _dt
import random
from typing import Callable

from kemensos_desk.core import regions
from kemensos_desk.core.errors import Refused
from kemensos_desk.services import users as user_service
from kemensos_desk.services.office import OfficeDetails, setup_office
from kemensos_desk.services.workspace import Workspace

DEFAULT_REGION = "32.10"
GUI_DEMO_PASSWORD = "contoh2026"  # the GUI demo logs straight in; printed on its banner

# (workspace, year, size, rng) -> None; modules append their generators from a
# ``services/demo_<module>.py`` file, which is found and imported here.
DEMO_STEPS: list[Callable[[Workspace, int, str, random.Random], None]] = []


def _load_steps() -> None:
    import importlib
    import pkgutil

    import kemensos_desk.services as pkg

    for info in sorted(pkgutil.iter_modules(pkg.__path__), key=lambda i: i.name):
        if info.name.startswith("demo_"):
            importlib.import_module(f"kemensos_desk.services.{info.name}")

# (name, sex): the head's NIP carries the same sex in its 15th digit (1 man, 2 woman).
_HEADS = [("Drs. H. Agus Setiawan, M.Si.", "L"), ("Dra. Hj. Nining Suryani, M.M.", "P"),
          ("Ir. Bambang Wijaya, M.Si.", "L"), ("Dr. Rina Marlina, S.Sos., M.Si.", "P"),
          ("H. Dedi Supriadi, S.IP., M.Si.", "L")]
_STREETS = ["Jl. K.H. Abdul Halim", "Jl. Jenderal Sudirman", "Jl. Pahlawan", "Jl. Merdeka", "Jl. Ahmad Yani"]


def default_password_works(ws: Workspace, username: str = "admin") -> bool:
    """True when ``username`` of this demo office still has the GUI demo password.

    The login hint names that password only then: a demo made by the CLI takes its password
    from KEMENSOS_DESK_PASSWORD, and following a wrong hint would count toward the lock-out.
    """
    from sqlalchemy import select

    from kemensos_desk.core import passwords
    from kemensos_desk.store.models import User

    office = ws.office()
    if office is None or not office.is_demo:
        return False
    with ws.store.session() as s:
        stored = s.scalar(select(User.password_hash).where(User.username == username, User.active.is_(True)))
    return bool(stored) and passwords.verify_password(GUI_DEMO_PASSWORD, stored)


def _demo_nip(rng: random.Random, sex: str) -> str:
    born = _dt.date(rng.randint(1966, 1978), rng.randint(1, 12), rng.randint(1, 28))
    tmt = (born.year + rng.randint(23, 28), rng.choice([1, 3, 4, 12]))
    return f"{born:%Y%m%d}{tmt[0]:04d}{tmt[1]:02d}{'1' if sex == 'L' else '2'}{rng.randint(1, 12):03d}"


def create_demo(ws: Workspace, password: str, year: int | None = None, region_code: str = DEFAULT_REGION,
                size: str = "normal", seed: int = 2026) -> str:
    """Fill an empty data directory with a demo office; returns its recovery code."""
    if ws.is_initialised():
        office = ws.office()
        raise Refused("Folder data ini sudah berisi kantor {name}; contoh dibuat di folder data tersendiri.",
                      name=office.name)
    rng = random.Random(seed)
    year = year or _dt.date.today().year
    try:
        code = regions.normalize_code(region_code)
    except ValueError:
        raise Refused("Kode wilayah '{code}' tidak sah.", code=region_code) from None
    region = regions.get(code)
    if region is None or region.level == "kecamatan":
        raise Refused("Kode wilayah {code} tidak ada dalam daftar Kemendagri.", code=code)
    town = region.short_name
    head_name, head_sex = rng.choice(_HEADS)
    details = OfficeDetails(
        level=region.level, region_code=region.code,
        office_name=f"Dinas Sosial {'Provinsi ' + region.name if region.level == 'provinsi' else region.name}",
        address=f"{rng.choice(_STREETS)} No. {rng.randint(1, 120)}, {town}",
        head_name=head_name, head_nip=_demo_nip(rng, head_sex),
        phone=f"(0{rng.randint(21, 979)}) {rng.randint(200000, 899999)}",
        email=f"dinsos@{town.lower().replace(' ', '')}.go.id",
    )
    recovery = setup_office(ws, details, "admin", "Administrator Contoh", password, demo=True)
    with ws.store.session("admin") as s:
        for username, full_name, role in (("siti.rahmawati", "Siti Rahmawati, S.Sos.", "operator"),
                                          ("budi.santoso", "Budi Santoso, S.E.", "verifikator")):
            user_service.create_user(s, username, full_name, role, password)
    _load_steps()
    for step in DEMO_STEPS:
        step(ws, year, size, rng)
    return recovery
