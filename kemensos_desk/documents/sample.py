"""A sample report that exercises the whole framework (tests, and a look at the layout).

``python -m kemensos_desk.documents.sample OUT_DIR`` writes ``contoh-a4.pdf``,
``contoh-f4.pdf`` and ``contoh.xlsx``. The figures are invented but plausible.
"""
from __future__ import annotations

import datetime as _dt
import sys
from dataclasses import replace
from pathlib import Path

from kemensos_desk.documents.office import SAMPLE_OFFICE, OfficeInfo

PRINTED_ON = _dt.date(2026, 11, 23)
_KECAMATAN = ("Lemahsugih", "Bantarujeg", "Cikijing", "Talaga", "Argapura", "Maja", "Majalengka", "Sukahaji",
              "Rajagaluh", "Leuwimunding", "Jatiwangi", "Ligung", "Kadipaten", "Sumberjaya", "Panyingkiran",
              "Palasah", "Cigasong", "Sindangwangi", "Banjaran", "Cingambul", "Kasokandel", "Sindang",
              "Malausma", "Dawuan", "Jatitujuh", "Kertajati")
SERVICES = ("Disabilitas dalam panti", "Anak telantar dalam panti", "Lanjut usia dalam panti",
            "Gelandangan dan pengemis dalam panti", "Korban bencana (provinsi)",
            "Disabilitas luar panti", "Anak telantar luar panti", "Lanjut usia luar panti",
            "Gelandangan dan pengemis luar panti", "Korban bencana (kabupaten/kota)")
INDEX = (100, 96.5, 104.25, 71.8, None, 88.0, 100, 112.5, 64.35, 92.1)


def sample_rows(n: int = 30) -> list[list]:
    """``n`` rows: No., kecamatan, layanan, sasaran, terlayani, capaian %, anggaran (Rp)."""
    rows = []
    for i in range(n):
        target = 40 + (i * 37) % 260
        served = target - (i * 13) % 45 + (15 if i % 7 == 0 else 0)
        rows.append([i + 1, _KECAMATAN[i % len(_KECAMATAN)], SERVICES[5 + i % 5], target, served,
                     served / target * 100, 1_250_000 * served + 500_000 * (i % 3)])
    return rows


def columns():
    from kemensos_desk.documents.tables import Column

    return [Column("No.", 0.45, "center"), Column("Kecamatan", 1.5), Column("Jenis Layanan", 2.4),
            Column("Sasaran (orang)", 1.0, "int"), Column("Terlayani (orang)", 1.0, "int"),
            Column("Capaian", 0.95, "percent"), Column("Anggaran (Rp)", 1.6, "rupiah")]


def build_pdf(path, paper: str = "a4", office: OfficeInfo = SAMPLE_OFFICE, rows: int = 30) -> Path:
    from kemensos_desk.documents.pdf import ReportDocument

    data = sample_rows(rows)
    doc = ReportDocument(office, "Rekapitulasi Penerima Layanan SPM Bidang Sosial",
                         subtitle="Triwulan III Tahun 2026 (1 Januari – 30 September 2026)",
                         paper=paper, printed_on=PRINTED_ON)
    doc.heading("A. Penerima Layanan per Kecamatan")
    total_target = sum(r[3] for r in data)
    total_served = sum(r[4] for r in data)
    doc.table(columns(), data, groups=[("Penerima Layanan", 3, 5)], numbered=True,
              totals=[["Jumlah", None, None, total_target, total_served, total_served / total_target * 100,
                       sum(r[6] for r in data)]], total_label_span=3)
    doc.chart(SERVICES, INDEX, caption="B. Indeks Capaian per Jenis Layanan Dasar",
              reference=100, reference_label="Target 100%")
    doc.paragraph("Capaian dihitung kumulatif sampai akhir triwulan; tanda – berarti tidak ada warga "
                  "yang berhak menerima layanan pada periode ini.", "note")
    doc.signature()
    return doc.write(path)


def build_xlsx(path, office: OfficeInfo = SAMPLE_OFFICE, rows: int = 30) -> Path:
    from kemensos_desk.documents.xlsx import ReportWorkbook, XColumn

    book = ReportWorkbook(office)
    sheet = book.sheet("Rekap", "Rekapitulasi Penerima Layanan SPM Bidang Sosial", period="Triwulan III Tahun 2026",
                       columns=[XColumn("No.", "int", 6), XColumn("Kecamatan", "text", 18),
                                XColumn("Jenis Layanan", "text", 34), XColumn("Sasaran", "int", 12),
                                XColumn("Terlayani", "int", 12), XColumn("Capaian", "percent", 11),
                                XColumn("Anggaran", "rupiah", 18), XColumn("Tanggal Data", "date", 18)])
    for r in sample_rows(rows):
        sheet.row(r + [_dt.date(2026, 9, 30)])
    sheet.total_row(["Jumlah"], sum_columns=[3, 4, 6])
    return book.save(path)


def main(argv: list[str]) -> int:
    out = Path(argv[0] if argv else ".")
    for paper in ("a4", "f4"):
        print(build_pdf(out / f"contoh-{paper}.pdf", paper))
    print(build_pdf(out / "contoh-resmi-a4.pdf", "a4", replace(SAMPLE_OFFICE, is_demo=False)))
    print(build_xlsx(out / "contoh.xlsx"))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
