"""Demo data of the SPM module: a register of realistic people and a year of services.

Indonesian names, NIKs consistent with the office's kecamatan, sex and birth date; some
people without NIK (with a reason); deliveries with realistic gaps; two disaster events;
budgets with problems and solutions; Triwulan I–II approved. Rows go in with bulk
inserts (``executemany``), so the bookkeeping columns of ``RecordMixin`` are set here.
"""
from __future__ import annotations

import datetime as _dt
import random

from sqlalchemy import insert

from kemensos_desk.core import regions
from kemensos_desk.store.base import new_uuid, utcnow
from kemensos_desk.store.models_spm import Beneficiary, ServiceDelivery, SpmAssessment, SpmEntitlement
from kemensos_desk.services import demo
from kemensos_desk.services.spm import budget, common, disaster, quarters
from kemensos_desk.services.spm.register import name_key

OPERATOR = "siti.rahmawati"
SIZES = {"small": 200, "normal": 3000}
# Given names whose sex nobody doubts (unisex ones such as Ade, Cucu, Nur or Endang left out:
# a demo must not show a man marked P). Common names weigh 6, the rest 1, so that the register's
# first page (sorted by name) shows several names, not one name thirty times.
MEN_COMMON = ["Asep", "Dadang", "Ujang", "Agus", "Budi", "Cecep", "Dedi", "Eko", "Hendra", "Iwan", "Joko", "Maman",
              "Nana", "Rahmat", "Slamet", "Tatang", "Ahmad", "Yayan", "Wawan", "Dede Rohman", "Deden", "Engkos",
              "Jajang", "Ujang Suparman", "Usep", "Dudung", "Rudi", "Hasan", "Iman", "Yusuf"]
MEN_RARE = ["Aan", "Abdul", "Acep", "Adang", "Adi", "Aep", "Ajat", "Aldi", "Andri", "Anwar", "Bambang", "Dani",
            "Edi", "Fajar", "Gilang", "Hadi", "Irfan", "Kurnia", "Lukman", "Mulyadi", "Oman", "Pepen", "Rizki",
            "Sopian", "Suparman", "Taufik", "Wahyu", "Yudi", "Zainal", "Enjang"]
WOMEN_COMMON = ["Siti", "Euis", "Neneng", "Dewi", "Imas", "Lilis", "Nining", "Popon", "Ratna", "Sri", "Tati", "Wati",
                "Yuyun", "Entin", "Iis", "Mimin", "Rohayati", "Eneng", "Elis", "Yeni", "Nia", "Rina", "Tuti",
                "Kokom", "Enok", "Nenden", "Dedeh", "Oneng", "Titin", "Ani"]
WOMEN_RARE = ["Aisyah", "Ai Rohmah", "Alia", "Amelia", "Anisa", "Aprilia", "Ayu", "Bunga", "Citra", "Desi", "Eka",
              "Fitri", "Fatimah", "Heni", "Ika", "Intan", "Juju", "Kartika", "Lina", "Maryam", "Nurul", "Omah",
              "Puspa", "Rahma", "Sari", "Umi", "Vina", "Wulan", "Yanti", "Zahra"]
MEN = MEN_COMMON + MEN_RARE
WOMEN = WOMEN_COMMON + WOMEN_RARE
_WEIGHTS = {"L": (MEN, [6] * len(MEN_COMMON) + [1] * len(MEN_RARE)),
            "P": (WOMEN, [6] * len(WOMEN_COMMON) + [1] * len(WOMEN_RARE))}
# Second names: a father's name for a man, a woman's own second name for a woman.
FAMILY = {"L": ["Hidayat", "Permana", "Suryana", "Kusnadi", "Saputra", "Setiawan", "Gunawan", "Maulana", "Sulaeman",
                "Suhendar", "Wahyudi", "Rohendi", "Haryono", "Supriatna", "Firmansyah", "Nugraha"],
          "P": ["Rahayu", "Sumarni", "Nurhayati", "Kartini", "Lestari", "Handayani", "Wulandari", "Susanti",
                "Rahmawati", "Fitriani", "Purnamasari", "Sulastri", "Komariah", "Maryati", "Aminah", "Jubaedah"]}
DESA = ["Sukamaju", "Cibodas", "Sindangsari", "Mekarjaya", "Sukasari", "Margamulya", "Cijati", "Babakan",
        "Sindanglaya", "Girimukti", "Karyamukti", "Jatisari", "Sukahaji", "Cipeundeuy", "Tanjungsari"]
PLACES = ["Majalengka", "Cirebon", "Kuningan", "Sumedang", "Indramayu", "Bandung", "Tasikmalaya", "Garut"]
# service -> (share of the register, age range, share without NIK)
PROFILE = {"lansia": (0.35, (60, 92), 0.03), "disabilitas": (0.25, (8, 70), 0.05),
           "anak": (0.25, (1, 17), 0.15), "gepeng": (0.15, (18, 60), 0.40)}
PROBLEMS = {
    "lansia": ("Sebagian lansia tinggal jauh dari jalur distribusi permakanan.",
               "Kerja sama dengan TKSK dan PSM kecamatan untuk pengantaran."),
    "disabilitas": ("Anggaran alat bantu tidak mencukupi seluruh hasil asesmen.",
                    "Usulan tambahan pada APBD Perubahan dan CSR perusahaan."),
    "anak": ("Banyak anak telantar belum memiliki akta kelahiran dan NIK.",
             "Layanan jemput bola bersama Disdukcapil setiap triwulan."),
    "gepeng": ("Penerima berpindah-pindah sehingga layanan lanjutan terputus.",
               "Penjangkauan bersama Satpol PP dan rujukan ke LKS."),
    "bencana": ("Data korban per jiwa terlambat diterima dari desa.",
                "Pendataan cepat oleh Tagana memakai formulir seragam."),
}


def _bookkeeping(now) -> dict:
    return {"uuid": new_uuid(), "created_at": now, "created_by": OPERATOR, "updated_at": now,
            "updated_by": OPERATOR, "revision": 1}


def _name(rng: random.Random, sex: str) -> str:
    names, weights = _WEIGHTS["L" if sex == "L" else "P"]
    first = rng.choices(names, weights)[0]
    if " " in first or rng.random() >= 0.9:
        return first
    return f"{first} {rng.choice(FAMILY['L' if sex == 'L' else 'P'])}"


def _dates_between(start: _dt.date, end: _dt.date, months: list[int], year: int) -> list[_dt.date]:
    out = []
    for m in months:
        day = _dt.date(year, m, 10)
        if start <= day <= end:
            out.append(day)
    return out


# component -> months delivered (the 10th); an operator's calendar, not a rule.
SCHEDULE = {"permakanan": list(range(1, 13)), "sandang": [2, 8], "perbekalan_kesehatan": [1, 4, 7, 10],
            "bimbingan": [1, 3, 5, 7, 9, 11], "bimbingan_keluarga": [3, 9], "akses_layanan": [2]}


def spm_demo(ws, year: int, size: str, rng: random.Random) -> None:
    today = min(_dt.date.today(), _dt.date(year, 12, 31))
    if today < _dt.date(year, 1, 31):
        return
    now = utcnow()
    with ws.store.session(OPERATOR) as s:
        office = common.office(s)
        kecs = ([k for kab in regions.kabkota(office.region_code) for k in regions.kecamatan(kab.code)]
                if office.level == "provinsi" else regions.kecamatan(office.region_code))
        services = {svc.code: svc for svc in common.services(s)}
        people, ents, assess, dels = [], [], [], []
        serials: dict[str, int] = {}
        next_id = 1
        for _ in range(SIZES.get(size, SIZES["normal"])):
            code = rng.choices(list(PROFILE), weights=[p[0] for p in PROFILE.values()])[0]
            _share, (lo, hi), no_nik_share = PROFILE[code]
            sex = rng.choice("LP")
            born = _dt.date(year - rng.randint(lo, hi), rng.randint(1, 12), rng.randint(1, 28))
            kec = rng.choice(kecs)
            six = kec.code.replace(".", "")
            has_nik = rng.random() >= no_nik_share
            nik = None
            if has_nik:
                stem = f"{six}{born.day + (40 if sex == 'P' else 0):02d}{born.month:02d}{born.year % 100:02d}"
                serials[stem] = serials.get(stem, 0) + 1
                nik = f"{stem}{serials[stem]:04d}"
            status, status_date = "active", None
            roll = rng.random()
            if roll < 0.02:
                status, status_date = "died", _dt.date(year, rng.randint(1, today.month), rng.randint(1, 28))
            elif roll < 0.04:
                status, status_date = "moved", _dt.date(year, rng.randint(1, today.month), rng.randint(1, 28))
            if status_date and status_date > today:
                status_date = today
            name = _name(rng, sex)
            pid = next_id
            next_id += 1
            issued = _dt.date(rng.randint(2008, year - 1), rng.randint(1, 12), rng.randint(1, 28))
            people.append({
                "id": pid, "nik": nik, "no_nik_reason": None if has_nik else rng.choice(
                    ["belum_memiliki", "belum_memiliki", "tidak_diketahui", "dalam_pengurusan"]),
                "kk": f"{six}{issued:%d%m}{issued.year % 100:02d}{rng.randint(1, 9999):04d}" if has_nik else None,
                "name": name, "name_key": name_key(name), "sex": sex, "birth_place": rng.choice(PLACES),
                "birth_date": born, "kecamatan_code": kec.code, "desa": rng.choice(DESA),
                "rt": f"{rng.randint(1, 12):03d}", "rw": f"{rng.randint(1, 8):03d}",
                "street": f"Dusun {rng.choice(['Kaler', 'Kidul', 'Wetan', 'Kulon', 'Tengah'])}",
                "dtks_id": f"DTKS-{rng.randint(10**9, 10**10 - 1)}" if rng.random() < 0.6 else None,
                "found_via": rng.choice(["dtks", "dtks", "asesmen", "rujukan", "penjangkauan"]),
                "institution": "LKS Bina Sejahtera" if code in ("anak", "gepeng") and rng.random() < 0.3 else None,
                "notes": None, "status": status, "status_date": status_date, **_bookkeeping(now)})
            start = _dt.date(year, 1, 1) if rng.random() < 0.8 else _dt.date(year, rng.randint(2, max(2, today.month)), 1)
            start = min(start, today)
            ents.append({"beneficiary_id": pid, "service": code, "year": year, "start_date": start, **_bookkeeping(now)})
            end = min(today, status_date) if status_date else today
            diligence = rng.random()  # some people are reached reliably, some hardly
            svc = services[code]
            for comp, months in SCHEDULE.items():
                if diligence < 0.08 or (diligence < 0.3 and rng.random() < 0.35):
                    continue  # a component never reached: the realistic gap
                for day in _dates_between(start, end, months, year):
                    if rng.random() < 0.9:
                        dels.append({"beneficiary_id": pid, "service": code, "component": comp, "delivered_on": day,
                                     "quantity": 1.0, "unit": svc.component(comp).unit, "provider": office.name,
                                     **_bookkeeping(now)})
            wanted = [c for c in svc.asesmen if not svc.component(c).auto_if_no_nik and rng.random() < 0.12]
            if not has_nik:
                wanted.append("fasilitasi_dokumen")
            for comp in wanted:
                assessed = min(end, start + _dt.timedelta(days=rng.randint(5, 60)))
                if comp != "fasilitasi_dokumen":
                    assess.append({"beneficiary_id": pid, "service": code, "year": year, "component": comp,
                                   "assessed_on": assessed, "notes": None, **_bookkeeping(now)})
                if rng.random() < 0.6:
                    day = min(end, assessed + _dt.timedelta(days=rng.randint(10, 90)))
                    dels.append({"beneficiary_id": pid, "service": code, "component": comp, "delivered_on": day,
                                 "quantity": 1.0, "unit": svc.component(comp).unit, "provider": office.name,
                                 **_bookkeeping(now)})
        s.execute(insert(Beneficiary), people)
        s.execute(insert(SpmEntitlement), ents)
        if assess:
            s.execute(insert(SpmAssessment), assess)
        s.execute(insert(ServiceDelivery), dels)
        _disasters(s, rng, year, today, kecs)
        for code in services:
            allocated = rng.randint(15, 90) * 10_000_000
            spent = int(allocated * rng.uniform(0.55, 0.95)) // 1000 * 1000
            budget.put_budget(s, code, year, allocated, spent, *PROBLEMS[code])
    with ws.store.session("budi.santoso") as s:
        for q in (1, 2):
            if _dt.date(year, q * 3, 28) < today:
                quarters.approve_in(s, "budi.santoso", year, q)


def _disasters(s, rng: random.Random, year: int, today: _dt.date, kecs) -> None:
    for kind, month, jiwa in (("Banjir", 2, rng.randint(120, 400)), ("Tanah longsor", 11, rng.randint(30, 90))):
        day = _dt.date(year, month, rng.randint(3, 20))
        if day > today - _dt.timedelta(days=7):
            day = _dt.date(year, 3, 15)
        ev = disaster.add_event_in(s, disaster.EventData(
            kind, day, rng.choice(kecs).code, jiwa, kk=jiwa // 4, children=jiwa // 5, elderly=jiwa // 10,
            disabled=jiwa // 40, pregnant=jiwa // 50, psychosocial=jiwa // 8, location=f"Desa {rng.choice(DESA)}"))
        for comp, share in (("penampungan", 1.0), ("permakanan", 1.0), ("sandang", rng.uniform(0.7, 1.0)),
                            ("kelompok_rentan", 0.3), ("psikososial", 0.1)):
            disaster.deliver_in(s, ev.id, comp, day + _dt.timedelta(days=1), max(1, int(jiwa * share)),
                                quantity=7 if comp == "permakanan" else None)


demo.DEMO_STEPS.append(spm_demo)
