"""NIK and KK rules (issue 4, Rules; DOMAIN.md §2.4)."""
from __future__ import annotations

import datetime as _dt

import pytest

from kemensos_desk.core import nik
from kemensos_desk.core.spm import Band, band, index, percent
from decimal import Decimal

TODAY = _dt.date(2026, 11, 23)


def errors(result) -> list[str]:
    return [str(m) for m in result.errors]


def test_valid_nik_is_decoded():
    r = nik.check_nik("3210 0112 0350 0001", sex="L", birth_date=_dt.date(1950, 3, 12), office_region="32.10", today=TODAY)
    assert r.ok and not r.warnings
    assert r.nik == "3210011203500001"
    assert (r.birth_date, r.sex) == (_dt.date(1950, 3, 12), "L")


def test_decoding_of_woman_and_two_digit_year():
    r = nik.check_nik("3210015203100002", today=TODAY)
    assert r.ok
    assert r.sex == "P" and r.birth_date == _dt.date(2010, 3, 12)
    assert r.kecamatan_code == "32.10.01"
    assert r.region.describe() == "Lemahsugih, Kabupaten Majalengka, Jawa Barat"
    old = nik.check_nik("3210011203300001", today=TODAY)
    assert old.birth_date == _dt.date(1930, 3, 12)


@pytest.mark.parametrize("text, reason", [
    ("321001120350001", "16 angka (sekarang 15)"),
    ("32100112035000011", "16 angka (sekarang 17)"),
    ("3.2101E+15", "hanya boleh berisi angka"),
    ("9999011203500001", "bukan kode kecamatan"),
    ("3210010003500001", "harus 01–31"),
    ("3210013203500001", "harus 01–31"),
    ("3210017203500001", "harus 01–31"),
    ("3210011213500001", "bulan"),
    ("3210013102990001", "tidak ada di kalender"),  # 31 February 1999 (the brief's 310299)
    ("3210017102990001", "tidak ada di kalender"),
    ("3210011203500000", "tidak boleh 0000"),
])
def test_invalid_niks_are_refused_with_a_reason(text, reason):
    r = nik.check_nik(text, today=TODAY)
    assert not r.ok
    assert any(reason in e for e in errors(r)), errors(r)


def test_sex_and_birth_date_must_agree_and_both_values_are_shown():
    r = nik.check_nik("3210015203500001", sex="L", birth_date=_dt.date(1950, 3, 13), today=TODAY)
    text = " ".join(errors(r))
    assert "perempuan" in text and "laki-laki" in text
    assert "12 Maret 1950" in text and "13 Maret 1950" in text
    # The century is not in the NIK: 1950 and 2050 agree on "50"; a person born 1920 has "20".
    assert nik.check_nik("3210011203200001", sex="L", birth_date=_dt.date(1920, 3, 12), today=TODAY).ok


def test_nik_from_another_region_is_a_warning():
    r = nik.check_nik("3273011203500001", office_region="32.10", today=TODAY)
    assert r.ok
    assert r.warnings and "luar wilayah" in str(r.warnings[0])
    assert nik.check_nik("3273011203500001", office_region="32", today=TODAY).warnings == []


def test_retired_kecamatan_code_is_valid_with_a_note_of_the_new_code():
    # Merauke was 91.01 before Papua Selatan (93) was formed in 2022.
    r = nik.check_nik("9101011203800001", today=TODAY)
    assert r.ok
    assert r.region.retired and r.kecamatan_code == "93.01.01"
    assert "93.01.01" in str(r.notes[0])
    assert "91.01.01" in nik.retired_codes() and "93.01.01" not in nik.retired_codes()


def test_kk_number():
    assert nik.check_kk("3210010101200001", office_region="32.10").ok
    assert "16 angka" in str(nik.check_kk("32100101012000").errors[0])
    assert "bukan kode kecamatan" in str(nik.check_kk("9999010101200001").errors[0])
    assert nik.check_kk("3273010101200001", office_region="32.10").warnings


def test_index_rules():
    bands = [Band(Decimal(100), "Tuntas Paripurna"), Band(Decimal(80), "Tuntas Utama"), Band(Decimal(0), "Belum Tuntas")]
    assert percent(1, 8) == Decimal("12.50")
    assert percent(1, 0) is None
    assert percent(2, 3) == Decimal("66.67")
    # Round half up: 0.8 x 99.99 + 0.2 x 100 = 99.992 -> 99.99 (not Paripurna)
    idx = index(Decimal("99.99"), Decimal("100.00"), {"penerima": 0.8, "mutu": 0.2})
    assert idx == Decimal("99.99") and band(idx, bands) == "Tuntas Utama"
    # 79.995 would print as 80,00 but has not reached 80: the band follows the exact index.
    assert band(Decimal("79.995"), bands) == "Belum Tuntas"
    assert band(Decimal(100), bands) == "Tuntas Paripurna"
    assert band(None, bands) is None
