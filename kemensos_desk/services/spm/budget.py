"""APBD budget of each service per year: allocated, spent (whole rupiah), problems, solutions."""
from __future__ import annotations

from decimal import Decimal

from sqlalchemy import select

from kemensos_desk.core import formatting
from kemensos_desk.core.errors import Refused
from kemensos_desk.store.models_spm import SpmBudget
from kemensos_desk.services.auth import Actor
from kemensos_desk.services.spm import common
from kemensos_desk.services.workspace import Workspace


def put_budget(session, service_code: str, year: int, allocated: int, spent: int,
               problems: str | None = None, solutions: str | None = None) -> SpmBudget:
    common.service(session, service_code)
    if (year, 4) in common.approved_quarters(session, year):
        raise Refused("Triwulan IV {year} sudah disetujui; anggaran tahun itu terkunci.", year=year)
    for label, value in (("Alokasi", allocated), ("Realisasi", spent)):
        if value is None or int(value) != value or value < 0:
            raise Refused("{label} anggaran harus bilangan rupiah bulat, tidak negatif.", label=label)
    if spent > allocated:
        raise Refused("Realisasi ({spent}) melebihi alokasi ({allocated}).", spent=formatting.rupiah(spent),
                      allocated=formatting.rupiah(allocated))
    row = session.scalars(select(SpmBudget).where(SpmBudget.service == service_code, SpmBudget.year == year,
                                                  SpmBudget.deleted_at.is_(None))).first()
    if row is None:
        row = SpmBudget(service=service_code, year=year)
        session.add(row)
    row.allocated, row.spent = int(allocated), int(spent)
    row.problems = (problems or "").strip() or None
    row.solutions = (solutions or "").strip() or None
    return row


def set_budget(ws: Workspace, actor: Actor, service_code: str, year: int, allocated: int, spent: int,
               problems: str | None = None, solutions: str | None = None) -> None:
    actor.require("data.edit")
    with ws.store.session(actor.username) as s:
        put_budget(s, service_code, year, allocated, spent, problems, solutions)


def budgets(session, year: int) -> dict[str, dict]:
    out = {}
    for b in session.scalars(select(SpmBudget).where(SpmBudget.year == year, SpmBudget.deleted_at.is_(None))):
        pct = formatting.round_half_up(Decimal(b.spent) * 100 / Decimal(b.allocated)) if b.allocated else None
        out[b.service] = {"allocated": b.allocated, "spent": b.spent, "spent_pct": pct,
                          "problems": b.problems, "solutions": b.solutions}
    return out
