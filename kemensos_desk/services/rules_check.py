"""Checks of a rules pack's files before it may be put in force (issue 12 §2).

Refused with an Indonesian reason: an unknown service code, a band list that is not
strictly descending, weights that do not sum to 1, a file missing a part this release
reads, and a component that recorded deliveries use removed without a replacement in
``spm_services.json``'s ``component_map`` ({service: {old code: new code}}).
"""
from __future__ import annotations

from decimal import Decimal, InvalidOperation

from sqlalchemy import func, select

from kemensos_desk.core import rules
from kemensos_desk.core.errors import KemensosError, Refused
from kemensos_desk.services.spm import reference
from kemensos_desk.store.models_spm import DisasterDelivery, ServiceDelivery


def check_files(files: dict) -> None:
    for name, content in files.items():
        if not isinstance(content, dict):
            raise Refused("Berkas aturan {name}.json bukan objek JSON.", name=name)
        missing = sorted(set(rules.built_in().files[name]) - set(content) - {"description", "verify", "note"})
        if missing:
            raise Refused("Berkas aturan {name}.json tidak memuat bagian yang dibaca aplikasi ini: {parts}.",
                          name=name, parts=", ".join(missing))
    if "spm_services" in files:
        check_spm(files["spm_services"])


def check_spm(data: dict) -> None:
    for s in data.get("services") or []:
        code = s.get("code") if isinstance(s, dict) else None
        if code not in reference.SERVICE_CODES:
            raise Refused("Kode layanan SPM '{code}' dalam paket aturan tidak dikenal (yang dikenal: {codes}).",
                          code=code, codes=", ".join(reference.SERVICE_CODES))
    _check_bands(data.get("bands"))
    _check_weights(data.get("weights"))
    try:
        reference.parse(data)
    except KemensosError as exc:
        raise Refused("Berkas aturan spm_services.json tidak sah: {reason}", reason=str(exc)) from None


def _number(value, what: str) -> Decimal:
    try:
        if isinstance(value, bool):
            raise TypeError
        return Decimal(str(value))
    except (InvalidOperation, TypeError, ValueError):
        raise Refused("{what} '{value}' dalam paket aturan bukan angka.", what=what, value=value) from None


def _check_bands(bands) -> None:
    if not isinstance(bands, list) or not bands:
        raise Refused("Paket aturan tidak memuat daftar kategori capaian (bands).")
    previous = None
    for b in bands:
        if not isinstance(b, dict) or not str(b.get("name") or "").strip():
            raise Refused("Kategori capaian dalam paket aturan tanpa nama.")
        low = _number(b.get("min"), "Batas bawah kategori")
        if previous is not None and low >= previous:
            raise Refused("Kategori capaian dalam paket aturan tidak berurutan menurun: {name} ({low}) "
                          "sesudah batas {prev}.", name=b["name"], low=low, prev=previous)
        previous = low


def _check_weights(weights) -> None:
    if not isinstance(weights, dict) or set(weights) != {"penerima", "mutu"}:
        raise Refused("Bobot indeks dalam paket aturan harus 'penerima' dan 'mutu'.")
    total = sum(_number(v, "Bobot") for v in weights.values())
    if total != 1:
        raise Refused("Bobot indeks dalam paket aturan berjumlah {total}, harus 1.", total=total)


def check_recorded_components(session, spm: dict) -> dict[str, dict[str, str]]:
    """The replacements to apply; refused when deliveries use a component the pack drops unmapped."""
    mapping = spm.get("component_map") or {}
    if not isinstance(mapping, dict):
        raise Refused("component_map dalam paket aturan harus berupa objek: layanan -> (kode lama -> kode baru).")
    kept: dict[str, set[str]] = {}
    for s in spm.get("services", []):
        kept.setdefault(s["code"], set()).update(c["code"] for c in s["components"])
    used = list(session.execute(select(ServiceDelivery.service, ServiceDelivery.component, func.count())
                                .where(ServiceDelivery.deleted_at.is_(None))
                                .group_by(ServiceDelivery.service, ServiceDelivery.component)))
    used += [("bencana", comp, n) for comp, n in session.execute(
        select(DisasterDelivery.component, func.count()).where(DisasterDelivery.deleted_at.is_(None)).group_by(DisasterDelivery.component))]
    apply: dict[str, dict[str, str]] = {}
    for service, component, count in used:
        if component in kept.get(service, set()):
            continue
        new = (mapping.get(service) or {}).get(component) if isinstance(mapping.get(service), dict) else None
        if new is None:
            raise Refused("Paket aturan menghapus komponen '{component}' layanan {service} yang dipakai {n} penyaluran "
                          "tercatat, tanpa pemetaan pengganti (component_map); ditolak.",
                          component=component, service=service, n=count)
        if new not in kept.get(service, set()):
            raise Refused("Pemetaan komponen '{old}' -> '{new}' layanan {service} menunjuk komponen yang tidak ada.",
                          old=component, new=new, service=service)
        apply.setdefault(service, {})[component] = new
    return apply
