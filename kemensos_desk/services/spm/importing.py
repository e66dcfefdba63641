"""Import of the beneficiary lists offices keep in Excel (``spm import``, issue 4).

Each row is read with ``core.tabular`` and checked with the register's own rules
(``register.validate_person``: NIK errors refuse, warnings do not). Then, against the
register: a NIK already registered with the same name and birth date updates that person
(counted ``updated``; ``unchanged`` when nothing differs), with another name or birth
date it is refused ("NIK sudah terdaftar atas nama ..."). Every person written is entitled
to the service for the year. Writes are bulk (core executemany) for 100,000-row files.

Speed (issue 8): rows that are plainly valid are taken column by column by
``importing_fast.FastLane``; every other row (and any repeated NIK) goes through ``_parse``
and ``validate_person`` here, which word every refusal and warning.
"""
from __future__ import annotations

import datetime as _dt
from dataclasses import dataclass, fields
from operator import attrgetter
from typing import Any

from sqlalchemy import func, select

from kemensos_desk.core import formatting, tabular
from kemensos_desk.core.errors import Refused
from kemensos_desk.core.i18n import Message
from kemensos_desk.store.models_spm import Beneficiary, SpmEntitlement
from kemensos_desk.services import importing
from kemensos_desk.services.importing import Plan, Refusal, SourceRow, Table
from kemensos_desk.services.spm import common, reference
from kemensos_desk.services.spm import register as reg
from kemensos_desk.services.spm.importing_fast import FastLane

# Register fields an import may set (status is the register's business, not the list's).
PERSON_FIELDS = ("nik", "no_nik_reason", "kk", "name", "sex", "birth_place", "birth_date", "kecamatan_code", "desa",
                 "rt", "rw", "street", "dtks_id", "found_via", "institution", "notes")
# Problem.field of the register -> import column name.
FIELD_COLUMN = {"kecamatan_code": "kecamatan"}


@dataclass(slots=True)
class PersonRow:
    src: SourceRow
    data: reg.PersonData
    start: _dt.date
    existing_id: int | None = None
    status: str = "new"  # new | updated | unchanged
    changes: dict | None = None
    needs_entitlement: bool = True


class _Row:
    """Collects a row's problems; a field whose cell could not be read is not checked again."""

    def __init__(self, table: Table, src: SourceRow):
        self.table, self.src = table, src
        self.problems: list[Refusal] = []
        self.failed: set[str] = set()

    def raw(self, column: str) -> str:
        return tabular.clean_text(self.src.values.get(column))

    def refuse(self, column: str, message: Message, value: str | None = None) -> None:
        self.problems.append(Refusal(self.src.row, self.table.label(column), self.raw(column) if value is None else value,
                                     message))

    def cell(self, column: str, parse, *fields_: str):
        try:
            return parse(self.src.values.get(column))
        except tabular.CellError as exc:
            self.refuse(column, exc.message)
            self.failed.update(fields_ or (column,))
            return None


def _choice(value, options: dict[str, str]) -> str | None:
    """A coded list by code or label, any case (``DTKS``, ``Belum memiliki NIK``)."""
    if tabular.is_blank(value):
        return None
    key = tabular.header_key(value)
    for code, label in options.items():
        if key in (tabular.header_key(code), tabular.header_key(label)):
            return code
    raise tabular.CellError("'{value}' tidak dikenal; pilih: {codes}.", value=tabular.clean_text(value),
                            codes=", ".join(options))


class BeneficiaryImporter:
    kind = "spm_beneficiaries"

    def __init__(self, service: str, year: int, *, today: _dt.date | None = None):
        self.service, self.year, self.today = service, year, today
        self.title, self.columns = tabular.load_table("spm_import", "beneficiaries")

    # --- one row ----------------------------------------------------------------------------
    def _parse(self, table: Table, src: SourceRow, matcher: tabular.KecamatanMatcher) -> tuple[_Row, reg.PersonData, _dt.date | None]:
        r = _Row(table, src)
        v = src.values
        d = reg.PersonData()
        d.nik = r.cell("nik", tabular.parse_nik_cell, "nik")
        d.kk = r.cell("kk", lambda x: tabular.parse_nik_cell(x, "Nomor KK"), "kk")
        d.name = tabular.clean_text(v.get("name"))
        d.sex = r.cell("sex", tabular.parse_sex, "sex") or ""
        if "birth_place_date" in v:
            place, born = r.cell("birth_place_date", tabular.split_place_date, "birth_date") or (None, None)
            d.birth_place, d.birth_date = place, born
        if "birth_date" in v:
            d.birth_date = r.cell("birth_date", tabular.parse_date, "birth_date")
        if "birth_place" in v:
            d.birth_place = tabular.clean_text(v.get("birth_place")) or d.birth_place
        kec = r.cell("kecamatan", matcher.match, "kecamatan_code")
        d.kecamatan_code = kec.code if kec else ""
        if "rt_rw" in v:
            d.rt, d.rw = r.cell("rt_rw", tabular.split_rt_rw, "rt", "rw") or (None, None)
        for name in ("desa", "rt", "rw", "street", "dtks_id", "institution", "notes"):
            if name in v:
                setattr(d, name, tabular.clean_text(v.get(name)) or getattr(d, name))
        choices = reference.choices()
        d.found_via = r.cell("found_via", lambda x: _choice(x, choices["found_via"]), "found_via")
        d.no_nik_reason = r.cell("no_nik_reason", lambda x: _choice(x, choices["no_nik_reasons"]), "no_nik_reason")
        start = r.cell("start_date", tabular.parse_date, "start_date")
        return r, d, start

    def _column_of(self, table: Table, field: str) -> str:
        name = FIELD_COLUMN.get(field, field)
        if name == "birth_date" and "birth_date" not in table.header.columns:
            return "birth_place_date"
        if name in ("rt", "rw") and name not in table.header.columns:
            return "rt_rw"
        return name

    # --- the whole file -----------------------------------------------------------------------
    def plan(self, session, table: Table) -> Plan:
        office = common.office(session)
        svc = common.service(session, self.service)
        if svc.is_disaster:
            raise Refused("Korban bencana dicatat per kejadian bencana, bukan diimpor sebagai penerima perorangan.")
        matcher = tabular.KecamatanMatcher(office.region_code)
        locked = common.approved_quarters(session, self.year)
        plan = Plan()
        good: list[PersonRow] = []
        seen_nik: dict[str, int] = {}
        seen_person: dict[tuple, int] = {}
        found_via = reference.choices()["found_via"]
        fast = FastLane(table, matcher, office.region_code, today=self.today or _dt.date.today(), year=self.year,
                        session=session, locked=locked, found_via=lambda x: _choice(x, found_via))
        for src, got in zip(table.rows, fast.plain_rows(table)):
            if got is not None and seen_nik.setdefault(got[0].nik, src.row) == src.row:
                good.append(PersonRow(src, *got))
                continue
            # Anything not plainly valid (or a repeated NIK) gets the full checks and their messages.
            r, d, start = self._parse(table, src, matcher)
            checked = reg.validate_person(d, office.region_code, today=self.today)
            for p in checked.problems:
                if p.field in r.failed or (p.field == "birth_date" and "birth_date" in r.failed):
                    continue
                col = self._column_of(table, p.field)
                r.refuse(col, p.message)
            plan.warnings += [Refusal(src.row, table.label("nik"), d.nik or "", w) for w in checked.warnings]
            d = checked.data
            start = start or common.default_start(self.year, locked)
            if "start_date" not in r.failed:
                if start.year != self.year:
                    r.refuse("start_date", Message("Tanggal mulai {date} bukan dalam tahun {year}.",
                                                   date=formatting.tanggal(start), year=self.year))
                else:
                    try:
                        common.ensure_open(session, start, locked)
                    except Refused as exc:  # the cell as typed (empty stays empty): the reason names the date
                        r.refuse("start_date", exc.message)
            if d.nik and "nik" not in r.failed:
                first = seen_nik.setdefault(d.nik, src.row)
                if first != src.row:
                    r.refuse("nik", Message("NIK {nik} sudah ada di baris {first} berkas ini.", nik=d.nik, first=first))
            elif not d.nik and d.birth_date:
                key = (reg.name_key(d.name), d.birth_date, d.kecamatan_code)
                first = seen_person.setdefault(key, src.row)
                if first != src.row:
                    r.refuse("name", Message("Orang yang sama (nama, tanggal lahir, kecamatan) sudah ada di baris "
                                             "{first} berkas ini.", first=first))
            if r.problems:
                plan.refused += r.problems
                continue
            good.append(PersonRow(src, d, start))
        self._against_register(session, table, good, plan)
        plan.payload = [p for p in good if p.status != "refused"]
        plan.new = sum(p.status == "new" for p in plan.payload)
        plan.updated = sum(p.status == "updated" for p in plan.payload)
        plan.unchanged = sum(p.status == "unchanged" for p in plan.payload)
        return plan

    def _against_register(self, session, table: Table, rows: list[PersonRow], plan: Plan) -> None:
        """Same NIK: same person (update) or another one (refused); all looked up in a few queries."""
        by_nik = {p.data.nik: p for p in rows if p.data.nik}
        # Plain rows, not ORM objects: a 100,000-row re-import would otherwise build 100,000 entities.
        people = Beneficiary.__table__
        existing: dict[str, Any] = {}
        live = (people.c.nik.is_not(None), people.c.deleted_at.is_(None))
        wanted = list(by_nik)
        if wanted and session.scalar(select(func.count()).select_from(people).where(*live)) <= len(wanted):
            # A register no larger than the file: read its NIKs (from the NIK index) and ask
            # only for the ones the file repeats, instead of sending every NIK of the file.
            registered = set(session.scalars(select(people.c.nik).where(*live)))
            wanted = [n for n in wanted if n in registered]
        for part in importing.chunks(wanted):
            for b in session.execute(select(people).where(people.c.nik.in_(part), people.c.deleted_at.is_(None))):
                existing[b.nik] = b
        without = self._people_without_nik(session, [p for p in rows if not p.data.nik])
        entitled: set[int] = set()
        ids = [b.id for b in existing.values()] + [b.id for b in without.values()]
        for part in importing.chunks(ids):
            entitled.update(session.scalars(select(SpmEntitlement.beneficiary_id).where(
                SpmEntitlement.beneficiary_id.in_(part), SpmEntitlement.service == self.service,
                SpmEntitlement.year == self.year, SpmEntitlement.deleted_at.is_(None))))
        for nik, p in by_nik.items():
            b = existing.get(nik)
            if b is None:
                continue
            if reg.name_key(b.name) != reg.name_key(p.data.name) or b.birth_date != p.data.birth_date:
                p.status = "refused"
                plan.refused.append(Refusal(p.src.row, table.label("nik"), nik, Message(
                    "NIK {nik} sudah terdaftar atas nama {name} (lahir {born}).", nik=nik, name=b.name,
                    born=formatting.tanggal(b.birth_date))))
                continue
            self._same_person(p, b, entitled)
        for key, p in ((self._key(p.data), p) for p in rows if not p.data.nik):
            if key in without:
                self._same_person(p, without[key], entitled)
        plan.refused.sort(key=lambda r: (r.row or 0))

    @staticmethod
    def _key(d: reg.PersonData) -> tuple:
        return reg.name_key(d.name), d.birth_date, d.kecamatan_code

    def _people_without_nik(self, session, rows: list[PersonRow]) -> dict[tuple, Any]:
        """People registered without NIK, known again by name, birth date and kecamatan."""
        found: dict[tuple, Any] = {}
        for part in importing.chunks(sorted({reg.name_key(p.data.name) for p in rows})):
            people = Beneficiary.__table__
            for b in session.execute(select(people).where(
                    people.c.name_key.in_(part), people.c.nik.is_(None), people.c.deleted_at.is_(None))):
                found.setdefault((b.name_key, b.birth_date, b.kecamatan_code), b)
        return found

    def _same_person(self, p: PersonRow, b, entitled: set[int]) -> None:
        p.existing_id = b.id
        # A name written in other case or spacing is the same name: keep the register's.
        given = {f for f in PERSON_FIELDS if getattr(p.data, f) not in (None, "")}  # what the file filled in
        p.changes = {f: getattr(p.data, f) for f in given - {"name"} if getattr(b, f) != getattr(p.data, f)}
        p.needs_entitlement = b.id not in entitled
        p.status = "updated" if p.changes or p.needs_entitlement else "unchanged"

    # --- writing ------------------------------------------------------------------------------
    def write(self, session, plan: Plan, username: str) -> None:
        with importing.large_cache(session):
            self._write(session, plan.payload, username)

    def _write(self, session, rows: list[PersonRow], username: str) -> None:
        new = [p for p in rows if p.status == "new"]
        ids = importing.insert_rows(session, Beneficiary, _PERSON_KEYS, [
            _person_row(p.data, u) for p, u in zip(new, importing.new_uuids(len(new)))], username,
            constants={"status": "active", "status_date": None})
        for p, i in zip(new, ids):
            p.existing_id = i
        changed = [p for p in rows if p.status == "updated" and p.changes]
        for keys in {tuple(sorted(p.changes)) for p in changed}:
            batch = [p for p in changed if tuple(sorted(p.changes)) == keys]
            importing.bulk_update(session, Beneficiary, [
                {"id": p.existing_id, **p.changes, **({"name_key": reg.name_key(p.data.name)} if "name" in keys else {}),
                 **({"no_nik_reason": None} if "nik" in keys else {})} for p in batch], username)
        entitle = [p for p in rows if p.needs_entitlement]
        importing.insert_rows(session, SpmEntitlement, ("beneficiary_id", "start_date", "uuid"), [
            (p.existing_id, p.start.isoformat(), u) for p, u in zip(entitle, importing.new_uuids(len(entitle)))],
            username, constants={"service": self.service, "year": self.year})


# A new person is active (status, status_date: constants of the insert). Fields stored as
# they are come first (one C-level attrgetter per row), then the derived ones.
_STORED_AS_IS = ("nik", "no_nik_reason", "kk", "name", "sex", "birth_place", "kecamatan_code", "desa", "rt", "rw",
                 "street", "dtks_id", "found_via", "institution", "notes")
_PERSON_KEYS = (*_STORED_AS_IS, "name_key", "birth_date", "uuid")
_stored_as_is = attrgetter(*_STORED_AS_IS)
assert set(_PERSON_KEYS) | {"status", "status_date"} == {f.name for f in fields(reg.PersonData)} | {"name_key", "uuid"}


def _person_row(d: reg.PersonData, uuid: str) -> tuple:
    """A checked person in storage form, in ``_PERSON_KEYS`` order.

    ``d.name`` is already single-spaced and trimmed, so its ``name_key`` is its lower case.
    """
    return (*_stored_as_is(d), d.name.lower(), d.birth_date.isoformat(), uuid)
