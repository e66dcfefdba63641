"""What every dekon use-case needs: the office, an RO by its code, and the quarter lock."""
from __future__ import annotations

import datetime as _dt

from sqlalchemy import select

from kemensos_desk.core import formatting
from kemensos_desk.core.dekon import parse_ro_code
from kemensos_desk.core.errors import Refused, UsageError
from kemensos_desk.store.models import Office
from kemensos_desk.store.models_dekon import DekonAllocation, DekonQuarterApproval


def office(session) -> Office:
    found = session.scalars(select(Office).where(Office.deleted_at.is_(None))).first()
    if found is None:
        raise UsageError("Kantor belum disiapkan. Jalankan 'kemensos-desk init' atau 'kemensos-desk demo' dahulu.")
    return found


def check_year(year) -> int:
    if not isinstance(year, int) or not 2000 <= year <= 2100:
        raise Refused("Tahun anggaran {year} tidak sah.", year=year)
    return year


def check_month(year: int, month, today: _dt.date | None = None) -> int:
    """A month of the fiscal year (= calendar year) that has begun."""
    if not isinstance(month, int) or not 1 <= month <= 12:
        raise Refused("Bulan {month} di luar tahun anggaran {year}: isi bulan 1 sampai 12.", month=month, year=year)
    today = today or _dt.date.today()
    if (year, month) > (today.year, today.month):
        raise Refused("{month} {year} belum berjalan; realisasinya belum dapat dicatat.",
                      month=formatting.nama_bulan(month), year=year)
    return month


def allocation(session, year: int, ro_code: str) -> DekonAllocation:
    code = (ro_code or "").strip().upper()
    if parse_ro_code(code) is None:
        raise Refused("Kode RO '{ro}' tidak sah: tulis seperti 6288.QDB.001 (kegiatan.KRO.nomor).", ro=ro_code)
    found = session.scalars(select(DekonAllocation).where(
        DekonAllocation.year == year, DekonAllocation.ro_code == code, DekonAllocation.deleted_at.is_(None))).first()
    if found is None:
        raise Refused("RO {ro} tidak ada dalam alokasi tahun {year}.", ro=code, year=year)
    return found


def allocations(session, year: int) -> list[DekonAllocation]:
    return list(session.scalars(select(DekonAllocation).where(
        DekonAllocation.year == year, DekonAllocation.deleted_at.is_(None)).order_by(DekonAllocation.ro_code)))


def approved_quarters(session, year: int) -> set[int]:
    return set(session.scalars(select(DekonQuarterApproval.quarter).where(
        DekonQuarterApproval.year == year, DekonQuarterApproval.status == "approved",
        DekonQuarterApproval.deleted_at.is_(None))))


def ensure_open(session, year: int, month: int) -> None:
    """Refuse a write to a month of an approved (locked) quarter."""
    quarter = formatting.quarter_of(month)
    if quarter in approved_quarters(session, year):
        raise Refused("{quarter} {year} sudah disetujui dan dikunci; data bulan {month} tidak dapat diubah. "
                      "Administrator dapat membukanya kembali dengan alasan.",
                      quarter=formatting.nama_triwulan(quarter), year=year, month=formatting.nama_bulan(month))


def whole_rupiah(value, field: str) -> int:
    """Money as a non-negative integer of rupiah."""
    if isinstance(value, bool) or not isinstance(value, int):
        raise Refused("{field} harus bilangan bulat rupiah, bukan '{value}'.", field=field, value=value)
    if value < 0:
        raise Refused("{field} tidak boleh negatif ({value}).", field=field, value=value)
    return value
