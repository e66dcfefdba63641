"""``kemensos-desk dekon ...``: allocations, monthly realisation, approval and reports (issue 5)."""
from __future__ import annotations

import argparse
from decimal import Decimal
from pathlib import Path

from kemensos_desk.core import formatting
from kemensos_desk.core.errors import UsageError
from kemensos_desk.core.i18n import tr


def _json_flag(p: argparse.ArgumentParser) -> None:
    p.add_argument("--json", action="store_true", help="keluaran JSON untuk skrip")


def _quarter(p):
    p.add_argument("--quarter", type=int, choices=[1, 2, 3, 4], metavar="Q", help="triwulan 1–4 (bawaan: setahun)")


def register(sub) -> None:
    p = sub.add_parser("dekon", help="dekonsentrasi / tugas pembantuan: alokasi, realisasi, laporan")
    dsub = p.add_subparsers(dest="dekon_command", metavar="AKSI", required=True, parser_class=type(p))

    q = dsub.add_parser("template", help="unduh templat alokasi (.xlsx)")
    q.add_argument("--out", required=True, metavar="FILE.xlsx")
    _json_flag(q)
    q.set_defaults(handler=cmd_template)

    q = dsub.add_parser("import", help="impor alokasi dari .xlsx (seluruh berkas ditolak bila ada baris salah)")
    q.add_argument("file", metavar="FILE.xlsx")
    q.add_argument("--year", type=int, required=True)
    q.add_argument("--dry-run", action="store_true", help="periksa saja, tidak menyimpan")
    _json_flag(q)
    q.set_defaults(handler=cmd_import)

    q = dsub.add_parser("allocations", help="daftar alokasi RO setahun")
    q.add_argument("--year", type=int, required=True)
    _json_flag(q)
    q.set_defaults(handler=cmd_allocations)

    q = dsub.add_parser("realisasi", help="capaian fisik, keuangan dan indikator per RO (kumulatif)")
    q.add_argument("--year", type=int, required=True)
    _quarter(q)
    _json_flag(q)
    q.set_defaults(handler=cmd_realisasi)

    q = dsub.add_parser("entry", help="catat realisasi satu RO untuk satu bulan")
    q.add_argument("--year", type=int, required=True)
    q.add_argument("--ro", required=True, metavar="KODE_RO")
    q.add_argument("--month", type=int, required=True, metavar="BULAN", help="1–12")
    q.add_argument("--volume", type=int, required=True)
    q.add_argument("--spent", type=int, required=True, metavar="RUPIAH")
    q.add_argument("--narrative", default=None)
    q.add_argument("--note", default=None, help="catatan bila volume melebihi target")
    q.add_argument("--indicator", action="append", default=[], metavar="NAMA=NILAI")
    _json_flag(q)
    q.set_defaults(handler=cmd_entry)

    q = dsub.add_parser("rencana", help="RPD di samping realisasi per bulan; RO yang terlambat ditandai")
    q.add_argument("--year", type=int, required=True)
    q.add_argument("--month", type=int, default=12, metavar="BULAN")
    _json_flag(q)
    q.set_defaults(handler=cmd_plan)

    for name, help_text in (("approve", "setujui dan kunci satu triwulan (verifikator)"),
                            ("reopen", "buka kembali triwulan yang disetujui (administrator)")):
        q = dsub.add_parser(name, help=help_text)
        q.add_argument("--year", type=int, required=True)
        q.add_argument("--quarter", type=int, required=True, choices=[1, 2, 3, 4], metavar="Q")
        if name == "reopen":
            q.add_argument("--reason", required=True)
        _json_flag(q)
        q.set_defaults(handler=cmd_approve if name == "approve" else cmd_reopen)

    q = dsub.add_parser("revise-pagu", help="catat revisi pagu bertanggal (riwayat disimpan)")
    q.add_argument("--year", type=int, required=True)
    q.add_argument("--ro", required=True, metavar="KODE_RO")
    q.add_argument("--date", required=True, metavar="YYYY-MM-DD", help="tanggal berlaku revisi")
    q.add_argument("--pagu", type=int, required=True, metavar="RUPIAH")
    q.add_argument("--reason", default=None)
    _json_flag(q)
    q.set_defaults(handler=cmd_revise_pagu)

    q = dsub.add_parser("problem", help="catat permasalahan satu RO pada satu bulan")
    q.add_argument("--year", type=int, required=True)
    q.add_argument("--ro", required=True, metavar="KODE_RO")
    q.add_argument("--month", type=int, required=True, metavar="BULAN")
    q.add_argument("--text", required=True, help="uraian permasalahan")
    q.add_argument("--follow-up", default=None, help="tindak lanjut (dicatat pada bulan yang sama)")
    q.add_argument("--status", default="terbuka", choices=["terbuka", "proses", "selesai"])
    _json_flag(q)
    q.set_defaults(handler=cmd_problem)

    q = dsub.add_parser("participant", help="catat peserta kegiatan (nama, NIK, kategori PSKS)")
    q.add_argument("--year", type=int, required=True)
    q.add_argument("--ro", required=True, metavar="KODE_RO")
    q.add_argument("--month", type=int, required=True, metavar="BULAN")
    q.add_argument("--name", required=True)
    q.add_argument("--nik", required=True)
    q.add_argument("--category", required=True, metavar="PSKS", help="mis. tksk, psm, karang_taruna")
    q.add_argument("--kecamatan", default=None, metavar="KODE")
    _json_flag(q)
    q.set_defaults(handler=cmd_participant)

    q = dsub.add_parser("attach", help="lampirkan foto atau PDF dokumentasi kegiatan")
    q.add_argument("file", metavar="FILE")
    q.add_argument("--year", type=int, required=True)
    q.add_argument("--ro", required=True, metavar="KODE_RO")
    q.add_argument("--month", type=int, required=True, metavar="BULAN")
    q.add_argument("--caption", default=None)
    _json_flag(q)
    q.set_defaults(handler=cmd_attach)

    q = dsub.add_parser("status", help="status persetujuan triwulan")
    q.add_argument("--year", type=int, required=True)
    _json_flag(q)
    q.set_defaults(handler=cmd_status)

    q = dsub.add_parser("report", help="laporan triwulan atau tahunan (.xlsx atau .pdf)")
    q.add_argument("--year", type=int, required=True)
    _quarter(q)
    q.add_argument("--out", required=True, metavar="FILE.xlsx|FILE.pdf")
    q.add_argument("--paper", choices=["a4", "f4"], default=None)
    _json_flag(q)
    q.set_defaults(handler=cmd_report)


def cmd_template(ctx) -> int:
    from kemensos_desk.services.dekon.template import write_template

    out = _out_path(ctx.args.out, (".xlsx",))
    write_template(out)
    ctx.emit({"out": str(out)}, tr("Templat alokasi ditulis ke {path}.", path=out))
    return 0


def cmd_import(ctx) -> int:
    from kemensos_desk.services.dekon.importing import import_allocations

    actor = ctx.actor("data.edit")
    result = import_allocations(ctx.workspace(), actor, Path(ctx.args.file), ctx.args.year, dry_run=ctx.args.dry_run)
    lines = []
    if result.refused:
        lines.append(tr("Berkas ditolak seluruhnya: {n} kesalahan. Tidak ada yang disimpan.", n=len(result.refused)))
        lines += [f"  - {tr('baris')} {r['row']}, {r['column']}: {r['reason']}" for r in result.refused]
    elif ctx.args.dry_run:
        lines.append(tr("Pemeriksaan selesai (tidak disimpan): {new} baru, {updated} diperbarui.",
                        new=result.new, updated=result.updated))
    else:
        lines.append(tr("Impor selesai: {new} baru, {updated} diperbarui.", new=result.new, updated=result.updated))
    ctx.emit(result.as_json(), lines)
    return 1 if result.refused else 0


def cmd_allocations(ctx) -> int:
    from kemensos_desk.services.dekon import allocations

    rows = allocations.list_allocations(ctx.workspace(), ctx.args.year)
    data = [{"ro": a.ro_code, "name": a.name, "source": a.source, "program": a.program, "target_volume": a.target_volume,
             "unit": a.unit, "pagu": a.pagu, "kabkota_code": a.kabkota_code, "kecamatan_code": a.kecamatan_code}
            for a in rows]
    text = [f"{a['ro']:<14} {a['source']}  {a['name'][:40]:<40} {formatting.angka(a['target_volume']):>8} {a['unit']:<8} "
            f"{formatting.rupiah(a['pagu']):>18}" for a in data] or [tr("Belum ada alokasi tahun {year}.", year=ctx.args.year)]
    ctx.emit({"year": ctx.args.year, "allocations": data}, text)
    return 0


def cmd_realisasi(ctx) -> int:
    from kemensos_desk.services.dekon import summary

    doc = summary.realisasi(ctx.workspace(), ctx.args.year, ctx.args.quarter)
    period = formatting.nama_triwulan(ctx.args.quarter) if ctx.args.quarter else tr("Tahunan")
    text = [f"{tr('Realisasi dekon/TP')} {ctx.args.year} – {period}"]
    for o in doc["outputs"]:
        text.append(f"{o['ro']:<14} {o['source']} {o['name'][:36]:<36} {tr('fisik')} {formatting.persen(o['physical_pct']):>8}  "
                    f"{tr('keuangan')} {formatting.persen(o['financial_pct']):>8}  {formatting.rupiah(o['spent'])} / "
                    f"{formatting.rupiah(o['pagu'])}")
    t = doc["totals"]
    text.append(f"{tr('Jumlah')}: {formatting.rupiah(t['spent'])} / {formatting.rupiah(t['pagu'])} "
                f"({formatting.persen(t['financial_pct'])})")
    ctx.emit(summary.public_json(doc), text)
    return 0


def _indicator_values(items: list[str]) -> dict[str, Decimal]:
    out = {}
    for item in items:
        name, sep, value = item.rpartition("=")
        if not sep or not name.strip():
            raise UsageError("Tulis indikator sebagai NAMA=NILAI, bukan '{item}'.", item=item)
        try:
            out[name.strip()] = formatting.parse_angka(value)
        except ValueError:
            raise UsageError("Nilai indikator '{name}' bukan angka: '{value}'.", name=name.strip(), value=value) from None
    return out


def cmd_entry(ctx) -> int:
    from kemensos_desk.services.dekon import monthly

    actor = ctx.actor("data.edit")
    a = ctx.args
    entry = monthly.MonthEntry(a.year, a.ro, a.month, a.volume, a.spent, a.narrative, a.note, _indicator_values(a.indicator))
    monthly.record(ctx.workspace(), actor, entry)
    ctx.emit({"year": a.year, "ro": a.ro.upper(), "month": a.month, "volume": a.volume, "spent": a.spent},
             tr("Realisasi {ro} bulan {month} {year} disimpan.", ro=a.ro.upper(), month=formatting.nama_bulan(a.month),
                year=a.year))
    return 0


def cmd_plan(ctx) -> int:
    from kemensos_desk.services.dekon import summary

    rows = summary.monthly_plan(ctx.workspace(), ctx.args.year, ctx.args.month)
    text = []
    for r in rows:
        m = r["months"][ctx.args.month - 1]
        flag = tr("TERLAMBAT") if r["late"] else "ok"
        text.append(f"{r['ro']:<14} {r['name'][:36]:<36} RPD {formatting.rupiah(m['rpd_cum']):>16}  "
                    f"{tr('realisasi')} {formatting.rupiah(m['spent_cum']):>16}  {flag}")
    ctx.emit({"year": ctx.args.year, "month": ctx.args.month, "outputs": rows}, text)
    return 0


def cmd_approve(ctx) -> int:
    from kemensos_desk.services.dekon import approval

    actor = ctx.actor("data.approve")
    approval.approve(ctx.workspace(), actor, ctx.args.year, ctx.args.quarter)
    ctx.emit({"year": ctx.args.year, "quarter": ctx.args.quarter, "status": "approved"},
             tr("{quarter} {year} disetujui dan dikunci.", quarter=formatting.nama_triwulan(ctx.args.quarter), year=ctx.args.year))
    return 0


def cmd_reopen(ctx) -> int:
    from kemensos_desk.services.dekon import approval

    actor = ctx.actor("period.reopen")
    approval.reopen(ctx.workspace(), actor, ctx.args.year, ctx.args.quarter, ctx.args.reason)
    ctx.emit({"year": ctx.args.year, "quarter": ctx.args.quarter, "status": "reopened"},
             tr("{quarter} {year} dibuka kembali.", quarter=formatting.nama_triwulan(ctx.args.quarter), year=ctx.args.year))
    return 0


def cmd_status(ctx) -> int:
    from kemensos_desk.services.dekon import approval

    rows = approval.status(ctx.workspace(), ctx.args.year)
    labels = {"open": tr("terbuka"), "approved": tr("disetujui"), "reopened": tr("dibuka kembali")}
    ctx.emit({"year": ctx.args.year, "quarters": rows},
             [f"{formatting.nama_triwulan(r['quarter'])}: {labels[r['status']]}" for r in rows])
    return 0


def cmd_revise_pagu(ctx) -> int:
    import datetime as _dt

    from kemensos_desk.services.dekon import allocations

    actor = ctx.actor("data.edit")
    a = ctx.args
    try:
        effective = _dt.date.fromisoformat(a.date)
    except ValueError:
        raise UsageError("Tanggal '{value}' tidak sah: tulis YYYY-MM-DD.", value=a.date) from None
    allocations.revise_pagu(ctx.workspace(), actor, a.year, a.ro, effective, a.pagu, a.reason)
    ctx.emit({"ro": a.ro.upper(), "date": effective, "pagu": a.pagu},
             tr("Revisi pagu {ro} menjadi {pagu} berlaku {date}.", ro=a.ro.upper(), pagu=formatting.rupiah(a.pagu),
                date=formatting.tanggal(effective)))
    return 0


def cmd_problem(ctx) -> int:
    from kemensos_desk.services.dekon import activity

    actor = ctx.actor("data.edit")
    a = ctx.args
    pid = activity.add_problem(ctx.workspace(), actor, a.year, a.ro, a.month, a.text, a.status, follow_up=a.follow_up)
    ctx.emit({"id": pid, "ro": a.ro.upper(), "month": a.month, "status": a.status},
             tr("Permasalahan {ro} bulan {month} dicatat.", ro=a.ro.upper(), month=formatting.nama_bulan(a.month)))
    return 0


def cmd_participant(ctx) -> int:
    from kemensos_desk.services.dekon import activity

    actor = ctx.actor("data.edit")
    a = ctx.args
    activity.add_participant(ctx.workspace(), actor, a.year, a.ro, a.month, a.name, a.nik, a.category, a.kecamatan)
    ctx.emit({"ro": a.ro.upper(), "month": a.month, "nik": a.nik},
             tr("Peserta {name} dicatat pada {ro}.", name=a.name, ro=a.ro.upper()))
    return 0


def cmd_attach(ctx) -> int:
    from kemensos_desk.services.dekon import attachments

    actor = ctx.actor("data.edit")
    a = ctx.args
    att = attachments.add(ctx.workspace(), actor, a.year, a.ro, a.month, Path(a.file), a.caption)
    ctx.emit({"stored_path": att.stored_path, "sha256": att.sha256, "size": att.size},
             tr("Lampiran disimpan sebagai {path}.", path=att.stored_path))
    return 0


def _out_path(text: str, suffixes: tuple[str, ...]) -> Path:
    out = Path(text).expanduser()
    if out.suffix.lower() not in suffixes:
        raise UsageError("Nama berkas keluaran harus berakhiran {ext}.", ext=" atau ".join(suffixes))
    return out


def cmd_report(ctx) -> int:
    from kemensos_desk.services.dekon import reports

    out = _out_path(ctx.args.out, (".xlsx", ".pdf"))
    ws = ctx.workspace()
    paper = ctx.args.paper or ws.setting("paper") or "a4"
    path = reports.write_report(ws, ctx.args.year, ctx.args.quarter, out, paper=paper)
    ctx.emit({"out": str(path), "year": ctx.args.year, "quarter": ctx.args.quarter, "paper": paper},
             tr("Laporan ditulis ke {path}.", path=path))
    return 0
