"""Laporan Triwulan / Tahunan dekon/TP as .xlsx through ``kemensos_desk.documents``: figures
stay numbers (money in rupiah, percentages as Excel percentages) so the ministry can add them up."""
from __future__ import annotations

from openpyxl.styles import PatternFill

from kemensos_desk.core import formatting
from kemensos_desk.core.nip import format_nip
from kemensos_desk.documents import OfficeInfo
from kemensos_desk.documents.xlsx import ReportWorkbook, XColumn
from kemensos_desk.services.dekon.report_data import ReportData, problem_text

LATE_FILL = PatternFill("solid", fgColor="FCE4D6")
MAIN = [XColumn("No.", "int", 5), XColumn("Kode RO", "text", 15), XColumn("Uraian RO", "text", 36),
        XColumn("Sumber", "text", 8), XColumn("Target Volume", "int", 10), XColumn("Satuan", "text", 9),
        XColumn("Realisasi Volume", "int", 10), XColumn("% Fisik", "percent", 10), XColumn("Pagu (Rp)", "rupiah", 18),
        XColumn("Realisasi (Rp)", "rupiah", 18), XColumn("% Keuangan", "percent", 10),
        XColumn("Permasalahan", "text", 40), XColumn("Tindak Lanjut", "text", 40)]


def write_xlsx(d: ReportData, path, paper: str = "a4"):
    book = ReportWorkbook(OfficeInfo.from_office(d.office), paper=paper)
    period = d.period
    sheet = book.sheet("Realisasi", d.title, columns=MAIN, period=period, landscape=True)
    for n, o in enumerate(d.doc["outputs"], start=1):
        probs, fus = problem_text(d.problems.get(o["ro"], []))
        sheet.row([n, o["ro"], o["name"], o["source"], o["target_volume"], o["unit"], o["realised_volume"],
                   o["physical_pct"], o["pagu"], o["spent"], o["financial_pct"], probs, fus])
    t = d.doc["totals"]
    sheet.row(["Jumlah", None, None, None, None, None, None, None, t["pagu"], t["spent"], t["financial_pct"], None, None],
              bold=True)
    sheet.note(f"{d.office.region_name}, {formatting.tanggal(d.made_on, 'id')} – Kepala Dinas Sosial: "
               f"{d.office.head_name}, NIP {format_nip(d.office.head_nip)}")
    sheet.finish()

    ind = book.sheet("Indikator", "Capaian Indikator Kinerja", period=period, columns=[
        XColumn("Kode RO", "text", 15), XColumn("Indikator", "text", 44), XColumn("Satuan", "text", 10),
        XColumn("Polaritas", "text", 22), XColumn("Target", "count", 12), XColumn("Realisasi", "count", 12),
        XColumn("Capaian", "percent", 12)])
    for o in d.doc["outputs"]:
        for i in o["indicators"]:
            ind.row([o["ro"], i["name"], i["unit"], "Makin rendah makin baik" if i["polarity"] == "lower"
                     else "Makin tinggi makin baik", i["target"], i["value"], i["achievement_pct"]])
    ind.finish()

    eff = book.sheet("Efisiensi", "Analisis Efisiensi", period=period, columns=[
        XColumn("Kode RO", "text", 15), XColumn("Uraian RO", "text", 44), XColumn("Capaian Kinerja", "percent", 14),
        XColumn("Penyerapan Anggaran", "percent", 14), XColumn("Selisih (poin)", "number", 12),
        XColumn("Keterangan", "text", 16)])
    for e in d.efficiency:
        eff.row([e["ro"] or "", e["name"], e["performance_pct"], e["absorption_pct"], e["gap"], e["verdict"] or "–"],
                bold=e["ro"] is None)
    eff.finish()

    plan = book.sheet("RPD vs Realisasi", "Rencana Penarikan Dana dan Realisasi per Bulan", period=period,
                      landscape=True, columns=[XColumn("Kode RO", "text", 15), XColumn("Baris", "text", 11)]
                      + [XColumn(formatting.nama_bulan(m, "id")[:3], "rupiah", 14) for m in range(1, 13)])
    for p in d.plan:
        plan.row([p["ro"], "RPD"] + [m["rpd"] for m in p["months"]])
        r = plan.row([p["ro"], "Realisasi"] + [m["spent"] for m in p["months"]])
        for m in p["months"]:
            if m["late"] and m["rpd_cum"]:
                plan.ws.cell(r, 2 + m["month"]).fill = LATE_FILL
    plan.note("Sel berwarna: realisasi kumulatif di bawah ambang RPD kumulatif (RO terlambat).")
    plan.finish()
    return book.save(path)
