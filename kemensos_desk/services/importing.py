"""The spreadsheet import engine shared by the modules (SPM register and deliveries, dekon
allocations): read → find the header → validate every row (all problems collected) →
preview ``{"new", "updated", "unchanged", "refused"}`` → write the valid rows in ONE
transaction, or none.

Rules (issue 4, the same for issue 5): without ``accept_valid`` any refused row means
nothing is written (exit 1); with it the valid rows are written (exit 0); ``dry_run``
writes nothing. A module supplies an ``Importer``: its columns (``forms/*.json``), a
``plan(session, table)`` that classifies rows, and a ``write(session, plan)`` that does
the bulk writes (``bulk_insert`` / ``insert_rows`` / ``bulk_update`` of ``importing_write``,
re-exported here, keep the record columns right).
"""
from __future__ import annotations

from dataclasses import dataclass, field
from operator import itemgetter
from pathlib import Path
from typing import Any, Protocol

from kemensos_desk.core import tabular
from kemensos_desk.core.collector import gc_paused
from kemensos_desk.core.errors import Problem, Refused, UsageError
from kemensos_desk.core.i18n import Message
from kemensos_desk.store.audit import log_event
from kemensos_desk.services.auth import Actor
from kemensos_desk.services.importing_read import SheetData, read_sheets, read_workbook  # noqa: F401
# The bulk writes live in importing_write; importers call them through this module.
from kemensos_desk.services.importing_write import (  # noqa: F401
    bulk_insert, bulk_update, chunks, insert_rows, large_cache, new_uuids, record_columns)
from kemensos_desk.services.workspace import Workspace


@dataclass
class Refusal:
    """Why a row (or one of its cells) was refused: row as Excel shows it, header as in the file."""

    row: int | None
    column: str
    value: str
    reason: Message

    def as_json(self) -> dict:
        return {"row": self.row, "column": self.column, "value": self.value, "reason": str(self.reason)}


class SourceRow:
    """One data row: ``row`` as Excel shows it, ``values`` column name -> raw cell value.

    ``read_table`` gives the cells as a tuple in ``names`` order and builds the dict only
    when asked: a 100,000-row import reads most rows column by column (``Table.columns``).
    """

    __slots__ = ("row", "_values", "cells", "names")

    def __init__(self, row: int, values: dict[str, Any] | None = None, *, cells: tuple | None = None,
                 names: tuple[str, ...] | None = None):
        self.row, self._values, self.cells, self.names = row, values, cells, names

    @property
    def values(self) -> dict[str, Any]:
        if self._values is None:
            self._values = dict(zip(self.names, self.cells))
        return self._values

    def __eq__(self, other) -> bool:
        return isinstance(other, SourceRow) and (self.row, self.values) == (other.row, other.values)

    def __repr__(self) -> str:
        return f"SourceRow({self.row!r}, {self.values!r})"


@dataclass
class Table:
    """The data rows of a file under its header (blank rows skipped, stopped at a totals row)."""

    file: str
    sheet: str
    header: tabular.HeaderMatch
    rows: list[SourceRow]
    names: dict[str, str] = field(default_factory=dict)  # column name -> template header
    notes: list[Refusal] = field(default_factory=list)  # warnings about the file itself (sheets, total rows)

    def label(self, column: str) -> str:
        """The header of ``column`` as written in the file (or its template name)."""
        return self.header.headers.get(column) or self.names.get(column, column)

    def columns(self) -> dict[str, list]:
        """Each column of the file as a list of raw values, one per data row (in row order)."""
        rows, names = self.rows, tuple(self.header.columns)
        if rows and all(r.names == names for r in rows):
            return dict(zip(names, map(list, zip(*(r.cells for r in rows)))))
        return {n: [r.values.get(n) for r in rows] for n in names}


@dataclass
class Plan:
    """What an import would do; ``payload`` is the importer's own (rows to insert/update)."""

    new: int = 0
    updated: int = 0
    unchanged: int = 0
    refused: list[Refusal] = field(default_factory=list)
    warnings: list[Refusal] = field(default_factory=list)
    payload: Any = None

    @property
    def refused_rows(self) -> int:
        return len({r.row for r in self.refused})


class Importer(Protocol):
    kind: str  # names the import in the audit log: spm_beneficiaries, spm_deliveries, dekon_allocations
    columns: tuple[tabular.Column, ...]

    def plan(self, session, table: Table) -> Plan: ...

    def write(self, session, plan: Plan, username: str) -> None: ...


@dataclass
class ImportResult:
    new: int
    updated: int
    unchanged: int
    refused: list[Refusal]
    warnings: list[Refusal]
    rows: int
    written: bool
    dry_run: bool
    accept_valid: bool
    file: str = ""
    sheet: str = ""
    header_row: int | None = None

    @property
    def exit_code(self) -> int:
        return 1 if self.refused and not self.accept_valid else 0

    def as_json(self) -> dict:
        return {"new": self.new, "updated": self.updated, "unchanged": self.unchanged,
                "refused": [r.as_json() for r in self.refused],
                "refused_rows": len({r.row for r in self.refused}),
                "warnings": [w.as_json() for w in self.warnings],
                "rows": self.rows, "written": self.written, "dry_run": self.dry_run,
                "file": self.file, "sheet": self.sheet, "header_row": self.header_row}


def read_table(path: str | Path, columns: tuple[tabular.Column, ...], *, reader: str | None = None) -> Table:
    """The first sheet whose first rows hold a header we know; missing required columns refuse the file."""
    with gc_paused():
        return _read_table(Path(path), columns, reader)


def _read_table(path: Path, columns: tuple[tabular.Column, ...], reader: str | None) -> Table:
    # A visible sheet wins over a hidden one; among equals, the one with more known columns.
    candidates: list[tuple[SheetData, tabular.HeaderMatch]] = []
    sheets = read_workbook(path, reader=reader)
    for sheet in sheets:
        match = tabular.find_header(sheet.rows, columns)
        if match is not None:
            candidates.append((sheet, match))
    if not candidates:
        raise Refused("Judul kolom tidak ditemukan di {file}: 20 baris pertama tidak memuat kolom yang dikenal "
                      "(mis. {headers}).", file=path.name, headers=", ".join(c.header for c in columns[:4]))
    sheet, match = max(candidates, key=lambda c: (not c[0].hidden, len(c[1].columns)))
    missing = [c for c in columns if c.required and c.name not in match.columns and not _covered(c, match)]
    if missing:
        raise Refused("Kolom wajib tidak ada di {file}: {cols}.", file=path.name,
                      cols=", ".join(c.header for c in missing),
                      problems=[Problem(c.header, Message("Kolom wajib '{col}' tidak ditemukan pada baris judul.",
                                                          col=c.header), row=match.row) for c in missing])
    notes = _sheet_notes(sheet, sheets)
    rows = _data_rows(sheet.rows, match, notes)
    return Table(str(path), sheet.name, match, rows, {c.name: c.header for c in columns}, notes)


def _sheet_notes(chosen: SheetData, sheets: list[SheetData]) -> list[Refusal]:
    """Say which sheet was read when the choice is not obvious: it is hidden, or others hold data."""
    from kemensos_desk.documents.xlsx_template import INSTRUCTIONS_SHEET, LISTS_SHEET

    notes = []
    if chosen.hidden:
        notes.append(Refusal(None, "", chosen.name, Message(
            "Lembar '{sheet}' yang dibaca disembunyikan di Excel; periksa isinya sebelum menyimpan.",
            sheet=chosen.name)))
    for other in sheets:
        if other is chosen or other.name in (INSTRUCTIONS_SHEET, LISTS_SHEET) or _sheet_is_blank(other.rows):
            continue
        text = ("Lembar tersembunyi '{other}' berisi data tetapi tidak dibaca; hanya lembar '{sheet}' yang diimpor."
                if other.hidden else
                "Lembar '{other}' berisi data tetapi tidak dibaca; hanya lembar '{sheet}' yang diimpor.")
        notes.append(Refusal(None, "", other.name, Message(text, other=other.name, sheet=chosen.name)))
    return notes


def _sheet_is_blank(rows: list[list]) -> bool:
    return all(tabular.is_blank_row(r) for r in rows)


def _data_rows(rows: list[list], match: tabular.HeaderMatch, notes: list[Refusal] | None = None) -> list[SourceRow]:
    """The rows under the header; per-row work kept to C-level calls (100,000-row files).

    A totals row ends the data only when nothing but totals or blanks follow it; a
    "Jumlah" line in the middle of the data is skipped with a warning and reading goes on
    (people under it were once lost without a word)."""
    names = tuple(match.columns)
    index = [match.columns[n] for n in names]
    width = max(index) + 1
    pick = itemgetter(*index) if len(index) > 1 else (lambda cells: (cells[index[0]],))
    is_blank = tabular.is_blank
    data: list[SourceRow] = []
    last_data: int | None = None  # found once, at the first totals row
    for offset, cells in enumerate(rows[match.row:], start=match.row + 1):
        first = cells[0] if cells else None
        # A first cell starting with a digit (a NIK, a row number) is neither blank nor a
        # totals line; anything else gets the full checks.
        if not ((first.__class__ is str and first[:1] in _DIGITS) or first.__class__ in (int, float)):
            if tabular.is_blank_row(cells):
                continue
            if tabular.is_total_row(cells):
                if last_data is None:
                    last_data = _last_data_row(rows, index)
                if offset > last_data:
                    break
                if notes is not None:
                    notes.append(Refusal(offset, "", tabular.clean_text(_first_filled(cells)), Message(
                        "Baris jumlah di tengah data dilewati; baris di bawahnya tetap dibaca.")))
                continue
        values = pick(cells) if len(cells) >= width else tuple(cells[i] if i < len(cells) else None for i in index)
        v0 = values[0]
        if (v0 is None or (v0.__class__ is str and not v0.strip())) and all(is_blank(v) for v in values):
            continue
        data.append(SourceRow(offset, cells=values, names=names))
    return data


def _last_data_row(rows: list[list], index: list[int]) -> int:
    """The Excel row number of the last row that looks like data (0: none): not a totals
    line, and at least two of the file's known columns filled. A signature block under the
    totals ("Kepala Dinas Sosial", a place and date) fills one cell per row and is not data."""
    for i in range(len(rows) - 1, -1, -1):
        cells = rows[i]
        filled = sum(1 for c in index if c < len(cells) and not tabular.is_blank(cells[c]))
        if filled >= 2 and not tabular.is_total_row(cells):
            return i + 1
    return 0


def _first_filled(cells: list):
    return next((c for c in cells if not tabular.is_blank(c)), "")


_DIGITS = frozenset("0123456789")


def _covered(col: tabular.Column, match: tabular.HeaderMatch) -> bool:
    """A required column given inside a combined one (``Tempat/Tanggal Lahir`` holds the date)."""
    return col.type == "date" and col.name == "birth_date" and "birth_place_date" in match.columns


def run_import(ws: Workspace, actor: Actor, importer: Importer, path: str | Path | None = None, *,
               table: Table | None = None, dry_run: bool = False, accept_valid: bool = False) -> ImportResult:
    """Preview (``dry_run``) or import a file; all valid rows in one transaction, or none."""
    actor.require("data.read" if dry_run else "data.edit")
    with gc_paused():
        return _run_import(ws, actor, importer, path, table, dry_run, accept_valid)


def _run_import(ws: Workspace, actor: Actor, importer: Importer, path, table: Table | None, dry_run: bool,
                accept_valid: bool) -> ImportResult:
    if table is None:
        if path is None:
            raise UsageError("Berkas impor tidak disebut.")
        table = read_table(path, importer.columns)
    with ws.store.session(actor.username) as s:
        plan = importer.plan(s, table)
        write = not dry_run and (accept_valid or not plan.refused) and bool(plan.new or plan.updated)
        if write:
            importer.write(s, plan, actor.username)
            log_event(s, "import", f"impor {Path(table.file).name}: {plan.new} baru, {plan.updated} diperbarui, "
                                   f"{plan.unchanged} tetap, {plan.refused_rows} baris ditolak",
                      entity=importer.kind, username=actor.username)
    return ImportResult(plan.new, plan.updated, plan.unchanged, plan.refused, table.notes + plan.warnings,
                        len(table.rows), write,
                        dry_run, accept_valid, str(table.file), table.sheet, table.header.row)
