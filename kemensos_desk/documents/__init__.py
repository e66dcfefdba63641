"""Printed documents (PDF) and workbooks (xlsx) shared by every report of the app.

A services-level package: it may use ``core`` and read store models, never Qt.

- :mod:`.office`  – ``OfficeInfo``: the kop surat and signature details (``OfficeInfo.from_office``).
- :mod:`.pdf`     – ``ReportDocument``: letterhead, title, headings + TOC, tables, charts,
  signature, "Halaman x dari y", demo watermark; A4/F4, portrait/landscape; atomic write.
- :mod:`.tables`  – ``Column`` and ``data_table``: repeated headers, zebra rows, Indonesian numbers.
- :mod:`.charts`  – ``bar_chart``: horizontal/vertical bars, value labels, reference line.
- :mod:`.blocks`  – the kop surat, title and signature flowables on their own.
- :mod:`.xlsx`    – ``ReportWorkbook``: styled report sheets with typed, formatted cells.
- :mod:`.xlsx_template` – ``write_import_template``: import templates (text NIK/KK, drop-downs, Petunjuk).
- :mod:`.atomic`  – ``atomic_write``: temp name, fsync, rename.
- :mod:`.paper`   – ``page_size("a4"|"f4", landscape)`` in points.

See docs/DOCUMENTS.md for a walk-through.
"""
from kemensos_desk.documents.atomic import atomic_write
from kemensos_desk.documents.office import OfficeInfo
from kemensos_desk.documents.paper import PAPERS, page_size

__all__ = ["OfficeInfo", "atomic_write", "page_size", "PAPERS", "ReportDocument", "Column",
           "ReportWorkbook", "XColumn", "TemplateColumn", "write_import_template"]


def __getattr__(name):
    # reportlab/openpyxl load only when a document is actually made (start-up stays fast)
    if name == "ReportDocument":
        from kemensos_desk.documents.pdf import ReportDocument
        return ReportDocument
    if name == "Column":
        from kemensos_desk.documents.tables import Column
        return Column
    if name in ("ReportWorkbook", "XColumn"):
        from kemensos_desk.documents import xlsx
        return getattr(xlsx, name)
    if name in ("TemplateColumn", "write_import_template"):
        from kemensos_desk.documents import xlsx_template
        return getattr(xlsx_template, name)
    raise AttributeError(name)
