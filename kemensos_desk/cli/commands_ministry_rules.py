"""``ministry rules export|show``: the rules packs the ministry issues (issue 12)."""
from __future__ import annotations

import os
from pathlib import Path

from kemensos_desk.core.i18n import tr
from kemensos_desk.ministry import rules as mrules
from kemensos_desk.ministry import store as mstore


def register(msub) -> None:
    p = msub.add_parser("rules", help="paket aturan untuk kantor (.kdrules)")
    rsub = p.add_subparsers(dest="ministry_rules_command", metavar="AKSI", required=True, parser_class=type(p))
    q = rsub.add_parser("export", help="buat paket aturan bertanda tangan dari aturan yang berlaku atau folder DIR")
    q.add_argument("--db", required=True, metavar="URL", help="berkas SQLite atau URL postgresql+psycopg://...")
    q.add_argument("--out", required=True, metavar="FILE.kdrules")
    q.add_argument("--from", dest="from_dir", metavar="DIR", help="folder berkas rujukan yang diubah (nama seperti db/reference)")
    q.add_argument("--note", metavar="TEXT", help="catatan perubahan (bahasa Indonesia)")
    q.add_argument("--effective", metavar="YYYY-MM-DD", help="tanggal berlaku (bawaan: hari ini)")
    q.add_argument("--json", action="store_true", help="keluaran JSON untuk skrip")
    q.set_defaults(handler=cmd_export)
    q = rsub.add_parser("show", help="aturan yang berlaku dan versi yang pernah diterbitkan")
    q.add_argument("--db", required=True, metavar="URL", help="berkas SQLite atau URL postgresql+psycopg://...")
    q.add_argument("--json", action="store_true", help="keluaran JSON untuk skrip")
    q.set_defaults(handler=cmd_show)


def cmd_export(ctx) -> int:
    store = mstore.open_store(ctx.args.db)
    try:
        result = mrules.export(store, Path(ctx.args.out), Path(ctx.args.from_dir) if ctx.args.from_dir else None,
                               ctx.args.note, ctx.args.effective, issued_by=os.environ.get("USER"))
    finally:
        store.dispose()
    ctx.emit(result, tr("Paket aturan versi {v} ditulis ke {path} (sebelumnya versi {old}).",
                        v=result["version"], path=result["file"], old=result["previous_version"]))
    return 0


def cmd_show(ctx) -> int:
    store = mstore.open_store(ctx.args.db)
    try:
        doc = mrules.issued(store)
    finally:
        store.dispose()
    lines = [tr("Aturan yang berlaku: versi {v}.", v=doc["version"])]
    lines += [f"  {p['version']}  {p['effective']}  {p['note']}" for p in doc["issued"]] or [tr("Belum ada paket aturan yang diterbitkan.")]
    ctx.emit(doc, lines)
    return 0
