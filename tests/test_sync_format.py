"""The pure container format, crypto round trip, and attachments gathered generically."""
from __future__ import annotations

import pytest

from kemensos_desk.core import bundle_format as bf
from kemensos_desk.services.sync import crypto
from kemensos_desk.services.sync.export import attachments_of


def _manifest(**over):
    m = {k: None for k in bf.MANIFEST_KEYS}
    m.update(format_version=1, payload_size=5, counts={}, sequence=1)
    m.update(over)
    return m


def test_pack_unpack_and_structural_refusals():
    data = bf.pack(_manifest(), b"s" * 64, b"12345")
    c = bf.unpack(data)
    assert c.envelope == b"12345" and c.signature == b"s" * 64 and c.signed_bytes == bf.signed_part(_manifest())
    with pytest.raises(bf.BundleFormatError, match="terpotong"):
        bf.unpack(data[:-1])
    with pytest.raises(bf.BundleFormatError, match="bukan paket"):
        bf.unpack(b"hello world, not a bundle")
    with pytest.raises(bf.BundleFormatError, match="tidak dikenal"):
        bf.unpack(bf.pack(_manifest(format_version=99), b"s" * 64, b"12345"))
    incomplete = _manifest()
    del incomplete["office_key"]
    with pytest.raises(bf.BundleFormatError, match="tidak lengkap"):
        bf.unpack(bf.pack(incomplete, b"s" * 64, b"12345"))


def test_split_and_join_in_any_order():
    data = bytes(range(256)) * 40
    parts = bf.split("x.kdsync", data, 2048)
    assert len(parts) > 1 and parts[0][0] == "x.kdsync.part01-of-%02d" % len(parts)
    read = [bf.read_part(chunk) for _, chunk in reversed(parts)]
    assert bf.join(read) == data
    with pytest.raises(bf.BundleFormatError, match="kurang bagian 2"):
        bf.join([(h, piece) for h, piece in read if h["index"] != 2])
    assert bf.split("x.kdsync", b"small", 2048) == [("x.kdsync", b"small")]


def test_seal_open_and_wrong_key_or_context():
    keys, other = crypto.MinistryKeys.generate(), crypto.MinistryKeys.generate()
    sealed = crypto.seal(keys.public.x25519, b"rahasia", b"32.10|dev|1")
    assert crypto.open_sealed(keys.x25519, sealed, b"32.10|dev|1") == b"rahasia"
    assert crypto.open_sealed(other.x25519, sealed, b"32.10|dev|1") is None
    assert crypto.open_sealed(keys.x25519, sealed, b"32.10|dev|2") is None  # moved into another bundle
    assert crypto.MinistryPublic.from_json(keys.public.to_json()).key_id == keys.public.key_id


def test_attachments_travel_by_hash_and_only_when_intact(tmp_path):
    (tmp_path / "attachments").mkdir()
    photo = tmp_path / "attachments" / "foto.jpg"
    photo.write_bytes(b"\xff\xd8 foto kegiatan")
    good = bf.sha256_hex(photo.read_bytes())
    rows = {"dekon_attachments": [
        {"uuid": "a", "deleted": False, "data": {"stored_path": "attachments/foto.jpg", "sha256": good}},
        {"uuid": "b", "deleted": False, "data": {"stored_path": "attachments/foto.jpg", "sha256": "0" * 64}},
        {"uuid": "c", "deleted": False, "data": {"stored_path": "../../etc/passwd", "sha256": "1" * 64}},
        {"uuid": "d", "deleted": True, "data": {"stored_path": "attachments/hilang.jpg", "sha256": "2" * 64}},
    ]}
    found = attachments_of(tmp_path, rows)
    assert list(found) == [good] and crypto.unb64(found[good]) == photo.read_bytes()
