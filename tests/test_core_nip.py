"""NIP: 18 digits = birth date + start of service + sex + serial."""
import datetime as dt

import pytest

from kemensos_desk.core import nip

TODAY = dt.date(2026, 11, 23)


def test_valid_nip_is_decoded():
    info, reason = nip.check("196803121990031002", today=TODAY)
    assert reason is None
    assert info.birth_date == dt.date(1968, 3, 12)
    assert (info.tmt_year, info.tmt_month, info.sex, info.serial) == (1990, 3, "L", "002")


def test_grouped_writing_is_accepted_and_printed():
    assert nip.check("19680312 199003 1 002", today=TODAY)[1] is None
    assert nip.check("19680312.199003.2.002", today=TODAY)[0].sex == "P"
    assert nip.format_nip("196803121990031002") == "19680312 199003 1 002"
    assert nip.format_nip("123") == "123"


@pytest.mark.parametrize("text, fragment", [
    ("19680312199003100X", "hanya boleh berisi angka"),
    ("", "hanya boleh berisi angka"),
    ("1968031219900310", "harus 18 angka (sekarang 16)"),
    ("196813121990031002", "bukan tanggal lahir yang sah"),   # month 13
    ("196802301990031002", "bukan tanggal lahir yang sah"),   # 30 February
    ("193003121990031002", "Tahun lahir pada NIP (1930)"),    # too old
    ("202703121990031002", "Tahun lahir pada NIP (2027)"),    # not born yet
    ("196803121990131002", "Bulan TMT pada NIP (13)"),
    ("196803121990001002", "Bulan TMT pada NIP (00)"),
    ("196803121975031002", "Tahun TMT pada NIP (1975)"),      # started work at 7
    ("196803122027031002", "Tahun TMT pada NIP (2027)"),      # starts in the future
    ("196803121990033002", "harus 1 (laki-laki) atau 2 (perempuan), bukan 3"),
    ("196803121990031000", "Nomor urut NIP tidak boleh 000"),
])
def test_every_refusal_reason(text, fragment):
    info, reason = nip.check(text, today=TODAY)
    assert info is None
    assert fragment in str(reason)
