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


# --- the fast serializer gives what the ORM gives (issue 8) --------------------------------

def _orm_rows(session, model) -> list[dict]:
    """The reference: one ORM object per record, plain() per value (the serializer before issue 8)."""
    from sqlalchemy import inspect as sa_inspect

    from kemensos_desk.services.sync.serialize import _fk_targets, plain

    attrs = [a.key for a in sa_inspect(model).column_attrs]
    targets = _fk_targets(model)
    uuids = {t: dict(session.execute(select(sa_inspect(t).primary_key[0], t.uuid)).all()) for t in set(targets.values())}
    out = []
    for obj in session.scalars(select(model).order_by(model.uuid)):
        data = {k: plain(getattr(obj, k)) for k in attrs}
        refs = {k: uuids[t].get(data[k]) for k, t in targets.items() if data.get(k) is not None}
        out.append({"uuid": obj.uuid, "revision": obj.revision, "deleted": obj.deleted_at is not None,
                    "data": data, "refs": refs})
    return out


def _open_payload(result) -> dict:
    import zlib

    from kemensos_desk.core import bundle_format as bf
    from kemensos_desk.services.sync import crypto, files

    [(_, data, _)] = files.read_bundles(result.files)
    c = bf.unpack(data)
    m = c.manifest
    plain = crypto.open_sealed(crypto.demo_private().x25519, c.envelope,
                               crypto.envelope_aad(m["office_code"], m["device_id"], m["sequence"]))
    return json.loads(zlib.decompress(plain))


def test_payload_rows_equal_the_orm_rows_of_every_kind(tmp_path):
    import datetime as _dt

    from sqlalchemy import text

    from kemensos_desk.core import bundle_format as bf
    from kemensos_desk.services import demo
    from kemensos_desk.services.sync import summaries
    from kemensos_desk.services.sync.serialize import Serializer, synced_kinds
    from kemensos_desk.services.workspace import Workspace
    from kemensos_desk.store.models_dekon import DekonAllocation, DekonAttachment
    from kemensos_desk.store.models_spm import Beneficiary

    ws = Workspace.open(tmp_path / "demo")
    try:
        demo.create_demo(ws, "Rahasia-Uji-2026", year=2026, size="small")
        (ws.data_dir / "attachments").mkdir(exist_ok=True)
        photo = ws.data_dir / "attachments" / "foto.jpg"
        photo.write_bytes(b"\xff\xd8 foto kegiatan")
        with ws.store.session("admin") as s:
            alloc = s.scalars(select(DekonAllocation)).first()
            s.add(DekonAttachment(allocation_id=alloc.id, month=3, original_name="foto.jpg",
                                  stored_path="attachments/foto.jpg", sha256=bf.sha256_hex(photo.read_bytes()),
                                  size=18, caption="Kegiatan"))
            person = s.scalars(select(Beneficiary).order_by(Beneficiary.id)).first()
            person.deleted_at = _dt.datetime(2026, 5, 1, 8, 30)  # a tombstone, whole seconds
        with ws.store.session("admin") as s:  # odd stored values take the long way, with the same result
            s.execute(text("UPDATE spm_beneficiary SET created_at = '2026-01-02 03:04:05', "
                           "notes = CAST('catatan' AS BLOB) WHERE id = (SELECT MAX(id) FROM spm_beneficiary)"))
        result = export(ws, tmp_path / "usb", full=True)
        payload = _open_payload(result)
        with ws.store.session() as s:
            expected = {kind: _orm_rows(s, model) for kind, model in synced_kinds().items()}
            assert Serializer(s).rows(synced_kinds()["spm_beneficiaries"]) == expected["spm_beneficiaries"]
        assert payload["records"] == json.loads(json.dumps(expected))
        assert sorted(payload) == ["attachments", "records", "summaries"]
        assert payload["summaries"] == json.loads(json.dumps(summaries.collect(ws)))
        assert list(payload["attachments"]) == [bf.sha256_hex(photo.read_bytes())]
        assert result.records == {k: len(v) for k, v in expected.items()} and result.tombstones == 1
        assert any(r["refs"] for r in payload["records"]["spm_entitlements"])
        odd = max(payload["records"]["spm_beneficiaries"], key=lambda r: r["data"]["id"])["data"]
        assert odd["created_at"] == "2026-01-02T03:04:05" and odd["notes"] == {"$b64": "Y2F0YXRhbg=="}
    finally:
        ws.close()


def test_pending_rows_and_items_follow_the_receipt(office, tmp_path):
    from kemensos_desk.store.models_spm import Beneficiary
    from kemensos_desk.store.models_sync import SyncAck, SyncBundleItem

    first = export(office, tmp_path / "usb")
    with office.store.session("admin") as s:  # as a receipt would: the first person confirmed
        person = s.scalars(select(Beneficiary).where(Beneficiary.nik == KNOWN_NIK)).one()
        s.add(SyncAck(kind="spm_beneficiaries", uuid=person.uuid, revision=person.revision))
        items = s.execute(select(SyncBundleItem.kind, SyncBundleItem.uuid, SyncBundleItem.revision)).all()
    assert len(items) == sum(first.records.values()) == 4 and ("spm_beneficiaries", person.uuid, 1) in items
    assert pending_count(office) == 3
    second = export(office, tmp_path / "usb")
    assert second.records["spm_beneficiaries"] == 1
    assert person.uuid not in [r["uuid"] for r in _open_payload(second)["records"]["spm_beneficiaries"]]
    edit_person(office, desa="Cigasong")  # a newer revision than the confirmed one travels again
    assert pending_count(office) == 4 and export(office, tmp_path / "usb").records["spm_beneficiaries"] == 2


def test_deflate_stream_and_its_failures():
    import zlib

    from kemensos_desk.services.sync.export import Deflate

    d = Deflate(6)
    for piece in (b'{"a":', b"[1,2,3]", b"}"):
        d.feed(piece)
    assert zlib.decompress(d.finish()) == b'{"a":[1,2,3]}'
    bad = Deflate(6)
    bad.feed("not bytes")  # the worker fails; the caller hears of it, nothing hangs
    with pytest.raises(TypeError):
        bad.finish()
    Deflate(6).close()  # abandoned half-way (an error while reading rows): the worker ends
