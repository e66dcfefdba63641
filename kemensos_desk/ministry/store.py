"""The ministry's store: a SQLite file by default, PostgreSQL for the real ministry.

``--db`` takes a SQLAlchemy URL (``postgresql+psycopg://...``) or a plain file path.
The ministry's private keys never live in its database (issue 13): ``ministry init --key
FILE`` records only where the key file is (absolute path, config ``key_file``) and the
public key it must hold (``public_key``); every command reads the private keys from that
owner-only (0600) file, so a copy or dump of the database gives no one the power to open
offices' bundles or sign receipts. Access to the database and to the key file's folder is
the ministry's access control (the commands need no ``--user``). A database initialised
before this change still holds the keys in ``keys``; it keeps working, and running
``ministry init --key FILE`` again with the same key moves them out (the row is deleted).
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
        self._keys: crypto.MinistryKeys | None = None

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
        return self.config("key_file") is not None or self.config("keys") is not None

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

    def public_key_id(self) -> str | None:
        """The key id of the ministry key this database was initialised with (no private key read)."""
        public = self.config("public_key")
        if public is not None:
            return crypto.MinistryPublic.from_json(public).key_id
        legacy = self.config("keys")
        return crypto.MinistryKeys.from_json(legacy).public.key_id if legacy is not None else None

    def keys(self) -> crypto.MinistryKeys:
        if self._keys is not None:
            return self._keys
        key_file = self.config("key_file")
        if key_file is not None:
            self._keys = read_key_file(Path(key_file), expected=self.public_key_id())
            return self._keys
        data = self.config("keys")  # initialised before issue 13: keys still in the database
        if data is None:
            raise UsageError("Basis data kementerian belum disiapkan. Jalankan 'kemensos-desk ministry init' dahulu.")
        self._keys = crypto.MinistryKeys.from_json(data)
        return self._keys

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


def read_key_file(path: Path, expected: str | None = None) -> crypto.MinistryKeys:
    """The ministry's private keys from ``path``; exit 3 when the recorded file is gone or holds another key."""
    try:
        keys = crypto.MinistryKeys.from_json(crypto.read_json_file(path, "kunci privat"))
    except Refused as exc:
        raise EnvironmentProblem("Kunci privat kementerian tidak dapat dibaca dari {path}: {why} Kembalikan berkasnya "
                                 "atau jalankan 'kemensos-desk ministry init --key BERKAS' lagi.",
                                 path=str(path), why=str(exc)) from None
    if expected is not None and keys.public.key_id != expected:
        raise EnvironmentProblem("Berkas {path} berisi kunci {found}, bukan kunci basis data ini ({key}).",
                                 path=str(path), found=keys.public.key_id, key=expected)
    return keys


def init(url: str, key_file: Path) -> dict:
    """Prepare the database and record where the private key file is (never the keys themselves)."""
    key_file = Path(key_file).expanduser().resolve()
    keys = crypto.MinistryKeys.from_json(crypto.read_json_file(key_file, "kunci privat"))
    store = MinistryStore(url)
    try:
        store.create_schema()
        existing = store.public_key_id()
        if existing is not None and existing != keys.public.key_id:
            raise Refused("Basis data kementerian ini sudah disiapkan dengan kunci lain ({key}).", key=existing)
        if existing is not None:
            store.check_schema()
        with store.session() as s:
            store.put_config(s, "key_file", str(key_file))
            store.put_config(s, "public_key", keys.public.to_json())
            legacy = s.get(MinistryConfig, "keys")
            if legacy is not None:  # initialised before issue 13: the private keys leave the database
                s.delete(legacy)
            if existing is None:
                store.put_config(s, "schema_version", SCHEMA_VERSION)
            moved = legacy is not None
        if moved and store.engine.dialect.name == "sqlite":
            # The deleted row's bytes would stay in a free page and the WAL: rewrite the file.
            with store.engine.connect().execution_options(isolation_level="AUTOCOMMIT") as conn:
                conn.exec_driver_sql("PRAGMA wal_checkpoint(TRUNCATE)")
                conn.exec_driver_sql("VACUUM")
                conn.exec_driver_sql("PRAGMA wal_checkpoint(TRUNCATE)")
        return {"db": store.url.split("@")[-1], "key_id": keys.public.key_id, "key_file": str(key_file)}
    finally:
        store.dispose()
