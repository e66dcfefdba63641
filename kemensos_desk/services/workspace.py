"""The data directory of one installation: its store, backups and logs.

Default place: the platform's user data folder (``platformdirs``); ``--data-dir DIR``
or ``KEMENSOS_DESK_HOME`` override it. The demo office always lives in a data
directory of its own, never beside a real office.
"""
from __future__ import annotations

import contextlib
import json
import os
import uuid
from functools import lru_cache
from pathlib import Path
from typing import Any

from sqlalchemy import select

from kemensos_desk.core import rules
from kemensos_desk.core.errors import EnvironmentProblem
from kemensos_desk.core.locations import default_data_dir, reference_dir  # noqa: F401 (re-exported)
from kemensos_desk.core.private_files import private_dir, private_file, restrict
from kemensos_desk.store import migrations
from kemensos_desk.store.database import STORE_FILENAME, Store
from kemensos_desk.store.errors import environment_problem
from kemensos_desk.store.models import Office, Setting
from kemensos_desk.store.models_rules import newest_pack


def demo_data_dir(data_dir: Path) -> Path:
    """Where the GUI's "Coba dengan data contoh" puts its office: a separate directory."""
    return data_dir / "contoh-demo"


@lru_cache(maxsize=1)
def setting_defaults() -> dict[str, Any]:
    with open(reference_dir() / "settings.json", encoding="utf-8") as fh:
        return json.load(fh)["defaults"]


def use_rules_of(store: Store) -> None:
    """Put the store's newest imported rules pack (if any) in force for this process."""
    with store.session() as s:
        pack = newest_pack(s)
        rules.install(pack.rule_set() if pack is not None else None)


class Workspace:
    def __init__(self, data_dir: Path, store: Store, migrated_backup: Path | None = None):
        self.data_dir = data_dir
        self.store = store
        self.migrated_backup = migrated_backup
        # The office data key once a login unwrapped it (services/office_keyring.py); None before.
        self.office_key: bytes | None = None

    @classmethod
    def open(cls, data_dir: Path | None = None, key: bytes | None = None) -> "Workspace":
        """Open (creating if needed) the data directory and bring its store up to date.

        ``key``: the office data key of an encrypted store (SQLCipher); None for a clear one,
        which every office is until the switch of docs/SECURITY_AT_REST.md step 6."""
        data_dir = Path(data_dir) if data_dir else default_data_dir()
        try:
            # Owner-only (0700/0600): the store holds personal data (issue 13).
            private_dir(data_dir)
            private_dir(data_dir / "logs")
            if (data_dir / "backups").exists():
                private_dir(data_dir / "backups")
                for old in (data_dir / "backups").iterdir():
                    restrict(old)
            private_file(data_dir / STORE_FILENAME)
            # A name of its own per opening: two programs starting at once must not
            # remove each other's probe.
            probe = data_dir / f".tulis-uji-{os.getpid()}-{uuid.uuid4().hex[:8]}"
            probe.write_bytes(b"ok")
            probe.unlink()
        except OSError as exc:
            # A full disk lets the probe be created but not written: leave nothing behind.
            with contextlib.suppress(OSError, UnboundLocalError):
                probe.unlink(missing_ok=True)
            raise (environment_problem(exc, str(data_dir)) or EnvironmentProblem(
                "Folder data {where} tidak bisa dipakai: {error}", where=str(data_dir), error=exc.strerror or str(exc)
            )) from exc
        store = Store(data_dir / STORE_FILENAME, key)
        try:
            backup = migrations.upgrade(store, data_dir / "backups")
        except EnvironmentProblem:
            store.dispose()
            raise
        use_rules_of(store)
        return cls(data_dir, store, backup)

    @property
    def backups_dir(self) -> Path:
        return self.data_dir / "backups"

    @property
    def logs_dir(self) -> Path:
        return self.data_dir / "logs"

    def office(self) -> Office | None:
        with self.store.session() as s:
            return s.scalars(select(Office).where(Office.deleted_at.is_(None))).first()

    def is_initialised(self) -> bool:
        return self.office() is not None

    def setting(self, key: str) -> Any:
        with self.store.session() as s:
            row = s.get(Setting, key)
            if row is not None:
                return json.loads(row.value)
        return setting_defaults().get(key)

    def close(self) -> None:
        self.store.dispose()


def put_setting(session, key: str, value: Any) -> None:
    """Write a setting inside the caller's unit of work (so it is audited with it)."""
    text = json.dumps(value, ensure_ascii=False)
    row = session.get(Setting, key)
    if row is None:
        session.add(Setting(key=key, value=text))
    elif row.value != text:
        row.value = text
