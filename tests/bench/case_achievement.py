"""achievement: ``spm capaian`` for a year over 1,000,000 people / 5,000,000 deliveries,
against one hand-written SQL aggregate in raw ``sqlite3`` giving the same figures
(entitled, served, needed, delivered per rehabilitation service).
"""
from __future__ import annotations

import sqlite3

from kemensos_desk.core.formatting import angka
from tests.bench import data, harness

# One statement for all rehabilitation services. Each component code has one bit (the same
# in every service); per person the needed and the received masks; popcounts summed per
# service. Deliveries are grouped in the order of ix_spm_delivery_service_live.
BASELINE = """
WITH got AS (
  SELECT d.service AS service, d.beneficiary_id AS bid, SUM(DISTINCT {bit_d}) AS mask
  FROM spm_delivery AS d
  WHERE d.deleted_at IS NULL AND d.delivered_on BETWEEN :start AND :end
  GROUP BY d.service, d.beneficiary_id),
assessed AS (
  SELECT service, bid, SUM({bit_a}) AS mask FROM (
    SELECT DISTINCT a.service AS service, a.beneficiary_id AS bid, a.component AS component
    FROM spm_assessment AS a
    WHERE a.year = :year AND a.assessed_on <= :end AND a.deleted_at IS NULL)
  WHERE ({asesmen_of}) GROUP BY service, bid),
person AS (
  SELECT e.service AS service,
         ({wajib_of}) | COALESCE(assessed.mask, 0) | CASE WHEN b.nik IS NULL THEN ({auto_of}) ELSE 0 END AS need,
         COALESCE(got.mask, 0) AS got,
         (b.status IN ('died', 'moved') AND b.status_date <= :end) AS gone
  FROM spm_entitlement AS e
  JOIN spm_beneficiary AS b ON b.id = e.beneficiary_id
  LEFT JOIN got ON got.service = e.service AND got.bid = e.beneficiary_id
  LEFT JOIN assessed ON assessed.service = e.service AND assessed.bid = e.beneficiary_id
  WHERE e.year = :year AND e.start_date <= :end AND e.deleted_at IS NULL AND b.deleted_at IS NULL
    AND e.service IN ({services})),
counted AS (SELECT service, need, got & need AS met FROM person WHERE NOT (gone AND (got & need) <> need))
SELECT service, COUNT(*), SUM(met = need), SUM({pop_need}), SUM({pop_met}) FROM counted GROUP BY service
"""


def _pop(expr: str, n: int) -> str:
    return " + ".join(f"(({expr} >> {i}) & 1)" for i in range(n))


def _sql(services) -> str:
    codes = sorted({c.code for s in services for c in s.components})
    bit = {c: 1 << i for i, c in enumerate(codes)}

    def bitcase(col: str) -> str:
        return f"CASE {col} " + " ".join(f"WHEN '{c}' THEN {b}" for c, b in bit.items()) + " ELSE 0 END"

    def per_service(col: str, masks: dict[str, int]) -> str:
        return f"CASE {col} " + " ".join(f"WHEN '{s}' THEN {m}" for s, m in masks.items()) + " ELSE 0 END"

    def mask(codes_) -> int:
        return sum(bit[c] for c in codes_ or ())

    # A component counts as received only when the service has it (bits of other services' lists are masked).
    has = {s.code: mask(c.code for c in s.components) for s in services}
    return BASELINE.format(
        bit_d=f"(({bitcase('d.component')}) & ({per_service('d.service', has)}))",
        bit_a=bitcase("component"),
        asesmen_of=f"(({bitcase('component')}) & ({per_service('service', {s.code: mask(s.asesmen) for s in services})})) <> 0",
        wajib_of=per_service("e.service", {s.code: mask(s.wajib) for s in services}),
        auto_of=per_service("e.service", {s.code: mask(s.auto_no_nik) for s in services}),
        services=", ".join(f"'{s.code}'" for s in services),
        pop_need=_pop("need", len(codes)), pop_met=_pop("met", len(codes)))


def baseline(db, year: int) -> dict:
    from kemensos_desk.services.spm import reference

    services = [s for s in reference.services_for("kabupaten") if not s.is_disaster]
    conn = sqlite3.connect(db)
    try:
        rows = conn.execute(_sql(services), {"year": year, "start": f"{year}-01-01", "end": f"{year}-12-31"}).fetchall()
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
                           note=f"{angka(n)} orang, {angka(deliveries)} layanan")]
