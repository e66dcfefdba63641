"""achievement: ``spm capaian`` for a year over 1,000,000 people / 5,000,000 deliveries,
against one hand-written SQL aggregate in raw ``sqlite3`` giving the same figures
(entitled, served, needed, delivered per rehabilitation service).
"""
from __future__ import annotations

import json
import sqlite3

from tests.bench import data, harness

# One statement for all rehabilitation services: a bit per (service, component); per
# person the needed and the received masks; popcounts summed per service.
BASELINE = """
WITH comp(service, code, bit) AS (SELECT value ->> '$[0]', value ->> '$[1]', value ->> '$[2]' FROM json_each(:comp)),
svc(service, wajib, auto, asesmen) AS (
  SELECT value ->> '$[0]', value ->> '$[1]', value ->> '$[2]', value ->> '$[3]' FROM json_each(:svc)),
got AS (
  SELECT d.beneficiary_id AS bid, d.service AS service, SUM(DISTINCT c.bit) AS mask
  FROM spm_delivery AS d JOIN comp AS c ON c.service = d.service AND c.code = d.component
  WHERE d.deleted_at IS NULL AND d.delivered_on BETWEEN :start AND :end
  GROUP BY d.beneficiary_id, d.service),
assessed AS (
  SELECT bid, service, SUM(bit) AS mask FROM (
    SELECT DISTINCT a.beneficiary_id AS bid, a.service AS service, c.bit AS bit
    FROM spm_assessment AS a JOIN comp AS c ON c.service = a.service AND c.code = a.component
    JOIN svc ON svc.service = a.service AND (svc.asesmen & c.bit) <> 0
    WHERE a.year = :year AND a.assessed_on <= :end AND a.deleted_at IS NULL)
  GROUP BY bid, service),
person AS (
  SELECT e.service AS service,
         svc.wajib | COALESCE(assessed.mask, 0) | CASE WHEN b.nik IS NULL THEN svc.auto ELSE 0 END AS need,
         COALESCE(got.mask, 0) AS got,
         (b.status IN ('died', 'moved') AND b.status_date <= :end) AS gone
  FROM spm_entitlement AS e JOIN svc ON svc.service = e.service
  JOIN spm_beneficiary AS b ON b.id = e.beneficiary_id
  LEFT JOIN got ON got.bid = e.beneficiary_id AND got.service = e.service
  LEFT JOIN assessed ON assessed.bid = e.beneficiary_id AND assessed.service = e.service
  WHERE e.year = :year AND e.start_date <= :end AND e.deleted_at IS NULL AND b.deleted_at IS NULL),
counted AS (SELECT service, need, got & need AS met FROM person WHERE NOT (gone AND (got & need) <> need))
SELECT service, COUNT(*), SUM(met = need), SUM({pop_need}), SUM({pop_met}) FROM counted GROUP BY service
"""


def _pop(expr: str) -> str:
    return " + ".join(f"(({expr} >> {i}) & 1)" for i in range(16))


def baseline(db, year: int) -> dict:
    from kemensos_desk.services.spm import reference

    services = [s for s in reference.services_for("kabupaten") if not s.is_disaster]
    comp, svc = [], []
    for s in services:
        bits = {c.code: 1 << i for i, c in enumerate(s.components)}
        comp += [[s.code, code, bit] for code, bit in bits.items()]
        svc.append([s.code, sum(bits[c] for c in s.wajib), sum(bits[c] for c in (s.auto_no_nik or ())),
                    sum(bits[c] for c in s.asesmen)])
    conn = sqlite3.connect(db)
    try:
        rows = conn.execute(BASELINE.format(pop_need=_pop("need"), pop_met=_pop("met")), {
            "comp": json.dumps(comp), "svc": json.dumps(svc), "year": year,
            "start": f"{year}-01-01", "end": f"{year}-12-31"}).fetchall()
    finally:
        conn.close()
    return {code: (int(n), int(served), int(need), int(met)) for code, n, served, need, met in rows}


def ours(data_dir, year: int) -> dict:
    from kemensos_desk.services.spm import achievement
    from kemensos_desk.services.workspace import Workspace

    ws = Workspace.open(data_dir)
    try:
        doc = achievement.achievement(ws, year)
    finally:
        ws.close()
    return {s["code"]: (s["entitled"], s["served"], s["needed"], s["delivered"]) for s in doc["services"]
            if s["code"] != "bencana"}


@harness.case("achievement")
def achievement_case(bench: harness.Bench) -> list[harness.Result]:
    n = bench.size(1_000_000, 5_000)
    data_dir = data.register_office(n)
    db = data_dir / "kemensos.sqlite"
    baseline(db, data.YEAR)  # warm the file cache
    base, expected = harness.timed(baseline, db, data.YEAR, repeat=bench.size(2, 1))
    value, got = harness.timed(ours, data_dir, data.YEAR, repeat=bench.size(2, 1))
    assert got == expected, f"capaian berbeda: {got} != {expected}"
    deliveries = sqlite3.connect(db).execute("SELECT COUNT(*) FROM spm_delivery").fetchone()[0]
    r = harness.ratio(value, base)
    return [harness.result("achievement", value, base, "≤ 2×", r <= 2,
                           note=f"{n:,} orang, {deliveries:,} layanan".replace(",", "."))]
