"""The compiled Rakor proposals of every office for a year, in one .xlsx (material for the
ministry's Renja draft). Read from the stored records: ``rakor_proposals`` linked (by UUID,
``refs.draft_id``) to a ``rakor_drafts`` record of that year.

``year`` is always the Rakor year N, as the offices' ``rakor`` commands take it; the
proposals in it are for year N+1 ("Usulan Tahun N+1"), as the office's draft says."""
from __future__ import annotations

import json
from pathlib import Path

from sqlalchemy import select

from kemensos_desk.core.i18n import tr
from kemensos_desk.core.rakor import priority_label
from kemensos_desk.ministry.models import MinistryOffice, MinistryRecord
from kemensos_desk.ministry.store import MinistryStore
from kemensos_desk.services.sync import files

COLUMNS = ("Kode", "Kantor", "Status draf", "No.", "RO / kegiatan", "Uraian", "Volume", "Satuan", "Harga satuan",
           "Jumlah", "Lokasi", "Prioritas", "Alasan", "Layanan SPM")


def proposal_year(rakor_year: int) -> int:
    """The year the proposals of the Rakor held in ``rakor_year`` are for."""
    return rakor_year + 1


def proposals_title(rakor_year: int) -> str:
    return tr("Usulan Tahun {year}", year=proposal_year(rakor_year))


def proposals(store: MinistryStore, year: int) -> list[dict]:
    """The proposals of every office's draft for the Rakor held in ``year``."""
    with store.session() as s:
        names = {o.code: o.name for o in s.scalars(select(MinistryOffice))}
        offices = MinistryRecord.office_code.in_(select(MinistryOffice.code))  # the revision key's index
        drafts = {(r.office_code, r.uuid): json.loads(r.data) for r in s.scalars(
            select(MinistryRecord).where(offices, MinistryRecord.kind == "rakor_drafts",
                                         MinistryRecord.deleted.is_(False)))}
        rows = []
        for r in s.scalars(select(MinistryRecord).where(offices, MinistryRecord.kind == "rakor_proposals",
                                                        MinistryRecord.deleted.is_(False))):
            draft = drafts.get((r.office_code, json.loads(r.refs).get("draft_id")))
            if draft is None or draft.get("year") != year:
                continue
            rows.append({"office": r.office_code, "office_name": names.get(r.office_code, r.office_code),
                         "draft_status": draft.get("status"), **json.loads(r.data)})
    rows.sort(key=lambda d: (d["office"], d.get("seq") or 0))
    return rows


def draft_status_label(value) -> str:
    return tr("Disetujui") if value == "approved" else tr("Rancangan")


def write_xlsx(path: Path, year: int, rows: list[dict]) -> Path:
    from openpyxl import Workbook  # late: every CLI start imports this module
    from openpyxl.styles import Font

    from kemensos_desk.documents.xlsx import workbook_bytes

    wb = Workbook()
    ws = wb.active
    ws.title = proposals_title(year)
    ws["A1"] = tr("Kompilasi usulan seluruh kantor, Rakor {rakor}: {title}", rakor=year, title=proposals_title(year))
    ws["A1"].font = Font(bold=True, size=13)
    for c, label in enumerate(COLUMNS, start=1):
        ws.cell(3, c, tr(label)).font = Font(bold=True)
    keys = ("office", "office_name", "draft_status", "seq", "ro", "description", "volume", "unit", "unit_cost",
            "total", "location", "priority", "justification", "gap_service")
    for r, row in enumerate(rows, start=4):
        for c, key in enumerate(keys, start=1):
            value = row.get(key)
            if key == "priority":
                value = priority_label(value)
            elif key == "draft_status":
                value = draft_status_label(value)
            cell = ws.cell(r, c, value)
            if key in ("unit_cost", "total"):
                cell.number_format = "#,##0"
    for c, w in zip("ABCDEFGHIJKLMN", (8, 34, 10, 5, 30, 40, 8, 10, 14, 16, 24, 9, 40, 12)):
        ws.column_dimensions[c].width = w
    files.write_atomic(Path(path), workbook_bytes(wb))  # office names from bundles: never a live formula
    return Path(path)
