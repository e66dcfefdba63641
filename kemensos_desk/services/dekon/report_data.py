"""Everything a dekon/TP report shows, gathered once for the xlsx and the PDF writers."""
from __future__ import annotations

import datetime as _dt
from dataclasses import dataclass

from kemensos_desk.core import formatting, regions
from kemensos_desk.core.dekon import quarter_last_month
from kemensos_desk.services.dekon import activity, common, reference, summary
from kemensos_desk.services.workspace import Workspace


@dataclass
class ReportData:
    year: int
    quarter: int | None
    title: str
    period: str
    government: str
    office_name: str
    address: str
    head_name: str
    head_nip: str
    place: str
    office: object  # store.models.Office (detached), for the documents' kop surat
    doc: dict
    problems: dict[str, list[dict]]
    efficiency: list[dict]
    plan: list[dict]
    made_on: _dt.date
    is_demo: bool


def gather(ws: Workspace, year: int, quarter: int | None, today: _dt.date | None = None) -> ReportData:
    doc = summary.realisasi(ws, year, quarter)
    last = quarter_last_month(quarter)
    with ws.store.session() as s:
        office = common.office(s)
    region = regions.get(office.region_code)
    problems: dict[str, list[dict]] = {}
    for p in activity.problems(ws, year, last):
        problems.setdefault(p["ro"], []).append(p)
    period = formatting.periode(year, quarter, "id")  # "Triwulan I Tahun 2026" or "Tahun 2026"
    title = (f"LAPORAN TRIWULAN {formatting.ROMAWI[quarter - 1]}" if quarter else "LAPORAN TAHUNAN")
    return ReportData(
        year=year, quarter=quarter, title=f"{title} PELAKSANAAN DEKONSENTRASI DAN TUGAS PEMBANTUAN TAHUN {year}",
        period=period, government=(region.government if region else "").upper(), office_name=office.name.upper(),
        address=office.address, head_name=office.head_name, head_nip=office.head_nip,
        place=region.short_name if region else "", office=office, doc=doc, problems=problems,
        efficiency=summary.efficiency_rows(doc), plan=summary.monthly_plan(ws, year, last),
        made_on=today or _dt.date.today(), is_demo=bool(office.is_demo))


def status_name(code: str) -> str:
    return reference.problem_statuses().get(code) or reference.follow_up_statuses().get(code) or code


def problem_text(items: list[dict]) -> tuple[str, str]:
    """The problems and the follow-ups of one RO as two cell texts."""
    probs = "\n".join(f"{i}. {p['description']} ({status_name(p['status'])})" for i, p in enumerate(items, 1))
    fus = "\n".join(f"{i}. {f['action']} ({status_name(f['status'])})" for i, p in enumerate(items, 1)
                    for f in p["follow_ups"])
    return probs or "–", fus or "–"
