"""Rules of the Rakor material (issue 6), pure Python: the deadline and its countdown,
proposal totals in integer rupiah, the gap a proposal cites, and how complete each part is.

The Rakor of year N is held no later than the first week of March (Permensos 2/2014
Pasal 12), so the deadline is 7 March N. It reports capaian of N−1 and proposes N+1.
"""
from __future__ import annotations

import datetime as _dt
from dataclasses import dataclass, field

from kemensos_desk.core import formatting, labels
from kemensos_desk.core.i18n import tr

PARTS = (
    ("renstra", "Renstra Dinas"),
    ("capaian_dekon", "Capaian Dekonsentrasi/Tugas Pembantuan Tahun {prev}"),
    ("capaian_spm", "Capaian SPM Bidang Sosial Tahun {prev}"),
    ("usulan", "Usulan Program dan Kegiatan Dekonsentrasi/Tugas Pembantuan Tahun {next}"),
    ("permasalahan", "Permasalahan dan Rekomendasi"),
)
PRIORITIES = {1: "Tinggi", 2: "Sedang", 3: "Rendah"}


def priority_label(value) -> str:
    """1/2/3 as people read them, in the interface language: Tinggi/Sedang/Rendah."""
    return tr(PRIORITIES[value]) if value in PRIORITIES else ("" if value is None else str(value))


def part_title(key: str, year: int) -> str:
    return dict(PARTS)[key].format(prev=year - 1, next=year + 1)


def part_title_shown(key: str, year: int) -> str:
    """The part's title in the interface language (printed documents keep ``part_title``)."""
    return tr(dict(PARTS)[key], prev=year - 1, next=year + 1)


def deadline(year: int) -> _dt.date:
    """Last day of the first week of March of the Rakor year."""
    return _dt.date(year, 3, 7)


def days_left(year: int, today: _dt.date) -> int:
    """Days until the deadline; 0 on the day itself, negative once it has passed."""
    return (deadline(year) - today).days


def countdown_text(year: int, today: _dt.date) -> str:
    days = days_left(year, today)
    when = formatting.tanggal(deadline(year))
    if days > 0:
        return tr("{days} hari lagi menuju batas Rakor ({date})", days=formatting.angka(days), date=when)
    if days == 0:
        return tr("Hari ini batas Rakor ({date})", date=when)
    return tr("Batas Rakor ({date}) sudah lewat {days} hari", date=when, days=formatting.angka(-days))


def proposal_total(volume: int, unit_cost: int) -> int:
    """Volume × unit cost in whole rupiah (both integers, so exact)."""
    return int(volume or 0) * int(unit_cost or 0)


def proposals_total(proposals) -> int:
    return sum(proposal_total(p["volume"], p["unit_cost"]) for p in proposals)


def gap_text(service: dict) -> str | None:
    """"SPM Lanjut usia telantar: 1.240 orang belum terlayani" from a service's capaian figures."""
    if service is None or service.get("entitled") is None:
        return None
    gap = max(0, int(service["entitled"]) - int(service["served"] or 0))
    unit = "jiwa" if service.get("code") == "bencana" else "orang"
    return tr("SPM {service}: {n} {unit} belum terlayani", service=labels.service(service["code"]), n=formatting.angka(gap), unit=unit)


@dataclass
class Completeness:
    key: str
    title: str
    done: int = 0
    total: int = 0
    missing: list[str] = field(default_factory=list)

    def check(self, ok: bool, what: str) -> None:
        self.total += 1
        if ok:
            self.done += 1
        else:
            self.missing.append(what)

    @property
    def percent(self) -> int:
        return 100 if not self.total else (100 * self.done) // self.total

    @property
    def complete(self) -> bool:
        return not self.missing

    def as_dict(self) -> dict:
        return {"key": self.key, "title": self.title, "percent": self.percent, "complete": self.complete,
                "done": self.done, "total": self.total, "missing": list(self.missing)}


def _filled(value) -> bool:
    return bool(str(value or "").strip())


def completeness(year: int, renstra: dict | None, draft: dict | None, dekon_rows: list, spm_rows: list) -> list[Completeness]:
    """Per part, which of its items are filled in; ``draft`` holds narratives, proposals, issues."""
    draft = draft or {}
    parts = {key: Completeness(key, part_title(key, year)) for key, _ in PARTS}

    r = parts["renstra"]
    r.check(renstra is not None, tr("Renstra yang mencakup tahun {year} belum diisi", year=year))
    if renstra is not None:
        r.check(_filled(renstra.get("vision")), tr("Visi belum diisi"))
        r.check(any(_filled(m) for m in renstra.get("missions", [])), tr("Misi belum diisi"))
        goals = renstra.get("goals", [])
        r.check(bool(goals), tr("Tujuan belum diisi"))
        targets = [t for g in goals for t in g.get("targets", [])]
        r.check(bool(targets) and all(_filled(t.get("indicator")) and _filled(t.get("target_5y")) for t in targets),
                tr("Setiap sasaran perlu indikator dan target lima tahun"))

    # SPM lists every service of the office even when nobody was entitled: that is no data yet
    spm_has_data = any((r.get("entitled") or 0) > 0 for r in spm_rows)
    for key, present, what in (
            ("capaian_dekon", bool(dekon_rows), tr("Belum ada data realisasi dekon/TP tahun {y}", y=year - 1)),
            ("capaian_spm", spm_has_data, tr("Belum ada data capaian SPM tahun {y}", y=year - 1))):
        c = parts[key]
        c.check(present, what)
        c.check(_filled(draft.get(key.replace("capaian_", "") + "_narrative")), tr("Uraian naratif belum diisi"))

    u = parts["usulan"]
    proposals = draft.get("proposals", [])
    u.check(bool(proposals), tr("Belum ada usulan kegiatan"))
    for n, p in enumerate(proposals, start=1):
        u.check(all(_filled(p.get(k)) for k in ("ro", "description", "unit", "location", "justification"))
                and int(p.get("volume") or 0) > 0 and int(p.get("unit_cost") or 0) > 0,
                tr("Usulan ke-{n} belum lengkap", n=n))

    m = parts["permasalahan"]
    issues = draft.get("issues", [])
    m.check(bool(issues), tr("Belum ada permasalahan dan rekomendasi"))
    for n, i in enumerate(issues, start=1):
        m.check(_filled(i.get("problem")) and _filled(i.get("recommendation")),
                tr("Permasalahan ke-{n} belum lengkap", n=n))
    return list(parts.values())
