"""SPM achievement arithmetic (DOMAIN.md §2.3): percentages, index and band.

Pure rules; the weights and bands come from ``db/reference/spm_services.json`` and are
passed in, so the ministry can change them without a release.
"""
from __future__ import annotations

import datetime as _dt
from dataclasses import dataclass
from decimal import Decimal

from kemensos_desk.core.formatting import quarter_end, round_half_up

HUNDRED = Decimal(100)


@dataclass(frozen=True)
class Band:
    min: Decimal
    name: str


def percent(part: int | None, whole: int | None) -> Decimal | None:
    """``part / whole × 100`` rounded half up to 2 decimals; None when ``whole`` is 0."""
    if not whole:
        return None
    return round_half_up(Decimal(part or 0) * HUNDRED / Decimal(whole), 2)


def index(recipient_pct: Decimal | None, quality_pct: Decimal | None, weights: dict[str, float]) -> Decimal | None:
    """``w_penerima × recipient % + w_mutu × quality %``, rounded half up to 2 decimals."""
    if recipient_pct is None or quality_pct is None:
        return None
    w_rec = Decimal(str(weights["penerima"]))
    w_qual = Decimal(str(weights["mutu"]))
    return round_half_up(w_rec * recipient_pct + w_qual * quality_pct, 2)


def band(value: Decimal | None, bands: list[Band]) -> str | None:
    """The band of an index already rounded: the first whose minimum it reaches."""
    if value is None:
        return None
    for b in sorted(bands, key=lambda b: b.min, reverse=True):
        if value >= b.min:
            return b.name
    return bands[-1].name if bands else None


def period(year: int, quarter: int | None) -> tuple[_dt.date, _dt.date]:
    """Quarters are cumulative: Triwulan II runs from 1 January to 30 June."""
    end = quarter_end(year, quarter) if quarter else _dt.date(year, 12, 31)
    return _dt.date(year, 1, 1), end


def quarter_of_date(day: _dt.date) -> tuple[int, int]:
    return day.year, (day.month - 1) // 3 + 1
