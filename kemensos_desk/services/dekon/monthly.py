"""The operator's monthly entry per RO: volume, money spent, indicator values, narrative.

Realisation is stored per month; the pagu rule is checked cumulatively (to every month
from this one to December, against the pagu in force at that month's end) so a later
correction can never push an already-entered month over its ceiling.
"""
from __future__ import annotations

import datetime as _dt
from dataclasses import dataclass, field
from decimal import Decimal

from sqlalchemy import select

from kemensos_desk.core import dekon as calc
from kemensos_desk.core import formatting
from kemensos_desk.core.errors import Problem, Refused
from kemensos_desk.core.i18n import Message
from kemensos_desk.store.models_dekon import DekonIndicatorValue, DekonRealisation
from kemensos_desk.services.auth import Actor
from kemensos_desk.services.dekon import allocations, common, summary
from kemensos_desk.services.workspace import Workspace


@dataclass
class MonthEntry:
    year: int
    ro_code: str
    month: int
    volume: int
    spent: int
    narrative: str | None = None
    over_target_note: str | None = None
    indicator_values: dict[str, Decimal] = field(default_factory=dict)


def _problem(problems, name, value, text, /, **params):
    problems.append(Problem(name, Message(text, **params), value=None if value is None else str(value)))


def record_in(s, e: MonthEntry, today: _dt.date | None = None) -> DekonRealisation:
    common.check_year(e.year)
    common.check_month(e.year, e.month, today)
    row = common.allocation(s, e.year, e.ro_code)
    common.ensure_open(s, e.year, e.month)
    problems: list[Problem] = []
    for name, value in (("volume", e.volume), ("spent", e.spent)):
        if isinstance(value, bool) or not isinstance(value, int):
            _problem(problems, name, value, "Harus bilangan bulat.")
        elif value < 0:
            _problem(problems, name, value, "Tidak boleh negatif ({n}).", n=value)
    indicators = {i.name: i for i in allocations.indicators_of(s, row.id)}
    for name, value in e.indicator_values.items():
        if name not in indicators:
            _problem(problems, "indicator", name, "Indikator '{name}' tidak ada pada RO {ro}.", name=name, ro=row.ro_code)
        elif not isinstance(value, Decimal) or value < 0:
            _problem(problems, "indicator", value, "Nilai indikator '{name}' harus angka, tidak negatif.", name=name)
    if problems:
        raise Refused("Realisasi {ro} bulan {month} ditolak.", problems=problems, ro=row.ro_code,
                      month=formatting.nama_bulan(e.month))

    spent = summary.monthly_sums(s, row.id)
    spent_by_month = {m: v[1] for m, v in spent.items()}
    spent_by_month[e.month] = e.spent
    revisions = summary.revisions_of(s, row.id)
    for m in range(e.month, 13):
        cum = calc.cumulative(spent_by_month, m)
        ceiling = calc.pagu_in_force(row.pagu, revisions, calc.month_end(e.year, m))
        if cum > ceiling:
            raise Refused("Realisasi anggaran {ro} sampai {month} menjadi {cum}, melebihi pagu {pagu}. Belanja di atas "
                          "pagu tidak dapat dicatat.", ro=row.ro_code, month=formatting.nama_bulan(m),
                          cum=formatting.rupiah(cum), pagu=formatting.rupiah(ceiling))
    volume_by_month = {m: v[0] for m, v in spent.items()}
    volume_by_month[e.month] = e.volume
    total_volume = calc.cumulative(volume_by_month, 12)
    note = (e.over_target_note or "").strip() or None
    if total_volume > row.target_volume and e.volume > 0 and not note:
        raise Refused("Volume kumulatif {ro} menjadi {cum} {unit}, melebihi target {target} {unit}. Tuliskan catatan "
                      "penjelasannya.", ro=row.ro_code, cum=formatting.angka(total_volume), unit=row.unit,
                      target=formatting.angka(row.target_volume))

    rec = s.scalars(select(DekonRealisation).where(
        DekonRealisation.allocation_id == row.id, DekonRealisation.month == e.month,
        DekonRealisation.deleted_at.is_(None))).first()
    if rec is None:
        rec = DekonRealisation(allocation_id=row.id, month=e.month)
        s.add(rec)
    rec.volume, rec.spent = e.volume, e.spent
    rec.narrative = (e.narrative or "").strip() or None
    rec.over_target_note = note
    for name, value in e.indicator_values.items():
        ind = indicators[name]
        iv = s.scalars(select(DekonIndicatorValue).where(
            DekonIndicatorValue.indicator_id == ind.id, DekonIndicatorValue.month == e.month,
            DekonIndicatorValue.deleted_at.is_(None))).first()
        if iv is None:
            iv = DekonIndicatorValue(indicator_id=ind.id, month=e.month)
            s.add(iv)
        iv.value = value
    return rec


def record(ws: Workspace, actor: Actor, entry: MonthEntry, today: _dt.date | None = None) -> None:
    actor.require("data.edit")
    with ws.store.session(actor.username) as s:
        record_in(s, entry, today)


def entry_of(ws: Workspace, year: int, ro_code: str, month: int) -> MonthEntry | None:
    """What was recorded for one RO and month, for the entry form."""
    with ws.store.session() as s:
        row = common.allocation(s, year, ro_code)
        rec = s.scalars(select(DekonRealisation).where(
            DekonRealisation.allocation_id == row.id, DekonRealisation.month == month,
            DekonRealisation.deleted_at.is_(None))).first()
        if rec is None:
            return None
        values = {}
        for ind in allocations.indicators_of(s, row.id):
            iv = s.scalars(select(DekonIndicatorValue).where(
                DekonIndicatorValue.indicator_id == ind.id, DekonIndicatorValue.month == month,
                DekonIndicatorValue.deleted_at.is_(None))).first()
            if iv is not None:
                values[ind.name] = iv.value
        return MonthEntry(year, row.ro_code, month, rec.volume, rec.spent, rec.narrative, rec.over_target_note, values)
