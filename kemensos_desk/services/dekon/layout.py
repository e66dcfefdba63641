"""The allocation workbook's layout, shared by the template and the import: sheets, columns
(with the header variants offices write) and the field each column feeds.
"""
from __future__ import annotations

from kemensos_desk.core.formatting import BULAN

SHEET_ALLOCATION = "Alokasi"
SHEET_INDICATOR = "Indikator"
SHEET_KOMPONEN = "Komponen"
SHEET_HELP = "Petunjuk"

# (field, printed header, other spellings accepted, width)
ALLOCATION_COLUMNS = [
    ("source", "Sumber Dana", ["sumber", "sumber dana (dk/tp)", "dk/tp"], 12),
    ("program", "Program", ["nama program"], 30),
    ("kegiatan", "Kode Kegiatan", ["kegiatan", "kode keg"], 12),
    ("kro", "KRO", ["kode kro"], 8),
    ("ro_code", "Kode RO", ["ro", "kode rincian output", "rincian output"], 16),
    ("name", "Uraian RO", ["nama ro", "uraian", "uraian rincian output"], 40),
    ("target_volume", "Target Volume", ["volume", "target"], 12),
    ("unit", "Satuan", ["satuan volume"], 10),
    ("pagu", "Pagu (Rp)", ["pagu", "pagu anggaran", "pagu (rupiah)"], 18),
    ("kabkota_code", "Kode Kab/Kota", ["kabupaten/kota", "kode kabupaten/kota", "kab/kota"], 14),
    ("kecamatan_code", "Kode Kecamatan", ["kecamatan"], 14),
] + [(f"rpd_{m}", f"RPD {BULAN[m - 1]}", [f"rpd {BULAN[m - 1][:3]}", f"rpd {m}"], 16) for m in range(1, 13)]

INDICATOR_COLUMNS = [
    ("ro_code", "Kode RO", ["ro"], 16),
    ("indicator_name", "Nama Indikator", ["indikator"], 40),
    ("indicator_unit", "Satuan", ["satuan indikator"], 10),
    ("indicator_target", "Target", ["target indikator"], 12),
    ("indicator_polarity", "Polaritas", ["polaritas (higher/lower)"], 12),
    ("indicator_aggregation", "Agregasi", ["agregasi (sum/last)"], 12),
]

KOMPONEN_COLUMNS = [
    ("ro_code", "Kode RO", ["ro"], 16),
    ("komponen_code", "Kode Komponen", ["komponen"], 14),
    ("komponen_name", "Uraian Komponen", ["uraian"], 40),
    ("komponen_pagu", "Pagu Komponen (Rp)", ["pagu", "pagu komponen"], 18),
]

REQUIRED = {"source", "program", "kegiatan", "kro", "ro_code", "name", "target_volume", "unit", "pagu"}

HELP_LINES = [
    "Templat alokasi dana dekonsentrasi (DK) dan tugas pembantuan (TP).",
    "Lembar 'Alokasi': satu baris per RO (rincian output). Kolom wajib: Sumber Dana, Program, Kode Kegiatan,",
    "KRO, Kode RO, Uraian RO, Target Volume, Satuan, Pagu (Rp).",
    "Sumber Dana: DK (dekonsentrasi, hanya dinas provinsi) atau TP (tugas pembantuan).",
    "Kode RO ditulis kegiatan.KRO.nomor, mis. 6288.QDB.001; harus sesuai Kode Kegiatan dan KRO.",
    "Pagu dan RPD ditulis dalam rupiah bulat tanpa desimal; jumlah RPD tidak boleh melebihi pagu.",
    "Kode wilayah mengikuti Kemendagri: kabupaten/kota 32.10, kecamatan 32.10.01.",
    "Lembar 'Indikator': indikator kinerja per RO. Polaritas: higher (makin tinggi makin baik) atau lower",
    "(makin rendah makin baik). Agregasi: sum (dijumlahkan per bulan) atau last (nilai bulan terakhir).",
    "Lembar 'Komponen' (boleh kosong): rincian komponen per RO.",
    "Jika satu baris saja salah, seluruh berkas ditolak dan setiap kesalahan disebutkan baris dan kolomnya.",
]


# Rules that concern several columns at once, named as the operator reads them.
_COMBINED = {"rpd": "RPD (jumlah)", "komponen": "Komponen (jumlah pagu)"}


def field_header(columns, field: str) -> str:
    for f, header, _alts, _w in columns:
        if f == field:
            return header
    return _COMBINED.get(field, field)
