"""Report workbooks (openpyxl): title rows, a styled header, typed cells with Excel number formats.

    book = ReportWorkbook(OfficeInfo.from_office(ws.office()))
    sheet = book.sheet("Capaian", "Laporan Capaian SPM Bidang Sosial", period="Triwulan III Tahun 2026",
                       columns=[XColumn("No.", "int", 6), XColumn("Jenis Layanan", "text", 40),
                                XColumn("Capaian", "percent"), XColumn("Anggaran", "rupiah", 18)])
    sheet.row([1, "Lanjut usia dalam panti", 104.25, 13393506000])
    sheet.total_row(["Jumlah"], sum_columns=[3])
    book.save(path)                                   # atomic; returns the Path

Cells keep real numbers and dates (the ministry compiles them); the Excel formats show
them the Indonesian way in an Indonesian Excel. Kinds and formats (:data:`FORMATS`):
``int`` ``#,##0`` · ``number`` ``#,##0.00`` · ``rupiah`` ``"Rp"#,##0`` · ``percent`` ``0.00%``
(**pass percent points**, e.g. ``106.51``; the cell stores ``1.0651``) · ``date`` ``d mmmm yyyy``
· ``date_text`` (a date written as text, ``23 November 2026``) · ``text`` ``@`` (NIK, KK, codes).
Above the header: the office, the title, the period and, for a demo office, a red
"CONTOH / DEMO" line. The header row is frozen, filtered and repeated on printed pages.

Formula injection: a text that starts with ``=``, ``+``, ``-``, ``@``, tab or carriage return
(a beneficiary named ``=HYPERLINK(…)``, an office name in a bundle) would become a live formula.
Every workbook this program writes goes through :func:`as_text` (one cell, e.g. write-only
sheets) or :func:`workbook_bytes` / :func:`neutralise_workbook` (every cell, just before saving),
which prefix such a text with an apostrophe as OWASP recommends; no writer writes formulas.
"""
from __future__ import annotations

import datetime as _dt
import io
from dataclasses import dataclass
from pathlib import Path
from typing import Sequence

from openpyxl import Workbook
from openpyxl.styles import Alignment, Border, Font, PatternFill, Side
from openpyxl.utils import get_column_letter

from kemensos_desk.core import rules
from kemensos_desk.core.formatting import tanggal, to_decimal
from kemensos_desk.documents.atomic import atomic_write
from kemensos_desk.documents.office import OfficeInfo

# "count": head counts and volumes: "60", never "60,00"; a true fraction keeps two decimals.
FORMATS = {"text": "@", "int": "#,##0", "number": "#,##0.00", "count": "#,##0", "rupiah": '"Rp"#,##0',
           "percent": "0.00%", "date": "d mmmm yyyy", "date_text": "@"}
DEFAULT_WIDTHS = {"text": 24, "int": 12, "number": 14, "count": 12, "rupiah": 18, "percent": 11, "date": 18,
                  "date_text": 18}
DEMO_LINE = "CONTOH / DEMO – data latihan, bukan dokumen resmi"
PAPER_CODES = {"a4": 9, "f4": 14}  # Excel has no F4; 14 = Folio 8,5 × 13 in (216 × 330 mm)

THIN = Side(style="thin", color="8C9BB0")
BORDER = Border(left=THIN, right=THIN, top=THIN, bottom=THIN)
HEAD_FILL = PatternFill("solid", fgColor="DBE5F1")
TOTAL_FILL = PatternFill("solid", fgColor="E8EDF3")
HEAD_FONT = Font(bold=True, color="1A1A1A")
DEMO_FONT = Font(bold=True, color="C00000")


FORMULA_TRIGGERS = ("=", "+", "-", "@", "\t", "\r")


def as_text(value):
    """``value`` made safe for a spreadsheet cell: a text starting with a formula trigger gets a
    leading apostrophe (OWASP), so Excel, LibreOffice and openpyxl store and show it as text."""
    if isinstance(value, str) and value.startswith(FORMULA_TRIGGERS):
        return "'" + value
    return value


def neutralise_workbook(wb) -> None:
    """Every text cell of a (not write-only) workbook through :func:`as_text`, before saving."""
    for sheet in wb.worksheets:
        for row in sheet.iter_rows():
            for cell in row:
                value = cell.value
                if isinstance(value, str) and value.startswith(FORMULA_TRIGGERS):
                    cell.value = as_text(value)  # a str again: openpyxl had typed "=…" as a formula


def workbook_bytes(wb) -> bytes:
    """The saved .xlsx of ``wb``, every text cell neutralised first."""
    neutralise_workbook(wb)
    buf = io.BytesIO()
    wb.save(buf)
    return buf.getvalue()


@dataclass(frozen=True)
class XColumn:
    title: str
    kind: str = "text"
    width: float | None = None   # Excel character units; default by kind
    decimals: int | None = None  # number/percent: 2, rupiah: 0 unless given

    def __post_init__(self):
        if self.kind not in FORMATS:
            raise ValueError(f"jenis kolom tidak dikenal: {self.kind}")

    @property
    def number_format(self) -> str:
        d = self.decimals
        if d is None or self.kind in ("text", "date", "date_text"):
            return FORMATS[self.kind]
        frac = ("." + "0" * d) if d else ""
        return {"int": f"#,##0{frac}", "number": f"#,##0{frac}", "count": f"#,##0{frac}",
                "rupiah": f'"Rp"#,##0{frac}', "percent": f"0{frac}%"}[self.kind]


def cell_value(value, column: XColumn):
    """The value stored for ``column`` (numbers stay numbers; text kinds become str)."""
    if value is None:
        return None
    kind = column.kind
    if kind in ("int", "number", "count", "rupiah", "percent") and not isinstance(value, str):
        number = to_decimal(value)
        if kind == "percent":
            number = number / 100
        return int(number) if kind in ("int", "count") and number == int(number) else float(number)
    if kind == "date_text" and isinstance(value, (_dt.date, _dt.datetime)):
        return tanggal(value, "id")
    if kind == "date" and isinstance(value, _dt.datetime):
        return value.date()
    if kind == "text" and not isinstance(value, str):
        return str(value)
    return value


class ReportSheet:
    def __init__(self, ws, office: OfficeInfo, title: str, period: str | None, columns: Sequence[XColumn],
                 demo: bool, paper: str, landscape: bool):
        self.ws, self.columns = ws, list(columns)
        self._sums = [0.0] * len(self.columns)
        n = len(self.columns)
        lines = [(f"{office.unit} {office.region_name}".upper(), Font(bold=True, size=11)),
                 (title, Font(bold=True, size=13))]
        if period:
            lines.append((period, Font(size=11)))
        if demo:
            lines.append((DEMO_LINE, DEMO_FONT))
        for r, (text, font) in enumerate(lines, start=1):
            cell = ws.cell(r, 1, text)
            cell.font = font
        self.header_row = len(lines) + 2
        for c, col in enumerate(self.columns, start=1):
            cell = ws.cell(self.header_row, c, col.title)
            cell.font, cell.fill, cell.border = HEAD_FONT, HEAD_FILL, BORDER
            cell.alignment = Alignment(horizontal="center", vertical="center", wrap_text=True)
            ws.column_dimensions[get_column_letter(c)].width = col.width or DEFAULT_WIDTHS[col.kind]
        ws.row_dimensions[self.header_row].height = 30
        ws.freeze_panes = ws.cell(self.header_row + 1, 1)
        ws.print_title_rows = f"{self.header_row}:{self.header_row}"
        ws.page_setup.paperSize = PAPER_CODES.get(paper, 9)
        ws.page_setup.orientation = "landscape" if landscape else "portrait"
        ws.page_setup.fitToWidth, ws.page_setup.fitToHeight = 1, 0
        ws.sheet_properties.pageSetUpPr.fitToPage = True
        ws.oddFooter.left.text = title[:80]  # printed pages carry the same footer as the PDFs
        ws.oddFooter.right.text = "Halaman &P dari &N"
        if demo:
            ws.oddHeader.right.text = DEMO_LINE
            ws.oddHeader.right.color = "C00000"
        self.next_row = self.header_row + 1
        self._last_col = get_column_letter(n)

    def row(self, values: Sequence, *, bold: bool = False, fill: PatternFill | None = None) -> int:
        """Write one data row (values in column order); returns its row number."""
        r = self.next_row
        for c, (value, col) in enumerate(zip(values, self.columns), start=1):
            cell = self.ws.cell(r, c, cell_value(value, col))
            cell.number_format = col.number_format
            if col.kind == "count" and isinstance(cell.value, float):
                cell.number_format = FORMATS["number"]
            cell.border = BORDER
            cell.alignment = Alignment(vertical="top", wrap_text=col.kind == "text")
            if bold:
                cell.font = Font(bold=True)
            if fill is not None:
                cell.fill = fill
            if not bold and isinstance(cell.value, (int, float)) and col.kind != "percent":
                self._sums[c - 1] += cell.value
        self.next_row += 1
        return r

    def rows(self, rows) -> None:
        for values in rows:
            self.row(values)

    def total_row(self, values: Sequence = ("Jumlah",), sum_columns: Sequence[int] = ()) -> int:
        """A bold total row; ``sum_columns`` (0-based) get the sum of the data rows written so far."""
        full = list(values) + [None] * (len(self.columns) - len(values))
        for c in sum_columns:
            total = self._sums[c]
            full[c] = int(total) if float(total).is_integer() else total
        return self.row(full, bold=True, fill=TOTAL_FILL)  # percent columns are never summed

    def note(self, text: str) -> int:
        """A line of plain text under the table (source, remarks); skips one row first."""
        if self.ws.cell(self.next_row - 1, 1).value is not None:
            self.next_row += 1
        self.ws.cell(self.next_row, 1, text).font = Font(italic=True, size=9)
        self.next_row += 1
        return self.next_row - 1

    def finish(self) -> None:
        last = max(self.next_row - 1, self.header_row)
        self.ws.auto_filter.ref = f"A{self.header_row}:{self._last_col}{last}"


class ReportWorkbook:
    def __init__(self, office: OfficeInfo, *, demo: bool | None = None, paper: str = "a4",
                 rules_version: str | None = None):
        self.office = office
        self.rules_version = rules_version or rules.version()
        self.demo = office.is_demo if demo is None else demo
        self.paper = paper
        self.wb = Workbook()
        self._fresh = True
        self._sheets: list[ReportSheet] = []

    def sheet(self, name: str, title: str, *, columns: Sequence[XColumn], period: str | None = None,
              landscape: bool = False) -> ReportSheet:
        """A new sheet (``name`` ≤ 31 characters, as Excel demands)."""
        if self._fresh:
            ws = self.wb.active
            ws.title = name[:31]
            self._fresh = False
        else:
            ws = self.wb.create_sheet(name[:31])
        sheet = ReportSheet(ws, self.office, title, period, columns, self.demo, self.paper, landscape)
        self._sheets.append(sheet)
        return sheet

    def to_bytes(self) -> bytes:
        for s in self._sheets:
            s.finish()
        # The rules that produced the figures, in the document properties (issue 12).
        self.wb.properties.keywords = f"aturan versi {self.rules_version}"
        self.wb.properties.description = f"Kemensos Desk; aturan versi {self.rules_version}"
        return workbook_bytes(self.wb)

    def save(self, path: str | Path) -> Path:
        data = self.to_bytes()
        path = Path(path)
        with atomic_write(path) as fh:
            fh.write(data)
        return path
