"""The one way to open the office store's file: plain SQLite, or SQLCipher under the data key.

Issue 13, item 3 (docs/SECURITY_AT_REST.md, step 2). Every connection to ``kemensos.sqlite``
or to one of its backups goes through :func:`connect`, so when the store is encrypted the
key is given in one place and no code path opens the file in clear by mistake:

- ``key=None``: the standard library's ``sqlite3``, exactly as before (every office today);
- a 32-byte key: ``sqlcipher3`` (SQLCipher 4) with ``PRAGMA key = "x'<hex>'"`` as the very
  first statement. The key is the random office data key (``core/keywrap.py``), so it is
  given raw: no PBKDF2 at each open. The key is checked at once (one read of the schema),
  so a wrong or missing key is a worded :class:`EnvironmentProblem`, not "file is not a
  database" met later in the middle of a query.

``sqlcipher3`` is imported only when a key is given: a start-up on a clear store pays nothing.
The caller adds its own pragmas (``Store`` its WAL/FULL/foreign keys; a backup its journal mode).
``store/peek.py`` stays plain sqlite3: it reads before login, when there is no key; step 4 of
the plan replaces it with a clear-text side file.
"""
from __future__ import annotations

import sqlite3
import sys
from pathlib import Path
from urllib.parse import quote

from kemensos_desk.core.errors import EnvironmentProblem

KEY_BYTES = 32
CIPHER_MODULE = "sqlcipher3.dbapi2"


def cipher_module():
    """``sqlcipher3.dbapi2`` (imported late: only an encrypted store needs it)."""
    import sqlcipher3.dbapi2 as cipher

    return cipher


def module_for(key: bytes | None):
    """The DB-API module whose connections :func:`connect` returns for ``key`` (for SQLAlchemy)."""
    return sqlite3 if key is None else cipher_module()


def db_errors(kind: str = "Error") -> tuple[type[BaseException], ...]:
    """``sqlite3.<kind>`` and, once SQLCipher is loaded, ``sqlcipher3.dbapi2.<kind>``:
    for ``except db_errors():`` (an encrypted connection raises its module's own classes)."""
    found: tuple[type[BaseException], ...] = (getattr(sqlite3, kind),)
    cipher = sys.modules.get(CIPHER_MODULE)
    if cipher is not None:
        found += (getattr(cipher, kind),)
    return found


def connect(path: Path | str, key: bytes | None = None, *, read_only: bool = False,
            timeout: float = 5.0, check_same_thread: bool = True):
    """A DB-API connection to the store file ``path``; under ``key`` when one is given."""
    target = f"file:{quote(str(path))}?mode=ro" if read_only else str(path)
    if key is None:
        return sqlite3.connect(target, uri=read_only, timeout=timeout, check_same_thread=check_same_thread)
    if not isinstance(key, (bytes, bytearray)) or len(key) != KEY_BYTES:
        raise ValueError("kunci basis data harus 32 byte")
    cipher = cipher_module()
    conn = cipher.connect(target, uri=read_only, timeout=timeout, check_same_thread=check_same_thread)
    try:
        # SQLCipher writes a failed page check to stderr by default: a user sees our worded
        # message instead (the log level is process-wide and touches no page).
        conn.execute("PRAGMA cipher_log_level = NONE")
        # The key before anything reads the file: no other statement may come first.
        conn.execute(f"PRAGMA key = \"x'{bytes(key).hex()}'\"")
        conn.execute("SELECT count(*) FROM sqlite_master").fetchone()
    except cipher.DatabaseError as exc:
        conn.close()
        if "not a database" in str(exc).lower():
            raise EnvironmentProblem(
                "Basis data {where} tidak dapat dibuka dengan kunci kantor ini: kuncinya salah, berkas ini "
                "milik kantor lain, atau berkasnya rusak. Data tidak diubah.", where=str(path)) from None
        raise
    return conn
