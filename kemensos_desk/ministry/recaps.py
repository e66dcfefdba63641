"""Ministry recaps: the completeness matrix and the IKK 3.1 indicator.

IKK 3.1 (DOMAIN.md §2.3): a region's SPM score for year Y is the mean of its year-end
service indexes over the services with anyone entitled; improved = score(Y) >
score(Y−1), both rounded to 2 decimals. The indexes are computed by the office (its SPM
module, the only place that knows the rules) and travel in the bundle's ``summaries``
(``spm.year_end_index``): robust against the ministry and office running different
rule versions, and the ministry needs no copy of the SPM tables' logic.
"""
from __future__ import annotations

import datetime as _dt
import json
from decimal import Decimal

from sqlalchemy import select

from kemensos_desk.core import regions
from kemensos_desk.core.formatting import quarter_end, round_half_up
from kemensos_desk.ministry.models import MinistryBundle, MinistryConflict, MinistryOffice, MinistryPeriod, MinistrySummary
from kemensos_desk.ministry.store import MinistryStore


def _province(code: str) -> tuple[str, str]:
    prov = code.split(".")[0]
    region = regions.get(prov)
    return prov, (region.name if region else prov)


def missing_sequences(seqs: list[int]) -> list[int]:
    have = set(seqs)
    return [n for n in range(1, max(have) + 1) if n not in have] if have else []


def report_deadline(year: int, quarter: int, day: int) -> _dt.date:
    """The ``day``-th of the month after the quarter (Kemendagri's e-SPM closes input on the 20th)."""
    after = quarter_end(year, quarter) + _dt.timedelta(days=1)
    return after.replace(day=min(max(1, day), 28))


def completeness(store: MinistryStore, year: int, today: _dt.date | None = None,
                 expected: set[str] | None = None) -> dict:
    """Every office (grouped by province) × every quarter: received (date) / late / missing / pending.

    ``expected`` (and the ministry setting ``expected_offices``) adds the offices that
    should report but never sent a bundle.
    """
    today = today or _dt.date.today()
    day = int(store.config("report_deadline_day") or 20)
    with store.session() as s:
        offices = list(s.scalars(select(MinistryOffice).order_by(MinistryOffice.code)).all())
        periods = {(p.office_code, p.quarter): p.received_at for p in
                   s.scalars(select(MinistryPeriod).where(MinistryPeriod.year == year))}
        bundles: dict[str, dict[str, list[int]]] = {}
        last: dict[str, _dt.datetime] = {}
        for b in s.scalars(select(MinistryBundle)):
            bundles.setdefault(b.office_code, {}).setdefault(b.device_id, []).append(b.sequence)
            last[b.office_code] = max(last.get(b.office_code, b.imported_at), b.imported_at)
        conflicts = {}
        for c in s.scalars(select(MinistryConflict).where(MinistryConflict.settled_at.is_(None))):
            conflicts[c.office_code] = conflicts.get(c.office_code, 0) + 1
    known = {o.code for o in offices}
    expected = set(expected or ()) | set(store.config("expected_offices") or ())
    for code in sorted((expected or set()) - known):
        region = regions.get(code)
        offices.append(MinistryOffice(code=code, name=region.name if region else code,
                                      level=region.level if region else "-", is_demo=False))
    offices.sort(key=lambda o: o.code)
    provinces: dict[str, dict] = {}
    for o in offices:
        prov_code, prov_name = _province(o.code)
        quarters = []
        for q in range(1, 5):
            deadline = report_deadline(year, q, day)
            received = periods.get((o.code, q))
            if received is not None:
                status = "late" if received.date() > deadline else "received"
            else:
                status = "missing" if today > deadline else "pending"
            quarters.append({"quarter": q, "status": status, "received_at": received, "deadline": deadline})
        gaps = {dev[:8]: missing_sequences(seqs) for dev, seqs in bundles.get(o.code, {}).items()
                if missing_sequences(seqs)}
        provinces.setdefault(prov_code, {"code": prov_code, "name": prov_name, "offices": []})["offices"].append({
            "code": o.code, "name": o.name, "level": o.level, "is_demo": o.is_demo, "quarters": quarters,
            "sequence_gaps": gaps, "last_import": last.get(o.code), "open_conflicts": conflicts.get(o.code, 0),
        })
    return {"year": year, "deadline_day": day, "provinces": [provinces[k] for k in sorted(provinces)]}


def region_scores(store: MinistryStore) -> dict[str, dict[int, Decimal]]:
    """office code -> {year: score}, from the SPM year-end indexes the offices sent."""
    out: dict[str, dict[int, Decimal]] = {}
    with store.session() as s:
        for row in s.scalars(select(MinistrySummary).where(MinistrySummary.module == "spm")):
            data = json.loads(row.data) or {}
            per_year: dict[int, list[Decimal]] = {}
            for item in data.get("year_end_index", []):
                if (item.get("entitled") or 0) > 0 and item.get("index") is not None:
                    per_year.setdefault(int(item["year"]), []).append(Decimal(str(item["index"])))
            out[row.office_code] = {y: round_half_up(sum(v) / len(v), 2) for y, v in per_year.items() if v}
    return out


def ikk_indicator(store: MinistryStore, year: int, only_regions: set[str] | None = None,
                  scores: dict[str, dict[int, Decimal]] | None = None) -> dict:
    scores = region_scores(store) if scores is None else scores
    with store.session() as s:
        names = {o.code: o.name for o in s.scalars(select(MinistryOffice))}
    target = Decimal(str(store.config("ikk_target_pct")))
    return indicator_from_scores(scores, year, target, names, only_regions)


def indicator_from_scores(scores: dict[str, dict[int, Decimal]], year: int, target: Decimal,
                          names: dict[str, str] | None = None, only_regions: set[str] | None = None) -> dict:
    names = names or {}
    rows = []
    for code in sorted(scores):
        if only_regions is not None and code not in only_regions:
            continue
        now, before = scores[code].get(year), scores[code].get(year - 1)
        if now is None or before is None:
            continue
        region = regions.get(code)
        rows.append({"code": code, "name": region.name if region else names.get(code, code),
                     "score": now, "previous_score": before, "improved": now > before})
    improved = sum(1 for r in rows if r["improved"])
    pct = round_half_up(Decimal(improved) * 100 / len(rows), 2) if rows else Decimal("0.00")
    achievement = round_half_up(pct * 100 / target, 2) if target else Decimal("0.00")
    return {"year": year, "indicator": "IKK 3.1", "spm_improved_pct": pct, "regions_assessed": len(rows),
            "regions_improved": improved, "target": target, "achievement_pct": achievement, "regions": rows}


def spm_by_region(store: MinistryStore, year: int) -> dict:
    """National SPM recap for a year: per region and service the year-end index, with the region's score."""
    services: set[str] = set()
    rows = []
    with store.session() as s:
        names = {o.code: o.name for o in s.scalars(select(MinistryOffice))}
        summaries = s.scalars(select(MinistrySummary).where(MinistrySummary.module == "spm")
                              .order_by(MinistrySummary.office_code)).all()
    for row in summaries:
        items = [i for i in (json.loads(row.data) or {}).get("year_end_index", []) if int(i.get("year", 0)) == year]
        if not items:
            continue
        per = {i["service"]: {"index": i.get("index"), "entitled": i.get("entitled"), "served": i.get("served"),
                              "band": i.get("band")} for i in items}
        services |= set(per)
        counted = [Decimal(str(v["index"])) for v in per.values() if (v["entitled"] or 0) > 0 and v["index"] is not None]
        prov_code, prov_name = _province(row.office_code)
        rows.append({"code": row.office_code, "name": names.get(row.office_code, row.office_code),
                     "province": prov_name, "services": per,
                     "score": round_half_up(sum(counted) / len(counted), 2) if counted else None})
    return {"year": year, "services": sorted(services), "regions": rows}


def _dekon_pct(part, whole) -> Decimal | None:
    return round_half_up(Decimal(part) * 100 / Decimal(whole), 2) if part is not None and whole else None


def dekon_by_ro_and_province(store: MinistryStore, year: int, quarter: int | None = None) -> list[dict]:
    """Dekon/TP realisation per RO code and province, summed over the offices' latest summaries.

    Money is summed exactly; volumes only where every office counts the RO in the same unit
    (otherwise None); the percentages are recomputed from the sums (``services.dekon`` rule:
    part / whole × 100, round half up, None when the whole is 0).
    """
    with store.session() as s:
        summaries = s.scalars(select(MinistrySummary).where(MinistrySummary.module == "dekon")
                              .order_by(MinistrySummary.office_code)).all()
        found = [(row.office_code, json.loads(row.data) or {}) for row in summaries]
    groups: dict[tuple[str, str], dict] = {}
    for office, data in found:
        period = next((p for p in data.get("realisasi", []) if int(p.get("year", 0)) == year
                       and p.get("quarter") == quarter), None)
        prov_code, prov_name = _province(office)
        for o in (period or {}).get("outputs", []):
            g = groups.setdefault((o["ro"], prov_code), {
                "ro": o["ro"], "name": o["name"], "province_code": prov_code, "province": prov_name,
                "sources": set(), "units": set(), "offices": 0, "target_volume": 0, "realised_volume": 0,
                "pagu": 0, "spent": 0})
            g["offices"] += 1
            g["sources"].add(o.get("source") or "")
            g["units"].add(o.get("unit"))
            g["target_volume"] += int(o.get("target_volume") or 0)
            g["realised_volume"] += int(o.get("realised_volume") or 0)
            g["pagu"] += int(o.get("pagu") or 0)
            g["spent"] += int(o.get("spent") or 0)
    rows = []
    for key in sorted(groups):
        g = groups.pop(key)
        same_unit = len(g["units"]) == 1
        target = g["target_volume"] if same_unit else None
        realised = g["realised_volume"] if same_unit else None
        rows.append({"ro": g["ro"], "name": g["name"], "province_code": g["province_code"], "province": g["province"],
                     "source": "/".join(sorted(x for x in g.pop("sources") if x)), "offices": g["offices"],
                     "unit": next(iter(g["units"])) if same_unit else None, "target_volume": target,
                     "realised_volume": realised, "physical_pct": _dekon_pct(realised, target),
                     "pagu": g["pagu"], "spent": g["spent"], "financial_pct": _dekon_pct(g["spent"], g["pagu"])})
    return rows
