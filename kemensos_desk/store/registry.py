"""The kinds of business record an office keeps, for counts (``info``) and the sync bundle.

A model module registers its kinds when imported (``register("beneficiaries", Beneficiary)``),
so ``info`` and the bundle learn of new kinds without being edited.
"""
from __future__ import annotations

RECORD_KINDS: dict[str, type] = {}
# Local bookkeeping, counted but never synced.
LOCAL_KINDS: dict[str, type] = {}


def register(kind: str, model: type, *, local: bool = False) -> None:
    (LOCAL_KINDS if local else RECORD_KINDS)[kind] = model
