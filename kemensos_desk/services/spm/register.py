"""The beneficiary register (*pengumpulan data*): validate, add, update, entitle.

Session-level functions (``validate_person``, ``add_person``, ``update_person``,
``entitle``) work inside the caller's unit of work so the Excel import can write all
its rows in one transaction; ``create_person`` / ``edit_person`` are the one-person
use-cases of the form and the CLI.
"""
from __future__ import annotations

import datetime as _dt
import functools
import re
from dataclasses import dataclass, field, fields

from sqlalchemy import select

from kemensos_desk.core.text import control_problem
from kemensos_desk.core import formatting, regions
from kemensos_desk.core import nik as nik_rules
from kemensos_desk.core.errors import Problem, Refused
from kemensos_desk.core.i18n import Message
from kemensos_desk.store.models_spm import Beneficiary, SpmEntitlement
from kemensos_desk.services.auth import Actor
from kemensos_desk.services.spm import common, reference
from kemensos_desk.services.workspace import Workspace

STATUSES = ("active", "moved", "died")
SEXES = {"l": "L", "p": "P", "laki-laki": "L", "laki laki": "L", "lk": "L", "pr": "P", "perempuan": "P",
         "wanita": "P", "pria": "L"}


@dataclass
class PersonData:
    """One person as typed in the form, the CLI or a spreadsheet row (strings are trimmed)."""

    name: str = ""
    sex: str = ""
    birth_date: _dt.date | None = None
    kecamatan_code: str = ""
    nik: str | None = None
    no_nik_reason: str | None = None
    kk: str | None = None
    birth_place: str | None = None
    desa: str | None = None
    rt: str | None = None
    rw: str | None = None
    street: str | None = None
    dtks_id: str | None = None
    found_via: str | None = None
    institution: str | None = None
    notes: str | None = None
    status: str = "active"
    status_date: _dt.date | None = None


@dataclass
class Checked:
    data: PersonData
    problems: list[Problem] = field(default_factory=list)
    warnings: list[Message] = field(default_factory=list)
    notes: list[Message] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.problems


def name_key(name: str) -> str:
    """Lower-case, single-spaced: what the name index holds and prefix search compares."""
    return re.sub(r"\s+", " ", (name or "").strip()).lower()


def _blank(value) -> str | None:
    # split/join folds every run of white space and trims: the same as a regex, faster
    text = " ".join(str(value).split()) if value is not None else ""
    return text or None


@functools.lru_cache(maxsize=1)
def _person_fields():
    return fields(PersonData)  # dataclasses.fields() rebuilds its tuple on every call


def normalise(data: PersonData) -> PersonData:
    out = PersonData(**{f.name: getattr(data, f.name) for f in _person_fields()})
    for f in _person_fields():
        value = getattr(out, f.name)
        if isinstance(value, str):
            setattr(out, f.name, _blank(value))
    out.name = out.name or ""
    out.sex = SEXES.get((out.sex or "").lower(), out.sex or "")
    out.nik = nik_rules.clean(out.nik) or None
    out.kk = nik_rules.clean(out.kk) or None
    out.status = (out.status or "active").lower()
    if out.nik:
        out.no_nik_reason = None
    if out.kecamatan_code:
        try:
            out.kecamatan_code = regions.normalize_code(out.kecamatan_code)
        except ValueError:
            pass
    return out


def validate_person(data: PersonData, office_region: str, *, today: _dt.date | None = None) -> Checked:
    """Every field rule of the register; NIK rules from ``core.nik`` (duplicates: see ``add_person``)."""
    today = today or _dt.date.today()
    d = normalise(data)
    res = Checked(d)

    def bad(field_name: str, text: str, value=None, **params) -> None:
        res.problems.append(Problem(field_name, Message(text, **params), value=None if value is None else str(value)))

    if not d.name:
        bad("name", "Nama wajib diisi.")
    elif len(d.name) > 120:
        bad("name", "Nama terlalu panjang (paling banyak 120 huruf).", d.name)
    if d.sex not in ("L", "P"):
        bad("sex", "Jenis kelamin harus L (laki-laki) atau P (perempuan).", d.sex)
    if d.birth_date is None:
        bad("birth_date", "Tanggal lahir wajib diisi.")
    elif not _dt.date(1900, 1, 1) <= d.birth_date <= today:
        bad("birth_date", "Tanggal lahir {date} tidak masuk akal.", d.birth_date, date=formatting.tanggal(d.birth_date))
    kec = regions.get(d.kecamatan_code) if d.kecamatan_code else None
    if not d.kecamatan_code:
        bad("kecamatan_code", "Kecamatan wajib diisi.")
    elif kec is None or kec.level != "kecamatan":
        bad("kecamatan_code", "Kecamatan {code} tidak ada dalam daftar Kemendagri.", d.kecamatan_code, code=d.kecamatan_code)
    elif not kec.code.startswith(office_region + "."):
        bad("kecamatan_code", "Kecamatan {name} ({code}) bukan bagian dari wilayah kantor.", d.kecamatan_code,
            name=kec.name, code=kec.code)
    if d.nik:
        check = nik_rules.check_nik(d.nik, sex=d.sex if d.sex in ("L", "P") else None, birth_date=d.birth_date,
                                    office_region=office_region, today=today)
        for m in check.errors:
            res.problems.append(Problem("nik", m, value=d.nik))
        res.warnings += check.warnings
        res.notes += check.notes
    elif not d.no_nik_reason:
        bad("nik", "Isi NIK, atau pilih alasan bila orang ini tidak memiliki NIK.")
    elif d.no_nik_reason not in reference.choices()["no_nik_reasons"]:
        bad("no_nik_reason", "Alasan tanpa NIK '{value}' tidak dikenal.", d.no_nik_reason, value=d.no_nik_reason)
    if d.kk:
        kk = nik_rules.check_kk(d.kk, office_region=office_region)
        for m in kk.errors:
            res.problems.append(Problem("kk", m, value=d.kk))
        res.warnings += kk.warnings
    if d.found_via and d.found_via.lower() not in reference.choices()["found_via"]:
        bad("found_via", "Cara ditemukan '{value}' tidak dikenal (dtks, asesmen, rujukan, penjangkauan).", d.found_via,
            value=d.found_via)
    elif d.found_via:
        d.found_via = d.found_via.lower()
    for part in ("rt", "rw"):
        value = getattr(d, part)
        if value and not (value.isdigit() and len(value) <= 3):
            bad(part, "{part} harus angka, paling banyak 3 digit.", value, part=part.upper())
    if d.status not in STATUSES:
        bad("status", "Status '{value}' tidak dikenal (active, moved, died).", d.status, value=d.status)
    elif d.status != "active" and d.status_date is None:
        bad("status_date", "Tanggal pindah/meninggal wajib diisi.")
    elif d.status == "active":
        d.status_date = None
    for field_name, label, multiline in _FREE_TEXT:
        problem = control_problem(label, getattr(d, field_name), multiline=multiline)
        if problem:
            res.problems.append(Problem(field_name, problem))
    return res


# The person's free texts, checked for control characters (ESC, BEL, RTL override).
_FREE_TEXT = (("name", "Nama", False), ("birth_place", "Tempat lahir", False), ("desa", "Desa/kelurahan", False),
              ("street", "Alamat", False), ("dtks_id", "ID DTKS", False), ("institution", "Lembaga", False),
              ("notes", "Catatan", True))


def find_by_nik(session, nik: str) -> Beneficiary | None:
    return session.scalars(select(Beneficiary).where(
        Beneficiary.nik == nik_rules.clean(nik), Beneficiary.deleted_at.is_(None))).first()


def duplicate_refusal(existing: Beneficiary) -> Refused:
    exc = Refused("NIK {nik} sudah terdaftar atas nama {name} (lahir {born}).", problems=[Problem(
        "nik", Message("NIK {nik} sudah terdaftar atas nama {name} (lahir {born}).", nik=existing.nik,
                       name=existing.name, born=formatting.tanggal(existing.birth_date)), value=existing.nik)],
        nik=existing.nik, name=existing.name, born=formatting.tanggal(existing.birth_date))
    exc.existing_id = existing.id  # the form opens the person already registered
    return exc


def _apply(b: Beneficiary, d: PersonData) -> None:
    for f in fields(PersonData):
        setattr(b, f.name, getattr(d, f.name))
    b.name_key = name_key(d.name)


def _checked(session, data: PersonData) -> Checked:
    res = validate_person(data, common.office(session).region_code)
    if not res.ok:
        raise Refused("Data penerima belum benar.", problems=res.problems)
    return res


def add_person(session, data: PersonData) -> Beneficiary:
    """Insert a person (NIK duplicate refused, naming the person registered)."""
    d = _checked(session, data).data
    if d.nik:
        existing = find_by_nik(session, d.nik)
        if existing is not None:
            raise duplicate_refusal(existing)
    b = Beneficiary()
    _apply(b, d)
    session.add(b)
    session.flush()
    return b


def update_person(session, b: Beneficiary, data: PersonData) -> Beneficiary:
    """Change a person's data; adding a NIK later keeps the record (the audit log keeps the old values)."""
    d = _checked(session, data).data
    if d.nik:
        existing = find_by_nik(session, d.nik)
        if existing is not None and existing.id != b.id:
            raise duplicate_refusal(existing)
    _apply(b, d)
    session.flush()
    return b


def get_person(session, person_id: int) -> Beneficiary:
    b = session.get(Beneficiary, person_id)
    if b is None or b.deleted_at is not None:
        raise Refused("Penerima dengan id {id} tidak ada.", id=person_id)
    return b


def entitle(session, b: Beneficiary, service_code: str, year: int, start_date: _dt.date | None = None) -> SpmEntitlement:
    """Register the person for a service in a year (idempotent; a later call may move the start).

    Only a new entitlement or a changed start date is a write dated in a quarter, so only
    those are refused in an approved (locked) quarter.
    """
    svc = common.service(session, service_code)
    if svc.is_disaster:
        raise Refused("Korban bencana dicatat per kejadian bencana, bukan sebagai hak layanan perorangan.")
    start = start_date or _dt.date(year, 1, 1)
    if start.year != year:
        raise Refused("Tanggal mulai {date} bukan dalam tahun {year}.", date=formatting.tanggal(start), year=year)
    ent = session.scalars(select(SpmEntitlement).where(
        SpmEntitlement.beneficiary_id == b.id, SpmEntitlement.service == service_code,
        SpmEntitlement.year == year, SpmEntitlement.deleted_at.is_(None))).first()
    if ent is None:
        common.ensure_open(session, start)
        ent = SpmEntitlement(beneficiary_id=b.id, service=service_code, year=year, start_date=start)
        session.add(ent)
    elif start_date and ent.start_date != start_date:
        common.ensure_open(session, min(start_date, ent.start_date))
        ent.start_date = start_date
    return ent


def entitlements(session, person_id: int) -> list[dict]:
    rows = session.scalars(select(SpmEntitlement).where(
        SpmEntitlement.beneficiary_id == person_id, SpmEntitlement.deleted_at.is_(None)
    ).order_by(SpmEntitlement.year, SpmEntitlement.service)).all()
    return [{"service": e.service, "year": e.year, "start_date": e.start_date} for e in rows]


def create_person(ws: Workspace, actor: Actor, data: PersonData, services: list[str] = (),
                  year: int | None = None, start_date: _dt.date | None = None) -> int:
    """The form's and the CLI's "add": the person and his services in one transaction."""
    actor.require("data.edit")
    with ws.store.session(actor.username) as s:
        b = add_person(s, data)
        for code in services:
            entitle(s, b, code, year or (start_date or _dt.date.today()).year, start_date)
        return b.id


def edit_person(ws: Workspace, actor: Actor, person_id: int, data: PersonData) -> None:
    actor.require("data.edit")
    with ws.store.session(actor.username) as s:
        update_person(s, get_person(s, person_id), data)


def set_status(ws: Workspace, actor: Actor, person_id: int, status: str, status_date: _dt.date | None) -> None:
    """A person's life goes on: moved away or died (with the date), or active again."""
    actor.require("data.edit")
    if status not in STATUSES:
        raise Refused("Status '{value}' tidak dikenal (active, moved, died).", value=status)
    if status != "active" and status_date is None:
        raise Refused("Tanggal pindah/meninggal wajib diisi.")
    with ws.store.session(actor.username) as s:
        b = get_person(s, person_id)
        b.status = status
        b.status_date = status_date if status != "active" else None


def delete_person(ws: Workspace, actor: Actor, person_id: int) -> None:
    """Tombstone (never a real delete: the ministry's copy must learn of it)."""
    actor.require("data.edit")
    from kemensos_desk.store.base import utcnow

    with ws.store.session(actor.username) as s:
        get_person(s, person_id).deleted_at = utcnow()


def person_data(b: Beneficiary) -> PersonData:
    return PersonData(**{f.name: getattr(b, f.name) for f in fields(PersonData)})
