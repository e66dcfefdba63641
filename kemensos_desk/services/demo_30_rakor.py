"""Demo data of the Rakor module: the Renstra 2025–2029-style plan covering the demo year and a
finished draft for the Rakor of year Y+1 (capaian of Y, proposals for Y+2), with proposals
drawn from the year's dekon/TP ROs and one citing the largest SPM gap (lansia when it has one).
Runs after the SPM and dekon/TP steps, through the module's own services.
"""
from __future__ import annotations

import random

from kemensos_desk.core import labels
from kemensos_desk.services import demo
from kemensos_desk.services.auth import Actor
from kemensos_desk.services.rakor import drafts, sources
from kemensos_desk.services.workspace import Workspace

OPERATOR = Actor("siti.rahmawati", "Siti Rahmawati, S.Sos.", "operator")

VISION = "Terwujudnya Kesejahteraan Sosial Masyarakat yang Mandiri, Berdaya, dan Berkeadilan"
MISSIONS = [
    "Meningkatkan kualitas pelayanan dan rehabilitasi sosial bagi Pemerlu Pelayanan Kesejahteraan Sosial (PPKS)",
    "Memperkuat perlindungan dan jaminan sosial bagi keluarga miskin dan korban bencana",
    "Meningkatkan peran serta Potensi dan Sumber Kesejahteraan Sosial (PSKS) dalam penyelenggaraan kesejahteraan sosial",
    "Mewujudkan data terpadu kesejahteraan sosial yang mutakhir dan akurat",
]
GOALS = [
    {"goal": "Meningkatnya pemenuhan kebutuhan dasar PPKS sesuai Standar Pelayanan Minimal",
     "targets": [
         {"target": "Terpenuhinya pelayanan dasar rehabilitasi sosial", "indicator": "Indeks capaian SPM Bidang Sosial",
          "unit": "indeks", "baseline": "72,40", "target_5y": "100,00"},
         {"target": "Tertanganinya korban bencana pada masa tanggap darurat",
          "indicator": "Persentase korban bencana yang terpenuhi kebutuhan dasarnya", "unit": "persen",
          "baseline": "85,00", "target_5y": "100,00"}]},
    {"goal": "Meningkatnya kapasitas PSKS dan kelembagaan kesejahteraan sosial",
     "targets": [
         {"target": "Meningkatnya kapasitas TKSK, PSM dan Karang Taruna",
          "indicator": "Jumlah PSKS yang meningkat kapasitasnya", "unit": "orang", "baseline": "310",
          "target_5y": "1.500"},
         {"target": "Berfungsinya Puskesos/SLRT di tingkat desa",
          "indicator": "Persentase desa dengan Puskesos aktif", "unit": "persen", "baseline": "35,00",
          "target_5y": "75,00"}]},
    {"goal": "Meningkatnya kualitas data terpadu kesejahteraan sosial",
     "targets": [
         {"target": "Termutakhirnya DTKS", "indicator": "Persentase desa yang memutakhirkan DTKS setiap tahun",
          "unit": "persen", "baseline": "60,00", "target_5y": "100,00"}]},
]
ISSUES = [
    ("Keterlambatan penerbitan DIPA dekonsentrasi/tugas pembantuan sehingga kegiatan bimbingan teknis baru dapat "
     "dimulai pada Triwulan II.",
     "Penerbitan DIPA dan petunjuk teknis paling lambat Januari agar jadwal kegiatan mengikuti RPD."),
    ("Sebagian penerima pelayanan dasar belum memiliki NIK sehingga pelayanan tidak dapat dicatat tuntas.",
     "Penguatan kerja sama dengan Dinas Kependudukan dan Pencatatan Sipil untuk fasilitasi NIK secara jemput bola."),
    ("Jumlah pendamping lanjut usia telantar di luar panti belum sebanding dengan jumlah sasaran.",
     "Penambahan alokasi pendamping dan bimbingan teknis perawatan lanjut usia berbasis keluarga."),
]


def _gap_service(spm: list[dict]) -> str | None:
    gaps = {s["code"]: (s["entitled"] or 0) - (s["served"] or 0) for s in spm}
    if gaps.get("lansia", 0) > 0:
        return "lansia"
    best = max(gaps.items(), key=lambda kv: kv[1], default=(None, 0))
    return best[0] if best[1] > 0 else None


def add_rakor_demo(ws: Workspace, year: int, size: str, rng: random.Random) -> None:
    rakor_year = year + 1
    start = year - (year - 2025) % 5  # the five-year Renstra periods 2025–2029, 2030–2034 ...
    drafts.save_renstra(ws, OPERATOR, start, start + 4, VISION, MISSIONS, GOALS)
    spm = sources.spm_capaian(ws, year)
    dekon = sources.dekon_capaian(ws, year)["outputs"]
    region = ws.office().region_name
    best = max(spm, key=lambda s: float(s["index"] or 0), default=None)
    drafts.save_narratives(
        ws, OPERATOR, rakor_year,
        dekon=(f"Pada tahun {year} {ws.office().name} melaksanakan {len(dekon)} rincian output (RO) dekonsentrasi/"
               "tugas pembantuan. Sebagian besar kegiatan terlaksana sesuai rencana; dua RO mengalami keterlambatan "
               "karena jadwal bimbingan teknis bergeser, namun volume yang ditargetkan tetap dapat dicapai pada akhir "
               "tahun. Penyerapan anggaran mengikuti rencana penarikan dana dengan sisa efisiensi pada belanja "
               "perjalanan."),
        spm=(f"Capaian SPM Bidang Sosial tahun {year} di {region} menunjukkan kemajuan pada seluruh jenis pelayanan "
             "dasar. " + (f"Capaian tertinggi pada pelayanan {labels.service(best['code']).lower()}. " if best else "") +
             "Kendala utama adalah penerima tanpa NIK dan keterbatasan pendamping, yang dijawab melalui fasilitasi "
             "NIK bersama Disdukcapil dan usulan penambahan pendamping pada tahun berikutnya."))
    proposals = []
    for o in dekon[:4]:
        volume = max(1, round(o["target_volume"] * rng.choice([1.0, 1.1, 1.2])))
        unit_cost = max(1000, (o["pagu"] // max(1, o["target_volume"])) // 1000 * 1000)
        proposals.append({"ro": f"{o['ro']} {o['name']}", "description": f"Lanjutan kegiatan {o['name']}",
                          "volume": volume, "unit": o["unit"], "unit_cost": unit_cost, "location": region,
                          "priority": 2, "justification": f"Capaian fisik tahun {year} dan kebutuhan di lapangan "
                                                         "masih tinggi.", "gap_service": None})
    gap = _gap_service(spm)
    proposals.insert(0, {
        "ro": "Asistensi Rehabilitasi Sosial Lanjut Usia", "unit": "orang",
        "volume": next((s["entitled"] - s["served"] for s in spm if s["code"] == gap), 0) or 100,
        "description": "Asistensi rehabilitasi sosial dan pemenuhan kebutuhan dasar lanjut usia telantar di luar panti",
        "unit_cost": 2_700_000, "location": region, "priority": 1, "gap_service": gap,
        "justification": "Masih terdapat lanjut usia telantar yang belum terlayani sesuai SPM."})
    drafts.save_proposals(ws, OPERATOR, rakor_year, proposals)
    drafts.save_issues(ws, OPERATOR, rakor_year, [{"problem": p, "recommendation": r} for p, r in ISSUES])


demo.DEMO_STEPS.append(add_rakor_demo)
