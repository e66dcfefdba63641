"""Export → import → re-import → receipts, lost bundles, parts and conflicts, on SQLite and PostgreSQL."""
from __future__ import annotations

import json

import pytest
from sqlalchemy import func, select

from kemensos_desk.ministry import importer, receipts as mreceipts
from kemensos_desk.ministry.conflicts import open_conflicts, settle
from kemensos_desk.ministry.models import MinistryConflict, MinistryPeriod, MinistryRecord, MinistryRevision
from kemensos_desk.services.sync import receipts
from kemensos_desk.services.sync.export import list_bundles, pending_count

from test_sync_support import (ADMIN, KNOWN_NAME, KNOWN_NIK, copy_office, edit_person, export, make_office,
                               ministry_for, ministry_url, new_device)


@pytest.fixture(params=["sqlite", "postgresql"])
def ministry(request, tmp_path):
    url = ministry_url(request, request.param, tmp_path)
    store = ministry_for(url)
    yield store
    store.dispose()


@pytest.fixture
def office(tmp_path):
    ws = make_office(tmp_path / "kantor")
    yield ws
    ws.close()


def _record(store, kind, **where):
    with store.session() as s:
        q = select(MinistryRecord).where(MinistryRecord.kind == kind)
        rows = s.scalars(q).all()
    return [r for r in rows if all(json.loads(r.data).get(k) == v for k, v in where.items())]


def test_export_import_reimport_and_receipt_close_the_loop(office, ministry, tmp_path):
    first = export(office, tmp_path / "usb")
    assert first.sequence == 1 and first.records["spm_beneficiaries"] == 2 and first.records["office"] == 1
    [out] = importer.import_paths(ministry, first.files)
    assert (out.status, out.new, out.updated, out.office, out.sequence) == ("imported", 4, 0, "32.10", 1)
    [again] = importer.import_paths(ministry, first.files)
    assert again.status == "unchanged" and again.reason is None
    person = _record(ministry, "spm_beneficiaries", nik=KNOWN_NIK)[0]
    assert json.loads(person.data)["name"] == KNOWN_NAME
    with ministry.session() as s:
        assert s.get(MinistryPeriod, ("32.10", 2026, 1)) is not None

    # Not yet confirmed: the next bundle carries everything again.
    assert pending_count(office) == 4
    [receipt] = mreceipts.write_receipts(ministry, tmp_path / "tt")
    result = receipts.import_receipt(office, ADMIN, receipt)
    assert result["confirmed"] == 1 and pending_count(office) == 0
    assert list_bundles(office)[0]["confirmed_at"] is not None
    assert receipts.import_receipt(office, ADMIN, receipt)["confirmed"] == 0  # idempotent

    edit_person(office, desa="Cigasong")
    second = export(office, tmp_path / "usb")
    assert second.sequence == 2 and sum(second.records.values()) == 1
    [out] = importer.import_paths(ministry, second.files)
    assert (out.status, out.new, out.updated, out.gap) == ("imported", 0, 1, False)
    assert json.loads(_record(ministry, "spm_beneficiaries", nik=KNOWN_NIK)[0].data)["desa"] == "Cigasong"
    full = export(office, tmp_path / "usb", full=True)
    assert sum(full.records.values()) == 4


def test_lost_bundle_is_recovered_by_the_next_and_late_one_never_overwrites(office, ministry, tmp_path):
    lost = export(office, tmp_path / "hilang")
    edit_person(office, desa="Jatiwangi")
    edit_person(office, rt="003")
    nxt = export(office, tmp_path / "usb")
    assert nxt.records["spm_beneficiaries"] == 2  # the lost bundle's records travel again
    [out] = importer.import_paths(ministry, nxt.files)
    assert out.status == "imported" and out.gap and out.new == 4
    current = _record(ministry, "spm_beneficiaries", nik=KNOWN_NIK)[0]
    assert current.revision == 3
    [late] = importer.import_paths(ministry, lost.files)
    assert late.status == "imported" and late.updated == 0 and late.new == 0 and late.unchanged == 4
    current = _record(ministry, "spm_beneficiaries", nik=KNOWN_NIK)[0]
    assert current.revision == 3 and json.loads(current.data)["rt"] == "003"
    with ministry.session() as s:  # every revision received is kept
        revs = s.scalars(select(MinistryRevision.revision).where(MinistryRevision.uuid == current.uuid)).all()
    assert sorted(revs) == [1, 3]


def test_parts_are_reassembled_and_a_missing_part_refused(office, ministry, tmp_path):
    result = export(office, tmp_path / "parts", max_part_bytes=2048)
    assert len(result.files) > 1
    assert all(".part" in f.name for f in result.files)
    result.files[-1].rename(tmp_path / "sisa")
    [out] = importer.import_paths(ministry, [tmp_path / "parts"])
    assert out.status == "refused" and "belum lengkap" in out.reason
    (tmp_path / "sisa").rename(result.files[-1])
    [out] = importer.import_paths(ministry, [tmp_path / "parts"])
    assert out.status == "imported" and out.new == 4


def test_bundle_parts_hold_no_personal_data_in_clear(office, tmp_path):
    for limit in (None, 2048):
        result = export(office, tmp_path / f"p{limit}", full=True, max_part_bytes=limit)
        for path in result.files:
            data = path.read_bytes()
            for secret in (KNOWN_NIK, KNOWN_NAME, "Sumiyati", KNOWN_NIK[:12]):
                assert secret.encode() not in data, (path, secret)
                assert secret.encode("utf-16-le") not in data


def test_two_devices_editing_the_same_base_make_a_conflict(office, ministry, tmp_path):
    base = export(office, tmp_path / "base")
    importer.import_paths(ministry, base.files)
    other = copy_office(office, tmp_path / "laptop2")
    try:
        new_device(other)
        edit_person(office, desa="Kadipaten")
        edit_person(other, desa="Sukahaji")
        a = export(office, tmp_path / "a")
        b = export(other, tmp_path / "b")
        assert b.sequence == 1 and b.device_id != a.device_id
        outs = importer.import_paths(ministry, a.files + b.files)
        assert [o.status for o in outs] == ["imported", "imported"]
    finally:
        other.close()
    with ministry.session() as s:
        conflicts = s.scalars(select(MinistryConflict)).all()
        assert len(conflicts) == 1 and conflicts[0].revision == 2
        assert s.scalar(select(func.count()).select_from(MinistryRevision).where(
            MinistryRevision.uuid == conflicts[0].uuid)) == 3
    [shown] = open_conflicts(ministry)
    assert shown["differences"]["desa"] == ["Kadipaten", "Sukahaji"]
    settle(ministry, shown["id"], "Biro Perencanaan")
    assert open_conflicts(ministry) == [] and open_conflicts(ministry, include_settled=True)[0]["settled_by"]
