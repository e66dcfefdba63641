"""The SPM reference data (``spm_services.json`` of the rules in force), loaded once and checked.

An office sees the five services of its level: ``provinsi`` (dalam panti) or
``kabkota`` (luar panti). Services are identified by ``code`` within a level.
"""
from __future__ import annotations

from dataclasses import dataclass, replace
from decimal import Decimal

from kemensos_desk.core import rules
from kemensos_desk.core.errors import EnvironmentProblem, Refused
from kemensos_desk.core.spm import Band

NEEDS = ("wajib", "asesmen")
SERVICE_CODES = ("disabilitas", "anak", "lansia", "gepeng", "bencana")


@dataclass(frozen=True)
class Component:
    code: str
    name: str
    unit: str
    need: str  # wajib | asesmen
    auto_if_no_nik: bool = False
    aggregate_need: str | None = None  # disaster: which event count needs it (vulnerable, psychosocial)
    verify: bool = False  # in the rules but not yet confirmed in a public source
    min_quantity: float | None = None  # a delivery counts only from this quantity (disaster permakanan: 7 hari)
    max_quantity: float | None = None  # more than this is accepted with a warning (gepeng permakanan: 7 hari)


@dataclass(frozen=True)
class Service:
    code: str
    level: str  # provinsi | kabkota
    kind: str  # rehabilitasi | bencana
    name: str
    target_group: str
    setting: str
    components: tuple[Component, ...]
    phases: tuple[tuple[str, str, tuple[str, ...]], ...] = ()  # disaster: (code, name, components that apply)

    def phase_components(self, phase: str | None) -> tuple[str, ...]:
        """The components that apply in an event's phase (all of them when the rules name no phases)."""
        for code, _name, comps in self.phases:
            if code == (phase or "tanggap_darurat"):
                return comps
        return tuple(c.code for c in self.components)

    def component(self, code: str) -> Component | None:
        return next((c for c in self.components if c.code == code), None)

    @property
    def wajib(self) -> list[str]:
        return [c.code for c in self.components if c.need == "wajib"]

    @property
    def asesmen(self) -> list[str]:
        return [c.code for c in self.components if c.need == "asesmen"]

    @property
    def auto_no_nik(self) -> list[str]:
        return [c.code for c in self.components if c.auto_if_no_nik]

    @property
    def is_disaster(self) -> bool:
        return self.kind == "bencana"


@dataclass(frozen=True)
class Reference:
    version: str
    effective_year: int
    weights: dict[str, float]
    bands: tuple[Band, ...]
    services: tuple[Service, ...]

    def for_level(self, office_level: str) -> list[Service]:
        level = "provinsi" if office_level == "provinsi" else "kabkota"
        return [s for s in self.services if s.level == level]

    def service(self, office_level: str, code: str) -> Service:
        for s in self.for_level(office_level):
            if s.code == code:
                return s
        raise Refused("Jenis layanan SPM '{code}' tidak dikenal; pilih salah satu: {codes}.",
                      code=code, codes=", ".join(SERVICE_CODES))


def _bad(reason: str) -> EnvironmentProblem:
    return EnvironmentProblem("Data rujukan SPM (spm_services.json) rusak: {reason}", reason=reason)


def parse(data: dict) -> Reference:
    try:
        catalogue = data["components"]
        services = []
        for s in data["services"]:
            comps = []
            for c in s["components"]:
                if c["need"] not in NEEDS:
                    raise _bad(f"kebutuhan '{c['need']}' pada {s['code']}/{c['code']}")
                info = catalogue[c["code"]]
                # A service may name or measure a shared component its own way (gepeng luar panti).
                comps.append(Component(c["code"], c.get("name") or info["name"], c.get("unit") or info["unit"],
                                       c["need"], bool(c.get("auto_if_no_nik")), c.get("aggregate_need"),
                                       bool(c.get("verify")), c.get("min_quantity"), c.get("max_quantity")))
            codes = {c.code for c in comps}
            phases = tuple((code, p["name"], tuple(x for x in p["components"] if x in codes))
                           for code, p in (s.get("phases") or {}).items())
            services.append(Service(s["code"], s["level"], s["kind"], s["name"], s["target_group"], s["setting"],
                                    tuple(comps), phases))
        bands = tuple(Band(Decimal(str(b["min"])), b["name"], b.get("colour")) for b in data["bands"])
        weights = {"penerima": float(data["weights"]["penerima"]), "mutu": float(data["weights"]["mutu"])}
    except (KeyError, TypeError, ValueError) as exc:
        raise _bad(f"{type(exc).__name__}: {exc}") from exc
    for level in ("provinsi", "kabkota"):
        codes = sorted(s.code for s in services if s.level == level)
        if codes != sorted(SERVICE_CODES):
            raise _bad(f"tingkat {level} harus memuat {', '.join(SERVICE_CODES)}")
    mins = [b.min for b in bands]
    if mins != sorted(mins, reverse=True) or len(set(mins)) != len(mins):
        raise _bad("kategori capaian (bands) harus berurutan menurun")
    return Reference(str(data["version"]), int(data.get("effective_year", 0)), weights, bands, tuple(services))


@rules.cached  # rebuilt when a rules pack changes the rules in force
def load() -> Reference:
    # The version that figures cite is the rules' in force (release or pack), one scale for all files.
    return replace(parse(rules.reference("spm_services")), version=rules.version())


def services_for(office_level: str) -> list[Service]:
    return load().for_level(office_level)


def service(office_level: str, code: str) -> Service:
    return load().service(office_level, code)


@rules.cached
def choices() -> dict[str, dict[str, str]]:
    """Coded lists of the register form: ``no_nik_reasons``, ``found_via`` (code -> label)."""
    data = rules.reference("spm_services")
    return {key: {c["code"]: c["name"] for c in data.get(key, [])} for key in ("no_nik_reasons", "found_via")}


def band_colour(name: str | None) -> str | None:
    """The colour of a band in the rules in force (screens and charts follow the bands' order)."""
    return next((b.colour for b in load().bands if b.name == name), None)


def phases() -> dict[str, str]:
    """Disaster event phases: code -> name (``tanggap_darurat``, ``pasca``)."""
    svc = next((s for s in load().services if s.is_disaster), None)
    return {code: name for code, name, _c in (svc.phases if svc else ())} or {"tanggap_darurat": "Tanggap darurat"}


@rules.cached
def disaster_types() -> list[str]:
    return list(rules.reference("spm_services").get("disaster_types", []))
