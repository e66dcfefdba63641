"""Reading a closed store with ``sqlite3`` alone, before SQLAlchemy is even imported.

Start-up uses it to begin the password check (seconds of scrypt on an old laptop) while
the window is still being built; the real login then runs as always and takes that result.
Any problem here just means no head start.

The one reader of the store that does not go through ``store/connect.py``, on purpose: it
runs before login, when no office data key is at hand, and must stay free of SQLAlchemy and
SQLCipher to be quick. On an encrypted store it simply finds nothing (no head start). Step 4
of docs/SECURITY_AT_REST.md replaces it with the keyring unwrap and a clear-text side file.
"""
from __future__ import annotations

import sqlite3
from pathlib import Path
from urllib.parse import quote

STORE_FILENAME = "kemensos.sqlite"  # the store inside a data folder


def password_hash(path: Path, username: str) -> str | None:
    """The stored hash of an active account, or None (no store, no such user, any error)."""
    if not Path(path).is_file():
        return None
    try:
        conn = sqlite3.connect(f"file:{quote(str(path))}?mode=ro", uri=True, timeout=0.5)
        try:
            row = conn.execute("SELECT password_hash FROM user_account WHERE username = ? AND active",
                               (username,)).fetchone()
        finally:
            conn.close()
    except sqlite3.Error:
        return None
    return row[0] if row and isinstance(row[0], str) else None
