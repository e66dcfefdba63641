"""Reading the register for a screen of a million rows: a count, then rows by page.

The GUI's lazy table model asks ``count_persons`` once per filter (capped for a search: it
stops after 1,001 matches) and ``person_rows`` with an offset for each page of rows in
view: it never holds a million ids. ``person_ids`` + ``rows_by_ids`` serve the reports and
the CLI. Search answers while typing: digits search the NIK prefix (in NIK order, on the
NIK index), letters the lower-case name prefix (on the partial ``(name_key, id)`` index of
live rows): range scans, no LIKE.
"""
from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import and_, distinct, exists, func, literal_column, select

from kemensos_desk.core import regions
from kemensos_desk.store.models_spm import Beneficiary, SpmEntitlement
from kemensos_desk.services.spm.register import name_key

# Larger than any character of a name: the upper bound of a prefix range.
_TOP = "\U0010ffff"


@dataclass
class RegisterFilter:
    text: str = ""  # NIK prefix (digits) or name prefix
    service: str | None = None
    year: int | None = None
    kecamatan_code: str | None = None
    status: str | None = None
    no_nik: bool = False

    def is_whole_register(self) -> bool:
        """No search and no filter: every live person."""
        return not ((self.text or "").strip() or self.service or self.year or self.kecamatan_code or self.status
                    or self.no_nik)


def _where(f: RegisterFilter):
    conds = [Beneficiary.deleted_at.is_(None)]
    text = (f.text or "").strip()
    digits = text.replace(" ", "")
    if digits.isdigit():
        conds += [Beneficiary.nik >= digits, Beneficiary.nik < digits + ":"]
    elif text:
        key = name_key(text)
        conds += [Beneficiary.name_key >= key, Beneficiary.name_key < key + _TOP]
    if f.kecamatan_code:
        conds.append(Beneficiary.kecamatan_code == f.kecamatan_code)
    if f.status:
        conds.append(Beneficiary.status == f.status)
    if f.no_nik:
        conds.append(Beneficiary.nik.is_(None))
    if f.service or f.year:
        sub = [SpmEntitlement.beneficiary_id == Beneficiary.id, SpmEntitlement.deleted_at.is_(None)]
        if f.service:
            sub.append(SpmEntitlement.service == f.service)
        if f.year:
            sub.append(SpmEntitlement.year == f.year)
        conds.append(exists().where(and_(*sub)))
    return conds


def _order(f: RegisterFilter):
    # A NIK prefix is answered from the NIK index in NIK order; sorting its matches by
    # name would read them all first (the first digits match nearly everyone).
    if (f.text or "").replace(" ", "").isdigit():
        return (Beneficiary.nik, Beneficiary.id)
    return (Beneficiary.name_key, Beneficiary.id)


def count_persons(session, f: RegisterFilter | None = None, limit: int | None = None, offset: int = 0) -> int:
    """How many people match ``f``; with ``limit``, counting stops there (and starts after
    ``offset``): the screen needs "more than 1,000", not a count of the whole million."""
    f = f or RegisterFilter()
    if limit is None:
        conds = _where(f)
        if f.is_whole_register():
            # An always-true range lets SQLite count the partial (name_key, id) index of live
            # rows instead of reading the whole table for ``deleted_at`` (4x faster).
            conds.append(Beneficiary.name_key >= "")
        return session.scalar(select(func.count()).select_from(Beneficiary).where(*conds))
    # No ORDER BY: how many rows lie past the offset does not depend on their order,
    # and SQLite stops reading after ``limit`` index entries.
    sub = select(literal_column("1")).select_from(Beneficiary).where(*_where(f)).limit(limit).offset(offset)
    return session.scalar(select(func.count()).select_from(sub.subquery()))


def person_ids(session, f: RegisterFilter | None = None, limit: int | None = None, offset: int = 0) -> list[int]:
    """Ids in register order (name then id; NIK order for a NIK search), a page at a time."""
    f = f or RegisterFilter()
    q = select(Beneficiary.id).where(*_where(f)).order_by(*_order(f))
    if limit:
        q = q.limit(limit).offset(offset)
    return list(session.scalars(q))


COLUMNS = ("id", "nik", "no_nik_reason", "kk", "name", "sex", "birth_place", "birth_date", "kecamatan_code",
           "desa", "rt", "rw", "street", "dtks_id", "found_via", "institution", "notes", "status", "status_date")


def _kecamatan_name(code: str) -> str:
    r = regions.get(code)
    return r.name if r else code


def rows_by_ids(session, ids: list[int]) -> list[dict]:
    """The rows of ``ids``, in that order (missing ids are skipped)."""
    if not ids:
        return []
    cols = [getattr(Beneficiary, c) for c in COLUMNS]
    found = {}
    for chunk in range(0, len(ids), 500):  # SQLite's bound-parameter limit
        part = ids[chunk:chunk + 500]
        for row in session.execute(select(*cols).where(Beneficiary.id.in_(part))):
            d = dict(zip(COLUMNS, row))
            d["kecamatan"] = _kecamatan_name(d["kecamatan_code"])
            found[d["id"]] = d
    services = {}
    for chunk in range(0, len(ids), 500):
        part = ids[chunk:chunk + 500]
        for bid, code in session.execute(select(SpmEntitlement.beneficiary_id, SpmEntitlement.service).where(
                SpmEntitlement.beneficiary_id.in_(part), SpmEntitlement.deleted_at.is_(None)).distinct()):
            services.setdefault(bid, set()).add(code)
    out = []
    for i in ids:
        if i in found:
            found[i]["services"] = sorted(services.get(i, ()))
            out.append(found[i])
    return out


def person_rows(session, f: RegisterFilter | None = None, limit: int = 100, offset: int = 0) -> list[dict]:
    """A page of rows in register order, as ``rows_by_ids(person_ids(...))`` gives them, read
    in one statement: the table model's page while the user types."""
    f = f or RegisterFilter()
    services = select(func.group_concat(distinct(SpmEntitlement.service))).where(
        SpmEntitlement.beneficiary_id == Beneficiary.id, SpmEntitlement.deleted_at.is_(None)).scalar_subquery()
    q = (select(*[getattr(Beneficiary, c) for c in COLUMNS], services).where(*_where(f)).order_by(*_order(f))
         .limit(limit).offset(offset))
    out = []
    # Core on the session's connection: no ORM row processing for plain columns.
    for row in session.connection().execute(q):
        d = dict(zip(COLUMNS, row))
        d["kecamatan"] = _kecamatan_name(d["kecamatan_code"])
        d["services"] = sorted(row[-1].split(",")) if row[-1] else []
        out.append(d)
    return out


def search(session, text: str, limit: int = 20) -> list[dict]:
    """Search-as-you-type: the first ``limit`` people whose NIK or name starts with ``text``."""
    return rows_by_ids(session, person_ids(session, RegisterFilter(text=text), limit=limit))
