"""Dekon/TP figures the office sends beside its records (``payload.summaries.dekon``).

For every year with allocations: the year's and each quarter's cumulative figures per RO,
exactly as ``dekon realisasi`` computes them (the pagu in force at the period's end is
known only here), so the ministry sums them and never recomputes the office's formulas.
"""
from __future__ import annotations

from sqlalchemy import select

from kemensos_desk.services.dekon.summary import public_json, realisasi_in
from kemensos_desk.store.models_dekon import DekonAllocation

KEYS = ("ro", "name", "source", "target_volume", "realised_volume", "physical_pct", "pagu", "spent",
        "financial_pct")


def _period(doc: dict) -> dict:
    units = {o["ro"]: o.get("unit") for o in doc["outputs"]}
    public = public_json(doc)
    return {"year": doc["year"], "quarter": doc["quarter"],
            "outputs": [{**{k: o[k] for k in KEYS}, "unit": units.get(o["ro"])} for o in public["outputs"]]}


def summary(ws) -> dict:
    with ws.store.session() as s:
        years = sorted({int(y) for (y,) in s.execute(select(DekonAllocation.year).where(
            DekonAllocation.deleted_at.is_(None)).distinct())})
        periods = [_period(realisasi_in(s, year, quarter)) for year in years for quarter in (None, 1, 2, 3, 4)]
    return {"realisasi": periods}
