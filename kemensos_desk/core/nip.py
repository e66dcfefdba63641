"""NIP, the 18-digit civil-servant number: birth date (8) + start of service (6) + sex (1) + serial (3).

``196803121990031002`` = born 12 March 1968, civil servant since March 1990, man (1), serial 002.
"""
from __future__ import annotations

import datetime as _dt
import re
from dataclasses import dataclass

from kemensos_desk.core.i18n import Message


@dataclass(frozen=True)
class NipInfo:
    birth_date: _dt.date
    tmt_year: int
    tmt_month: int
    sex: str  # "L" | "P"
    serial: str


def clean(text: str) -> str:
    """NIPs are often printed in groups: ``19680312 199003 1 002``."""
    return re.sub(r"[\s.\-]", "", text or "")


def check(text: str, today: _dt.date | None = None) -> tuple[NipInfo | None, Message | None]:
    """Decode a NIP; returns ``(info, None)`` or ``(None, reason)``."""
    today = today or _dt.date.today()
    nip = clean(text)
    if not nip.isdigit():
        return None, Message("NIP hanya boleh berisi angka.")
    if len(nip) != 18:
        return None, Message("NIP harus 18 angka (sekarang {n}).", n=len(nip))
    try:
        born = _dt.date(int(nip[0:4]), int(nip[4:6]), int(nip[6:8]))
    except ValueError:
        return None, Message("8 angka pertama NIP ({part}) bukan tanggal lahir yang sah.", part=nip[0:8])
    if born.year < 1940 or born > today:
        return None, Message("Tahun lahir pada NIP ({year}) tidak masuk akal.", year=born.year)
    tmt_year, tmt_month = int(nip[8:12]), int(nip[12:14])
    if not 1 <= tmt_month <= 12:
        return None, Message("Bulan TMT pada NIP ({month}) tidak sah.", month=nip[12:14])
    if tmt_year < born.year + 15 or (tmt_year, tmt_month) > (today.year, today.month):
        return None, Message("Tahun TMT pada NIP ({year}) tidak cocok dengan tanggal lahir.", year=tmt_year)
    if nip[14] not in "12":
        return None, Message("Angka ke-15 NIP harus 1 (laki-laki) atau 2 (perempuan), bukan {d}.", d=nip[14])
    if nip[15:] == "000":
        return None, Message("Nomor urut NIP tidak boleh 000.")
    return NipInfo(born, tmt_year, tmt_month, "L" if nip[14] == "1" else "P", nip[15:]), None


def format_nip(text: str) -> str:
    """Print form: ``19680312 199003 1 002``."""
    n = clean(text)
    if len(n) != 18:
        return text
    return f"{n[:8]} {n[8:14]} {n[14]} {n[15:]}"
