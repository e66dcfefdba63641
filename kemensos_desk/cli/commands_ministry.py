"""``ministry`` commands: keys, import, report, receipts (issue 7). No ``--user``: the
ministry's access control is its database's."""
from __future__ import annotations

import datetime as _dt
import json
import os
from pathlib import Path

from kemensos_desk.core import formatting, regions
from kemensos_desk.core.errors import EnvironmentProblem, Refused, UsageError
from kemensos_desk.core.i18n import tr
from kemensos_desk.ministry import conflicts, enrolment, importer, offices, rakor, recaps, receipts
from kemensos_desk.ministry import store as mstore
from kemensos_desk.cli import commands_ministry_rules
from kemensos_desk.services.sync import crypto, files


def _json_flag(p) -> None:
    p.add_argument("--json", action="store_true", help="keluaran JSON untuk skrip")


def _db(p) -> None:
    p.add_argument("--db", required=True, metavar="URL", help="berkas SQLite atau URL postgresql+psycopg://...")


def register(sub) -> None:
    p = sub.add_parser("ministry", help="mode kementerian: impor paket, rekap, tanda terima")
    msub = p.add_subparsers(dest="ministry_command", metavar="AKSI", required=True, parser_class=type(p))
    q = msub.add_parser("keygen", help="buat pasangan kunci kementerian")
    q.add_argument("--out-dir", required=True, metavar="DIR")
    _json_flag(q)
    q.set_defaults(handler=cmd_keygen)
    q = msub.add_parser("init", help="siapkan basis data kementerian")
    _db(q)
    q.add_argument("--key", required=True, metavar="PRIVATE_KEY_FILE")
    _json_flag(q)
    q.set_defaults(handler=cmd_init)
    q = msub.add_parser("import", help="impor paket (berkas atau folder)")
    _db(q)
    q.add_argument("paths", nargs="+", metavar="PATH")
    _json_flag(q)
    q.set_defaults(handler=cmd_import)
    q = msub.add_parser("report", help="rekap tahunan: IKK 3.1 dan kelengkapan")
    _db(q)
    q.add_argument("--year", required=True, type=int)
    q.add_argument("--regions", metavar="FILE", help="daftar kode daerah yang dinilai (satu per baris)")
    q.add_argument("--out", metavar="FILE.xlsx")
    _json_flag(q)
    q.set_defaults(handler=cmd_report)
    q = msub.add_parser("rakor", help="kompilasi usulan Rakor seluruh kantor (.xlsx)")
    _db(q)
    q.add_argument("--year", required=True, type=int, metavar="N",
                   help="tahun Rakor diselenggarakan, seperti 'rakor status|pdf|xlsx' (usulan untuk tahun N+1)")
    q.add_argument("--out", required=True, metavar="FILE.xlsx")
    _json_flag(q)
    q.set_defaults(handler=cmd_rakor)
    q = msub.add_parser("receipts", help="tulis tanda terima bertanda tangan per kantor")
    _db(q)
    q.add_argument("--out", required=True, metavar="DIR")
    _json_flag(q)
    q.set_defaults(handler=cmd_receipts)
    q = msub.add_parser("demo", help="kementerian contoh: kantor-kantor contoh mengirim paket")
    _db(q)
    q.add_argument("--offices", type=int, default=30)
    q.add_argument("--year", type=int, default=None)
    q.add_argument("--work-dir", required=True, metavar="DIR", help="folder untuk kantor contoh dan paketnya")
    _json_flag(q)
    q.set_defaults(handler=cmd_demo)
    q = msub.add_parser("conflicts", help="konflik suntingan dua perangkat satu kantor")
    _db(q)
    q.add_argument("--settle", type=int, metavar="ID", help="tandai konflik ID sudah diselesaikan")
    q.add_argument("--by", default="kementerian", metavar="NAMA", help="siapa yang menyelesaikan")
    q.add_argument("--all", action="store_true", help="termasuk yang sudah diselesaikan")
    _json_flag(q)
    q.set_defaults(handler=cmd_conflicts)
    q = msub.add_parser("gui", help="buka jendela mode kementerian")
    _db(q)
    q.set_defaults(handler=cmd_gui)
    q = msub.add_parser("accept-key", help="daftarkan kunci baru sebuah kantor")
    _db(q)
    q.add_argument("--office", required=True, metavar="CODE")
    q.add_argument("file", nargs="?", metavar="FILE.pub")
    q.add_argument("--pending", action="store_true",
                   help="daftarkan kunci yang dibawa paket kantor ini yang menunggu verifikasi")
    _json_flag(q)
    q.set_defaults(handler=cmd_accept_key)
    q = msub.add_parser("enrol", help="terbitkan berkas pendaftaran kantor (.kdenrol)")
    _db(q)
    q.add_argument("--office", required=True, metavar="CODE", help="kode wilayah kantor (mis. 32.10)")
    q.add_argument("--valid-days", type=int, default=30, metavar="N", help="masa berlaku (hari, bawaan 30)")
    q.add_argument("--out", required=True, metavar="FILE.kdenrol")
    _json_flag(q)
    q.set_defaults(handler=cmd_enrol)
    q = msub.add_parser("pending", help="paket pertama kantor yang menunggu verifikasi kunci")
    _db(q)
    _json_flag(q)
    q.set_defaults(handler=cmd_pending)
    commands_ministry_rules.register(msub)


def cmd_keygen(ctx) -> int:
    out = Path(ctx.args.out_dir)
    out.mkdir(parents=True, exist_ok=True)
    private, public = out / "ministry.key", out / "ministry.pub"
    if private.exists():
        raise Refused("{path} sudah ada; kunci lama tidak ditimpa.", path=str(private))
    keys = crypto.MinistryKeys.generate()
    files.write_atomic(private, json.dumps(keys.to_json(), indent=1).encode(), mode=0o600)
    os.chmod(private, 0o600)
    files.write_atomic(public, json.dumps(keys.public.to_json(), indent=1).encode())
    ctx.emit({"private": str(private), "public": str(public), "key_id": keys.public.key_id},
             tr("Kunci kementerian dibuat: {priv} (rahasia) dan {pub}.", priv=str(private), pub=str(public)))
    return 0


def cmd_init(ctx) -> int:
    result = mstore.init(ctx.args.db, Path(ctx.args.key))
    ctx.emit(result, tr("Basis data kementerian siap (kunci {key}).", key=result["key_id"]))
    return 0


def cmd_import(ctx) -> int:
    store = mstore.open_store(ctx.args.db)
    try:
        missing = [p for p in ctx.args.paths if not Path(p).exists()]
        if missing:
            raise UsageError("Berkas atau folder tidak ada: {paths}", paths=", ".join(missing))
        outcomes = importer.import_paths(store, [Path(p) for p in ctx.args.paths])
    finally:
        store.dispose()
    rows = [o.to_json() for o in outcomes]
    lines = []
    for o in outcomes:
        label = {"imported": tr("diimpor"), "unchanged": tr("tidak berubah"), "refused": tr("DITOLAK"),
                 "pending": tr("MENUNGGU VERIFIKASI")}[o.status]
        line = f"{o.file}: {label}"
        if o.status in ("refused", "pending"):
            line += f" — {o.reason}"
        else:
            line += tr(" (baru {n}, diperbarui {u}, tetap {s})", n=o.new, u=o.updated, s=o.unchanged)
            if o.gap:
                line += tr("; ada nomor urut yang terlewat")
        lines.append(line)
    ctx.emit({"bundles": rows}, lines or [tr("Tidak ada paket ditemukan.")])
    return 1 if any(o.status in ("refused", "pending") for o in outcomes) else 0


def _read_regions(path: Path) -> set[str]:
    try:
        text = path.read_text(encoding="utf-8")
    except OSError as exc:
        raise Refused("Berkas {path} tidak terbaca: {error}", path=str(path), error=exc.strerror or str(exc)) from None
    codes = set()
    for n, line in enumerate(text.splitlines(), start=1):
        token = line.split("#")[0].replace(",", " ").replace(";", " ").split()
        if not token:
            continue
        try:
            codes.add(regions.normalize_code(token[0]))
        except ValueError:
            raise Refused("Baris {n} berkas daerah: kode '{code}' tidak sah.", n=n, code=token[0]) from None
    return codes


def cmd_report(ctx) -> int:
    if not ctx.json and not ctx.args.out:
        raise UsageError("Sebutkan --json atau --out FILE.xlsx.")
    only = _read_regions(Path(ctx.args.regions)) if ctx.args.regions else None
    store = mstore.open_store(ctx.args.db)
    try:
        indicator = recaps.ikk_indicator(store, ctx.args.year, only)
        matrix = recaps.completeness(store, ctx.args.year, expected=only)
        spm = recaps.spm_by_region(store, ctx.args.year)
        dekon = recaps.dekon_by_ro_and_province(store, ctx.args.year)
    finally:
        store.dispose()
    demo = any(bool(o["is_demo"]) for p in matrix["provinces"] for o in p["offices"])
    if ctx.args.out:
        from kemensos_desk.ministry import report_xlsx  # late: openpyxl is slow to import

        report_xlsx.write_report(Path(ctx.args.out), indicator, matrix, demo=demo, spm=spm, dekon=dekon)
    data = {**indicator, "completeness": matrix, "spm_regions": spm, "dekon": dekon}
    if ctx.args.out:
        data["file"] = ctx.args.out
    ctx.emit(data, [
        tr("IKK 3.1 tahun {y}: {pct} daerah meningkat ({n} dari {m}); target {t}, capaian {a}.",
           y=ctx.args.year, pct=formatting.persen(indicator["spm_improved_pct"]), n=indicator["regions_improved"],
           m=indicator["regions_assessed"], t=formatting.persen(indicator["target"]),
           a=formatting.persen(indicator["achievement_pct"])),
    ] + ([tr("Laporan ditulis ke {path}.", path=ctx.args.out)] if ctx.args.out else []))
    return 0


def cmd_rakor(ctx) -> int:
    store = mstore.open_store(ctx.args.db)
    try:
        rows = rakor.proposals(store, ctx.args.year)
    finally:
        store.dispose()
    year = ctx.args.year
    rakor.write_xlsx(Path(ctx.args.out), year, rows)
    offices_ = sorted({r["office"] for r in rows})
    ctx.emit({"file": ctx.args.out, "rakor_year": year, "proposal_year": rakor.proposal_year(year),
              "proposals": rows, "proposal_count": len(rows), "offices": offices_},
             tr("Rakor {rakor}, {title}: {n} usulan dari {m} kantor ditulis ke {path}.", rakor=year,
                title=rakor.proposals_title(year), n=len(rows), m=len(offices_), path=ctx.args.out))
    return 0


def cmd_receipts(ctx) -> int:
    store = mstore.open_store(ctx.args.db)
    try:
        written = receipts.write_receipts(store, Path(ctx.args.out))
    finally:
        store.dispose()
    ctx.emit({"files": [str(p) for p in written]}, [tr("{n} tanda terima ditulis:", n=len(written))] + [f"  {p}" for p in written])
    return 0


def cmd_accept_key(ctx) -> int:
    if bool(ctx.args.file) == bool(ctx.args.pending):
        raise UsageError("Sebutkan BERKAS.pub atau --pending (salah satu).")
    store = mstore.open_store(ctx.args.db)
    try:
        if ctx.args.pending:
            result = enrolment.accept_pending(store, ctx.args.office)
            # The bundles that waited are imported now, where they still are.
            paths = [Path(p) for p in result["paths"] if Path(p).exists()]
            outcomes = importer.import_paths(store, paths) if paths else []
            result["bundles"] = [o.to_json() for o in outcomes if o.office == result["office"]]
        else:
            result = offices.accept_key(store, ctx.args.office, Path(ctx.args.file))
    finally:
        store.dispose()
    lines = [tr("Kunci baru kantor {code} didaftarkan; paket bertanda tangan kunci lama akan ditolak.",
                code=result["office"])]
    lines += [f"  {b['file']}: {b['status']}" + (f" — {b['reason']}" if b["reason"] else "")
              for b in result.get("bundles", [])]
    ctx.emit(result, lines)
    return 0


def cmd_enrol(ctx) -> int:
    out = Path(ctx.args.out)
    store = mstore.open_store(ctx.args.db)
    try:
        data = enrolment.issue(store, ctx.args.office, ctx.args.valid_days)
    finally:
        store.dispose()
    try:  # it holds a secret: owner-only
        files.write_atomic(out, json.dumps(data, ensure_ascii=False, indent=1).encode("utf-8"), mode=0o600)
    except OSError as exc:
        raise EnvironmentProblem("Berkas {path} tidak bisa ditulis: {error}", path=str(out),
                                 error=exc.strerror or str(exc)) from None
    ctx.emit({"file": str(out), "office": data["office"], "id": data["id"], "valid_until": data["valid_until"]},
             tr("Berkas pendaftaran kantor {code} ditulis ke {path} (berlaku sampai {until}). Serahkan hanya "
                "kepada administrator kantor itu.", code=data["office"], path=str(out), until=formatting.tanggal(_dt.date.fromisoformat(data["valid_until"][:10]))))
    return 0


def cmd_pending(ctx) -> int:
    store = mstore.open_store(ctx.args.db)
    try:
        rows = enrolment.pending(store)
    finally:
        store.dispose()
    lines = [tr("{code} {name}: sidik jari {fp} (paket {file})", code=r["office"], name=r["office_name"],
                fp=r["fingerprint"], file=r["file"]) for r in rows]
    ctx.emit({"pending": rows}, lines or [tr("Tidak ada kunci kantor yang menunggu verifikasi.")])
    return 0


def cmd_conflicts(ctx) -> int:
    store = mstore.open_store(ctx.args.db)
    try:
        if ctx.args.settle is not None:
            conflicts.settle(store, ctx.args.settle, ctx.args.by)
        rows = conflicts.open_conflicts(store, include_settled=ctx.args.all)
    finally:
        store.dispose()
    lines = [f"#{c['id']} {c['office']} {c['kind']} {c['uuid']} rev {c['revision']}: "
             + "; ".join(f"{k}: {a!r} / {b!r}" for k, (a, b) in c["differences"].items()) for c in rows]
    ctx.emit({"conflicts": rows}, lines or [tr("Tidak ada konflik yang terbuka.")])
    return 0


def cmd_demo(ctx) -> int:
    from kemensos_desk.ministry import demo as ministry_demo

    if not 1 <= ctx.args.offices <= 600:
        raise UsageError("Jumlah kantor contoh harus 1 sampai 600.")
    if not mstore.MinistryStore(ctx.args.db).is_initialised():
        mstore.init(ctx.args.db, crypto.demo_key_file())
    store = mstore.open_store(ctx.args.db)
    try:
        result = ministry_demo.run(store, Path(ctx.args.work_dir), ctx.args.offices, ctx.args.year)
    finally:
        store.dispose()
    ctx.emit(result, tr("{n} kantor contoh: {s} mengirim paket, {q} tidak pernah mengirim, {l} kehilangan satu paket.",
                        n=result["offices"], s=len(result["sent"]), q=len(result["silent"]), l=len(result["lost_bundle"])))
    return 0


def cmd_gui(ctx) -> int:
    from kemensos_desk.ui.ministry.app import run_ministry_gui

    store = mstore.open_store(ctx.args.db)  # a wrong --db is the usual CLI error, before any window
    try:
        return run_ministry_gui(store, ctx.data_dir / "logs")
    finally:
        store.dispose()
