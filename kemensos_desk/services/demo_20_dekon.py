"""Demo data of the dekon/TP module: a realistic fiscal year of ministry-funded activities.

A province gets dekonsentrasi (DK) ROs (Bimtek TKSK and PSM, tali asih TKSK and SLRT,
bantuan operasional Ikatan PSM ...); a kabupaten/kota gets tugas pembantuan (TP) ones.
Months up to the last finished one are entered, following the RPD with two ROs running
late; participants of the Bimtek, one problem still open, one solved; quarters that have
ended before July are approved. Everything goes through the module's own rules.
"""
from __future__ import annotations

import datetime as _dt
import random
from decimal import Decimal

from kemensos_desk.core import regions
from kemensos_desk.store.models_dekon import DekonFollowUp, DekonParticipant, DekonProblem
from kemensos_desk.services import demo
from kemensos_desk.services.dekon import allocations, approval, common, monthly
from kemensos_desk.services.dekon.allocations import AllocationInput, IndicatorInput
from kemensos_desk.services.workspace import Workspace

OPERATOR, VERIFIKATOR = "siti.rahmawati", "budi.santoso"
PROGRAM = "Program Pemberdayaan Sosial"
# (RO code, name, volume, unit, pagu, RPD months, participants' PSKS category or None, indicator)
PROVINCE = [
    ("6288.QDB.001", "Bimbingan Teknis Tenaga Kesejahteraan Sosial Kecamatan (TKSK)", 120, "orang", 540_000_000,
     (3, 5, 8), "tksk", ("TKSK yang meningkat kapasitasnya", "orang", "120", "higher", "sum")),
    ("6288.QDB.002", "Bimbingan Teknis Pekerja Sosial Masyarakat (PSM)", 100, "orang", 380_000_000,
     (6, 9), "psm", ("PSM yang mengikuti bimtek", "orang", "100", "higher", "sum")),
    ("6288.QDB.003", "Bimbingan Teknis Pengurus Karang Taruna", 80, "orang", 320_000_000, (4, 7, 10),
     "karang_taruna", ("Persentase peserta tidak lulus evaluasi akhir", "persen", "10", "lower", "last")),
    ("6288.QEA.001", "Tali Asih Tenaga Kesejahteraan Sosial Kecamatan (TKSK)", 12, "bulan", 1_881_000_000,
     tuple(range(1, 13)), None, ("TKSK penerima tali asih", "orang", "627", "higher", "last")),
    ("6288.QEA.002", "Tali Asih Pelaksana SLRT dan Petugas Puskesos", 12, "bulan", 648_000_000, tuple(range(1, 13)),
     None, None),
    ("6288.QEB.001", "Bantuan Operasional Ikatan Pekerja Sosial Masyarakat (IPSM) Provinsi", 1, "lembaga", 150_000_000,
     (4, 8), None, None),
]
KABKOTA = [
    ("6288.QEB.002", "Bantuan Operasional Lembaga Kesejahteraan Sosial (LKS)", 10, "lembaga", 250_000_000, (5, 8),
     None, ("LKS yang menerima bantuan operasional", "lembaga", "10", "higher", "sum")),
    ("6288.QEB.003", "Bantuan Pengembangan Usaha Karang Taruna", 5, "lembaga", 175_000_000, (7, 9), None, None),
    ("6288.QDB.004", "Sosialisasi dan Bimbingan Teknis Pelaksana SLRT/Puskesos", 60, "orang", 210_000_000, (3, 6),
     "slrt", ("Petugas Puskesos yang mengikuti bimtek", "orang", "60", "higher", "sum")),
    ("6288.QEB.004", "Bantuan Operasional Puskesos", 8, "lembaga", 160_000_000, (4, 10), None, None),
]
# Participants' names match the sex their NIK carries (day of birth + 40 for a woman).
MEN_NAMES = ["Asep Hidayat", "Dadang Suryana", "Agus Permana", "Cecep Gunawan", "Hendra Saputra", "Iwan Setiawan",
             "Tatang Rohendi", "Rahmat Supriatna", "Ujang Kusnadi", "Dedi Sulaeman"]
WOMEN_NAMES = ["Euis Rahayu", "Neneng Sumarni", "Dewi Kartini", "Imas Nurhayati", "Lilis Suhendar",
               "Ratna Maulana", "Yuyun Haryono", "Entin Wahyudi", "Sri Sulastri"]


def _rpd(pagu: int, months: tuple[int, ...]) -> dict[int, int]:
    share, rest = divmod(pagu, len(months))
    plan = {m: share for m in months}
    plan[months[-1]] += rest
    return plan


def _nik(rng: random.Random, kec_code: str, female: bool) -> str:
    born = _dt.date(rng.randint(1970, 1996), rng.randint(1, 12), rng.randint(1, 28))
    return f"{kec_code.replace('.', '')}{born.day + (40 if female else 0):02d}{born.month:02d}{born.year % 100:02d}" \
           f"{rng.randint(1, 2999):04d}"


def _kecamatan_pool(office) -> list[str]:
    if office.level == "provinsi":
        kabs = regions.kabkota(office.region_code)[:4]
        return [k.code for kab in kabs for k in regions.kecamatan(kab.code)]
    return [k.code for k in regions.kecamatan(office.region_code)]


def add_dekon_demo(ws: Workspace, year: int, size: str, rng: random.Random) -> None:
    real_today = _dt.date.today()
    today = min(real_today, _dt.date(year, 12, 31))
    last = 12 if year < real_today.year else real_today.month - 1  # months that have ended
    with ws.store.session(OPERATOR) as s:
        office = common.office(s)
        province = office.level == "provinsi"
        catalogue, source = (PROVINCE, "DK") if province else (KABKOTA, "TP")
        kecs = _kecamatan_pool(office)
        kabkota = None if province else office.region_code
        items = []
        for ro, name, volume, unit, pagu, months, _cat, ind in catalogue:
            kegiatan, kro, _n = ro.split(".")
            items.append(AllocationInput(
                year=year, source=source, program=PROGRAM, kegiatan=kegiatan, kro=kro, ro_code=ro, name=name,
                target_volume=volume, unit=unit, pagu=pagu, kabkota_code=kabkota, rpd=_rpd(pagu, months),
                indicators=[IndicatorInput(ind[0], ind[1], Decimal(ind[2]), ind[3], ind[4])] if ind else []))
        allocations.save_all_in(s, items)
        late = {catalogue[1][0], catalogue[-1][0]}  # two ROs behind their plan
        for (ro, name, volume, unit, pagu, months, cat, ind), item in zip(catalogue, items):
            done_vol = 0
            active = [m for m in months if m <= last]
            for i, m in enumerate(active):
                behind = ro in late and m == active[-1]  # the latest planned month not yet spent
                if behind:
                    continue
                vol = 1 if unit == "bulan" else (volume - done_vol if m == months[-1] else volume // len(months))
                spent = int(item.rpd[m] * rng.uniform(0.9, 0.99)) // 1000 * 1000
                done_vol += vol
                values = {}
                if ind:
                    if ind[3] == "lower":
                        values[ind[0]] = Decimal(rng.choice(["6.25", "8.75", "12.50"]))
                    elif ind[4] == "last":
                        values[ind[0]] = Decimal(ind[2]) - rng.randint(0, 6)
                    else:
                        values[ind[0]] = Decimal(vol)
                monthly.record_in(s, monthly.MonthEntry(
                    year, ro, m, vol, spent, f"{name}: kegiatan bulan ke-{m} terlaksana sesuai jadwal.",
                    indicator_values=values), today=today)
                if cat and vol and kecs:
                    alloc = common.allocation(s, year, ro)
                    for k in range(min(vol, 12 if size == "small" else 30)):
                        female = rng.random() < 0.45
                        s.add(DekonParticipant(allocation_id=alloc.id, month=m,
                                               name=rng.choice(WOMEN_NAMES if female else MEN_NAMES),
                                               nik=_nik(rng, rng.choice(kecs), female), psks_category=cat,
                                               kecamatan_code=rng.choice(kecs)))
        if last >= 2:
            first = common.allocation(s, year, catalogue[0][0])
            solved = DekonProblem(allocation_id=first.id, month=2, status="selesai",
                                  description="Sebagian rekening peserta tidak aktif sehingga uang harian tertunda.")
            s.add(solved)
            s.flush()
            s.add(DekonFollowUp(problem_id=solved.id, month=2, status="selesai",
                                action="Koordinasi dengan bank penyalur untuk aktivasi ulang rekening."))
        if last >= 4:
            slow = common.allocation(s, year, catalogue[1][0])
            open_p = DekonProblem(allocation_id=slow.id, month=min(last, 9), status="terbuka",
                                  description="Jadwal kegiatan mundur karena narasumber dari Kementerian Sosial berhalangan.")
            s.add(open_p)
            s.flush()
            s.add(DekonFollowUp(problem_id=open_p.id, month=min(last, 9), status="rencana",
                                action="Menjadwalkan ulang kegiatan dan mengajukan narasumber pengganti."))
    with ws.store.session(VERIFIKATOR) as s:
        for q in (1, 2):
            if q * 3 <= last:
                approval.approve_in(s, VERIFIKATOR, year, q)


demo.DEMO_STEPS.append(add_dekon_demo)
