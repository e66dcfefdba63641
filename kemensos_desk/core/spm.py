"""SPM achievement arithmetic (DOMAIN.md §2.3): percentages, index and band.

Pure rules; the weights and bands come from ``db/reference/spm_services.json`` and are
passed in, so the ministry can change them without a release.
"""
from __future__ import annotations

import datetime as _dt
from dataclasses import dataclass
from decimal import ROUND_FLOOR, Decimal
from fractions import Fraction

from kemensos_desk.core.formatting import angka, quarter_end, round_half_up

HUNDRED = Decimal(100)
CENT = Decimal("0.01")


@dataclass(frozen=True)
class Band:
    min: Decimal
    name: str
    colour: str | None = None


def exact_percent(part: int | None, whole: int | None) -> Fraction | None:
    """``part / whole × 100`` exactly (a fraction); None when ``whole`` is 0."""
    if not whole:
        return None
    return Fraction(int(part or 0) * 100, int(whole))


def exact_index(recipient: Fraction | None, quality: Fraction | None, weights: dict) -> Fraction | None:
    """``w_penerima × recipient % + w_mutu × quality %`` exactly, from the unrounded percentages."""
    if recipient is None or quality is None:
        return None
    return Fraction(str(weights["penerima"])) * recipient + Fraction(str(weights["mutu"])) * quality


def shown(value, edges=(HUNDRED,)) -> Decimal | None:
    """The 2-decimal figure to print for an exact value: round half up, except that rounding never
    lands on or past an edge (a band minimum, 100 %) that the exact value has not reached; then the
    figure is cut instead (99,995 -> 99,99), so a printed figure and its band never disagree."""
    if value is None:
        return None
    exact = Fraction(value)
    rounded = round_half_up(Decimal(exact.numerator) / Decimal(exact.denominator), 2)
    if any(exact < Fraction(e) <= Fraction(rounded) for e in edges):
        q = Fraction(exact * 100).__floor__()
        return (Decimal(q) / 100).quantize(CENT, rounding=ROUND_FLOOR)
    return rounded


def percent(part: int | None, whole: int | None) -> Decimal | None:
    """``part / whole × 100`` to 2 decimals for display (``shown``); None when ``whole`` is 0."""
    return shown(exact_percent(part, whole))


def index(recipient_pct, quality_pct, weights: dict[str, float]) -> Decimal | None:
    """``w_penerima × recipient % + w_mutu × quality %``, rounded half up to 2 decimals."""
    if recipient_pct is None or quality_pct is None:
        return None
    return round_half_up(Decimal(str(weights["penerima"])) * Decimal(recipient_pct)
                         + Decimal(str(weights["mutu"])) * Decimal(quality_pct), 2)


def band_of(value, bands) -> Band | None:
    """The band an index reaches, read from the value as given: pass the exact (unrounded) index,
    so that Paripurna is earned, never rounded into (DOMAIN.md §2.3)."""
    if value is None:
        return None
    ordered = sorted(bands, key=lambda b: b.min, reverse=True)
    for b in ordered:
        if Fraction(value) >= Fraction(b.min):
            return b
    return ordered[-1] if ordered else None


def band(value, bands) -> str | None:
    found = band_of(value, bands)
    return found.name if found else None


def band_legend(bands, lang: str = "id") -> list[str]:
    """``["Tuntas Paripurna: 100", "Tuntas Utama: 90 sampai <100", ..., "Belum Tuntas: <60"]``,
    from the bands in force (never typed in code)."""
    ordered = sorted(bands, key=lambda b: b.min, reverse=True)
    to, under = ("to", "<") if lang == "en" else ("sampai", "<")
    out = []
    for i, b in enumerate(ordered):
        low = angka(b.min, 0 if Decimal(b.min) == int(b.min) else 2)
        if i == 0:
            out.append(f"{b.name}: {low}" if Decimal(b.min) == HUNDRED else f"{b.name}: ≥ {low}")
            continue
        high = angka(ordered[i - 1].min, 0 if Decimal(ordered[i - 1].min) == int(ordered[i - 1].min) else 2)
        out.append(f"{b.name}: {under}{high}" if Decimal(b.min) <= 0 else f"{b.name}: {low} {to} {under}{high}")
    return out


def formula_text(weights: dict, lang: str = "id") -> str:
    """``Indeks = 0,8 × capaian penerima + 0,2 × capaian mutu``, from the weights in force."""
    w_rec, w_qual = (angka(Decimal(str(weights[k])), _places(weights[k])) for k in ("penerima", "mutu"))
    if lang == "en":
        return f"Index = {w_rec} × recipient achievement + {w_qual} × quality achievement"
    return f"Indeks = {w_rec} × capaian penerima + {w_qual} × capaian mutu"


def _places(w) -> int:
    exp = Decimal(str(w)).normalize().as_tuple().exponent
    return max(0, -int(exp))


def period(year: int, quarter: int | None) -> tuple[_dt.date, _dt.date]:
    """Quarters are cumulative: Triwulan II runs from 1 January to 30 June."""
    end = quarter_end(year, quarter) if quarter else _dt.date(year, 12, 31)
    return _dt.date(year, 1, 1), end


def quarter_of_date(day: _dt.date) -> tuple[int, int]:
    return day.year, (day.month - 1) // 3 + 1
