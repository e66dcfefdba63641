"""The ``.kdrules`` file: one signed JSON document (see docs/RULES_PACK.md).

``{"kind": "kemensos-desk-rules", "format": 1, "body": {...}, "signature": base64}`` where the
Ed25519 signature (the ministry's key, the one offices hold from ``sync ministry-key``)
covers the canonical JSON of ``body``: ``version``, ``effective``, ``note``, ``issued_at``,
``key_id`` and ``files`` ({name without ".json": content}). Sizes are bounded before parsing.
"""
from __future__ import annotations

import datetime as _dt
import json
import re

from kemensos_desk.core import bundle_format as bf
from kemensos_desk.core import rules
from kemensos_desk.core.errors import Refused
from kemensos_desk.services.sync import crypto

PACK_KIND = "kemensos-desk-rules"
FORMAT = 1
MAX_PACK_BYTES = 8 * 1024 * 1024  # the reference files are ~100 KB; anything far larger is not a pack
SUFFIX = ".kdrules"


def make_pack(keys: crypto.MinistryKeys, version: str, effective: str, note: str, files: dict,
              issued_at: str | None = None) -> bytes:
    body = {"version": version, "effective": effective, "note": note,
            "issued_at": issued_at or _dt.datetime.now(_dt.timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ"),
            "key_id": keys.public.key_id, "files": files}
    signature = crypto.sign(keys.ed25519, bf.canonical_json(body))
    return json.dumps({"kind": PACK_KIND, "format": FORMAT, "body": body, "signature": crypto.b64(signature)},
                      ensure_ascii=False, indent=1).encode("utf-8")


def check_size(size: int) -> None:
    if size > MAX_PACK_BYTES:
        raise Refused("Berkas terlalu besar untuk paket aturan ({n} MB; paling besar {max} MB).",
                      n=size // (1024 * 1024), max=MAX_PACK_BYTES // (1024 * 1024))


def read_pack(data: bytes) -> tuple[dict, bytes]:
    """(body, signature) of a pack file, its shape checked; nothing verified yet."""
    check_size(len(data))
    try:
        doc = json.loads(data.decode("utf-8"))
        if not isinstance(doc, dict) or doc.get("kind") != PACK_KIND:
            raise ValueError
        body, signature = doc["body"], crypto.unb64(doc["signature"])
        if not isinstance(body, dict) or not isinstance(body.get("files"), dict):
            raise ValueError
    except (ValueError, KeyError, TypeError, UnicodeDecodeError):
        raise Refused("Berkas bukan paket aturan Kemensos Desk (.kdrules) atau rusak.") from None
    if doc.get("format") != FORMAT:
        raise Refused("Paket aturan berformat {found}; versi aplikasi ini membaca format {known}. Perbarui aplikasi.",
                      found=doc.get("format"), known=FORMAT)
    return body, signature


def verify_pack(body: dict, signature: bytes, ministry: crypto.MinistryPublic) -> None:
    """Refused unless the configured ministry key signed exactly this body."""
    if body.get("key_id") != ministry.key_id:
        raise Refused("Paket aturan ditandatangani kunci lain ({other}), bukan kunci kementerian yang diatur ({mine}); "
                      "ditolak.", other=body.get("key_id"), mine=ministry.key_id)
    if not crypto.verify(ministry.ed25519, signature, bf.canonical_json(body)):
        raise Refused("Tanda tangan paket aturan tidak sah: isinya diubah setelah ditandatangani; ditolak.")


def check_header(body: dict) -> rules.RuleSet:
    """The version, effective date and note, checked; as a rule set of the ministry."""
    try:
        rules.version_key(body.get("version"))
    except ValueError:
        raise Refused("Versi paket aturan '{v}' tidak sah (contoh yang sah: 2026.2).", v=body.get("version")) from None
    effective = str(body.get("effective") or "")
    try:
        if not re.fullmatch(r"\d{4}-\d{2}-\d{2}", effective):
            raise ValueError
        _dt.date.fromisoformat(effective)
    except ValueError:
        raise Refused("Tanggal berlaku paket aturan '{d}' tidak sah.", d=effective) from None
    note = body.get("note")
    if not isinstance(note, str):
        raise Refused("Paket aturan tanpa catatan perubahan.")
    unknown = sorted(set(body["files"]) - set(rules.rule_files()))
    if unknown:
        raise Refused("Paket aturan memuat berkas yang bukan aturan: {names}.", names=", ".join(unknown))
    return rules.RuleSet(str(body["version"]), effective, note, rules.SOURCE_MINISTRY, dict(body["files"]))
