"""Import of the distribution lists field workers keep (``spm import-deliveries``, issue 4).

A row names the person by NIK or register id, the component (code or name), the date,
quantity and unit. A delivery is identified by (person, service, component, date):
importing the same list again reports its rows ``unchanged`` and adds nothing; a
different quantity/unit/provider on the same identity is ``updated``.
"""
from __future__ import annotations

import datetime as _dt
from dataclasses import dataclass

from sqlalchemy import select

from kemensos_desk.core import formatting, tabular
from kemensos_desk.core.errors import Refused
from kemensos_desk.core.i18n import Message
from kemensos_desk.store.models_spm import Beneficiary, ServiceDelivery, SpmEntitlement
from kemensos_desk.services import importing
from kemensos_desk.services.importing import Plan, Refusal, Table
from kemensos_desk.services.spm import common
from kemensos_desk.services.spm.importing import _Row


@dataclass
class DeliveryRow:
    row: int
    person_id: int
    component: str
    delivered_on: _dt.date
    quantity: float | None
    unit: str | None
    provider: str | None
    existing_id: int | None = None
    status: str = "new"


def component_matcher(svc):
    """Component by code or name, any case and spacing (``Permakanan``, ``permakanan``)."""
    keys = {}
    for c in svc.components:
        keys[tabular.header_key(c.code)] = c
        keys[tabular.header_key(c.name)] = c

    def match(value):
        if tabular.is_blank(value):
            return None
        found = keys.get(tabular.header_key(value))
        if found is None:
            raise tabular.CellError("Komponen '{value}' bukan bagian dari layanan {service}; pilih: {codes}.",
                                    value=tabular.clean_text(value), service=svc.code,
                                    codes=", ".join(c.code for c in svc.components))
        return found
    return match


class DeliveryImporter:
    kind = "spm_deliveries"

    def __init__(self, service: str, year: int, *, today: _dt.date | None = None):
        self.service, self.year, self.today = service, year, today
        self.title, self.columns = tabular.load_table("spm_import", "deliveries")

    def plan(self, session, table: Table) -> Plan:
        svc = common.service(session, self.service)
        if svc.is_disaster:
            raise Refused("Layanan korban bencana dicatat per kejadian (lihat 'spm disaster').")
        if "nik" not in table.header.columns and "person_id" not in table.header.columns:
            raise Refused("Berkas {file} tidak memuat kolom NIK atau ID Register.", file=table.file)
        match_component = component_matcher(svc)
        locked = common.approved_quarters(session, self.year)
        today = self.today or _dt.date.today()
        parsed: list[tuple[_Row, dict]] = []
        for src in table.rows:
            r = _Row(table, src)
            values = {
                "nik": r.cell("nik", tabular.parse_nik_cell),
                "person_id": r.cell("person_id", tabular.parse_integer),
                "component": r.cell("component", match_component),
                "delivered_on": r.cell("delivered_on", tabular.parse_date),
                "quantity": r.cell("quantity", tabular.parse_number),
                "unit": tabular.clean_text(src.values.get("unit")) or None,
                "provider": tabular.clean_text(src.values.get("provider")) or None,
            }
            if values["nik"] is None and values["person_id"] is None and not ({"nik", "person_id"} & r.failed):
                r.refuse("nik" if "nik" in table.header.columns else "person_id",
                         Message("Isi NIK atau ID register penerima."))
            if values["component"] is None and "component" not in r.failed:
                r.refuse("component", Message("Komponen wajib diisi."))
            day = values["delivered_on"]
            if day is None and "delivered_on" not in r.failed:
                r.refuse("delivered_on", Message("Tanggal wajib diisi."))
            elif day is not None:
                if day.year != self.year:
                    r.refuse("delivered_on", Message("Tanggal {date} bukan dalam tahun {year}.",
                                                     date=formatting.tanggal(day), year=self.year))
                elif day > today:
                    r.refuse("delivered_on", Message("Tanggal {date} ada di masa depan.", date=formatting.tanggal(day)))
                else:
                    try:
                        common.ensure_open(session, day, locked)
                    except Refused as exc:
                        r.refuse("delivered_on", exc.message)
            parsed.append((r, values))
        people = self._people(session, [v for _r, v in parsed])
        plan = Plan()
        good: list[DeliveryRow] = []
        seen: dict[tuple, int] = {}
        for r, v in parsed:
            pid = None
            if v["nik"] is not None:
                pid = people["nik"].get(v["nik"])
                if pid is None:
                    r.refuse("nik", Message("NIK {nik} tidak ada di daftar penerima.", nik=v["nik"]))
            elif v["person_id"] is not None:
                pid = v["person_id"] if v["person_id"] in people["ids"] else None
                if pid is None:
                    r.refuse("person_id", Message("Penerima dengan id {id} tidak ada.", id=v["person_id"]))
            if pid is not None and pid not in people["entitled"]:
                col = "nik" if v["nik"] is not None else "person_id"
                r.refuse(col, Message("Penerima ini belum terdaftar untuk layanan {service} tahun {year}.",
                                      service=self.service, year=self.year))
            if not r.problems:
                key = (pid, v["component"].code, v["delivered_on"])
                first = seen.setdefault(key, r.src.row)
                if first != r.src.row:
                    r.refuse("component", Message("Penyaluran yang sama (penerima, komponen, tanggal) sudah ada di "
                                                  "baris {first} berkas ini.", first=first))
            if r.problems:
                plan.refused += r.problems
                continue
            good.append(DeliveryRow(r.src.row, pid, v["component"].code, v["delivered_on"], v["quantity"],
                                    v["unit"] or v["component"].unit, v["provider"]))
        self._against_register(session, good)
        plan.payload = good
        plan.new = sum(d.status == "new" for d in good)
        plan.updated = sum(d.status == "updated" for d in good)
        plan.unchanged = sum(d.status == "unchanged" for d in good)
        return plan

    def _people(self, session, values: list[dict]) -> dict:
        niks = sorted({v["nik"] for v in values if v["nik"]})
        ids_given = sorted({v["person_id"] for v in values if v["person_id"] is not None})
        by_nik: dict[str, int] = {}
        for part in importing.chunks(niks):
            by_nik.update((n, i) for n, i in session.execute(select(Beneficiary.nik, Beneficiary.id).where(
                Beneficiary.nik.in_(part), Beneficiary.deleted_at.is_(None))))
        ids: set[int] = set()
        for part in importing.chunks(ids_given):
            ids.update(session.scalars(select(Beneficiary.id).where(Beneficiary.id.in_(part),
                                                                    Beneficiary.deleted_at.is_(None))))
        entitled: set[int] = set()
        for part in importing.chunks(sorted(set(by_nik.values()) | ids)):
            entitled.update(session.scalars(select(SpmEntitlement.beneficiary_id).where(
                SpmEntitlement.beneficiary_id.in_(part), SpmEntitlement.service == self.service,
                SpmEntitlement.year == self.year, SpmEntitlement.deleted_at.is_(None))))
        return {"nik": by_nik, "ids": ids, "entitled": entitled}

    def _against_register(self, session, rows: list[DeliveryRow]) -> None:
        start, end = _dt.date(self.year, 1, 1), _dt.date(self.year, 12, 31)
        existing: dict[tuple, tuple] = {}
        for part in importing.chunks(sorted({d.person_id for d in rows})):
            for rec in session.execute(select(
                    ServiceDelivery.id, ServiceDelivery.beneficiary_id, ServiceDelivery.component,
                    ServiceDelivery.delivered_on, ServiceDelivery.quantity, ServiceDelivery.unit,
                    ServiceDelivery.provider).where(
                    ServiceDelivery.beneficiary_id.in_(part), ServiceDelivery.service == self.service,
                    ServiceDelivery.delivered_on.between(start, end), ServiceDelivery.deleted_at.is_(None))):
                existing[(rec.beneficiary_id, rec.component, rec.delivered_on)] = rec
        for d in rows:
            rec = existing.get((d.person_id, d.component, d.delivered_on))
            if rec is None:
                continue
            d.existing_id = rec.id
            same = (rec.quantity, rec.unit, rec.provider) == (d.quantity, d.unit, d.provider)
            d.status = "unchanged" if same or (d.quantity is None and d.provider is None) else "updated"

    def write(self, session, plan: Plan, username: str) -> None:
        rows: list[DeliveryRow] = plan.payload
        importing.bulk_insert(session, ServiceDelivery, [
            {"beneficiary_id": d.person_id, "service": self.service, "component": d.component,
             "delivered_on": d.delivered_on, "quantity": d.quantity, "unit": d.unit, "provider": d.provider,
             "notes": None} for d in rows if d.status == "new"], username)
        importing.bulk_update(session, ServiceDelivery, [
            {"id": d.existing_id, "quantity": d.quantity, "unit": d.unit, "provider": d.provider}
            for d in rows if d.status == "updated"], username)
