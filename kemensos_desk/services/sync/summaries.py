"""Figures the office computes and sends beside its records (``payload.summaries``).

SPM achievement is computed here with the SPM module's own service
(``services.spm.achievement``): its SQL is SQLite-specific and its rules are versioned
data at the office, so the ministry receives the year-end index per service rather than
recomputing it (docs/BUNDLE_FORMAT.md, "summaries"). A module may add its own figures
with ``kemensos_desk/services/<module>/bundle_summary.py`` defining ``summary(ws) -> dict``.
"""
from __future__ import annotations

import importlib

from sqlalchemy import text

from kemensos_desk.core import rules

MODULES = ("spm", "dekon", "rakor")


def _num(value):
    return None if value is None else float(value)


def spm_summary(ws) -> dict | None:
    try:
        from kemensos_desk.services.spm import achievement
    except ModuleNotFoundError:
        return None
    with ws.store.session() as s:
        years = sorted({int(y) for (y,) in s.execute(text(
            "SELECT DISTINCT year FROM spm_entitlement WHERE deleted_at IS NULL"))}
            | {int(y) for (y,) in s.execute(text(
                "SELECT DISTINCT CAST(strftime('%Y', event_date) AS INTEGER) FROM spm_disaster_event "
                "WHERE deleted_at IS NULL AND event_date IS NOT NULL"))})
    rows = []
    for year in years:
        for svc in achievement.achievement(ws, year)["services"]:
            rows.append({"year": year, "service": svc["code"], "entitled": svc["entitled"], "served": svc["served"],
                         "recipient_pct": _num(svc["recipient_pct"]), "quality_pct": _num(svc["quality_pct"]),
                         "index": _num(svc["index"]), "band": svc["band"]})
    # Which rules produced the figures (issue 12): a pack imported before the bundle counts.
    return {"year_end_index": rows, "rules_version": rules.version()}


def collect(ws) -> dict:
    found = {}
    for name in MODULES:
        try:
            module = importlib.import_module(f"kemensos_desk.services.{name}.bundle_summary")
        except ModuleNotFoundError as exc:
            if not (exc.name and exc.name.startswith(f"kemensos_desk.services.{name}")):
                raise
            module = None
        if module is not None:
            found[name] = module.summary(ws)
        elif name == "spm":
            summary = spm_summary(ws)
            if summary is not None:
                found[name] = summary
    return found
