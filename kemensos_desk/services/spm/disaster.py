"""Disaster victims: events counted in aggregate (jiwa, KK, vulnerable groups) and the
services delivered per event, in aggregate (jiwa newly reached) or by name.
"""
from __future__ import annotations

import datetime as _dt
from dataclasses import dataclass

from sqlalchemy import func, select

from kemensos_desk.core import formatting, regions
from kemensos_desk.core.errors import Refused
from kemensos_desk.store.models_spm import DisasterDelivery, DisasterEvent
from kemensos_desk.services.auth import Actor
from kemensos_desk.services.spm import common, reference
from kemensos_desk.services.workspace import Workspace


@dataclass
class EventData:
    disaster_type: str
    event_date: _dt.date
    kecamatan_code: str
    jiwa: int
    kk: int = 0
    children: int = 0
    elderly: int = 0
    disabled: int = 0
    pregnant: int = 0
    psychosocial: int = 0
    location: str | None = None
    notes: str | None = None
    phase: str = "tanggap_darurat"  # tanggap_darurat | pasca (rules: which components apply)


def _validate(session, e: EventData) -> None:
    office = common.office(session)
    kec = regions.get(e.kecamatan_code or "")
    if kec is None or kec.level != "kecamatan" or not kec.code.startswith(office.region_code + "."):
        raise Refused("Kecamatan {code} bukan kecamatan di wilayah kantor.", code=e.kecamatan_code)
    e.kecamatan_code = kec.code
    if not (e.disaster_type or "").strip():
        raise Refused("Jenis bencana wajib diisi.")
    phases = reference.phases()
    if e.phase not in phases:
        raise Refused("Fase '{phase}' tidak dikenal; pilih: {codes}.", phase=e.phase, codes=", ".join(phases))
    common.check_date(e.event_date)
    counts = {"jiwa": e.jiwa, "KK": e.kk, "anak": e.children, "lansia": e.elderly, "disabilitas": e.disabled,
              "ibu hamil": e.pregnant, "psikososial": e.psychosocial}
    for label, value in counts.items():
        if value is None or int(value) != value or value < 0:
            raise Refused("Jumlah {label} harus bilangan bulat tidak negatif.", label=label)
    if e.jiwa < 1:
        raise Refused("Jumlah korban (jiwa) paling sedikit 1.")
    if e.children + e.elderly + e.disabled + e.pregnant > e.jiwa or e.psychosocial > e.jiwa or e.kk > e.jiwa:
        raise Refused("Jumlah kelompok rentan, KK atau psikososial tidak boleh melebihi jumlah jiwa ({jiwa}).", jiwa=e.jiwa)
    common.ensure_open(session, e.event_date)


def add_event_in(session, e: EventData) -> DisasterEvent:
    _validate(session, e)
    ev = DisasterEvent(**{k: getattr(e, k) for k in EventData.__dataclass_fields__})
    ev.disaster_type = ev.disaster_type.strip()
    session.add(ev)
    session.flush()
    return ev


def add_event(ws: Workspace, actor: Actor, e: EventData) -> int:
    actor.require("data.edit")
    with ws.store.session(actor.username) as s:
        return add_event_in(s, e).id


def deliver_in(session, event_id: int, component: str, delivered_on: _dt.date, jiwa_served: int,
               beneficiary_id: int | None = None, quantity: float | None = None, unit: str | None = None,
               provider: str | None = None) -> str:
    """Jiwa newly reached by ``component`` on a date; returns new / updated / unchanged."""
    ev = session.get(DisasterEvent, event_id)
    if ev is None or ev.deleted_at is not None:
        raise Refused("Kejadian bencana dengan id {id} tidak ada.", id=event_id)
    svc = common.service(session, "bencana")
    comp = svc.component(component)
    if comp is None:
        raise Refused("Komponen '{component}' bukan bagian dari layanan korban bencana; pilih: {codes}.",
                      component=component, codes=", ".join(c.code for c in svc.components))
    if component not in svc.phase_components(ev.phase):
        raise Refused("Komponen '{component}' tidak berlaku pada fase {phase}; yang berlaku: {codes}.",
                      component=component, phase=reference.phases().get(ev.phase, ev.phase).lower(),
                      codes=", ".join(svc.phase_components(ev.phase)))
    common.check_date(delivered_on)
    if delivered_on < ev.event_date:
        raise Refused("Tanggal layanan sebelum tanggal kejadian bencana.")
    common.ensure_open(session, delivered_on)
    if beneficiary_id is not None:
        jiwa_served = 1
    if jiwa_served is None or int(jiwa_served) != jiwa_served or jiwa_served < 1:
        raise Refused("Jumlah jiwa terlayani harus bilangan bulat, paling sedikit 1.")
    q = select(DisasterDelivery).where(
        DisasterDelivery.event_id == event_id, DisasterDelivery.component == component,
        DisasterDelivery.delivered_on == delivered_on, DisasterDelivery.deleted_at.is_(None),
        DisasterDelivery.beneficiary_id.is_(None) if beneficiary_id is None
        else DisasterDelivery.beneficiary_id == beneficiary_id)
    row = session.scalars(q).first()
    if row is None:
        session.add(DisasterDelivery(event_id=event_id, component=component, delivered_on=delivered_on,
                                     jiwa_served=int(jiwa_served), beneficiary_id=beneficiary_id,
                                     quantity=quantity, unit=unit or comp.unit, provider=provider))
        return "new"
    if row.jiwa_served == jiwa_served and (quantity is None or row.quantity == quantity):
        return "unchanged"
    row.jiwa_served = int(jiwa_served)
    row.quantity = quantity if quantity is not None else row.quantity
    row.provider = provider or row.provider
    return "updated"


def deliver(ws: Workspace, actor: Actor, event_id: int, component: str, delivered_on: _dt.date, jiwa_served: int,
            beneficiary_id: int | None = None, quantity: float | None = None, unit: str | None = None,
            provider: str | None = None) -> str:
    actor.require("data.edit")
    with ws.store.session(actor.username) as s:
        return deliver_in(s, event_id, component, delivered_on, jiwa_served, beneficiary_id, quantity, unit, provider)


def quantity_warning(component: str, quantity: float | None) -> str | None:
    """A delivery below the rules' minimum (permakanan: 7 hari) is kept but does not count; say so."""
    svc = next(sv for sv in reference.load().services if sv.is_disaster)
    comp = svc.component(component)
    if comp is None or comp.min_quantity is None or (quantity is not None and quantity >= comp.min_quantity):
        return None
    from kemensos_desk.core.i18n import tr

    n = formatting.angka(comp.min_quantity)
    if quantity is None:
        return tr("Peringatan: isi jumlah {unit} (--quantity); {name} terpenuhi bila paling sedikit {n} {unit}.",
                  name=comp.name, n=n, unit=comp.unit)
    return tr("Peringatan: {name} dihitung terpenuhi bila paling sedikit {n} {unit} per jiwa; layanan ini dicatat "
              "tetapi belum dihitung.", name=comp.name, n=n, unit=comp.unit)


def events(session, year: int) -> list[dict]:
    """The year's events with jiwa served per component (summed over the year)."""
    served = {}
    for eid, comp, total in session.execute(
            select(DisasterDelivery.event_id, DisasterDelivery.component, func.sum(DisasterDelivery.jiwa_served))
            .join(DisasterEvent, DisasterEvent.id == DisasterDelivery.event_id)
            .where(DisasterDelivery.deleted_at.is_(None), DisasterEvent.deleted_at.is_(None),
                   DisasterEvent.event_date.between(_dt.date(year, 1, 1), _dt.date(year, 12, 31)))
            .group_by(DisasterDelivery.event_id, DisasterDelivery.component)):
        served.setdefault(eid, {})[comp] = int(total)
    out = []
    for ev in session.scalars(select(DisasterEvent).where(
            DisasterEvent.deleted_at.is_(None),
            DisasterEvent.event_date.between(_dt.date(year, 1, 1), _dt.date(year, 12, 31))).order_by(DisasterEvent.event_date)):
        kec = regions.get(ev.kecamatan_code)
        out.append({"id": ev.id, "disaster_type": ev.disaster_type, "event_date": ev.event_date, "phase": ev.phase,
                    "kecamatan_code": ev.kecamatan_code, "kecamatan": kec.name if kec else ev.kecamatan_code,
                    "location": ev.location, "jiwa": ev.jiwa, "kk": ev.kk, "vulnerable": ev.vulnerable,
                    "children": ev.children, "elderly": ev.elderly, "disabled": ev.disabled, "pregnant": ev.pregnant,
                    "psychosocial": ev.psychosocial, "served": served.get(ev.id, {})})
    return out
