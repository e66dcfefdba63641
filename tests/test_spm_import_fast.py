"""The fast lane of the beneficiary import (``services/spm/importing_fast.py``) must never
change an outcome: the same file planned with and without it gives the same refusals
(row, column, value, reason), warnings, counts and person data, row by row."""
from __future__ import annotations

import dataclasses
import datetime as _dt
import random

import pytest

from kemensos_desk.core import nik as nik_rules
from kemensos_desk.core import tabular
from kemensos_desk.services import importing
from kemensos_desk.services.importing import SourceRow, Table
from kemensos_desk.services.spm import register as reg
from kemensos_desk.services.spm.importing import BeneficiaryImporter
from kemensos_desk.services.spm.importing_fast import FastLane
from test_spm_support import OPERATOR, make_office, nik_for

TODAY = _dt.date(2026, 6, 15)
REGISTERED = ("3210014101500001", "Siti Aminah", _dt.date(1950, 1, 1), "P")


@pytest.fixture(scope="module")
def office(tmp_path_factory):
    ws = make_office(tmp_path_factory.mktemp("fast"))
    nik, name, born, sex = REGISTERED
    reg.create_person(ws, OPERATOR, reg.PersonData(name=name, sex=sex, birth_date=born, kecamatan_code="32.10.01",
                                                   nik=nik, desa="Lama"), ["lansia"], 2026)
    yield ws
    ws.close()


def _cell_variants(rng: random.Random, i: int) -> dict:
    """One row: mostly plain, with every kind of trouble now and then."""
    born = _dt.date(1930, 1, 1) + _dt.timedelta(days=rng.randrange(30000))
    sex = rng.choice("LP")
    kec6 = rng.choice(["321001", "321002", "321004", "321101", "910101", "999999"])
    nik = nik_for(kec6, born, sex, 1 + i)
    nik = rng.choice([nik] * 12 + [
        float(nik), nik[:15], nik + "1", nik[:12] + "0000", f" {nik} ", "'" + nik, nik[:4] + " " + nik[4:],
        nik_for(kec6, born, "L" if sex == "P" else "P", 1 + i), nik_for(kec6, born + _dt.timedelta(days=1), sex, i + 1),
        REGISTERED[0], None, "", "3210011202500abc"])
    if rng.random() < 0.02:  # 29 February in both centuries
        born = rng.choice([_dt.date(1904, 2, 29), _dt.date(1996, 2, 29), _dt.date(1900, 3, 1)])
        nik = nik_for("321001", born, sex, 9000 + i)
    born_cell = rng.choice([born] * 8 + [_dt.datetime.combine(born, _dt.time()), born.strftime("%d/%m/%Y"),
                                         born.strftime("%d-%m-%Y"), "31/02/1950", _dt.date(2030, 1, 1),
                                         _dt.date(1890, 1, 1), None, float((born - tabular.EXCEL_EPOCH).days)])
    plain = rng.random() < 0.5  # then only one cell (maybe) differs from a good row
    row = {"nik": nik_for(rng.choice(["321001", "321002", "321004"]), born, sex, 1 + i), "name": "Budi Santoso",
           "sex": sex, "birth_date": born, "kecamatan": "Lemahsugih", "kk": None, "no_nik_reason": None,
           "birth_place": "Majalengka", "desa": "Desa 1", "rt": "001", "rw": "002", "street": "Blok 1", "dtks_id": None,
           "found_via": None, "institution": None, "start_date": None, "notes": None}
    if row["kecamatan"] == "Lemahsugih":
        row["nik"] = nik_for("321001", born, sex, 1 + i)
    odd = {
        "nik": nik,
        "name": rng.choice(["Siti Aminah", " Budi  Santoso ", "Asep", "", None, "x" * 121, "  ", 12345.0,
                            "Dewi\tLestari", "Ujang\u00a0Sutisna"]),
        "sex": rng.choice([sex] * 8 + [sex.lower(), "Laki-laki", "Perempuan", "X", None, " L ", 1.0, True]),
        "birth_date": born_cell,
        "kecamatan": rng.choice(["Lemahsugih", "Bantarujeg", "TALAGA", "Kecamatan Lemahsugih", "32.10.01", "321002",
                                 "Antah", None, "", 321001.0, "32.11.01"]),
        "kk": rng.choice([None] * 6 + ["", "3210010101100001", "3211010101100001", "32100101011", 3210010101100001.0,
                                       "9999990101100001", "  "]),
        "no_nik_reason": rng.choice([None] * 8 + ["", "belum_memiliki", "Belum memiliki NIK", "entah"]),
        "birth_place": rng.choice(["Majalengka", None, "", "  Bandung ", 7.0]),
        "desa": rng.choice(["Desa 1", None, " Sukamaju  Kidul "]),
        "rt": rng.choice(["001", "1", None, "", "0001", "a1", 3.0, "٣", True, 1, False, 0]),
        "rw": rng.choice(["002", None, "12", "1234"]),
        "street": rng.choice(["Blok 1", None, "Jl.  Kenari"]),
        "dtks_id": rng.choice([None, "3210040001", 3210040001.0]),
        "found_via": rng.choice([None] * 5 + ["", "DTKS", "asesmen", "Rujukan", "lain", 1.0]),
        "institution": rng.choice([None, "Panti Wreda"]),
        "start_date": rng.choice([None] * 6 + ["", _dt.date(2026, 3, 1), "01/04/2026", _dt.date(2025, 12, 31),
                                              "bukan", 46100.0]),
        "notes": rng.choice([None, "catatan", ""]),
    }
    if not plain:
        return odd
    if rng.random() < 0.5:
        name = rng.choice(list(odd))
        row[name] = odd[name]
    return row


def _table(rows: list[dict], as_cells: bool) -> Table:
    names = tuple(rows[0])
    header = tabular.HeaderMatch(1, {n: i for i, n in enumerate(names)}, {n: n.upper() for n in names})
    source = [SourceRow(i + 2, cells=tuple(r[n] for n in names), names=names) if as_cells else SourceRow(i + 2, dict(r))
              for i, r in enumerate(rows)]
    return Table("uji.xlsx", "Sheet1", header, source)


def _outcome(ws, table: Table) -> tuple:
    importer = BeneficiaryImporter("lansia", 2026, today=TODAY)
    with ws.store.session("admin") as s:
        plan = importer.plan(s, table)
    people = [(p.src.row, p.status, dataclasses.asdict(p.data), p.start, p.changes, p.needs_entitlement)
              for p in plan.payload]
    return ([(r.row, r.column, r.value, str(r.reason)) for r in plan.refused],
            [(w.row, w.column, w.value, str(w.reason)) for w in plan.warnings],
            (plan.new, plan.updated, plan.unchanged), people)


@pytest.mark.parametrize("as_cells", [True, False])
def test_fast_lane_gives_the_same_plan_as_the_full_checks(office, monkeypatch, as_cells):
    rng = random.Random(2026)
    rows = [_cell_variants(rng, i) for i in range(4000)]
    nik, name, born, sex = REGISTERED  # registered already: the first row with that NIK updates the person
    rows[0] = {**rows[0], "nik": nik, "name": name.upper(), "birth_date": born, "sex": sex, "kecamatan": "Lemahsugih",
               "kk": None, "no_nik_reason": None, "rt": "001", "rw": "002", "found_via": None, "start_date": None}
    table = _table(rows, as_cells)
    taken = []
    plain_rows = FastLane.plain_rows

    def counting(self, t):
        out = plain_rows(self, t)
        taken.append(sum(o is not None for o in out))
        return out

    monkeypatch.setattr(FastLane, "plain_rows", counting)
    fast = _outcome(office, table)
    monkeypatch.setattr(FastLane, "plain_rows", lambda self, t: [None] * len(t.rows))
    full = _outcome(office, table)
    assert fast[0] == full[0]
    assert fast[1] == full[1]
    assert fast[2] == full[2]
    assert fast[3] == full[3]
    # the lane did take a good share, and there was plenty for the full checks to refuse
    assert taken[0] > 1000 and len(full[0]) > 1000 and full[2][0] > 1000 and full[2][1] == 1


def test_combined_columns_take_the_full_checks(office):
    rows = [{"nik": "3210014101500002", "name": "Ani", "sex": "P", "birth_place_date": "Majalengka, 01-01-1950",
             "kecamatan": "Lemahsugih"}]
    table = _table(rows, True)
    lane = FastLane(table, tabular.KecamatanMatcher("32.10"), "32.10", today=TODAY, year=2026, session=None,
                    locked=set(), found_via=lambda x: None)
    assert not lane.enabled and lane.plain_rows(table) == [None]


def test_plainly_valid_agrees_with_check_nik():
    rng = random.Random(7)
    today = _dt.date(2026, 6, 15)
    agreed = 0
    for i in range(20000):
        born = _dt.date(1900, 1, 1) + _dt.timedelta(days=rng.randrange(48000))
        sex = rng.choice("LP")
        nik = nik_for(rng.choice(["321001", "321101", "910101", "000000", "730204"]), born, sex, rng.randrange(3))
        if rng.random() < 0.3:  # someone else's date or sex
            nik = nik_for(nik[:6], born + _dt.timedelta(days=rng.choice([1, 365, 36525])), rng.choice("LP"), 1)
        if rng.random() < 0.05:
            born = rng.choice([_dt.date(1904, 2, 29), _dt.date(2000, 2, 29), _dt.date(1920, 2, 29)])
            nik = nik_for("321001", born, sex, 1)
        given_sex = rng.choice([sex, sex, sex, "L", "P"])
        region = rng.choice(["32.10", "32", "73.02", None])
        full = nik_rules.check_nik(nik, sex=given_sex, birth_date=born, office_region=region, today=today)
        quick = nik_rules.plainly_valid(nik, given_sex, born, region, today)
        if quick:
            assert not full.errors and not full.warnings, (nik, given_sex, born, region)
            agreed += 1
    assert agreed > 3000


def test_kk_plainly_valid_agrees_with_check_kk():
    for kk in ("3210010101100001", "3211010101100001", "9101010101100001", "9999990101100001", "32100101011000011",
               "321001010110000a"):
        for region in ("32.10", "32", "73.02", None):
            full = nik_rules.check_kk(kk, office_region=region)
            if nik_rules.kk_plainly_valid(kk, region):
                assert not full.errors and not full.warnings


def test_new_uuids_are_sorted_version_4():
    import uuid

    got = importing.new_uuids(500)
    assert got == sorted(got) and len(set(got)) == 500
    assert all(str(uuid.UUID(u)) == u and uuid.UUID(u).version == 4 and uuid.UUID(u).variant == uuid.RFC_4122
               for u in got)


def test_source_row_keeps_its_dict_view():
    row = SourceRow(7, cells=("a", None), names=("nik", "name"))
    assert row.values == {"nik": "a", "name": None} and row == SourceRow(7, {"nik": "a", "name": None})


@pytest.mark.parametrize("top_id", [None, 2**63 - 1])
def test_insert_rows_gives_each_row_its_id(tmp_path, top_id):
    """Normally the new ids follow the largest one; once the largest possible id is taken,
    SQLite picks them at random and they are read back by UUID."""
    from kemensos_desk.store.models_spm import Beneficiary

    ws = make_office(tmp_path)
    keys = ("name", "name_key", "sex", "birth_date", "kecamatan_code", "uuid")
    try:
        with ws.store.session("admin") as s:
            if top_id:
                importing.insert_rows(s, Beneficiary, ("id", *keys), [
                    (top_id, "Puncak", "puncak", "L", "1950-01-01", "32.10.01", importing.new_uuids(1)[0])], "admin",
                    constants={"status": "active"})
            names = [f"Orang {i}" for i in range(40)]
            ids = importing.insert_rows(s, Beneficiary, keys, [
                (n, n.lower(), "L", "1950-01-01", "32.10.01", u) for n, u in zip(names, importing.new_uuids(40))],
                "admin", constants={"status": "active", "status_date": None})
        with ws.store.session() as s:
            stored = dict(s.execute(Beneficiary.__table__.select().with_only_columns(
                Beneficiary.id, Beneficiary.name)).all())
            people = s.scalars(Beneficiary.__table__.select().with_only_columns(Beneficiary.created_by)).all()
        assert [stored[i] for i in ids] == names
        assert set(people) == {"admin"}
    finally:
        ws.close()
