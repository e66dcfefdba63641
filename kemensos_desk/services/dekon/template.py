"""The allocation template (``dekon template``): the sheets of ``layout``, drop-downs for the
coded columns, codes formatted as text, an instruction sheet; written atomically.
"""
from __future__ import annotations

from pathlib import Path

from openpyxl import Workbook
from openpyxl.styles import Font, PatternFill
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.datavalidation import DataValidation

from kemensos_desk.services.dekon import layout, reference
from kemensos_desk.services.dekon.files import save_workbook

_HEAD = Font(bold=True, color="FFFFFF")
_FILL = PatternFill("solid", fgColor="1F4E79")
_TEXT_FIELDS = {"kegiatan", "ro_code", "kabkota_code", "kecamatan_code", "komponen_code"}


def _sheet(wb, title, columns, example_rows, drop_downs: dict[str, list[str]]):
    ws = wb.create_sheet(title)
    for i, (field, header, _alts, width) in enumerate(columns, start=1):
        cell = ws.cell(row=1, column=i, value=header)
        cell.font, cell.fill = _HEAD, _FILL
        ws.column_dimensions[get_column_letter(i)].width = width
        if field in _TEXT_FIELDS:
            for r in range(2, 502):
                ws.cell(row=r, column=i).number_format = "@"
        if field in drop_downs:
            dv = DataValidation(type="list", formula1='"' + ",".join(drop_downs[field]) + '"', allow_blank=True)
            ws.add_data_validation(dv)
            col = get_column_letter(i)
            dv.add(f"{col}2:{col}500")
    for r, row in enumerate(example_rows, start=2):
        for c, value in enumerate(row, start=1):
            ws.cell(row=r, column=c, value=value)
    ws.freeze_panes = "A2"
    return ws


def write_template(path, *, example: bool = True) -> Path:
    wb = Workbook()
    help_ws = wb.active
    help_ws.title = layout.SHEET_HELP
    help_ws.column_dimensions["A"].width = 110
    for r, line in enumerate(layout.HELP_LINES, start=1):
        help_ws.cell(row=r, column=1, value=line)
    help_ws.cell(row=1, column=1).font = Font(bold=True, size=12)
    alloc_example = [["DK", "Program Pemberdayaan Sosial", "6288", "QDB", "6288.QDB.001", "Bimbingan Teknis TKSK", 100,
                      "orang", 500000000, "", ""] + [0, 0, 100000000, 0, 0, 200000000, 0, 0, 150000000, 0, 0, 50000000]]
    ind_example = [["6288.QDB.001", "TKSK yang mengikuti bimtek", "orang", 100, "higher", "sum"]]
    komp_example = [["6288.QDB.001", "051", "Persiapan", 50000000]]
    _sheet(wb, layout.SHEET_ALLOCATION, layout.ALLOCATION_COLUMNS, alloc_example if example else [],
           {"source": ["DK", "TP"], "unit": reference.units()})
    _sheet(wb, layout.SHEET_INDICATOR, layout.INDICATOR_COLUMNS, ind_example if example else [],
           {"indicator_polarity": ["higher", "lower"], "indicator_aggregation": ["sum", "last"]})
    _sheet(wb, layout.SHEET_KOMPONEN, layout.KOMPONEN_COLUMNS, komp_example if example else [], {})
    return save_workbook(wb, path)
