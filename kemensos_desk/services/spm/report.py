"""The quarterly/annual SPM report (.xlsx for the Kemendagri reporting, PDF to sign), the
register export (.xlsx) and the printable *daftar penerima*, all on the shared documents
framework (letterhead, typed cells, atomic writes). The PDF layout is in ``report_pdf.py``;
both files read one ``ReportData`` so they never disagree.
"""
from __future__ import annotations

import datetime as _dt
from pathlib import Path

from kemensos_desk.core import formatting, labels, regions
from kemensos_desk.core.errors import UsageError
from kemensos_desk.documents import OfficeInfo, atomic_write
from kemensos_desk.store.audit import log_event
from kemensos_desk.services.auth import Actor
from kemensos_desk.services.spm.report_data import ReportData, gather
from kemensos_desk.services.workspace import Workspace

NEED_LABEL = {"wajib": "wajib", "asesmen": "sesuai asesmen"}
STATUS_LABEL = {"approved": "disetujui", "reopened": "dibuka kembali", "open": "belum disetujui"}


def write_xlsx(data: ReportData, out: Path, paper: str = "a4") -> Path:
    from kemensos_desk.documents.xlsx import ReportWorkbook, XColumn

    book = ReportWorkbook(OfficeInfo.from_office(data.office), paper=paper, rules_version=data.rules_version)
    sheet = book.sheet("Capaian", data.title, period=data.period_label, landscape=True, columns=[
        XColumn("No.", "int", 6), XColumn("Jenis pelayanan dasar", "text", 48),
        XColumn("Jumlah yang harus dilayani", "int", 14), XColumn("Terlayani sesuai standar", "int", 14),
        XColumn("Capaian penerima", "percent", 12), XColumn("Capaian mutu", "percent", 12),
        XColumn("Indeks capaian", "number", 11), XColumn("Kategori", "text", 18),
        XColumn("Alokasi APBD", "rupiah", 18), XColumn("Realisasi APBD", "rupiah", 18),
        XColumn("Permasalahan", "text", 36), XColumn("Solusi", "text", 36)])
    for i, sec in enumerate(data.services, start=1):
        f, b = sec.figures, sec.budget or {}
        sheet.row([i, sec.name, f["entitled"], f["served"], f["recipient_pct"], f["quality_pct"], f["index"],
                   f["band"] or "-", b.get("allocated"), b.get("spent"), b.get("problems") or "",
                   b.get("solutions") or ""])
    sheet.note(f"{data.formula} (aturan SPM versi {data.rules_version}); kategori: {data.legend} "
               "(dibaca dari indeks sebelum dibulatkan); triwulan kumulatif sejak 1 Januari; "
               "sel kosong: tidak ada warga yang berhak pada periode ini.")
    if data.frozen_note:
        sheet.note(data.frozen_note)
    mutu = book.sheet("Mutu", "Capaian mutu pelayanan dasar per komponen", period=data.period_label, columns=[
        XColumn("Jenis pelayanan dasar", "text", 40), XColumn("Komponen mutu", "text", 60),
        XColumn("Kebutuhan", "text", 16), XColumn("Membutuhkan", "int", 14), XColumn("Menerima", "int", 14),
        XColumn("Capaian", "percent", 12)])
    for sec in data.services:
        for c in sec.components:
            mutu.row([labels.service(sec.code), c["name"], NEED_LABEL[c["need"]], c["needing"], c["received"], c["pct"]])
    bencana = book.sheet("Bencana", "Kejadian bencana dan korban", period=data.period_label, columns=[
        XColumn("No.", "int", 6), XColumn("Tanggal", "date", 18), XColumn("Jenis bencana", "text", 22),
        XColumn("Kecamatan", "text", 20), XColumn("Jiwa", "int", 10), XColumn("KK", "int", 10),
        XColumn("Kelompok rentan", "int", 14), XColumn("Psikososial", "int", 12), XColumn("Lokasi", "text", 30)])
    for i, e in enumerate(data.disasters, start=1):
        bencana.row([i, e["event_date"], e["disaster_type"], e["kecamatan"], e["jiwa"], e["kk"], e["vulnerable"],
                     e["psychosocial"], e["location"] or ""])
    tahapan = book.sheet("Tahapan", "Tahapan Penerapan SPM", period=f"Tahun {data.year}", columns=[
        XColumn("No.", "int", 6), XColumn("Tahapan", "text", 28), XColumn("Status", "text", 14),
        XColumn("Catatan", "text", 60)])
    for i, st in enumerate(data.stages, start=1):
        tahapan.row([i, st["name"], st["status_name"], st["note"] or ""])
    aksi = book.sheet("Rencana Aksi", "Rencana Aksi", period=f"Tahun {data.year}", columns=[
        XColumn("No.", "int", 6), XColumn("Aksi atau dokumen", "text", 70), XColumn("Tenggat", "date", 18)])
    n = 0
    for d in (data.action_plan or {}).get("documents", []):
        n += 1
        aksi.row([n, f"Dokumen rencana aksi terlampir: {d['name']}", None])
    for a in (data.action_plan or {}).get("actions", []):
        n += 1
        aksi.row([n, a["action"], a["due"]])
    status = book.sheet("Persetujuan", "Persetujuan triwulan SPM", period=f"Tahun {data.year}", columns=[
        XColumn("Triwulan", "text", 16), XColumn("Status", "text", 18), XColumn("Disetujui oleh", "text", 20),
        XColumn("Waktu persetujuan", "text", 26)])
    for q in data.quarters:
        # Stored in UTC; the office reads its own clock ("5 Desember 2026 14.26").
        at = formatting.waktu_lokal(q["approved_at"], "id") if q["approved_at"] and q["status"] == "approved" else ""
        status.row([formatting.nama_triwulan(q["quarter"], "id"), STATUS_LABEL.get(q["status"], q["status"]),
                    q["approved_by"] if q["status"] == "approved" else "", at])
    return book.save(out)


def write_report(ws: Workspace, actor: Actor, year: int, quarter: int | None, out: Path,
                 paper: str | None = None) -> Path:
    """``spm report``: .xlsx or .pdf by the file's extension; an audit event names the export."""
    actor.require("data.read")
    suffix = Path(out).suffix.lower()
    if suffix not in (".xlsx", ".pdf"):
        raise UsageError("Nama berkas laporan harus berakhiran .xlsx atau .pdf, bukan '{suffix}'.", suffix=suffix)
    if quarter is not None and quarter not in (1, 2, 3, 4):
        raise UsageError("Triwulan harus 1, 2, 3 atau 4.")
    paper = paper or ws.setting("paper") or "a4"
    data = gather(ws, year, quarter)
    if suffix == ".xlsx":
        path = write_xlsx(data, Path(out), paper)
    else:
        from kemensos_desk.services.spm import report_pdf

        path = report_pdf.write_pdf(data, Path(out), paper)
    with ws.store.session(actor.username) as s:
        log_event(s, "export", f"Laporan SPM {data.period_label} ditulis ke {Path(out).name}", entity="spm_report")
    return path


REGISTER_HEADERS = ["ID", "NIK", "Alasan tanpa NIK", "No. KK", "Nama", "L/P", "Tempat lahir", "Tanggal lahir",
                    "Kecamatan", "Desa/Kelurahan", "RT", "RW", "Alamat", "ID DTKS", "Ditemukan melalui", "Panti/LKS",
                    "Layanan", "Status", "Tanggal status", "Catatan"]


def export_register(ws: Workspace, actor: Actor, out: Path, service: str | None = None, year: int | None = None) -> int:
    """The register as .xlsx, NIK and KK as text (never numbers: Excel would round them). Returns rows written.

    Streams through a write-only workbook in pages, so a province register fits in memory.
    """
    import io

    from openpyxl import Workbook
    from openpyxl.cell import WriteOnlyCell

    from kemensos_desk.documents.xlsx import as_text
    from kemensos_desk.services.spm.register_query import RegisterFilter, person_ids, rows_by_ids

    actor.require("data.read")
    wb = Workbook(write_only=True)
    sheet = wb.create_sheet("Penerima")
    sheet.append(REGISTER_HEADERS)

    def text(value):
        cell = WriteOnlyCell(sheet, value=as_text(value or ""))
        cell.number_format = "@"
        return cell

    n = 0
    with ws.store.session(actor.username) as s:
        ids = person_ids(s, RegisterFilter(service=service, year=year))
        for i in range(0, len(ids), 2000):
            for r in rows_by_ids(s, ids[i:i + 2000]):
                # Write-only sheet: every value through as_text (a name "=HYPERLINK(…)" stays text).
                sheet.append([as_text(v) for v in (
                    r["id"], text(r["nik"]), r["no_nik_reason"] or "", text(r["kk"]), r["name"], r["sex"],
                    r["birth_place"] or "", r["birth_date"], r["kecamatan"], r["desa"] or "", r["rt"] or "",
                    r["rw"] or "", r["street"] or "", text(r["dtks_id"]), r["found_via"] or "",
                    r["institution"] or "", ", ".join(r["services"]), r["status"], r["status_date"],
                    r["notes"] or "")])
                n += 1
        log_event(s, "export", f"Daftar penerima SPM ({n} orang) diekspor ke {Path(out).name}", entity="spm_beneficiary")
    buf = io.BytesIO()
    wb.save(buf)
    with atomic_write(Path(out)) as fh:
        fh.write(buf.getvalue())
    return n


def distribution_desa(ws: Workspace, service: str, year: int, kecamatan_code: str | None = None) -> list[str]:
    """The desa/kelurahan written for the people entitled to ``service`` in ``year`` (the
    places a distribution can be organised by), in alphabetical order."""
    from sqlalchemy import func, select

    from kemensos_desk.store.models_spm import Beneficiary, SpmEntitlement

    q = (select(func.min(Beneficiary.desa)).join(SpmEntitlement, SpmEntitlement.beneficiary_id == Beneficiary.id)
         .where(SpmEntitlement.service == service, SpmEntitlement.year == year, SpmEntitlement.deleted_at.is_(None),
                Beneficiary.deleted_at.is_(None), Beneficiary.desa.is_not(None), Beneficiary.desa != "")
         .group_by(func.lower(func.trim(Beneficiary.desa))))
    if kecamatan_code:
        q = q.where(Beneficiary.kecamatan_code == kecamatan_code)
    with ws.store.session() as s:
        return sorted((d.strip() for d in s.scalars(q)), key=str.casefold)


def _same_place(a: str | None, b: str) -> bool:
    return " ".join((a or "").split()).casefold() == " ".join(b.split()).casefold()


def quantity_text(quantity: str, unit: str) -> str:
    """What each person receives as printed: a bare number takes the component's unit
    ("10" -> "10 paket"); a quantity typed with its own unit stays as typed ("10 kg")."""
    text = (quantity or "").strip()
    if not text:
        return ""
    try:
        formatting.parse_angka(text)
    except ValueError:
        return text
    return f"{text} {unit}".strip()


def distribution_list(ws: Workspace, actor: Actor, service: str, component: str, year: int, out: Path,
                      kecamatan_code: str | None = None, quantity: str = "", paper: str | None = None, *,
                      desa: str | None = None, on: _dt.date | None = None) -> int:
    """The printable *daftar penerima* of one component for the active people entitled in ``year``
    (of one desa when ``desa`` is given; ``on``, the distribution day, is printed under the title)."""
    from kemensos_desk.services.spm import common, report_pdf
    from kemensos_desk.services.spm.register_query import RegisterFilter, person_ids, rows_by_ids

    actor.require("data.read")
    with ws.store.session(actor.username) as s:
        office = common.office(s)
        svc = common.service(s, service)
        comp = svc.component(component)
        if comp is None:
            raise UsageError("Komponen '{component}' bukan bagian dari layanan {service}.", component=component,
                             service=service)
        ids = person_ids(s, RegisterFilter(service=service, year=year, kecamatan_code=kecamatan_code, status="active"))
        rows = []
        amount = quantity_text(quantity, comp.unit)
        for i in range(0, len(ids), 2000):
            for r in rows_by_ids(s, ids[i:i + 2000]):
                if desa and not _same_place(r["desa"], desa):
                    continue
                rt = f" RT {r['rt']}/RW {r['rw']}" if r["rt"] or r["rw"] else ""
                rows.append({"name": r["name"], "nik": r["nik"], "component": comp.name, "quantity": amount,
                             "desa": (r["desa"] or "").strip(), "kecamatan": r["kecamatan"] or "",
                             "address": f"{r['street'] or ''}{rt}".strip()})
        # A distribution is organised by desa: grouped by kecamatan and desa, then by name.
        rows.sort(key=lambda r: (r["kecamatan"].lower(), r["desa"].lower(), (r["name"] or "").lower()))
        info = OfficeInfo.from_office(office)
        log_event(s, "export", f"Daftar penerima {svc.target_group} – {comp.name} {year} ({len(rows)} orang) dicetak",
                  entity="spm_beneficiary")
    kec = regions.get(kecamatan_code) if kecamatan_code else None
    # Line 1: what is handed out; line 2: where and when (each stays whole on its line).
    subtitle = f"{svc.name} · Komponen: {comp.name}" + (f" ({amount} per orang)" if amount else "") + \
        f" · Tahun {year}"
    where = [f"Kecamatan {kec.name}" if kec else "", f"Desa/Kelurahan {desa.strip()}" if desa else "",
             f"Tanggal penyaluran {formatting.tanggal(on)}" if on else ""]
    if any(where):
        subtitle += "\n" + " · ".join(w for w in where if w)
    report_pdf.write_distribution_list(Path(out), info, "Daftar Penerima", subtitle, rows,
                                       paper or ws.setting("paper") or "a4", _dt.date.today())
    return len(rows)
