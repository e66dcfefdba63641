"""The office data key and its wraps, kept beside the store (issue 13, item 3).

``<data dir>/kunci-kantor.json`` (0600, clear-text JSON, never inside ``kemensos.sqlite``
because it must be readable before an encrypted store can be opened) holds one random
office data key wrapped per user password (``user:<name>``) and per recovery code
(``recovery``) by :mod:`kemensos_desk.core.keywrap`. The lifecycle keeps the wraps true:

* set-up creates the key with the administrator's wrap and the recovery code's wrap;
* a login unwraps it into ``ws.office_key`` (an office set up before this change gets its
  key at an administrator's first login);
* adding a user, resetting or changing a password, and a new recovery code wrap the key for
  the new secret (the caller is logged in, so the key is at hand); a secret that can no
  longer be wrapped has its old wrap removed, so an old password never opens the key;
* ``recover --code`` unwraps with the recovery code and wraps for the new password and the
  next code, so password resets and recovery keep working.

The store itself is NOT yet encrypted with this key (``"store_encrypted": false``): see
``docs/SECURITY_AT_REST.md`` for what remains. Until then a keyring problem never stops a
login or a password change: it is logged and the keyring is repaired at the next chance.
"""
from __future__ import annotations

import json
import logging
from pathlib import Path

from kemensos_desk.core import keywrap
from kemensos_desk.core.private_files import private_file
from kemensos_desk.documents.atomic import atomic_write

FILENAME = "kunci-kantor.json"
KIND = "kemensos-desk-office-keyring"
RECOVERY = "recovery"
MAX_BYTES = 1_000_000  # a keyring read from disk is small; never parse an unbounded file

log = logging.getLogger("kemensos_desk")


def user_label(username: str) -> str:
    return f"user:{(username or '').strip().lower()}"


def keyring_path(ws) -> Path:
    return Path(ws.data_dir) / FILENAME


def load(ws) -> dict | None:
    return load_path(Path(ws.data_dir))


def load_path(data_dir: Path) -> dict | None:
    path = Path(data_dir) / FILENAME
    try:
        if not path.is_file() or path.stat().st_size > MAX_BYTES:
            return None
        doc = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, json.JSONDecodeError):
        return None
    if not isinstance(doc, dict) or doc.get("kind") != KIND or not isinstance(doc.get("wraps"), dict):
        return None
    return doc


def _save(ws, doc: dict) -> None:
    path = private_file(keyring_path(ws))  # 0600 before the temp file copies its mode
    with atomic_write(path) as fh:
        fh.write(json.dumps(doc, indent=1, sort_keys=True).encode("utf-8"))


def _guarded(action: str, fn, *args) -> None:
    """Keyring upkeep never stops the user's action while the store is not encrypted with it."""
    try:
        fn(*args)
    except Exception as exc:  # noqa: BLE001 (logged with its traceback; repaired at the next login)
        log.warning("kunci kantor: %s gagal", action, exc_info=exc)


def create(ws, username: str, password: str, recovery_code: str | None) -> bytes:
    key = keywrap.new_data_key()
    wraps = {user_label(username): keywrap.wrap(key, password, user_label(username))}
    if recovery_code:
        wraps[RECOVERY] = keywrap.wrap(key, recovery_code, RECOVERY)
    _save(ws, {"kind": KIND, "version": 1, "key_id": keywrap.key_id(key), "store_encrypted": False,
               "wraps": wraps})
    ws.office_key = key
    return key


def _set_wrap(ws, label: str, secret: str | None) -> None:
    doc = load(ws)
    if doc is None:
        return
    if ws.office_key is not None and secret and keywrap.key_id(ws.office_key) == doc.get("key_id"):
        doc["wraps"][label] = keywrap.wrap(ws.office_key, secret, label)
    elif label in doc["wraps"]:
        del doc["wraps"][label]  # the old secret must not keep opening the key
    else:
        return
    _save(ws, doc)


def _on_login(ws, actor, password: str) -> None:
    doc = load(ws)
    label = user_label(actor.username)
    if doc is not None and label in doc["wraps"]:
        ws.office_key = keywrap.unwrap(doc["wraps"][label], password, label)
        if ws.office_key is not None:
            return
    if actor.role == "administrator" and (doc is None or not doc.get("store_encrypted")):
        # An office set up before the keyring, or one no wrap opens any more: nothing is
        # encrypted with the old key yet, so a fresh key loses nothing.
        create(ws, actor.username, password, None)


def prefetch(data_dir: Path, username: str, password: str) -> None:
    """Start the environment login's unwrap before Qt loads (services/quick_start.py)."""
    doc = load_path(data_dir)
    label = user_label(username)
    if doc is not None and isinstance(doc["wraps"].get(label), dict):
        keywrap.unwrap_soon(doc["wraps"][label], password, label)


# --- the hooks the services call ------------------------------------------------------------

def on_setup(ws, username: str, password: str, recovery_code: str) -> None:
    _guarded("penyiapan", create, ws, username, password, recovery_code)


def on_login(ws, actor, password: str) -> None:
    _guarded("masuk", _on_login, ws, actor, password)


def on_password(ws, username: str, password: str) -> None:
    _guarded("kata sandi", _set_wrap, ws, user_label(username), password)


def on_recovery_code(ws, code: str) -> None:
    _guarded("kode pemulihan", _set_wrap, ws, RECOVERY, code)


def on_recovered(ws, code: str, username: str, new_password: str, next_code: str) -> None:
    def recovered():
        doc = load(ws)
        if doc is not None and RECOVERY in doc["wraps"]:
            ws.office_key = keywrap.unwrap(doc["wraps"][RECOVERY], code, RECOVERY)
        _set_wrap(ws, user_label(username), new_password)
        _set_wrap(ws, RECOVERY, next_code)

    _guarded("pemulihan", recovered)
