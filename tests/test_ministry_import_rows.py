"""The importer's row rules on handcrafted bundles (SQLite and PostgreSQL): new / updated /
unchanged counts, the record pointing at its newest revision, late lower revisions,
duplicates inside one bundle, conflicts between devices, and the store's schema version."""
from __future__ import annotations

import json
import uuid as _uuid
import zlib

import pytest
from sqlalchemy import delete, select

from kemensos_desk.core import bundle_format as bf
from kemensos_desk.core.errors import EnvironmentProblem
from kemensos_desk.ministry import bulk, importer, store as mstore
from kemensos_desk.ministry.conflicts import open_conflicts
from kemensos_desk.ministry.models import MinistryConfig, MinistryConflict, MinistryRecord, MinistryRevision
from kemensos_desk.services.sync import crypto

from test_sync_support import DEMO_KEY_FILE, ministry_for, ministry_url

CODE = "32.10"


@pytest.fixture(params=["sqlite", "postgresql"])
def ministry(request, tmp_path):
    store = ministry_for(ministry_url(request, request.param, tmp_path))
    yield store
    store.dispose()


class Device:
    """An office device sealing bundles for the demo ministry key (one signing key per office)."""

    signing = crypto.new_signing_key()

    def __init__(self):
        self.id, self.sequence, self.previous = str(_uuid.uuid4()), 0, None

    def bundle(self, records: dict, sequence: int | None = None) -> bytes:
        self.sequence = sequence or self.sequence + 1
        ministry = crypto.demo_public()
        payload = {"records": records, "summaries": {}, "attachments": {}}
        envelope = crypto.seal(ministry.x25519, zlib.compress(bf.canonical_json(payload)),
                               crypto.envelope_aad(CODE, self.id, self.sequence))
        manifest = {
            "format_version": 1, "schema_version": "x", "app_version": "test", "office_id": "o", "office_code": CODE,
            "office_name": "Dinas Sosial Kabupaten Majalengka", "level": "kabupaten", "region_code": CODE,
            "is_demo": True, "device_id": self.id, "sequence": self.sequence, "previous_hash": self.previous,
            "created_at": f"2026-0{min(self.sequence, 9)}-01T00:00:00Z", "full": False,
            "counts": {k: len(v) for k, v in records.items()}, "payload_hash": bf.sha256_hex(envelope),
            "payload_size": len(envelope), "recipient_key_id": ministry.key_id,
            "office_key": crypto.b64(crypto.public_raw(self.signing)),
        }
        blob = bf.pack(manifest, crypto.sign(self.signing, bf.signed_part(manifest)), envelope)
        self.previous = bf.sha256_hex(blob)
        return blob


def row(uuid, revision, **data):
    return {"uuid": uuid, "revision": revision, "deleted": False, "data": {"uuid": uuid, **data}, "refs": {"x": 1}}


def load(store, data: bytes):
    return importer.import_bytes(store, store.keys(), "paket", data)


def current(store, kind="people") -> dict:
    with store.session() as s:
        rows = s.scalars(select(MinistryRecord).where(MinistryRecord.kind == kind)).all()
        every = set(s.scalars(select(MinistryRevision.uuid).where(MinistryRevision.kind == kind)))
    assert sorted(r.uuid for r in rows) == sorted(every)  # exactly one current revision per record
    return {r.uuid: (r.revision, json.loads(r.data), json.loads(r.refs)) for r in rows}


def test_counts_updates_late_revisions_and_duplicates(ministry):
    dev = Device()
    first = load(ministry, dev.bundle({"people": [row("a", 1, name="A"), row("b", 1, name="B")], "other": []}))
    assert (first.status, first.new, first.updated, first.unchanged) == ("imported", 2, 0, 0)
    # b updated, a unchanged, c new twice in the same bundle (the higher revision wins).
    second = load(ministry, dev.bundle({"people": [row("a", 1, name="A"), row("b", 3, name="B3"),
                                                   row("c", 1, name="C1"), row("c", 2, name="C2")]}))
    assert (second.new, second.updated, second.unchanged) == (1, 2, 1)
    now = current(ministry)
    assert now["a"][:2] == (1, {"uuid": "a", "name": "A"}) and now["a"][2] == {"x": 1}
    assert now["b"][:2] == (3, {"uuid": "b", "name": "B3"})
    assert now["c"][:2] == (2, {"uuid": "c", "name": "C2"})
    # A late bundle with a lower revision is kept as a revision but never becomes current.
    late = load(ministry, dev.bundle({"people": [row("b", 2, name="B2")]}))
    assert (late.new, late.updated, late.unchanged) == (0, 0, 1)
    assert current(ministry)["b"][:2] == (3, {"uuid": "b", "name": "B3"})
    with ministry.session() as s:
        revs = sorted(s.scalars(select(MinistryRevision.revision).where(MinistryRevision.uuid == "b")))
    assert revs == [1, 2, 3]


def test_same_revision_from_two_devices_conflicts_only_when_it_differs(ministry):
    one, two = Device(), Device()
    load(ministry, one.bundle({"people": [row("a", 1, name="A"), row("b", 1, name="B")]}))
    out = load(ministry, two.bundle({"people": [row("a", 1, name="A"), row("b", 1, name="B lain")]}))
    assert (out.new, out.updated, out.unchanged) == (0, 0, 2)
    [conflict] = open_conflicts(ministry)
    assert (conflict["uuid"], conflict["device_a"], conflict["device_b"]) == ("b", one.id, two.id)
    assert conflict["differences"] == {"name": ["B", "B lain"]}
    assert current(ministry)["b"][1]["name"] == "B"  # the first one received stays current
    again = load(ministry, two.bundle({"people": [row("b", 1, name="B lain")]}))  # already known: no new conflict
    assert again.unchanged == 1
    with ministry.session() as s:
        assert len(s.scalars(select(MinistryConflict)).all()) == 1


def test_a_big_integer_survives_and_text_is_canonical_json():
    assert bulk.dumps({"b": 2**70, "a": "é"}) == '{"a":"é","b":1180591620717411303424}'
    assert bulk.dumps({"b": [1.5, None], "a": True}) == '{"a":true,"b":[1.5,null]}'
    assert bulk.same_data('{"a": 1, "b": "x"}', '{"a":1,"b":"x"}') and not bulk.same_data('{"a": 2}', '{"a":1}')


def test_a_store_of_another_schema_version_is_refused(tmp_path):
    url = str(tmp_path / "lama.sqlite")
    ministry_for(url).dispose()
    store = mstore.open_store(url)
    with store.session() as s:  # what a store made before the version was recorded looks like
        s.execute(delete(MinistryConfig).where(MinistryConfig.key == "schema_version"))
    store.dispose()
    with pytest.raises(EnvironmentProblem, match="versi lain"):
        mstore.open_store(url)
    with pytest.raises(EnvironmentProblem, match="versi lain"):
        mstore.init(url, DEMO_KEY_FILE)
