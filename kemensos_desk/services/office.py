"""Setting up the office (the wizard and ``init``), and editing its details later."""
from __future__ import annotations

import uuid
from dataclasses import asdict, dataclass

from sqlalchemy import select

from kemensos_desk.core import nip as nip_rules
from kemensos_desk.core import regions
from kemensos_desk.core.errors import Problem, Refused
from kemensos_desk.core.forms import load_form
from kemensos_desk.store.audit import log_event
from kemensos_desk.store.models import Office
from kemensos_desk.services import office_keyring, users as user_service
from kemensos_desk.services.auth import Actor
from kemensos_desk.services.workspace import Workspace, put_setting


@dataclass
class OfficeDetails:
    level: str
    region_code: str
    office_name: str
    address: str
    head_name: str
    head_nip: str
    phone: str | None = None
    email: str | None = None


def validate_office(details: OfficeDetails) -> list[Problem]:
    """Field rules from ``forms/office_setup.json`` plus the region/level rule."""
    values = asdict(details)
    problems = load_form("office_setup").validate(values)
    if not any(p.field in ("level", "region_code") for p in problems):
        try:
            regions.office_region(details.level, details.region_code)
        except Refused as exc:
            problems.append(Problem("region_code", exc.message, value=details.region_code))
    return problems


def _apply(office: Office, d: OfficeDetails) -> None:
    region = regions.office_region(d.level, d.region_code)
    office.level = d.level
    office.region_code = region.code
    office.region_name = region.name
    office.name = d.office_name.strip()
    office.address = d.address.strip()
    office.phone = (d.phone or "").strip() or None
    office.email = (d.email or "").strip() or None
    office.head_name = d.head_name.strip()
    office.head_nip = nip_rules.clean(d.head_nip)


def setup_office(ws: Workspace, details: OfficeDetails, admin_username: str, admin_full_name: str,
                 admin_password: str, *, demo: bool = False) -> str:
    """Create the office and its first administrator in one transaction.

    Returns the one-time recovery code that resets the administrator's password.
    """
    existing = ws.office()
    if existing is not None:
        raise Refused("Folder data ini sudah berisi kantor {name}. Pakai folder data lain.", name=existing.name)
    problems = validate_office(details)
    problems += user_service.validate_new_user({
        "username": (admin_username or "").strip().lower(), "full_name": admin_full_name,
        "role": "administrator", "password": admin_password,
    })
    if problems:
        raise Refused("Data penyiapan belum benar.", problems=problems)
    with ws.store.session(actor=(admin_username or "").strip().lower()) as s:
        office = Office(is_demo=demo)
        _apply(office, details)
        s.add(office)
        admin = user_service.create_user(s, admin_username, admin_full_name, "administrator", admin_password)
        put_setting(s, "device_id", str(uuid.uuid4()))
        log_event(s, "setup", f"Kantor {office.name} ({office.region_code}) disiapkan", entity="office")
        code = user_service.issue_recovery_code(s, admin)
    office_keyring.on_setup(ws, admin_username, admin_password, code)
    return code


def update_office(ws: Workspace, actor: Actor, details: OfficeDetails) -> None:
    actor.require("settings.edit")
    problems = validate_office(details)
    if problems:
        raise Refused("Data kantor belum benar.", problems=problems)
    with ws.store.session(actor.username) as s:
        office = s.scalars(select(Office).where(Office.deleted_at.is_(None))).one()
        if details.region_code and regions.normalize_code(details.region_code) != office.region_code:
            raise Refused("Wilayah kantor tidak dapat diubah setelah penyiapan; siapkan instalasi baru.")
        _apply(office, details)


def details_of(office: Office) -> OfficeDetails:
    return OfficeDetails(office.level, office.region_code, office.name, office.address, office.head_name,
                         office.head_nip, office.phone, office.email)
