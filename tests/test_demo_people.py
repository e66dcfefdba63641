"""Demo people look like people (issue 16, item 17): names match the sex recorded and carried by
the NIK, the register's first page shows several names, and the head of office's NIP decodes
to the sex the name declares."""
from __future__ import annotations

import random
from collections import Counter

import pytest
from sqlalchemy import select

from kemensos_desk.core import nip
from kemensos_desk.services import demo
from kemensos_desk.services import demo_10_spm as spm_demo
from kemensos_desk.services import demo_20_dekon as dekon_demo
from kemensos_desk.services.workspace import Workspace
from kemensos_desk.store.models import Office
from kemensos_desk.store.models_dekon import DekonParticipant
from kemensos_desk.store.models_spm import Beneficiary


@pytest.fixture(scope="module")
def demo_ws(tmp_path_factory):
    ws = Workspace.open(tmp_path_factory.mktemp("demo") / "kantor")
    demo.create_demo(ws, "rahasia123", year=2026, size="normal")
    yield ws
    ws.close()


def _nik_female(nik: str) -> bool:
    return int(nik[6:8]) > 40


def test_name_lists_do_not_overlap():
    assert not set(spm_demo.MEN) & set(spm_demo.WOMEN)
    assert not set(dekon_demo.MEN_NAMES) & set(dekon_demo.WOMEN_NAMES)
    for unisex in ("Ade", "Cucu", "Nur", "Endang"):
        assert unisex not in spm_demo.MEN + spm_demo.WOMEN


def test_names_match_the_recorded_sex_and_the_nik(demo_ws):
    with demo_ws.store.session() as s:
        people = s.execute(select(Beneficiary.name, Beneficiary.sex, Beneficiary.nik)).all()
    men, women = set(spm_demo.MEN), set(spm_demo.WOMEN)
    wrong = []
    for name, sex, number in people:
        given = next((g for g in spm_demo.MEN + spm_demo.WOMEN if name == g or name.startswith(g + " ")), None)
        assert given is not None, name
        if (given in men and sex != "L") or (given in women and sex != "P"):
            wrong.append((name, sex))
        if number and _nik_female(number) != (sex == "P"):
            wrong.append((name, sex, number))
    assert not wrong, wrong[:10]
    women_second = set(spm_demo.FAMILY["P"])
    assert not [n for n, sex, _ in people if sex == "L" and n.split()[-1] in women_second]


def test_dekon_participants_names_match_their_nik(demo_ws):
    with demo_ws.store.session() as s:
        rows = s.execute(select(DekonParticipant.name, DekonParticipant.nik)).all()
    assert rows
    for name, number in rows:
        assert _nik_female(number) == (name in dekon_demo.WOMEN_NAMES), (name, number)


def test_the_register_first_page_is_not_one_name(demo_ws):
    with demo_ws.store.session() as s:
        first_page = list(s.scalars(select(Beneficiary.name).order_by(Beneficiary.name_key, Beneficiary.id).limit(30)))
    given = Counter(n.split()[0] for n in first_page)
    assert len(given) >= 3, given
    assert max(Counter(first_page).values()) <= 3, Counter(first_page)  # no row of identical names


def test_head_of_office_nip_decodes_to_the_declared_sex(demo_ws):
    office = demo_ws.office()
    sexes = dict(demo._HEADS)
    info, problem = nip.check(office.head_nip)
    assert problem is None, problem
    assert info.sex == sexes[office.head_name]


@pytest.mark.parametrize("sex", ["L", "P"])
def test_demo_nip_carries_the_sex(sex):
    for seed in range(20):
        info, problem = nip.check(demo._demo_nip(random.Random(seed), sex))
        assert problem is None and info.sex == sex
