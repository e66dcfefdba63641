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


def waktu_lokal(moment: _dt.datetime | None, lang: str | None = None) -> str:
    """A stored time (naive UTC, or aware) on the reader's own clock: ``5 Desember 2026 14.26``."""
    if moment is None:
        return KOSONG
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=_dt.timezone.utc)
    return tanggal_waktu(moment.astimezone().replace(tzinfo=None), lang)


def jumlah(value, unit: str = "") -> str:
    """A count as people write it: ``60`` or ``60 orang``, never ``60,00``; a true fraction
    keeps its decimals (``12,5 kg``)."""
    if value is None or value == "":
        return KOSONG
    d = to_decimal(value)
    text = angka(d, 0) if d == d.to_integral_value() else angka(d.normalize(), min(2, -d.normalize().as_tuple().exponent))
    return f"{text} {unit}".strip() if unit else text


def jumlah_format(values) -> str:
    """The xlsx number format for a column of counts: whole numbers without decimals."""
    whole = all(v is None or to_decimal(v) == to_decimal(v).to_integral_value() for v in values)
    return "#,##0" if whole else "#,##0.00"


def periode(year: int, quarter: int | None = None, lang: str | None = None) -> str:
    """``Triwulan III Tahun 2026``, or ``Tahun 2026`` for the whole year (never "Tahunan Tahun")."""
    word = "Year" if (lang or i18n.language()) == "en" else "Tahun"
    whole = f"{word} {year}"
    return f"{nama_triwulan(quarter, lang)} {whole}" if quarter else whole
