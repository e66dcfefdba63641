"""PDF side of the SPM documents, on the shared framework (``kemensos_desk/documents``):
the quarterly/annual report (kop surat, tables, a chart of the index per service,
signature of the Kepala Dinas, "Halaman x dari y") and the printable distribution list
(*daftar penerima*) with a signature / thumbprint column.
"""
from __future__ import annotations

import datetime as _dt
from pathlib import Path

from reportlab.lib.units import mm
from reportlab.platypus import CondPageBreak, TableStyle

from kemensos_desk.documents import OfficeInfo
from kemensos_desk.documents.pdf import ReportDocument
from kemensos_desk.documents.tables import Column, data_table
from kemensos_desk.services.spm.report_data import ReportData

SUMMARY = [Column("No.", 0.45, "center"), Column("Jenis pelayanan dasar", 3.6), Column("Harus dilayani", 1.0, "int"),
           Column("Terlayani sesuai standar", 1.1, "int"), Column("Penerima", 1.0, "percent"),
           Column("Mutu", 1.0, "percent"), Column("Indeks", 0.9, "number"), Column("Kategori", 1.3),
           Column("Alokasi APBD", 1.6, "rupiah"), Column("Realisasi APBD", 1.6, "rupiah")]
COMPONENTS = [Column("No.", 0.45, "center"), Column("Komponen mutu", 5.0), Column("Kebutuhan", 1.3),
              Column("Membutuhkan (orang)", 1.2, "int"), Column("Menerima (orang)", 1.2, "int"),
              Column("Capaian", 1.0, "percent")]
PROBLEMS = [Column("Jenis pelayanan dasar", 3.0), Column("Permasalahan", 3.0), Column("Solusi", 3.0)]
DISASTERS = [Column("No.", 0.45, "center"), Column("Tanggal", 1.4, "date"), Column("Jenis bencana", 1.5),
             Column("Kecamatan", 1.4), Column("Jiwa", 0.8, "int"), Column("KK", 0.8, "int"),
             Column("Kelompok rentan", 1.0, "int"), Column("Psikososial", 1.0, "int"), Column("Lokasi", 1.8)]
STAGES = [Column("No.", 0.45, "center"), Column("Tahapan", 3.0), Column("Status", 1.3), Column("Catatan", 6.0)]
ACTIONS = [Column("No.", 0.45, "center"), Column("Aksi", 8.0), Column("Tenggat", 1.8, "date")]
NEED_LABEL = {"wajib": "wajib", "asesmen": "sesuai asesmen"}


def office_info(data: ReportData) -> OfficeInfo:
    return OfficeInfo.from_office(data.office)


def write_pdf(data: ReportData, out: Path, paper: str = "a4") -> Path:
    doc = ReportDocument(office_info(data), data.title, subtitle=data.period_label, paper=paper, landscape=True,
                         printed_on=data.generated_on, rules_version=data.rules_version)
    doc.heading("A. Capaian per jenis pelayanan dasar")
    if data.frozen_note:
        doc.paragraph(data.frozen_note)
    rows = []
    for i, sec in enumerate(data.services, start=1):
        f, b = sec.figures, sec.budget or {}
        rows.append([i, sec.name, f["entitled"], f["served"], f["recipient_pct"], f["quality_pct"], f["index"],
                     f["band"] or "–", b.get("allocated"), b.get("spent")])
    doc.table(SUMMARY, rows, groups=[("Capaian (%)", 4, 5)])
    doc.paragraph(f"{data.formula} (bobot dari aturan SPM versi {data.rules_version}). Kategori: {data.legend}. "
                  "Kategori dibaca dari indeks sebelum dibulatkan. Triwulan bersifat kumulatif sejak 1 Januari; "
                  "tanda – berarti tidak ada warga yang berhak pada periode ini.", "note")
    doc.chart([sec.name for sec in data.services], [sec.figures["index"] for sec in data.services],
              caption="B. Indeks capaian per jenis pelayanan dasar", reference=100, reference_label="Target 100",
              value_format=lambda v: f"{v:.2f}".replace(".", ","), max_value=100)
    doc.heading("C. Permasalahan dan solusi")
    doc.table(PROBLEMS, [[sec.name, (sec.budget or {}).get("problems") or "–", (sec.budget or {}).get("solutions") or "–"]
                         for sec in data.services])
    doc.heading("Tahapan Penerapan SPM")
    doc.table(STAGES, [[i, st["name"], st["status_name"], st["note"] or "–"]
                       for i, st in enumerate(data.stages, start=1)])
    doc.heading("Rencana Aksi")
    plan = data.action_plan or {}
    for d in plan.get("documents", []):
        doc.paragraph(f"Dokumen rencana aksi terlampir: {d['name']}.")
    if plan.get("actions"):
        doc.table(ACTIONS, [[i, a["action"], a["due"]] for i, a in enumerate(plan["actions"], start=1)])
    elif not plan.get("documents"):
        doc.paragraph("Belum ada rencana aksi untuk tahun ini.", "note")
    doc.signature()
    doc.heading("Lampiran I. Capaian mutu per komponen", new_page=True)
    for sec in data.services:
        doc.heading(sec.name, level=1)
        doc.table(COMPONENTS, [[i, c["name"], NEED_LABEL[c["need"]], c["needing"], c["received"], c["pct"]]
                               for i, c in enumerate(sec.components, start=1)])
    if data.disasters:
        doc.heading("Lampiran II. Kejadian bencana", new_page=True)
        doc.table(DISASTERS, [[i, e["event_date"], e["disaster_type"], e["kecamatan"], e["jiwa"], e["kk"],
                               e["vulnerable"], e["psychosocial"], e["location"] or ""]
                              for i, e in enumerate(data.disasters, start=1)])
    return doc.write(out)


SIGN_WIDTH = 30 * mm  # room for a signature or a thumbprint


def _distribution_columns(width: float) -> list[Column]:
    """No., name, NIK, address, quantity, and a signature/thumbprint column of 3 cm."""
    cols = [Column("No.", 0.55, "center"), Column("Nama", 2.0), Column("NIK", 1.6), Column("Alamat", 2.6),
            Column("Jumlah", 1.0, "center")]
    shares = sum(c.width for c in cols)
    return cols + [Column("Tanda tangan / cap jempol", shares * SIGN_WIDTH / (width - SIGN_WIDTH), fixed=True)]


def write_distribution_list(out: Path, office: OfficeInfo, title: str, subtitle: str, rows: list[dict],
                            paper: str = "a4", printed_on: _dt.date | None = None) -> Path:
    """*Daftar penerima*: per desa, name, NIK, address and quantity, with room to sign or press a thumb.
    The component is named once, in the subtitle; rows come sorted by kecamatan, desa and name."""
    doc = ReportDocument(office, title, subtitle=subtitle, paper=paper, landscape=False, printed_on=printed_on)
    columns = _distribution_columns(doc.width)
    groups: dict[tuple[str, str], list[dict]] = {}
    for r in rows:
        groups.setdefault((r.get("kecamatan") or "", r.get("desa") or ""), []).append(r)
    for (kecamatan, desa), people in groups.items():
        place = " · ".join(x for x in (f"Desa/Kelurahan {desa}" if desa else "", f"Kecamatan {kecamatan}"
                                       if kecamatan else "") if x) or "Alamat belum lengkap"
        doc.add(CondPageBreak(30 * mm))  # a desa's heading never alone at the foot of a page
        doc.paragraph(f"{place} ({len(people)} orang)", "h3")
        table = data_table(columns, [[i, r["name"], r["nik"] or "(tanpa NIK)", r["address"] or "–", r["quantity"], ""]
                                     for i, r in enumerate(people, start=1)], doc.width, zebra=False)
        # Room to sign or press a thumb, however short the address.
        table.setStyle(TableStyle([("BOTTOMPADDING", (0, 1), (-1, -1), 7 * mm), ("VALIGN", (0, 1), (-1, -1), "TOP")]))
        doc.add(table)
        doc.spacer(3)
    doc.paragraph(f"Jumlah penerima: {len(rows)} orang.")
    doc.signature()
    return doc.write(out)
