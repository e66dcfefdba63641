"""The private halves of the office's signing keys, in a key file beside the store.

``<data dir>/kunci-tanda-tangan.json`` (0600, written atomically) maps each public key
(base64, as in ``sync_installation_key.public_key``) to its private half (base64 raw
Ed25519). Keeping it out of ``kemensos.sqlite`` keeps it out of every backup (issue 13).
Until the store is encrypted at rest the file is in clear, protected by its owner-only
mode like the store; docs/SECURITY_AT_REST.md (step 7) wraps it under the office data key.
"""
from __future__ import annotations

import json
from pathlib import Path

from kemensos_desk.core.private_files import private_file
from kemensos_desk.documents.atomic import atomic_write

FILENAME = "kunci-tanda-tangan.json"
KIND = "kemensos-desk-installation-keys"
MARKER = "berkas:" + FILENAME  # what the store's private_key column holds instead of the key
MAX_BYTES = 1_000_000


def _read(data_dir: Path) -> dict[str, str]:
    path = Path(data_dir) / FILENAME
    try:
        if not path.is_file() or path.stat().st_size > MAX_BYTES:
            return {}
        doc = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, json.JSONDecodeError):
        return {}
    keys = doc.get("keys") if isinstance(doc, dict) and doc.get("kind") == KIND else None
    return {k: v for k, v in keys.items() if isinstance(k, str) and isinstance(v, str)} if isinstance(keys, dict) else {}


def get(data_dir: Path, public_b64: str) -> str | None:
    return _read(data_dir).get(public_b64)


def put(data_dir: Path, public_b64: str, private_b64: str) -> None:
    keys = _read(data_dir)
    if keys.get(public_b64) == private_b64:
        return
    keys[public_b64] = private_b64
    path = private_file(Path(data_dir) / FILENAME)  # 0600 before the temp file copies its mode
    with atomic_write(path) as fh:
        fh.write(json.dumps({"kind": KIND, "keys": keys}, indent=1, sort_keys=True).encode("utf-8"))
