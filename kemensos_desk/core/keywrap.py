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
import json
import secrets
import threading

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


# At most one unwrap started ahead (see unwrap_soon): (wrap, secret, label) -> (thread, result box).
_ahead: dict[tuple[str, str, str], tuple[threading.Thread, dict]] = {}


def _ahead_key(wrapped: dict, secret: str, label: str) -> tuple[str, str, str]:
    return json.dumps(wrapped, sort_keys=True, default=str), secret or "", label


def unwrap_soon(wrapped: dict, secret: str, label: str) -> None:
    """Start unwrapping in a thread now (scrypt releases the GIL): at start-up the window is
    built meanwhile, and the next :func:`unwrap` of the same wrap takes this result."""
    box: dict = {}
    thread = threading.Thread(target=lambda: box.update(key=_unwrap(wrapped, secret, label)),
                              name="buka-kunci-kantor", daemon=True)
    _ahead.clear()
    _ahead[_ahead_key(wrapped, secret, label)] = (thread, box)
    thread.start()


def unwrap(wrapped: dict, secret: str, label: str) -> bytes | None:
    """The data key, or None for a wrong secret, a wrap of another label, or a damaged wrap."""
    ahead = _ahead.pop(_ahead_key(wrapped, secret, label), None) if _ahead else None
    if ahead is not None:
        ahead[0].join()
        if "key" in ahead[1]:
            return ahead[1]["key"]
    return _unwrap(wrapped, secret, label)


def _unwrap(wrapped: dict, secret: str, label: str) -> bytes | None:
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
