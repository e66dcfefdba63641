"""The year's allocations per RO: entering, editing, pagu revisions, RPD, indicators.

The rules live in ``validate`` so the form, the CLI and the Excel import refuse the same
things with the same words; ``save_all`` writes many allocations in one transaction.
"""
from __future__ import annotations

import datetime as _dt
from dataclasses import dataclass, field
from decimal import Decimal

from sqlalchemy import select

from kemensos_desk.core import formatting, regions
from kemensos_desk.core.dekon import AGGREGATIONS, POLARITIES, SOURCES, parse_ro_code
from kemensos_desk.core.errors import Problem, Refused
from kemensos_desk.core.i18n import Message
from kemensos_desk.store.base import utcnow
from kemensos_desk.store.models import Office
from kemensos_desk.store.models_dekon import (DekonAllocation, DekonIndicator, DekonKomponen,
                                              DekonPaguRevision, DekonRpd)
from kemensos_desk.services.auth import Actor
from kemensos_desk.services.dekon import common, reference
from kemensos_desk.services.workspace import Workspace


@dataclass
class IndicatorInput:
    name: str
    unit: str
    target: Decimal
    polarity: str = "higher"
    aggregation: str = "sum"


@dataclass
class KomponenInput:
    code: str
    name: str
    pagu: int = 0


@dataclass
class AllocationInput:
    year: int
    source: str
    program: str
    kegiatan: str
    kro: str
    ro_code: str
    name: str
    target_volume: int
    unit: str
    pagu: int
    kabkota_code: str | None = None
    kecamatan_code: str | None = None
    rpd: dict[int, int] = field(default_factory=dict)
    indicators: list[IndicatorInput] = field(default_factory=list)
    komponen: list[KomponenInput] = field(default_factory=list)
    notes: str | None = None


def _p(problems: list[Problem], name: str, value, text: str, /, **params) -> None:
    problems.append(Problem(name, Message(text, **params), value=None if value is None else str(value)))


def _check_location(office: Office, d: AllocationInput, problems: list[Problem]) -> None:
    if d.kabkota_code:
        reg = regions.get(d.kabkota_code)
        if reg is None or reg.level not in ("kabupaten", "kota"):
            _p(problems, "kabkota_code", d.kabkota_code, "Kode kabupaten/kota '{code}' tidak ada dalam daftar Kemendagri.",
               code=d.kabkota_code)
        elif not (reg.code == office.region_code or reg.parent == office.region_code):
            _p(problems, "kabkota_code", d.kabkota_code, "{name} di luar wilayah kantor.", name=reg.name)
    if d.kecamatan_code:
        kec = regions.get(d.kecamatan_code)
        kab = regions.normalize_code(d.kabkota_code) if d.kabkota_code and regions.get(d.kabkota_code) else None
        if kec is None or kec.level != "kecamatan":
            _p(problems, "kecamatan_code", d.kecamatan_code, "Kode kecamatan '{code}' tidak ada dalam daftar Kemendagri.",
               code=d.kecamatan_code)
        elif not kec.code.startswith(office.region_code + "."):
            _p(problems, "kecamatan_code", d.kecamatan_code, "Kecamatan {name} di luar wilayah kantor.", name=kec.name)
        elif kab and kec.parent != kab:
            _p(problems, "kecamatan_code", d.kecamatan_code, "Kecamatan {name} tidak berada di kabupaten/kota {kab}.",
               name=kec.name, kab=kab)


def validate(office: Office, d: AllocationInput) -> list[Problem]:
    """Every reason to refuse ``d``; empty when it may be saved."""
    problems: list[Problem] = []
    if d.source not in SOURCES:
        _p(problems, "source", d.source, "Sumber dana harus DK (dekonsentrasi) atau TP (tugas pembantuan).")
    elif d.source == "DK" and office.level != "provinsi":
        _p(problems, "source", d.source, "Dana dekonsentrasi (DK) hanya dikelola dinas sosial provinsi.")
    if not (d.program or "").strip():
        _p(problems, "program", d.program, "Program wajib diisi.")
    if not (d.kegiatan or "").isdigit() or len(d.kegiatan or "") != 4:
        _p(problems, "kegiatan", d.kegiatan, "Kode kegiatan harus 4 angka, mis. 6288.")
    if not (d.kro or "").isalpha() or len(d.kro or "") != 3 or not d.kro.isupper():
        _p(problems, "kro", d.kro, "Kode KRO harus 3 huruf besar, mis. QDB.")
    parts = parse_ro_code(d.ro_code or "")
    if parts is None or d.ro_code != d.ro_code.strip().upper():
        _p(problems, "ro_code", d.ro_code, "Kode RO harus seperti 6288.QDB.001 (kegiatan.KRO.nomor).")
    elif (parts[0], parts[1]) != (d.kegiatan, d.kro):
        _p(problems, "ro_code", d.ro_code, "Kode RO {ro} tidak sesuai dengan kegiatan {kegiatan} dan KRO {kro}.",
           ro=d.ro_code, kegiatan=d.kegiatan, kro=d.kro)
    if not (d.name or "").strip():
        _p(problems, "name", d.name, "Uraian RO wajib diisi.")
    if isinstance(d.target_volume, bool) or not isinstance(d.target_volume, int) or d.target_volume <= 0:
        _p(problems, "target_volume", d.target_volume, "Target volume harus bilangan bulat lebih dari 0.")
    if d.unit not in reference.units():
        _p(problems, "unit", d.unit, "Satuan '{unit}' tidak dikenal; pilih salah satu: {units}.",
           unit=d.unit, units=", ".join(reference.units()))
    if isinstance(d.pagu, bool) or not isinstance(d.pagu, int) or d.pagu < 0:
        _p(problems, "pagu", d.pagu, "Pagu harus bilangan bulat rupiah, tidak negatif.")
    else:
        for month, amount in sorted(d.rpd.items()):
            if not isinstance(month, int) or not 1 <= month <= 12:
                _p(problems, "rpd", month, "Bulan RPD {month} di luar tahun anggaran.", month=month)
            elif not isinstance(amount, int) or amount < 0:
                _p(problems, f"rpd_{month}", amount, "RPD {month} harus bilangan bulat rupiah, tidak negatif.",
                   month=formatting.nama_bulan(month))
        if all(isinstance(a, int) for a in d.rpd.values()) and sum(d.rpd.values()) > d.pagu:
            _p(problems, "rpd", sum(d.rpd.values()), "Jumlah RPD {total} melebihi pagu {pagu}.",
               total=formatting.rupiah(sum(d.rpd.values())), pagu=formatting.rupiah(d.pagu))
        if sum(k.pagu for k in d.komponen) > d.pagu:
            _p(problems, "komponen", None, "Jumlah pagu komponen melebihi pagu RO.")
    for ind in d.indicators:
        if not (ind.name or "").strip():
            _p(problems, "indicator_name", ind.name, "Nama indikator wajib diisi.")
        if not isinstance(ind.target, Decimal) or ind.target <= 0:
            _p(problems, "indicator_target", ind.target, "Target indikator harus angka lebih dari 0.")
        if ind.polarity not in POLARITIES:
            _p(problems, "indicator_polarity", ind.polarity, "Polaritas indikator harus 'higher' (makin tinggi makin baik) "
                                                             "atau 'lower' (makin rendah makin baik).")
        if ind.aggregation not in AGGREGATIONS:
            _p(problems, "indicator_aggregation", ind.aggregation, "Agregasi indikator harus 'sum' atau 'last'.")
    _check_location(office, d, problems)
    return problems


def _apply(s, row: DekonAllocation, d: AllocationInput) -> None:
    row.year, row.source, row.program, row.kegiatan, row.kro = d.year, d.source, d.program.strip(), d.kegiatan, d.kro
    row.ro_code, row.name, row.target_volume, row.unit, row.pagu = d.ro_code, d.name.strip(), d.target_volume, d.unit, d.pagu
    row.kabkota_code = regions.normalize_code(d.kabkota_code) if d.kabkota_code else None
    row.kecamatan_code = regions.normalize_code(d.kecamatan_code) if d.kecamatan_code else None
    row.notes = d.notes
    s.flush()
    _replace_children(s, row, d)


def _replace_children(s, row: DekonAllocation, d: AllocationInput) -> None:
    now = utcnow()
    rpd = {r.month: r for r in s.scalars(select(DekonRpd).where(DekonRpd.allocation_id == row.id, DekonRpd.deleted_at.is_(None)))}
    for month in range(1, 13):
        amount = d.rpd.get(month, 0)
        if month in rpd:
            rpd[month].amount = amount
        elif amount:
            s.add(DekonRpd(allocation_id=row.id, month=month, amount=amount))
    inds = {i.name: i for i in s.scalars(select(DekonIndicator).where(
        DekonIndicator.allocation_id == row.id, DekonIndicator.deleted_at.is_(None)))}
    for ind in d.indicators:
        target = inds.pop(ind.name.strip(), None) or DekonIndicator(allocation_id=row.id, name=ind.name.strip())
        target.unit, target.target, target.polarity, target.aggregation = ind.unit, ind.target, ind.polarity, ind.aggregation
        s.add(target)
    for gone in inds.values():
        gone.deleted_at = now
    komps = {k.code: k for k in s.scalars(select(DekonKomponen).where(
        DekonKomponen.allocation_id == row.id, DekonKomponen.deleted_at.is_(None)))}
    for k in d.komponen:
        target = komps.pop(k.code, None) or DekonKomponen(allocation_id=row.id, code=k.code)
        target.name, target.pagu = k.name, k.pagu
        s.add(target)
    for gone in komps.values():
        gone.deleted_at = now


def existing_codes(s, year: int) -> dict[str, DekonAllocation]:
    return {a.ro_code: a for a in common.allocations(s, year)}


def save_all_in(s, items: list[AllocationInput]) -> tuple[int, int]:
    """Create or update (by year and RO code) inside the caller's unit of work; (new, updated)."""
    new = updated = 0
    office = common.office(s)
    problems = [p for d in items for p in validate(office, d)]
    if problems:
        raise Refused("Data alokasi belum benar.", problems=problems)
    for d in items:
        existing = existing_codes(s, d.year).get(d.ro_code)
        if existing is not None and common.approved_quarters(s, d.year) and (
                existing.pagu != d.pagu or existing.target_volume != d.target_volume):
            raise Refused("Sudah ada triwulan {year} yang disetujui: pagu dan target RO {ro} tidak dapat diubah. "
                          "Catat perubahan pagu sebagai revisi pagu bertanggal.", year=d.year, ro=d.ro_code)
        row = existing or DekonAllocation()
        if existing is None:
            s.add(row)
            new += 1
        else:
            updated += 1
        _apply(s, row, d)
    return new, updated


def save(ws: Workspace, actor: Actor, d: AllocationInput) -> None:
    actor.require("data.edit")
    common.check_year(d.year)
    with ws.store.session(actor.username) as s:
        save_all_in(s, [d])


def delete(ws: Workspace, actor: Actor, year: int, ro_code: str) -> None:
    actor.require("data.edit")
    with ws.store.session(actor.username) as s:
        row = common.allocation(s, year, ro_code)
        if common.approved_quarters(s, year):
            raise Refused("Sudah ada triwulan {year} yang disetujui; RO {ro} tidak dapat dihapus.", year=year, ro=row.ro_code)
        row.deleted_at = utcnow()


def revise_pagu(ws: Workspace, actor: Actor, year: int, ro_code: str, effective: _dt.date, pagu: int,
                reason: str | None = None) -> None:
    """Record a dated pagu revision; quarters ending before it keep the pagu they had."""
    actor.require("data.edit")
    common.whole_rupiah(pagu, "Pagu")
    if effective.year != year:
        raise Refused("Tanggal revisi {date} di luar tahun anggaran {year}.", date=formatting.tanggal(effective), year=year)
    with ws.store.session(actor.username) as s:
        row = common.allocation(s, year, ro_code)
        common.ensure_open(s, year, effective.month)
        from kemensos_desk.services.dekon import summary  # late: summary imports this module's neighbours

        spent = summary.spent_total(s, row.id)
        if pagu < spent:
            raise Refused("Pagu baru {pagu} lebih kecil dari realisasi yang sudah dicatat ({spent}).",
                          pagu=formatting.rupiah(pagu), spent=formatting.rupiah(spent))
        s.add(DekonPaguRevision(allocation_id=row.id, effective_date=effective, pagu=pagu, reason=reason))


def list_allocations(ws: Workspace, year: int) -> list[DekonAllocation]:
    with ws.store.session() as s:
        return common.allocations(s, year)


def indicators_of(s, allocation_id: int) -> list[DekonIndicator]:
    return list(s.scalars(select(DekonIndicator).where(
        DekonIndicator.allocation_id == allocation_id, DekonIndicator.deleted_at.is_(None)).order_by(DekonIndicator.id)))


def pagu_revisions(ws: Workspace, year: int, ro_code: str) -> list[dict]:
    """The pagu history of an RO: the original pagu, then every dated revision in order."""
    with ws.store.session() as s:
        row = common.allocation(s, year, ro_code)
        revs = s.scalars(select(DekonPaguRevision).where(
            DekonPaguRevision.allocation_id == row.id, DekonPaguRevision.deleted_at.is_(None))
            .order_by(DekonPaguRevision.effective_date, DekonPaguRevision.id))
        return [{"effective_date": None, "pagu": row.pagu, "reason": None, "by": row.created_by}] + [
            {"effective_date": r.effective_date, "pagu": r.pagu, "reason": r.reason, "by": r.created_by} for r in revs]


def input_of(ws: Workspace, year: int, ro_code: str) -> AllocationInput:
    """A saved allocation as the form's input, for editing."""
    with ws.store.session() as s:
        a = common.allocation(s, year, ro_code)
        rpd = {r.month: r.amount for r in s.scalars(select(DekonRpd).where(
            DekonRpd.allocation_id == a.id, DekonRpd.deleted_at.is_(None))) if r.amount}
        inds = [IndicatorInput(i.name, i.unit, Decimal(i.target), i.polarity, i.aggregation) for i in indicators_of(s, a.id)]
        komps = [KomponenInput(k.code, k.name, k.pagu) for k in s.scalars(select(DekonKomponen).where(
            DekonKomponen.allocation_id == a.id, DekonKomponen.deleted_at.is_(None)).order_by(DekonKomponen.code))]
        return AllocationInput(a.year, a.source, a.program, a.kegiatan, a.kro, a.ro_code, a.name, a.target_volume, a.unit,
                               a.pagu, a.kabkota_code, a.kecamatan_code, rpd, inds, komps, a.notes)


def pagu_at_year_end(ws: Workspace, year: int) -> dict[str, int]:
    """RO code → the pagu in force at the end of the year (after every dated revision)."""
    from kemensos_desk.core.dekon import pagu_in_force
    from kemensos_desk.services.dekon import summary  # late: summary imports this module's neighbours

    with ws.store.session() as s:
        return {a.ro_code: pagu_in_force(a.pagu, summary.revisions_of(s, a.id), _dt.date(year, 12, 31))
                for a in common.allocations(s, year)}
