"""The corrected SPM rules (issue 12 §1, rules version 2026.2): bands, Paripurna earned never
rounded into, disaster phases and social types, the gepeng changes, the four application
stages and the rencana aksi in the quarterly report and the bundle."""
from __future__ import annotations

import json
from decimal import Decimal
from fractions import Fraction

import pytest

from kemensos_desk.cli.main import main
from kemensos_desk.core import rules as core_rules, spm as rules
from kemensos_desk.services.spm import reference
from test_spm_support import PASSWORD, make_office


def run(capsys, data_dir, *args) -> tuple[int, str]:
    code = main(["--data-dir", str(data_dir), *args])
    return code, capsys.readouterr().out


@pytest.fixture()
def office(tmp_path, capsys, monkeypatch):
    monkeypatch.setenv("KEMENSOS_DESK_PASSWORD", PASSWORD)
    ws = make_office(tmp_path)
    data = ws.data_dir
    ws.close()

    def cli(*args):
        return run(capsys, data, *args)

    cli.data = data
    return cli


def admin(cli, *args):
    code, out = cli("--user", "admin", *args, "--json")
    assert code == 0, out
    return json.loads(out)


def disaster_event(cli, jiwa: int, shelter: int, date: str = "2025-02-03", **extra) -> int:
    """An event whose permakanan (7 days) and sandang reach everyone and penampungan ``shelter``."""
    flags = [x for k, v in extra.items() for x in (f"--{k}", str(v))]
    eid = admin(cli, "spm", "disaster", "add", "--type", "Banjir", "--date", date, "--kecamatan", "32.10.01",
                "--jiwa", str(jiwa), *flags)["id"]
    for comp, n in (("permakanan", jiwa), ("sandang", jiwa), ("penampungan", shelter)):
        qty = ["--quantity", "7"] if comp == "permakanan" else []
        admin(cli, "spm", "disaster", "deliver", str(eid), "--component", comp, "--date", date, "--jiwa", str(n), *qty)
    return eid


def capaian(cli, year=2025, quarter=None) -> dict:
    args = ["spm", "capaian", "--year", str(year), "--json"] + (["--quarter", str(quarter)] if quarter else [])
    code, out = cli(*args)
    assert code == 0, out
    return json.loads(out)


def bencana(doc: dict) -> dict:
    return next(s for s in doc["services"] if s["code"] == "bencana")


def test_built_in_rules_are_version_2026_2_with_the_corrected_bands():
    ref = reference.load()
    assert ref.version == "2026.2"
    assert [(int(b.min), b.name) for b in ref.bands] == [
        (100, "Tuntas Paripurna"), (90, "Tuntas Utama"), (80, "Tuntas Madya"), (70, "Tuntas Pratama"),
        (60, "Tuntas Muda"), (0, "Belum Tuntas")]
    assert all(b.colour for b in ref.bands)
    data = core_rules.built_in().files["spm_services"]
    assert all(set(b) >= {"min", "name"} for b in data["bands"]) and "disaster_types" in data
    assert core_rules.built_in().version == "2026.2"


@pytest.mark.parametrize("value, band", [
    (Decimal("69.99"), "Tuntas Muda"), (Decimal(85), "Tuntas Madya"), (Decimal(90), "Tuntas Utama"),
    (Decimal("79.99"), "Tuntas Pratama"), (Decimal(60), "Tuntas Muda"), (Decimal("59.999"), "Belum Tuntas"),
    (Decimal("42.03"), "Belum Tuntas"), (Decimal(100), "Tuntas Paripurna"), (Fraction(199_999, 2000), "Tuntas Utama")])
def test_bands_by_the_new_table(value, band):
    assert rules.band(value, reference.load().bands) == band


def test_display_never_rounds_onto_a_band_edge():
    edges = [b.min for b in reference.load().bands]
    assert rules.shown(Fraction(199_990, 2000), edges) == Decimal("99.99")  # 99,995 would round to 100,00
    assert rules.shown(Fraction(89_995, 1000), edges) == Decimal("89.99")
    assert rules.shown(Fraction(89_994, 1000), edges) == Decimal("89.99")
    assert rules.shown(Fraction(85_005, 1000), edges) == Decimal("85.01")  # away from an edge: half up
    assert rules.percent(19_999, 20_000) == Decimal("99.99")


def test_capaian_bands_69_is_muda_and_82_is_madya(office):
    disaster_event(office, 100, 65)
    s = bencana(capaian(office, quarter=1))
    # served 65 of 100; quality 265/300: 0,8 × 65 + 0,2 × 88,33 = 69,67
    assert (s["served"], s["index"], s["band"]) == (65, 69.67, "Tuntas Muda")
    disaster_event(office, 100, 95, date="2025-05-05")
    s = bencana(capaian(office, quarter=2))
    # served 160 of 200, quality 560/600: 0,8 × 80 + 0,2 × 93,33 = 82,67
    assert (s["served"], s["index"], s["band"]) == (160, 82.67, "Tuntas Madya")
    assert capaian(office)["rules_version"] == "2026.2"


def test_all_but_one_of_20000_served_is_not_paripurna(office):
    disaster_event(office, 20_000, 19_999)
    s = bencana(capaian(office, quarter=1))
    assert s["served"] == 19_999 and s["recipient_pct"] == 99.99
    assert s["index"] == 99.99 and s["band"] == "Tuntas Utama"
    code, out = office("spm", "capaian", "--year", "2025", "--quarter", "1")
    assert code == 0 and "99,99" in out and "Paripurna" not in out


def test_texts_of_rules_come_from_the_rules():
    ref = reference.load()
    assert rules.formula_text(ref.weights) == "Indeks = 0,8 × capaian penerima + 0,2 × capaian mutu"
    assert rules.formula_text({"penerima": 0.75, "mutu": 0.25}).startswith("Indeks = 0,75 × capaian penerima")
    assert rules.band_legend(ref.bands) == [
        "Tuntas Paripurna: 100", "Tuntas Utama: 90 sampai <100", "Tuntas Madya: 80 sampai <90",
        "Tuntas Pratama: 70 sampai <80", "Tuntas Muda: 60 sampai <70", "Belum Tuntas: <60"]


# --- Disasters: social types and the event's phase ---------------------------------------

def test_social_disaster_types_are_in_the_rules(office):
    types = reference.disaster_types()
    assert {"Konflik sosial", "Aksi teror", "Lainnya"} <= set(types)
    eid = admin(office, "spm", "disaster", "add", "--type", "Konflik sosial", "--date", "2025-03-01",
                "--kecamatan", "32.10.01", "--jiwa", "12")["id"]
    code, out = office("spm", "disaster", "list", "--year", "2025", "--json")
    [ev] = json.loads(out)
    assert (ev["id"], ev["disaster_type"], ev["phase"]) == (eid, "Konflik sosial", "tanggap_darurat")


def test_after_the_response_only_vulnerable_and_psychosocial_apply(office):
    eid = admin(office, "spm", "disaster", "add", "--type", "Gempa bumi", "--date", "2025-02-01",
                "--kecamatan", "32.10.01", "--jiwa", "50", "--children", "6", "--elderly", "4",
                "--psychosocial", "4", "--phase", "pasca")["id"]
    code, out = office("--user", "admin", "spm", "disaster", "deliver", str(eid), "--component", "permakanan",
                       "--date", "2025-02-02", "--jiwa", "50", "--quantity", "7", "--json")
    assert code == 1 and "tidak berlaku" in json.loads(out)["error"]
    admin(office, "spm", "disaster", "deliver", str(eid), "--component", "kelompok_rentan", "--date", "2025-02-02",
          "--jiwa", "10")
    admin(office, "spm", "disaster", "deliver", str(eid), "--component", "psikososial", "--date", "2025-02-02",
          "--jiwa", "2")
    s = bencana(capaian(office, quarter=1))
    # 10 need kelompok rentan (all reached), 4 need psikososial (2 reached): 8 of 10 served at least.
    assert (s["entitled"], s["served"], s["quality_pct"]) == (10, 8, 85.71)
    code, out = office("spm", "disaster", "add", "--type", "Banjir", "--date", "2025-02-01", "--kecamatan",
                       "32.10.01", "--jiwa", "5", "--phase", "sesudah")
    assert code == 2  # not a phase


def test_permakanan_counts_from_seven_days(office):
    eid = admin(office, "spm", "disaster", "add", "--type", "Banjir", "--date", "2025-02-01", "--kecamatan",
                "32.10.01", "--jiwa", "10")["id"]
    for comp in ("sandang", "penampungan"):
        admin(office, "spm", "disaster", "deliver", str(eid), "--component", comp, "--date", "2025-02-02",
              "--jiwa", "10")
    short = admin(office, "spm", "disaster", "deliver", str(eid), "--component", "permakanan", "--date",
                  "2025-02-02", "--jiwa", "10", "--quantity", "3")
    assert short["warnings"] and "7 hari" in short["warnings"][0]
    assert bencana(capaian(office, quarter=1))["served"] == 0
    full = admin(office, "spm", "disaster", "deliver", str(eid), "--component", "permakanan", "--date",
                 "2025-02-03", "--jiwa", "10", "--quantity", "7")
    assert full["warnings"] == []
    assert bencana(capaian(office, quarter=1))["served"] == 10


def test_events_recorded_before_phases_are_in_the_response_phase(tmp_path):
    from test_release_upgrade import unpack
    from cli_helpers import run as cli_run

    data = unpack(tmp_path)
    result = cli_run(data, "--user", "admin", "spm", "disaster", "list", "--year", "2026", "--json")
    assert result.code == 0, result.err
    events = result.json()
    assert events and {e["phase"] for e in events} == {"tanggap_darurat"}


# --- Gelandangan dan pengemis ---------------------------------------------------------------

def test_gepeng_components_follow_the_corrections():
    luar = reference.service("kabupaten", "gepeng")
    dalam = reference.service("provinsi", "gepeng")
    assert luar.component("reunifikasi_keluarga").name == "Reunifikasi dan/atau reintegrasi sosial"
    assert reference.service("kabupaten", "anak").component("reunifikasi_keluarga").name != luar.component(
        "reunifikasi_keluarga").name
    assert luar.component("pemulangan").verify and luar.component("permakanan").max_quantity == 7
    assert luar.component("permakanan").unit == "hari"
    keterampilan = dalam.component("bimbingan_keterampilan")
    assert keterampilan and keterampilan.need == "asesmen" and keterampilan.name == "Bimbingan keterampilan dasar"
    assert reference.service("provinsi", "anak").component("bimbingan_keterampilan") is None


def test_gepeng_permakanan_beyond_seven_days_is_accepted_with_a_warning_and_counted_once(office):
    pid = admin(office, "spm", "person", "add", "--name", "Ujang", "--sex", "L", "--birth-date", "1970-01-01",
                "--kecamatan", "32.10.01", "--no-nik-reason", "belum_memiliki", "--service", "gepeng",
                "--year", "2025")["id"]
    first = admin(office, "spm", "deliver", "--service", "gepeng", "--component", "permakanan", "--date",
                  "2025-02-01", "--person", str(pid), "--quantity", "5")
    assert first["new"] == 1 and first["warnings"] == []
    second = admin(office, "spm", "deliver", "--service", "gepeng", "--component", "permakanan", "--date",
                   "2025-02-10", "--person", str(pid), "--quantity", "5")
    assert second["new"] == 1 and "7 hari" in second["warnings"][0]
    from kemensos_desk.services.spm import achievement
    from kemensos_desk.services.workspace import Workspace

    ws = Workspace.open(office.data)
    try:
        with ws.store.session() as s:
            svc = reference.service("kabupaten", "gepeng")
            assert achievement.rehab_components(s, svc, 2025, 1)["permakanan"] == (1, 1)
    finally:
        ws.close()
