"""One signed, cumulative receipt per office: every bundle imported and every one refused."""
from __future__ import annotations

from pathlib import Path

from sqlalchemy import select

from kemensos_desk.core import bundle_format as bf
from kemensos_desk.ministry.models import MinistryBundle, MinistryOffice, MinistryRefusal
from kemensos_desk.ministry.rules import current_pack
from kemensos_desk.ministry.store import MinistryStore
from kemensos_desk.services.sync import files
from kemensos_desk.services.sync.receipts import make_receipt
from kemensos_desk.store.base import utcnow


def receipt_body(store: MinistryStore, office_code: str) -> dict:
    keys = store.keys()
    with store.session() as s:
        imported = [{"device_id": b.device_id, "sequence": b.sequence, "sha256": b.sha256,
                     "imported_at": b.imported_at.isoformat()}
                    for b in s.scalars(select(MinistryBundle).where(MinistryBundle.office_code == office_code)
                                       .order_by(MinistryBundle.device_id, MinistryBundle.sequence))]
        refused = [{"file": r.file, "device_id": r.device_id, "sequence": r.sequence, "sha256": r.sha256,
                    "reason": r.reason, "at": r.at.isoformat()}
                   for r in s.scalars(select(MinistryRefusal).where(MinistryRefusal.office_code == office_code)
                                      .order_by(MinistryRefusal.id))]
    body = {"format_version": 1, "office": office_code, "issued_at": utcnow().replace(microsecond=0).isoformat() + "Z",
            "ministry_key_id": keys.public.key_id, "imported": imported, "refused": refused}
    pack = current_pack(store)
    if pack is not None:  # the office takes the ministry's current rules with its receipt (issue 12)
        body["rules_pack"] = pack.decode("utf-8")
    return body


def write_receipts(store: MinistryStore, out_dir: Path, offices: list[str] | None = None) -> list[Path]:
    keys = store.keys()
    out_dir = Path(out_dir)
    out_dir.mkdir(parents=True, exist_ok=True)
    with store.session() as s:
        codes = [o.code for o in s.scalars(select(MinistryOffice).order_by(MinistryOffice.code))]
    written = []
    for code in codes:
        if offices is not None and code not in offices:
            continue
        path = out_dir / f"tanda-terima-{code.replace('.', '')}{bf.RECEIPT_SUFFIX}"
        files.write_atomic(path, make_receipt(keys.ed25519, receipt_body(store, code)))
        written.append(path)
    return written
