"""Who a document comes from: the letterhead (kop surat) and signature details of the office.

Build it from the stored office row (``OfficeInfo.from_office(ws.office())``) or by hand
in tests. Every field is plain text; nothing here touches the database.
"""
from __future__ import annotations

from dataclasses import dataclass

from kemensos_desk.core import regions
from kemensos_desk.core.nip import format_nip


@dataclass(frozen=True)
class OfficeInfo:
    government: str            # "Pemerintah Kabupaten Majalengka" (printed upper-case in the kop)
    unit: str                  # "Dinas Sosial"
    region_name: str           # "Kabupaten Majalengka" / "Provinsi Jawa Barat"
    address: str
    head_name: str
    head_nip: str              # 18 digits, grouped when printed
    phone: str | None = None
    email: str | None = None
    place: str = ""            # town before the signature date: "Majalengka"
    is_demo: bool = False
    logo: str | None = None    # optional PNG/JPG of the regional emblem, left of the kop text

    @property
    def head_title(self) -> str:
        """First line of the signature title: "Kepala Dinas Sosial"."""
        return f"Kepala {self.unit}"

    @property
    def full_name(self) -> str:
        """"Dinas Sosial Kabupaten Majalengka"."""
        return f"{self.unit} {self.region_name}"

    @property
    def nip_text(self) -> str:
        """"NIP 19680312 199003 1 002"."""
        return f"NIP {format_nip(self.head_nip)}"

    @property
    def contact_line(self) -> str:
        """"Telepon (0233) 281234 · Pos-el dinsos@majalengkakab.go.id" (empty parts left out)."""
        parts = []
        if self.phone:
            parts.append(f"Telepon {self.phone}")
        if self.email:
            parts.append(f"Pos-el {self.email}")
        return " · ".join(parts)

    @classmethod
    def from_office(cls, office) -> "OfficeInfo":
        """From ``store.models.Office`` (or anything with the same attributes)."""
        level = office.level
        region = regions.Region(office.region_code, office.region_name, level)
        region_name = f"Provinsi {office.region_name}" if level == "provinsi" else office.region_name
        unit = (office.name or "Dinas Sosial").strip()
        # the kop prints the unit and the government on separate lines: drop the repeated region
        for suffix in (region_name, office.region_name):
            if unit.endswith(" " + suffix):
                unit = unit[: -len(suffix) - 1].strip()
                break
        return cls(government=region.government, unit=unit or "Dinas Sosial", region_name=region_name,
                   address=office.address, head_name=office.head_name, head_nip=office.head_nip,
                   phone=office.phone, email=office.email, place=region.short_name,
                   is_demo=bool(office.is_demo))


SAMPLE_OFFICE = OfficeInfo(
    government="Pemerintah Kabupaten Majalengka", unit="Dinas Sosial", region_name="Kabupaten Majalengka",
    address="Jl. K.H. Abdul Halim No. 155, Majalengka 45418", head_name="Drs. H. Ahmad Sutisna, M.Si.",
    head_nip="196803121990031002", phone="(0233) 281234", email="dinsos@majalengkakab.go.id",
    place="Majalengka", is_demo=True,
)
