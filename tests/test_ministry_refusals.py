"""Every refused bundle is refused with its reason and writes nothing (SQLite and PostgreSQL)."""
from __future__ import annotations

import json

import pytest
from sqlalchemy import func, select

from kemensos_desk.core import bundle_format as bf
from kemensos_desk.core.errors import Refused
from kemensos_desk.ministry import importer, offices
from kemensos_desk.ministry.models import MinistryBundle, MinistryRecord, MinistryRefusal, MinistryRevision
from kemensos_desk.services.sync import crypto, keys
from kemensos_desk.services.sync.files import write_atomic
from kemensos_desk.store.models_sync import InstallationKey

from test_sync_support import ADMIN, copy_office, edit_person, export, make_office, ministry_for, ministry_url


@pytest.fixture(params=["sqlite", "postgresql"])
def ministry(request, tmp_path):
    store = ministry_for(ministry_url(request, request.param, tmp_path))
    yield store
    store.dispose()


@pytest.fixture
def office(tmp_path):
    ws = make_office(tmp_path / "kantor")
    yield ws
    ws.close()


def _written(store) -> tuple[int, int, int]:
    with store.session() as s:
        return tuple(s.scalar(select(func.count()).select_from(m)) for m in (MinistryBundle, MinistryRecord, MinistryRevision))


def _refused(store, path, words: str):
    before = _written(store)
    [out] = importer.import_paths(store, [path])
    assert out.status == "refused", out
    assert words in out.reason, out.reason
    assert _written(store) == before
    return out


def test_tampered_truncated_broken_and_unknown_version_are_refused(office, ministry, tmp_path):
    good = export(office, tmp_path / "usb").files[0]
    data = good.read_bytes()
    bad = tmp_path / "bad"
    bad.mkdir()
    tampered = bytearray(data)
    tampered[-40] ^= 0x01  # inside the encrypted payload
    write_atomic(bad / "ubah-isi.kdsync", bytes(tampered))
    _refused(ministry, bad / "ubah-isi.kdsync", "Hash isi paket")
    manifest_edit = data.replace(b'"sequence":1', b'"sequence":7')
    write_atomic(bad / "ubah-manifes.kdsync", manifest_edit)
    _refused(ministry, bad / "ubah-manifes.kdsync", "Tanda tangan")
    write_atomic(bad / "potong.kdsync", data[: len(data) // 2])
    _refused(ministry, bad / "potong.kdsync", "terpotong")
    write_atomic(bad / "sampah.kdsync", b"PK\x03\x04 bukan paket")
    _refused(ministry, bad / "sampah.kdsync", "bukan paket")
    # a correctly signed bundle of a format this program does not know
    c = bf.unpack(data)
    manifest = {**c.manifest, "format_version": 99}
    signing, _public = keys.installation_key(office)  # the private half is in the key file beside the store
    signed = bf.MAGIC + bf.canonical_json(manifest)
    future = bf.pack(manifest, crypto.sign(signing, signed), c.envelope)
    write_atomic(bad / "masa-depan.kdsync", future)
    _refused(ministry, bad / "masa-depan.kdsync", "Versi format paket 99")
    with ministry.session() as s:
        assert s.scalar(select(func.count()).select_from(MinistryRefusal)) == 5
    [ok] = importer.import_paths(ministry, [good])
    assert ok.status == "imported"


def test_replayed_sequence_with_other_content_is_refused(office, ministry, tmp_path):
    keys.installation_key(office)
    twin = copy_office(office, tmp_path / "kembar")  # same device, same key: a replay of sequence 1
    try:
        first = export(office, tmp_path / "a").files[0]
        edit_person(twin, desa="Lain")
        replay = export(twin, tmp_path / "b").files[0]
    finally:
        twin.close()
    assert importer.import_paths(ministry, [first])[0].status == "imported"
    _refused(ministry, replay, "sudah diterima dengan isi lain")


def test_bundle_for_another_ministry_key_is_refused(office, ministry, tmp_path):
    other = crypto.MinistryKeys.generate()
    keys.set_ministry_key(office, ADMIN, other.public.to_json())
    path = export(office, tmp_path / "usb").files[0]
    _refused(ministry, path, "kunci kementerian lain")


def test_office_key_change_needs_registration(office, ministry, tmp_path):
    assert importer.import_paths(ministry, export(office, tmp_path / "a").files)[0].status == "imported"
    stolen = copy_office(office, tmp_path / "curian")  # the old laptop keeps the old key
    try:
        with office.store.session("admin") as s:  # the office gets a new key
            s.scalars(select(InstallationKey)).one().retired_at = s.scalars(select(InstallationKey)).one().created_at
        edit_person(office, desa="Baru")
        fresh = export(office, tmp_path / "b").files[0]
        _refused(ministry, fresh, "berubah tanpa pendaftaran")
        pub = tmp_path / "kantor.pub"
        pub.write_text(json.dumps(keys.office_public_file(office)))
        with pytest.raises(Refused):
            offices.accept_key(ministry, "32.11", pub)
        offices.accept_key(ministry, "32.10", pub)
        assert importer.import_paths(ministry, [fresh])[0].status == "imported"
        edit_person(stolen, desa="Curian")
        old = export(stolen, tmp_path / "c").files[0]
    finally:
        stolen.close()
    _refused(ministry, old, "berubah tanpa pendaftaran")
