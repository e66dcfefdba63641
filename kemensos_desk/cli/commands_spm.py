"""``kemensos-desk spm ...``: SPM services, achievement, approval, reports (issue 4).

The register and delivery commands are in ``cli/spm_data_commands.py``; the Excel
import adds ``template``, ``import`` and ``import-deliveries`` from
``cli/commands_spm_import.py`` when that module exists.
"""
from __future__ import annotations

import argparse
import datetime as _dt
import importlib

from kemensos_desk.core import formatting, i18n, spm as spm_rules
from kemensos_desk.core.errors import UsageError
from kemensos_desk.services.spm import achievement, quarters, reference


def json_flag(p: argparse.ArgumentParser) -> None:
    p.add_argument("--json", action="store_true", help="keluaran JSON untuk skrip")


def iso_date(text: str) -> _dt.date:
    """Dates on the command line: ``2026-03-12`` (also ``12-03-2026``)."""
    for fmt in ("%Y-%m-%d", "%d-%m-%Y", "%d/%m/%Y"):
        try:
            return _dt.datetime.strptime(text.strip(), fmt).date()
        except ValueError:
            continue
    raise argparse.ArgumentTypeError(f"tanggal tidak sah: {text!r} (tulis TTTT-BB-HH)")


def quarter_arg(text: str) -> int:
    q = int(text) if text.isdigit() else {"i": 1, "ii": 2, "iii": 3, "iv": 4}.get(text.lower(), 0)
    if q not in (1, 2, 3, 4):
        raise argparse.ArgumentTypeError("triwulan harus 1, 2, 3 atau 4")
    return q


def register(sub) -> None:
    p = sub.add_parser("spm", help="SPM Bidang Sosial: penerima, layanan, capaian, laporan")
    spm = p.add_subparsers(dest="spm_command", metavar="AKSI", required=True, parser_class=type(p))

    q = spm.add_parser("services", help="lima jenis layanan dasar kantor ini dan komponen mutunya")
    json_flag(q)
    q.set_defaults(handler=cmd_services)

    q = spm.add_parser("capaian", help="capaian SPM per layanan (triwulan kumulatif atau tahun)")
    q.add_argument("--year", type=int, required=True)
    q.add_argument("--quarter", type=quarter_arg, default=None)
    json_flag(q)
    q.set_defaults(handler=cmd_capaian)

    q = spm.add_parser("approve", help="setujui dan kunci satu triwulan SPM (verifikator)")
    q.add_argument("--year", type=int, required=True)
    q.add_argument("--quarter", type=quarter_arg, required=True)
    json_flag(q)
    q.set_defaults(handler=cmd_approve)

    q = spm.add_parser("reopen", help="buka kembali triwulan yang sudah disetujui (administrator)")
    q.add_argument("--year", type=int, required=True)
    q.add_argument("--quarter", type=quarter_arg, required=True)
    q.add_argument("--reason", required=True)
    json_flag(q)
    q.set_defaults(handler=cmd_reopen)

    q = spm.add_parser("quarters", help="status persetujuan triwulan SPM")
    q.add_argument("--year", type=int, required=True)
    json_flag(q)
    q.set_defaults(handler=cmd_quarters)

    q = spm.add_parser("report", help="laporan SPM triwulanan/tahunan (.xlsx atau .pdf)")
    q.add_argument("--year", type=int, required=True)
    q.add_argument("--quarter", type=quarter_arg, default=None)
    q.add_argument("--out", required=True, metavar="FILE")
    q.add_argument("--paper", choices=["a4", "f4"], default=None)
    json_flag(q)
    q.set_defaults(handler=cmd_report)

    q = spm.add_parser("export", help="ekspor daftar penerima ke .xlsx")
    q.add_argument("--out", required=True, metavar="FILE.xlsx")
    q.add_argument("--service")
    q.add_argument("--year", type=int)
    json_flag(q)
    q.set_defaults(handler=cmd_export)

    q = spm.add_parser("daftar-penerima", help="cetak daftar penerima (PDF) dengan kolom tanda tangan/cap jempol")
    q.add_argument("--service", required=True)
    q.add_argument("--component", required=True)
    q.add_argument("--year", type=int, required=True)
    q.add_argument("--kecamatan", metavar="KODE")
    q.add_argument("--quantity", default="", help="jumlah per orang yang dicetak di daftar")
    q.add_argument("--desa", help="hanya penerima di desa/kelurahan ini")
    q.add_argument("--tanggal", metavar="TANGGAL",
                   help="tanggal penyaluran yang dicetak di bawah judul (mis. 23/11/2026)")
    q.add_argument("--out", required=True, metavar="FILE.pdf")
    q.add_argument("--paper", choices=["a4", "f4"], default=None)
    json_flag(q)
    q.set_defaults(handler=cmd_distribution_list)

    from kemensos_desk.cli import commands_spm_plan, spm_data_commands

    spm_data_commands.register(spm)
    commands_spm_plan.register(spm)
    try:
        extra = importlib.import_module("kemensos_desk.cli.commands_spm_import")
    except ModuleNotFoundError as exc:
        if exc.name != "kemensos_desk.cli.commands_spm_import":
            raise
    else:
        extra.register(spm)


def cmd_services(ctx) -> int:
    ws = ctx.workspace()
    office = ws.office()
    rows = [{"code": s.code, "name": s.name, "target_group": s.target_group, "setting": s.setting,
             "components": [{"code": c.code, "name": c.name, "need": c.need} for c in s.components]}
            for s in reference.services_for(office.level)]
    lines = []
    for s in rows:
        lines.append(f"{s['code']}: {s['name']}")
        lines += [f"    {c['code']:<22} {c['need']:<8} {c['name']}" for c in s["components"]]
    ctx.emit(rows, lines)
    return 0


def _period_label(year: int, quarter: int | None) -> str:
    return f"{formatting.nama_triwulan(quarter)} {year}" if quarter else i18n.tr("Tahun {year}", year=year)


def rules_lines(doc: dict) -> list[str]:
    """Which rules gave the figures; for an approved quarter, what the rules in force give now."""
    if not doc.get("approved") or not doc.get("rules_version"):
        return [i18n.tr("Dihitung dengan aturan versi {v}.", v=doc.get("rules_version"))]
    lines = [i18n.tr("Angka dibekukan saat triwulan disetujui (aturan versi {v}).", v=doc["rules_version"])]
    if doc.get("current"):
        lines.append(i18n.tr("Menurut aturan yang berlaku sekarang (versi {v}):", v=doc["current"]["rules_version"]))
        lines += [f"  {s['code']:<12} {formatting.angka(s['index'], 2):>7}  {s['band'] or formatting.KOSONG}"
                  for s in doc["current"]["services"]]
    return lines


def cmd_capaian(ctx) -> int:
    a = ctx.args
    doc = achievement.achievement(ctx.workspace(), a.year, a.quarter)
    lines = [i18n.tr("Capaian SPM Bidang Sosial, {period} (kumulatif)", period=_period_label(a.year, a.quarter)),
             f"{i18n.tr('layanan'):<12} {i18n.tr('sasaran'):>9} {i18n.tr('terlayani'):>9} {i18n.tr('penerima'):>9} "
             f"{i18n.tr('mutu'):>9} {i18n.tr('indeks'):>7}  {i18n.tr('kategori')}"]
    for s in doc["services"]:
        lines.append(f"{s['code']:<12} {formatting.angka(s['entitled']):>9} {formatting.angka(s['served']):>9} "
                     f"{formatting.persen(s['recipient_pct']):>9} {formatting.persen(s['quality_pct']):>9} "
                     f"{formatting.angka(s['index'], 2):>7}  {s['band'] or formatting.KOSONG}")
    ref = reference.load()
    lines.append(spm_rules.formula_text(ref.weights, i18n.language()) + "; " + i18n.tr("kategori") + ": "
                 + "; ".join(spm_rules.band_legend(ref.bands, i18n.language())))
    lines += rules_lines(doc)
    ctx.emit(achievement.as_json(doc), lines)
    return 0


def cmd_approve(ctx) -> int:
    a = ctx.args
    actor = ctx.actor("data.approve")
    quarters.approve(ctx.workspace(), actor, a.year, a.quarter)
    ctx.emit({"year": a.year, "quarter": a.quarter, "status": "approved", "approved_by": actor.username},
             i18n.tr("{period} disetujui dan dikunci.", period=_period_label(a.year, a.quarter)))
    return 0


def cmd_reopen(ctx) -> int:
    a = ctx.args
    actor = ctx.actor("period.reopen")
    quarters.reopen(ctx.workspace(), actor, a.year, a.quarter, a.reason)
    ctx.emit({"year": a.year, "quarter": a.quarter, "status": "reopened", "reopened_by": actor.username},
             i18n.tr("{period} dibuka kembali.", period=_period_label(a.year, a.quarter)))
    return 0


def cmd_quarters(ctx) -> int:
    rows = quarters.status(ctx.workspace(), ctx.args.year)
    from kemensos_desk.services.spm.report import STATUS_LABEL

    lines = [f"{formatting.nama_triwulan(r['quarter'])} {r['year']}: {i18n.tr(STATUS_LABEL.get(r['status'], r['status']))}"
             + (f" ({r['approved_by']}, {formatting.waktu_lokal(r.get('approved_at'))})"
                if r["status"] == "approved" else "") for r in rows]
    ctx.emit(rows, lines)
    return 0


def cmd_report(ctx) -> int:
    a = ctx.args
    try:
        from kemensos_desk.services.spm import report
    except ModuleNotFoundError as exc:  # the report needs the shared documents framework
        raise UsageError("Laporan SPM belum tersedia di versi ini.") from exc
    ws = ctx.workspace()
    actor = ctx.actor("data.read")
    from pathlib import Path

    out = report.write_report(ws, actor, a.year, a.quarter, Path(a.out), paper=a.paper)
    ctx.emit({"file": str(out), "year": a.year, "quarter": a.quarter},
             i18n.tr("Laporan SPM ditulis ke {file}.", file=str(out)))
    return 0


def cmd_export(ctx) -> int:
    from pathlib import Path

    from kemensos_desk.services.spm import report

    a = ctx.args
    ws = ctx.workspace()
    n = report.export_register(ws, ctx.actor("data.read"), Path(a.out), a.service, a.year)
    ctx.emit({"file": a.out, "rows": n}, i18n.tr("{n} penerima diekspor ke {file}.", n=n, file=a.out))
    return 0


def cmd_distribution_list(ctx) -> int:
    from pathlib import Path

    from kemensos_desk.core import regions, tabular
    from kemensos_desk.services.spm import report

    a = ctx.args
    ws = ctx.workspace()
    kec = regions.normalize_code(a.kecamatan) if a.kecamatan else None
    try:
        on = tabular.parse_date(a.tanggal) if a.tanggal else None
    except tabular.CellError as exc:
        raise UsageError("--tanggal: {reason}", reason=str(exc.message)) from None
    n = report.distribution_list(ws, ctx.actor("data.read"), a.service, a.component, a.year, Path(a.out), kec,
                                 a.quantity, a.paper, desa=a.desa, on=on)
    ctx.emit({"file": a.out, "rows": n}, i18n.tr("Daftar penerima ({n} orang) ditulis ke {file}.", n=n, file=a.out))
    return 0
