"""Counting the records an office keeps, per kind (see ``store/registry.py``)."""
from __future__ import annotations

from sqlalchemy import func, select

from kemensos_desk.store.catalog import load_all_models
from kemensos_desk.store.registry import LOCAL_KINDS, RECORD_KINDS


def counts(session) -> dict[str, int]:
    load_all_models()
    out = {}
    for kind, model in RECORD_KINDS.items():
        out[kind] = session.scalar(select(func.count()).select_from(model).where(model.deleted_at.is_(None)))
    for kind, model in LOCAL_KINDS.items():
        out[kind] = session.scalar(select(func.count()).select_from(model))
    return out
