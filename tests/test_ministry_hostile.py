"""Hostile and damaged bundles (issue 13 items 5, 7, 10): refused with a worded reason before
the database is touched, one bad file never stops a folder, bounded memory."""
from __future__ import annotations

import sys
from pathlib import Path

import pytest
from sqlalchemy import func, select

from kemensos_desk.core import bundle_schema
from kemensos_desk.ministry import importer, receipts
from kemensos_desk.ministry.models import MinistryBundle, MinistryRefusal, MinistryRevision
from kemensos_desk.services.sync import crypto

sys.path.insert(0, str(Path(__file__).resolve().parent / "fault"))

from bundle_forge import forge  # noqa: E402
from hostile import MIB, _measure, make_all  # noqa: E402
from test_sync_support import ministry_for, ministry_url  # noqa: E402


@pytest.fixture(params=["sqlite", "postgresql"])
def ministry(request, tmp_path):
    store = ministry_for(ministry_url(request, request.param, tmp_path))
    yield store
    store.dispose()


def _written(store):
    with store.session() as s:
        return tuple(s.scalar(select(func.count()).select_from(m)) for m in (MinistryBundle, MinistryRevision))


def test_every_hostile_file_is_refused_with_its_reason_and_the_folder_goes_on(ministry, tmp_path):
    office_key = crypto.new_signing_key()
    first = importer.import_bytes(ministry, ministry.keys(), "awal", forge(crypto.demo_public(), office_key,
                                                                           demo=True, sequence=100))
    assert first.status == "imported"
    made = make_all(tmp_path / "masuk", crypto.demo_public(), office_key, bomb_bytes=64 * MIB)
    (tmp_path / "masuk" / "zz-baik.kdsync").write_bytes(forge(crypto.demo_public(), office_key, demo=True, sequence=101))
    before = _written(ministry)
    outcomes = {o.file: o for o in importer.import_paths(ministry, [tmp_path / "masuk"])}
    assert outcomes["zz-baik.kdsync"].status == "imported"  # the good file after the bad ones
    hostile = {name: outcomes.get(name) or outcomes.get("x.kdsync") for name in made}
    for name, out in hostile.items():
        assert out is not None and out.status == "refused", (name, out)
        assert out.reason and len(out.reason) <= bundle_schema.MAX_REASON and "Traceback" not in out.reason
    assert "lebih besar" in hostile["bom-kecil.kdsync"].reason
    assert "Manifes" in hostile["dalam.kdsync"].reason and "tipe" not in hostile["dalam.kdsync"].reason
    assert "'sequence'" in hostile["tipe-urut.kdsync"].reason
    assert "'created_at'" in hostile["tipe-waktu.kdsync"].reason
    assert "'records'" in hostile["records-angka.kdsync"].reason
    assert "'attachments'" in hostile["lampiran-rusak.kdsync"].reason
    assert "office_code" in hostile["kode-palsu.kdsync"].reason
    assert _written(ministry)[0] == before[0] + 1
    with ministry.session() as s:
        reasons = s.scalars(select(MinistryRefusal.reason)).all()
        assert reasons and max(len(r) for r in reasons) <= bundle_schema.MAX_REASON
    receipts.write_receipts(ministry, tmp_path / "tt")  # still one receipt per office


def test_a_damaged_copy_of_an_imported_bundle_is_called_damaged_not_a_replay(ministry):
    key = crypto.new_signing_key()
    data = forge(crypto.demo_public(), key, demo=True)
    assert importer.import_bytes(ministry, ministry.keys(), "a", data).status == "imported"
    damaged = bytearray(data)
    damaged[-30] ^= 0x04
    out = importer.import_bytes(ministry, ministry.keys(), "salinan", bytes(damaged))
    assert out.status == "refused" and "rusak" in out.reason and "diputar ulang" not in out.reason
    assert importer.import_bytes(ministry, ministry.keys(), "lagi", data).status == "unchanged"


def test_a_zlib_bomb_stays_far_below_300_mib(tmp_path):
    """The campaign's re-signed 1 MB -> 1 GiB bomb, in a fresh process (VmHWM)."""
    from kemensos_desk.ministry import store as mstore

    db = str(tmp_path / "k.sqlite")
    store = ministry_for(db)
    key = crypto.new_signing_key()
    assert importer.import_bytes(store, store.keys(), "a", forge(crypto.demo_public(), key, demo=True)).status == "imported"
    store.dispose()
    made = make_all(tmp_path / "x", crypto.demo_public(), key, bomb_bytes=1024 * MIB)
    for name in ("bom-jujur.kdsync", "hitungan.kdsync.part01-of-02"):
        mib, _seconds, code = _measure(made[name], db)
        assert code == 1 and mib < 300, (name, mib)
    assert mstore.open_store(db)  # still a good store
