"""Registering an office's new signing key on purpose (e.g. after a laptop was stolen)."""
from __future__ import annotations

from pathlib import Path

from kemensos_desk.core import regions
from kemensos_desk.core.errors import Refused
from kemensos_desk.ministry.enrolment import forget_pending
from kemensos_desk.ministry.models import MinistryOffice
from kemensos_desk.ministry.store import MinistryStore
from kemensos_desk.services.sync import crypto
from kemensos_desk.store.base import utcnow


def accept_key(store: MinistryStore, office_code: str, key_file: Path) -> dict:
    data = crypto.read_json_file(Path(key_file), "kunci publik kantor")
    try:
        code = regions.normalize_code(office_code)
    except ValueError:
        raise Refused("Kode kantor '{code}' tidak sah.", code=office_code) from None
    if not isinstance(data, dict) or data.get("kind") != crypto.OFFICE_PUBLIC_KIND:
        raise Refused("Berkas bukan kunci publik kantor Kemensos Desk.")
    if data.get("office") and data["office"] != code:
        raise Refused("Kunci ini milik kantor {other}, bukan {code}.", other=data["office"], code=code)
    try:
        raw = crypto.unb64(data["ed25519"])
        if len(raw) != 32:
            raise ValueError
    except (KeyError, ValueError, TypeError):
        raise Refused("Kunci publik kantor rusak.") from None
    now = utcnow()
    with store.session() as s:
        office = s.get(MinistryOffice, code)
        if office is None:
            region = regions.get(code)
            if region is None or region.level == "kecamatan":
                raise Refused("Kode wilayah {code} tidak ada dalam daftar Kemendagri.", code=code)
            name = data.get("office_name") if isinstance(data.get("office_name"), str) else None
            office = MinistryOffice(code=code, name=(name or region.name)[:150],
                                    level=region.level, public_key=data["ed25519"],
                                    key_registered_at=now, first_seen=now)
            s.add(office)
        else:
            office.public_key, office.key_registered_at = data["ed25519"], now
        s.flush()
        forget_pending(s.connection(), code)
    return {"office": code, "key": data["ed25519"], "registered_at": now}
