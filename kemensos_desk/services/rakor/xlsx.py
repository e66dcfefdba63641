"""The proposals for year N+1 as .xlsx for the ministry's compilation, with the capaian
tables of N−1 on the following sheets. Cells hold real numbers (integer rupiah); the
region code is on every proposal row so the ministry can stack many offices' sheets.
"""
from __future__ import annotations

from pathlib import Path

from kemensos_desk.core import labels, rakor as rules
from kemensos_desk.documents import OfficeInfo
from kemensos_desk.documents.xlsx import ReportWorkbook, XColumn
from kemensos_desk.services.rakor import material as rakor_material
from kemensos_desk.services.workspace import Workspace


def _pct(value):
    return None if value in (None, "") else float(value)


def build(m: dict, office: OfficeInfo, region_code: str) -> ReportWorkbook:
    year = m["year"]
    book = ReportWorkbook(office)
    status = "Disetujui verifikator" if m["status"] == "approved" else "Rancangan (belum disetujui)"
    sheet = book.sheet(f"Usulan {year + 1}", rules.part_title("usulan", year), period=f"Rakor Tahun {year} · {status}",
                       landscape=True, columns=[
                           XColumn("No.", "int", 6), XColumn("Kode Wilayah", "text", 12),
                           XColumn("RO/Kegiatan", "text", 36), XColumn("Uraian", "text", 40),
                           XColumn("Volume", "int", 10), XColumn("Satuan", "text", 10),
                           XColumn("Harga Satuan (Rp)", "rupiah", 18), XColumn("Jumlah (Rp)", "rupiah", 20),
                           XColumn("Lokasi", "text", 22), XColumn("Prioritas", "text", 10),
                           XColumn("Justifikasi", "text", 40), XColumn("Kesenjangan Terukur", "text", 34)])
    for n, p in enumerate(m["proposals"], start=1):
        sheet.row([n, region_code, p["ro"], p["description"], p["volume"], p["unit"], p["unit_cost"], p["total"],
                   p["location"], rules.PRIORITIES.get(p["priority"], ""), p["justification"], p.get("gap_text") or ""])
    sheet.total_row(["Jumlah"], sum_columns=[7])

    prev = year - 1
    dekon = book.sheet(f"Capaian Dekon-TP {prev}", rules.part_title("capaian_dekon", year), landscape=True, columns=[
        XColumn("No.", "int", 6), XColumn("Kode RO", "text", 14), XColumn("Sumber", "text", 8),
        XColumn("Rincian Output", "text", 44), XColumn("Satuan", "text", 10), XColumn("Target", "int"),
        XColumn("Realisasi", "int"), XColumn("Fisik", "percent"), XColumn("Pagu (Rp)", "rupiah"),
        XColumn("Realisasi (Rp)", "rupiah"), XColumn("Keuangan", "percent")])
    for n, o in enumerate(m["dekon"]["outputs"], start=1):
        dekon.row([n, o["ro"], o["source"], o["name"], o["unit"], o["target_volume"], o["realised_volume"],
                   _pct(o["physical_pct"]), o["pagu"], o["spent"], _pct(o["financial_pct"])])
    totals = m["dekon"]["totals"]
    dekon.total_row(["Jumlah", None, None, None, None, None, None, None, totals["pagu"], totals["spent"],
                     _pct(totals["financial_pct"])])

    spm = book.sheet(f"Capaian SPM {prev}", rules.part_title("capaian_spm", year), landscape=True, columns=[
        XColumn("No.", "int", 6), XColumn("Kelompok Sasaran", "text", 22), XColumn("Jenis Pelayanan Dasar", "text", 50),
        XColumn("Berhak", "int"), XColumn("Terlayani", "int"), XColumn("Penerima", "percent"),
        XColumn("Mutu", "percent"), XColumn("Indeks", "number"), XColumn("Kategori", "text", 16)])
    for n, s in enumerate(m["spm"], start=1):
        spm.row([n, labels.service(s["code"]), s["name"], s["entitled"], s["served"], _pct(s["recipient_pct"]), _pct(s["quality_pct"]),
                 _pct(s["index"]), s["band"] or ""])
    return book


def write_xlsx(ws: Workspace, year: int, out) -> Path:
    m = rakor_material.material(ws, year)
    office = ws.office()
    return build(m, OfficeInfo.from_office(office), office.region_code).save(Path(out))
