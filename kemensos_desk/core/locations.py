"""Where the data shipped beside the code lives (reference data, forms, resources).

In a source checkout or editable install these are the top-level folders of the
repository; a frozen build (PyInstaller) puts them next to the executable.
"""
from __future__ import annotations

import os
import sys
from pathlib import Path


def app_root() -> Path:
    override = os.environ.get("KEMENSOS_DESK_APP_ROOT")
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
