"""Quarterly and annual reports read back: xlsx figures with openpyxl, PDF text with pdftotext."""
from __future__ import annotations

import shutil
import subprocess
from decimal import Decimal

import pytest
from openpyxl import load_workbook
from pypdf import PdfReader

from kemensos_desk.core.errors import Refused
from kemensos_desk.services.dekon import activity, monthly, reports
from kemensos_desk.services.dekon.monthly import MonthEntry
from test_dekon_support import ADMIN, TODAY, YEAR, make_office, office_with_allocations


@pytest.fixture()
def filled(tmp_path):
    ws = office_with_allocations(tmp_path)
    for month, vol, spent in ((2, 30, 120_000_000), (5, 40, 150_000_000), (8, 40, 180_000_000)):
        monthly.record(ws, ADMIN, MonthEntry(YEAR, "6288.QDB.001", month, vol, spent, indicator_values={
            "TKSK terlatih": Decimal(vol), "Persentase peserta tidak lulus": Decimal("8")},
            over_target_note="Peserta tambahan" if month == 8 else None), today=TODAY)
    for month in range(1, 7):
        monthly.record(ws, ADMIN, MonthEntry(YEAR, "6288.QEA.002", month, 50 if month == 1 else 0, 25_000_000),
                       today=TODAY)
    pid = activity.add_problem(ws, ADMIN, YEAR, "6288.QDB.001", 5, "Narasumber berhalangan hadir", today=TODAY)
    activity.add_follow_up(ws, ADMIN, pid, 6, "Jadwal ulang dengan narasumber pengganti", "berjalan", today=TODAY)
    return ws


def test_quarter_xlsx_figures(filled, tmp_path):
    out = reports.write_report(filled, YEAR, 2, tmp_path / "tw2.xlsx", today=TODAY)
    wb = load_workbook(out)
    ws = wb["Realisasi"]
    assert "TRIWULAN II" in ws["A2"].value and ws["A3"].value == "Triwulan II Tahun 2025"
    head = next(r for r in range(1, 20) if ws.cell(row=r, column=2).value == "Kode RO")
    row1 = [ws.cell(row=head + 1, column=c).value for c in range(1, 14)]
    assert row1[1] == "6288.QDB.001" and row1[4] == 100 and row1[6] == 70 and row1[7] == pytest.approx(0.70)
    assert (row1[8], row1[9], row1[10]) == (500_000_000, 270_000_000, pytest.approx(0.54))
    assert ws.cell(row=head + 1, column=8).number_format == "0.00%"
    assert "Narasumber berhalangan hadir (Terbuka)" in row1[11] and "Jadwal ulang" in row1[12]
    row2 = [ws.cell(row=head + 2, column=c).value for c in range(1, 12)]
    assert (row2[6], row2[7], row2[9], row2[10]) == (50, pytest.approx(1.0), 150_000_000, pytest.approx(0.5))
    total = [ws.cell(row=head + 3, column=c).value for c in range(1, 12)]
    assert (total[0], total[8], total[9], total[10]) == ("Jumlah", 800_000_000, 420_000_000, pytest.approx(0.525))

    def data(sheet):
        rows = [[c.value for c in r] for r in wb[sheet].iter_rows()]
        start = next(i for i, r in enumerate(rows) if r[0] == "Kode RO")
        return [r for r in rows[start + 1:] if r[1] is not None]
    ind = data("Indikator")
    assert ind[0][1] == "TKSK terlatih" and ind[0][6] == pytest.approx(0.70)
    assert ind[1][6] == pytest.approx(1.25)  # lower is better: 10 / 8 × 100
    eff = data("Efisiensi")
    assert eff[0][2] == pytest.approx(0.975) and eff[0][3] == pytest.approx(0.54) and eff[-1][1] == "Jumlah"


def test_annual_pdf_a4_and_f4(filled, tmp_path):
    a4 = reports.write_report(filled, YEAR, None, tmp_path / "tahunan.pdf", today=TODAY)
    f4 = reports.write_report(filled, YEAR, 1, tmp_path / "tw1.pdf", paper="f4", today=TODAY)
    box = PdfReader(str(a4)).pages[0].mediabox
    assert (round(float(box.width)), round(float(box.height))) == (842, 595)
    box = PdfReader(str(f4)).pages[0].mediabox
    assert (round(float(box.width) / 72 * 25.4), round(float(box.height) / 72 * 25.4)) == (330, 215)
    if shutil.which("pdftotext"):
        text = subprocess.run(["pdftotext", "-layout", str(a4), "-"], capture_output=True, text=True).stdout
    else:
        text = "\n".join(p.extract_text() for p in PdfReader(str(a4)).pages)
    assert "LAPORAN TAHUNAN" in text and "PEMERINTAH PROVINSI JAWA BARAT" in text
    assert "110,00%" in text and "90,00%" in text  # 110 of 100 orang; Rp450 juta of Rp500 juta
    assert "Rp450.000.000" in text and "Narasumber" in text  # the problem column wraps its text
    assert "Halaman 1 dari" in text and "NIP 19720514 199803 2 004" in text
    assert "Analisis Efisiensi" in text and "125,00%" in text
    assert "23 November" not in text and "15 Januari 2026" in text


def test_report_without_allocations_refused(tmp_path):
    ws = make_office(tmp_path)
    with pytest.raises(Refused, match="Belum ada alokasi"):
        reports.write_report(ws, YEAR, 1, tmp_path / "x.pdf")
