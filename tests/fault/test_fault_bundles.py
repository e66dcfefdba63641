"""Bundle mutants against the ministry importer (issue 13): bytes flipped, cut or inserted;
manifest fields replaced with hostile values and re-signed with a registered test office
key; payloads replaced and re-sealed; part headers rewritten. Every mutant must come back
as a worded refusal (or, for a field an office may legitimately change, an import):
never an exception, never a changed store after a refusal, never a must-refuse mutant
imported."""
from __future__ import annotations

import json
import struct
import tempfile
import zlib
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from sqlalchemy import func, select

from bundle_forge import forge, resign, row
from conftest import scale
from kemensos_desk.core import bundle_format as bf
from kemensos_desk.ministry import importer
from kemensos_desk.ministry import store as mstore
from kemensos_desk.ministry.models import MinistryBundle, MinistryRevision
from kemensos_desk.services.sync import crypto

KEY = crypto.new_signing_key()  # the registered test office's key
DEVICE = "f" * 36
# Changing these must be refused: they bind the envelope, the signature or the payload.
MUST_REFUSE = ("sequence", "device_id", "office_code", "payload_hash", "payload_size", "recipient_key_id",
               "office_key", "format_version", "counts")
MAY_CHANGE = ("office_name", "created_at", "is_demo", "full", "app_version", "schema_version", "previous_hash",
              "level", "region_code", "enrolment", "plain_size", "office_id")
SETTINGS = dict(deadline=None, database=None, derandomize=True,
                suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow,
                                       HealthCheck.data_too_large])

hostile_json = st.recursive(
    st.none() | st.booleans() | st.integers(min_value=-(2 ** 70), max_value=2 ** 70) | st.floats(allow_nan=False)
    | st.text(max_size=40) | st.sampled_from(["", "x" * 300, "../../../x", "99/99", "7", "32.10", "\x1b[31m"]),
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=8), inner, max_size=4),
    max_leaves=12)


@pytest.fixture(scope="module")
def ministry(tmp_path_factory):
    db = str(tmp_path_factory.mktemp("mutan") / "kementerian.sqlite")
    mstore.init(db, crypto.demo_key_file())
    store = mstore.open_store(db)
    first = importer.import_bytes(store, store.keys(), "daftar", forge(crypto.demo_public(), KEY, demo=True,
                                                                      device=DEVICE, sequence=10 ** 6))
    assert first.status == "imported"
    yield store
    store.dispose()


@pytest.fixture(scope="module")
def base() -> bytes:
    records = {"people": [row(name=f"Orang {i}", nik="3210014507850003") for i in range(5)], "other": []}
    return forge(crypto.demo_public(), KEY, records, demo=True, device=DEVICE, sequence=1)


def _state(store) -> tuple[int, int]:
    with store.session() as s:
        return (s.scalar(select(func.count()).select_from(MinistryBundle)),
                s.scalar(select(func.count()).select_from(MinistryRevision)))


def _import(store, items: list[tuple[str, bytes]]):
    """Through the files, as ``ministry import FOLDER`` reads them."""
    with tempfile.TemporaryDirectory(prefix="kd-mutan-") as folder:
        for name, data in items:
            (Path(folder) / name).write_bytes(data)
        return importer.import_paths(store, [Path(folder)])


def _try(store, name: str, data: bytes, results, campaign: str, *, must_refuse: bool) -> None:
    before = _state(store)
    try:
        [out] = _import(store, [(name, data)])
    except Exception:
        results(campaign, trials=1, crashes=1)
        raise
    accepted = int(must_refuse and out.status == "imported")
    partial = int(out.status in ("refused", "pending", "unchanged") and _state(store) != before)
    worded = bool(out.reason) if out.status in ("refused", "pending") else True
    results(campaign, trials=1, accepted=accepted, crashes=int(not worded), partial=partial)
    assert out.status in ("refused", "pending", "unchanged", "imported")
    assert worded and not accepted and not partial, out


@settings(max_examples=scale(120, 4000), **SETTINGS)
@given(data=st.data())
def test_byte_mutants_are_refused(ministry, base, results, data):
    blob = bytearray(base)
    for _ in range(data.draw(st.integers(1, 4))):
        how = data.draw(st.sampled_from(["flip", "cut", "insert", "delete", "zero"]))
        at = data.draw(st.integers(0, len(blob) - 1))
        if how == "flip":
            blob[at] ^= 1 << data.draw(st.integers(0, 7))
        elif how == "cut":
            del blob[at:]
        elif how == "insert":
            blob[at:at] = data.draw(st.binary(min_size=1, max_size=16))
        elif how == "delete":
            del blob[at:at + data.draw(st.integers(1, 16))]
        else:
            blob[at:at + 8] = bytes(len(blob[at:at + 8]))
        if not blob:
            blob = bytearray(b"\x00")
    if bytes(blob) == base:
        return
    _try(ministry, "bita.kdsync", bytes(blob), results, "mutan bita (tanpa tanda tangan ulang)", must_refuse=True)


@settings(max_examples=scale(120, 4000), **SETTINGS)
@given(field=st.sampled_from(MUST_REFUSE + MAY_CHANGE), value=hostile_json)
def test_resigned_manifest_mutants(ministry, base, results, field, value):
    original = bf.unpack(base).manifest
    if original.get(field) == value or (field == "format_version" and value in (1, 2)):
        return
    mutant = resign(base, KEY, **{field: value})
    _try(ministry, "tanda-ulang.kdsync", mutant, results, "mutan manifes ditandatangani ulang",
         must_refuse=field in MUST_REFUSE and not (field == "counts" and value == original["counts"]))


@settings(max_examples=scale(80, 1500), **SETTINGS)
@given(records=hostile_json, extra=st.sampled_from(["none", "attachments", "summaries", "bytes"]),
       seq=st.integers(2, 10 ** 5))
def test_resealed_payload_mutants(ministry, results, records, extra, seq):
    payload = {"attachments": {}, "records": records, "summaries": {}}
    if extra == "attachments":
        payload["attachments"] = {"0" * 64: records} if not isinstance(records, str) else {"1" * 64: records}
    elif extra == "summaries":
        payload["summaries"] = records
    plain = (bf.canonical_json(payload) if extra != "bytes" else bf.canonical_json(payload)[: seq % 50])
    counts = {k: len(v) for k, v in records.items() if isinstance(v, list)} if isinstance(records, dict) else {}
    counts = {k: v for k, v in counts.items() if isinstance(k, str) and 0 < len(k) <= 64}
    mutant = forge(crypto.demo_public(), KEY, plain=plain, counts=counts, demo=True, device=DEVICE, sequence=seq)
    # a payload of the right shape is a legitimate bundle of the registered office
    _try(ministry, "isi.kdsync", mutant, results, "mutan isi disegel ulang", must_refuse=False)


@settings(max_examples=scale(60, 1000), **SETTINGS)
@given(field=st.sampled_from(["bundle", "index", "count", "sha256"]), value=hostile_json)
def test_part_header_mutants(ministry, base, results, field, value):
    parts = bf.split("paket.kdsync", base, 1024)
    header, piece = bf.read_part(parts[0][1])
    text = json.dumps({**header, field: value}).encode()[:65535]
    mutant = bf.PART_MAGIC + struct.pack(">H", len(text)) + text + piece
    before = _state(ministry)
    try:
        outs = _import(ministry, [(parts[0][0], mutant)] + parts[1:])
    except Exception:
        results("mutan kepala bagian", trials=1, crashes=1)
        raise
    changed = _state(ministry) != before and not any(o.status == "imported" for o in outs)
    results("mutan kepala bagian", trials=1, partial=int(changed),
            crashes=int(not all(o.reason for o in outs if o.status == "refused")))
    assert not changed


def test_unregistered_keys_wait_or_are_refused(ministry, results):
    """Mutants from a stranger's key for real offices: never imported, never registered."""
    stranger = crypto.new_signing_key()
    n = scale(20, 500)
    for i in range(n):
        code = ("32.11", "14.01", "91.01", "32", "11.01")[i % 5]
        level = "provinsi" if code == "32" else "kabupaten"
        data = forge(crypto.demo_public(), stranger, code=code, level=level, sequence=i + 1,
                     compressed=zlib.compress(b"{}") if i % 3 == 0 else None)
        _try(ministry, "asing.kdsync", data, results, "kunci asing, kantor belum terdaftar", must_refuse=True)
