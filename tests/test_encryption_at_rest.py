"""Encryption at rest, the part that has landed (issue 13, item 3): one office data key,
wrapped per user password and per recovery code beside the store, kept true through set-up,
login, new users, password resets and ``recover --code``. The store itself is not yet
encrypted with it: docs/SECURITY_AT_REST.md says what remains and what SQLCipher costs."""
from __future__ import annotations

import json
import os
import stat

import pytest

from kemensos_desk.cli.main import main
from kemensos_desk.core import keywrap
from kemensos_desk.services import office_keyring

PASSWORD, NEW, OTHER = "Rahasia-Uji-2026", "Sandi-Baru-2026", "Kuat-Lain-2026"
INIT = ["init", "--level", "kabupaten", "--region", "3210", "--office-name", "Dinas Sosial Kabupaten Majalengka",
        "--head-name", "Drs. H. Agus Setiawan, M.Si.", "--head-nip", "196803121990031002", "--admin", "admin", "--json"]


def test_wraps_open_only_with_their_secret_and_label():
    key = keywrap.new_data_key()
    wrapped = keywrap.wrap(key, "rahasia", "user:admin", n=2**10)
    assert keywrap.unwrap(wrapped, "rahasia", "user:admin") == key
    assert keywrap.unwrap(wrapped, "salah", "user:admin") is None
    assert keywrap.unwrap(wrapped, "rahasia", "user:siti") is None  # cannot be moved to another user
    assert keywrap.unwrap({**wrapped, "n": 2**30}, "rahasia", "user:admin") is None  # bounded cost
    assert keywrap.unwrap({**wrapped, "sealed": "AAAA"}, "rahasia", "user:admin") is None
    assert keywrap.unwrap({}, "rahasia", "user:admin") is None


def _keyring(data) -> dict:
    return json.loads((data / office_keyring.FILENAME).read_text())


def _opens(data, label: str, secret: str) -> str | None:
    wrapped = _keyring(data)["wraps"].get(label)
    key = keywrap.unwrap(wrapped, secret, label) if wrapped else None
    return keywrap.key_id(key) if key else None


@pytest.fixture()
def office(tmp_path, monkeypatch, capsys):
    for name in [k for k in os.environ if k.startswith("KEMENSOS_DESK_")]:
        monkeypatch.delenv(name)
    monkeypatch.setenv("KEMENSOS_DESK_PASSWORD", PASSWORD)
    data = tmp_path / "kantor"
    assert main(["--data-dir", str(data), *INIT]) == 0
    code = json.loads(capsys.readouterr().out)["recovery_code"]
    return data, code


def run(data, *args, capsys=None) -> int:
    return main(["--data-dir", str(data), *args])


def test_one_key_survives_new_users_password_resets_and_recovery(office, monkeypatch, capsys):
    data, code = office
    ring = _keyring(data)
    key_id = ring["key_id"]
    assert stat.S_IMODE((data / office_keyring.FILENAME).stat().st_mode) == 0o600
    assert set(ring["wraps"]) == {"user:admin", "recovery"} and ring["store_encrypted"] is False
    assert _opens(data, "user:admin", PASSWORD) == key_id and _opens(data, "recovery", code) == key_id
    assert _opens(data, "user:admin", "salah") is None

    monkeypatch.setenv("KEMENSOS_DESK_NEW_PASSWORD", OTHER)
    assert run(data, "--user", "admin", "user", "add", "siti", "--full-name", "Siti Rahma", "--role", "operator") == 0
    assert _opens(data, "user:siti", OTHER) == key_id

    monkeypatch.setenv("KEMENSOS_DESK_NEW_PASSWORD", NEW)
    assert run(data, "--user", "admin", "user", "reset-password", "siti") == 0
    assert _opens(data, "user:siti", NEW) == key_id and _opens(data, "user:siti", OTHER) is None

    capsys.readouterr()
    assert run(data, "recover", "--code", code, "--json") == 0
    next_code = json.loads(capsys.readouterr().out)["recovery_code"]
    assert _opens(data, "user:admin", NEW) == key_id and _opens(data, "user:admin", PASSWORD) is None
    assert _opens(data, "recovery", next_code) == key_id and _opens(data, "recovery", code) is None
    monkeypatch.setenv("KEMENSOS_DESK_PASSWORD", NEW)
    assert run(data, "--user", "admin", "info", "--json") == 0 and _keyring(data)["key_id"] == key_id


def test_the_keyring_holds_no_key_in_clear_and_a_wrong_password_opens_nothing(office, monkeypatch):
    data, _ = office
    from kemensos_desk.services import auth
    from kemensos_desk.services.workspace import Workspace

    ws = Workspace.open(data)
    try:
        actor = auth.login(ws, "admin", PASSWORD)
        assert ws.office_key is not None and actor.username == "admin"
        raw = (data / office_keyring.FILENAME).read_bytes()
        import base64

        assert ws.office_key not in raw and base64.b64encode(ws.office_key) not in raw
        assert ws.office_key.hex().encode() not in raw
    finally:
        ws.close()
    ws = Workspace.open(data)
    try:
        with pytest.raises(Exception):
            auth.login(ws, "admin", "salah-sekali")
        assert ws.office_key is None
    finally:
        ws.close()


def test_an_office_set_up_before_gets_its_key_at_the_administrators_login(office, monkeypatch):
    data, _ = office
    (data / office_keyring.FILENAME).unlink()
    assert run(data, "--user", "admin", "spm", "person", "list", "--json") == 0
    ring = _keyring(data)
    assert set(ring["wraps"]) == {"user:admin"} and _opens(data, "user:admin", PASSWORD) == ring["key_id"]


def test_an_unwrap_started_ahead_is_taken_only_for_the_same_secret():
    key = keywrap.new_data_key()
    wrapped = keywrap.wrap(key, "rahasia", "user:admin", n=2**10)
    keywrap.unwrap_soon(wrapped, "rahasia", "user:admin")
    assert keywrap.unwrap(wrapped, "rahasia", "user:admin") == key
    keywrap.unwrap_soon(wrapped, "salah", "user:admin")
    assert keywrap.unwrap(wrapped, "rahasia", "user:admin") == key
    assert keywrap.unwrap(wrapped, "salah", "user:admin") is None


def test_the_environment_login_starts_the_unwrap_before_the_window(office, monkeypatch):
    data, _ = office
    from kemensos_desk.services import auth, quick_start
    from kemensos_desk.services.workspace import Workspace

    monkeypatch.setenv("KEMENSOS_DESK_USER", "admin")
    quick_start.prefetch_env_login(data)
    assert keywrap._ahead  # started
    ws = Workspace.open(data)
    try:
        auth.login(ws, "admin", PASSWORD)
        assert not keywrap._ahead and keywrap.key_id(ws.office_key) == _keyring(data)["key_id"]
    finally:
        ws.close()
