"""Control characters are refused on the way in and made harmless on the way out; a date
cell Excel cannot hold (before 1900) is named for what it is (issue 13 item 10)."""
from __future__ import annotations

import datetime as _dt
import json

import openpyxl
import pytest

from kemensos_desk.cli.main import main
from kemensos_desk.core import tabular
from kemensos_desk.core.errors import Refused
from kemensos_desk.core.forms import load_form
from kemensos_desk.core.text import control_chars, json_safe, visible
from kemensos_desk.services.importing_read import read_sheets
from kemensos_desk.services.spm import register as reg
from kemensos_desk.store.models import Setting
from test_spm_support import OPERATOR, make_office

HOSTILE = ["Budi\x1b[2J", "Siti\x07", "Ani\u202etxt.exe", "Wati\x9b31m", "Rudi\x00", "Eka\u2066x\u2069"]


@pytest.mark.parametrize("text", HOSTILE)
def test_core_finds_each_control_character(text):
    assert control_chars(text)
    assert "\x1b" not in visible(text) and "\x07" not in visible(text) and "\u202e" not in visible(text)


def test_newlines_pass_only_where_a_text_is_multi_line():
    assert control_chars("baris satu\nbaris dua")
    assert not control_chars("baris satu\r\nbaris dua\tdan tab", multiline=True)
    assert control_chars("baris\x1b", multiline=True)


def test_json_output_escapes_what_json_does_not():
    out = json_safe(json.dumps({"n": "A\u202eB\x85"}, ensure_ascii=False))
    assert "\u202e" not in out and "\x85" not in out
    assert json.loads(out) == {"n": "A\u202eB\x85"}


@pytest.mark.parametrize("text", HOSTILE)
def test_a_person_with_a_control_character_in_the_name_is_refused(tmp_path, text):
    ws = make_office(tmp_path)
    data = reg.PersonData(name=text, sex="L", birth_date=_dt.date(1950, 3, 12), kecamatan_code="32.10.01", desa="Ok")
    with pytest.raises(Refused) as caught:
        reg.create_person(ws, OPERATOR, data, ["lansia"], 2026)
    assert "karakter kendali" in str(caught.value) or any(
        "karakter kendali" in str(p.message) for p in caught.value.problems)


def test_a_form_field_refuses_control_characters():
    form = load_form("office_setup")
    field = next(f for f in form.fields if f.type == "text")
    assert "karakter kendali" in str(field.problem("Dinas\x1b[31m"))


def test_the_store_refuses_a_control_character_from_any_writer(tmp_path):
    ws = make_office(tmp_path)
    with pytest.raises(Refused, match="karakter kendali"):
        with ws.store.session("uji") as s:
            s.add(Setting(key="uji", value="nilai\x1b]0;judul\x07"))
    with ws.store.session() as s:
        assert s.get(Setting, "uji") is None


def test_the_cli_prints_a_refusal_without_raw_controls(tmp_path, capsys, monkeypatch):
    monkeypatch.setenv("KEMENSOS_DESK_PASSWORD", "x")
    code = main(["--data-dir", str(tmp_path / "kosong"), "spm", "person", "add", "--name", "A\x1b[2JB"])
    err = capsys.readouterr().err
    assert code != 0 and "\x1b" not in err


def test_a_date_before_1900_says_so_instead_of_a_time(tmp_path):
    wb = openpyxl.Workbook()
    wb.active["A1"] = _dt.date(1800, 1, 1)
    wb.save(tmp_path / "lama.xlsx")
    [(_name, rows)] = read_sheets(tmp_path / "lama.xlsx", reader="calamine")
    with pytest.raises(tabular.CellError) as caught:
        tabular.parse_date(rows[0][0])
    text = str(caught.value.message)
    assert "00:00:00" not in text and "1900" in text
