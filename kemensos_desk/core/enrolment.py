"""The office enrolment file (``.kdenrol``) and the proof a first bundle carries, pure.

The ministry issues one file per office: office code, level, a one-time secret and a
validity, signed by the ministry's Ed25519 key. The office keeps the secret; its bundles
carry ``HMAC-SHA256(secret, "kemensos-desk enrolment|<code>|" + office public key)``, so
the ministry knows the key of a first bundle was installed by someone who holds the file
it issued. Without the proof a first bundle waits ("menunggu verifikasi") until the key's
fingerprint is confirmed by phone (``ministry accept-key``). Signing and verifying are
done by the callers (services.sync.crypto): this module only says what is signed.
"""
from __future__ import annotations

import hashlib
import hmac

from kemensos_desk.core.bundle_format import canonical_json

ENROLMENT_KIND = "kemensos-desk-enrolment"
ENROLMENT_SUFFIX = ".kdenrol"
SIGNED_FIELDS = ("kind", "id", "office", "level", "secret", "issued_at", "valid_until", "ministry_key_id")
MAX_FILE_BYTES = 16 * 1024


def signed_bytes(data: dict) -> bytes:
    """What the ministry's signature covers: every field but the signature, canonical."""
    return b"KDENROL\x00" + canonical_json({k: data.get(k) for k in SIGNED_FIELDS})


def proof(secret: bytes, office_code: str, office_key: bytes) -> str:
    message = f"kemensos-desk enrolment|{office_code}|".encode("utf-8") + office_key
    return hmac.new(secret, message, hashlib.sha256).hexdigest()


def proof_matches(secret: bytes, office_code: str, office_key: bytes, claimed) -> bool:
    return isinstance(claimed, str) and hmac.compare_digest(proof(secret, office_code, office_key), claimed)


def fingerprint(office_key: bytes) -> str:
    """What two people read to each other on the phone: 32 hex digits in groups of four."""
    digest = hashlib.sha256(office_key).hexdigest()[:32].upper()
    return " ".join(digest[i:i + 4] for i in range(0, 32, 4))
