"""Forms as data: both foundation forms load and validate with readable reasons."""
import datetime as dt

import pytest

from kemensos_desk.core import i18n
from kemensos_desk.core.forms import load_form, parse_form


@pytest.fixture(autouse=True)
def indonesian():
    i18n.set_language("id")
    yield
    i18n.set_language("id")


GOOD_OFFICE = {
    "level": "kabupaten", "region_code": "32.10", "office_name": "Dinas Sosial Kabupaten Majalengka",
    "address": "Jl. K.H. Abdul Halim No. 1", "head_name": "Drs. H. Agus Setiawan, M.Si.",
    "head_nip": "19680312 199003 1 002", "phone": "(0233) 281234", "email": "dinsos@majalengkakab.go.id",
}


def reasons(form, values):
    return {p.field: str(p.message) for p in form.validate(values)}


def test_both_forms_load():
    office, user = load_form("office_setup"), load_form("user")
    assert office.name == "office_setup" and user.name == "user"
    assert [f.name for f in office.fields] == ["level", "region_code", "office_name", "address", "phone", "email",
                                               "head_name", "head_nip"]
    assert [c.value for c in user.field("role").choices] == ["administrator", "operator", "verifikator"]
    assert office.field("head_nip").text() == "NIP Kepala Dinas"
    i18n.set_language("en")
    assert office.field("head_nip").text() == "Head of Office NIP"
    assert user.field("role").choices[2].text() == "Verifier"
    with pytest.raises(KeyError):
        office.field("nope")


def test_good_office_passes():
    assert load_form("office_setup").validate(GOOD_OFFICE) == []


def test_office_messages():
    form = load_form("office_setup")
    got = reasons(form, {**GOOD_OFFICE, "office_name": "  ", "level": "desa", "head_nip": "123",
                         "email": "bukan-surel", "phone": "08abc", "address": "x" * 301})
    assert got == {
        "level": "Pilihan Tingkat kantor tidak dikenal: desa.",
        "office_name": "Nama kantor wajib diisi.",
        "address": "Alamat paling banyak 300 karakter.",
        "phone": "Nomor telepon hanya boleh berisi angka, spasi, tanda kurung dan tanda hubung.",
        "email": "Alamat surel tidak sah.",
        "head_nip": "NIP harus 18 angka (sekarang 3).",
    }
    # optional fields may stay empty
    assert reasons(form, {**GOOD_OFFICE, "phone": "", "email": None}) == {}


def test_user_messages_and_password_value_never_echoed():
    form = load_form("user")
    problems = form.validate({"username": "A b", "full_name": "", "role": "raja", "password": "pendek"})
    got = {p.field: str(p.message) for p in problems}
    assert got["username"].startswith("Nama pengguna 3–32 karakter")
    assert got["full_name"] == "Nama lengkap wajib diisi."
    assert got["role"] == "Pilihan Peran tidak dikenal: raja."
    assert got["password"] == "Kata sandi minimal 8 karakter."
    assert next(p for p in problems if p.field == "password").value is None
    assert form.validate({"username": "siti.rahma", "full_name": "Siti", "role": "operator",
                          "password": "rahasia123"}) == []
    assert [p.field for p in form.validate({"username": "x"}, only=["username"])] == ["username"]


def test_messages_follow_language():
    i18n.set_language("en")
    i18n.catalogue.cache_clear()
    got = reasons(load_form("office_setup"), {**GOOD_OFFICE, "office_name": ""})
    assert got == {"office_name": "Office name is required."}


def test_integer_date_and_pattern_fields():
    form = parse_form({"form": "t", "fields": [
        {"name": "n", "type": "integer", "label": "Jumlah", "minimum": 0, "maximum": 10},
        {"name": "d", "type": "date", "label": "Tanggal"},
        {"name": "k", "type": "text", "label": "Kode", "pattern": "[A-Z]{3}",
         "pattern_message": {"id": "{label} harus tiga huruf besar."}},
        {"name": "p", "type": "text", "label": "Pola", "pattern": "[0-9]+"},
    ]})
    assert reasons(form, {"n": "x", "d": "2026-13-01", "k": "ab", "p": "a"}) == {
        "n": "Jumlah harus bilangan bulat.", "d": "Tanggal bukan tanggal yang sah.",
        "k": "Kode harus tiga huruf besar.", "p": "Pola tidak sesuai format.",
    }
    assert reasons(form, {"n": "-1"}) == {"n": "Jumlah paling kecil 0."}
    assert reasons(form, {"n": 11}) == {"n": "Jumlah paling besar 10."}
    assert reasons(form, {"n": "5", "d": dt.date(2026, 1, 1), "k": "ABC", "p": "12"}) == {}
    with pytest.raises(ValueError):
        parse_form({"form": "t", "fields": [{"name": "x", "type": "warna"}]})
