"""Register, deliveries, quarter lock and the SPM CLI (issue 4)."""
from __future__ import annotations

import datetime as _dt
import json

import pytest
from sqlalchemy import func, select

from kemensos_desk.cli.main import main
from kemensos_desk.core.errors import AccessDenied, Refused
from kemensos_desk.store.models import AuditEntry
from kemensos_desk.services.spm import achievement, deliveries, quarters, register as reg
from kemensos_desk.services.spm.register_query import (RegisterFilter, count_persons, person_ids, person_rows, rows_by_ids,
                                                      search)
from test_spm_support import OPERATOR, OPERATOR_ONLY, PASSWORD, VERIFIKATOR, make_office, nik_for

BORN = _dt.date(1950, 3, 12)


def person(**kw) -> reg.PersonData:
    base = dict(name="  Siti   Aminah ", sex="P", birth_date=BORN, kecamatan_code="321001",
                nik=nik_for("321001", BORN, "P", 1))
    base.update(kw)
    return reg.PersonData(**base)


@pytest.fixture()
def ws(tmp_path):
    return make_office(tmp_path)


def test_add_person_normalises_and_refuses_duplicate_nik_naming_the_person(ws):
    pid = reg.create_person(ws, OPERATOR, person(), ["lansia"], 2025)
    with ws.store.session() as s:
        row = rows_by_ids(s, [pid])[0]
    assert row["name"] == "Siti Aminah" and row["kecamatan_code"] == "32.10.01" and row["services"] == ["lansia"]
    with pytest.raises(Refused) as exc:
        reg.create_person(ws, OPERATOR, person(name="Orang Lain"))
    assert "Siti Aminah" in str(exc.value) and exc.value.existing_id == pid


def test_required_fields_and_nik_rules_are_problems(ws):
    with pytest.raises(Refused) as exc:
        reg.create_person(ws, OPERATOR, reg.PersonData(name="", sex="X", kecamatan_code="32.73.01"))
    fields = {p.field for p in exc.value.problems}
    assert {"name", "sex", "birth_date", "kecamatan_code", "nik"} <= fields
    with pytest.raises(Refused) as exc:
        reg.create_person(ws, OPERATOR, person(sex="L"))
    assert any("perempuan" in str(p.message) and "laki-laki" in str(p.message) for p in exc.value.problems)


def test_person_without_nik_needs_a_reason_and_nik_can_be_added_later(ws):
    with pytest.raises(Refused):
        reg.create_person(ws, OPERATOR, person(nik=None))
    pid = reg.create_person(ws, OPERATOR, person(nik=None, no_nik_reason="belum_memiliki"))
    reg.edit_person(ws, OPERATOR, pid, person())
    with ws.store.session() as s:
        b = reg.get_person(s, pid)
        assert b.nik == nik_for("321001", BORN, "P", 1) and b.no_nik_reason is None
        audit = s.scalars(select(AuditEntry).where(AuditEntry.entity == "spm_beneficiary",
                                                   AuditEntry.action == "update")).all()
    assert any('"nik": null' in (a.before or "") for a in audit)


def test_search_by_nik_prefix_and_name_prefix_and_lazy_ids(ws):
    names = ["Ujang Suryana", "Udin Saputra", "Asep Hidayat", "ujang kusnadi"]
    for i, name in enumerate(names, start=1):
        reg.create_person(ws, OPERATOR, person(name=name, sex="L", nik=nik_for("321002", BORN, "L", i)), ["anak"], 2025)
    with ws.store.session() as s:
        assert [r["name"] for r in search(s, "UJANG")] == ["ujang kusnadi", "Ujang Suryana"]
        assert [r["name"] for r in search(s, "u")] == ["Udin Saputra", "ujang kusnadi", "Ujang Suryana"]
        assert len(search(s, "3210021203")) == 4
        assert len(search(s, nik_for("321002", BORN, "L", 3))) == 1
        ids = person_ids(s, RegisterFilter(service="anak", year=2025))
        assert len(ids) == 4
        assert [r["id"] for r in rows_by_ids(s, list(reversed(ids)))] == list(reversed(ids))
        # The capped count the register shows while typing: it stops at the limit.
        assert count_persons(s, RegisterFilter(text="u")) == 3
        assert count_persons(s, RegisterFilter(text="u"), limit=2) == 2
        assert count_persons(s, RegisterFilter(text="u"), limit=10) == 3
        assert count_persons(s, RegisterFilter(text="u"), limit=2, offset=2) == 1
        assert count_persons(s, RegisterFilter(service="anak", year=2025), limit=3, offset=4) == 0
        assert count_persons(s, RegisterFilter()) == 4  # the whole register, counted exactly
        # The table model's one-statement page is the same as ids, then rows (services too).
        for f in (RegisterFilter(), RegisterFilter(text="u"), RegisterFilter(text="321002"),
                  RegisterFilter(service="anak", year=2025)):
            for offset in (0, 1, 3):
                assert person_rows(s, f, limit=2, offset=offset) == rows_by_ids(s, person_ids(s, f, 2, offset))
        assert person_rows(s, RegisterFilter(text="asep"))[0]["services"] == ["anak"]
    reg.delete_person(ws, OPERATOR, ids[0])
    with ws.store.session() as s:
        assert count_persons(s, RegisterFilter()) == 3  # tombstones are not counted
        assert count_persons(s, RegisterFilter(text="u"), limit=10) + count_persons(s, RegisterFilter(text="a")) == 3


def test_deliveries_are_idempotent_and_bulk(ws):
    ids = [reg.create_person(ws, OPERATOR, person(name=f"Lansia {i}", nik=nik_for("321001", BORN, "P", i)),
                             ["lansia"], 2025) for i in range(1, 6)]
    day = _dt.date(2025, 3, 10)
    c = deliveries.record_bulk(ws, OPERATOR, ids, "lansia", "permakanan", day, 30, "paket", "Dinsos")
    assert c.as_dict() == {"new": 5, "updated": 0, "unchanged": 0}
    c = deliveries.record_bulk(ws, OPERATOR, ids, "lansia", "permakanan", day, 30, "paket", "Dinsos")
    assert c.as_dict() == {"new": 0, "updated": 0, "unchanged": 5}
    assert deliveries.record_delivery(ws, OPERATOR, ids[0], "lansia", "permakanan", day, 31, "paket", "Dinsos") == "updated"
    with pytest.raises(Refused, match="bukan bagian"):
        deliveries.record_delivery(ws, OPERATOR, ids[0], "lansia", "pemulangan", day)
    other = reg.create_person(ws, OPERATOR, person(name="Tanpa Hak", nik=nik_for("321001", BORN, "P", 9)))
    with pytest.raises(Refused, match="belum terdaftar"):
        deliveries.record_delivery(ws, OPERATOR, other, "lansia", "permakanan", day)
    with pytest.raises(AccessDenied):
        deliveries.record_delivery(ws, VERIFIKATOR, ids[0], "lansia", "permakanan", day)


def test_approved_quarter_is_locked_until_reopened_with_a_reason(ws):
    pid = reg.create_person(ws, OPERATOR, person(), ["lansia"], 2025)
    with pytest.raises(AccessDenied):
        quarters.approve(ws, OPERATOR_ONLY, 2025, 1)
    quarters.approve(ws, VERIFIKATOR, 2025, 1)
    with pytest.raises(Refused, match="dikunci"):
        deliveries.record_delivery(ws, OPERATOR, pid, "lansia", "permakanan", _dt.date(2025, 2, 1))
    assert deliveries.record_delivery(ws, OPERATOR, pid, "lansia", "permakanan", _dt.date(2025, 4, 1)) == "new"
    with ws.store.session("admin") as s:
        reg.entitle(s, reg.get_person(s, pid), "lansia", 2025)  # unchanged: no write, not refused
        with pytest.raises(Refused, match="dikunci"):
            reg.entitle(s, reg.get_person(s, pid), "anak", 2025)  # new, dated 1 January: locked
    with pytest.raises(Refused):
        quarters.reopen(ws, OPERATOR, 2025, 1, "")
    with pytest.raises(AccessDenied):
        quarters.reopen(ws, VERIFIKATOR, 2025, 1, "salah input permakanan")
    quarters.reopen(ws, OPERATOR, 2025, 1, "salah input permakanan")
    assert deliveries.record_delivery(ws, OPERATOR, pid, "lansia", "permakanan", _dt.date(2025, 2, 1)) == "new"
    assert [q["status"] for q in quarters.status(ws, 2025)] == ["reopened", "open", "open", "open"]
    with ws.store.session() as s:
        actions = s.scalars(select(AuditEntry.action).where(AuditEntry.entity == "spm_quarter_approval")).all()
    assert "approve" in actions and "reopen" in actions


def run(capsys, data_dir, *args) -> tuple[int, str]:
    code = main(["--data-dir", str(data_dir), *args])
    return code, capsys.readouterr().out


def test_cli_services_capaian_person_and_deliver(ws, capsys, monkeypatch):
    monkeypatch.setenv("KEMENSOS_DESK_PASSWORD", PASSWORD)
    data = ws.data_dir
    ws.close()
    code, out = run(capsys, data, "spm", "services", "--json")
    services = json.loads(out)
    assert code == 0 and [s["code"] for s in services] == ["disabilitas", "anak", "lansia", "gepeng", "bencana"]
    assert set(services[0]) == {"code", "name", "target_group", "setting", "components"}
    assert set(services[0]["components"][0]) == {"code", "name", "need"}
    assert services[0]["setting"] == "luar panti"
    nik = nik_for("321001", BORN, "P", 1)
    code, out = run(capsys, data, "--user", "admin", "spm", "person", "add", "--name", "Siti Aminah", "--sex", "P",
                    "--birth-date", "1950-03-12", "--kecamatan", "32.10.01", "--nik", nik, "--service", "lansia",
                    "--year", "2025", "--json")
    assert code == 0, out
    pid = json.loads(out)["id"]
    code, _ = run(capsys, data, "spm", "person", "add", "--name", "X", "--sex", "P", "--birth-date", "1950-03-12",
                  "--kecamatan", "32.10.01", "--nik", nik)
    assert code == 4  # no --user
    code, out = run(capsys, data, "--user", "admin", "spm", "person", "add", "--name", "Orang Lain", "--sex", "P",
                    "--birth-date", "1950-03-12", "--kecamatan", "32.10.01", "--nik", nik, "--json")
    assert code == 1 and "Siti Aminah" in json.loads(out)["error"]
    for comp in ("permakanan", "sandang", "perbekalan_kesehatan", "bimbingan", "bimbingan_keluarga", "akses_layanan"):
        code, out = run(capsys, data, "--user", "admin", "spm", "deliver", "--service", "lansia", "--component", comp,
                        "--date", "2025-02-10", "--nik", nik, "--json")
        assert code == 0 and json.loads(out)["new"] == 1
    code, out = run(capsys, data, "spm", "capaian", "--year", "2025", "--quarter", "1", "--json")
    doc = json.loads(out)
    assert code == 0 and doc["year"] == 2025 and doc["quarter"] == 1
    lansia = next(s for s in doc["services"] if s["code"] == "lansia")
    assert lansia == {"code": "lansia", "entitled": 1, "served": 1, "recipient_pct": 100.0, "quality_pct": 100.0,
                      "index": 100.0, "band": "Tuntas Paripurna"}
    assert set(doc["services"][0]) == {"code", "entitled", "served", "recipient_pct", "quality_pct", "index", "band"}
    code, out = run(capsys, data, "--user", "admin", "spm", "person", "list", "--search", "siti", "--json")
    assert [r["id"] for r in json.loads(out)] == [pid]
    code, _ = run(capsys, data, "spm", "capaian", "--year", "2025", "--quarter", "5")
    assert code == 2


def test_demo_small_fills_the_register(tmp_path):
    from kemensos_desk.services import demo
    from kemensos_desk.services.workspace import Workspace

    ws = Workspace.open(tmp_path / "demo")
    demo.create_demo(ws, PASSWORD, year=2025, size="small")
    with ws.store.session() as s:
        from kemensos_desk.store.models_spm import Beneficiary

        assert s.scalar(select(func.count()).select_from(Beneficiary)) == 200
        assert s.scalar(select(func.count()).select_from(Beneficiary).where(Beneficiary.nik.is_(None))) > 0
    doc = achievement.achievement(ws, 2025)
    assert all(s["entitled"] > 0 for s in doc["services"])
    assert [q["status"] for q in quarters.status(ws, 2025)][:2] == ["approved", "approved"]
