"""The office's SQLite store: one file, WAL, foreign keys on, synchronous=FULL.

Opened through ``store/connect.py``: plain SQLite without a key (every office today), or
SQLCipher under the office data key (issue 13, item 3; not yet switched on for any office).

A ``Store`` hands out sessions scoped to one unit of work (``with store.session(actor)``):
commit at the end, roll back on any error, so every write is one transaction.
"""
from __future__ import annotations

import contextlib
import os
import sqlite3
from pathlib import Path
from typing import Iterator

from sqlalchemy import Engine, create_engine, event
from sqlalchemy.exc import SQLAlchemyError
from sqlalchemy.orm import Session, sessionmaker

from kemensos_desk.store import text_guard
from kemensos_desk.store.connect import connect, db_errors, module_for
from kemensos_desk.store import audit  # noqa: F401  (registers the flush listener)
from kemensos_desk.store.errors import environment_problem

from kemensos_desk.store.peek import STORE_FILENAME  # noqa: E402,F401 (defined without SQLAlchemy)


def busy_timeout_ms() -> int:
    # How long a write waits for another program's lock before we tell the user.
    return int(os.environ.get("KEMENSOS_DESK_BUSY_TIMEOUT_MS", "5000"))


def _on_connect(dbapi_conn, _record) -> None:
    cur = dbapi_conn.cursor()
    cur.execute(f"PRAGMA busy_timeout={busy_timeout_ms()}")
    cur.execute("PRAGMA journal_mode=WAL")
    cur.execute("PRAGMA foreign_keys=ON")
    cur.execute("PRAGMA synchronous=FULL")
    cur.close()


def make_engine(path: Path, key: bytes | None = None) -> Engine:
    # The URL's file keeps SQLAlchemy's choice of pool for a file database; the creator opens
    # each connection through connect() (SQLCipher keyed first when there is a key), and
    # ``module`` makes SQLAlchemy wrap that module's errors as it wraps sqlite3's.
    def creator():
        return connect(path, key, timeout=busy_timeout_ms() / 1000, check_same_thread=False)

    engine = create_engine(f"sqlite:///{path}", future=True, creator=creator, module=module_for(key))
    event.listen(engine, "connect", _on_connect)
    return engine


class Store:
    def __init__(self, path: Path, key: bytes | None = None):
        self.path = Path(path)
        self.key = key  # the office data key when the store is encrypted; None for a clear store
        self.engine = make_engine(self.path, key)
        self._sessions = sessionmaker(self.engine, expire_on_commit=False)
        text_guard.install(self._sessions)

    @contextlib.contextmanager
    def session(self, actor: str | None = None) -> Iterator[Session]:
        """One unit of work; ``actor`` is the user written into the audit log."""
        session = self._sessions()
        session.info["actor"] = actor
        try:
            yield session
            session.commit()
        except BaseException as exc:
            session.rollback()
            problem = environment_problem(exc, str(self.path)) if isinstance(exc, (SQLAlchemyError, OSError) + db_errors()) else None
            if problem is not None:
                raise problem from exc
            raise
        finally:
            session.close()

    def raw(self) -> sqlite3.Connection:
        """A DB-API connection outside SQLAlchemy (integrity check, backup API), keyed like the engine."""
        conn = connect(self.path, self.key, timeout=busy_timeout_ms() / 1000)
        conn.execute("PRAGMA foreign_keys=ON")
        return conn

    def dispose(self) -> None:
        self.engine.dispose()
