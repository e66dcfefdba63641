"""Handcrafted bundles for the ministry's tests and the fault campaign (no tests here):
any manifest, any payload, signed with any key, sealed for any ministry key."""
from __future__ import annotations

import json
import uuid as _uuid
import zlib
from pathlib import Path

from kemensos_desk.core import bundle_format as bf
from kemensos_desk.core import enrolment as core_enrolment
from kemensos_desk.services.sync import crypto


def ministry_key_file(directory: Path) -> tuple[Path, crypto.MinistryKeys]:
    keys = crypto.MinistryKeys.generate()
    directory.mkdir(parents=True, exist_ok=True)
    path = directory / "ministry.key"
    path.write_text(json.dumps(keys.to_json()))
    return path, keys


def row(uuid=None, revision=1, **data):
    uuid = uuid or str(_uuid.uuid4())
    return {"uuid": uuid, "revision": revision, "deleted": False, "data": {"uuid": uuid, **data}, "refs": {}}


def manifest_for(ministry: crypto.MinistryPublic, signing, envelope: bytes, counts: dict, plain_size: int, *,
                 code="32.10", level="kabupaten", device=None, sequence=1, demo=False, enrolment=None, **over) -> dict:
    m = {
        "format_version": 2, "schema_version": "x", "app_version": "test", "office_id": "o", "office_code": code,
        "office_name": "Dinas Sosial Uji", "level": level, "region_code": code, "is_demo": demo,
        "device_id": device or "d" * 36, "sequence": sequence, "previous_hash": None,
        "created_at": "2026-04-01T00:00:00Z", "full": False, "counts": counts,
        "payload_hash": bf.sha256_hex(envelope), "payload_size": len(envelope),
        "recipient_key_id": ministry.key_id, "office_key": crypto.b64(crypto.public_raw(signing)),
        "plain_size": plain_size, "enrolment": enrolment,
    }
    m.update(over)
    return m


def forge(ministry: crypto.MinistryPublic, signing, records: dict | None = None, *, plain: bytes | None = None,
          compressed: bytes | None = None, secret: bytes | None = None, enrolment_id: str | None = None,
          counts: dict | None = None, **over) -> bytes:
    """A bundle as an office (or an attacker holding ``signing``) would write it."""
    records = {"people": [row(name="A")]} if records is None else records
    if plain is None:
        plain = bf.canonical_json({"attachments": {}, "records": records, "summaries": {}})
    if compressed is None:
        compressed = zlib.compress(plain)
    code = over.get("code", "32.10")
    device = over.setdefault("device", "d" * 36)
    sequence = over.setdefault("sequence", 1)
    envelope = crypto.seal(ministry.x25519, compressed, crypto.envelope_aad(code, device, sequence))
    claim = None
    if secret is not None:
        claim = {"id": enrolment_id, "proof": core_enrolment.proof(secret, code, crypto.public_raw(signing))}
    plain_size = over.pop("plain_size", len(plain))
    m = manifest_for(ministry, signing, envelope,
                     counts if counts is not None else {k: len(v) for k, v in records.items() if isinstance(v, list)},
                     plain_size, enrolment=claim, **over)
    if m["format_version"] == 1:
        del m["plain_size"], m["enrolment"]
    return bf.pack(m, crypto.sign(signing, bf.signed_part(m)), envelope)


def resign(data: bytes, signing, **changes) -> bytes:
    """The same envelope under an edited manifest, signed again with ``signing``."""
    c = bf.unpack(data)
    m = {**c.manifest, **changes}
    return bf.pack(m, crypto.sign(signing, bf.signed_part(m)), c.envelope)
