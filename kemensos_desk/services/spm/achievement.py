"""SPM achievement (*capaian*) per service and period, computed in SQL over the whole register.

For a rehabilitation service, year Y and period end E (quarters are cumulative):
- entitled: entitlements of Y starting on or before E, minus people who died or moved
  on or before E without having been served to standard;
- needs of a person: the *wajib* components, the *asesmen* components assessed on or
  before E, and NIK facilitation automatically when he has no NIK;
- a need is met when that component was delivered between 1 January and E;
- served = people whose every need is met; recipient % = served / entitled;
  quality % = needs met / needs; index = weights · (recipient %, quality %), computed and
  banded from the exact fractions; printed to 2 decimals, never rounded onto a band edge
  (``core.spm.shown``).
For disasters: only the components of the event's phase apply (rules: tanggap darurat all
five, pasca kelompok rentan and psikososial); entitled = Σ jiwa of the year's events up
to E in the response phase; per event and component, jiwa reached = min(need, Σ jiwa
served), a delivery with a quantity below the component's minimum (permakanan: 7 hari)
reaching nobody;
served = Σ over events of the smallest reach over the *wajib* components; the *asesmen*
components are needed by the event's vulnerable (kelompok rentan) or assessed
(psikososial) counts (``_event_people`` for events after the response).
"""
from __future__ import annotations

import json
from decimal import Decimal

from sqlalchemy import text

from kemensos_desk.core import rules as rules_in_force
from kemensos_desk.core import spm as rules
from kemensos_desk.services.spm import common, frozen, reference
from kemensos_desk.services.workspace import Workspace

# One row per entitled person with two bit masks over the service's components (bit i =
# i-th component in the reference data): what he needs and what he got in the period.
# Deliveries are read in one ordered scan of the covering index
# ix_spm_delivery_service_live (service, beneficiary_id, component, delivered_on), never
# one lookup per person and component (measured: 200,000 people / 900,000 deliveries, four
# services, about 1 s warm; see the report of issue 4 for the next step if 1M needs less).
_PEOPLE = """
WITH got AS (
  SELECT d.beneficiary_id AS bid, SUM(DISTINCT {bitcase}) AS mask FROM spm_delivery AS d
  WHERE d.service = :svc AND d.deleted_at IS NULL AND d.delivered_on BETWEEN :start AND :end
  GROUP BY d.beneficiary_id
),
assessed AS (
  SELECT bid, SUM({bitcase_a}) AS mask FROM (
    SELECT DISTINCT a.beneficiary_id AS bid, a.component AS component FROM spm_assessment AS a
    WHERE a.service = :svc AND a.year = :year AND a.assessed_on <= :end AND a.deleted_at IS NULL
      AND a.component IN (SELECT value FROM json_each(:asesmen))
  ) GROUP BY bid
),
person AS (
  SELECT (:wajib | COALESCE(assessed.mask, 0) | (CASE WHEN b.nik IS NULL THEN :auto ELSE 0 END)) AS need,
         COALESCE(got.mask, 0) AS got,
         (b.status IN ('died', 'moved') AND b.status_date <= :end) AS gone
  FROM spm_entitlement AS e
  JOIN spm_beneficiary AS b ON b.id = e.beneficiary_id
  LEFT JOIN got ON got.bid = e.beneficiary_id
  LEFT JOIN assessed ON assessed.bid = e.beneficiary_id
  WHERE e.service = :svc AND e.year = :year AND e.start_date <= :end
    AND e.deleted_at IS NULL AND b.deleted_at IS NULL
),
counted AS (
  SELECT need, (got & need) AS met FROM person WHERE NOT (gone AND (got & need) <> need)
)
"""


def _bitcase(svc: reference.Service, column: str) -> str:
    whens = " ".join(f"WHEN '{c.code}' THEN {1 << i}" for i, c in enumerate(svc.components))
    return f"(CASE {column} {whens} ELSE 0 END)"


def _popcount(expr: str, n: int) -> str:
    return " + ".join(f"(({expr} >> {i}) & 1)" for i in range(n))


def _mask(svc: reference.Service, codes) -> int:
    return sum(1 << i for i, c in enumerate(svc.components) if c.code in codes)


def _people_sql(svc: reference.Service) -> str:
    # Component codes come from the validated reference file, never from the user.
    return _PEOPLE.format(bitcase=_bitcase(svc, "d.component"), bitcase_a=_bitcase(svc, "component"))


def _params(svc: reference.Service, year: int, quarter: int | None) -> dict:
    start, end = rules.period(year, quarter)
    return {"svc": svc.code, "year": year, "start": start.isoformat(), "end": end.isoformat(),
            "wajib": _mask(svc, svc.wajib), "auto": _mask(svc, svc.auto_no_nik), "asesmen": json.dumps(svc.asesmen)}


def _figures(code: str, name: str, entitled: int, served: int, needed: int, delivered: int) -> dict:
    ref = reference.load()
    recipient = rules.exact_percent(served, entitled)
    quality = rules.exact_percent(delivered, needed) if entitled else None
    exact = rules.exact_index(recipient, quality, ref.weights)
    # The band is read from the exact index; the printed index never rounds onto a band edge.
    edges = [b.min for b in ref.bands] + [rules.HUNDRED]
    return {"code": code, "name": name, "entitled": entitled, "served": served, "needed": needed,
            "delivered": delivered, "recipient_pct": rules.shown(recipient), "quality_pct": rules.shown(quality),
            "index": rules.shown(exact, edges), "band": rules.band(exact, ref.bands),
            "rules_version": ref.version}


def _rehab(session, svc: reference.Service, year: int, quarter: int | None) -> dict:
    n = len(svc.components)
    sql = _people_sql(svc) + f"""
SELECT COUNT(*), COALESCE(SUM(met = need), 0), COALESCE(SUM({_popcount('need', n)}), 0),
       COALESCE(SUM({_popcount('met', n)}), 0)
FROM counted"""
    entitled, served, needed, delivered = session.execute(text(sql), _params(svc, year, quarter)).one()
    return _figures(svc.code, svc.name, int(entitled), int(served), int(needed), int(delivered))


def rehab_components(session, svc: reference.Service, year: int, quarter: int | None) -> dict[str, tuple[int, int]]:
    """Per component: (people needing it, people who received it) in the period."""
    cols = ", ".join(f"COALESCE(SUM((need >> {i}) & 1), 0), COALESCE(SUM((met >> {i}) & 1), 0)"
                     for i in range(len(svc.components)))
    row = session.execute(text(_people_sql(svc) + f"SELECT {cols} FROM counted"), _params(svc, year, quarter)).one()
    return {c.code: (int(row[2 * i]), int(row[2 * i + 1])) for i, c in enumerate(svc.components)}


_DISASTER = """
SELECT ev.id, ev.jiwa, ev.children + ev.elderly + ev.disabled + ev.pregnant, ev.psychosocial, ev.phase, dd.component,
       SUM({counted})
FROM spm_disaster_event AS ev
LEFT JOIN spm_disaster_delivery AS dd
  ON dd.event_id = ev.id AND dd.deleted_at IS NULL AND dd.delivered_on BETWEEN :start AND :end
WHERE ev.deleted_at IS NULL AND ev.event_date BETWEEN :start AND :end
GROUP BY ev.id, dd.component
"""


def _counted(svc: reference.Service) -> str:
    """Jiwa a delivery reaches: nothing when its quantity is below the component's minimum
    (permakanan: 7 hari). A delivery without a quantity (recorded before the rule) keeps counting."""
    # Codes and minimums come from the validated rules, never from the user.
    short = " ".join(f"WHEN dd.component = '{c.code}' AND dd.quantity < {float(c.min_quantity)} THEN 0"
                     for c in svc.components if c.min_quantity is not None)
    return f"CASE {short} ELSE dd.jiwa_served END" if short else "dd.jiwa_served"


def disaster_components(session, svc: reference.Service, year: int, quarter: int | None) -> dict[int, dict]:
    """Per event: {'jiwa', 'phase', 'needs': {component: jiwa needing it}, 'reached': {component: jiwa reached}};
    only the components of the event's phase are needed."""
    start, end = rules.period(year, quarter)
    events: dict[int, dict] = {}
    for eid, jiwa, vulnerable, psycho, phase, comp, total in session.execute(
            text(_DISASTER.format(counted=_counted(svc))), {"start": start.isoformat(), "end": end.isoformat()}):
        ev = events.setdefault(eid, {"jiwa": int(jiwa), "phase": phase, "needs": {}, "reached": {}})
        if not ev["needs"]:
            counts = {"vulnerable": int(vulnerable or 0), "psychosocial": int(psycho or 0)}
            applies = svc.phase_components(phase)
            for c in svc.components:
                if c.code not in applies:
                    continue
                need = int(jiwa) if c.need == "wajib" else counts.get(c.aggregate_need or "", 0)
                if need:
                    ev["needs"][c.code] = need
        if comp in ev["needs"]:
            ev["reached"][comp] = min(ev["needs"][comp], int(total or 0))
    return events


def _event_people(svc: reference.Service, ev: dict) -> tuple[int, int]:
    """(entitled, served) of one event. During the response everyone (jiwa) is entitled and served
    when every *wajib* component reached him: the smallest reach. After it only the assessed
    components apply: the people needing the most-needed one are entitled, and at least
    ``entitled − the largest shortfall`` of them were served."""
    wajib = [c for c in svc.wajib if c in svc.phase_components(ev["phase"])]
    if wajib:
        return ev["jiwa"], min(ev["reached"].get(c, 0) for c in wajib)
    entitled = max(ev["needs"].values(), default=0)
    short = max((n - ev["reached"].get(c, 0) for c, n in ev["needs"].items()), default=0)
    return entitled, max(0, entitled - short)


def _disaster(session, svc: reference.Service, year: int, quarter: int | None) -> dict:
    events = disaster_components(session, svc, year, quarter)
    people = [_event_people(svc, ev) for ev in events.values()]
    entitled = sum(p[0] for p in people)
    served = sum(p[1] for p in people)
    needed = sum(sum(ev["needs"].values()) for ev in events.values())
    delivered = sum(sum(ev["reached"].values()) for ev in events.values())
    return _figures(svc.code, svc.name, entitled, served, needed, delivered)


def compute(session, year: int, quarter: int | None = None, services: list[str] | None = None) -> list[dict]:
    """Achievement of the office's five services (or ``services``) for a quarter (cumulative) or year."""
    out = []
    for svc in common.services(session):
        if services and svc.code not in services:
            continue
        out.append(_disaster(session, svc, year, quarter) if svc.is_disaster else _rehab(session, svc, year, quarter))
    return out


def achievement(ws: Workspace, year: int, quarter: int | None = None) -> dict:
    """The ``spm capaian`` document: ``{"year", "quarter", "services": [...]}``."""
    if quarter is not None and quarter not in (1, 2, 3, 4):
        from kemensos_desk.core.errors import Refused

        raise Refused("Triwulan harus 1, 2, 3 atau 4.")
    with ws.store.session() as s:
        return frozen.apply(s, {"year": year, "quarter": quarter, "services": compute(s, year, quarter),
                                "rules_version": rules_in_force.version()})


def as_json(doc: dict) -> dict:
    """Contract keys of ``spm capaian --json``; numbers as numbers (2 decimals), null where none."""
    def num(v: Decimal | None):
        return None if v is None else float(v)

    def services(items: list[dict]) -> list[dict]:
        return [{"code": s["code"], "entitled": s["entitled"], "served": s["served"],
                 "recipient_pct": num(s["recipient_pct"]), "quality_pct": num(s["quality_pct"]),
                 "index": num(s["index"]), "band": s["band"]} for s in items]

    out = {"year": doc["year"], "quarter": doc["quarter"], "services": services(doc["services"]),
           "rules_version": doc.get("rules_version"), "approved": bool(doc.get("approved"))}
    if doc.get("current"):  # an approved quarter whose figures the rules in force would change
        out["current"] = {"rules_version": doc["current"]["rules_version"], "services": services(doc["current"]["services"])}
    return out
