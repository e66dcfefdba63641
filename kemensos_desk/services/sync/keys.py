"""The office installation's signing key and the ministry key it encrypts to.

The installation key is created lazily, on the first export. Its public half and dates
are in the office store (``sync_installation_key``); its private half is in a key file
beside the store (``kunci-tanda-tangan.json``, 0600, :mod:`signing_key_file`), never in the
store and so never in a backup (issue 13): a lost backup on a stick cannot sign for the
office. A key made before this change moves out of the store at its first use. A store
whose key file is missing (restored from a backup on a new laptop) retires the old key and
makes a new one: the ministry then registers it (``ministry accept-key`` or a new
enrolment), as for any new laptop. ``office_public_file`` exports the public half.
"""
from __future__ import annotations

from sqlalchemy import select, text

from kemensos_desk.core.errors import Refused
from kemensos_desk.services.auth import Actor
from kemensos_desk.services.sync import crypto, signing_key_file
from kemensos_desk.services.workspace import Workspace, put_setting
from kemensos_desk.store.audit import log_event
from kemensos_desk.store.base import utcnow
from kemensos_desk.store.models_sync import InstallationKey


def installation_key(ws: Workspace, actor_name: str | None = None):
    """(private key, public raw bytes); created on first use."""
    with ws.store.session(actor_name) as s:
        row = s.scalars(select(InstallationKey).where(InstallationKey.retired_at.is_(None))
                        .order_by(InstallationKey.id.desc())).first()
        private = None
        if row is not None and row.private_key != signing_key_file.MARKER:
            # Made before issue 13: the private half leaves the store (zeroed where it was).
            private = crypto.signing_key(crypto.unb64(row.private_key))
            signing_key_file.put(ws.data_dir, row.public_key, crypto.b64(crypto.private_raw(private)))
            s.execute(text("PRAGMA secure_delete=ON"))
            row.private_key = signing_key_file.MARKER
        elif row is not None:
            raw = signing_key_file.get(ws.data_dir, row.public_key)
            if raw is None:
                row.retired_at = utcnow()
                log_event(s, "sync.key", "Kunci tanda tangan instalasi tidak ada di folder data (dipulihkan dari "
                          "cadangan?): kunci lama dipensiunkan, kementerian perlu mendaftarkan kunci baru",
                          entity="sync_installation_key")
                row = None
            else:
                private = crypto.signing_key(crypto.unb64(raw))
        if row is None:
            private = crypto.new_signing_key()
            public = crypto.b64(crypto.public_raw(private))
            signing_key_file.put(ws.data_dir, public, crypto.b64(crypto.private_raw(private)))  # before the row
            s.add(InstallationKey(private_key=signing_key_file.MARKER, public_key=public))
            log_event(s, "sync.key", "Kunci tanda tangan instalasi dibuat", entity="sync_installation_key")
    return private, crypto.public_raw(private)


def office_public_file(ws: Workspace) -> dict:
    office = ws.office()
    _, public = installation_key(ws)
    return {"kind": crypto.OFFICE_PUBLIC_KIND, "office": office.region_code, "office_name": office.name,
            "ed25519": crypto.b64(public)}


def ministry_public(ws: Workspace) -> crypto.MinistryPublic:
    """The configured key; a demo office falls back to the demo key, a real one must set it."""
    office = ws.office()
    configured = ws.setting("ministry_public_key")
    demo = crypto.demo_public()
    if configured:
        key = crypto.MinistryPublic.from_json(configured)
    elif office.is_demo:
        key = demo
    else:
        raise Refused("Kunci publik kementerian belum diatur. Administrator mengaturnya dengan "
                      "'kemensos-desk sync ministry-key BERKAS.pub' atau di Pengaturan.")
    if key.key_id == demo.key_id and not office.is_demo:
        raise Refused("Kantor sungguhan tidak boleh mengirim paket ke kunci kementerian CONTOH (demo). "
                      "Atur kunci publik kementerian yang sebenarnya.")
    return key


def set_ministry_key(ws: Workspace, actor: Actor, data: dict) -> crypto.MinistryPublic:
    actor.require("settings.edit")
    key = crypto.MinistryPublic.from_json(data)
    office = ws.office()
    if key.key_id == crypto.demo_public().key_id and not office.is_demo:
        raise Refused("Kunci ini adalah kunci kementerian CONTOH (demo); kantor sungguhan tidak boleh memakainya.")
    with ws.store.session(actor.username) as s:
        put_setting(s, "ministry_public_key", key.to_json())
        log_event(s, "sync.ministry_key", f"Kunci publik kementerian diatur ({key.key_id})", entity="setting")
    return key
