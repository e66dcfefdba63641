"""``kemensos-desk spm tahapan`` and ``spm rencana-aksi``: the four application stages and the
action plan of a year (Permendagri 59/2021 Pasal 24), as the quarterly report prints them."""
from __future__ import annotations

from kemensos_desk.cli.commands_spm import iso_date, json_flag
from kemensos_desk.core import formatting, i18n
from kemensos_desk.core.errors import UsageError
from kemensos_desk.services.spm import plan


def register(spm) -> None:
    q = spm.add_parser("tahapan", help="status empat tahapan penerapan SPM setahun (belum/sebagian/selesai)")
    q.add_argument("--year", type=int, required=True)
    q.add_argument("--set", nargs=2, metavar=("TAHAPAN", "STATUS"),
                   help="pengumpulan_data|penghitungan_kebutuhan|penyusunan_rencana|pelaksanaan dan "
                        "belum|sebagian|selesai")
    q.add_argument("--note", help="catatan tahapan (dengan --set)")
    json_flag(q)
    q.set_defaults(handler=cmd_tahapan)
    q = spm.add_parser("rencana-aksi", help="rencana aksi setahun: lampirkan dokumen atau tambah aksi bertenggat")
    q.add_argument("--year", type=int, required=True)
    q.add_argument("--attach", metavar="BERKAS", help="dokumen rencana aksi (PDF, dokumen, lembar kerja)")
    q.add_argument("--add", metavar="AKSI", help="uraian aksi (dengan --due)")
    q.add_argument("--due", type=iso_date, help="tenggat aksi TTTT-BB-HH")
    json_flag(q)
    q.set_defaults(handler=cmd_rencana_aksi)


def cmd_tahapan(ctx) -> int:
    a = ctx.args
    ws = ctx.workspace()
    if a.note is not None and not a.set:
        raise UsageError("--note hanya bersama --set TAHAPAN STATUS.")
    if a.set:
        plan.set_stage(ws, ctx.actor("data.edit"), a.year, a.set[0], a.set[1], a.note)
    with ws.store.session() as s:
        rows = plan.stages(s, a.year)
    ctx.emit(rows, [i18n.tr("Tahapan penerapan SPM tahun {year}", year=a.year)] +
             [f"{r['name']:<24} {r['status_name']:<9} {r['note'] or ''}".rstrip() for r in rows])
    return 0


def cmd_rencana_aksi(ctx) -> int:
    a = ctx.args
    ws = ctx.workspace()
    if a.attach and a.add:
        raise UsageError("Pilih salah satu: --attach BERKAS atau --add AKSI --due TANGGAL.")
    if (a.add is None) != (a.due is None):
        raise UsageError("--add dan --due dipakai bersama.")
    if a.attach:
        plan.attach(ws, ctx.actor("data.edit"), a.year, a.attach)
    elif a.add is not None:
        plan.add_action(ws, ctx.actor("data.edit"), a.year, a.add, a.due)
    with ws.store.session() as s:
        doc = plan.action_plan(s, a.year)
    lines = [i18n.tr("Rencana aksi tahun {year}", year=a.year)]
    lines += [i18n.tr("Dokumen: {name}", name=d["name"]) for d in doc["documents"]]
    lines += [f"{formatting.tanggal(x['due'])}: {x['action']}" for x in doc["actions"]]
    if len(lines) == 1:
        lines.append(i18n.tr("Belum ada rencana aksi."))
    ctx.emit(doc, lines)
    return 0
