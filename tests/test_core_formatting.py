"""Indonesian formats (DOMAIN.md §5): numbers, money, percentages, dates, quarters."""
import datetime as dt
from decimal import Decimal

import pytest

from kemensos_desk.core import formatting as f
from kemensos_desk.core import i18n


@pytest.fixture(autouse=True)
def indonesian():
    i18n.set_language("id")
    yield
    i18n.set_language("id")


def test_angka_groups_thousands_with_dots_and_decimals_with_comma():
    assert f.angka(1234567.891, 2) == "1.234.567,89"
    assert f.angka(1234567) == "1.234.567"
    assert f.angka(0) == "0"
    assert f.angka(999) == "999"
    assert f.angka(1000) == "1.000"


def test_rupiah_has_no_space_and_optional_cents():
    assert f.rupiah(13393506000) == "Rp13.393.506.000"
    assert f.rupiah(13393506000, 2) == "Rp13.393.506.000,00"
    assert f.rupiah(Decimal("-2500")) == "-Rp2.500"


def test_persen():
    assert f.persen(106.505) == "106,51%"
    assert f.persen(100) == "100,00%"
    assert f.persen(Decimal("0.125")) == "0,13%"


def test_round_half_up_never_bankers():
    assert f.round_half_up(0.125) == Decimal("0.13")
    assert f.round_half_up("2.5", 0) == Decimal("3")
    assert f.round_half_up(-0.125) == Decimal("-0.13")
    assert f.angka(0.125, 2) == "0,13"
    assert f.angka(2.675, 2) == "2,68"  # float 2.675 is below .675 in binary; we round the decimal text


def test_negative_numbers():
    assert f.angka(-1234567.891, 2) == "-1.234.567,89"
    assert f.angka(-5) == "-5"
    assert f.angka(-0.001, 2) == "0,00"  # no "-0,00"


def test_none_is_a_dash():
    for fn in (f.angka, f.rupiah, f.persen, f.tanggal, f.tanggal_waktu):
        assert fn(None) == "–"


def test_dates_and_months():
    assert f.tanggal(dt.date(2026, 11, 23)) == "23 November 2026"
    assert f.tanggal(dt.date(2026, 2, 1)) == "1 Februari 2026"
    assert f.tanggal(dt.date(2026, 11, 23), lang="en") == "23 November 2026"
    assert f.tanggal(dt.date(2026, 5, 3), lang="en") == "3 May 2026"
    assert f.tanggal_waktu(dt.datetime(2026, 11, 23, 14, 5)) == "23 November 2026 14.05"
    assert f.tanggal_waktu(dt.datetime(2026, 11, 23, 14, 5), lang="en") == "23 November 2026 14:05"
    assert [f.nama_bulan(m) for m in (1, 8, 12)] == ["Januari", "Agustus", "Desember"]


def test_quarters():
    assert [f.nama_triwulan(q) for q in (1, 2, 3, 4)] == ["Triwulan I", "Triwulan II", "Triwulan III", "Triwulan IV"]
    assert f.nama_triwulan(3, lang="en") == "Quarter III"
    i18n.set_language("en")
    assert f.nama_triwulan(4) == "Quarter IV"
    assert [f.quarter_of(m) for m in (1, 3, 4, 9, 10, 12)] == [1, 1, 2, 3, 4, 4]
    assert f.quarter_end(2026, 1) == dt.date(2026, 3, 31)
    assert f.quarter_end(2026, 2) == dt.date(2026, 6, 30)
    assert f.quarter_end(2026, 3) == dt.date(2026, 9, 30)
    assert f.quarter_end(2026, 4) == dt.date(2026, 12, 31)


@pytest.mark.parametrize("text, value", [
    ("1.234.567,89", "1234567.89"),
    ("1234567,89", "1234567.89"),
    ("1.234", "1234"),
    ("1.5", "1.5"),
    ("Rp13.393.506.000", "13393506000"),
    (" 12 345 ", "12345"),
    ("-7,5", "-7.5"),
    ("0", "0"),
])
def test_parse_angka(text, value):
    assert f.parse_angka(text) == Decimal(value)


@pytest.mark.parametrize("text", ["", "   ", "abc", "1,2,3", "Rp"])
def test_parse_angka_refuses_non_numbers(text):
    with pytest.raises(ValueError):
        f.parse_angka(text)


def test_parse_then_format_round_trips():
    assert f.angka(f.parse_angka("1.234.567,89"), 2) == "1.234.567,89"
