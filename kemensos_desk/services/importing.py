"""The spreadsheet import engine shared by the modules (SPM register and deliveries, dekon
allocations): read → find the header → validate every row (all problems collected) →
preview ``{"new", "updated", "unchanged", "refused"}`` → write the valid rows in ONE
transaction, or none.

Rules (issue 4, the same for issue 5): without ``accept_valid`` any refused row means
nothing is written (exit 1); with it the valid rows are written (exit 0); ``dry_run``
writes nothing. A module supplies an ``Importer``: its columns (``forms/*.json``), a
``plan(session, table)`` that classifies rows, and a ``write(session, plan)`` that does
the bulk writes (``bulk_insert`` / ``bulk_update`` below keep the record columns right).
"""
from __future__ import annotations

import datetime as _dt
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Protocol

from sqlalchemy import bindparam, update

from kemensos_desk.core import tabular
from kemensos_desk.core.errors import Problem, Refused, UsageError
from kemensos_desk.core.i18n import Message
from kemensos_desk.store.audit import log_event
from kemensos_desk.store.base import new_uuid, utcnow
from kemensos_desk.services.auth import Actor
from kemensos_desk.services.importing_read import read_sheets
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


@dataclass
class SourceRow:
    row: int  # as Excel shows it
    values: dict[str, Any]  # column name -> raw cell value


@dataclass
class Table:
    """The data rows of a file under its header (blank rows skipped, stopped at a totals row)."""

    file: str
    sheet: str
    header: tabular.HeaderMatch
    rows: list[SourceRow]
    names: dict[str, str] = field(default_factory=dict)  # column name -> template header

    def label(self, column: str) -> str:
        """The header of ``column`` as written in the file (or its template name)."""
        return self.header.headers.get(column) or self.names.get(column, column)


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
    path = Path(path)
    best: tuple[str, tabular.HeaderMatch, list[list]] | None = None
    for name, rows in read_sheets(path, reader=reader):
        match = tabular.find_header(rows, columns)
        if match is not None and (best is None or len(match.columns) > len(best[1].columns)):
            best = (name, match, rows)
    if best is None:
        raise Refused("Judul kolom tidak ditemukan di {file}: 20 baris pertama tidak memuat kolom yang dikenal "
                      "(mis. {headers}).", file=path.name, headers=", ".join(c.header for c in columns[:4]))
    name, match, rows = best
    missing = [c for c in columns if c.required and c.name not in match.columns and not _covered(c, match)]
    if missing:
        raise Refused("Kolom wajib tidak ada di {file}: {cols}.", file=path.name,
                      cols=", ".join(c.header for c in missing),
                      problems=[Problem(c.header, Message("Kolom wajib '{col}' tidak ditemukan pada baris judul.",
                                                          col=c.header), row=match.row) for c in missing])
    data: list[SourceRow] = []
    for offset, cells in enumerate(rows[match.row:], start=match.row + 1):
        if tabular.is_blank_row(cells):
            continue
        if tabular.is_total_row(cells):
            break
        values = {n: (cells[i] if i < len(cells) else None) for n, i in match.columns.items()}
        if all(tabular.is_blank(v) for v in values.values()):
            continue
        data.append(SourceRow(offset, values))
    return Table(str(path), name, match, data, {c.name: c.header for c in columns})


def _covered(col: tabular.Column, match: tabular.HeaderMatch) -> bool:
    """A required column given inside a combined one (``Tempat/Tanggal Lahir`` holds the date)."""
    return col.type == "date" and col.name == "birth_date" and "birth_place_date" in match.columns


def run_import(ws: Workspace, actor: Actor, importer: Importer, path: str | Path | None = None, *,
               table: Table | None = None, dry_run: bool = False, accept_valid: bool = False) -> ImportResult:
    """Preview (``dry_run``) or import a file; all valid rows in one transaction, or none."""
    actor.require("data.read" if dry_run else "data.edit")
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
    return ImportResult(plan.new, plan.updated, plan.unchanged, plan.refused, plan.warnings, len(table.rows), write,
                        dry_run, accept_valid, str(table.file), table.sheet, table.header.row)


# --- bulk writes ----------------------------------------------------------------------------

def record_columns(username: str, now: _dt.datetime | None = None) -> dict:
    """RecordMixin columns for a core insert (the ORM flush listener does not see those)."""
    now = now or utcnow()
    return {"created_at": now, "created_by": username, "updated_at": now, "updated_by": username,
            "revision": 1, "deleted_at": None}


def _sql_value(value):
    """Values as SQLAlchemy's SQLite types store them (dates ISO text), for driver-level executemany."""
    if isinstance(value, _dt.datetime):
        return value.strftime("%Y-%m-%d %H:%M:%S.%f")
    if isinstance(value, _dt.date):
        return value.isoformat()
    if isinstance(value, bool):
        return int(value)
    return value


def _needs_convert(column) -> bool:
    try:
        return column.type.python_type in (_dt.date, _dt.datetime, bool)
    except NotImplementedError:
        return True


def bulk_insert(session, model, rows: list[dict], username: str) -> list[str]:
    """Insert many rows with one driver-level executemany; returns their UUIDs (in order).

    The ORM (and even Core's per-row parameter processing) costs more than SQLite itself on
    100,000 rows, so the statement goes to the driver with values already in storage form.
    """
    if not rows:
        return []
    base = record_columns(username)
    keys = list(dict.fromkeys([*base, "uuid", *rows[0]]))
    known = set(model.__table__.c.keys())
    unknown = [k for k in keys if k not in known]
    if unknown:
        raise ValueError(f"kolom tidak dikenal di {model.__tablename__}: {unknown}")
    uuids = [new_uuid() for _ in rows]
    fixed = {k: _sql_value(v) for k, v in base.items()}
    # Only date/time/bool columns need converting; the others go through as they are.
    convert = {k for k in rows[0] if _needs_convert(model.__table__.c[k])}
    params = [tuple(u if k == "uuid" else (_sql_value(r[k]) if k in convert else r[k]) if k in r else fixed[k]
                    for k in keys) for r, u in zip(rows, uuids)]
    sql = (f"INSERT INTO {model.__tablename__} ({', '.join(keys)}) "
           f"VALUES ({', '.join('?' for _ in keys)})")
    session.connection().exec_driver_sql(sql, params)
    return uuids


def bulk_update(session, model, rows: list[dict], username: str) -> None:
    """Update many rows by ``id`` (each dict: ``id`` + the changed columns, same keys in all)."""
    if not rows:
        return
    table = model.__table__
    keys = [k for k in rows[0] if k != "id"]
    stmt = (update(table).where(table.c.id == bindparam("_id"))
            .values(**{k: bindparam(f"_{k}") for k in keys}, updated_at=utcnow(), updated_by=username,
                    revision=table.c.revision + 1))
    session.connection().execute(stmt, [{f"_{k}": v for k, v in r.items()} for r in rows])


def chunks(items: list, size: int = 30000):
    for i in range(0, len(items), size):
        yield items[i:i + size]
