"""The corrected SPM rules (issue 12 §1, rules version 2026.2): bands, Paripurna earned never
rounded into, disaster phases and social types, the gepeng changes, the four application
stages and the rencana aksi in the quarterly report and the bundle."""
from __future__ import annotations

import json
from decimal import Decimal
from fractions import Fraction
from pathlib import Path

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
    line = next(x for x in out.splitlines() if x.startswith("bencana"))
    assert code == 0 and "99,99" in line and line.endswith("Tuntas Utama")


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


# --- The four application stages and the rencana aksi --------------------------------------

STAGE_CODES = ["pengumpulan_data", "penghitungan_kebutuhan", "penyusunan_rencana", "pelaksanaan"]


def plan_for_2025(cli, tmp_path) -> Path:
    admin(cli, "spm", "tahapan", "--year", "2025", "--set", "pengumpulan_data", "selesai", "--note", "DTKS dipadankan")
    admin(cli, "spm", "tahapan", "--year", "2025", "--set", "penyusunan_rencana", "sebagian")
    doc = tmp_path / "rencana-aksi-2025.pdf"
    doc.write_bytes(b"%PDF-1.4\n% rencana aksi\n")
    admin(cli, "spm", "rencana-aksi", "--year", "2025", "--attach", str(doc))
    admin(cli, "spm", "rencana-aksi", "--year", "2025", "--add", "Menambah pendamping lansia", "--due", "2025-09-30")
    return doc


def test_stages_and_rencana_aksi_on_the_command_line(office, tmp_path):
    code, out = office("spm", "tahapan", "--year", "2025", "--json")
    assert code == 0
    rows = json.loads(out)
    assert [r["stage"] for r in rows] == STAGE_CODES and {r["status"] for r in rows} == {"belum"}
    plan_for_2025(office, tmp_path)
    rows = admin(office, "spm", "tahapan", "--year", "2025")
    assert [(r["stage"], r["status"], r["note"]) for r in rows][:3] == [
        ("pengumpulan_data", "selesai", "DTKS dipadankan"), ("penghitungan_kebutuhan", "belum", None),
        ("penyusunan_rencana", "sebagian", None)]
    doc = admin(office, "spm", "rencana-aksi", "--year", "2025")
    assert [d["name"] for d in doc["documents"]] == ["rencana-aksi-2025.pdf"]
    assert doc["actions"] == [{"id": doc["actions"][0]["id"], "action": "Menambah pendamping lansia",
                               "due": "2025-09-30"}]
    # Refused with a reason, nothing changed.
    for args in (("tahapan", "--year", "2025", "--set", "pelaksanaan", "jadi"),
                 ("tahapan", "--year", "2025", "--set", "evaluasi", "selesai"),
                 ("rencana-aksi", "--year", "2025", "--attach", str(tmp_path / "tidak-ada.pdf")),
                 ("rencana-aksi", "--year", "2025", "--add", "  ", "--due", "2025-10-01")):
        code, out = office("--user", "admin", "spm", *args, "--json")
        assert code == 1 and json.loads(out)["error"], args
    exe = tmp_path / "aksi.exe"
    exe.write_bytes(b"MZ")
    code, out = office("--user", "admin", "spm", "rencana-aksi", "--year", "2025", "--attach", str(exe), "--json")
    assert code == 1 and ".exe" in json.loads(out)["error"]
    assert admin(office, "spm", "rencana-aksi", "--year", "2025") == doc
    assert admin(office, "spm", "tahapan", "--year", "2025") == rows


def test_report_has_stages_and_rencana_aksi_in_pdf_and_xlsx(office, tmp_path):
    import subprocess

    from openpyxl import load_workbook

    plan_for_2025(office, tmp_path)
    admin(office, "spm", "report", "--year", "2025", "--quarter", "2", "--out", str(tmp_path / "r.pdf"))
    admin(office, "spm", "report", "--year", "2025", "--quarter", "2", "--out", str(tmp_path / "r.xlsx"))
    text = subprocess.run(["pdftotext", "-layout", str(tmp_path / "r.pdf"), "-"], capture_output=True, text=True,
                          check=True).stdout
    assert "Tahapan Penerapan SPM" in text and "Rencana Aksi" in text
    assert "DTKS dipadankan" in text and "Menambah pendamping lansia" in text and "rencana-aksi-2025.pdf" in text
    assert "Tuntas Utama: 90 sampai <100" in " ".join(text.split())  # the legend, from the rules
    wb = load_workbook(tmp_path / "r.xlsx")
    values = lambda name: [c for row in wb[name].iter_rows(values_only=True) for c in row if c is not None]
    assert "Tahapan Penerapan SPM" in values("Tahapan") and "Selesai" in values("Tahapan")
    assert "Rencana Aksi" in values("Rencana Aksi") and "Menambah pendamping lansia" in values("Rencana Aksi")


def test_stages_and_rencana_aksi_travel_in_the_bundle(tmp_path):
    import datetime as _dt

    from sqlalchemy import select

    from kemensos_desk.ministry import importer
    from kemensos_desk.ministry.models import MinistryAttachment, MinistryRevision
    from kemensos_desk.services.spm import plan
    from test_sync_support import ADMIN, export, make_office as sync_office, ministry_for

    ws = sync_office(tmp_path / "data")  # a demo office: the demo ministry key signs its bundles
    try:
        plan.set_stage(ws, ADMIN, 2025, "pengumpulan_data", "selesai", "DTKS dipadankan")
        plan.set_stage(ws, ADMIN, 2025, "penyusunan_rencana", "sebagian")
        doc = tmp_path / "rencana-aksi-2025.pdf"
        doc.write_bytes(b"%PDF-1.4\n% rencana aksi\n")
        plan.attach(ws, ADMIN, 2025, doc)
        plan.add_action(ws, ADMIN, 2025, "Menambah pendamping lansia", _dt.date(2025, 9, 30))
        result = export(ws, tmp_path / "paket")
    finally:
        ws.close()
    assert result.records["spm_stages"] == 2 and result.records["spm_action_plans"] == 2
    store = ministry_for(str(tmp_path / "m.sqlite"))
    try:
        importer.import_paths(store, result.files)
        with store.session() as s:
            kinds = {r.kind: r for r in s.scalars(select(MinistryRevision).where(
                MinistryRevision.kind.in_(["spm_stages", "spm_action_plans"])))}
            assert set(kinds) == {"spm_stages", "spm_action_plans"}
            stages = [json.loads(r.data) for r in s.scalars(select(MinistryRevision).where(
                MinistryRevision.kind == "spm_stages"))]
            assert {(d["stage"], d["status"]) for d in stages} == {("pengumpulan_data", "selesai"),
                                                                  ("penyusunan_rencana", "sebagian")}
            import hashlib

            digest = hashlib.sha256(doc.read_bytes()).hexdigest()
            assert s.scalars(select(MinistryAttachment).where(MinistryAttachment.sha256 == digest)).first()
    finally:
        store.dispose()


def test_plan_tab_saves_stages_actions_and_a_document(tmp_path, qtbot):
    from kemensos_desk.services.spm import plan
    from kemensos_desk.ui.context import AppContext
    from kemensos_desk.ui.pages.spm.plan_view import PlanView
    from test_spm_support import OPERATOR

    ws = make_office(tmp_path)
    try:
        view = PlanView(AppContext(ws, OPERATOR))
        qtbot.addWidget(view)
        view.year.setValue(2025)
        assert view.stages.rowCount() == 4 and view.stages.item(0, 0).text() == "Pengumpulan data"
        combo = view.stages.cellWidget(3, 1)
        combo.setCurrentIndex(combo.findData("sebagian"))
        view.stages.item(3, 2).setText("Dua kecamatan berjalan")
        view.save_stages()
        view.action_text.setText("Rapat koordinasi lintas OPD")
        view.add_action()
        doc = tmp_path / "ra.pdf"
        doc.write_bytes(b"%PDF-1.4\n")
        view.attach_document(doc)
        with ws.store.session() as s:
            stages = {r["stage"]: r for r in plan.stages(s, 2025)}
            actions = plan.action_plan(s, 2025)
        assert (stages["pelaksanaan"]["status"], stages["pelaksanaan"]["note"]) == ("sebagian", "Dua kecamatan berjalan")
        assert [a["action"] for a in actions["actions"]] == ["Rapat koordinasi lintas OPD"]
        assert [d["name"] for d in actions["documents"]] == ["ra.pdf"]
        assert view.actions.rowCount() == 2
    finally:
        ws.close()
