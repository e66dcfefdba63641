"""``rules`` commands: the rules in force and importing a ministry rules pack (issue 12)."""
from __future__ import annotations

from pathlib import Path

from kemensos_desk.core import formatting
from kemensos_desk.core.i18n import tr
from kemensos_desk.services import rules_packs


def register(sub) -> None:
    p = sub.add_parser("rules", help="aturan yang berlaku (bawaan atau paket kementerian)")
    rsub = p.add_subparsers(dest="rules_command", metavar="AKSI", required=True, parser_class=type(p))
    q = rsub.add_parser("show", help="versi aturan yang berlaku dan isinya")
    q.add_argument("--version", dest="rules_version", metavar="V", help="versi tertentu (bawaan: yang berlaku)")
    q.add_argument("--json", action="store_true", help="keluaran JSON untuk skrip")
    q.set_defaults(handler=cmd_show)
    q = rsub.add_parser("import", help="impor paket aturan .kdrules dari kementerian (administrator)")
    q.add_argument("file", metavar="FILE")
    q.add_argument("--json", action="store_true", help="keluaran JSON untuk skrip")
    q.set_defaults(handler=cmd_import)


def cmd_show(ctx) -> int:
    ws = ctx.workspace()
    doc = rules_packs.show(ws, ctx.args.rules_version)
    source = tr("bawaan aplikasi") if doc["source"] == "built-in" else tr("paket kementerian")
    lines = [tr("Aturan versi {v} ({source}), berlaku {date}.", v=doc["version"], source=source,
                date=_date(doc["effective"]))]
    if doc.get("note"):
        lines.append(f"  {doc['note']}")
    lines.append(tr("Berkas: {names}", names=", ".join(f"{n}.json" for n in doc["files"])))
    history = rules_packs.history(ws)
    if history and ctx.args.rules_version is None:
        lines.append(tr("Paket yang pernah diimpor:"))
        lines += [f"  {h['version']}  {formatting.tanggal_waktu(h['imported_at'])}  {h['imported_by'] or '-'}"
                  for h in history]
    if ctx.args.rules_version is None:
        doc["history"] = history
    ctx.emit(doc, lines)
    return 0


def cmd_import(ctx) -> int:
    actor = ctx.actor("settings.edit")
    result = rules_packs.import_pack_file(ctx.workspace(), actor, Path(ctx.args.file))
    if result["status"] == rules_packs.ALREADY:
        text = tr("Paket aturan versi {v} sudah berlaku; tidak ada yang diubah.", v=result["version"])
    else:
        text = tr("Paket aturan versi {v} diimpor dan berlaku mulai sekarang (sebelumnya versi {old}).",
                  v=result["version"], old=result["previous_version"])
    ctx.emit(result, text)
    return 0


def _date(iso: str) -> str:
    import datetime as _dt

    try:
        return formatting.tanggal(_dt.date.fromisoformat(iso))
    except (TypeError, ValueError):
        return iso or "-"
