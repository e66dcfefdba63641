"""Where the data shipped beside the code lives (reference data, forms, resources).

In a source checkout or editable install these are the top-level folders of the
repository; a frozen build (PyInstaller) puts them next to the executable.
"""
from __future__ import annotations

import os
import sys
from functools import lru_cache
from pathlib import Path


def app_root() -> Path:
    return _app_root(os.environ.get("KEMENSOS_DESK_APP_ROOT"))


@lru_cache(maxsize=4)
def _app_root(override: str | None) -> Path:  # resolve() costs system calls; asked often
    if override:
        return Path(override)
    frozen = getattr(sys, "_MEIPASS", None)
    if frozen:
        return Path(frozen)
    return Path(__file__).resolve().parents[2]


def resources_dir() -> Path:
    return app_root() / "resources"


def forms_dir() -> Path:
    return app_root() / "forms"


def db_dir() -> Path:
    return app_root() / "db"


def reference_dir() -> Path:
    return db_dir() / "reference"


def default_data_dir() -> Path:
    """The office's data folder: KEMENSOS_DESK_HOME, else the user's data folder of the OS."""
    env = os.environ.get("KEMENSOS_DESK_HOME")
    if env:
        return Path(env).expanduser()
    import platformdirs

    return Path(platformdirs.user_data_dir("KemensosDesk", appauthor=False))
