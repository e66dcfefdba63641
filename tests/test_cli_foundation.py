"""End to end: the real console script on temp data dirs, exit codes as the issue fixes them
(0 ok, 1 refused, 2 usage, 3 environment, 4 login/role)."""
import sqlite3

import pytest

from cli_helpers import INIT_ARGS, NEW_PASSWORD, PASSWORD, copy_office, environment, run, run_all


@pytest.fixture(scope="module")
def office(tmp_path_factory):
    """An office set up by ``init``, with an operator; each test works on a copy."""
    path = tmp_path_factory.mktemp("cli") / "kantor"
    init = run(path, *INIT_ARGS, "--json")
    assert init.code == 0, init.err
    added = run(path, "--user", "admin", "user", "add", "siti.rahma", "--full-name", "Siti Rahma", "--role", "operator",
                env=environment(KEMENSOS_DESK_NEW_PASSWORD=PASSWORD))
    assert added.code == 0, added.err
    return path, init.json()


@pytest.fixture
def data(office, tmp_path):
    return copy_office(office[0], tmp_path / "kantor")


def test_init_sets_up_the_office(office):
    path, out = office
    assert out["office_name"] == "Dinas Sosial Kabupaten Majalengka"
    assert (out["level"], out["region_code"], out["region_name"]) == ("kabupaten", "32.10", "Kabupaten Majalengka")
    assert len(out["recovery_code"]) == 23
    info = run(path, "info", "--json")
    assert info.code == 0
    got = info.json()
    assert list(got) == ["office_name", "level", "region_code", "region_name", "schema_version", "device_id", "counts"]
    assert got["region_code"] == "32.10" and got["counts"]["users"] == 2 and got["counts"]["office"] == 1
    assert got["schema_version"] and len(got["device_id"]) == 36


def test_init_refusals(office, tmp_path):
    base = INIT_ARGS[:]
    def init(*swap, drop=None):
        args = base[:]
        for flag, value in zip(swap[::2], swap[1::2]):
            args[args.index(flag) + 1] = value
        if drop:
            i = args.index(drop)
            del args[i:i + 2]
        return args
    mismatch, unknown, bad_nip, missing, again, no_password = run_all(
        ((tmp_path / "a", *init("--level", "kota")),),
        ((tmp_path / "b", *init("--region", "32.99")),),
        ((tmp_path / "d", *init("--head-nip", "196813121990031002")),),
        ((tmp_path / "e", *init(drop="--head-nip")),),
        ((office[0], *INIT_ARGS),),
        ((tmp_path / "g", *INIT_ARGS), {"env": environment(KEMENSOS_DESK_PASSWORD=None)}),
    )
    assert mismatch.code == 1 and "bukan wilayah tingkat kota" in mismatch.err
    assert unknown.code == 1 and "32.99 tidak ada dalam daftar Kemendagri" in unknown.err
    assert bad_nip.code == 1 and "NIP kepala dinas" in bad_nip.err and "bukan tanggal lahir" in bad_nip.err
    assert missing.code == 2 and "--head-nip" in missing.err and "wajib" in missing.err
    assert again.code == 1 and "sudah berisi kantor" in again.err
    assert no_password.code == 2 and "KEMENSOS_DESK_PASSWORD" in no_password.err
    conn = sqlite3.connect(tmp_path / "a" / "kemensos.sqlite")  # refused input wrote no office
    assert conn.execute("SELECT count(*) FROM office").fetchone() == (0,)
    conn.close()


def test_demo(office, tmp_path):
    default, other, refused = run_all(
        ((tmp_path / "demo", "demo", "--size", "small", "--json"),),
        ((tmp_path / "sulsel", "demo", "--region", "73.05", "--size", "small", "--json"),),
        ((office[0], "demo"),),
    )
    assert default.code == 0, default.err
    assert default.json()["region_code"] == "32.10" and default.json()["admin"] == "admin"
    assert other.code == 0, other.err
    assert other.json()["region_code"] == "73.05" and other.json()["level"] == "kabupaten"
    assert refused.code == 1 and "folder data tersendiri" in refused.err
    listed = run(tmp_path / "sulsel", "--user", "admin", "user", "list", "--json")  # the given password works
    assert listed.code == 0 and {u["username"] for u in listed.json()["users"]} >= {"admin", "siti.rahmawati"}
    assert "CONTOH / DEMO" in run(tmp_path / "demo", "info").out


def test_check(data):
    assert run(data, "check").code == 0
    conn = sqlite3.connect(data / "kemensos.sqlite")
    conn.execute("DELETE FROM user_account WHERE username='admin'")
    conn.commit()
    conn.close()
    bad = run(data, "check", "--json")
    assert bad.code == 1
    assert "Tidak ada administrator aktif." in bad.json()["problems"]


def sql(data, query, *params):
    conn = sqlite3.connect(data / "kemensos.sqlite")
    try:
        rows = conn.execute(query, params).fetchall()
        conn.commit()
        return rows
    finally:
        conn.close()


def test_backup_and_restore(data, tmp_path):
    device_before = sql(data, "SELECT value FROM setting WHERE key='device_id'")[0][0].strip('"')
    out = tmp_path / "cadangan" / "kantor.sqlite"
    backup = run(data, "--user", "siti.rahma", "backup", "--out", out, "--json")  # operators may back up
    assert backup.code == 0, backup.err
    assert out.exists() and backup.json()["file"] == str(out)
    added, denied = run_all(
        ((data, "--user", "admin", "user", "add", "ani.x", "--full-name", "Ani", "--role", "verifikator"),),
        ((data, "--user", "siti.rahma", "restore", out),),
    )
    assert added.code == 0, added.err
    assert denied.code == 4 and "restore" in denied.err
    admin = run(data, "--user", "admin", "restore", out, "--json")
    assert admin.code == 0, admin.err
    restored = admin.json()
    assert restored["device_id"] != device_before
    assert sql(data, "SELECT value FROM setting WHERE key='device_id'")[0][0].strip('"') == restored["device_id"]
    conn = sqlite3.connect(restored["previous_backup"])  # the data replaced was kept
    assert conn.execute("SELECT 1 FROM user_account WHERE username='ani.x'").fetchone()
    conn.close()
    assert sql(data, "SELECT username FROM user_account WHERE username='ani.x'") == []
    assert sql(data, "PRAGMA integrity_check") == [("ok",)]
    assert ("restore",) in sql(data, "SELECT action FROM audit_log")


def test_sign_in_and_roles(data):
    wrong, nobody, operator, stdin_ok, stdin_empty = run_all(
        ((data, "--user", "admin", "user", "list"), {"env": environment(KEMENSOS_DESK_PASSWORD="salah12345")}),
        ((data, "user", "list"),),
        ((data, "--user", "siti.rahma", "user", "add", "ani.x", "--full-name", "Ani", "--role", "operator"),),
        ((data, "--user", "admin", "--password-stdin", "user", "list", "--json"),
         {"stdin": PASSWORD + "\n", "env": environment(KEMENSOS_DESK_PASSWORD=None)}),
        ((data, "--user", "admin", "--password-stdin", "user", "list"), {"stdin": ""}),
    )
    assert wrong.code == 4 and "kata sandi salah" in wrong.err
    assert nobody.code == 4 and "--user" in nobody.err
    assert operator.code == 4 and "Operator tidak berhak" in operator.err
    assert stdin_ok.code == 0, stdin_ok.err
    assert stdin_empty.code == 2


def test_user_administration_and_audit(data):
    admin = ("--user", "admin")
    add, weak, reset, last_admin = run_all(
        ((data, *admin, "user", "add", "Budi.Santoso", "--full-name", "Budi Santoso", "--role", "verifikator",
          "--json"),),
        ((data, *admin, "user", "add", "ani.x", "--full-name", "Ani", "--role", "operator"),
         {"env": environment(KEMENSOS_DESK_NEW_PASSWORD="pendek")}),
        ((data, *admin, "--password-stdin", "user", "reset-password", "siti.rahma"),
         {"stdin": f"{PASSWORD}\nganti12345\n"}),
        ((data, *admin, "user", "deactivate", "admin"),),
    )
    assert add.code == 0 and add.json() == {"username": "budi.santoso", "role": "verifikator"}
    assert weak.code == 1 and "minimal 8 karakter" in weak.err
    assert reset.code == 0, reset.err
    assert last_admin.code == 1 and "Administrator terakhir" in last_admin.err
    # five failed sign-ins (tested in test_services_accounts) leave the account like this:
    sql(data, "UPDATE user_account SET locked_until=datetime('now', '+5 minutes') WHERE username='siti.rahma'")
    siti = environment(KEMENSOS_DESK_PASSWORD="ganti12345")
    listed, locked = run_all(((data, *admin, "user", "list", "--json"),),
                             ((data, "--user", "siti.rahma", "check"), {"env": siti}))
    users = {u["username"]: u for u in listed.json()["users"]}
    assert users["siti.rahma"]["locked"] and users["budi.santoso"]["role"] == "verifikator"
    assert locked.code == 0  # reading needs no sign-in
    assert run(data, *admin, "user", "unlock", "siti.rahma").code == 0
    ok, deactivate = run_all(((data, "--user", "siti.rahma", "backup", "--out", data / "x.sqlite"), {"env": siti}),
                             ((data, *admin, "user", "deactivate", "budi.santoso"),))
    assert ok.code == 0, ok.err  # unlocked, and the password the admin set works
    assert deactivate.code == 0, deactivate.err

    audit, denied, gone = run_all(
        ((data, *admin, "audit", "--json", "--limit", "200"),),
        ((data, "--user", "siti.rahma", "audit"), {"env": siti}),
        ((data, "--user", "budi.santoso", "backup", "--out", data / "y.sqlite"),
         {"env": environment(KEMENSOS_DESK_PASSWORD=NEW_PASSWORD)}),
    )
    assert denied.code == 4 and gone.code == 4  # an operator may not read the log; budi is inactive
    assert audit.code == 0
    entries = audit.json()["entries"]
    assert {"id", "at", "username", "action", "entity", "entity_key", "summary", "before", "after"} <= set(entries[0])
    assert {"action_label", "entity_label", "subject"} <= set(entries[0])  # the same in words (issue 16)
    actions = [(e["action"], e["entity_key"]) for e in entries]
    assert ("create", "budi.santoso") in actions and ("unlock", "siti.rahma") in actions
    assert ("password_reset", "siti.rahma") in actions
    budi = next(e for e in entries if e["action"] == "update" and e["entity_key"] == "budi.santoso")
    assert budi["username"] == "admin" and budi["before"] == {"active": True} and budi["after"] == {"active": False}
    assert "ganti12345" not in audit.out and NEW_PASSWORD not in audit.out


def test_english_output_and_recovery(data, office):
    refused, init, recover = run_all(
        ((data, "--lang", "en", "--user", "siti.rahma", "user", "list"),),
        ((data.parent / "baru", "--lang", "en", *INIT_ARGS[:2], "kota", *INIT_ARGS[3:]),),
        ((data, "--lang", "en", "recover", "--code", office[1]["recovery_code"].lower()),),
    )
    assert recover.code == 0, recover.err
    assert recover.out.startswith("The password of admin has been changed.")
    assert "New recovery code" in recover.out
    assert office[1]["recovery_code"] not in recover.out
    assert refused.code == 4
    assert "Error: The Operator role is not allowed to do this (users.manage)." in refused.err
    assert init.code == 1
    assert "is Kabupaten Majalengka, not a region of level kota" in init.err


def test_usage_errors(data, tmp_path):
    unknown, not_set_up = run_all(((data, "terbang"),), ((tmp_path / "kosong", "info"),))
    assert unknown.code == 2 and "Galat:" in unknown.err and "pilihan tidak sah" in unknown.err
    assert not_set_up.code == 2 and "belum disiapkan" in not_set_up.err
