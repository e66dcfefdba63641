"""Dekon/TP computations (issue 5, DOMAIN.md §3): pure functions over exact numbers.

Percentages are ``Decimal`` rounded half up to 2 decimals, or ``None`` where there is
nothing to divide by. Money is integer rupiah throughout; no float ever enters.
"""
from __future__ import annotations

import datetime as _dt
import re
from dataclasses import dataclass
from decimal import Decimal

from kemensos_desk.core.formatting import round_half_up, to_decimal

RO_CODE = re.compile(r"^(\d{4})\.([A-Z]{3})\.(\d{3})$")
SOURCES = ("DK", "TP")
POLARITIES = ("higher", "lower")
AGGREGATIONS = ("sum", "last")


def parse_ro_code(text: str) -> tuple[str, str, str] | None:
    """``"6288.QDB.001"`` -> ``("6288", "QDB", "001")``; None when not of that shape."""
    m = RO_CODE.match((text or "").strip().upper())
    return m.groups() if m else None


def percent(part, whole) -> Decimal | None:
    """``part / whole × 100`` rounded half up to 2 decimals; None when ``whole`` is 0 or missing."""
    if part is None or whole is None:
        return None
    whole = to_decimal(whole)
    if whole == 0:
        return None
    return round_half_up(to_decimal(part) * 100 / whole, 2)


def achievement(target, value, polarity: str = "higher") -> Decimal | None:
    """Indicator achievement, uncapped (138,06% happens): realisasi / target × 100; where lower
    is better, target / realisasi × 100 (a realisation of 0 then has no finite figure)."""
    if value is None or target is None:
        return None
    if polarity == "lower":
        return percent(target, value)
    return percent(value, target)


def aggregate(values_by_month: dict[int, Decimal], how: str, upto_month: int) -> Decimal | None:
    """An indicator's value to the end of ``upto_month``: the sum of the months, or the latest."""
    months = sorted(m for m in values_by_month if m <= upto_month and values_by_month[m] is not None)
    if not months:
        return None
    if how == "last":
        return to_decimal(values_by_month[months[-1]])
    return sum((to_decimal(values_by_month[m]) for m in months), Decimal(0))


def pagu_in_force(original: int, revisions: list[tuple[_dt.date, int]], at: _dt.date) -> int:
    """The pagu at date ``at``: the latest revision dated on or before it, else the original."""
    current, when = original, None
    for day, pagu in revisions:
        if day <= at and (when is None or day >= when):
            current, when = pagu, day
    return current


def quarter_last_month(quarter: int | None) -> int:
    """The last month counted in a period: 3, 6, 9, 12; the whole year when ``quarter`` is None."""
    return 12 if quarter is None else quarter * 3


def month_end(year: int, month: int) -> _dt.date:
    nxt = _dt.date(year + (month == 12), month % 12 + 1, 1)
    return nxt - _dt.timedelta(days=1)


def cumulative(by_month: dict[int, int], upto_month: int) -> int:
    return sum(v for m, v in by_month.items() if m <= upto_month)


def is_late(rpd_by_month: dict[int, int], spent_by_month: dict[int, int], upto_month: int,
            threshold_pct: int = 100) -> bool:
    """Behind plan: money spent to the end of the month is below ``threshold_pct`` % of the RPD to
    that month (offices tolerate a small shortfall; the threshold is reference data)."""
    planned = cumulative(rpd_by_month, upto_month)
    return cumulative(spent_by_month, upto_month) * 100 < planned * threshold_pct


@dataclass(frozen=True)
class Efficiency:
    """Performance achievement beside budget absorption (seed 003, *Analisis Efisiensi*)."""

    performance_pct: Decimal | None
    absorption_pct: Decimal | None

    @property
    def gap(self) -> Decimal | None:
        """Points by which performance exceeds absorption (positive = efficient)."""
        if self.performance_pct is None or self.absorption_pct is None:
            return None
        return round_half_up(self.performance_pct - self.absorption_pct, 2)

    @property
    def verdict(self) -> str | None:
        if self.gap is None:
            return None
        return "efisien" if self.gap >= 0 else "kurang efisien"


def mean(values: list[Decimal | None]) -> Decimal | None:
    """Average of the figures that exist (seed 003 averages indicator achievements)."""
    known = [to_decimal(v) for v in values if v is not None]
    if not known:
        return None
    return round_half_up(sum(known, Decimal(0)) / len(known), 2)


def performance(physical_pct: Decimal | None, indicator_pcts: list[Decimal | None]) -> Decimal | None:
    """An RO's performance: the mean of its indicator achievements, or the physical % without any."""
    known = [p for p in indicator_pcts if p is not None]
    return mean(known) if known else physical_pct


def efficiency(physical_pct, indicator_pcts, financial_pct) -> Efficiency:
    return Efficiency(performance(physical_pct, indicator_pcts), financial_pct)
