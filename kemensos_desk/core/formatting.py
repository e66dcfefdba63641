"""Indonesian formats for numbers, money, percentages, dates, months and quarters.

Every screen and printed document goes through these (DOMAIN.md §5):
``1.234.567,89`` · ``Rp13.393.506.000`` · ``106,51%`` · ``23 November 2026`` · ``Triwulan I``.
"""
from __future__ import annotations

import datetime as _dt
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation

from kemensos_desk.core import i18n

BULAN = (
    "Januari", "Februari", "Maret", "April", "Mei", "Juni",
    "Juli", "Agustus", "September", "Oktober", "November", "Desember",
)
MONTHS_EN = (
    "January", "February", "March", "April", "May", "June",
    "July", "August", "September", "October", "November", "December",
)
ROMAWI = ("I", "II", "III", "IV")
KOSONG = "–"  # shown where a figure does not exist (e.g. nobody entitled)


def to_decimal(value) -> Decimal:
    if isinstance(value, Decimal):
        return value
    if isinstance(value, float):
        # repr() gives the shortest exact decimal for a float (0.1 -> "0.1").
        return Decimal(repr(value))
    return Decimal(value)


def round_half_up(value, decimals: int = 2) -> Decimal:
    """Round half up, as Indonesian reports do (0,125 -> 0,13); never banker's rounding."""
    quantum = Decimal(1).scaleb(-decimals)
    return to_decimal(value).quantize(quantum, rounding=ROUND_HALF_UP)


def angka(value, decimals: int = 0) -> str:
    """``1234567.891`` -> ``1.234.567,89`` (with decimals=2)."""
    if value is None:
        return KOSONG
    d = round_half_up(value, decimals)
    sign = "-" if d < 0 else ""
    text = f"{abs(d):.{decimals}f}"
    whole, _, frac = text.partition(".")
    groups = []
    while len(whole) > 3:
        groups.insert(0, whole[-3:])
        whole = whole[:-3]
    groups.insert(0, whole)
    out = sign + ".".join(groups)
    return out + ("," + frac if frac else "")


def rupiah(value, decimals: int = 0) -> str:
    """``13393506000`` -> ``Rp13.393.506.000``; decimals=2 -> ``Rp13.393.506.000,00``."""
    if value is None:
        return KOSONG
    d = to_decimal(value)
    if d < 0:
        return "-Rp" + angka(-d, decimals)
    return "Rp" + angka(d, decimals)


def persen(value, decimals: int = 2) -> str:
    """``106.505`` -> ``106,51%``; ``None`` (nothing to divide by) -> ``–``."""
    if value is None:
        return KOSONG
    return angka(value, decimals) + "%"


def nama_bulan(month: int, lang: str | None = None) -> str:
    names = MONTHS_EN if (lang or i18n.language()) == "en" else BULAN
    return names[month - 1]


def nama_triwulan(quarter: int, lang: str | None = None) -> str:
    word = "Quarter" if (lang or i18n.language()) == "en" else "Triwulan"
    return f"{word} {ROMAWI[quarter - 1]}"


def tanggal(value: _dt.date | _dt.datetime | None, lang: str | None = None) -> str:
    """``date(2026, 11, 23)`` -> ``23 November 2026``."""
    if value is None:
        return KOSONG
    return f"{value.day} {nama_bulan(value.month, lang)} {value.year}"


def tanggal_waktu(value: _dt.datetime | None, lang: str | None = None) -> str:
    """``23 November 2026 14.05`` (Indonesian writes the time with a dot)."""
    if value is None:
        return KOSONG
    sep = ":" if (lang or i18n.language()) == "en" else "."
    return f"{tanggal(value, lang)} {value.hour:02d}{sep}{value.minute:02d}"


def parse_angka(text: str) -> Decimal:
    """Read a number typed the Indonesian way: ``1.234.567,89`` or ``1234567,89``.

    A lone dot followed by exactly three digits is a thousands separator, as an
    operator writes it; anything that is not a number raises ``ValueError``.
    """
    t = text.strip().replace(" ", "")
    if t.lower().startswith("rp"):
        t = t[2:]
    if not t:
        raise ValueError("kosong")
    if "," in t:
        t = t.replace(".", "").replace(",", ".")
    elif t.count(".") >= 1 and all(len(p) == 3 for p in t.split(".")[1:]):
        t = t.replace(".", "")
    try:
        return Decimal(t)
    except InvalidOperation as exc:
        raise ValueError(f"bukan angka: {text!r}") from exc


def quarter_of(month: int) -> int:
    return (month - 1) // 3 + 1


def quarter_end(year: int, quarter: int) -> _dt.date:
    month = quarter * 3
    next_first = _dt.date(year + (month == 12), month % 12 + 1, 1)
    return next_first - _dt.timedelta(days=1)
