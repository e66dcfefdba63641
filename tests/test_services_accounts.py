"""Signing in, lockout, roles, user administration and the recovery code, on real SQLite."""
import datetime as dt
import functools
import shutil

import pytest
from sqlalchemy import select, update

from kemensos_desk.core import passwords
from kemensos_desk.core.errors import AccessDenied, Refused
from kemensos_desk.store.base import utcnow
from kemensos_desk.store.models import AuditEntry, User
from kemensos_desk.services import auth, users
from kemensos_desk.services import office as office_service
from kemensos_desk.services.office import OfficeDetails
from kemensos_desk.services.workspace import Workspace

PASSWORD = "rahasia123"
DETAILS = OfficeDetails("kota", "32.73", "Dinas Sosial Kota Bandung", "Jl. Merdeka No. 1",
                        "Dra. Hj. Nining Suryani, M.M.", "196803121990032002")


@pytest.fixture(scope="module", autouse=True)
def quick_hashing():
    """A low scrypt cost keeps these tests quick; the real cost is tested in test_core_passwords."""
    with pytest.MonkeyPatch.context() as mp:
        mp.setattr(passwords, "hash_password", functools.partial(passwords.hash_password, n=2**10))
        yield


@pytest.fixture(scope="module")
def template(quick_hashing, tmp_path_factory):
    path = tmp_path_factory.mktemp("template") / "data"
    ws = Workspace.open(path)
    code = office_service.setup_office(ws, DETAILS, "admin", "Administrator", PASSWORD)
    with ws.store.session("admin") as s:
        users.create_user(s, "siti.rahma", "Siti Rahma", "operator", PASSWORD)
    ws.close()
    return path, code


@pytest.fixture
def ws(template, tmp_path):
    path = tmp_path / "data"
    shutil.copytree(template[0], path)
    ws = Workspace.open(path)
    yield ws
    ws.close()


@pytest.fixture
def admin(ws):
    return auth.login(ws, "admin", PASSWORD)


def user_row(ws, username):
    with ws.store.session() as s:
        return s.scalars(select(User).where(User.username == username)).one()


def test_login_succeeds_and_is_audited(ws):
    actor = auth.login(ws, " Admin ", PASSWORD)
    assert (actor.username, actor.role) == ("admin", "administrator")
    assert user_row(ws, "admin").last_login_at is not None
    with ws.store.session() as s:
        assert s.scalars(select(AuditEntry.action).where(AuditEntry.username == "admin")).all()[-1] == "login"


def test_unknown_user_and_wrong_password_give_the_same_message(ws):
    with pytest.raises(AccessDenied) as unknown:
        auth.login(ws, "tidakada", PASSWORD)
    assert str(unknown.value) == "Nama pengguna atau kata sandi salah."
    with pytest.raises(AccessDenied) as wrong:
        auth.login(ws, "admin", "salah12345")
    assert str(wrong.value).startswith("Nama pengguna atau kata sandi salah.")
    assert "Sisa 4 kali" in str(wrong.value)


def test_five_failures_lock_for_five_minutes(ws):
    for left in (4, 3, 2, 1):
        with pytest.raises(AccessDenied, match=f"Sisa {left} kali"):
            auth.login(ws, "siti.rahma", "salah12345")
    with pytest.raises(AccessDenied, match="dikunci selama 5 menit"):
        auth.login(ws, "siti.rahma", "salah12345")
    locked_until = user_row(ws, "siti.rahma").locked_until
    assert dt.timedelta(minutes=4, seconds=50) < locked_until - utcnow() <= dt.timedelta(minutes=5)
    # while locked even the right password is refused
    with pytest.raises(AccessDenied, match="terkunci"):
        auth.login(ws, "siti.rahma", PASSWORD)
    assert users.list_users(ws)[1]["locked"] is True
    # five minutes pass (moved in the database, not slept)
    with ws.store.session() as s:
        s.execute(update(User).where(User.username == "siti.rahma")
                  .values(locked_until=utcnow() - dt.timedelta(seconds=1)))
    assert auth.login(ws, "siti.rahma", PASSWORD).role == "operator"
    assert user_row(ws, "siti.rahma").failed_logins == 0
    with ws.store.session() as s:
        actions = s.scalars(select(AuditEntry.action).where(AuditEntry.entity_key == "siti.rahma")).all()
    assert actions.count("login_failed") == 4 and "lock" in actions


def test_admin_unlocks_a_locked_account(ws, admin):
    for _ in range(5):
        with pytest.raises(AccessDenied):
            auth.login(ws, "siti.rahma", "salah12345")
    users.unlock(ws, admin, "siti.rahma")
    assert auth.login(ws, "siti.rahma", PASSWORD)


def test_inactive_user_cannot_sign_in(ws, admin):
    users.set_active(ws, admin, "siti.rahma", False)
    with pytest.raises(AccessDenied, match="^Nama pengguna atau kata sandi salah.$"):
        auth.login(ws, "siti.rahma", PASSWORD)
    users.set_active(ws, admin, "siti.rahma", True)
    assert auth.login(ws, "siti.rahma", PASSWORD)


def test_roles_and_permissions(ws, admin):
    operator = auth.login(ws, "siti.rahma", PASSWORD)
    verifier = auth.Actor("budi", "Budi", "verifikator")
    assert admin.can("users.manage") and admin.can("restore") and admin.can("audit.read")
    assert operator.can("data.edit") and not operator.can("data.approve") and not operator.can("users.manage")
    assert verifier.can("data.approve") and not verifier.can("data.edit")
    assert not auth.Actor("x", "X", "raja").can("data.read")
    with pytest.raises(AccessDenied, match=r"Peran Operator tidak berhak melakukan ini \(users.manage\)"):
        users.add_user(ws, operator, "baru.satu", "Baru", "operator", PASSWORD)
    with pytest.raises(AccessDenied):
        users.reset_password(ws, operator, "admin", "baru12345")
    assert auth.role_label("verifikator") == "Verifikator"


def test_add_user_refusals(ws, admin):
    with pytest.raises(Refused) as dup:
        users.add_user(ws, admin, "Siti.Rahma", "Siti lagi", "operator", PASSWORD)
    assert str(dup.value) == "Nama pengguna siti.rahma sudah dipakai."
    with pytest.raises(Refused) as bad:
        users.add_user(ws, admin, "x", "", "raja", "pendek")
    assert {p.field for p in bad.value.problems} == {"username", "full_name", "role", "password"}
    with pytest.raises(Refused, match="Data pengguna"):
        users.add_user(ws, admin, "budi.santoso", "Budi", "operator", "budi.santoso99")  # holds the name


def test_reset_password_forces_a_change(ws, admin):
    users.reset_password(ws, admin, "siti.rahma", "sementara1")
    actor = auth.login(ws, "siti.rahma", "sementara1")
    assert actor.must_change_password
    with pytest.raises(Refused, match="Kata sandi lama salah"):
        users.change_own_password(ws, actor, "keliru123", "pilihan123")
    users.change_own_password(ws, actor, "sementara1", "pilihan123")
    assert not auth.login(ws, "siti.rahma", "pilihan123").must_change_password
    with pytest.raises(Refused, match="minimal 8 karakter"):
        users.reset_password(ws, admin, "siti.rahma", "pendek")
    with pytest.raises(Refused, match="tidak ada"):
        users.reset_password(ws, admin, "hantu", "sementara1")


def test_last_admin_cannot_be_deactivated_or_demoted(ws, admin):
    with pytest.raises(Refused, match="Administrator terakhir tidak boleh dinonaktifkan"):
        users.set_active(ws, admin, "admin", False)
    with pytest.raises(Refused, match="Administrator terakhir tidak boleh diganti perannya"):
        users.set_role(ws, admin, "admin", "operator")
    users.add_user(ws, admin, "kedua", "Admin Kedua", "administrator", PASSWORD)
    with pytest.raises(Refused, match="akun Anda sendiri"):
        users.set_active(ws, admin, "admin", False)
    users.set_active(ws, admin, "kedua", False)
    assert [u["active"] for u in users.list_users(ws) if u["username"] == "kedua"] == [False]
    # and the remaining admin is again the last one
    with pytest.raises(Refused, match="Administrator terakhir"):
        users.set_role(ws, admin, "admin", "verifikator")


def test_recovery_code_resets_admin_password_once(ws, template):
    code = template[1]
    with pytest.raises(Refused, match="minimal 8"):
        users.recover_with_code(ws, code, "pendek")  # refused input does not use the code up
    username, next_code = users.recover_with_code(ws, code.lower().replace("-", " "), "pulih12345")
    assert username == "admin" and next_code != code
    assert auth.login(ws, "admin", "pulih12345")
    with pytest.raises(AccessDenied, match="sudah pernah dipakai"):
        users.recover_with_code(ws, code, "lagi123456")
    with pytest.raises(AccessDenied):
        auth.login(ws, "admin", "lagi123456")
    # the next code works, once
    assert users.recover_with_code(ws, next_code, "lagi123456")[0] == "admin"
    assert auth.login(ws, "admin", "lagi123456")


def test_recovery_also_unlocks(ws, template):
    for _ in range(5):
        with pytest.raises(AccessDenied):
            auth.login(ws, "admin", "salah12345")
    users.recover_with_code(ws, template[1], "pulih12345")
    assert auth.login(ws, "admin", "pulih12345")


def test_new_recovery_code_replaces_the_old(ws, admin, template):
    fresh = users.new_recovery_code(ws, admin)
    with pytest.raises(AccessDenied):
        users.recover_with_code(ws, template[1], "pulih12345")
    assert users.recover_with_code(ws, fresh, "pulih12345")[0] == "admin"
