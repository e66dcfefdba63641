"""Importing office bundles, all or nothing per bundle.

Checks run before anything is written (structure, signature, registered office key,
recipient key, payload hash, replayed sequence, decryption); then one transaction writes
the bundle, every revision it carries, the newest revision per record, conflicts,
module summaries and the quarters it approves. A refusal is logged with its reason
(for the office's next receipt) and writes nothing else.
"""
from __future__ import annotations

import datetime as _dt
import json
import zlib
from dataclasses import asdict, dataclass
from pathlib import Path

from sqlalchemy import func, select

from kemensos_desk.core import bundle_format as bf
from kemensos_desk.core.i18n import Message
from kemensos_desk.ministry import approvals
from kemensos_desk.ministry.models import (
    MinistryAttachment, MinistryBundle, MinistryConflict, MinistryOffice, MinistryPeriod, MinistryRecord, MinistryRefusal,
    MinistryRevision, MinistrySummary,
)
from kemensos_desk.ministry.store import MinistryStore
from kemensos_desk.services.sync import crypto, files
from kemensos_desk.store.base import utcnow


@dataclass
class ImportOutcome:
    file: str
    office: str | None
    sequence: int | None
    status: str  # imported | unchanged | refused
    reason: str | None = None
    new: int = 0
    updated: int = 0
    unchanged: int = 0
    gap: bool = False

    def to_json(self) -> dict:
        return asdict(self)


class _Refuse(Exception):
    def __init__(self, text: str, **params):
        super().__init__(str(Message(text, **params)))


def import_paths(store: MinistryStore, paths: list[Path], *, now: _dt.datetime | None = None,
                 progress=None) -> list[ImportOutcome]:
    """``progress(done, total, name)``, if given, is called before each bundle; a true
    answer stops there (the GUI's Batal): the bundles already imported stay imported."""
    keys = store.keys()
    outcomes = []
    items = files.read_bundles([Path(p) for p in paths])
    for i, (name, data, error) in enumerate(items):
        if progress is not None and progress(i, len(items), name):
            break
        if data is None:
            outcomes.append(_refused(store, name, None, str(Message(error or "Berkas tidak terbaca."))))
            continue
        outcomes.append(import_bytes(store, keys, name, data, now=now))
    return outcomes


def _refused(store: MinistryStore, name: str, manifest: dict | None, reason: str, digest: str | None = None) -> ImportOutcome:
    m = manifest or {}
    with store.session() as s:
        s.add(MinistryRefusal(file=name, office_code=_str(m.get("office_code")), device_id=_str(m.get("device_id")),
                              sequence=m.get("sequence") if isinstance(m.get("sequence"), int) else None,
                              sha256=digest, reason=reason))
    return ImportOutcome(name, _str(m.get("office_code")), m.get("sequence"), "refused", reason)


def _str(value):
    return str(value)[:36] if value is not None else None


def import_bytes(store: MinistryStore, keys: crypto.MinistryKeys, name: str, data: bytes, *,
                 now: _dt.datetime | None = None) -> ImportOutcome:
    digest = bf.sha256_hex(data)
    manifest = None
    try:
        try:
            container = bf.unpack(data)
        except bf.BundleFormatError as exc:
            raise _Refuse(exc.reason, **exc.params) from None
        manifest = container.manifest
        payload = _check(store, keys, container, digest)
    except _Refuse as exc:
        return _refused(store, name, manifest, str(exc), digest)
    if payload is None:
        return ImportOutcome(name, manifest["office_code"], manifest["sequence"], "unchanged",
                             unchanged=sum(manifest["counts"].values()))
    return _write(store, name, manifest, digest, payload, now or utcnow())


def _check(store: MinistryStore, keys: crypto.MinistryKeys, container: bf.Container, digest: str) -> dict | None:
    """Every refusal reason, before any write; None = this very bundle is already imported."""
    m = container.manifest
    try:
        office_key = crypto.unb64(m["office_key"])
    except (ValueError, TypeError):
        raise _Refuse("Kunci kantor di manifes rusak.") from None
    if not crypto.verify(office_key, container.signature, container.signed_bytes):
        raise _Refuse("Tanda tangan paket tidak sah (paket diubah atau rusak).")
    with store.session() as s:
        office = s.get(MinistryOffice, m["office_code"])
        if office is not None and office.public_key != m["office_key"]:
            raise _Refuse("Kunci kantor {code} berubah tanpa pendaftaran; daftarkan kunci barunya dengan "
                          "'ministry accept-key' bila memang sah.", code=m["office_code"])
        existing = s.scalars(select(MinistryBundle).where(
            MinistryBundle.office_code == m["office_code"], MinistryBundle.device_id == m["device_id"],
            MinistryBundle.sequence == m["sequence"])).first()
        if existing is not None:
            if existing.sha256 == digest:
                return None
            raise _Refuse("Nomor urut {seq} perangkat ini sudah diterima dengan isi lain; paket ditolak (diputar ulang?).",
                          seq=m["sequence"])
    if m["recipient_key_id"] != keys.public.key_id:
        raise _Refuse("Paket dienkripsi untuk kunci kementerian lain ({key}), bukan kunci basis data ini.",
                      key=m["recipient_key_id"])
    if bf.sha256_hex(container.envelope) != m["payload_hash"]:
        raise _Refuse("Hash isi paket berbeda dari manifes (paket diubah atau rusak).")
    plain = crypto.open_sealed(keys.x25519, container.envelope,
                               crypto.envelope_aad(m["office_code"], m["device_id"], m["sequence"]))
    if plain is None:
        raise _Refuse("Isi paket tidak dapat didekripsi dengan kunci kementerian ini.")
    try:
        payload = json.loads(zlib.decompress(plain).decode("utf-8"))
        if not isinstance(payload.get("records"), dict):
            raise ValueError
    except (zlib.error, ValueError, UnicodeDecodeError, AttributeError):
        raise _Refuse("Isi paket rusak setelah didekripsi.") from None
    return payload


def _write(store: MinistryStore, name: str, m: dict, digest: str, payload: dict, now: _dt.datetime) -> ImportOutcome:
    code, device = m["office_code"], m["device_id"]
    out = ImportOutcome(name, code, m["sequence"], "imported")
    with store.session() as s:
        office = s.get(MinistryOffice, code)
        if office is None:  # first bundle: the office's key is registered on first use
            office = MinistryOffice(code=code, name=m["office_name"], level=m["level"], office_id=m["office_id"],
                                    public_key=m["office_key"], is_demo=bool(m["is_demo"]), first_seen=now,
                                    key_registered_at=now)
            s.add(office)
        else:
            office.name, office.level, office.is_demo = m["office_name"], m["level"], bool(m["is_demo"])
        lower = s.scalar(select(func.count()).select_from(MinistryBundle).where(
            MinistryBundle.office_code == code, MinistryBundle.device_id == device,
            MinistryBundle.sequence < m["sequence"])) or 0
        out.gap = lower < m["sequence"] - 1
        bundle = MinistryBundle(office_code=code, device_id=device, sequence=m["sequence"], sha256=digest,
                                previous_hash=m["previous_hash"], file=name[:255], created_at=m["created_at"],
                                imported_at=now, full=bool(m["full"]), counts=json.dumps(m["counts"]),
                                gap_before=out.gap)
        s.add(bundle)
        s.flush()
        _records(s, code, device, bundle.id, payload["records"], out)
        bundle.new, bundle.updated, bundle.unchanged = out.new, out.updated, out.unchanged
        for module, data in (payload.get("summaries") or {}).items():
            row = s.get(MinistrySummary, (code, module))
            if row is None:
                s.add(MinistrySummary(office_code=code, module=module, data=json.dumps(data), bundle_created_at=m["created_at"]))
            elif row.bundle_created_at <= m["created_at"]:  # a late, older bundle never replaces newer figures
                row.data, row.bundle_created_at = json.dumps(data), m["created_at"]
        for digest, text in (payload.get("attachments") or {}).items():
            if s.get(MinistryAttachment, (code, digest)) is None:
                content = crypto.unb64(text)
                s.add(MinistryAttachment(office_code=code, sha256=digest, size=len(content), content=content))
        for year, quarter in approvals.approved_quarters(payload["records"]):
            if s.get(MinistryPeriod, (code, year, quarter)) is None:
                s.add(MinistryPeriod(office_code=code, year=year, quarter=quarter, received_at=now, bundle_id=bundle.id))
    return out


def _records(s, code: str, device: str, bundle_id: int, records: dict, out: ImportOutcome) -> None:
    current = {(r.kind, r.uuid): r for r in s.scalars(select(MinistryRecord).where(MinistryRecord.office_code == code))}
    known = {(k, u, r, d): data for k, u, r, d, data in s.execute(
        select(MinistryRevision.kind, MinistryRevision.uuid, MinistryRevision.revision, MinistryRevision.device_id,
               MinistryRevision.data).where(MinistryRevision.office_code == code)).all()}
    same_rev: dict[tuple, list[tuple[str, str]]] = {}
    for (k, u, r, d), data in known.items():
        same_rev.setdefault((k, u, r), []).append((d, data))
    new_revisions, new_records = [], {}
    for kind, rows in records.items():
        for row in rows:
            uuid, rev = row["uuid"], int(row["revision"])
            data = json.dumps(row.get("data", {}), ensure_ascii=False, sort_keys=True)
            refs = json.dumps(row.get("refs", {}), sort_keys=True)
            deleted = bool(row.get("deleted"))
            if (kind, uuid, rev, device) not in known:
                for other_device, other_data in same_rev.get((kind, uuid, rev), []):
                    if other_device != device and other_data != data:
                        s.add(MinistryConflict(office_code=code, kind=kind, uuid=uuid, revision=rev,
                                               device_a=other_device, device_b=device))
                new_revisions.append({"office_code": code, "kind": kind, "uuid": uuid, "revision": rev,
                                      "device_id": device, "bundle_id": bundle_id, "deleted": deleted,
                                      "data": data, "refs": refs})
                known[(kind, uuid, rev, device)] = data
            cur = current.get((kind, uuid))
            if cur is None:
                fresh = {"office_code": code, "kind": kind, "uuid": uuid, "revision": rev, "device_id": device,
                         "deleted": deleted, "data": data, "refs": refs}
                new_records[(kind, uuid)] = fresh
                current[(kind, uuid)] = _Fresh(fresh)
                out.new += 1
            elif rev > cur.revision:
                cur.revision, cur.device_id, cur.deleted, cur.data, cur.refs = rev, device, deleted, data, refs
                out.updated += 1
            else:
                out.unchanged += 1
    # Core inserts in batches: a first bundle carries thousands of rows.
    if new_records:
        s.execute(MinistryRecord.__table__.insert(), list(new_records.values()))
    if new_revisions:
        s.execute(MinistryRevision.__table__.insert(), new_revisions)


class _Fresh:
    """A record inserted in this same bundle (a bundle carries one revision per record)."""

    def __init__(self, row: dict):
        self.__dict__["_row"] = row

    def __getattr__(self, name):
        return self._row[name]

    def __setattr__(self, name, value):
        self._row[name] = value
