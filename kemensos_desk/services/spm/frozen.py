"""Approval freezes an SPM quarter's figures (issue 12): kept with the rules version they came from.

An approved quarter keeps what was approved, as the Rakor snapshot does, even when a
rules pack later changes bands or weights; ``current`` then carries what the rules in
force give, so screens and ``spm capaian --json`` can show both.
"""
from __future__ import annotations

import json
from decimal import Decimal

from sqlalchemy import select

from kemensos_desk.core import rules
from kemensos_desk.store.models_spm import SpmQuarterApproval

_DECIMALS = ("recipient_pct", "quality_pct", "index")


def _dump(services: list[dict]) -> str:
    return json.dumps([{k: (str(v) if isinstance(v, Decimal) else v) for k, v in s.items()} for s in services],
                      ensure_ascii=False)


def _load(text: str) -> list[dict]:
    return [{k: (Decimal(v) if k in _DECIMALS and v is not None else v) for k, v in s.items()} for s in json.loads(text)]


def freeze(session, row: SpmQuarterApproval) -> None:
    """Store the quarter's figures under the rules in force on the approval row."""
    from kemensos_desk.services.spm import achievement  # achievement reads the approvals through us

    row.figures = _dump(achievement.compute(session, row.year, row.quarter))
    row.rules_version = rules.version()


def approved_row(session, year: int, quarter: int | None) -> SpmQuarterApproval | None:
    if quarter is None:
        return None
    m = SpmQuarterApproval
    return session.scalars(select(m).where(m.year == year, m.quarter == quarter, m.status == "approved",
                                           m.deleted_at.is_(None))).first()


def frozen_figures(session, year: int, quarter: int | None) -> tuple[list[dict], str] | None:
    """(services, rules version) frozen at the quarter's approval; None when not approved."""
    row = approved_row(session, year, quarter)
    if row is None or not row.figures:
        return None
    return _load(row.figures), row.rules_version or rules.version()


def _same(a: list[dict], b: list[dict]) -> bool:
    keys = ("code", "entitled", "served", "needed", "delivered", "recipient_pct", "quality_pct", "index", "band")
    return [[s.get(k) for k in keys] for s in a] == [[s.get(k) for k in keys] for s in b]


def apply(session, doc: dict) -> dict:
    """``doc`` (live figures) -> the frozen figures of an approved quarter, live ones under ``current``."""
    doc.setdefault("rules_version", rules.version())
    row = approved_row(session, doc["year"], doc["quarter"])
    doc["approved"] = row is not None
    if row is None or not row.figures:  # approved before figures were frozen: live figures
        return doc
    live, live_version = doc["services"], doc["rules_version"]
    doc["services"], doc["rules_version"] = _load(row.figures), row.rules_version or live_version
    if not _same(doc["services"], live) or doc["rules_version"] != live_version:
        doc["current"] = {"rules_version": live_version, "services": live}
    return doc
