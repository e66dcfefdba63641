"""What a bundle may contain, checked before the ministry trusts or stores any of it.

Every field read from a file is bounded here: the manifest's types, lengths and counts,
the decompressed size (streamed, never more than the manifest declares, a multiple of the
compressed size and a hard cap), the number of JSON containers before parsing, and the
payload's shape. A failure is a ``BundleFormatError`` with an Indonesian reason, so a bad
bundle is refused (exit 1) like any other and the next file of the folder is still read.
The limits are far above what a real office sends (a million records is a 36 MiB bundle
that inflates to some 400 MB).
"""
from __future__ import annotations

import base64
import binascii
import re
import zlib

from kemensos_desk.core.bundle_format import BundleFormatError

MAX_MANIFEST_BYTES = 64 * 1024
MAX_DEPTH = 8  # the manifest is at most three levels deep; parts' headers one
MAX_PARTS = 10_000
MAX_BUNDLE_BYTES = 1024 ** 3  # one file or a whole set of parts
MAX_PLAIN_BYTES = 4 * 1024 **3
MAX_RATIO = 50  # decompressed / compressed; real payloads are about 10
MAX_RECORDS = 20_000_000
MAX_KINDS = 200
MAX_REASON = 500  # stored refusal reasons
MIN_RECORD_BYTES = 64  # a record's JSON is never shorter (uuid, revision, deleted, data, refs)
INT32 = 2 ** 31 - 1
LEVELS = ("provinsi", "kabupaten", "kota")

_HEX64 = re.compile(r"[0-9a-f]{64}")
_HEX16 = re.compile(r"[0-9a-f]{16}")
_STAMP = re.compile(r"\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?Z?")
_DEPTH_TOKENS = re.compile(rb'"(?:[^"\\]|\\.)*"|[\[\]{}]')


def _bad(field: str) -> BundleFormatError:
    return BundleFormatError("Manifes paket tidak sah: isian '{field}' salah jenis atau di luar batas.", field=field)


def nesting_depth(text: bytes, limit: int = MAX_DEPTH) -> int:
    """The JSON nesting depth (strings skipped), stopping as soon as it passes ``limit``."""
    depth = deepest = 0
    for m in _DEPTH_TOKENS.finditer(text):
        token = m.group()
        if token in (b"[", b"{"):
            depth += 1
            if depth > deepest:
                deepest = depth
                if deepest > limit:
                    break
        elif token in (b"]", b"}"):
            depth -= 1
    return deepest


def _is_int(value, low: int = 0, high: int = INT32) -> bool:
    return isinstance(value, int) and not isinstance(value, bool) and low <= value <= high


def _is_str(value, high: int, low: int = 0) -> bool:
    return isinstance(value, str) and low <= len(value) <= high


def check_manifest(m: dict) -> None:
    """Types and bounds of every field the importer reads (format 1 and 2)."""
    rules = {
        "app_version": lambda v: v is None or _is_str(v, 32),
        "schema_version": lambda v: v is None or _is_str(v, 200) or _is_int(v),
        "office_id": lambda v: v is None or _is_str(v, 36),
        "office_code": lambda v: _is_str(v, 8, 1),
        "office_name": lambda v: _is_str(v, 150),
        "level": lambda v: v in LEVELS,
        "region_code": lambda v: v is None or _is_str(v, 8),
        "is_demo": lambda v: isinstance(v, bool),
        "device_id": lambda v: _is_str(v, 36, 1),
        "sequence": lambda v: _is_int(v, 1),
        "previous_hash": lambda v: v is None or (isinstance(v, str) and _HEX64.fullmatch(v) is not None),
        "created_at": lambda v: isinstance(v, str) and len(v) <= 32 and _STAMP.fullmatch(v) is not None,
        "full": lambda v: isinstance(v, bool),
        "counts": _counts_ok,
        "payload_hash": lambda v: isinstance(v, str) and _HEX64.fullmatch(v) is not None,
        "payload_size": lambda v: _is_int(v, 0, MAX_BUNDLE_BYTES),
        "recipient_key_id": lambda v: isinstance(v, str) and _HEX16.fullmatch(v) is not None,
        "office_key": lambda v: _is_str(v, 64, 1),
    }
    if m.get("format_version", 1) >= 2:
        rules["plain_size"] = lambda v: _is_int(v, 0, MAX_PLAIN_BYTES)
        rules["enrolment"] = _enrolment_ok
    for field, ok in rules.items():
        if not ok(m.get(field)):
            raise _bad(field)


def _counts_ok(v) -> bool:
    return (isinstance(v, dict) and len(v) <= MAX_KINDS
            and all(_is_str(k, 64, 1) and _is_int(n, 0, MAX_RECORDS) for k, n in v.items())
            and sum(v.values()) <= MAX_RECORDS)


def _enrolment_ok(v) -> bool:
    return v is None or (isinstance(v, dict) and set(v) <= {"id", "proof"} and _is_str(v.get("id"), 36, 1)
                         and isinstance(v.get("proof"), str) and _HEX64.fullmatch(v["proof"]) is not None)


def check_part_header(h) -> None:
    if not (isinstance(h, dict) and _is_str(h.get("bundle"), 255, 1) and _is_int(h.get("count"), 1, MAX_PARTS)
            and _is_int(h.get("index"), 1, h["count"]) and isinstance(h.get("sha256"), str)
            and _HEX64.fullmatch(h["sha256"]) is not None):
        raise BundleFormatError("Bagian paket rusak.")


# --- the payload -----------------------------------------------------------------------

def plain_limit(manifest: dict, envelope_size: int) -> int:
    """How far the payload may inflate: what the manifest declares (format 2), never more
    than ``MAX_RATIO`` times its compressed size, nor ``MAX_PLAIN_BYTES``."""
    limit = min(MAX_PLAIN_BYTES, max(envelope_size, 1024) * MAX_RATIO)
    declared = manifest.get("plain_size") if manifest.get("format_version") != 1 else None
    if _is_int(declared, 0, MAX_PLAIN_BYTES):
        limit = min(limit, declared)
    return limit


def inflate(compressed: bytes, limit: int) -> bytearray:
    """zlib, streamed into one buffer that never grows past ``limit`` (returned as is:
    a copy would double the peak)."""
    d = zlib.decompressobj()
    out = bytearray()
    view, step = memoryview(compressed), 1 << 20
    try:
        for i in range(0, len(view), step):
            chunk = d.decompress(view[i:i + step], limit + 1 - len(out))
            out += chunk
            if len(out) > limit or d.unconsumed_tail:
                raise BundleFormatError("Isi paket lebih besar dari yang dinyatakan manifes; paket ditolak.")
        out += d.flush(limit + 1 - len(out))
    except zlib.error:
        raise BundleFormatError("Isi paket rusak setelah didekripsi.") from None
    if len(out) > limit or not d.eof:
        raise BundleFormatError("Isi paket rusak atau lebih besar dari yang dinyatakan manifes.")
    return out


def check_containers(plain: bytes, manifest: dict) -> None:
    """Before parsing: the number of JSON objects and arrays stays in proportion to the
    records the manifest declares (a record is a few small objects), so a small payload
    cannot unfold into millions of Python objects."""
    declared = sum(manifest["counts"].values())
    allowed = 8 * declared + 100_000
    if declared * MIN_RECORD_BYTES > len(plain):
        raise BundleFormatError("Isi paket terlalu kecil untuk jumlah rekaman yang dinyatakan manifes.")
    if plain.count(b"{") + plain.count(b"[") > allowed:
        raise BundleFormatError("Isi paket memuat lebih banyak data daripada yang dinyatakan manifes.")


def check_payload(payload, manifest: dict) -> None:
    """The shape the importer relies on; the counts must match the manifest's."""
    if not isinstance(payload, dict):
        raise _payload_bad("isi")
    records = payload.get("records")
    if not isinstance(records, dict) or len(records) > MAX_KINDS:
        raise _payload_bad("records")
    counts = manifest["counts"]
    for kind, rows in records.items():
        if not _is_str(kind, 64, 1) or not isinstance(rows, list) or len(rows) != counts.get(kind, 0):
            raise _payload_bad("records")
        for row in rows:
            if not (isinstance(row, dict) and _is_str(row.get("uuid"), 36, 1) and _is_int(row.get("revision"))
                    and isinstance(row.get("data", {}), dict) and isinstance(row.get("refs") or {}, dict)):
                raise _payload_bad("records")
    summaries = payload.get("summaries") or {}
    if not isinstance(summaries, dict) or not all(_is_str(k, 32, 1) for k in summaries):
        raise _payload_bad("summaries")
    attachments = payload.get("attachments") or {}
    if not isinstance(attachments, dict) or not all(
            isinstance(k, str) and _HEX64.fullmatch(k) and isinstance(v, str) for k, v in attachments.items()):
        raise _payload_bad("attachments")
    try:
        for text in attachments.values():
            base64.b64decode(text.encode("ascii"), validate=True)
    except (UnicodeEncodeError, binascii.Error, ValueError):
        raise _payload_bad("attachments") from None


def _payload_bad(field: str) -> BundleFormatError:
    return BundleFormatError("Isi paket tidak sah: bagian '{field}' salah jenis atau tidak cocok dengan manifes.",
                             field=field)
