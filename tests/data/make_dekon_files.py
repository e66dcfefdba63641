"""Writes the dekon import test workbooks under tests/data/dekon/ with openpyxl directly
(never with the code under test). Run: python tests/data/make_dekon_files.py
"""
from __future__ import annotations

from pathlib import Path

from openpyxl import Workbook

HERE = Path(__file__).resolve().parent / "dekon"
MONTHS = ["Januari", "Februari", "Maret", "April", "Mei", "Juni", "Juli", "Agustus", "September", "Oktober",
          "November", "Desember"]
HEAD = ["Sumber Dana", "Program", "Kode Kegiatan", "KRO", "Kode RO", "Uraian RO", "Target Volume", "Satuan",
        "Pagu (Rp)", "Kode Kab/Kota", "Kode Kecamatan"] + [f"RPD {m}" for m in MONTHS]


def _rpd(**months):
    return [months.get(m.lower()[:3], None) for m in MONTHS]


def messy_good(path: Path) -> None:
    """An office's own workbook: title rows above the header, header in other case, blank rows,
    money as Indonesian text, a totals row at the bottom, indicator and komponen sheets."""
    wb = Workbook()
    ws = wb.active
    ws.title = "alokasi"
    ws.append(["ALOKASI DANA DEKONSENTRASI 2025"])
    ws.append([])
    ws.append([h.upper() if i % 2 else h for i, h in enumerate(HEAD)])
    ws.append(["DK", "Program Pemberdayaan Sosial", "6288", "QDB", "6288.QDB.001", "Bimbingan Teknis TKSK", 120, "orang",
               "540.000.000", "32.10", None] + _rpd(mar=200_000_000, mei=200_000_000, agu=140_000_000))
    ws.append([])
    ws.append(["dk", " Program Pemberdayaan Sosial ", "6288", "qea", "6288.qea.001", "Tali Asih TKSK", 12, "Bulan",
               1_881_000_000, None, None] + [156_750_000] * 12)
    ws.append(["TP", "Program Pemberdayaan Sosial", "6288", "QEB", "6288.QEB.002", "Bantuan Operasional LKS", "10",
               "lembaga", 250000000.0, "3210", "321001"] + _rpd(mei=125_000_000, agu=125_000_000))
    ws.append(["Jumlah", None, None, None, None, None, None, None, 2_671_000_000])
    ind = wb.create_sheet("Indikator")
    ind.append(["Kode RO", "Nama Indikator", "Satuan", "Target", "Polaritas", "Agregasi"])
    ind.append(["6288.QDB.001", "TKSK yang meningkat kapasitasnya", "orang", 120, "higher", "sum"])
    ind.append(["6288.QDB.001", "Persentase peserta tidak lulus", "persen", "10,5", "lower", "last"])
    komp = wb.create_sheet("Komponen")
    komp.append(["Kode RO", "Kode Komponen", "Uraian Komponen", "Pagu Komponen (Rp)"])
    komp.append(["6288.QDB.001", "051", "Persiapan", 40_000_000])
    komp.append(["6288.QDB.001", "052", "Pelaksanaan", 500_000_000])
    wb.save(path)


def bad(path: Path) -> None:
    """One good row and rows each wrong in a different way; the whole file must be refused."""
    wb = Workbook()
    ws = wb.active
    ws.title = "Alokasi"
    ws.append(HEAD)
    ws.append(["DK", "Program Pemberdayaan Sosial", "6288", "QDB", "6288.QDB.001", "Bimbingan Teknis TKSK", 120, "orang",
               540_000_000, None, None] + _rpd(mar=200_000_000))
    ws.append(["XX", "Program Pemberdayaan Sosial", "6288", "QDB", "6288.QDB.002", "Bimtek PSM", 100, "orang",
               380_000_000, None, None] + _rpd())  # row 3: unknown source
    ws.append(["DK", "Program Pemberdayaan Sosial", "6288", "QDB", "6288.QDC.003", "Bimtek Karang Taruna", -5, "orang",
               "tiga ratus juta", None, None] + _rpd())  # row 4: RO not matching KRO, negative, not a number
    ws.append(["DK", "Program Pemberdayaan Sosial", "6288", "QDB", "6288.QDB.001", "Duplikat", 10, "orang",
               10_000_000, None, None] + _rpd())  # row 5: duplicate RO
    ws.append(["DK", "Program Pemberdayaan Sosial", "6288", "QEA", "6288.QEA.001", "Tali Asih", 12, "bulan",
               100_000_000, "33.01", None] + _rpd(jan=90_000_000, feb=90_000_000))  # row 6: RPD > pagu, outside region
    ws.append(["DK", "", "6288", "QEB", "6288.QEB.001", "Bantuan IPSM", 1, "ekor", 150_000_000.5, None, None] + _rpd())
    ind = wb.create_sheet("Indikator")
    ind.append(["Kode RO", "Nama Indikator", "Satuan", "Target", "Polaritas", "Agregasi"])
    ind.append(["6288.QDB.001", "TKSK terlatih", "orang", 120, "naik", "sum"])  # row 2: bad polarity
    ind.append(["6288.QXX.009", "Tak bertuan", "orang", 1, "higher", "sum"])  # row 3: unknown RO
    wb.save(path)


if __name__ == "__main__":
    HERE.mkdir(parents=True, exist_ok=True)
    messy_good(HERE / "alokasi_berantakan.xlsx")
    bad(HERE / "alokasi_salah.xlsx")
    print("ditulis:", *sorted(p.name for p in HERE.glob("*.xlsx")))
