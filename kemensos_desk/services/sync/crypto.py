"""Keys, signatures and the payload envelope, all from ``cryptography`` (no home-made crypto).

Envelope = ephemeral X25519 public (32) | nonce (12) | ChaCha20-Poly1305 ciphertext.
The key is HKDF-SHA256 of the X25519 shared secret; the associated data binds the
envelope to its office, device and sequence so it cannot be moved into another bundle.
"""
from __future__ import annotations

import base64
import json
import os
from dataclasses import dataclass
from pathlib import Path

from cryptography.exceptions import InvalidSignature, InvalidTag
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey, Ed25519PublicKey
from cryptography.hazmat.primitives.asymmetric.x25519 import X25519PrivateKey, X25519PublicKey
from cryptography.hazmat.primitives.ciphers.aead import ChaCha20Poly1305
from cryptography.hazmat.primitives.kdf.hkdf import HKDF

from kemensos_desk.core.bundle_format import HKDF_INFO, key_id
from kemensos_desk.core.errors import Refused

PUBLIC_KIND = "kemensos-desk-ministry-public"
PRIVATE_KIND = "kemensos-desk-ministry-private"
OFFICE_PUBLIC_KIND = "kemensos-desk-office-public"
_RAW = (serialization.Encoding.Raw, serialization.PublicFormat.Raw)


def b64(data: bytes) -> str:
    return base64.b64encode(data).decode("ascii")


def unb64(text: str) -> bytes:
    return base64.b64decode(text.encode("ascii"), validate=True)


def public_raw(key) -> bytes:
    return key.public_key().public_bytes(*_RAW) if hasattr(key, "public_key") else key.public_bytes(*_RAW)


def private_raw(key) -> bytes:
    return key.private_bytes(serialization.Encoding.Raw, serialization.PrivateFormat.Raw,
                             serialization.NoEncryption())


# --- signatures ------------------------------------------------------------------------

def new_signing_key() -> Ed25519PrivateKey:
    return Ed25519PrivateKey.generate()


def signing_key(raw: bytes) -> Ed25519PrivateKey:
    return Ed25519PrivateKey.from_private_bytes(raw)


def sign(key: Ed25519PrivateKey, data: bytes) -> bytes:
    return key.sign(data)


def verify(public: bytes, signature: bytes, data: bytes) -> bool:
    try:
        Ed25519PublicKey.from_public_bytes(public).verify(signature, data)
        return True
    except (InvalidSignature, ValueError):
        return False


# --- the encrypted payload -----------------------------------------------------------

def _derive(shared: bytes) -> bytes:
    return HKDF(algorithm=hashes.SHA256(), length=32, salt=None, info=HKDF_INFO).derive(shared)


def seal(recipient_x25519: bytes, plaintext: bytes, aad: bytes) -> bytes:
    eph = X25519PrivateKey.generate()
    key = _derive(eph.exchange(X25519PublicKey.from_public_bytes(recipient_x25519)))
    nonce = os.urandom(12)
    return public_raw(eph) + nonce + ChaCha20Poly1305(key).encrypt(nonce, plaintext, aad)


def open_sealed(recipient: X25519PrivateKey, envelope: bytes, aad: bytes) -> bytes | None:
    """The plaintext, or None when it does not decrypt (wrong key, altered bytes)."""
    if len(envelope) < 44 + 16:
        return None
    try:
        key = _derive(recipient.exchange(X25519PublicKey.from_public_bytes(envelope[:32])))
        return ChaCha20Poly1305(key).decrypt(envelope[32:44], envelope[44:], aad)
    except (InvalidTag, ValueError):
        return None


def envelope_aad(office_code: str, device_id: str, sequence: int) -> bytes:
    return f"{office_code}|{device_id}|{sequence}".encode("utf-8")


# --- the ministry's key pair ---------------------------------------------------------

@dataclass
class MinistryPublic:
    x25519: bytes  # the office encrypts to it
    ed25519: bytes  # receipts are signed by it

    @property
    def key_id(self) -> str:
        return key_id(self.x25519)

    def to_json(self) -> dict:
        return {"kind": PUBLIC_KIND, "x25519": b64(self.x25519), "ed25519": b64(self.ed25519), "key_id": self.key_id}

    @classmethod
    def from_json(cls, data) -> "MinistryPublic":
        if not isinstance(data, dict) or data.get("kind") != PUBLIC_KIND:
            raise Refused("Berkas bukan kunci publik kementerian Kemensos Desk.")
        try:
            return cls(_check32(unb64(data["x25519"])), _check32(unb64(data["ed25519"])))
        except (KeyError, ValueError, TypeError):
            raise Refused("Kunci publik kementerian rusak.") from None


@dataclass
class MinistryKeys:
    x25519: X25519PrivateKey
    ed25519: Ed25519PrivateKey

    @classmethod
    def generate(cls) -> "MinistryKeys":
        return cls(X25519PrivateKey.generate(), Ed25519PrivateKey.generate())

    @property
    def public(self) -> MinistryPublic:
        return MinistryPublic(public_raw(self.x25519), public_raw(self.ed25519))

    def to_json(self) -> dict:
        return {"kind": PRIVATE_KIND, "x25519": b64(private_raw(self.x25519)), "ed25519": b64(private_raw(self.ed25519)),
                "key_id": self.public.key_id}

    @classmethod
    def from_json(cls, data) -> "MinistryKeys":
        if not isinstance(data, dict) or data.get("kind") != PRIVATE_KIND:
            raise Refused("Berkas bukan kunci privat kementerian Kemensos Desk.")
        try:
            return cls(X25519PrivateKey.from_private_bytes(_check32(unb64(data["x25519"]))),
                       Ed25519PrivateKey.from_private_bytes(_check32(unb64(data["ed25519"]))))
        except (KeyError, ValueError, TypeError):
            raise Refused("Kunci privat kementerian rusak.") from None


def _check32(raw: bytes) -> bytes:
    if len(raw) != 32:
        raise ValueError("key length")
    return raw


KEY_FILE_LIMIT = 1024 * 1024  # key and enrolment files are a few hundred bytes; bounded before parsing


def read_json_file(path: Path, what: str) -> dict:
    try:
        with open(path, "rb") as fh:
            raw = fh.read(KEY_FILE_LIMIT + 1)
        if len(raw) > KEY_FILE_LIMIT:
            raise Refused("Berkas {what} {path} tidak terbaca.", what=what, path=str(path))
        # Saved with Notepad on Windows: a byte-order mark and CRLF line ends are fine.
        return json.loads(raw.decode("utf-8-sig"))
    except FileNotFoundError:
        raise Refused("Berkas {what} {path} tidak ada.", what=what, path=str(path)) from None
    except (OSError, UnicodeDecodeError, json.JSONDecodeError):
        raise Refused("Berkas {what} {path} tidak terbaca.", what=what, path=str(path)) from None


def demo_public() -> MinistryPublic:
    from kemensos_desk.core.locations import resources_dir

    return MinistryPublic.from_json(read_json_file(resources_dir() / "keys" / "demo-ministry.pub", "kunci"))


def demo_key_file() -> Path:
    from kemensos_desk.core.locations import resources_dir

    return resources_dir() / "keys" / "demo-ministry.key"


def demo_private() -> MinistryKeys:
    from kemensos_desk.core.locations import resources_dir

    return MinistryKeys.from_json(read_json_file(resources_dir() / "keys" / "demo-ministry.key", "kunci"))
