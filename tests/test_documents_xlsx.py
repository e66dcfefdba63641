"""Report workbooks and import templates read back with openpyxl."""
import datetime as dt
import os
from dataclasses import replace

import openpyxl
import pytest

from kemensos_desk.documents import atomic_write, sample
from kemensos_desk.documents.office import SAMPLE_OFFICE
from kemensos_desk.documents.xlsx import ReportWorkbook, XColumn
from kemensos_desk.documents.xlsx_template import TemplateColumn, write_import_template


def test_report_workbook_formats_and_header(tmp_path):
    path = sample.build_xlsx(tmp_path / "rekap.xlsx")
    ws = openpyxl.load_workbook(path).active
    assert ws["A1"].value == "DINAS SOSIAL KABUPATEN MAJALENGKA"
    assert ws["A2"].value == "Rekapitulasi Penerima Layanan SPM Bidang Sosial"
    assert ws["A3"].value == "Triwulan III Tahun 2026"
    assert ws["A4"].value.startswith("CONTOH / DEMO")
    assert [c.value for c in ws[6]][:3] == ["No.", "Kecamatan", "Jenis Layanan"]
    assert ws["A6"].font.bold and ws["A6"].fill.fgColor.rgb.endswith("DBE5F1")
    assert ws.freeze_panes == "A7" and ws.auto_filter.ref == "A6:H37"
    assert ws.print_title_rows == "$6:$6"
    assert ws.oddFooter.right.text == "Halaman &P dari &N" and ws.oddHeader.right.text.startswith("CONTOH / DEMO")
    first = ws[7]
    assert [c.number_format for c in first] == ["#,##0", "@", "@", "#,##0", "#,##0", "0.00%", '"Rp"#,##0',
                                                "d mmmm yyyy"]
    assert first[5].value == pytest.approx(1.375)  # 137,50% stored as a fraction
    assert first[6].value == 68_750_000 and first[7].value.date() == dt.date(2026, 9, 30)
    total = [c.value for c in ws[37]]
    assert total[0] == "Jumlah" and total[3] == 5335 and total[6] == 6_008_750_000 and ws["A37"].font.bold


def test_official_workbook_has_no_demo_line_and_f4_paper(tmp_path):
    book = ReportWorkbook(replace(SAMPLE_OFFICE, is_demo=False), paper="f4")
    s = book.sheet("Satu", "Judul", columns=[XColumn("Nilai", "number", decimals=3), XColumn("Tgl", "date_text"),
                                            XColumn("NIK", "text")])
    s.row([1.23456, dt.date(2026, 11, 23), 3210010101800001])
    s.note("Sumber: data Dinas Sosial.")
    second = book.sheet("Dua" * 20, "Judul 2", columns=[XColumn("A")], landscape=True)
    second.row(["x"])
    path = book.save(tmp_path / "b.xlsx")
    wb = openpyxl.load_workbook(path)
    ws = wb["Satu"]
    assert ws["A3"].value is None and ws["A4"].value == "Nilai"  # no period, no demo line
    assert ws["A5"].number_format == "#,##0.000" and ws["B5"].value == "23 November 2026"
    assert ws["C5"].value == "3210010101800001" and ws["C5"].number_format == "@"
    assert ws.page_setup.paperSize == 14
    assert len(wb.sheetnames[1]) == 31 and wb.worksheets[1].page_setup.orientation == "landscape"


def test_import_template_text_nik_dropdowns_and_petunjuk(tmp_path):
    long_list = [f"Kecamatan Nomor {i:02d}" for i in range(40)]
    cols = [TemplateColumn("NIK", "nik", required=True, note="16 angka"), TemplateColumn("Nama", required=True),
            TemplateColumn("Jenis Kelamin", choices=["L", "P"], required=True),
            TemplateColumn("Kecamatan", choices=long_list), TemplateColumn("Tanggal Lahir", "date"),
            TemplateColumn("Jumlah", "int")]
    path = write_import_template(tmp_path / "templat.xlsx", cols, title="Templat Impor Lansia",
                                 instructions=["Isi satu orang per baris."], office=SAMPLE_OFFICE, rows=50)
    wb = openpyxl.load_workbook(path)
    assert wb.sheetnames == ["Data", "Petunjuk", "Daftar"] and wb.active.title == "Data"
    assert wb["Daftar"].sheet_state == "hidden"
    data = wb["Data"]
    assert [c.value for c in data[1]] == ["NIK", "Nama", "Jenis Kelamin", "Kecamatan", "Tanggal Lahir", "Jumlah"]
    assert data["A1"].fill.fgColor.rgb.endswith("FCE4D6") and data["D1"].fill.fgColor.rgb.endswith("DBE5F1")
    assert data.freeze_panes == "A2"
    assert data["A2"].number_format == "@" and data["A51"].number_format == "@" and data["B2"].number_format == "@"
    assert data["E2"].number_format == "d mmmm yyyy"
    rules = {str(dv.sqref): dv for dv in data.data_validations.dataValidation}
    assert rules["C2:C51"].formula1 == '"L,P"' and rules["C2:C51"].allow_blank is False
    assert rules["D2:D51"].formula1 == "Daftar!$A$1:$A$40"
    assert [wb["Daftar"].cell(i, 1).value for i in (1, 40)] == [long_list[0], long_list[39]]
    assert rules["A2:A51"].type == "textLength" and rules["A2:A51"].errorStyle == "warning"
    petunjuk = [c.value for row in wb["Petunjuk"].iter_rows() for c in row if c.value]
    assert "1. Isi satu orang per baris." in petunjuk
    assert "2. Kolom dengan judul berwarna jingga wajib diisi." in petunjuk and "Petunjuk pengisian" in petunjuk
    assert any(str(v).startswith("CONTOH / DEMO") for v in petunjuk)
    assert "Pilihan: L, P" in petunjuk


def test_atomic_write_replaces_or_keeps(tmp_path):
    target = tmp_path / "a.bin"
    with atomic_write(target) as fh:
        fh.write(b"one")
    assert target.read_bytes() == b"one"
    with pytest.raises(RuntimeError):
        with atomic_write(target) as fh:
            fh.write(b"half")
            raise RuntimeError("power cut")
    assert target.read_bytes() == b"one" and [p.name for p in tmp_path.iterdir()] == ["a.bin"]
    if os.name == "posix":  # not the 0600 of a temp file: others in the office may open reports
        mask = os.umask(0)
        os.umask(mask)
        assert target.stat().st_mode & 0o777 == 0o666 & ~mask
