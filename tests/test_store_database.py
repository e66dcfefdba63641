"""The SQLite store on real files: pragmas, migrations with backup, one transaction per
unit of work, the audit log written at flush and the bookkeeping of business records."""
import json
import shutil
import sqlite3

import pytest
from sqlalchemy import select

from kemensos_desk.core.errors import EnvironmentProblem
from kemensos_desk.store import migrations
from kemensos_desk.store.models import AuditEntry, Office, User
from kemensos_desk.services import office as office_service
from kemensos_desk.services import users as user_service
from kemensos_desk.services.auth import Actor
from kemensos_desk.services.office import OfficeDetails
from kemensos_desk.services.workspace import Workspace

PASSWORD = "rahasia123"
DETAILS = OfficeDetails("kabupaten", "3210", "Dinas Sosial Kabupaten Majalengka", "Jl. K.H. Abdul Halim No. 1",
                        "Drs. H. Agus Setiawan, M.Si.", "19680312 199003 1 002")
ADMIN = Actor("admin", "Administrator", "administrator")


@pytest.fixture(scope="module")
def template(tmp_path_factory):
    """One set-up office, copied for each test (migrating a new file costs a third of a second)."""
    path = tmp_path_factory.mktemp("template") / "data"
    ws = Workspace.open(path)
    office_service.setup_office(ws, DETAILS, "admin", "Administrator", PASSWORD)
    ws.close()
    return path


@pytest.fixture
def ws(template, tmp_path):
    path = tmp_path / "data"
    shutil.copytree(template, path)
    ws = Workspace.open(path)
    yield ws
    ws.close()


def test_pragmas_in_force(ws):
    with ws.store.engine.connect() as conn:
        pragma = lambda name: conn.exec_driver_sql(f"PRAGMA {name}").scalar()  # noqa: E731
        assert pragma("journal_mode") == "wal"
        assert pragma("foreign_keys") == 1
        assert pragma("synchronous") == 2  # FULL


def test_new_directory_is_migrated_to_every_head(tmp_path):
    ws = Workspace.open(tmp_path / "baru" / "data")
    try:
        assert ws.store.path.name == "kemensos.sqlite"
        assert migrations.current_revision(ws.store.path) == migrations.head_revisions()
        assert "0001" not in migrations.head_revisions()  # module branches sit on the foundation
        assert ws.migrated_backup is None  # nothing to back up in a new file
        assert not ws.is_initialised()
        assert (ws.data_dir / "logs").is_dir()
    finally:
        ws.close()


def test_migrating_an_older_file_backs_it_up_first(template, tmp_path):
    from alembic import command

    path = tmp_path / "data"
    shutil.copytree(template, path)
    ws = Workspace.open(path)
    assert ws.migrated_backup is None  # already current: no backup
    # Bring the file honestly back to the foundation schema, as an older release left it.
    with ws.store.engine.begin() as conn:
        command.downgrade(migrations._config(conn), "0001")
    ws.close()
    assert migrations.current_revision(path / "kemensos.sqlite") == frozenset({"0001"})

    ws = Workspace.open(path)
    try:
        backup = ws.migrated_backup
        assert backup is not None and backup.parent == path / "backups"
        assert backup.name.startswith("sebelum-migrasi-")
        assert migrations.current_revision(backup) == frozenset({"0001"})  # the file as it was
        conn = sqlite3.connect(backup)
        assert conn.execute("SELECT name FROM office").fetchone()[0] == "Dinas Sosial Kabupaten Majalengka"
        conn.close()
        assert migrations.current_revision(ws.store.path) == migrations.head_revisions()
        assert ws.office().region_code == "32.10"  # the data survived the upgrade
    finally:
        ws.close()


def test_unit_of_work_rolls_back_on_error(ws):
    with pytest.raises(RuntimeError):
        with ws.store.session("admin") as s:
            s.add(User(username="hantu", full_name="Hantu", role="operator", password_hash="x"))
            s.flush()
            raise RuntimeError("boom")
    with ws.store.session() as s:
        assert s.scalars(select(User).where(User.username == "hantu")).first() is None
        assert s.scalars(select(AuditEntry).where(AuditEntry.entity_key == "hantu")).first() is None


def audit_rows(ws, **where):
    with ws.store.session() as s:
        q = select(AuditEntry).order_by(AuditEntry.id)
        for k, v in where.items():
            q = q.where(getattr(AuditEntry, k) == v)
        return s.scalars(q).all()


def test_audit_records_create_and_update_and_hides_password_hash(ws):
    user_service.add_user(ws, ADMIN, "siti.rahma", "Siti Rahma", "operator", "kuat12345")
    (create,) = audit_rows(ws, entity="user_account", entity_key="siti.rahma", action="create")
    assert create.username == "admin" and create.before is None
    after = json.loads(create.after)
    assert after["full_name"] == "Siti Rahma" and after["role"] == "operator"
    assert after["password_hash"] == "***"

    user_service.set_role(ws, ADMIN, "siti.rahma", "verifikator")
    (update,) = audit_rows(ws, entity="user_account", entity_key="siti.rahma", action="update")
    assert json.loads(update.before) == {"role": "operator"}
    assert json.loads(update.after) == {"role": "verifikator"}

    user_service.reset_password(ws, ADMIN, "siti.rahma", "baru12345")
    last = audit_rows(ws, entity="user_account", entity_key="siti.rahma", action="update")[-1]
    assert json.loads(last.before)["password_hash"] == "***"
    assert json.loads(last.after)["password_hash"] == "***"
    # the clear password and its hash never reach the log
    with ws.store.session() as s:
        stored_hash = s.scalars(select(User.password_hash).where(User.username == "siti.rahma")).one()
    dump = " ".join(f"{e.before} {e.after} {e.summary}" for e in audit_rows(ws))
    assert "baru12345" not in dump and "kuat12345" not in dump and stored_hash not in dump
    assert audit_rows(ws, action="password_reset")[-1].username == "admin"


def test_record_mixin_bookkeeping(ws):
    office = ws.office()
    assert len(office.uuid) == 36 and office.revision == 1
    assert office.created_by == "admin" and office.updated_by == "admin"
    first_update = office.updated_at
    changed = OfficeDetails(**{**DETAILS.__dict__, "address": "Jl. Pahlawan No. 7"})
    office_service.update_office(ws, Actor("budi", "Budi", "administrator"), changed)
    office = ws.office()
    assert office.revision == 2 and office.updated_by == "budi" and office.created_by == "admin"
    assert office.updated_at >= first_update
    (update,) = audit_rows(ws, entity="office", action="update")
    assert json.loads(update.after) == {"address": "Jl. Pahlawan No. 7"}
    assert update.entity_key == office.uuid
    # an edit that changes nothing does not bump the revision
    office_service.update_office(ws, Actor("budi", "Budi", "administrator"), changed)
    assert ws.office().revision == 2


def test_tombstone_is_logged_as_delete(ws):
    with ws.store.session("admin") as s:
        office = s.scalars(select(Office)).one()
        office.deleted_at = office.updated_at
    (entry,) = audit_rows(ws, entity="office", action="delete")
    assert entry.username == "admin"
    assert ws.office() is None


def test_corrupt_file_is_an_environment_problem(tmp_path):
    data = tmp_path / "data"
    data.mkdir()
    (data / "kemensos.sqlite").write_bytes(b"bukan basis data " * 500)
    with pytest.raises(EnvironmentProblem) as info:
        Workspace.open(data)
    assert "rusak" in str(info.value)


def test_head_revisions_read_from_scripts_match_alembic():
    assert migrations.head_revisions() == migrations.alembic_heads()
    assert migrations.schema_version(frozenset({"b", "a"})) == "a+b"


def test_two_programs_migrating_at_once(template, tmp_path):
    """Two windows (or a script beside the GUI) opening an older file together: one migrates
    and backs up, the other waits and finds the schema current."""
    import threading

    from alembic import command

    path = tmp_path / "data"
    shutil.copytree(template, path)
    ws = Workspace.open(path)
    with ws.store.engine.begin() as conn:
        command.downgrade(migrations._config(conn), "0001")
    ws.close()
    opened, errors = [], []

    def open_it():
        try:
            opened.append(Workspace.open(path))
        except Exception as exc:  # noqa: BLE001 - reported below
            errors.append(exc)

    threads = [threading.Thread(target=open_it) for _ in range(2)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(60)
    try:
        assert errors == []
        assert sorted(w.migrated_backup is not None for w in opened) == [False, True]
        assert len(list((path / "backups").glob("sebelum-migrasi-*.sqlite"))) == 1
        assert not list((path / "backups").glob("*.tmp"))
        assert migrations.current_revision(path / "kemensos.sqlite") == migrations.head_revisions()
    finally:
        for w in opened:
            w.close()
