"""Foundation commands: init, demo, info, check, backup, restore, users, audit, settings."""
from __future__ import annotations

import argparse
from pathlib import Path

from kemensos_desk.core import formatting, i18n
from kemensos_desk.core.errors import Refused
from kemensos_desk.services import audit_log, demo, maintenance, settings, users
from kemensos_desk.services.auth import role_label
from kemensos_desk.services.office import OfficeDetails, setup_office


# ``info --json`` keys: a public contract (foundation issue), nothing more, nothing less.
INFO_KEYS = ("office_name", "level", "region_code", "region_name", "schema_version", "device_id", "counts")


def _json_flag(p: argparse.ArgumentParser) -> None:
    p.add_argument("--json", action="store_true", help="keluaran JSON untuk skrip")


def register(sub) -> None:
    p = sub.add_parser("init", help="siapkan kantor tanpa GUI")
    p.add_argument("--level", required=True, choices=["provinsi", "kabupaten", "kota"])
    p.add_argument("--region", required=True, metavar="KODE", help="kode wilayah Kemendagri, mis. 32.10")
    p.add_argument("--office-name", required=True)
    p.add_argument("--address", default=None, help="alamat kantor (bawaan: nama wilayah)")
    p.add_argument("--phone")
    p.add_argument("--email")
    p.add_argument("--head-name", required=True)
    p.add_argument("--head-nip", required=True)
    p.add_argument("--admin", required=True, metavar="USER")
    p.add_argument("--admin-name", default=None, help="nama lengkap administrator")
    _json_flag(p)
    p.set_defaults(handler=cmd_init)

    p = sub.add_parser("demo", help="buat kantor contoh dengan data bangkitan")
    p.add_argument("--year", type=int, default=None)
    p.add_argument("--region", default=demo.DEFAULT_REGION, metavar="KODE")
    p.add_argument("--size", choices=["small", "normal"], default="normal")
    _json_flag(p)
    p.set_defaults(handler=cmd_demo)

    p = sub.add_parser("info", help="kantor, versi skema dan jumlah rekaman")
    _json_flag(p)
    p.set_defaults(handler=cmd_info)

    p = sub.add_parser("check", help="periksa integritas basis data")
    _json_flag(p)
    p.set_defaults(handler=cmd_check)

    p = sub.add_parser("backup", help="buat cadangan basis data")
    p.add_argument("--out", required=True, metavar="FILE")
    _json_flag(p)
    p.set_defaults(handler=cmd_backup)

    p = sub.add_parser("restore", help="pulihkan dari cadangan (administrator)")
    p.add_argument("file", metavar="FILE")
    _json_flag(p)
    p.set_defaults(handler=cmd_restore)

    p = sub.add_parser("recover", help="atur ulang kata sandi administrator dengan kode pemulihan")
    p.add_argument("--code", required=True)
    _json_flag(p)
    p.set_defaults(handler=cmd_recover)

    p = sub.add_parser("user", help="kelola pengguna (administrator)")
    usub = p.add_subparsers(dest="user_command", metavar="AKSI", required=True, parser_class=type(p))
    q = usub.add_parser("list", help="daftar pengguna")
    _json_flag(q)
    q.set_defaults(handler=cmd_user_list)
    q = usub.add_parser("add", help="tambah pengguna; kata sandinya dari KEMENSOS_DESK_NEW_PASSWORD atau baris kedua stdin")
    q.add_argument("username")
    q.add_argument("--full-name", required=True)
    q.add_argument("--role", required=True, choices=["administrator", "operator", "verifikator"])
    _json_flag(q)
    q.set_defaults(handler=cmd_user_add)
    q = usub.add_parser("reset-password", help="atur ulang kata sandi pengguna lain")
    q.add_argument("username")
    _json_flag(q)
    q.set_defaults(handler=cmd_user_reset)
    for name, active in (("activate", True), ("deactivate", False)):
        q = usub.add_parser(name, help="aktifkan" if active else "nonaktifkan")
        q.add_argument("username")
        _json_flag(q)
        q.set_defaults(handler=cmd_user_active, active=active)
    q = usub.add_parser("unlock", help="buka kunci akun")
    q.add_argument("username")
    _json_flag(q)
    q.set_defaults(handler=cmd_user_unlock)

    p = sub.add_parser("audit", help="log audit (administrator)")
    p.add_argument("--limit", type=int, default=50)
    p.add_argument("--search", default=None)
    _json_flag(p)
    p.set_defaults(handler=cmd_audit)

    p = sub.add_parser("settings", help="lihat atau ubah pengaturan")
    p.add_argument("--set", nargs=2, metavar=("KUNCI", "NILAI"), action="append", default=[])
    _json_flag(p)
    p.set_defaults(handler=cmd_settings)


def _new_password(ctx) -> str:
    import os

    if getattr(ctx.args, "password_stdin", False):
        return ctx.stdin_line()
    value = os.environ.get("KEMENSOS_DESK_NEW_PASSWORD")
    if not value:
        from kemensos_desk.core.errors import UsageError

        raise UsageError("Kata sandi baru tidak diberikan: isi KEMENSOS_DESK_NEW_PASSWORD atau baris kedua --password-stdin.")
    return value


def cmd_init(ctx) -> int:
    a = ctx.args
    ws = ctx.workspace(must_exist=False)
    from kemensos_desk.core import regions

    region = regions.get(a.region)
    details = OfficeDetails(
        level=a.level, region_code=a.region, office_name=a.office_name,
        address=a.address or (region.name if region else a.region),
        head_name=a.head_name, head_nip=a.head_nip, phone=a.phone, email=a.email,
    )
    code = setup_office(ws, details, a.admin, a.admin_name or a.admin, ctx.password())
    office = ws.office()
    ctx.emit(
        {"office_name": office.name, "level": office.level, "region_code": office.region_code,
         "region_name": office.region_name, "admin": a.admin, "recovery_code": code},
        [i18n.tr("Kantor {name} ({region}) siap.", name=office.name, region=office.region_name),
         i18n.tr("Kode pemulihan administrator (simpan di tempat aman, hanya ditampilkan sekali): {code}", code=code)],
    )
    return 0


def cmd_demo(ctx) -> int:
    a = ctx.args
    ws = ctx.workspace(must_exist=False)
    code = demo.create_demo(ws, ctx.password(), year=a.year, region_code=a.region, size=a.size)
    info = maintenance.info(ws)
    ctx.emit({**info, "admin": "admin", "recovery_code": code},
             [i18n.tr("Kantor contoh {name} dibuat di {dir}.", name=info["office_name"], dir=str(ws.data_dir)),
              i18n.tr("Masuk sebagai 'admin' dengan kata sandi yang Anda berikan.")])
    return 0


def cmd_info(ctx) -> int:
    info = maintenance.info(ctx.workspace())
    lines = [
        f"{i18n.tr('Kantor')}: {info['office_name']}" + ("  [CONTOH / DEMO]" if info["is_demo"] else ""),
        f"{i18n.tr('Tingkat')}: {info['level']}",
        f"{i18n.tr('Wilayah')}: {info['region_code']} {info['region_name']}",
        f"{i18n.tr('Versi skema')}: {info['schema_version']}",
        f"{i18n.tr('ID perangkat')}: {info['device_id']}",
        f"{i18n.tr('Folder data')}: {info['data_dir']}",
        f"{i18n.tr('Jumlah rekaman')}:",
    ] + [f"  {k}: {formatting.angka(v)}" for k, v in info["counts"].items()]
    ctx.emit({k: info[k] for k in INFO_KEYS}, lines)
    return 0


def cmd_check(ctx) -> int:
    problems = maintenance.check(ctx.workspace())
    ctx.emit({"ok": not problems, "problems": [str(p) for p in problems]},
             [i18n.tr("Basis data sehat.")] if not problems else
             [i18n.tr("Ditemukan {n} masalah:", n=len(problems))] + [f"  - {p}" for p in problems])
    return 1 if problems else 0


def cmd_backup(ctx) -> int:
    actor = ctx.actor("backup")
    out = maintenance.backup(ctx.workspace(), actor, Path(ctx.args.out))
    ctx.emit({"file": str(out), "size": out.stat().st_size},
             i18n.tr("Cadangan ditulis ke {file}.", file=str(out)))
    return 0


def cmd_restore(ctx) -> int:
    ws = ctx.workspace(must_exist=False)
    # On a new, empty installation there is no account yet: the backup brings its own.
    actor = ctx.actor("restore") if ws.is_initialised() or ctx.args.user else None
    restored, safety = maintenance.restore(ws, actor, Path(ctx.args.file))
    ctx.replace_workspace(restored)
    info = maintenance.info(restored)
    ctx.emit({"restored_from": ctx.args.file, "previous_backup": str(safety), "device_id": info["device_id"]},
             [i18n.tr("Data dipulihkan dari {file}.", file=ctx.args.file),
              i18n.tr("Data sebelumnya dicadangkan di {file}.", file=str(safety))])
    return 0


def cmd_recover(ctx) -> int:
    ws = ctx.workspace()
    username, next_code = users.recover_with_code(ws, ctx.args.code, _new_password(ctx))
    ctx.emit({"username": username, "recovery_code": next_code},
             [i18n.tr("Kata sandi {user} sudah diganti.", user=username),
              i18n.tr("Kode pemulihan yang baru (kode lama tidak berlaku lagi): {code}", code=next_code)])
    return 0


def cmd_user_list(ctx) -> int:
    ctx.actor("users.manage")
    rows = users.list_users(ctx.workspace())
    ctx.emit({"users": rows}, [
        f"{r['username']:<20} {role_label(r['role']):<14} {r['full_name']}"
        + ("" if r["active"] else f"  ({i18n.tr('nonaktif')})") + (f"  ({i18n.tr('terkunci')})" if r["locked"] else "")
        for r in rows])
    return 0


def cmd_user_add(ctx) -> int:
    actor = ctx.actor("users.manage")
    a = ctx.args
    users.add_user(ctx.workspace(), actor, a.username, a.full_name, a.role, _new_password(ctx))
    ctx.emit({"username": a.username.lower(), "role": a.role},
             i18n.tr("Pengguna {user} ditambahkan.", user=a.username.lower()))
    return 0


def cmd_user_reset(ctx) -> int:
    actor = ctx.actor("users.manage")
    users.reset_password(ctx.workspace(), actor, ctx.args.username, _new_password(ctx))
    ctx.emit({"username": ctx.args.username}, i18n.tr("Kata sandi {user} diatur ulang.", user=ctx.args.username))
    return 0


def cmd_user_active(ctx) -> int:
    actor = ctx.actor("users.manage")
    users.set_active(ctx.workspace(), actor, ctx.args.username, ctx.args.active)
    ctx.emit({"username": ctx.args.username, "active": ctx.args.active},
             i18n.tr("Pengguna {user} diaktifkan.", user=ctx.args.username) if ctx.args.active
             else i18n.tr("Pengguna {user} dinonaktifkan.", user=ctx.args.username))
    return 0


def cmd_user_unlock(ctx) -> int:
    actor = ctx.actor("users.manage")
    users.unlock(ctx.workspace(), actor, ctx.args.username)
    ctx.emit({"username": ctx.args.username}, i18n.tr("Kunci akun {user} dibuka.", user=ctx.args.username))
    return 0


def cmd_audit(ctx) -> int:
    actor = ctx.actor("audit.read")
    rows = audit_log.recent(ctx.workspace(), actor, ctx.args.limit, ctx.args.search)
    ctx.emit({"entries": rows}, [
        f"{formatting.waktu_lokal(r['at'])}  {r['username'] or '-':<16} {r['action_label']:<14} "
        f"{r['entity_label']} {r['subject']} {r['summary'] or ''}".rstrip()
        for r in rows])
    return 0


def cmd_settings(ctx) -> int:
    ws = ctx.workspace()
    if ctx.args.set:
        actor = ctx.actor()
        for key, raw in ctx.args.set:
            value: object = raw
            if raw.isdigit():
                value = int(raw)
            settings.change(ws, actor, key, value)
    from kemensos_desk.services.workspace import setting_defaults

    current = {k: ws.setting(k) for k in setting_defaults() if k != "ministry_public_key"}
    ctx.emit(current, [f"{k}: {v}" for k, v in current.items()])
    return 0


__all__ = ["register", "Refused"]
