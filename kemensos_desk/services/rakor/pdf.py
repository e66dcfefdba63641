"""The printed Bahan Rakor: cover with kop surat, table of contents, one chapter per part,
tables with repeated headers, charts, signature of the Kepala Dinas; A4 or F4.

Built on ``kemensos_desk.documents.ReportDocument`` from the material of
``services.rakor.material`` (the approved snapshot once the verifikator has approved).
"""
from __future__ import annotations

import datetime as _dt
from pathlib import Path

from reportlab.lib.styles import ParagraphStyle
from reportlab.platypus import Paragraph

from kemensos_desk.core import formatting as fmt
from kemensos_desk.core import rakor as rules
from kemensos_desk.documents import Column, OfficeInfo, ReportDocument
from kemensos_desk.documents.blocks import esc
from kemensos_desk.documents.styles import styles
from kemensos_desk.services.rakor import material as rakor_material
from kemensos_desk.services.spm import reference
from kemensos_desk.services.workspace import Workspace

TITLE = "Bahan Rapat Koordinasi Perencanaan Kesejahteraan Sosial Tingkat Daerah Tahun {year}"
CHAPTERS = ("BAB I", "BAB II", "BAB III", "BAB IV", "BAB V")
LAWS = ("Undang-Undang Nomor 11 Tahun 2009 tentang Kesejahteraan Sosial;",
        "Peraturan Pemerintah Nomor 2 Tahun 2018 tentang Standar Pelayanan Minimal;",
        "Peraturan Menteri Sosial Nomor 2 Tahun 2014 tentang Penyusunan Rancangan Rencana Kerja Kementerian "
        "Sosial;",
        "Peraturan Menteri Sosial Nomor 9 Tahun 2018 tentang Standar Teknis Pelayanan Dasar pada Standar Pelayanan "
        "Minimal Bidang Sosial di Daerah Provinsi dan di Daerah Kabupaten/Kota.")


def _pct(value):
    return None if value in (None, "") else float(value)


def _cell_style() -> ParagraphStyle:
    """Table text at the tables' 7.5 pt, for cells written with markup (bold code, italic notes)."""
    return ParagraphStyle("rakor_cell", parent=styles()["cell"], fontSize=7.5, leading=9.4)


def _rest(doc: ReportDocument, fixed: float) -> float:
    """The width left for the text column after the fixed figure columns (points)."""
    return max(90.0, doc.width - fixed)


def _renstra(doc: ReportDocument, m: dict) -> None:
    r = m["renstra"]
    if r is None:
        doc.paragraph("Renstra Dinas yang mencakup tahun ini belum diisi.", "note")
        return
    doc.paragraph(f"Rencana Strategis (Renstra) {doc.office.full_name} periode {r['period_start']}–{r['period_end']} "
                  "menjadi acuan arah kebijakan, program dan kegiatan penyelenggaraan kesejahteraan sosial di daerah.")
    doc.heading("A. Visi", 1).paragraph(f"“{r['vision']}”", "body")
    doc.heading("B. Misi", 1)
    for n, mission in enumerate(r["missions"], start=1):
        doc.paragraph(f"{n}. {mission}", "body_left")
    doc.heading("C. Tujuan, Sasaran, Indikator dan Target Lima Tahun", 1)
    rows = []
    for g_no, g in enumerate(r["goals"], start=1):
        for t_no, t in enumerate(g["targets"] or [{}], start=1):
            rows.append([f"{g_no}" if t_no == 1 else "", g["goal"] if t_no == 1 else "", t.get("target", ""),
                         t.get("indicator", ""), t.get("unit", ""), t.get("baseline", ""), t.get("target_5y", "")])
    cols = [Column("No.", 0.55, "center"), Column("Tujuan", 2.3), Column("Sasaran", 2.3), Column("Indikator", 2.5),
            Column("Satuan", 0.9, "center"), Column("Kondisi Awal", 1.0, "center"),
            Column(f"Target {r['period_end']}", 1.0, "center")]
    doc.table(cols, rows, font_size=7.5, zebra=False)


def _dekon(doc: ReportDocument, m: dict, prev: int) -> None:
    outputs, totals = m["dekon"]["outputs"], m["dekon"]["totals"]
    if not outputs:
        doc.paragraph(f"Belum ada data realisasi dekonsentrasi/tugas pembantuan tahun {prev}.", "note")
    else:
        doc.paragraph(f"Capaian kinerja program dan kegiatan kesejahteraan sosial melalui dekonsentrasi/tugas "
                      f"pembantuan tahun {prev} per rincian output (RO), keadaan akhir Desember {prev}. Jumlah pagu "
                      f"{fmt.rupiah(totals['pagu'])} dengan realisasi {fmt.rupiah(totals['spent'])} "
                      f"({fmt.persen(totals['financial_pct'])}).")
        # widths in points, sized to the widest figure; the description takes what is left
        cols = [Column("No.", 22, "center"), Column("Rincian Output (RO)", _rest(doc, 324)),
                Column("Target", 36, "int"), Column("Realisasi", 48, "int"), Column("Fisik (%)", 38, "number"),
                Column("Pagu (Rp)", 64, "int"), Column("Realisasi (Rp)", 64, "int"), Column("Keuangan (%)", 52, "number")]
        rows = [[n, Paragraph(f"<b>{esc(o['ro'])}</b> ({esc(o['source'])})<br/>{esc(o['name'])}<br/>"
                              f"<i>Satuan: {esc(o['unit'])}</i>", _cell_style()), o["target_volume"],
                 o["realised_volume"], _pct(o["physical_pct"]), o["pagu"], o["spent"], _pct(o["financial_pct"])]
                for n, o in enumerate(outputs, start=1)]
        doc.table(cols, rows, groups=[("Volume", 2, 4), ("Anggaran", 5, 7)], numbered=True, font_size=7.5,
                  totals=[["Jumlah", None, None, None, None, totals["pagu"], totals["spent"],
                           _pct(totals["financial_pct"])]], total_label_span=5)
        labels = [f"{o['ro']} {o['name']}" for o in outputs]
        doc.chart(labels, [_pct(o["physical_pct"]) for o in outputs], reference=100, reference_label="Target 100%",
                  caption=f"Grafik 1. Capaian fisik per RO tahun {prev}", label_chars=44)
        doc.chart(labels, [_pct(o["financial_pct"]) for o in outputs], reference=100, reference_label="Pagu 100%",
                  caption=f"Grafik 2. Penyerapan anggaran per RO tahun {prev}", label_chars=44)
    doc.heading("Uraian Capaian", 1)
    doc.paragraph(m["dekon_narrative"] or "(uraian belum diisi)")


def _spm(doc: ReportDocument, m: dict, prev: int) -> None:
    services = m["spm"]
    if not any((s["entitled"] or 0) > 0 for s in services):  # every service listed, nobody entitled yet
        doc.paragraph(f"Belum ada data capaian SPM Bidang Sosial tahun {prev}.", "note")
    else:
        doc.paragraph(f"Capaian Standar Pelayanan Minimal (SPM) Bidang Sosial tahun {prev} per jenis pelayanan dasar: "
                      "jumlah penerima yang berhak, yang terlayani sesuai standar, persentase penerima dan mutu, "
                      "indeks capaian dan kategori ketuntasan.")
        cols = [Column("No.", 22, "center"), Column("Jenis Pelayanan Dasar", _rest(doc, 350)), Column("Berhak", 40, "int"),
                Column("Terlayani", 50, "int"), Column("Belum Terlayani", 50, "int"),
                Column("Penerima (%)", 50, "number"), Column("Mutu (%)", 36, "number"), Column("Indeks", 36, "number"),
                Column("Kategori", 66, "center")]
        rows = [[n, s["name"], s["entitled"], s["served"], max(0, (s["entitled"] or 0) - (s["served"] or 0)),
                 _pct(s["recipient_pct"]), _pct(s["quality_pct"]), _pct(s["index"]), s["band"] or ""]
                for n, s in enumerate(services, start=1)]
        doc.table(cols, rows, groups=[("Jumlah (orang/jiwa)", 2, 4), ("Capaian", 5, 7)], numbered=True,
                  font_size=7.5)
        top = max(reference.load().bands, key=lambda b: b.min)  # the band the chart aims at, from the rules
        doc.chart([s["name"] for s in services], [_pct(s["index"]) for s in services], reference=float(top.min),
                  reference_label=f"{top.name} {fmt.angka(top.min)}", value_format=lambda v: fmt.angka(v, 2),
                  caption=f"Grafik 3. Indeks capaian SPM per jenis pelayanan dasar tahun {prev}", label_chars=44)
    doc.heading("Uraian Capaian", 1)
    doc.paragraph(m["spm_narrative"] or "(uraian belum diisi)")


def _proposals(doc: ReportDocument, m: dict, nxt: int) -> None:
    proposals = m["proposals"]
    if not proposals:
        doc.paragraph("Belum ada usulan kegiatan.", "note")
        return
    doc.paragraph(f"Perkiraan program dan kegiatan kesejahteraan sosial melalui dekonsentrasi/tugas pembantuan "
                  f"tahun {nxt} yang diusulkan, sejumlah {fmt.angka(len(proposals))} kegiatan dengan total "
                  f"{fmt.rupiah(m['proposals_total'])}.")
    cols = [Column("No.", 22, "center"), Column("RO/Kegiatan dan Uraian", _rest(doc, 314)), Column("Volume", 52, "center"),
            Column("Harga Satuan (Rp)", 58, "int"), Column("Jumlah (Rp)", 72, "int"), Column("Lokasi", 62),
            Column("Prioritas", 48, "center")]
    cell = _cell_style()
    rows = []
    for n, p in enumerate(proposals, start=1):
        text = f"<b>{esc(p['ro'])}</b><br/>{esc(p['description'])}<br/><i>Justifikasi:</i> {esc(p['justification'])}"
        if p.get("gap_text"):
            text += f'<br/><font color="#B3261E"><b>Kesenjangan terukur:</b> {esc(p["gap_text"])}</font>'
        rows.append([n, Paragraph(text, cell), f"{fmt.angka(p['volume'])} {p['unit']}", p["unit_cost"], p["total"],
                     p["location"], rules.PRIORITIES.get(p["priority"], "")])
    doc.table(cols, rows, numbered=True, font_size=7.5,
              totals=[["Jumlah", None, None, None, m["proposals_total"], None, None]], total_label_span=4)


def _issues(doc: ReportDocument, m: dict) -> None:
    if not m["issues"]:
        doc.paragraph("Belum ada permasalahan dan rekomendasi.", "note")
        return
    cols = [Column("No.", 22, "center"), Column("Permasalahan", 200), Column("Rekomendasi", 200)]
    doc.table(cols, [[n, i["problem"], i["recommendation"]] for n, i in enumerate(m["issues"], start=1)],
              font_size=8, zebra=False)


def _introduction(doc: ReportDocument, office: OfficeInfo, year: int) -> None:
    prev, nxt = year - 1, year + 1
    doc.heading("PENDAHULUAN", 0)
    doc.heading("A. Latar Belakang", 1)
    doc.paragraph(f"Rapat Koordinasi Perencanaan Kesejahteraan Sosial Tingkat Daerah dilaksanakan paling lambat "
                  f"minggu pertama bulan Maret untuk mengumpulkan bahan Rancangan Rencana Kerja Kementerian Sosial. "
                  f"Dokumen {TITLE.format(year=year)} ini disusun oleh {office.full_name} sebagai masukan bagi "
                  f"Rancangan Rencana Kerja Kementerian Sosial tahun {nxt}.")
    doc.heading("B. Dasar Hukum", 1)
    for n, law in enumerate(LAWS, start=1):
        doc.paragraph(f"{n}. {law}", "body_left")
    doc.heading("C. Maksud dan Tujuan", 1)
    doc.paragraph(f"Mengumpulkan bahan capaian kinerja program dan kegiatan kesejahteraan sosial yang dilaksanakan "
                  f"daerah melalui dekonsentrasi dan tugas pembantuan tahun {prev}, serta perkiraan program dan kegiatan "
                  f"yang akan dilaksanakan tahun {nxt} (Pasal 8 Permensos Nomor 2 Tahun 2014).")
    doc.heading("D. Sistematika", 1)
    for chapter, (key, _t) in zip(CHAPTERS, rules.PARTS):
        doc.paragraph(f"{chapter}  {rules.part_title(key, year)}", "body_left")


def build(m: dict, office: OfficeInfo, paper: str = "a4", today: _dt.date | None = None) -> ReportDocument:
    """The document object for material ``m`` (see :func:`material.material`)."""
    year = m["year"]
    prev, nxt = year - 1, year + 1
    title = TITLE.format(year=year)
    doc = ReportDocument(office, title, subtitle=f"Capaian Tahun {prev} dan Usulan Tahun {nxt}", paper=paper,
                         printed_on=today)
    status = ("Disetujui oleh verifikator" + (f" pada {fmt.tanggal(_dt.datetime.fromisoformat(m['approved_at']))}"
                                              if m.get("approved_at") else "")
              if m["status"] == "approved" else "RANCANGAN – belum disetujui verifikator")
    doc.cover("BAHAN\nRAPAT KOORDINASI PERENCANAAN\nKESEJAHTERAAN SOSIAL\nTINGKAT DAERAH",
              subtitle=f"TAHUN {year}",
              lines=[f"Capaian Tahun {prev} · Usulan Program dan Kegiatan Tahun {nxt}", status], year=year)
    doc.toc()
    _introduction(doc, office, year)
    keys = [k for k, _ in rules.PARTS]
    fillers = {"renstra": lambda: _renstra(doc, m), "capaian_dekon": lambda: _dekon(doc, m, prev),
               "capaian_spm": lambda: _spm(doc, m, prev), "usulan": lambda: _proposals(doc, m, nxt),
               "permasalahan": lambda: _issues(doc, m)}
    for chapter, key in zip(CHAPTERS, keys):
        doc.heading(f"{chapter} {rules.part_title(key, year).upper()}", 0, new_page=True, unless_page_short=True)
        fillers[key]()
    doc.heading("PENUTUP", 0)
    doc.paragraph(f"Demikian bahan ini disampaikan sebagai masukan {office.full_name} dalam Rapat Koordinasi "
                  f"Perencanaan Kesejahteraan Sosial Tingkat Daerah Tahun {year}.")
    doc.signature()
    return doc


def write_pdf(ws: Workspace, year: int, out, paper: str = "a4", today: _dt.date | None = None) -> Path:
    m = rakor_material.material(ws, year)
    return build(m, OfficeInfo.from_office(ws.office()), paper, today).write(Path(out))
