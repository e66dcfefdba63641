"""Making a bundle ("Buat paket" / ``sync export``): select, seal, sign, write, read back.

By default the bundle carries every record revision no receipt has confirmed yet, so a
lost stick costs nothing; ``full`` carries everything. The sequence number is reserved
(committed) before any file is written; the files are then written, read back and
recorded, and removed again if recording fails. A crash at any point leaves either no
visible bundle or one whose number is never given to other content: the next bundle
takes the number after the highest reserved.
"""
from __future__ import annotations

import json
import queue
import threading
import zlib
from dataclasses import dataclass, field
from itertools import islice
from pathlib import Path

from sqlalchemy import func, select

from kemensos_desk import __version__
from kemensos_desk.core import bundle_format as bf
from kemensos_desk.core.collector import gc_paused
from kemensos_desk.core.errors import EnvironmentProblem, Refused
from kemensos_desk.services.auth import Actor
from kemensos_desk.services.sync import crypto, enrolment, files, keys, summaries
from kemensos_desk.services.sync.serialize import BATCH, Serializer, dumps, pending_join, synced_kinds
from kemensos_desk.services.workspace import Workspace, put_setting
from kemensos_desk.store import migrations
from kemensos_desk.store.audit import log_event
from kemensos_desk.store.base import utcnow
from kemensos_desk.store.models import Setting
from kemensos_desk.store.models_sync import SyncBundle, SyncBundleItem

RESERVED_SETTING = "sync_reserved_sequence"  # {device_id: highest number handed out}

MB = 1024 * 1024
ATTACHMENT_COLUMNS = {"stored_path", "sha256"}


@dataclass
class ExportResult:
    files: list[Path]
    sequence: int
    records: dict[str, int]
    sha256: str
    size: int
    full: bool
    device_id: str
    tombstones: int = 0
    extras: dict = field(default_factory=dict)

    def to_json(self) -> dict:
        return {"files": [str(f) for f in self.files], "sequence": self.sequence, "records": self.records,
                "sha256": self.sha256, "size": self.size, "full": self.full, "device_id": self.device_id,
                "tombstones": self.tombstones}


def export_bundle(ws: Workspace, actor: Actor, out_dir: Path, *, full: bool = False,
                  max_part_bytes: int | None = None) -> ExportResult:
    actor.require("sync.export")
    office = ws.office()
    ministry = keys.ministry_public(ws)
    signing, office_pub = keys.installation_key(ws, actor.username)
    device_id = ws.setting("device_id")
    if max_part_bytes is None:
        max_part_bytes = int(ws.setting("email_limit_mb") or 10) * MB
    out_dir = Path(out_dir)
    try:
        out_dir.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise EnvironmentProblem("Folder tujuan {where} tidak bisa dipakai: {error}", where=str(out_dir),
                                 error=exc.strerror or str(exc)) from exc
    module_summaries = summaries.collect(ws)
    sequence = reserve_sequence(ws, actor, device_id)
    claim = enrolment.manifest_claim(ws, office.region_code, office_pub)
    written: list[Path] = []
    try:
        with ws.store.session(actor.username) as s:
            last = s.scalars(select(SyncBundle).where(SyncBundle.device_id == device_id)
                             .order_by(SyncBundle.sequence.desc())).first()
            plaintext, counts, tombstones, items, plain_size = build_payload(
                Serializer(s), ws.data_dir, module_summaries, full=full)
            envelope = crypto.seal(ministry.x25519, plaintext,
                                   crypto.envelope_aad(office.region_code, device_id, sequence))
            created = utcnow().replace(microsecond=0)
            manifest = {
                "format_version": bf.FORMAT_VERSION,
                "schema_version": migrations.schema_version(migrations.current_revision(ws.store.path, ws.store.key)),
                "app_version": __version__, "office_id": office.uuid, "office_code": office.region_code,
                "office_name": office.name, "level": office.level, "region_code": office.region_code,
                "is_demo": bool(office.is_demo), "device_id": device_id, "sequence": sequence,
                "previous_hash": last.sha256 if last else None, "created_at": created.isoformat() + "Z",
                "full": full, "counts": counts, "payload_hash": bf.sha256_hex(envelope),
                "payload_size": len(envelope), "recipient_key_id": ministry.key_id,
                "office_key": crypto.b64(office_pub), "plain_size": plain_size, "enrolment": claim,
            }
            signature = crypto.sign(signing, bf.signed_part(manifest))
            data = bf.pack(manifest, signature, envelope)
            digest = bf.sha256_hex(data)
            name = bf.bundle_name(office.region_code, device_id, sequence)
            for part_name, chunk in bf.split(name, data, max_part_bytes):
                path = out_dir / part_name
                files.write_atomic(path, chunk)
                written.append(path)
            verify_written(written, office_pub, digest)
            bundle = SyncBundle(device_id=device_id, sequence=sequence, sha256=digest,
                                previous_hash=manifest["previous_hash"], name=name,
                                files=json.dumps([p.name for p in written]), folder=str(out_dir), full=full,
                                counts=json.dumps(counts), size=len(data), created_at=created,
                                created_by=actor.username)
            s.add(bundle)
            s.flush()
            _record_items(s, bundle.id, items)
            put_setting(s, "last_sync_export_at", created.isoformat())
            log_event(s, "sync.export", f"Paket sinkronisasi {name} dibuat ({sum(counts.values())} rekaman)",
                      entity="sync_bundle", entity_key=str(sequence))
    except BaseException:
        for path in written:
            path.unlink(missing_ok=True)
        raise
    return ExportResult(written, sequence, counts, digest, len(data), full, device_id, tombstones)


def reserve_sequence(ws: Workspace, actor: Actor, device_id: str) -> int:
    """The next number of this device, committed before its file can exist: a number once
    reserved is never reserved again, even when that export dies before it is recorded."""
    with ws.store.session(actor.username) as s:
        last = s.scalar(select(func.max(SyncBundle.sequence)).where(SyncBundle.device_id == device_id)) or 0
        reserved = ws_setting(s, RESERVED_SETTING) or {}
        sequence = max(last, int(reserved.get(device_id) or 0)) + 1
        put_setting(s, RESERVED_SETTING, {**reserved, device_id: sequence})
    return sequence


def ws_setting(session, key: str):
    row = session.get(Setting, key)
    return json.loads(row.value) if row is not None else None


def attachments_of(data_dir: Path, records: dict) -> dict[str, str]:
    """Files the records point at (``stored_path`` + ``sha256`` columns, e.g. dekon photos), by hash.

    Generic: any kind with those two columns; a file missing or changed on disk is left
    out (its record still travels, the ministry sees the attachment as not received).
    """
    found: dict[str, str] = {}
    for rows in records.values():
        for row in rows:
            data = row["data"]
            rel, digest = data.get("stored_path"), data.get("sha256")
            if row["deleted"] or not rel or not digest or digest in found:
                continue
            path = (Path(data_dir) / rel).resolve()
            if not path.is_relative_to(Path(data_dir).resolve()) or not path.is_file():
                continue
            content = path.read_bytes()
            if bf.sha256_hex(content) == digest:
                found[digest] = crypto.b64(content)
    return found


def build_payload(ser: Serializer, data_dir: Path, module_summaries: dict, *,
                  full: bool) -> tuple[bytes, dict[str, int], int, list[tuple[str, str, int]], int]:
    """The compressed payload, streamed: JSON with its keys sorted (docs/BUNDLE_FORMAT.md),
    written piece by piece into zlib (level 6) as the rows are read, so the plain text of a
    million records never exists whole.

    Returns (compressed payload, counts per kind, tombstones, (kind, uuid, revision) carried,
    size of the plain text).
    """
    readers = {kind: ser.reader(kind, model, pending=not full) for kind, model in synced_kinds().items()}
    # Kinds that point at attachment files are read first: "attachments" comes before
    # "records" in the sorted payload, and the stream is written in order.
    early = {kind: list(ser.iter_rows(r)) for kind, r in readers.items() if ATTACHMENT_COLUMNS <= set(r.keys)}
    counts, items, tombstones = {}, [], 0
    deflate = Deflate(6)
    # Millions of short-lived row dicts and a growing item list: no cycles to collect.
    with gc_paused():
        try:
            deflate.feed(b'{"attachments":' + bf.canonical_json(attachments_of(data_dir, early)) + b',"records":{')
            for n, (kind, reader) in enumerate(readers.items()):
                deflate.feed((b"," if n else b"") + bf.canonical_json(kind) + b":[")
                rows = iter(early.pop(kind)) if kind in early else ser.iter_rows(reader)
                count = 0
                while batch := list(islice(rows, BATCH)):
                    tombstones += sum(1 for r in batch if r["deleted"])
                    items += [(kind, r["uuid"], r["revision"]) for r in batch]
                    if count:
                        deflate.feed(b",")
                    deflate.feed(dumps(batch)[1:-1])
                    count += len(batch)
                counts[kind] = count
                deflate.feed(b"]")
            deflate.feed(b'},"summaries":' + bf.canonical_json(module_summaries) + b"}")
            return deflate.finish(), counts, tombstones, items, deflate.size
        finally:
            deflate.close()


class Deflate:
    """zlib fed piece by piece on a worker thread: deflate releases the GIL, so it runs on
    another core while this thread reads and serialises the next rows."""

    def __init__(self, level: int):
        self._z = zlib.compressobj(level)
        self._queue: queue.Queue = queue.Queue(maxsize=4)  # bounded: the plain text never piles up
        self._out: list[bytes] = []
        self.size = 0  # plain bytes fed (the manifest's plain_size)
        self._error: BaseException | None = None
        self._thread = threading.Thread(target=self._run, name="bundle-deflate", daemon=True)
        self._thread.start()

    def _run(self) -> None:
        try:
            while (chunk := self._queue.get()) is not None:
                if self._error is None:
                    self._out.append(self._z.compress(chunk))
            if self._error is None:
                self._out.append(self._z.flush())
        except BaseException as exc:  # noqa: BLE001 (handed to the caller in finish)
            self._error = exc
            while self._queue.get() is not None:  # drain, so feed() never blocks for ever
                pass

    def feed(self, chunk: bytes) -> None:
        if self._error is not None:
            raise self._error
        self.size += len(chunk)
        self._queue.put(chunk)

    def finish(self) -> bytes:
        self.close()
        if self._error is not None:
            raise self._error
        return b"".join(self._out)

    def close(self) -> None:
        if self._thread.is_alive():
            self._queue.put(None)
            self._thread.join()


def _record_items(s, bundle_id: int, items: list[tuple[str, str, int]]) -> None:
    """One sync_bundle_item per record carried: plain executemany on the session's own
    connection (same transaction), a million rows without ORM bookkeeping."""
    table = SyncBundleItem.__table__
    cur = s.connection().connection.dbapi_connection.cursor()
    try:
        cur.executemany(f"INSERT INTO {table.name} (bundle_id, kind, uuid, revision) VALUES (?, ?, ?, ?)",
                        ((bundle_id, k, u, r) for k, u, r in items))
    finally:
        cur.close()


def verify_written(paths: list[Path], office_pub: bytes, digest: str) -> dict:
    """Read the files back from the medium; check the whole, the signature and the payload hash."""
    found = files.read_bundles(paths)
    if len(found) != 1 or found[0][1] is None:
        reason = found[0][2] if found else "tidak ada berkas"
        raise EnvironmentProblem("Paket yang ditulis tidak terbaca kembali: {reason}", reason=reason)
    data = found[0][1]
    if bf.sha256_hex(data) != digest:
        raise EnvironmentProblem("Paket yang ditulis berbeda saat dibaca kembali; media mungkin rusak.")
    container = bf.unpack(data)
    if not crypto.verify(office_pub, container.signature, container.signed_bytes):
        raise EnvironmentProblem("Tanda tangan paket yang ditulis tidak sah saat dibaca kembali.")
    if bf.sha256_hex(container.envelope) != container.manifest["payload_hash"]:
        raise EnvironmentProblem("Isi terenkripsi paket berbeda saat dibaca kembali; media mungkin rusak.")
    return container.manifest


def inspect_file(path: Path) -> dict:
    """The clear manifest of a bundle file (or its parts' folder), for the screen and tests."""
    found = files.read_bundles([Path(path)])
    if not found or found[0][1] is None:
        raise Refused("Paket tidak terbaca: {reason}", reason=found[0][2] if found else "-")
    try:
        return bf.unpack(found[0][1]).manifest
    except bf.BundleFormatError as exc:
        raise Refused(str(exc)) from None


def list_bundles(ws: Workspace) -> list[dict]:
    with ws.store.session() as s:
        rows = s.scalars(select(SyncBundle).order_by(SyncBundle.created_at.desc(), SyncBundle.id.desc())).all()
        return [{"sequence": b.sequence, "device_id": b.device_id, "name": b.name, "files": json.loads(b.files),
                 "folder": b.folder, "full": b.full, "counts": json.loads(b.counts), "size": b.size,
                 "created_at": b.created_at, "created_by": b.created_by, "confirmed_at": b.confirmed_at,
                 "sha256": b.sha256} for b in rows]


def pending_count(ws: Workspace) -> int:
    """Record revisions not yet confirmed by a receipt (what the next bundle carries)."""
    total = 0
    with ws.store.session() as s:
        for kind, model in synced_kinds().items():
            joined, above = pending_join(kind, model.__table__)
            total += s.execute(select(func.count()).select_from(joined).where(above)).scalar_one()
    return total


__all__ = ["export_bundle", "verify_written", "inspect_file", "list_bundles", "pending_count"]
