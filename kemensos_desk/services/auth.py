"""Signing in, locking after repeated failures, and what each role may do."""
from __future__ import annotations

import datetime as _dt
import json
from dataclasses import dataclass
from functools import lru_cache

from sqlalchemy import select

from kemensos_desk.core import formatting, i18n, passwords
from kemensos_desk.core.errors import AccessDenied
from kemensos_desk.core.locations import reference_dir
from kemensos_desk.store.audit import log_event
from kemensos_desk.store.base import utcnow
from kemensos_desk.store.models import User
from kemensos_desk.services.workspace import Workspace


@lru_cache(maxsize=1)
def roles() -> dict[str, dict]:
    with open(reference_dir() / "roles.json", encoding="utf-8") as fh:
        return json.load(fh)["roles"]


def role_label(role: str) -> str:
    label = roles().get(role, {}).get("label", {})
    return label.get(i18n.language()) or label.get("id") or role


@dataclass(frozen=True)
class Actor:
    """The signed-in user, as the services see them."""

    username: str
    full_name: str
    role: str
    must_change_password: bool = False

    def can(self, permission: str) -> bool:
        return permission in roles().get(self.role, {}).get("permissions", ())

    def require(self, permission: str) -> None:
        if not self.can(permission):
            raise AccessDenied(
                "Peran {role} tidak berhak melakukan ini ({permission}).",
                role=role_label(self.role), permission=permission,
            )


def login(ws: Workspace, username: str, password: str) -> Actor:
    """Check the password; five failures lock the account for five minutes (settings)."""
    username = (username or "").strip().lower()
    max_failures = int(ws.setting("login_max_failures"))
    lock_minutes = int(ws.setting("login_lock_minutes"))
    refusal: AccessDenied | None = None
    with ws.store.session(actor=username) as s:
        user = s.scalars(select(User).where(User.username == username)).first()
        now = utcnow()
        if user is None or not user.active:
            # Same message whether the name is unknown or wrong: no hint for a guesser.
            passwords.verify_password(password, passwords.hash_password("x", n=2**10))
            log_event(s, "login_failed", f"Nama pengguna tidak dikenal atau nonaktif: {username}", username=username)
            refusal = AccessDenied("Nama pengguna atau kata sandi salah.")
        elif user.locked_until and user.locked_until > now:
            refusal = AccessDenied(
                "Akun {user} terkunci karena terlalu banyak percobaan gagal. Coba lagi setelah pukul {time}.",
                user=username, time=formatting.waktu_lokal(user.locked_until)[-5:],
            )
        elif not passwords.verify_password(password or "", user.password_hash):
            user.failed_logins = (user.failed_logins or 0) + 1
            if user.failed_logins >= max_failures:
                user.locked_until = now + _dt.timedelta(minutes=lock_minutes)
                user.failed_logins = 0
                log_event(s, "lock", f"Akun dikunci {lock_minutes} menit setelah {max_failures} kali gagal masuk",
                          entity="user_account", entity_key=username)
                refusal = AccessDenied(
                    "Kata sandi salah {n} kali. Akun {user} dikunci selama {m} menit.",
                    n=max_failures, user=username, m=lock_minutes,
                )
            else:
                log_event(s, "login_failed", "Kata sandi salah", entity="user_account", entity_key=username)
                left = max_failures - user.failed_logins
                refusal = AccessDenied(
                    "Nama pengguna atau kata sandi salah. Sisa {n} kali percobaan sebelum akun dikunci.", n=left)
        else:
            user.failed_logins = 0
            user.locked_until = None
            user.last_login_at = now
            log_event(s, "login", "Masuk", entity="user_account", entity_key=username)
            actor = Actor(user.username, user.full_name, user.role, user.must_change_password)
    if refusal is not None:
        raise refusal
    from kemensos_desk.services import office_keyring  # late: auth is imported early at start-up

    office_keyring.on_login(ws, actor, password)
    return actor
