"""``kemensos-desk spm template|import|import-deliveries``: the Excel import of issue 4.

Exit codes: 0 written (or a clean dry run), 1 a row was refused and ``--accept-valid`` was
not given (nothing written). ``--json`` prints ``{"new", "updated", "unchanged", "refused":
[{"row", "column", "value", "reason"}], ...}``.
"""
from __future__ import annotations

from pathlib import Path

from kemensos_desk.cli.commands_spm import json_flag
from kemensos_desk.core import formatting, i18n
from kemensos_desk.services import importing
from kemensos_desk.services.spm.importing import BeneficiaryImporter
from kemensos_desk.services.spm.importing_deliveries import DeliveryImporter


def register(spm) -> None:
    q = spm.add_parser("template", help="unduh templat Excel impor (daftar penerima atau penyaluran)")
    q.add_argument("--service", required=True)
    q.add_argument("--out", required=True, metavar="FILE.xlsx")
    q.add_argument("--deliveries", action="store_true", help="templat daftar penyaluran, bukan daftar penerima")
    json_flag(q)
    q.set_defaults(handler=cmd_template)

    for name, handler, helptext in (
            ("import", cmd_import, "impor daftar penerima dari Excel"),
            ("import-deliveries", cmd_import_deliveries, "impor daftar penyaluran layanan dari Excel")):
        q = spm.add_parser(name, help=helptext)
        q.add_argument("file", metavar="FILE.xlsx")
        q.add_argument("--service", required=True)
        q.add_argument("--year", type=int, required=True)
        q.add_argument("--dry-run", action="store_true", help="hanya pratinjau; tidak ada yang disimpan")
        q.add_argument("--accept-valid", action="store_true", help="simpan baris yang sah walau ada baris ditolak")
        json_flag(q)
        q.set_defaults(handler=handler)


def cmd_template(ctx) -> int:
    from kemensos_desk.services.spm import template

    a = ctx.args
    kind = "deliveries" if a.deliveries else "beneficiaries"
    out = template.write_template(ctx.workspace(), ctx.actor("data.read"), a.service, Path(a.out), kind)
    ctx.emit({"file": str(out), "service": a.service, "kind": kind},
             i18n.tr("Templat ditulis ke {file}.", file=str(out)))
    return 0


def summary_lines(result: importing.ImportResult) -> list[str]:
    lines = [i18n.tr("{file}: {rows} baris data (judul kolom di baris {header}).", file=Path(result.file).name,
                     rows=formatting.angka(result.rows), header=result.header_row),
             i18n.tr("{new} baru, {updated} diperbarui, {unchanged} tetap, {refused} baris ditolak.",
                     new=formatting.angka(result.new), updated=formatting.angka(result.updated),
                     unchanged=formatting.angka(result.unchanged),
                     refused=formatting.angka(len({r.row for r in result.refused})))]
    for r in result.refused:
        lines.append(f"  {i18n.tr('baris')} {r.row}, {r.column} '{r.value}': {r.reason}")
    for w in result.warnings:
        where = f"{i18n.tr('baris')} {w.row}, {w.column}: " if w.row is not None else ""
        lines.append(f"  ({i18n.tr('peringatan')}) {where}{w.reason}")
    if result.dry_run:
        lines.append(i18n.tr("Pratinjau saja: tidak ada yang disimpan."))
    elif result.written:
        lines.append(i18n.tr("Tersimpan."))
    elif result.refused and not result.accept_valid:
        lines.append(i18n.tr("Tidak ada yang disimpan: perbaiki baris yang ditolak, atau pakai --accept-valid "
                             "untuk menyimpan baris yang sah saja."))
    else:
        lines.append(i18n.tr("Tidak ada yang perlu disimpan."))
    return lines


def _run(ctx, importer) -> int:
    a = ctx.args
    ws = ctx.workspace()
    actor = ctx.actor("data.read" if a.dry_run else "data.edit")
    result = importing.run_import(ws, actor, importer, Path(a.file), dry_run=a.dry_run, accept_valid=a.accept_valid)
    ctx.emit(result.as_json(), summary_lines(result))
    return result.exit_code


def cmd_import(ctx) -> int:
    return _run(ctx, BeneficiaryImporter(ctx.args.service, ctx.args.year))


def cmd_import_deliveries(ctx) -> int:
    return _run(ctx, DeliveryImporter(ctx.args.service, ctx.args.year))
