"""User accounts: create, list, reset passwords, (de)activate, and recovery by code."""
from __future__ import annotations

from sqlalchemy import select

from kemensos_desk.core import passwords
from kemensos_desk.core.errors import Problem, Refused
from kemensos_desk.core.forms import load_form
from kemensos_desk.core.i18n import Message
from kemensos_desk.store.audit import log_event
from kemensos_desk.store.base import utcnow
from kemensos_desk.store.models import RecoveryCode, User
from kemensos_desk.services import office_keyring
from kemensos_desk.services.auth import Actor
from kemensos_desk.services.workspace import Workspace


def _check_password(password: str, username: str) -> None:
    reason = passwords.password_problem(password or "", username)
    if reason:
        raise Refused("Kata sandi ditolak: {reason}", problems=[Problem("password", reason)], reason=reason)


def validate_new_user(values: dict) -> list[Problem]:
    problems = load_form("user").validate(values)
    if not any(p.field == "password" for p in problems):
        reason = passwords.password_problem(values.get("password") or "", values.get("username") or "")
        if reason:
            problems.append(Problem("password", reason))
    return problems


def create_user(session, username: str, full_name: str, role: str, password: str) -> User:
    """Insert a user in the caller's unit of work (setup and demo use this too)."""
    values = {"username": (username or "").strip().lower(), "full_name": (full_name or "").strip(),
              "role": role, "password": password}
    problems = validate_new_user(values)
    if problems:
        raise Refused("Data pengguna belum benar.", problems=problems)
    if session.scalars(select(User).where(User.username == values["username"])).first():
        raise Refused("Nama pengguna {user} sudah dipakai.", problems=[
            Problem("username", Message("Nama pengguna {user} sudah dipakai.", user=values["username"]))],
            user=values["username"])
    user = User(username=values["username"], full_name=values["full_name"], role=role,
                password_hash=passwords.hash_password(password), active=True)
    session.add(user)
    return user


def add_user(ws: Workspace, actor: Actor, username: str, full_name: str, role: str, password: str,
             must_change_password: bool = True) -> None:
    actor.require("users.manage")
    with ws.store.session(actor.username) as s:
        user = create_user(s, username, full_name, role, password)
        user.must_change_password = must_change_password
    office_keyring.on_password(ws, username, password)


def list_users(ws: Workspace) -> list[dict]:
    with ws.store.session() as s:
        rows = s.scalars(select(User).order_by(User.username)).all()
        now = utcnow()
        return [{
            "username": u.username, "full_name": u.full_name, "role": u.role, "active": u.active,
            "locked": bool(u.locked_until and u.locked_until > now), "last_login_at": u.last_login_at,
        } for u in rows]


def _get(s, username: str) -> User:
    user = s.scalars(select(User).where(User.username == (username or "").strip().lower())).first()
    if user is None:
        raise Refused("Pengguna {user} tidak ada.", user=username)
    return user


def _active_admins(s) -> int:
    return len(s.scalars(select(User.id).where(User.role == "administrator", User.active.is_(True))).all())


def reset_password(ws: Workspace, actor: Actor, username: str, new_password: str) -> None:
    """An administrator sets a new password for another user, who must change it at next login."""
    actor.require("users.manage")
    _check_password(new_password, username)
    with ws.store.session(actor.username) as s:
        user = _get(s, username)
        user.password_hash = passwords.hash_password(new_password)
        user.must_change_password = user.username != actor.username
        user.locked_until = None
        user.failed_logins = 0
        log_event(s, "password_reset", f"Kata sandi {user.username} diatur ulang", entity="user_account",
                  entity_key=user.username)
    office_keyring.on_password(ws, username, new_password)


def change_own_password(ws: Workspace, actor: Actor, old_password: str, new_password: str) -> None:
    _check_password(new_password, actor.username)
    with ws.store.session(actor.username) as s:
        user = _get(s, actor.username)
        if not passwords.verify_password(old_password or "", user.password_hash):
            raise Refused("Kata sandi lama salah.", problems=[Problem("old_password", Message("Kata sandi lama salah."))])
        user.password_hash = passwords.hash_password(new_password)
        user.must_change_password = False
    if ws.office_key is None:
        office_keyring.on_login(ws, actor, old_password)
    office_keyring.on_password(ws, actor.username, new_password)


def set_active(ws: Workspace, actor: Actor, username: str, active: bool) -> None:
    actor.require("users.manage")
    with ws.store.session(actor.username) as s:
        user = _get(s, username)
        if not active and user.role == "administrator" and user.active and _active_admins(s) <= 1:
            raise Refused("Administrator terakhir tidak boleh dinonaktifkan.")
        if not active and user.username == actor.username:
            raise Refused("Anda tidak dapat menonaktifkan akun Anda sendiri.")
        user.active = active


def set_role(ws: Workspace, actor: Actor, username: str, role: str) -> None:
    actor.require("users.manage")
    with ws.store.session(actor.username) as s:
        user = _get(s, username)
        if role not in {c.value for c in load_form("user").field("role").choices}:
            raise Refused("Peran {role} tidak dikenal.", role=role)
        if user.role == "administrator" and role != "administrator" and _active_admins(s) <= 1:
            raise Refused("Administrator terakhir tidak boleh diganti perannya.")
        user.role = role


def unlock(ws: Workspace, actor: Actor, username: str) -> None:
    actor.require("users.manage")
    with ws.store.session(actor.username) as s:
        user = _get(s, username)
        user.locked_until = None
        user.failed_logins = 0
        log_event(s, "unlock", f"Akun {user.username} dibuka kuncinya", entity="user_account", entity_key=user.username)


def issue_recovery_code(session, user: User) -> str:
    """A fresh one-time code for ``user``; the previous ones stop working."""
    for old in session.scalars(select(RecoveryCode).where(RecoveryCode.user_id == user.id,
                                                          RecoveryCode.used_at.is_(None))):
        old.used_at = utcnow()
    code = passwords.new_recovery_code()
    session.flush()
    session.add(RecoveryCode(user_id=user.id, code_hash=passwords.hash_password(code)))
    return code


def new_recovery_code(ws: Workspace, actor: Actor) -> str:
    actor.require("users.manage")
    with ws.store.session(actor.username) as s:
        code = issue_recovery_code(s, _get(s, actor.username))
        log_event(s, "recovery_code", "Kode pemulihan baru dibuat", entity="user_account", entity_key=actor.username)
    office_keyring.on_recovery_code(ws, code)
    return code


def recover_with_code(ws: Workspace, code: str, new_password: str) -> tuple[str, str]:
    """Reset the administrator's password with the printed recovery code.

    Returns (username, the next recovery code): a used code never works twice.
    """
    code = passwords.normalize_recovery_code(code)
    with ws.store.session("pemulihan") as s:
        rows = s.scalars(select(RecoveryCode).where(RecoveryCode.used_at.is_(None))).all()
        match = next((r for r in rows if passwords.verify_password(code, r.code_hash)), None)
        if match is None:
            log_event(s, "recovery_failed", "Kode pemulihan salah")
            failed = True
        else:
            failed = False
            user = s.get(User, match.user_id)
            _check_password(new_password, user.username)
            match.used_at = utcnow()
            user.password_hash = passwords.hash_password(new_password)
            user.locked_until = None
            user.failed_logins = 0
            user.active = True
            user.must_change_password = False
            log_event(s, "password_recovered", f"Kata sandi {user.username} dipulihkan dengan kode pemulihan",
                      entity="user_account", entity_key=user.username, username=user.username)
            next_code = issue_recovery_code(s, user)
            username = user.username
    if failed:
        from kemensos_desk.core.errors import AccessDenied

        raise AccessDenied("Kode pemulihan salah atau sudah pernah dipakai.")
    office_keyring.on_recovered(ws, code, username, new_password, next_code)
    return username, next_code
