"""Password hashing with scrypt (standard library), and the rules a password must meet.

Stored form: ``scrypt$<n>$<r>$<p>$<salt b64>$<hash b64>``; the cost is kept with each
hash so it can be raised later without breaking old accounts.
"""
from __future__ import annotations

import base64
import hashlib
import hmac
import os
import secrets
import threading

from kemensos_desk.core.i18n import Message

N, R, P = 2**15, 8, 1  # about 0.1 s on an old laptop: slow enough to stop guessing
_MAXMEM = 128 * 1024 * 1024
MIN_LENGTH = 8
_RECOVERY_ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789"  # no 0/O, 1/I


def _b64(raw: bytes) -> str:
    return base64.b64encode(raw).decode("ascii")


def hash_password(password: str, *, n: int = N) -> str:
    salt = os.urandom(16)
    digest = hashlib.scrypt(password.encode("utf-8"), salt=salt, n=n, r=R, p=P, maxmem=_MAXMEM, dklen=32)
    return f"scrypt${n}${R}${P}${_b64(salt)}${_b64(digest)}"


# At most one check started ahead (see verify_soon): (password, stored) -> (thread, result box).
_ahead: dict[tuple[str, str], tuple[threading.Thread, dict]] = {}


def verify_soon(password: str, stored: str) -> None:
    """Start checking ``password`` against ``stored`` in a thread now.

    hashlib.scrypt releases the GIL, so at start-up the window is built meanwhile; the
    next ``verify_password`` of the same pair waits for this result instead of hashing again.
    """
    box: dict = {}
    thread = threading.Thread(target=lambda: box.update(ok=_verify(password, stored)),
                              name="verifikasi-sandi", daemon=True)
    _ahead.clear()
    _ahead[(password, stored)] = (thread, box)
    thread.start()


def verify_password(password: str, stored: str) -> bool:
    ahead = _ahead.pop((password, stored), None)
    if ahead is not None:
        ahead[0].join()
        if "ok" in ahead[1]:
            return ahead[1]["ok"]
    return _verify(password, stored)


def _verify(password: str, stored: str) -> bool:
    try:
        scheme, n, r, p, salt, digest = stored.split("$")
        if scheme != "scrypt":
            return False
        expected = base64.b64decode(digest)
        actual = hashlib.scrypt(
            password.encode("utf-8"), salt=base64.b64decode(salt),
            n=int(n), r=int(r), p=int(p), maxmem=_MAXMEM, dklen=len(expected),
        )
    except (ValueError, TypeError):
        return False
    return hmac.compare_digest(actual, expected)


def password_problem(password: str, username: str = "") -> Message | None:
    if len(password) < MIN_LENGTH:
        return Message("Kata sandi minimal {n} karakter.", n=MIN_LENGTH)
    if not any(c.isalpha() for c in password) or not any(c.isdigit() for c in password):
        return Message("Kata sandi harus berisi huruf dan angka.")
    if len(username) >= 3 and username.lower() in password.lower():
        return Message("Kata sandi tidak boleh memuat nama pengguna.")
    return None


def new_recovery_code() -> str:
    """A one-time code like ``K7QM2-XW9HD-4RTNP-AC3VE`` (100 bits), printed at setup."""
    raw = "".join(secrets.choice(_RECOVERY_ALPHABET) for _ in range(20))
    return "-".join(raw[i:i + 5] for i in range(0, 20, 5))


def normalize_recovery_code(text: str) -> str:
    raw = "".join(c for c in (text or "").upper() if c.isalnum())
    return "-".join(raw[i:i + 5] for i in range(0, len(raw), 5))
