"""Import templates (.xlsx) that offices fill in: text NIK/KK columns, drop-downs, a Petunjuk sheet.

    cols = [TemplateColumn("NIK", "nik", required=True, note="16 angka, tanpa spasi"),
            TemplateColumn("Nama", required=True),
            TemplateColumn("Jenis Kelamin", choices=["L", "P"], required=True),
            TemplateColumn("Kecamatan", choices=kecamatan_names),       # long list -> hidden sheet
            TemplateColumn("Tanggal Lahir", "date", example="17 Agustus 1950")]
    write_import_template(path, cols, title="Templat Impor Penerima SPM – Lanjut Usia",
                          instructions=["Isi satu orang per baris mulai baris 2.", ...], office=office)

Layout (what importers may rely on): the first and active sheet is the data sheet
(``sheet_name``, default "Data") with the header in row 1 (exactly the column names;
required ones have an orange fill) and data from row 2; the header row is frozen. NIK/KK (kind ``nik``) and ``text`` columns are formatted as
text (``@``) so Excel keeps all 16 digits and leading zeros; ``nik`` also warns when
the length is not 16. Drop-downs come inline when the list is short, otherwise from a
hidden sheet "Daftar". The "Petunjuk" sheet lists the instructions and every column.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Sequence

from openpyxl import Workbook
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.datavalidation import DataValidation

from kemensos_desk.documents.atomic import atomic_write
from kemensos_desk.documents.office import OfficeInfo
from kemensos_desk.documents.xlsx import BORDER, DEMO_FONT, DEMO_LINE, HEAD_FILL, HEAD_FONT, workbook_bytes

KIND_FORMATS = {"text": "@", "nik": "@", "int": "0", "number": "#,##0.00", "rupiah": '"Rp"#,##0',
                "date": "d mmmm yyyy"}
KIND_LABELS = {"text": "Teks", "nik": "16 angka (teks)", "int": "Bilangan bulat", "number": "Angka",
               "rupiah": "Rupiah (angka saja)", "date": "Tanggal"}
INLINE_LIMIT = 250  # Excel caps an inline list at 255 characters
REQUIRED_FILL = PatternFill("solid", fgColor="FCE4D6")  # light orange: must be filled
REQUIRED_NOTE = "Kolom dengan judul berwarna jingga wajib diisi."

# The template's own sheets: the import reads neither and does not warn about them.
INSTRUCTIONS_SHEET = "Petunjuk"
LISTS_SHEET = "Daftar"


@dataclass(frozen=True)
class TemplateColumn:
    header: str
    kind: str = "text"                 # text | nik | int | number | rupiah | date
    required: bool = False
    choices: Sequence[str] = field(default_factory=tuple)
    note: str = ""
    example: str = ""
    width: float | None = None

    def __post_init__(self):
        if self.kind not in KIND_FORMATS:
            raise ValueError(f"jenis kolom tidak dikenal: {self.kind}")


def write_import_template(path: str | Path, columns: Sequence[TemplateColumn], *, title: str,
                          instructions: Sequence[str] = (), sheet_name: str = "Data", rows: int = 1000,
                          office: OfficeInfo | None = None) -> Path:
    """Write the template atomically and return its path; ``rows`` rows are pre-formatted."""
    wb = Workbook()
    data = wb.active
    data.title = sheet_name[:31]
    lists = None
    for c, col in enumerate(columns, start=1):
        letter = get_column_letter(c)
        head = data.cell(1, c, col.header)  # exactly the name importers look for
        head.font, head.border = HEAD_FONT, BORDER
        head.fill = REQUIRED_FILL if col.required else HEAD_FILL
        head.alignment = Alignment(horizontal="center", vertical="center", wrap_text=True)
        data.column_dimensions[letter].width = col.width or (20 if col.kind == "nik" else max(14, len(col.header) + 4))
        data.column_dimensions[letter].number_format = KIND_FORMATS[col.kind]
        for r in range(2, rows + 2):
            data.cell(r, c).number_format = KIND_FORMATS[col.kind]
        area = f"{letter}2:{letter}{rows + 1}"
        if col.choices:
            joined = ",".join(col.choices)
            if len(joined) <= INLINE_LIMIT and not any("," in ch or '"' in ch for ch in col.choices):
                formula = f'"{joined}"'
            else:
                if lists is None:
                    lists = wb.create_sheet(LISTS_SHEET)
                    lists.sheet_state = "hidden"
                lc = lists.max_column + 1 if lists.max_row > 1 or lists.cell(1, 1).value else 1
                for i, ch in enumerate(col.choices, start=1):
                    lists.cell(i, lc, ch).number_format = "@"
                ll = get_column_letter(lc)
                formula = f"{LISTS_SHEET}!${ll}$1:${ll}${len(col.choices)}"
            dv = DataValidation(type="list", formula1=formula, allow_blank=not col.required,
                                showErrorMessage=True, errorTitle="Pilihan tidak ada",
                                error=f"Pilih {col.header} dari daftar.")
            dv.add(area)
            data.add_data_validation(dv)
        elif col.kind == "nik":
            dv = DataValidation(type="textLength", operator="equal", formula1="16", allow_blank=True,
                                showErrorMessage=True, errorStyle="warning", errorTitle="Panjang tidak 16",
                                error=f"{col.header} harus 16 angka.")
            dv.add(area)
            data.add_data_validation(dv)
    data.row_dimensions[1].height = 30
    data.freeze_panes = "A2"
    _petunjuk(wb.create_sheet(INSTRUCTIONS_SHEET), columns, title, instructions, office)
    if lists is not None:
        wb.move_sheet(LISTS_SHEET, offset=wb.sheetnames.index(INSTRUCTIONS_SHEET) - wb.sheetnames.index(LISTS_SHEET) + 1)
    wb.active = 0
    data = workbook_bytes(wb)
    path = Path(path)
    with atomic_write(path) as fh:
        fh.write(data)
    return path


def _petunjuk(ws, columns, title, instructions, office) -> None:
    r = 1
    if office is not None:
        ws.cell(r, 1, f"{office.unit} {office.region_name}".upper()).font = Font(bold=True)
        r += 1
    ws.cell(r, 1, title).font = Font(bold=True, size=13)
    r += 1
    if office is not None and office.is_demo:
        ws.cell(r, 1, DEMO_LINE).font = DEMO_FONT
        r += 1
    r += 1
    ws.cell(r, 1, "Petunjuk pengisian").font = Font(bold=True)
    r += 1
    lines = list(instructions) + ([REQUIRED_NOTE] if any(c.required for c in columns) else [])
    for i, line in enumerate(lines, start=1):
        ws.cell(r, 1, f"{i}. {line}")
        r += 1
    r += 1
    heads = ("Kolom", "Wajib", "Isian", "Pilihan / keterangan", "Contoh")
    for c, text in enumerate(heads, start=1):
        cell = ws.cell(r, c, text)
        cell.font, cell.fill, cell.border = HEAD_FONT, HEAD_FILL, BORDER
    for col in columns:
        r += 1
        choices = ", ".join(col.choices[:12]) + (" …" if len(col.choices) > 12 else "")
        detail = "; ".join(x for x in (col.note, f"Pilihan: {choices}" if col.choices else "") if x)
        for c, text in enumerate((col.header, "Ya" if col.required else "Tidak", KIND_LABELS[col.kind],
                                  detail, col.example), start=1):
            cell = ws.cell(r, c, text)
            cell.border = BORDER
            cell.number_format = "@"
            cell.alignment = Alignment(vertical="top", wrap_text=True)
    for letter, width in zip("ABCDE", (26, 8, 18, 60, 22)):
        ws.column_dimensions[letter].width = width
