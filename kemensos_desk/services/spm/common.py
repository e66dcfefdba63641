"""What every SPM use-case needs: the office (level and region) and the quarter lock."""
from __future__ import annotations

import datetime as _dt

from sqlalchemy import select

from kemensos_desk.core import formatting
from kemensos_desk.core.errors import Refused, UsageError
from kemensos_desk.store.models import Office
from kemensos_desk.store.models_spm import SpmQuarterApproval
from kemensos_desk.services.spm import reference


def office(session) -> Office:
    found = session.scalars(select(Office).where(Office.deleted_at.is_(None))).first()
    if found is None:
        raise UsageError("Kantor belum disiapkan. Jalankan 'kemensos-desk init' atau 'kemensos-desk demo' dahulu.")
    return found


def service(session, code: str) -> reference.Service:
    """The service ``code`` of the office's level (``Refused`` for an unknown code)."""
    return reference.service(office(session).level, code)


def services(session) -> list[reference.Service]:
    return reference.services_for(office(session).level)


def approved_quarters(session, year: int | None = None) -> set[tuple[int, int]]:
    q = select(SpmQuarterApproval.year, SpmQuarterApproval.quarter).where(
        SpmQuarterApproval.deleted_at.is_(None), SpmQuarterApproval.status == "approved")
    if year is not None:
        q = q.where(SpmQuarterApproval.year == year)
    return {(y, qq) for y, qq in session.execute(q)}


def default_start(year: int, locked: set[tuple[int, int]]) -> _dt.date:
    """The service start date for a row that gives none: 1 January of ``year``, or, when
    that quarter is approved, the first day of the year's first quarter not approved (a
    blank cell must not make a row fall into a locked quarter). All four approved: 1 January,
    which the lock then refuses with its own words."""
    for quarter in range(1, 5):
        if (year, quarter) not in locked:
            return _dt.date(year, 3 * quarter - 2, 1)
    return _dt.date(year, 1, 1)


def ensure_open(session, day: _dt.date, locked: set[tuple[int, int]] | None = None) -> None:
    """Refuse a write dated in an approved (locked) quarter; pass ``locked`` for bulk writes."""
    key = (day.year, formatting.quarter_of(day.month))
    if key in (locked if locked is not None else approved_quarters(session, day.year)):
        raise Refused("{quarter} {year} sudah disetujui dan dikunci; data bertanggal {date} tidak dapat diubah. "
                      "Administrator dapat membukanya kembali dengan alasan.",
                      quarter=formatting.nama_triwulan(key[1]), year=key[0], date=formatting.tanggal(day))


def check_date(day, field: str = "tanggal", *, today: _dt.date | None = None) -> _dt.date:
    if not isinstance(day, _dt.date):
        raise Refused("Tanggal tidak sah: {value}.", value=day)
    if day > (today or _dt.date.today()):
        raise Refused("Tanggal {date} ada di masa depan.", date=formatting.tanggal(day))
    return day
