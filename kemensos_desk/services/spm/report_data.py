"""What the quarterly/annual SPM report says, gathered once for both the .xlsx and the PDF.

Kept apart from the rendering so the two files can never disagree.
"""
from __future__ import annotations

import datetime as _dt
from dataclasses import dataclass, field

from kemensos_desk.core import formatting, regions, spm as spm_rules
from kemensos_desk.core.spm import percent, period
from kemensos_desk.services.spm import achievement, budget, common, disaster, frozen, plan, quarters, reference
from kemensos_desk.services.workspace import Workspace


@dataclass
class ServiceSection:
    code: str
    name: str
    figures: dict  # entitled, served, needed, delivered, recipient_pct, quality_pct, index, band
    components: list[dict]  # name, need, needing, received, pct
    budget: dict | None


@dataclass
class ReportData:
    office_name: str
    government: str  # "Pemerintah Kabupaten Majalengka"
    office_address: str
    office_level: str
    region_name: str
    head_name: str
    head_nip: str
    year: int
    quarter: int | None
    period_start: _dt.date
    period_end: _dt.date
    generated_on: _dt.date
    is_demo: bool
    office: object = None  # the store's Office row (for the documents' OfficeInfo)
    services: list[ServiceSection] = field(default_factory=list)
    disasters: list[dict] = field(default_factory=list)
    quarters: list[dict] = field(default_factory=list)
    stages: list[dict] = field(default_factory=list)  # the four application stages (Pasal 24)
    action_plan: dict = field(default_factory=dict)  # rencana aksi: documents and dated actions

    frozen_version: str | None = None  # an approved quarter: its figures were frozen under these rules

    @property
    def rules_version(self) -> str:
        return self.frozen_version or reference.load().version

    @property
    def frozen_note(self) -> str | None:
        """Said on an approved quarter's report: the figures are those approved (issue 12)."""
        if self.frozen_version is None:
            return None
        return (f"Angka capaian triwulan ini dibekukan saat disetujui (aturan versi {self.frozen_version}); "
                f"aturan yang berlaku sekarang: versi {reference.load().version}.")

    @property
    def formula(self) -> str:
        return spm_rules.formula_text(reference.load().weights)

    @property
    def legend(self) -> str:
        return "; ".join(spm_rules.band_legend(reference.load().bands))

    @property
    def title(self) -> str:
        return "Laporan Penerapan SPM Bidang Sosial"

    @property
    def period_label(self) -> str:
        if self.quarter:
            return f"{formatting.nama_triwulan(self.quarter, 'id')} Tahun {self.year} (kumulatif s.d. " \
                   f"{formatting.tanggal(self.period_end, 'id')})"
        return f"Tahun {self.year}"


def gather(ws: Workspace, year: int, quarter: int | None = None, today: _dt.date | None = None) -> ReportData:
    start, end = period(year, quarter)
    with ws.store.session() as s:
        office = common.office(s)
        region = regions.get(office.region_code)
        data = ReportData(
            office_name=office.name, government=region.government if region else office.region_name,
            office_address=office.address, office_level=office.level, region_name=office.region_name,
            head_name=office.head_name, head_nip=office.head_nip, year=year, quarter=quarter,
            period_start=start, period_end=end, generated_on=today or _dt.date.today(), is_demo=office.is_demo, office=office)
        figures = {f["code"]: f for f in achievement.compute(s, year, quarter)}
        approved = frozen.frozen_figures(s, year, quarter)
        if approved is not None:  # an approved quarter prints what was approved
            data.frozen_version = approved[1]
            figures.update({f["code"]: f for f in approved[0]})
        budgets = budget.budgets(s, year)
        for svc in common.services(s):
            if svc.is_disaster:
                per_event = achievement.disaster_components(s, svc, year, quarter)
                counts = {c.code: (sum(e["needs"].get(c.code, 0) for e in per_event.values()),
                                   sum(e["reached"].get(c.code, 0) for e in per_event.values())) for c in svc.components}
            else:
                counts = achievement.rehab_components(s, svc, year, quarter)
            comps = []
            for c in svc.components:
                needing, received = counts.get(c.code, (0, 0))
                # A component the rules mark unverified says so wherever it is printed.
                name = f"{c.name} (belum terverifikasi)" if c.verify else c.name
                comps.append({"code": c.code, "name": name, "need": c.need, "needing": needing,
                              "received": received, "pct": percent(received, needing)})
            data.services.append(ServiceSection(svc.code, svc.name, figures[svc.code], comps, budgets.get(svc.code)))
        data.disasters = [e for e in disaster.events(s, year) if e["event_date"] <= end]
        data.stages = plan.stages(s, year)
        data.action_plan = plan.action_plan(s, year)
    data.quarters = quarters.status(ws, year)
    return data
