"""Importing office bundles, all or nothing per bundle.

Checks run before anything is written (structure, signature, registered office key,
recipient key, payload hash, replayed sequence, decryption); then one transaction writes
the bundle, every revision it carries (the newest per record flagged current; see
``bulk``), conflicts, module summaries and the quarters it approves. A refusal is logged with its reason
(for the office's next receipt) and writes nothing else.
"""
from __future__ import annotations

import datetime as _dt
import json
from dataclasses import asdict, dataclass
from pathlib import Path

import orjson
from sqlalchemy import func, insert, select, update
from sqlalchemy.exc import DataError, IntegrityError

from kemensos_desk.core import bundle_format as bf
from kemensos_desk.core import bundle_schema as schema
from kemensos_desk.core.collector import gc_paused
from kemensos_desk.core.errors import EnvironmentProblem
from kemensos_desk.core.i18n import Message
from kemensos_desk.ministry import approvals, bulk, enrolment
from kemensos_desk.ministry.models import (
    MinistryAttachment, MinistryBundle, MinistryOffice, MinistryPeriod, MinistryRefusal, MinistrySummary,
)
from kemensos_desk.ministry.store import MinistryStore
from kemensos_desk.services.sync import crypto, files
from kemensos_desk.store.base import utcnow


@dataclass
class ImportOutcome:
    file: str
    office: str | None
    sequence: int | None
    status: str  # imported | unchanged | refused | pending (first bundle waiting for accept-key)
    reason: str | None = None
    new: int = 0
    updated: int = 0
    unchanged: int = 0
    gap: bool = False
    fingerprint: str | None = None  # of the office key, when pending

    def to_json(self) -> dict:
        return asdict(self)


class _Refuse(Exception):
    def __init__(self, text: str, **params):
        super().__init__(str(Message(text, **params)))


class _Pending(Exception):
    """A first bundle that passed every check but its office has not proved its enrolment."""


def import_paths(store: MinistryStore, paths: list[Path], *, now: _dt.datetime | None = None,
                 progress=None) -> list[ImportOutcome]:
    """``progress(done, total, name)``, if given, is called before each bundle; a true
    answer stops there (the GUI's Batal): the bundles already imported stay imported.
    One bad file never stops the others: anything it raises short of the database
    failing becomes that file's refusal."""
    keys = store.keys()
    outcomes = []
    paths = [Path(p) for p in paths]
    items = files.read_bundles(paths)
    for i, (name, data, error) in enumerate(items):
        if progress is not None and progress(i, len(items), name):
            break
        if data is None:
            outcomes.append(_refused(store, name, None, str(Message(error or "Berkas tidak terbaca."))))
            continue
        outcomes.append(_import_one(store, keys, name, data, now, _where(paths, name)))
    return outcomes


def _import_one(store, keys, name, data, now, where) -> ImportOutcome:
    """The last line of defence behind the schema: a bundle that still trips the code or
    a constraint is that bundle's refusal; a database that is down stops the folder."""
    try:
        return import_bytes(store, keys, name, data, now=now, where=where)
    except EnvironmentProblem as exc:
        if not isinstance(exc.__cause__, (IntegrityError, DataError)):
            raise
        reason = str(Message("Isi paket tidak dapat disimpan: {error}", error=str(exc.__cause__.orig)[:200]))
    except (ValueError, TypeError, KeyError, AttributeError, RecursionError, OverflowError, MemoryError):
        reason = str(Message("Paket rusak dan tidak dapat dibaca."))
    return _refused(store, name, None, reason, bf.sha256_hex(data))


def _where(paths: list[Path], name: str) -> str | None:
    """The file (or the folder of its parts) a bundle was read from, to import it again later."""
    for p in paths:
        if p.is_file() and p.name == name:
            return str(p.resolve())
        if p.is_dir():
            return str((p / name).resolve()) if (p / name).is_file() else str(p.resolve())
    return None


def _refused(store: MinistryStore, name: str, manifest: dict | None, reason: str, digest: str | None = None) -> ImportOutcome:
    m = manifest or {}
    reason = reason[:schema.MAX_REASON]
    code, seq = _str(m.get("office_code"), 8), m.get("sequence")
    seq = seq if isinstance(seq, int) and not isinstance(seq, bool) and 0 <= seq <= schema.INT32 else None
    with store.session() as s:
        s.add(MinistryRefusal(file=name[:255], office_code=code, device_id=_str(m.get("device_id"), 36),
                              sequence=seq, sha256=digest, reason=reason))
    return ImportOutcome(name, code, seq, "refused", reason)


def _str(value, size: int = 36):
    return value[:size] if isinstance(value, str) else None


def import_bytes(store: MinistryStore, keys: crypto.MinistryKeys, name: str, data: bytes, *,
                 now: _dt.datetime | None = None, where: str | None = None) -> ImportOutcome:
    with gc_paused():
        return _import_bytes(store, keys, name, data, now, where)


def _import_bytes(store: MinistryStore, keys: crypto.MinistryKeys, name: str, data: bytes,
                  now: _dt.datetime | None, where: str | None) -> ImportOutcome:
    digest = bf.sha256_hex(data)
    manifest = None
    try:
        try:
            container = bf.unpack(data)
            manifest = container.manifest
            schema.check_manifest(manifest)
        except bf.BundleFormatError as exc:
            raise _Refuse(exc.reason, **exc.params) from None
        payload, admitted = _check(store, keys, container, digest)
    except _Refuse as exc:
        return _refused(store, name, manifest, str(exc), digest)
    except _Pending:
        fingerprint = enrolment.record_pending(store, manifest, name, where)
        return ImportOutcome(name, manifest["office_code"], manifest["sequence"], "pending",
                             str(Message("Menunggu verifikasi: kunci kantor {code} belum terdaftar (sidik jari {fp}). "
                                         "Konfirmasi sidik jari ini dengan kantor lewat telepon, lalu jalankan "
                                         "'ministry accept-key --office {code} --pending'.",
                                         code=manifest["office_code"], fp=fingerprint)),
                             fingerprint=fingerprint)
    if payload is None:
        return ImportOutcome(name, manifest["office_code"], manifest["sequence"], "unchanged",
                             unchanged=sum(manifest["counts"].values()))
    return _write(store, name, manifest, digest, payload, now or utcnow(), admitted)


def _check(store: MinistryStore, keys: crypto.MinistryKeys, container: bf.Container,
           digest: str) -> tuple[dict | None, str | None]:
    """Every refusal reason, before any write: (payload, how a new office is admitted);
    payload None = this very bundle is already imported. A damaged bundle is refused as
    damaged ("rusak") before any rule about sequences could call it a replay."""
    m = container.manifest
    if not enrolment.is_office_region(m["office_code"], m["level"]):
        raise _Refuse("Kode kantor '{code}' bukan wilayah tingkat {level} yang terdaftar di Kemendagri.",
                      code=m["office_code"][:8], level=m["level"])
    try:
        office_key = crypto.unb64(m["office_key"])
    except (ValueError, TypeError):
        raise _Refuse("Kunci kantor di manifes rusak.") from None
    if not crypto.verify(office_key, container.signature, container.signed_bytes):
        raise _Refuse("Tanda tangan paket tidak sah (paket diubah atau rusak).")
    with store.session() as s:
        key = s.scalar(select(MinistryOffice.public_key).where(MinistryOffice.code == m["office_code"]))
        rekey = key is not None and key != m["office_key"]
        if rekey and not isinstance(m.get("enrolment"), dict):
            raise _Refuse("Kunci kantor {code} berubah tanpa pendaftaran; minta berkas pendaftaran baru ke kementerian "
                          "atau daftarkan kunci barunya dengan 'ministry accept-key' bila memang sah.",
                          code=m["office_code"])
        existing = s.scalar(select(MinistryBundle.sha256).where(
            MinistryBundle.office_code == m["office_code"], MinistryBundle.device_id == m["device_id"],
            MinistryBundle.sequence == m["sequence"]).limit(1))
    if existing is not None and existing == digest:
        return None, None
    if m["recipient_key_id"] != keys.public.key_id:
        raise _Refuse("Paket dienkripsi untuk kunci kementerian lain ({key}), bukan kunci basis data ini.",
                      key=m["recipient_key_id"])
    if bf.sha256_hex(container.envelope) != m["payload_hash"]:
        raise _Refuse("Hash isi paket berbeda dari manifes (paket diubah atau rusak).")
    plain = crypto.open_sealed(keys.x25519, container.envelope,
                               crypto.envelope_aad(m["office_code"], m["device_id"], m["sequence"]))
    if plain is None:
        raise _Refuse("Isi paket tidak dapat didekripsi dengan kunci kementerian ini (paket rusak?).")
    if existing is not None:
        raise _Refuse("Nomor urut {seq} perangkat ini sudah diterima dengan isi lain; paket ditolak (diputar ulang?).",
                      seq=m["sequence"])
    admitted = None
    if key is None:
        admitted = enrolment.admission(store, keys, m, office_key)
        if admitted is None:
            raise _Pending()
    elif rekey:  # a laptop restored with no other left: a new enrolment from the ministry admits its new key
        admitted = enrolment.admission(store, keys, m, office_key)
        if admitted is None or not admitted.startswith("enrolment:"):
            raise _Refuse("Kunci kantor {code} berubah tanpa pendaftaran; minta berkas pendaftaran baru ke kementerian "
                          "atau daftarkan kunci barunya dengan 'ministry accept-key' bila memang sah.",
                          code=m["office_code"])
    try:
        inflated = schema.inflate(plain, schema.plain_limit(m, len(plain)))
        del plain
        schema.check_containers(inflated, m)
        try:
            payload = _loads(inflated)
        except (ValueError, UnicodeDecodeError, RecursionError):
            raise bf.BundleFormatError("Isi paket rusak setelah didekripsi.") from None
        del inflated
        schema.check_payload(payload, m)
    except bf.BundleFormatError as exc:
        raise _Refuse(exc.reason, **exc.params) from None
    return payload, admitted


def _loads(text: bytes):
    """orjson first (twice as fast on a million rows); the standard library decides what
    orjson refuses (e.g. NaN), so nothing readable before is refused now. Numbers in a
    payload are the office's SQLite values: integers fit orjson's 64 bits."""
    try:
        return orjson.loads(text)
    except orjson.JSONDecodeError:
        return json.loads(bytes(text).decode("utf-8"))


def _write(store: MinistryStore, name: str, m: dict, digest: str, payload: dict, now: _dt.datetime,
           admitted: str | None) -> ImportOutcome:
    # Core statements on the session's connection: the per-bundle ORM round trips (get,
    # autoflush, flush) cost more than a small quarterly bundle's rows.
    code, device = m["office_code"], m["device_id"]
    out = ImportOutcome(name, code, m["sequence"], "imported")
    office_t, bundle_t = MinistryOffice.__table__, MinistryBundle.__table__
    with store.session() as s:
        conn = s.connection()
        office = conn.execute(select(office_t.c.name, office_t.c.level, office_t.c.is_demo)
                              .where(office_t.c.code == code)).first()
        if office is None:  # first bundle of an enrolled (or demo) office: its key is registered
            conn.execute(insert(office_t).values(
                code=code, name=m["office_name"], level=m["level"], office_id=m["office_id"],
                public_key=m["office_key"], is_demo=bool(m["is_demo"]), first_seen=now, key_registered_at=now))
            enrolment.mark_used(conn, admitted or "", now)
            enrolment.forget_pending(conn, code)
        elif admitted and admitted.startswith("enrolment:"):  # re-enrolled: its new key from now on
            conn.execute(update(office_t).where(office_t.c.code == code).values(
                public_key=m["office_key"], key_registered_at=now, name=m["office_name"], level=m["level"]))
            enrolment.mark_used(conn, admitted, now)
        elif tuple(office) != (m["office_name"], m["level"], bool(m["is_demo"])):
            conn.execute(update(office_t).where(office_t.c.code == code).values(
                name=m["office_name"], level=m["level"], is_demo=bool(m["is_demo"])))
        lower = conn.scalar(select(func.count()).select_from(bundle_t).where(
            bundle_t.c.office_code == code, bundle_t.c.device_id == device, bundle_t.c.sequence < m["sequence"])) or 0
        out.gap = lower < m["sequence"] - 1
        bundle_id = conn.execute(insert(bundle_t).values(
            office_code=code, device_id=device, sequence=m["sequence"], sha256=digest,
            previous_hash=m["previous_hash"], file=name[:255], created_at=m["created_at"], imported_at=now,
            full=bool(m["full"]), counts=json.dumps(m["counts"]), gap_before=out.gap)).inserted_primary_key[0]
        bulk.write_records(s, code, device, bundle_id, payload["records"], out, new_office=office is None)
        conn.execute(update(bundle_t).where(bundle_t.c.id == bundle_id).values(
            new=out.new, updated=out.updated, unchanged=out.unchanged))
        _summaries(conn, code, m["created_at"], payload.get("summaries") or {})
        _attachments(conn, code, payload.get("attachments") or {})
        period_t = MinistryPeriod.__table__
        have = set(conn.execute(select(period_t.c.year, period_t.c.quarter).where(period_t.c.office_code == code)))
        periods = [{"office_code": code, "year": y, "quarter": q, "received_at": now, "bundle_id": bundle_id}
                   for y, q in sorted(approvals.approved_quarters(payload["records"])) if (y, q) not in have]
        if periods:
            conn.execute(insert(period_t), periods)
    return out


def _summaries(conn, code: str, created_at: str, summaries: dict) -> None:
    t = MinistrySummary.__table__
    stored = dict(conn.execute(select(t.c.module, t.c.bundle_created_at).where(t.c.office_code == code)).all())
    for module, data in summaries.items():
        if module not in stored:
            conn.execute(insert(t).values(office_code=code, module=module, data=json.dumps(data),
                                          bundle_created_at=created_at))
        elif stored[module] <= created_at:  # a late, older bundle never replaces newer figures
            conn.execute(update(t).where(t.c.office_code == code, t.c.module == module).values(
                data=json.dumps(data), bundle_created_at=created_at))


def _attachments(conn, code: str, attachments: dict) -> None:
    if not attachments:
        return
    t = MinistryAttachment.__table__
    digests, stored = sorted(attachments), set()
    for i in range(0, len(digests), bulk.CHUNK):
        stored.update(conn.scalars(select(t.c.sha256).where(t.c.office_code == code,
                                                             t.c.sha256.in_(digests[i:i + bulk.CHUNK]))))
    for digest, text in attachments.items():
        if digest not in stored:
            content = crypto.unb64(text)
            conn.execute(insert(t).values(office_code=code, sha256=digest, size=len(content), content=content))
            stored.add(digest)
