"""Wrapping the office data key under a password or a recovery code (issue 13, item 3).

One random 256-bit office data key; each user's password and the administrator's recovery
code wrap a copy of it: scrypt (``cryptography``; N=2^15, r=8, p=1, as the password hashes)
turns the secret and a fresh salt into a key-encryption key, and AES-256-GCM encrypts the
data key under it with the wrap's label (``user:admin``, ``recovery``) and the key's id as
associated data, so a wrap cannot be moved to another user. A wrong secret or a tampered
wrap unwraps to ``None``. A wrap is plain JSON (base64), safe to keep beside the store:
without the secret it is a 60-byte ciphertext.
"""
from __future__ import annotations

import base64
import hashlib
import secrets

from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives.ciphers.aead import AESGCM
from cryptography.hazmat.primitives.kdf.scrypt import Scrypt

KEY_BYTES = 32
N, R, P = 2**15, 8, 1
MAX_N = 2**20  # a wrap read from a file never makes us spend more than ~1 GiB of memory


def new_data_key() -> bytes:
    return secrets.token_bytes(KEY_BYTES)


def key_id(key: bytes) -> str:
    """A short public name of the key (to tell two keyrings apart); reveals nothing of it."""
    return hashlib.sha256(b"kemensos-desk office key id\0" + key).hexdigest()[:16]


def _kek(secret: str, salt: bytes, n: int, r: int, p: int) -> bytes:
    return Scrypt(salt=salt, length=32, n=n, r=r, p=p).derive(secret.encode("utf-8"))


def _b64(raw: bytes) -> str:
    return base64.b64encode(raw).decode("ascii")


def wrap(key: bytes, secret: str, label: str, *, n: int = N) -> dict:
    salt, nonce = secrets.token_bytes(16), secrets.token_bytes(12)
    aad = f"{label}\0{key_id(key)}".encode()
    sealed = AESGCM(_kek(secret, salt, n, R, P)).encrypt(nonce, key, aad)
    return {"kdf": "scrypt", "n": n, "r": R, "p": P, "salt": _b64(salt), "nonce": _b64(nonce),
            "key_id": key_id(key), "sealed": _b64(sealed)}


def unwrap(wrapped: dict, secret: str, label: str) -> bytes | None:
    """The data key, or None for a wrong secret, a wrap of another label, or a damaged wrap."""
    try:
        n, r, p = int(wrapped["n"]), int(wrapped["r"]), int(wrapped["p"])
        if wrapped.get("kdf") != "scrypt" or not (2 <= n <= MAX_N and 1 <= r <= 16 and 1 <= p <= 4):
            return None
        salt, nonce = base64.b64decode(wrapped["salt"]), base64.b64decode(wrapped["nonce"])
        sealed = base64.b64decode(wrapped["sealed"])
        aad = f"{label}\0{wrapped['key_id']}".encode()
        key = AESGCM(_kek(secret or "", salt, n, r, p)).decrypt(nonce, sealed, aad)
    except (InvalidTag, KeyError, TypeError, ValueError):
        return None
    return key if len(key) == KEY_BYTES and key_id(key) == wrapped["key_id"] else None
