"""What the GUI can start before Qt and SQLAlchemy are loaded (a quicker start).

Only the login from KEMENSOS_DESK_USER / KEMENSOS_DESK_PASSWORD (kiosk scripts, the
start-up benchmark) has something to start: its password check. The login itself still
goes through ``services.auth.login`` with all its rules (lock-out, audit).
"""
from __future__ import annotations

import os
from pathlib import Path

from kemensos_desk.core import passwords
from kemensos_desk.store import peek

def env_credentials() -> tuple[str, str] | None:
    user, password = os.environ.get("KEMENSOS_DESK_USER"), os.environ.get("KEMENSOS_DESK_PASSWORD")
    return (user, password) if user and password else None


def prefetch_env_login(data_dir: Path) -> None:
    creds = env_credentials()
    if creds is None:
        return
    stored = peek.password_hash(Path(data_dir) / peek.STORE_FILENAME, creds[0].strip().lower())
    if stored:
        passwords.verify_soon(creds[1], stored)
        from kemensos_desk.services import office_keyring  # the login's second scrypt, started too

        office_keyring.prefetch(Path(data_dir), creds[0], creds[1])
