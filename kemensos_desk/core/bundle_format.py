"""The sync bundle's container format (docs/BUNDLE_FORMAT.md), pure and without I/O.

A bundle is one byte string::

    MAGIC (8) | u32 len | manifest (canonical JSON, clear text) | u16 len | signature | envelope

The Ed25519 signature covers MAGIC + manifest; the manifest carries the SHA-256 of the
envelope (the encrypted payload), so the office can verify a bundle it cannot decrypt.
Bundles above the e-mail limit are cut into parts, each with a small clear header, so a
folder of parts can be reassembled in any order. Crypto itself lives in the services.
"""
from __future__ import annotations

import hashlib
import json
import struct
from dataclasses import dataclass

# 2: the manifest gains ``plain_size`` (the payload's inflated size, a bound for the
# importer) and ``enrolment`` (the proof of the office's enrolment file, or null).
FORMAT_VERSION = 2
SUPPORTED_FORMATS = frozenset({1, 2})
MAGIC = b"KDSYNC\x00\x01"
PART_MAGIC = b"KDPART\x00\x01"
BUNDLE_SUFFIX = ".kdsync"
RECEIPT_SUFFIX = ".kdreceipt"
HKDF_INFO = b"kemensos-desk bundle v1"

MANIFEST_KEYS = (
    "format_version", "schema_version", "app_version", "office_id", "office_code", "office_name",
    "level", "region_code", "is_demo", "device_id", "sequence", "previous_hash", "created_at",
    "full", "counts", "payload_hash", "payload_size", "recipient_key_id", "office_key",
)
MANIFEST_KEYS_V2 = MANIFEST_KEYS + ("plain_size", "enrolment")


class BundleFormatError(ValueError):
    """The bytes are not a readable bundle; ``reason`` is an Indonesian sentence."""

    def __init__(self, reason: str, **params):
        self.reason = reason
        self.params = params
        super().__init__(reason.format(**params) if params else reason)


def sha256_hex(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def key_id(public_raw: bytes) -> str:
    """A short, stable name of a public key (which key a bundle is encrypted for)."""
    return hashlib.sha256(public_raw).hexdigest()[:16]


def canonical_json(data) -> bytes:
    return json.dumps(data, ensure_ascii=False, sort_keys=True, separators=(",", ":")).encode("utf-8")


@dataclass
class Container:
    manifest: dict
    manifest_bytes: bytes
    signature: bytes
    envelope: bytes

    @property
    def signed_bytes(self) -> bytes:
        return MAGIC + self.manifest_bytes


def pack(manifest: dict, signature: bytes, envelope: bytes) -> bytes:
    body = canonical_json(manifest)
    return MAGIC + struct.pack(">I", len(body)) + body + struct.pack(">H", len(signature)) + signature + envelope


def signed_part(manifest: dict) -> bytes:
    return MAGIC + canonical_json(manifest)


def unpack(data: bytes) -> Container:
    """Split the bytes; every structural problem becomes a BundleFormatError."""
    if len(data) < len(MAGIC) + 4 or data[:6] != MAGIC[:6]:
        raise BundleFormatError("Berkas bukan paket sinkronisasi Kemensos Desk atau rusak.")
    if data[:8] != MAGIC:
        raise BundleFormatError("Versi wadah paket tidak dikenal.")
    pos = len(MAGIC)
    from kemensos_desk.core import bundle_schema as schema  # late: it imports this module

    (mlen,) = struct.unpack(">I", data[pos:pos + 4])
    pos += 4
    if mlen > schema.MAX_MANIFEST_BYTES:
        raise BundleFormatError("Manifes paket terlalu besar ({n} bita); paket ditolak.", n=mlen)
    if pos + mlen + 2 > len(data):
        raise BundleFormatError("Paket terpotong (tidak utuh).")
    body = data[pos:pos + mlen]
    pos += mlen
    if schema.nesting_depth(body) > schema.MAX_DEPTH:
        raise BundleFormatError("Manifes paket bersarang terlalu dalam; paket ditolak.")
    try:
        manifest = json.loads(body.decode("utf-8"))
    except (UnicodeDecodeError, ValueError, RecursionError):
        raise BundleFormatError("Manifes paket rusak.") from None
    if not isinstance(manifest, dict):
        raise BundleFormatError("Manifes paket rusak.")
    (slen,) = struct.unpack(">H", data[pos:pos + 2])
    pos += 2
    signature = data[pos:pos + slen]
    if len(signature) != slen:
        raise BundleFormatError("Paket terpotong (tidak utuh).")
    envelope = data[pos + slen:]
    version = manifest.get("format_version")
    if version not in SUPPORTED_FORMATS:
        raise BundleFormatError("Versi format paket {version} tidak dikenal.", version=version)
    missing = [k for k in (MANIFEST_KEYS if version == 1 else MANIFEST_KEYS_V2) if k not in manifest]
    if missing:
        raise BundleFormatError("Manifes paket tidak lengkap: {keys}.", keys=", ".join(missing))
    if len(envelope) != manifest.get("payload_size"):
        raise BundleFormatError("Paket terpotong (tidak utuh).")
    return Container(manifest, body, signature, envelope)


# --- names and parts -------------------------------------------------------------------

def bundle_name(office_code: str, device_id: str, sequence: int) -> str:
    code = office_code.replace(".", "")
    return f"kemensos-{code}-{device_id[:8]}-{sequence:06d}{BUNDLE_SUFFIX}"


def part_name(name: str, index: int, count: int) -> str:
    return f"{name}.part{index:02d}-of-{count:02d}"


def split(name: str, data: bytes, max_bytes: int) -> list[tuple[str, bytes]]:
    """One file when it fits; otherwise numbered parts with a header naming the whole."""
    if len(data) <= max_bytes:
        return [(name, data)]
    digest = sha256_hex(data)
    chunk = max(1024, max_bytes - 512)  # room for the part header
    pieces = [data[i:i + chunk] for i in range(0, len(data), chunk)]
    out = []
    for i, piece in enumerate(pieces, start=1):
        header = canonical_json({"bundle": name, "index": i, "count": len(pieces), "sha256": digest})
        out.append((part_name(name, i, len(pieces)), PART_MAGIC + struct.pack(">H", len(header)) + header + piece))
    return out


def is_part(data: bytes) -> bool:
    return data[:8] == PART_MAGIC


def read_part(data: bytes) -> tuple[dict, bytes]:
    from kemensos_desk.core import bundle_schema as schema  # late: it imports this module

    if not is_part(data) or len(data) < 10:
        raise BundleFormatError("Bagian paket rusak.")
    (hlen,) = struct.unpack(">H", data[8:10])
    text = data[10:10 + hlen]
    if schema.nesting_depth(text) > schema.MAX_DEPTH:
        raise BundleFormatError("Bagian paket rusak.")
    try:
        header = json.loads(text.decode("utf-8"))
    except (UnicodeDecodeError, ValueError, RecursionError):
        raise BundleFormatError("Bagian paket rusak.") from None
    schema.check_part_header(header)
    return header, data[10 + hlen:]


def join(parts: list[tuple[dict, bytes]]) -> bytes:
    """Reassemble the parts of one bundle; refuse a missing part or a wrong whole."""
    header = parts[0][0]
    count = header["count"]  # bounded by read_part
    if any(h["count"] != count or h["sha256"] != header["sha256"] for h, _ in parts):
        raise BundleFormatError("Bagian-bagian paket {name} tidak cocok satu sama lain.", name=header["bundle"])
    by_index = {h["index"]: piece for h, piece in parts}
    missing = [str(i) for i in range(1, count + 1) if i not in by_index]
    if missing:
        shown = ", ".join(missing[:10]) + (f" … ({len(missing)})" if len(missing) > 10 else "")
        raise BundleFormatError("Bagian paket {name} belum lengkap (kurang bagian {parts}).",
                                name=header["bundle"], parts=shown)
    data = b"".join(by_index[i] for i in range(1, count + 1))
    if sha256_hex(data) != header["sha256"]:
        raise BundleFormatError("Bagian-bagian paket {name} tidak cocok satu sama lain.", name=header["bundle"])
    return data
