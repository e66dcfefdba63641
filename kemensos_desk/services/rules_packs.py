"""The office's rules packs: import a signed pack from the ministry, show the rules in force.

An import is one transaction: the pack row (kept forever, for ``rules show --version V``
and the audit), the audit line and any component replacements the pack maps. Only then
is the pack put in force (``core.rules.install``), so a refusal changes nothing.
"""
from __future__ import annotations

import json
from pathlib import Path

from sqlalchemy import select, text

from kemensos_desk.core import bundle_format as bf
from kemensos_desk.core import rules
from kemensos_desk.core.errors import Refused
from kemensos_desk.services import rules_check, rules_format
from kemensos_desk.services.auth import Actor
from kemensos_desk.services.sync import keys
from kemensos_desk.services.workspace import Workspace
from kemensos_desk.store.audit import log_event
from kemensos_desk.store.base import utcnow
from kemensos_desk.store.models_rules import RulesPack

IMPORTED = "imported"
ALREADY = "already"  # the same pack, or the same version, is in force: exit 0, "sudah berlaku"


def read_file(path: Path) -> bytes:
    path = Path(path)
    try:
        rules_format.check_size(path.stat().st_size)  # before reading a hostile file into memory
        return path.read_bytes()
    except FileNotFoundError:
        raise Refused("Berkas {path} tidak ada.", path=str(path)) from None
    except OSError as exc:
        raise Refused("Berkas {path} tidak terbaca: {error}", path=str(path), error=exc.strerror or str(exc)) from None


def import_pack_file(ws: Workspace, actor: Actor, path: Path) -> dict:
    """``rules import FILE`` (administrator)."""
    actor.require("settings.edit")
    return import_pack(ws, actor.username, read_file(path))


def import_pack(ws: Workspace, username: str | None, data: bytes, via: str = "file") -> dict:
    """Verify, check and keep a pack; ``{"status": imported|already, "version", ...}``."""
    body, signature = rules_format.read_pack(data)
    rules_format.verify_pack(body, signature, keys.ministry_public(ws))
    pack = rules_format.check_header(body)
    current = rules.in_force()
    if pack.version == current.version:
        if pack.source == current.source and pack.files != current.files:
            raise Refused("Paket aturan versi {v} berbeda isinya dengan versi {v} yang berlaku; ditolak.", v=pack.version)
        return _result(ALREADY, pack, current)
    if not rules.newer(pack.version, current.version):
        raise Refused("Paket aturan versi {v} lebih lama dari aturan yang berlaku (versi {current}); ditolak.",
                      v=pack.version, current=current.version)
    rules_check.check_files(pack.files)
    spm = pack.files.get("spm_services") or rules.built_in().files["spm_services"]
    with ws.store.session(username) as s:
        if s.scalars(select(RulesPack).where(RulesPack.version == pack.version)).first() is not None:
            # Kept but not in force: a newer release's built-in rules overtook it.
            return _result(ALREADY, pack, current)
        replacements = rules_check.check_recorded_components(s, spm)
        _apply_replacements(s, username, replacements)
        s.add(RulesPack(version=pack.version, effective=pack.effective, note=pack.note,
                        files=json.dumps(pack.files, ensure_ascii=False), sha256=bf.sha256_hex(data),
                        key_id=body.get("key_id"), via=via, imported_by=username, imported_at=utcnow(), size=len(data)))
        log_event(s, "rules.import", f"Paket aturan versi {pack.version} (berlaku {pack.effective}) diimpor"
                  + (" dari tanda terima" if via == "receipt" else ""), entity="rules_pack", entity_key=pack.version)
    rules.install(pack)
    return _result(IMPORTED, pack, current)


def _apply_replacements(s, username: str | None, replacements: dict[str, dict[str, str]]) -> None:
    """Deliveries of a component the pack replaced take the new code (a revision, so they sync)."""
    now = utcnow()
    for service, pairs in replacements.items():
        for old, new in pairs.items():
            params = {"old": old, "new": new, "svc": service, "now": now, "user": username}
            table = "spm_disaster_delivery" if service == "bencana" else "spm_delivery"
            where = "component = :old AND deleted_at IS NULL" + ("" if service == "bencana" else " AND service = :svc")
            s.execute(text(f"UPDATE {table} SET component = :new, revision = revision + 1, updated_at = :now, "
                           f"updated_by = :user WHERE {where}"), params)
            log_event(s, "rules.map", f"Komponen {old} layanan {service} diganti {new} menurut paket aturan",
                      entity=table, entity_key=f"{service}/{old}")


def _result(status: str, pack: rules.RuleSet, previous: rules.RuleSet) -> dict:
    return {"status": status, "version": pack.version, "effective": pack.effective, "note": pack.note,
            "previous_version": previous.version, "in_force": rules.version()}


def show(ws: Workspace, version: str | None = None) -> dict:
    """``rules show [--version V]``: ``{"version", "effective", "source", "note", "files"}``."""
    if version is None or version == rules.version():
        return rules.in_force().as_json()
    if version == rules.built_in().version:
        return rules.built_in().as_json()
    with ws.store.session() as s:
        row = s.scalars(select(RulesPack).where(RulesPack.version == version)).first()
        if row is None:
            raise Refused("Aturan versi {v} tidak dikenal di kantor ini.", v=version)
        return row.rule_set().as_json()


def history(ws: Workspace) -> list[dict]:
    """Every pack imported, newest version first, with who imported it and when."""
    with ws.store.session() as s:
        rows = list(s.scalars(select(RulesPack)))
    rows.sort(key=lambda r: rules.version_key(r.version), reverse=True)
    return [{"version": r.version, "effective": r.effective, "note": r.note, "via": r.via,
             "imported_by": r.imported_by, "imported_at": r.imported_at, "in_force": r.version == rules.version()}
            for r in rows]
