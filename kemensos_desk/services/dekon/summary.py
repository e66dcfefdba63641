"""Cumulative figures per RO for a quarter or the year (dashboard, ``dekon realisasi``, reports).

Volume and money to the period's end are SQL sums over the monthly rows; the financial %
uses the pagu in force at the period's end (DOMAIN.md §3, issue 5 precisions).
"""
from __future__ import annotations

from collections import defaultdict
from decimal import Decimal

from sqlalchemy import func, select

from kemensos_desk.core import dekon as calc
from kemensos_desk.store.models_dekon import (DekonAllocation, DekonIndicator, DekonIndicatorValue,
                                              DekonPaguRevision, DekonRealisation, DekonRpd)
from kemensos_desk.services.dekon import common, reference
from kemensos_desk.services.workspace import Workspace


def monthly_sums(s, allocation_id: int) -> dict[int, tuple[int, int]]:
    rows = s.execute(select(DekonRealisation.month, DekonRealisation.volume, DekonRealisation.spent).where(
        DekonRealisation.allocation_id == allocation_id, DekonRealisation.deleted_at.is_(None)))
    return {m: (v, sp) for m, v, sp in rows}


def spent_total(s, allocation_id: int) -> int:
    return int(s.scalar(select(func.coalesce(func.sum(DekonRealisation.spent), 0)).where(
        DekonRealisation.allocation_id == allocation_id, DekonRealisation.deleted_at.is_(None))))


def revisions_of(s, allocation_id: int) -> list[tuple]:
    return [(d, p) for d, p in s.execute(select(DekonPaguRevision.effective_date, DekonPaguRevision.pagu).where(
        DekonPaguRevision.allocation_id == allocation_id, DekonPaguRevision.deleted_at.is_(None)))]


def _cumulative_sql(s, year: int, last_month: int) -> dict[int, tuple[int, int]]:
    q = (select(DekonRealisation.allocation_id, func.coalesce(func.sum(DekonRealisation.volume), 0),
                func.coalesce(func.sum(DekonRealisation.spent), 0))
         .join(DekonAllocation, DekonAllocation.id == DekonRealisation.allocation_id)
         .where(DekonAllocation.year == year, DekonAllocation.deleted_at.is_(None),
                DekonRealisation.deleted_at.is_(None), DekonRealisation.month <= last_month)
         .group_by(DekonRealisation.allocation_id))
    return {a: (int(v), int(sp)) for a, v, sp in s.execute(q)}


def _indicator_values(s, year: int) -> dict[int, dict[int, Decimal]]:
    q = (select(DekonIndicatorValue.indicator_id, DekonIndicatorValue.month, DekonIndicatorValue.value)
         .join(DekonIndicator, DekonIndicator.id == DekonIndicatorValue.indicator_id)
         .join(DekonAllocation, DekonAllocation.id == DekonIndicator.allocation_id)
         .where(DekonAllocation.year == year, DekonIndicatorValue.deleted_at.is_(None)))
    out: dict[int, dict[int, Decimal]] = defaultdict(dict)
    for ind, month, value in s.execute(q):
        out[ind][month] = value
    return out


def _revisions(s, year: int) -> dict[int, list[tuple]]:
    q = (select(DekonPaguRevision.allocation_id, DekonPaguRevision.effective_date, DekonPaguRevision.pagu)
         .join(DekonAllocation, DekonAllocation.id == DekonPaguRevision.allocation_id)
         .where(DekonAllocation.year == year, DekonPaguRevision.deleted_at.is_(None)))
    out: dict[int, list[tuple]] = defaultdict(list)
    for a, d, p in s.execute(q):
        out[a].append((d, p))
    return out


def realisasi_in(s, year: int, quarter: int | None = None) -> dict:
    """The ``dekon realisasi --json`` document (issue 5), with ``Decimal`` percentages."""
    last = calc.quarter_last_month(quarter)
    period_end = calc.month_end(year, last)
    sums = _cumulative_sql(s, year, last)
    values = _indicator_values(s, year)
    revisions = _revisions(s, year)
    indicators: dict[int, list[DekonIndicator]] = defaultdict(list)
    for ind in s.scalars(select(DekonIndicator).join(DekonAllocation, DekonAllocation.id == DekonIndicator.allocation_id)
                         .where(DekonAllocation.year == year, DekonIndicator.deleted_at.is_(None)).order_by(DekonIndicator.id)):
        indicators[ind.allocation_id].append(ind)
    outputs, total_pagu, total_spent = [], 0, 0
    for a in common.allocations(s, year):
        volume, spent = sums.get(a.id, (0, 0))
        pagu = calc.pagu_in_force(a.pagu, revisions.get(a.id, []), period_end)
        inds = []
        for ind in indicators.get(a.id, []):
            value = calc.aggregate(values.get(ind.id, {}), ind.aggregation, last)
            inds.append({"name": ind.name, "target": ind.target, "value": value,
                         "achievement_pct": calc.achievement(ind.target, value, ind.polarity),
                         "unit": ind.unit, "polarity": ind.polarity})
        outputs.append({
            "ro": a.ro_code, "name": a.name, "source": a.source, "target_volume": a.target_volume,
            "realised_volume": volume, "physical_pct": calc.percent(volume, a.target_volume),
            "pagu": pagu, "spent": spent, "financial_pct": calc.percent(spent, pagu), "indicators": inds,
            "unit": a.unit,
        })
        total_pagu += pagu
        total_spent += spent
    return {"year": year, "quarter": quarter, "outputs": outputs,
            "totals": {"pagu": total_pagu, "spent": total_spent, "financial_pct": calc.percent(total_spent, total_pagu)}}


def _num(value):
    """Percentages and indicator figures as JSON numbers (2-decimal floats); money stays int."""
    return None if value is None else float(value)


def public_json(doc: dict) -> dict:
    """Exactly the keys of the issue's contract (extra display keys dropped)."""
    keys = ("ro", "name", "source", "target_volume", "realised_volume", "physical_pct", "pagu", "spent",
            "financial_pct")
    return {"year": doc["year"], "quarter": doc["quarter"],
            "outputs": [{**{k: _num(o[k]) if k.endswith("_pct") else o[k] for k in keys},
                         "indicators": [{"name": i["name"], "target": _num(i["target"]), "value": _num(i["value"]),
                                         "achievement_pct": _num(i["achievement_pct"])} for i in o["indicators"]]}
                        for o in doc["outputs"]],
            "totals": {**doc["totals"], "financial_pct": _num(doc["totals"]["financial_pct"])}}


def realisasi(ws: Workspace, year: int, quarter: int | None = None) -> dict:
    if quarter is not None and quarter not in (1, 2, 3, 4):
        from kemensos_desk.core.errors import Refused

        raise Refused("Triwulan harus 1, 2, 3 atau 4.")
    with ws.store.session() as s:
        return realisasi_in(s, year, quarter)


def efficiency_rows(doc: dict) -> list[dict]:
    """Per RO and in total: performance achievement beside budget absorption (seed 003)."""
    rows = []
    for o in doc["outputs"]:
        eff = calc.efficiency(o["physical_pct"], [i["achievement_pct"] for i in o["indicators"]], o["financial_pct"])
        rows.append({"ro": o["ro"], "name": o["name"], "performance_pct": eff.performance_pct,
                     "absorption_pct": eff.absorption_pct, "gap": eff.gap, "verdict": eff.verdict})
    total = calc.Efficiency(calc.mean([r["performance_pct"] for r in rows]), doc["totals"]["financial_pct"])
    rows.append({"ro": None, "name": "Jumlah", "performance_pct": total.performance_pct,
                 "absorption_pct": total.absorption_pct, "gap": total.gap, "verdict": total.verdict})
    return rows


def monthly_plan(ws: Workspace, year: int, upto_month: int = 12) -> list[dict]:
    """Per RO, month by month: RPD beside money spent, and whether the RO is behind plan."""
    with ws.store.session() as s:
        allocs = common.allocations(s, year)
        ids = [a.id for a in allocs]
        rpd: dict[int, dict[int, int]] = defaultdict(dict)
        for a, m, amt in s.execute(select(DekonRpd.allocation_id, DekonRpd.month, DekonRpd.amount).where(
                DekonRpd.allocation_id.in_(ids), DekonRpd.deleted_at.is_(None))):
            rpd[a][m] = amt
        real: dict[int, dict[int, tuple[int, int]]] = defaultdict(dict)
        for a, m, v, sp in s.execute(select(DekonRealisation.allocation_id, DekonRealisation.month,
                                            DekonRealisation.volume, DekonRealisation.spent).where(
                DekonRealisation.allocation_id.in_(ids), DekonRealisation.deleted_at.is_(None))):
            real[a][m] = (v, sp)
    out = []
    threshold = reference.late_threshold_pct()
    for a in allocs:
        spent = {m: v[1] for m, v in real[a.id].items()}
        months = [{"month": m, "rpd": rpd[a.id].get(m, 0), "spent": spent.get(m, 0),
                   "volume": real[a.id].get(m, (0, 0))[0], "entered": m in real[a.id],
                   "rpd_cum": calc.cumulative(rpd[a.id], m), "spent_cum": calc.cumulative(spent, m),
                   "late": calc.is_late(rpd[a.id], spent, m, threshold)} for m in range(1, 13)]
        out.append({"ro": a.ro_code, "name": a.name, "source": a.source, "pagu": a.pagu, "months": months,
                    "late": bool(upto_month) and calc.is_late(rpd[a.id], spent, upto_month, threshold)})
    return out
