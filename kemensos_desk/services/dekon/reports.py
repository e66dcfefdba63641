"""Laporan Triwulan I–IV and the annual report, as .xlsx or PDF (chosen by the file's suffix)."""
from __future__ import annotations

import datetime as _dt
from pathlib import Path

from kemensos_desk.core.errors import Refused, UsageError
from kemensos_desk.services.dekon import report_data
from kemensos_desk.services.workspace import Workspace


def write_report(ws: Workspace, year: int, quarter: int | None, out, *, paper: str = "a4",
                 today: _dt.date | None = None) -> Path:
    out = Path(out)
    if quarter is not None and quarter not in (1, 2, 3, 4):
        raise Refused("Triwulan harus 1, 2, 3 atau 4.")
    if paper not in ("a4", "f4"):
        raise UsageError("Ukuran kertas harus a4 atau f4.")
    data = report_data.gather(ws, year, quarter, today)
    if not data.doc["outputs"]:
        raise Refused("Belum ada alokasi dekon/TP tahun {year}; laporan tidak dibuat.", year=year)
    if out.suffix.lower() == ".xlsx":
        from kemensos_desk.services.dekon.report_xlsx import write_xlsx

        return write_xlsx(data, out, paper)
    if out.suffix.lower() == ".pdf":
        from kemensos_desk.services.dekon.report_pdf import write_pdf

        return write_pdf(data, out, paper)
    raise UsageError("Nama berkas laporan harus berakhiran .xlsx atau .pdf.")
