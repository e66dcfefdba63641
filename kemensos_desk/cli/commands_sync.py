"""``sync`` commands: make a bundle, import a receipt, set the ministry key (issue 7)."""
from __future__ import annotations

import datetime as _dt
import json
from pathlib import Path

from kemensos_desk.core import formatting
from kemensos_desk.core.errors import Refused
from kemensos_desk.core.i18n import tr
from kemensos_desk.core.enrolment import fingerprint
from kemensos_desk.services.sync import crypto, enrolment, export, keys, receipts


def _json_flag(p) -> None:
    p.add_argument("--json", action="store_true", help="keluaran JSON untuk skrip")


def register(sub) -> None:
    p = sub.add_parser("sync", help="paket sinkronisasi ke kementerian")
    ssub = p.add_subparsers(dest="sync_command", metavar="AKSI", required=True, parser_class=type(p))
    q = ssub.add_parser("export", help="buat paket (terenkripsi, bertanda tangan) ke folder")
    q.add_argument("--out", required=True, metavar="DIR")
    q.add_argument("--full", action="store_true", help="salinan lengkap, bukan hanya yang belum dikonfirmasi")
    q.add_argument("--max-part-mb", type=float, default=None, metavar="N",
                   help="pecah paket di atas N MB (bawaan: batas e-mail di pengaturan)")
    _json_flag(q)
    q.set_defaults(handler=cmd_export)
    q = ssub.add_parser("receipt", help="impor tanda terima dari kementerian")
    q.add_argument("file", metavar="FILE")
    _json_flag(q)
    q.set_defaults(handler=cmd_receipt)
    q = ssub.add_parser("ministry-key", help="atur kunci publik kementerian (administrator)")
    q.add_argument("file", metavar="FILE.pub")
    _json_flag(q)
    q.set_defaults(handler=cmd_ministry_key)
    q = ssub.add_parser("office-key", help="tulis kunci publik instalasi ini (untuk 'ministry accept-key')")
    q.add_argument("--out", required=True, metavar="FILE.pub")
    _json_flag(q)
    q.set_defaults(handler=cmd_office_key)
    q = ssub.add_parser("enrol", help="ambil berkas pendaftaran dari kementerian (administrator)")
    q.add_argument("file", metavar="FILE.kdenrol")
    _json_flag(q)
    q.set_defaults(handler=cmd_enrol)
    q = ssub.add_parser("list", help="daftar paket yang pernah dibuat")
    _json_flag(q)
    q.set_defaults(handler=cmd_list)


def cmd_export(ctx) -> int:
    actor = ctx.actor("sync.export")
    ws = ctx.workspace()
    limit = None if ctx.args.max_part_mb is None else int(ctx.args.max_part_mb * export.MB)
    if limit is not None and limit < 1024:
        raise Refused("Ukuran bagian {n} MB terlalu kecil.", n=ctx.args.max_part_mb)
    result = export.export_bundle(ws, actor, Path(ctx.args.out), full=ctx.args.full, max_part_bytes=limit)
    total = sum(result.records.values())
    lines = [tr("Paket nomor {seq} dibuat dan sudah diperiksa ulang ({n} rekaman, {size} bita):",
                seq=result.sequence, n=formatting.angka(total), size=formatting.angka(result.size))]
    lines += [f"  {f}" for f in result.files]
    lines += [f"  - {k}: {formatting.angka(v)}" for k, v in result.records.items() if v]
    ctx.emit(result.to_json(), lines)
    return 0


def cmd_receipt(ctx) -> int:
    actor = ctx.actor("sync.export")
    result = receipts.import_receipt(ctx.workspace(), actor, Path(ctx.args.file))
    lines = [tr("Tanda terima diimpor: {n} paket dikonfirmasi kementerian.", n=result["confirmed"])]
    for r in result["refused"]:
        lines.append(tr("  Ditolak kementerian: {file}: {reason}", file=r.get("file"), reason=r.get("reason")))
    taken = result.get("rules")
    if taken and taken["status"] == "imported":
        lines.append(tr("Paket aturan versi {v} dari kementerian diimpor dan berlaku.", v=taken["version"]))
    elif taken and taken["status"] == "refused":
        lines.append(tr("Paket aturan yang menyertai tanda terima ditolak: {reason}", reason=taken["reason"]))
    ctx.emit(result, lines)
    return 0


def cmd_ministry_key(ctx) -> int:
    actor = ctx.actor("settings.edit")
    data = crypto.read_json_file(Path(ctx.args.file), "kunci publik kementerian")
    key = keys.set_ministry_key(ctx.workspace(), actor, data)
    ctx.emit({"key_id": key.key_id}, tr("Kunci publik kementerian diatur ({key}).", key=key.key_id))
    return 0


def cmd_office_key(ctx) -> int:
    ctx.actor("sync.export")
    data = keys.office_public_file(ctx.workspace())
    from kemensos_desk.services.sync.files import write_atomic

    write_atomic(Path(ctx.args.out), json.dumps(data, ensure_ascii=False, indent=1).encode("utf-8"))
    data["fingerprint"] = fingerprint(crypto.unb64(data["ed25519"]))
    ctx.emit({"file": ctx.args.out, **data}, [tr("Kunci publik instalasi ditulis ke {path}.", path=ctx.args.out),
                                              tr("Sidik jari: {fp}", fp=data["fingerprint"])])
    return 0


def cmd_enrol(ctx) -> int:
    actor = ctx.actor("settings.edit")
    result = enrolment.take(ctx.workspace(), actor, enrolment.read_file(Path(ctx.args.file)))
    lines = [tr("Kantor {code} terdaftar di kementerian (berlaku sampai {until}); paket pertamanya akan diterima "
                "tanpa verifikasi telepon.", code=result["office"], until=formatting.tanggal(_dt.date.fromisoformat(result["valid_until"][:10])))]
    if result["ministry_key_set"]:
        lines.append(tr("Kunci publik kementerian diatur ({key}).", key=result["ministry_key_id"]))
    ctx.emit(result, lines)
    return 0


def cmd_list(ctx) -> int:
    rows = export.list_bundles(ctx.workspace())
    lines = [f"{r['sequence']:>4}  {formatting.waktu_lokal(r['created_at'])}  {r['name']}  "
             + (tr("dikonfirmasi {d}", d=formatting.tanggal(r['confirmed_at'])) if r["confirmed_at"] else tr("belum dikonfirmasi"))
             for r in rows] or [tr("Belum ada paket.")]
    ctx.emit({"bundles": rows}, lines)
    return 0
