"""Laporan Triwulan / Tahunan dekon/TP as PDF through ``kemensos_desk.documents``: kop surat,
the table per RO (target, realisation, %, pagu, realisation Rp, %, problems, follow-ups),
indicators, the efficiency analysis, charts and the Kepala Dinas' signature; A4 or F4, landscape.
"""
from __future__ import annotations

from reportlab.platypus import Paragraph

from kemensos_desk.core import formatting
from kemensos_desk.documents import OfficeInfo
from kemensos_desk.documents.blocks import esc
from kemensos_desk.documents.pdf import ReportDocument
from kemensos_desk.documents.styles import styles
from kemensos_desk.documents.tables import Column
from kemensos_desk.services.dekon.report_data import ReportData, problem_text

MAIN = [Column("No", 0.4, "center"), Column("Kode RO", 1.3), Column("Uraian RO", 2.0), Column("DK/ TP", 0.45, "center"),
        Column("Target", 0.85, "number"), Column("Realisasi", 0.85, "number"), Column("%", 0.72, "percent"),
        Column("Pagu (Rp)", 1.5, "rupiah"), Column("Realisasi (Rp)", 1.5, "rupiah"), Column("%", 0.72, "percent"),
        Column("Permasalahan", 1.85), Column("Tindak Lanjut", 1.85)]
INDICATORS = [Column("Kode RO", 1.0), Column("Indikator Kinerja", 3.2), Column("Polaritas", 1.4),
              Column("Target", 1.0, "number"), Column("Realisasi", 1.0, "number"), Column("Capaian", 0.9, "percent")]
EFFICIENCY = [Column("Kode RO", 1.0), Column("Uraian RO", 3.6), Column("Capaian Kinerja", 1.1, "percent"),
              Column("Penyerapan Anggaran", 1.1, "percent"), Column("Selisih (poin)", 0.9, "number"),
              Column("Keterangan", 1.0, "center")]


def _volume(value, unit: str) -> str:
    return formatting.jumlah(value, unit)  # "60 orang", never "60,00 orang"


def _multiline(text: str) -> Paragraph:
    return Paragraph(esc(text).replace("\n", "<br/>"), styles()["cell"])


def build(d: ReportData, paper: str = "a4") -> ReportDocument:
    upto = formatting.nama_bulan(3 * d.quarter if d.quarter else 12, "id")
    doc = ReportDocument(OfficeInfo.from_office(d.office), d.title,
                         subtitle=f"{d.period} (kumulatif sampai {upto} {d.year})",
                         paper=paper, landscape=True, printed_on=d.made_on)
    doc.heading("A. Realisasi Fisik dan Keuangan per Rincian Output (RO)")
    rows = []
    for n, o in enumerate(d.doc["outputs"], start=1):
        probs, fus = problem_text(d.problems.get(o["ro"], []))
        rows.append([n, o["ro"], o["name"], o["source"], _volume(o["target_volume"], o["unit"]),
                     _volume(o["realised_volume"], o["unit"]), o["physical_pct"], o["pagu"], o["spent"],
                     o["financial_pct"], _multiline(probs), _multiline(fus)])
    t = d.doc["totals"]
    doc.table(MAIN, rows, groups=[("Fisik", 4, 6), ("Keuangan", 7, 9)], font_size=7,
              totals=[["Jumlah", None, None, None, None, None, None, t["pagu"], t["spent"], t["financial_pct"], None, None]],
              total_label_span=7)
    ind_rows = [[o["ro"], i["name"], "makin rendah makin baik" if i["polarity"] == "lower" else "makin tinggi makin baik",
                 _volume(i["target"], i["unit"]), _volume(i["value"], i["unit"]), i["achievement_pct"]]
                for o in d.doc["outputs"] for i in o["indicators"]]
    if ind_rows:
        doc.heading("B. Capaian Indikator Kinerja")
        doc.paragraph("Capaian = realisasi / target × 100%; untuk indikator yang makin rendah makin baik: "
                      "target / realisasi × 100%. Capaian tidak dibatasi 100%.")
        doc.table(INDICATORS, ind_rows, font_size=7)
    doc.heading(("C" if ind_rows else "B") + ". Analisis Efisiensi")
    doc.paragraph("Analisis efisiensi membandingkan capaian kinerja (rata-rata capaian indikator, atau capaian fisik "
                  "bila RO tanpa indikator) dengan penyerapan anggaran.")
    eff_rows = [[e["ro"] or "", e["name"], e["performance_pct"], e["absorption_pct"], e["gap"], e["verdict"] or "–"]
                for e in d.efficiency[:-1]]
    last = d.efficiency[-1]
    doc.table(EFFICIENCY, eff_rows, font_size=7, total_label_span=2,
              totals=[["Jumlah", None, last["performance_pct"], last["absorption_pct"], last["gap"], last["verdict"] or "–"]])
    names = [o["ro"] for o in d.doc["outputs"]]
    doc.chart(names, [o["physical_pct"] for o in d.doc["outputs"]], caption="Grafik 1. Capaian fisik per RO",
              reference=100, reference_label="Target 100%")
    doc.chart(names, [o["financial_pct"] for o in d.doc["outputs"]], caption="Grafik 2. Penyerapan anggaran per RO",
              reference=100, reference_label="Pagu 100%")
    doc.signature()
    return doc


def write_pdf(d: ReportData, path, paper: str = "a4"):
    return build(d, paper).write(path)
