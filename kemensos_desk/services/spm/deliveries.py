"""Assessments (which *asesmen* components a person needs) and services delivered.

A delivery is identified by (person, service, component, date): recording it again
changes nothing ("unchanged"), or updates quantity/unit/provider ("updated"). Bulk
delivery ("permakanan, March, to these 120 people") is one transaction.
"""
from __future__ import annotations

import datetime as _dt
from dataclasses import dataclass, field

from sqlalchemy import func, select

from kemensos_desk.core import formatting
from kemensos_desk.core.errors import Refused
from kemensos_desk.core.i18n import tr
from kemensos_desk.store.base import utcnow
from kemensos_desk.store.models_spm import ServiceDelivery, SpmAssessment, SpmEntitlement
from kemensos_desk.services.auth import Actor
from kemensos_desk.services.spm import common
from kemensos_desk.services.spm.register import get_person
from kemensos_desk.services.workspace import Workspace


@dataclass
class DeliveryCounts:
    new: int = 0
    updated: int = 0
    unchanged: int = 0
    ids: list[int] = field(default_factory=list)
    # People whose quantity of the component this year now exceeds the rules' cap (gepeng
    # luar panti permakanan: 7 hari). Accepted; the component counts once either way.
    over_limit: list[int] = field(default_factory=list)
    limit_text: str = ""

    def add(self, status: str) -> None:
        setattr(self, status, getattr(self, status) + 1)

    def as_dict(self) -> dict:
        return {"new": self.new, "updated": self.updated, "unchanged": self.unchanged}


def _component(session, service_code: str, component: str):
    svc = common.service(session, service_code)
    comp = svc.component(component)
    if comp is None:
        raise Refused("Komponen '{component}' bukan bagian dari layanan {service}; pilih: {codes}.",
                      component=component, service=service_code, codes=", ".join(c.code for c in svc.components))
    return svc, comp


def _entitled_ids(session, service_code: str, year: int, ids: list[int]) -> set[int]:
    found: set[int] = set()
    for i in range(0, len(ids), 500):
        found.update(session.scalars(select(SpmEntitlement.beneficiary_id).where(
            SpmEntitlement.service == service_code, SpmEntitlement.year == year,
            SpmEntitlement.deleted_at.is_(None), SpmEntitlement.beneficiary_id.in_(ids[i:i + 500]))))
    return found


def assess(session, person_id: int, service_code: str, year: int, components: list[str],
           assessed_on: _dt.date) -> int:
    """Record that the person needs these *asesmen* components (idempotent); returns how many are new."""
    common.check_date(assessed_on)
    common.ensure_open(session, assessed_on)
    get_person(session, person_id)
    if assessed_on.year != year:
        raise Refused("Tanggal asesmen {date} bukan dalam tahun {year}.", date=formatting.tanggal(assessed_on), year=year)
    if person_id not in _entitled_ids(session, service_code, year, [person_id]):
        raise Refused("Penerima ini belum terdaftar untuk layanan {service} tahun {year}.", service=service_code, year=year)
    added = 0
    for code in components:
        _svc, comp = _component(session, service_code, code)
        if comp.need != "asesmen":
            raise Refused("Komponen {component} wajib bagi semua penerima; tidak perlu asesmen.", component=code)
        exists = session.scalars(select(SpmAssessment).where(
            SpmAssessment.beneficiary_id == person_id, SpmAssessment.service == service_code,
            SpmAssessment.year == year, SpmAssessment.component == code, SpmAssessment.deleted_at.is_(None))).first()
        if exists is None:
            session.add(SpmAssessment(beneficiary_id=person_id, service=service_code, year=year, component=code,
                                      assessed_on=assessed_on))
            added += 1
    return added


def deliver_many(session, person_ids: list[int], service_code: str, component: str, delivered_on: _dt.date,
                 quantity: float | None = None, unit: str | None = None, provider: str | None = None) -> DeliveryCounts:
    """Record one component on one date for many people, inside the caller's unit of work."""
    svc, comp = _component(session, service_code, component)
    if svc.is_disaster:
        raise Refused("Layanan korban bencana dicatat per kejadian (lihat 'spm disaster').")
    common.check_date(delivered_on)
    common.ensure_open(session, delivered_on)
    ids = list(dict.fromkeys(person_ids))
    entitled = _entitled_ids(session, service_code, delivered_on.year, ids)
    missing = [i for i in ids if i not in entitled]
    if missing:
        raise Refused("{n} penerima belum terdaftar untuk layanan {service} tahun {year} (id: {ids}).",
                      n=len(missing), service=service_code, year=delivered_on.year,
                      ids=", ".join(str(i) for i in missing[:10]))
    unit = unit or comp.unit
    existing: dict[int, ServiceDelivery] = {}
    for i in range(0, len(ids), 500):
        for d in session.scalars(select(ServiceDelivery).where(
                ServiceDelivery.beneficiary_id.in_(ids[i:i + 500]), ServiceDelivery.service == service_code,
                ServiceDelivery.component == component, ServiceDelivery.delivered_on == delivered_on,
                ServiceDelivery.deleted_at.is_(None))):
            existing[d.beneficiary_id] = d
    counts = DeliveryCounts()
    for pid in ids:
        d = existing.get(pid)
        if d is None:
            d = ServiceDelivery(beneficiary_id=pid, service=service_code, component=component,
                                delivered_on=delivered_on, quantity=quantity, unit=unit, provider=provider)
            session.add(d)
            counts.add("new")
        elif (d.quantity, d.unit, d.provider) == (quantity, unit, provider) or (quantity is None and provider is None):
            counts.add("unchanged")
        else:
            d.quantity, d.unit, d.provider = quantity, unit, provider
            counts.add("updated")
    session.flush()
    if comp.max_quantity is not None and quantity is not None:
        _check_cap(session, counts, ids, svc, comp, delivered_on.year)
    return counts


def _check_cap(session, counts: DeliveryCounts, ids: list[int], svc, comp, year: int) -> None:
    start, end = _dt.date(year, 1, 1), _dt.date(year, 12, 31)
    for i in range(0, len(ids), 500):
        rows = session.execute(select(ServiceDelivery.beneficiary_id, func.sum(ServiceDelivery.quantity)).where(
            ServiceDelivery.beneficiary_id.in_(ids[i:i + 500]), ServiceDelivery.service == svc.code,
            ServiceDelivery.component == comp.code, ServiceDelivery.deleted_at.is_(None),
            ServiceDelivery.delivered_on.between(start, end)).group_by(ServiceDelivery.beneficiary_id))
        counts.over_limit += [pid for pid, total in rows if total is not None and total > comp.max_quantity]
    if counts.over_limit:
        counts.limit_text = tr(
            "Peringatan: {name} untuk layanan ini paling banyak {n} {unit} setahun; {k} penerima melebihinya "
            "(id: {ids}). Dicatat, tetapi tetap dihitung satu kali.", name=comp.name,
            n=formatting.angka(comp.max_quantity), unit=comp.unit, k=len(counts.over_limit),
            ids=", ".join(str(p) for p in counts.over_limit[:10]))


def record_delivery(ws: Workspace, actor: Actor, person_id: int, service_code: str, component: str,
                    delivered_on: _dt.date, quantity: float | None = None, unit: str | None = None,
                    provider: str | None = None) -> str:
    """One delivery; returns ``new``, ``updated`` or ``unchanged``."""
    actor.require("data.edit")
    with ws.store.session(actor.username) as s:
        get_person(s, person_id)
        c = deliver_many(s, [person_id], service_code, component, delivered_on, quantity, unit, provider)
    return "new" if c.new else "updated" if c.updated else "unchanged"


def record_bulk(ws: Workspace, actor: Actor, person_ids: list[int], service_code: str, component: str,
                delivered_on: _dt.date, quantity: float | None = None, unit: str | None = None,
                provider: str | None = None) -> DeliveryCounts:
    actor.require("data.edit")
    with ws.store.session(actor.username) as s:
        return deliver_many(s, person_ids, service_code, component, delivered_on, quantity, unit, provider)


def record_assessment(ws: Workspace, actor: Actor, person_id: int, service_code: str, year: int,
                      components: list[str], assessed_on: _dt.date) -> int:
    actor.require("data.edit")
    with ws.store.session(actor.username) as s:
        return assess(s, person_id, service_code, year, components, assessed_on)


def remove_delivery(ws: Workspace, actor: Actor, delivery_id: int) -> None:
    actor.require("data.edit")
    with ws.store.session(actor.username) as s:
        d = s.get(ServiceDelivery, delivery_id)
        if d is None or d.deleted_at is not None:
            raise Refused("Penyaluran dengan id {id} tidak ada.", id=delivery_id)
        common.ensure_open(s, d.delivered_on)
        d.deleted_at = utcnow()


def deliveries_of(session, person_id: int, year: int | None = None) -> list[dict]:
    q = select(ServiceDelivery).where(ServiceDelivery.beneficiary_id == person_id, ServiceDelivery.deleted_at.is_(None))
    if year:
        q = q.where(ServiceDelivery.delivered_on.between(_dt.date(year, 1, 1), _dt.date(year, 12, 31)))
    return [{"id": d.id, "service": d.service, "component": d.component, "delivered_on": d.delivered_on,
             "quantity": d.quantity, "unit": d.unit, "provider": d.provider}
            for d in session.scalars(q.order_by(ServiceDelivery.delivered_on, ServiceDelivery.component))]


def assessments_of(session, person_id: int, year: int | None = None) -> list[dict]:
    q = select(SpmAssessment).where(SpmAssessment.beneficiary_id == person_id, SpmAssessment.deleted_at.is_(None))
    if year:
        q = q.where(SpmAssessment.year == year)
    return [{"service": a.service, "year": a.year, "component": a.component, "assessed_on": a.assessed_on}
            for a in session.scalars(q.order_by(SpmAssessment.year, SpmAssessment.service, SpmAssessment.component))]
