"""Taking the ministry's enrolment file at the office (``sync enrol``, set-up wizard, Sinkronisasi).

The file is checked (kind, the ministry's signature, this office's code, validity) and its
secret kept in the office store; every bundle then carries the proof (core.enrolment),
so the ministry imports the office's first bundle without waiting for a phone call. A
file that carries the ministry's public key sets it too when none is configured yet.
"""
from __future__ import annotations

import datetime as _dt
from pathlib import Path

from kemensos_desk.core import enrolment as core
from kemensos_desk.core.errors import Refused
from kemensos_desk.services.auth import Actor
from kemensos_desk.services.sync import crypto
from kemensos_desk.services.workspace import Workspace, put_setting
from kemensos_desk.store.audit import log_event
from kemensos_desk.store.base import utcnow

SETTING = "sync_enrolment"


def read_file(path: Path) -> dict:
    path = Path(path)
    try:
        if path.stat().st_size > core.MAX_FILE_BYTES:
            raise Refused("Berkas {path} bukan berkas pendaftaran kantor Kemensos Desk.", path=str(path))
    except OSError:
        raise Refused("Berkas {what} {path} tidak ada.", what="pendaftaran", path=str(path)) from None
    return crypto.read_json_file(path, "pendaftaran")


def take(ws: Workspace, actor: Actor, data: dict) -> dict:
    """Check and keep an enrolment file; returns what was enrolled."""
    actor.require("settings.edit")
    if not isinstance(data, dict) or data.get("kind") != core.ENROLMENT_KIND:
        raise Refused("Berkas ini bukan berkas pendaftaran kantor Kemensos Desk.")
    office = ws.office()
    configured = ws.setting("ministry_public_key")
    ministry = crypto.MinistryPublic.from_json(configured or data.get("ministry"))
    try:
        signature = crypto.unb64(data["signature"])
        secret = crypto.unb64(data["secret"])
        until = _dt.datetime.fromisoformat(str(data["valid_until"]).rstrip("Z"))
    except (KeyError, ValueError, TypeError):
        raise Refused("Berkas pendaftaran rusak.") from None
    if data.get("ministry_key_id") != ministry.key_id or not crypto.verify(ministry.ed25519, signature,
                                                                           core.signed_bytes(data)):
        raise Refused("Tanda tangan berkas pendaftaran tidak sah, atau berkas ini dibuat dengan kunci kementerian lain.")
    if data.get("office") != office.region_code:
        raise Refused("Berkas pendaftaran ini untuk kantor {other}, bukan kantor ini ({code}).",
                      other=str(data.get("office"))[:8], code=office.region_code)
    if until < utcnow():
        raise Refused("Berkas pendaftaran sudah kedaluwarsa ({date}); minta berkas baru ke kementerian.",
                      date=str(data["valid_until"])[:10])
    if len(secret) != 32:
        raise Refused("Berkas pendaftaran rusak.")
    kept = {"id": data["id"], "office": data["office"], "secret": data["secret"], "valid_until": data["valid_until"],
            "ministry_key_id": ministry.key_id, "enrolled_at": utcnow().replace(microsecond=0).isoformat() + "Z"}
    with ws.store.session(actor.username) as s:
        if not configured:
            put_setting(s, "ministry_public_key", ministry.to_json())
        put_setting(s, SETTING, kept)
        log_event(s, "sync.enrol", f"Berkas pendaftaran kementerian diambil (berlaku sampai {kept['valid_until'][:10]})",
                  entity="setting")
    return {"office": kept["office"], "id": kept["id"], "valid_until": kept["valid_until"],
            "ministry_key_id": ministry.key_id, "ministry_key_set": not configured}


def manifest_claim(ws: Workspace, office_code: str, office_key: bytes) -> dict | None:
    """What a bundle's manifest carries as ``enrolment``: the proof, or null when not enrolled."""
    kept = ws.setting(SETTING)
    if not isinstance(kept, dict) or kept.get("office") != office_code:
        return None
    return {"id": kept["id"], "proof": core.proof(crypto.unb64(kept["secret"]), office_code, office_key)}


def status(ws: Workspace) -> dict | None:
    kept = ws.setting(SETTING)
    if not isinstance(kept, dict):
        return None
    return {k: kept[k] for k in ("id", "office", "valid_until", "enrolled_at") if k in kept}
