"""The ministry's store: a SQLite file by default, PostgreSQL for the real ministry.

``--db`` takes a SQLAlchemy URL (``postgresql+psycopg://...``) or a plain file path.
The ministry's private keys live in its database: access to it is the ministry's
access control (the commands need no ``--user``).
"""
from __future__ import annotations

import contextlib
import json
from pathlib import Path
from typing import Any, Iterator

from sqlalchemy import create_engine, event, inspect
from sqlalchemy.exc import SQLAlchemyError
from sqlalchemy.orm import Session, sessionmaker

from kemensos_desk.core.errors import EnvironmentProblem, Refused, UsageError
from kemensos_desk.core import rules
from kemensos_desk.core.private_files import private_file
from kemensos_desk.ministry.models import ADDED_TABLES, SCHEMA_VERSION, MinistryBase, MinistryConfig
from kemensos_desk.services.sync import crypto


def normalise_url(db: str) -> str:
    if "://" in db:
        return db
    return f"sqlite:///{Path(db).expanduser().resolve()}"


def defaults() -> dict[str, Any]:
    return rules.reference("ministry")["defaults"]


def _sqlite_pragmas(dbapi_conn, _record) -> None:
    cur = dbapi_conn.cursor()
    cur.execute("PRAGMA journal_mode=WAL")
    cur.execute("PRAGMA synchronous=FULL")
    cur.execute("PRAGMA busy_timeout=5000")
    # A bundle's records go in as one transaction: a larger page cache (64 MiB) keeps the
    # indexes' pages in memory instead of spilling and re-reading them.
    cur.execute("PRAGMA cache_size=-65536")
    cur.execute("PRAGMA temp_store=MEMORY")
    cur.close()


class MinistryStore:
    def __init__(self, url: str):
        self.url = normalise_url(url)
        try:
            self.engine = create_engine(self.url, future=True)
        except (SQLAlchemyError, ImportError, ValueError) as exc:
            raise UsageError("Alamat basis data kementerian '{url}' tidak sah: {error}", url=url, error=str(exc)) from None
        if self.engine.dialect.name == "sqlite":
            event.listen(self.engine, "connect", _sqlite_pragmas)
            database = self.engine.url.database
            if database and database != ":memory:" and Path(database).parent.is_dir():
                with contextlib.suppress(OSError):
                    private_file(database)  # owner-only: offices' data and the key file's path
        self._sessions = sessionmaker(self.engine, expire_on_commit=False)

    @contextlib.contextmanager
    def session(self) -> Iterator[Session]:
        session = self._sessions()
        try:
            yield session
            session.commit()
        except BaseException as exc:
            session.rollback()
            if isinstance(exc, SQLAlchemyError):
                raise EnvironmentProblem("Basis data kementerian bermasalah: {error}",
                                         error=str(getattr(exc, "orig", exc))) from exc
            raise
        finally:
            session.close()

    def create_schema(self) -> None:
        try:
            MinistryBase.metadata.create_all(self.engine)
        except SQLAlchemyError as exc:
            raise EnvironmentProblem("Basis data kementerian tidak bisa disiapkan: {error}",
                                     error=str(getattr(exc, "orig", exc))) from exc

    def create_added_tables(self) -> None:
        try:
            MinistryBase.metadata.create_all(self.engine, tables=list(ADDED_TABLES))
        except SQLAlchemyError as exc:
            raise EnvironmentProblem("Basis data kementerian tidak bisa disiapkan: {error}",
                                     error=str(getattr(exc, "orig", exc))) from exc

    def is_initialised(self) -> bool:
        try:
            if not inspect(self.engine).has_table("ministry_config"):
                return False
        except SQLAlchemyError as exc:
            raise EnvironmentProblem("Basis data kementerian tidak terbuka: {error}",
                                     error=str(getattr(exc, "orig", exc))) from exc
        return self.config("keys") is not None

    def config(self, key: str) -> Any:
        with self.session() as s:
            row = s.get(MinistryConfig, key)
            return json.loads(row.value) if row is not None else defaults().get(key)

    def put_config(self, session: Session, key: str, value: Any) -> None:
        text = json.dumps(value, ensure_ascii=False)
        row = session.get(MinistryConfig, key)
        if row is None:
            session.add(MinistryConfig(key=key, value=text))
        else:
            row.value = text

    def check_schema(self) -> None:
        """A store made by another version of the schema is refused (no migrations)."""
        found = self.config("schema_version")
        if found != SCHEMA_VERSION:
            raise EnvironmentProblem(
                "Basis data kementerian ini dibuat dengan susunan tabel versi lain ({found}, perlu {needed}). "
                "Siapkan basis data baru dengan 'kemensos-desk ministry init' lalu impor ulang paket kantor.",
                found=found if found is not None else 1, needed=SCHEMA_VERSION)

    def keys(self) -> crypto.MinistryKeys:
        data = self.config("keys")
        if data is None:
            raise UsageError("Basis data kementerian belum disiapkan. Jalankan 'kemensos-desk ministry init' dahulu.")
        return crypto.MinistryKeys.from_json(data)

    def dispose(self) -> None:
        self.engine.dispose()


def open_store(url: str, *, must_exist: bool = True) -> MinistryStore:
    store = MinistryStore(url)
    if not must_exist:
        return store
    try:
        if not store.is_initialised():
            raise UsageError("Basis data kementerian belum disiapkan. Jalankan 'kemensos-desk ministry init' dahulu.")
        store.check_schema()
        store.create_added_tables()
    except BaseException:
        store.dispose()
        raise
    return store


def init(url: str, key_file: Path) -> dict:
    keys = crypto.MinistryKeys.from_json(crypto.read_json_file(Path(key_file), "kunci privat"))
    store = MinistryStore(url)
    try:
        store.create_schema()
        existing = store.config("keys")
        if existing is not None and crypto.MinistryKeys.from_json(existing).public.key_id != keys.public.key_id:
            raise Refused("Basis data kementerian ini sudah disiapkan dengan kunci lain ({key}).",
                          key=crypto.MinistryKeys.from_json(existing).public.key_id)
        if existing is not None:
            store.check_schema()
        with store.session() as s:
            store.put_config(s, "keys", keys.to_json())
            store.put_config(s, "schema_version", SCHEMA_VERSION)
        return {"db": store.url.split("@")[-1], "key_id": keys.public.key_id}
    finally:
        store.dispose()
