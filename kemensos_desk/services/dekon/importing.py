"""Allocation import (``dekon import``): parse the workbook, check every row, preview
``{new, updated, refused: [{row, column, value, reason}]}``, then write all or nothing.

The generic engine (``services/importing.py``) reads one sheet; an allocation workbook has
three (Alokasi, Indikator, Komponen), so this module reads them with the engine's shared
reader and answers in the engine's JSON shape and exit codes (same as ``spm import``).
"""
from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from pathlib import Path

from kemensos_desk.core import formatting
from kemensos_desk.core.errors import Problem, Refused
from kemensos_desk.core.i18n import Message
from kemensos_desk.services.auth import Actor
from kemensos_desk.services.dekon import allocations, common, layout
from kemensos_desk.services.dekon.allocations import AllocationInput, IndicatorInput, KomponenInput
from kemensos_desk.services.workspace import Workspace


@dataclass
class ImportResult:
    new: int = 0
    updated: int = 0
    refused: list[dict] = field(default_factory=list)
    written: bool = False
    dry_run: bool = False
    rows: int = 0
    file: str = ""

    @property
    def exit_code(self) -> int:
        return 1 if self.refused else 0

    def as_json(self) -> dict:
        """The keys of the engine's answer (``spm import``): new, updated, refused and the rest."""
        return {"new": self.new, "updated": self.updated, "unchanged": 0, "refused": self.refused,
                "refused_rows": len({r["row"] for r in self.refused}), "warnings": [], "rows": self.rows,
                "written": self.written, "dry_run": self.dry_run, "file": self.file, "sheet": layout.SHEET_ALLOCATION}


class _Bad(Exception):
    def __init__(self, reason: Message):
        self.reason = reason


def read_sheets(path: Path) -> dict[str, list[tuple]]:
    """Every sheet's rows, through the shared reader of the import engine (calamine or openpyxl)."""
    from kemensos_desk.services.importing_read import read_sheets as shared_read

    return {name: [tuple(r) for r in rows] for name, rows in shared_read(path)}


def _norm(text) -> str:
    return " ".join(str(text or "").replace("\n", " ").split()).lower()


def _find_header(rows: list[tuple], columns) -> tuple[int, dict[str, int]] | None:
    """The header row (within the first 15) and the column index of each field found."""
    names = {}
    for f, header, alts, _w in columns:
        for n in [header, *alts]:
            names[_norm(n)] = f
    for r, row in enumerate(rows[:15]):
        found = {}
        for c, cell in enumerate(row):
            f = names.get(_norm(cell))
            if f and f not in found:
                found[f] = c
        if "ro_code" in found and len(found) >= 2:
            return r, found
    return None


def _text(v) -> str:
    if v is None:
        return ""
    if isinstance(v, float) and v.is_integer():
        v = int(v)
    return " ".join(str(v).split())


def _integer(v, what: str) -> int:
    if v is None or _text(v) == "":
        raise _Bad(Message("{what} wajib diisi.", what=what))
    if isinstance(v, bool):
        raise _Bad(Message("{what} harus angka.", what=what))
    try:
        d = formatting.to_decimal(v) if isinstance(v, (int, float)) else formatting.parse_angka(str(v))
    except (ValueError, InvalidOperation):
        raise _Bad(Message("{what} harus angka, bukan '{value}'.", what=what, value=_text(v))) from None
    if d != d.to_integral_value():
        raise _Bad(Message("{what} harus bilangan bulat (rupiah tanpa sen).", what=what))
    if d < 0:
        raise _Bad(Message("{what} tidak boleh negatif.", what=what))
    return int(d)


def _decimal(v, what: str) -> Decimal:
    if v is None or _text(v) == "":
        raise _Bad(Message("{what} wajib diisi.", what=what))
    try:
        return formatting.to_decimal(v) if isinstance(v, (int, float)) else formatting.parse_angka(str(v))
    except (ValueError, InvalidOperation):
        raise _Bad(Message("{what} harus angka, bukan '{value}'.", what=what, value=_text(v))) from None


def _blank(row: tuple) -> bool:
    return all(_text(c) == "" for c in row)


def _is_total(row: tuple, idx: dict[str, int]) -> bool:
    first = [_norm(c) for c in row[:6] if _text(c)]
    return bool(first) and first[0] in ("jumlah", "total", "jumlah total") and not _text(row[idx["ro_code"]] if idx["ro_code"] < len(row) else "")


class _Sheet:
    """One sheet's data rows with a refusal collector that names the row and column."""

    def __init__(self, name, rows, columns, refused, prefix):
        self.columns, self.refused, self.prefix = columns, refused, prefix
        found = _find_header(rows, columns) if rows is not None else None
        self.rows: list[tuple[int, dict]] = []
        if found is None:
            return
        head, idx = found
        for r, row in enumerate(rows[head + 1:], start=head + 2):
            if _blank(row) or _is_total(row, idx):
                continue
            self.rows.append((r, {f: (row[c] if c < len(row) else None) for f, c in idx.items()}))

    def refuse(self, row, field_name, value, reason: Message) -> None:
        column = layout.field_header(self.columns, field_name)
        self.refused.append({"row": row, "column": f"{self.prefix}{column}",
                             "value": None if value is None else _text(value), "reason": str(reason)})


def _read_allocation(sheet: _Sheet, r: int, cells: dict, year: int) -> tuple[AllocationInput, set[str]]:
    """The row as an allocation, and the fields already refused while reading their cells
    (the row is still checked on its other fields, so every problem is listed at once)."""
    failed: set[str] = set()
    values: dict = {}
    for f in ("source", "program", "kegiatan", "kro", "ro_code", "name", "unit", "kabkota_code", "kecamatan_code"):
        values[f] = _text(cells.get(f))
        if f in layout.REQUIRED and not values[f]:
            sheet.refuse(r, f, None, Message("Wajib diisi."))
            failed.add(f)
    values["source"], values["kro"], values["ro_code"] = (values["source"].upper(), values["kro"].upper(),
                                                          values["ro_code"].upper())
    values["unit"] = values["unit"].lower()
    for f, what in (("target_volume", "Target volume"), ("pagu", "Pagu")):
        try:
            values[f] = _integer(cells.get(f), what)
        except _Bad as bad:
            sheet.refuse(r, f, cells.get(f), bad.reason)
            failed.add(f)
            values[f] = None
    rpd = {}
    for m in range(1, 13):
        v = cells.get(f"rpd_{m}")
        if v is None or _text(v) == "":
            continue
        try:
            rpd[m] = _integer(v, f"RPD {formatting.nama_bulan(m, 'id')}")
        except _Bad as bad:
            sheet.refuse(r, f"rpd_{m}", v, bad.reason)
            failed.update({f"rpd_{m}", "rpd"})
    for f in ("kabkota_code", "kecamatan_code"):
        values[f] = values[f] or None
    return AllocationInput(year=year, rpd={m: a for m, a in rpd.items() if a}, **values), failed


def parse(path, year: int, office) -> tuple[list[tuple[int, AllocationInput]], list[dict], int]:
    """Rows of the workbook as allocations (with their sheet row), every refusal found, and the row count."""
    sheets = read_sheets(Path(path))
    by_name = {_norm(n): rows for n, rows in sheets.items()}
    refused: list[dict] = []
    alloc_rows = by_name.get(_norm(layout.SHEET_ALLOCATION))
    if alloc_rows is None:  # a workbook of the office's own: the first sheet with a "Kode RO" header
        alloc_rows = next((rows for rows in sheets.values() if _find_header(rows, layout.ALLOCATION_COLUMNS)), [])
    main = _Sheet(layout.SHEET_ALLOCATION, alloc_rows, layout.ALLOCATION_COLUMNS, refused, "")
    if not main.rows:
        raise Refused("Berkas {path} tidak berisi lembar alokasi dengan kolom 'Kode RO' dan baris data.", path=str(path))
    items: list[tuple[int, AllocationInput]] = []
    seen: dict[str, int] = {}
    failed: dict[str, set[str]] = {}
    for r, cells in main.rows:
        d, bad_fields = _read_allocation(main, r, cells, year)
        if not d.ro_code:
            continue
        if d.ro_code in seen:
            main.refuse(r, "ro_code", d.ro_code, Message("Kode RO {ro} sudah ada di baris {other}.", ro=d.ro_code,
                                                         other=seen[d.ro_code]))
            continue
        seen[d.ro_code] = r
        failed[d.ro_code] = bad_fields
        items.append((r, d))
    by_ro = {d.ro_code: d for _r, d in items}
    ind_rows: dict[str, list[int]] = {}
    ind = _Sheet(layout.SHEET_INDICATOR, by_name.get(_norm(layout.SHEET_INDICATOR)), layout.INDICATOR_COLUMNS,
                 refused, f"{layout.SHEET_INDICATOR}: ")
    for r, cells in ind.rows:
        ro = _text(cells.get("ro_code")).upper()
        if ro not in by_ro:
            if ro not in seen:
                ind.refuse(r, "ro_code", ro, Message("Kode RO {ro} tidak ada di lembar Alokasi.", ro=ro or "–"))
            continue
        try:
            target = _decimal(cells.get("indicator_target"), "Target indikator")
        except _Bad as bad:
            ind.refuse(r, "indicator_target", cells.get("indicator_target"), bad.reason)
            continue
        by_ro[ro].indicators.append(IndicatorInput(
            _text(cells.get("indicator_name")), _text(cells.get("indicator_unit")) or "-", target,
            _text(cells.get("indicator_polarity")).lower() or "higher",
            _text(cells.get("indicator_aggregation")).lower() or "sum"))
        ind_rows.setdefault(ro, []).append(r)
    komp = _Sheet(layout.SHEET_KOMPONEN, by_name.get(_norm(layout.SHEET_KOMPONEN)), layout.KOMPONEN_COLUMNS,
                  refused, f"{layout.SHEET_KOMPONEN}: ")
    for r, cells in komp.rows:
        ro = _text(cells.get("ro_code")).upper()
        if ro not in by_ro:
            if ro not in seen:
                komp.refuse(r, "ro_code", ro, Message("Kode RO {ro} tidak ada di lembar Alokasi.", ro=ro or "–"))
            continue
        try:
            pagu = _integer(cells.get("komponen_pagu") if _text(cells.get("komponen_pagu")) else 0, "Pagu komponen")
        except _Bad as bad:
            komp.refuse(r, "komponen_pagu", cells.get("komponen_pagu"), bad.reason)
            continue
        by_ro[ro].komponen.append(KomponenInput(_text(cells.get("komponen_code")), _text(cells.get("komponen_name")), pagu))
    for r, d in items:
        for p in allocations.validate(office, d):
            if p.field in failed[d.ro_code] or (p.field == "rpd" and "pagu" in failed[d.ro_code]):
                continue  # already refused while reading the cell
            _refuse_problem(main, ind, r, d, p, ind_rows.get(d.ro_code, [r]))
    return items, refused, len(main.rows)


def _refuse_problem(main: _Sheet, ind: _Sheet, r: int, d: AllocationInput, p: Problem, rows: list[int]) -> None:
    if p.field.startswith("indicator_"):
        name_rows = [rows[i] for i, x in enumerate(d.indicators) if p.value in (x.name, str(x.target), x.polarity,
                                                                               x.aggregation)] or rows
        ind.refuse(name_rows[0], p.field, p.value, p.message)
    else:
        main.refuse(r, p.field, p.value, p.message)


def import_allocations(ws: Workspace, actor: Actor, path, year: int, *, dry_run: bool = False) -> ImportResult:
    """Check the whole file; write it (one transaction) only when no row is refused."""
    actor.require("data.read" if dry_run else "data.edit")
    common.check_year(year)
    with ws.store.session(actor.username) as s:
        office = common.office(s)
        items, refused, n_rows = parse(path, year, office)
        existing = allocations.existing_codes(s, year)
        result = ImportResult(refused=sorted(refused, key=lambda x: (x["column"].count(":"), x["row"])),
                              dry_run=dry_run, rows=n_rows, file=str(path))
        if refused:
            return result
        result.new = sum(1 for _r, d in items if d.ro_code not in existing)
        result.updated = len(items) - result.new
        if not dry_run:
            allocations.save_all_in(s, [d for _r, d in items])
            from kemensos_desk.store.audit import log_event

            log_event(s, "import", f"Impor alokasi dekon/TP {year} dari {Path(path).name}: {result.new} baru, "
                                   f"{result.updated} diperbarui", entity="dekon_allocation")
            result.written = True
    return result
