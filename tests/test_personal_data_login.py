"""Personal data needs a valid login (issue 13, item 2): no user or a wrong password gives
exit 4, prints no NIK, KK or name, and a wrong password counts toward the lock-out."""
from __future__ import annotations

import json

import pytest
from sqlalchemy import select

from kemensos_desk.cli.main import main
from kemensos_desk.services.spm import register as reg
from kemensos_desk.store.models import User
from test_spm_register import person
from test_spm_support import OPERATOR, PASSWORD, make_office, nik_for


@pytest.fixture()
def office(tmp_path, monkeypatch):
    ws = make_office(tmp_path)
    reg.create_person(ws, OPERATOR, person(kk="3210012345678901"), ["lansia"], 2025)
    data = ws.data_dir
    ws.close()
    monkeypatch.setenv("KEMENSOS_DESK_PASSWORD", PASSWORD)
    return data


def run(capsys, data, *args) -> tuple[int, str]:
    code = main(["--data-dir", str(data), *args])
    captured = capsys.readouterr()
    return code, captured.out + captured.err


def _failed_logins(data) -> int:
    from kemensos_desk.services.workspace import Workspace

    ws = Workspace.open(data)
    try:
        with ws.store.session() as s:
            return s.scalars(select(User.failed_logins).where(User.username == "admin")).one()
    finally:
        ws.close()


PERSONAL_READS = [["spm", "person", "list", "--json"], ["spm", "person", "list"]]


@pytest.mark.parametrize("command", PERSONAL_READS)
def test_person_list_without_a_user_is_refused_with_exit_4_and_shows_nothing(office, capsys, command):
    code, out = run(capsys, office, *command)
    assert code == 4
    assert nik_for("321001", person().birth_date, "P", 1) not in out and "Siti" not in out
    assert "3210012345678901" not in out


def test_wrong_password_is_refused_and_counted_toward_the_lock_out(office, capsys, monkeypatch):
    monkeypatch.setenv("KEMENSOS_DESK_PASSWORD", "salah-sekali")
    code, out = run(capsys, office, "--user", "admin", "spm", "person", "list", "--json")
    assert code == 4 and "Siti" not in out
    assert _failed_logins(office) == 1
    code, _ = run(capsys, office, "--user", "admin", "spm", "person", "list", "--json")
    assert code == 4 and _failed_logins(office) == 2


def test_a_valid_login_lists_the_register(office, capsys):
    code, out = run(capsys, office, "--user", "admin", "spm", "person", "list", "--json")
    assert code == 0
    assert [r["name"] for r in json.loads(out)] == ["Siti Aminah"]
