"""Imports every model module (``store/models*.py``) so the metadata and the record-kind
registry are complete: a feature module adds its tables by adding a file, nothing else.
"""
from __future__ import annotations

import importlib
import pkgutil

import kemensos_desk.store as _store_pkg

_loaded = False


def load_all_models() -> None:
    global _loaded
    if _loaded:
        return
    for info in pkgutil.iter_modules(_store_pkg.__path__):
        if info.name.startswith("models"):
            importlib.import_module(f"kemensos_desk.store.{info.name}")
    _loaded = True
