"""Receipts: the ministry's signed list of the bundles it imported (and refused).

Shared format (see docs/BUNDLE_FORMAT.md): a JSON file ``{"kind", "body", "signature"}``
where the Ed25519 signature covers the canonical JSON of ``body``. Receipts are
cumulative, so importing an older one after a newer changes nothing.
"""
from __future__ import annotations

import json
from pathlib import Path

from sqlalchemy import bindparam, select

from kemensos_desk.core import bundle_format as bf
from kemensos_desk.core.errors import Refused
from kemensos_desk.services import rules_packs
from kemensos_desk.services.auth import Actor
from kemensos_desk.services.sync import crypto, keys
from kemensos_desk.services.workspace import Workspace
from kemensos_desk.store.audit import log_event
from kemensos_desk.store.base import utcnow
from kemensos_desk.store.models_sync import SyncAck, SyncBundle, SyncBundleItem, SyncReceipt

RECEIPT_KIND = "kemensos-desk-receipt"


def make_receipt(signing_key, body: dict) -> bytes:
    signature = crypto.sign(signing_key, bf.canonical_json(body))
    return json.dumps({"kind": RECEIPT_KIND, "body": body, "signature": crypto.b64(signature)},
                      ensure_ascii=False, indent=1).encode("utf-8")


def read_receipt(data: bytes, ministry_ed25519: bytes) -> dict:
    try:
        doc = json.loads(data.decode("utf-8"))
        body, signature = doc["body"], crypto.unb64(doc["signature"])
        if doc.get("kind") != RECEIPT_KIND or not isinstance(body, dict):
            raise ValueError
    except (ValueError, KeyError, TypeError, UnicodeDecodeError):
        raise Refused("Berkas bukan tanda terima Kemensos Desk atau rusak.") from None
    if not crypto.verify(ministry_ed25519, signature, bf.canonical_json(body)):
        raise Refused("Tanda terima tidak ditandatangani oleh kunci kementerian yang diatur; ditolak.")
    return body


def _raise_acks(s, bundle_ids: list[int]) -> None:
    """Raise each record's acknowledged revision to what the confirmed bundles carried (set-based:
    a first bundle carries thousands of records)."""
    if not bundle_ids:
        return
    carried: dict[tuple[str, str], int] = {}
    for kind, uuid, rev in s.execute(select(SyncBundleItem.kind, SyncBundleItem.uuid, SyncBundleItem.revision)
                                     .where(SyncBundleItem.bundle_id.in_(bundle_ids))):
        if carried.get((kind, uuid), 0) < rev:
            carried[(kind, uuid)] = rev
    acked = {(k, u): r for k, u, r in s.execute(select(SyncAck.kind, SyncAck.uuid, SyncAck.revision))}
    now = utcnow()
    fresh = [{"kind": k, "uuid": u, "revision": r, "acked_at": now} for (k, u), r in carried.items() if (k, u) not in acked]
    raised = [{"k": k, "u": u, "r": r, "now": now} for (k, u), r in carried.items() if (k, u) in acked and acked[(k, u)] < r]
    if fresh:
        s.execute(SyncAck.__table__.insert(), fresh)
    if raised:
        table = SyncAck.__table__
        s.execute(table.update().where(table.c.kind == bindparam("k"), table.c.uuid == bindparam("u"))
                  .values(revision=bindparam("r"), acked_at=bindparam("now")), raised)


def import_receipt(ws: Workspace, actor: Actor, path: Path) -> dict:
    actor.require("sync.export")
    try:
        data = Path(path).read_bytes()
    except OSError as exc:
        raise Refused("Berkas {path} tidak terbaca: {error}", path=str(path), error=exc.strerror or str(exc)) from None
    ministry = keys.ministry_public(ws)
    body = read_receipt(data, ministry.ed25519)
    office = ws.office()
    if body.get("office") != office.region_code:
        raise Refused("Tanda terima ini untuk kantor {other}, bukan untuk kantor ini ({mine}).",
                      other=body.get("office"), mine=office.region_code)
    digest = bf.sha256_hex(data)
    confirmed, already, confirmed_ids = 0, 0, []
    with ws.store.session(actor.username) as s:
        for entry in body.get("imported", []):
            bundle = s.scalars(select(SyncBundle).where(
                SyncBundle.device_id == entry.get("device_id"), SyncBundle.sequence == entry.get("sequence"),
                SyncBundle.sha256 == entry.get("sha256"))).first()
            if bundle is None:
                continue  # another device's bundle, or one made before a restore
            if bundle.confirmed_at is not None:
                already += 1
                continue
            bundle.confirmed_at = utcnow()
            confirmed += 1
            confirmed_ids.append(bundle.id)
        _raise_acks(s, confirmed_ids)
        if s.scalars(select(SyncReceipt).where(SyncReceipt.sha256 == digest)).first() is None:
            s.add(SyncReceipt(sha256=digest, issued_at=str(body.get("issued_at")), confirmed=confirmed,
                              refused=json.dumps(body.get("refused", []), ensure_ascii=False)))
        log_event(s, "sync.receipt", f"Tanda terima kementerian diimpor: {confirmed} paket dikonfirmasi",
                  entity="sync_receipt")
    return {"confirmed": confirmed, "already_confirmed": already, "refused": body.get("refused", []),
            "issued_at": body.get("issued_at"), "rules": _take_rules_pack(ws, actor, body)}


def _take_rules_pack(ws: Workspace, actor: Actor, body: dict) -> dict | None:
    """The ministry attaches its current rules pack to every receipt: taken without a click.

    The pack is checked exactly as ``rules import`` checks it; a refusal is reported beside
    the receipt (whose bundles stay confirmed), never instead of it."""
    attached = body.get("rules_pack")
    if not isinstance(attached, str):
        return None
    try:
        return rules_packs.import_pack(ws, actor.username, attached.encode("utf-8"), via="receipt")
    except Refused as exc:
        return {"status": "refused", "reason": str(exc)}
