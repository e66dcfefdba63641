"""Rules packs (issue 12 §2): the rules in force, their version, caches following a pack."""
from __future__ import annotations

import copy

import pytest

from kemensos_desk.core import rules
from kemensos_desk.services.spm import reference


@pytest.fixture(autouse=True)
def _built_in_rules():
    rules.install(None)
    yield
    rules.install(None)


def _pack(version: str, **changes) -> rules.RuleSet:
    files = copy.deepcopy(rules.built_in().files)
    for name, edit in changes.items():
        edit(files[name])
    return rules.RuleSet(version, "2026-12-01", "Uji.", rules.SOURCE_MINISTRY, files)


def test_versions_compare_as_numbers():
    assert rules.newer("2026.10", "2026.2")
    assert rules.newer("2026.2", "2026.1")
    assert not rules.newer("2026.1", "2026.1")
    assert rules.newer("2027.1", "2026.99")
    with pytest.raises(ValueError):
        rules.version_key("2026.x")


def test_built_in_rules_name_every_rule_file():
    assert set(rules.rule_files()) == {"spm_services", "dekon", "kecamatan_retired", "ministry"}
    assert rules.in_force().source == "built-in"
    assert rules.reference("roles.json")["roles"]  # not a rule: always from the release


def test_a_newer_pack_is_in_force_and_caches_follow():
    before = reference.load().bands[0].name
    newer = "9999.1"

    def rename(data):
        data["bands"][0]["name"] = "Paripurna Uji"

    rules.install(_pack(newer, spm_services=rename))
    assert rules.version() == newer and rules.in_force().source == "ministry"
    assert reference.load().bands[0].name == "Paripurna Uji"
    rules.install(None)
    assert reference.load().bands[0].name == before


def test_an_older_pack_never_downgrades_the_built_in_rules():
    def rename(data):
        data["bands"][0]["name"] = "Lama"

    rules.install(_pack("2000.1", spm_services=rename))
    assert rules.in_force().source == "built-in"
    assert reference.load().bands[0].name != "Lama"


# --- an office importing packs -----------------------------------------------------------

import datetime as _dt  # noqa: E402
import json  # noqa: E402

from sqlalchemy import func, select  # noqa: E402

from kemensos_desk.core.errors import Refused  # noqa: E402
from kemensos_desk.services import rules_format, rules_packs  # noqa: E402
from kemensos_desk.services.spm import achievement, disaster, quarters  # noqa: E402
from kemensos_desk.services.sync import crypto, keys, summaries  # noqa: E402
from kemensos_desk.services.workspace import Workspace  # noqa: E402
from kemensos_desk.store.audit import AuditEntry  # noqa: E402
from kemensos_desk.store.models_rules import RulesPack  # noqa: E402
from kemensos_desk.store.models_spm import DisasterDelivery  # noqa: E402
from test_spm_support import OPERATOR, make_office  # noqa: E402

MINISTRY = crypto.MinistryKeys.generate()
OTHER = crypto.MinistryKeys.generate()
# Three bands of our own: the test does not depend on the built-in table.
TEST_BANDS = [{"min": 100, "name": "Uji Penuh"}, {"min": 66, "name": "Uji Tengah"}, {"min": 0, "name": "Uji Bawah"}]


@pytest.fixture
def office(tmp_path):
    ws = make_office(tmp_path)
    keys.set_ministry_key(ws, OPERATOR, MINISTRY.public.to_json())
    with ws.store.session("admin") as s:  # Q1 2025 disaster index 65,58 (test_spm_achievement)
        ev = disaster.add_event_in(s, disaster.EventData("Banjir", _dt.date(2025, 2, 10), "32.10.03", 100, children=30))
        for comp, day, jiwa in (("penampungan", 10, 100), ("permakanan", 11, 100), ("sandang", 12, 60),
                                ("kelompok_rentan", 15, 30)):
            disaster.deliver_in(s, ev.id, comp, _dt.date(2025, 2, day), jiwa)
    yield ws
    ws.close()


def pack_bytes(version: str, signer=MINISTRY, **edits) -> bytes:
    files = copy.deepcopy(rules.built_in().files)
    for name, edit in edits.items():
        edit(files[name])
    return rules_format.make_pack(signer, version, "2026-12-01", "Perubahan uji.", files)


def own_bands(data):
    data["bands"] = copy.deepcopy(TEST_BANDS)


def _bencana(ws, quarter=1) -> dict:
    doc = achievement.achievement(ws, 2025, quarter)
    return next(s for s in doc["services"] if s["code"] == "bencana")


def _state(ws) -> tuple:
    with ws.store.session() as s:
        return (rules.version(), s.scalar(select(func.count()).select_from(RulesPack)),
                s.scalar(select(func.count()).select_from(AuditEntry)),
                sorted(s.scalars(select(DisasterDelivery.component))))


def test_a_pack_changes_bands_at_once_and_the_next_bundle_summaries(office):
    assert _bencana(office)["band"] != "Uji Bawah"
    result = rules_packs.import_pack(office, "admin", pack_bytes("9999.1", spm_services=own_bands))
    assert result["status"] == "imported" and rules.version() == "9999.1"
    assert _bencana(office)["band"] == "Uji Bawah"  # 65,58 < 66
    summary = summaries.spm_summary(office)
    assert summary["rules_version"] == "9999.1"
    assert {r["band"] for r in summary["year_end_index"] if r["service"] == "bencana"} <= {"Uji Bawah", "Uji Tengah"}
    shown = rules_packs.show(office)
    assert shown["source"] == "ministry" and shown["files"]["spm_services"]["bands"] == TEST_BANDS
    assert rules_packs.show(office, rules.built_in().version)["source"] == "built-in"
    assert [h["version"] for h in rules_packs.history(office)] == ["9999.1"]
    # Reopening the office (the next start) keeps the pack in force.
    rules.install(None)
    office.close()
    again = Workspace.open(office.data_dir)
    assert rules.version() == "9999.1" and _bencana(again)["band"] == "Uji Bawah"
    again.close()


def test_the_same_pack_twice_is_already_in_force(office):
    data = pack_bytes("9999.1")
    rules_packs.import_pack(office, "admin", data)
    before = _state(office)
    assert rules_packs.import_pack(office, "admin", data)["status"] == rules_packs.ALREADY
    assert _state(office) == before


def _tampered() -> bytes:
    doc = json.loads(pack_bytes("9999.1"))
    doc["body"]["files"]["spm_services"]["weights"] = {"penerima": 0.5, "mutu": 0.5}
    return json.dumps(doc).encode()


def _descending(data):
    data["bands"] = [{"min": 60, "name": "A"}, {"min": 80, "name": "B"}, {"min": 0, "name": "C"}]


def _weights(data):
    data["weights"] = {"penerima": 0.8, "mutu": 0.3}


def _unknown_service(data):
    data["services"][0]["code"] = "pengungsi"


def _drop_rentan(data):
    for s in data["services"]:
        if s["code"] == "bencana":
            s["components"] = [c for c in s["components"] if c["code"] != "kelompok_rentan"]


REFUSALS = {
    "tampered": (lambda: _tampered(), "Tanda tangan"),
    "foreign key": (lambda: pack_bytes("9999.1", signer=OTHER), "kunci lain"),
    "older than built-in": (lambda: pack_bytes("2000.1"), "lebih lama"),
    "bands not descending": (lambda: pack_bytes("9999.1", spm_services=_descending), "menurun"),
    "weights not summing to 1": (lambda: pack_bytes("9999.1", spm_services=_weights), "harus 1"),
    "unknown service code": (lambda: pack_bytes("9999.1", spm_services=_unknown_service), "pengungsi"),
    "used component removed": (lambda: pack_bytes("9999.1", spm_services=_drop_rentan), "kelompok_rentan"),
    "not a pack": (lambda: b"PK\x03\x04 bukan paket", "bukan paket aturan"),
}


@pytest.mark.parametrize("case", REFUSALS, ids=str)
def test_each_refusal_changes_nothing(office, case):
    make, reason = REFUSALS[case]
    before = _state(office)
    with pytest.raises(Refused) as refused:
        rules_packs.import_pack(office, "admin", make())
    assert reason in str(refused.value)
    assert _state(office) == before


def test_an_older_pack_than_the_one_in_force_is_refused(office):
    rules_packs.import_pack(office, "admin", pack_bytes("9999.2"))
    before = _state(office)
    with pytest.raises(Refused, match="lebih lama"):
        rules_packs.import_pack(office, "admin", pack_bytes("9999.1"))
    assert _state(office) == before


def test_a_removed_component_with_a_replacement_is_taken_and_deliveries_follow(office):
    def rename(data):
        _drop_rentan(data)
        data["component_map"] = {"bencana": {"kelompok_rentan": "psikososial"}}

    rules_packs.import_pack(office, "admin", pack_bytes("9999.1", spm_services=rename))
    assert "kelompok_rentan" not in _state(office)[3] and "psikososial" in _state(office)[3]


def test_approval_freezes_the_figures_and_current_shows_the_rules_in_force(office):
    approved_band = _bencana(office)["band"]
    quarters.approve(office, OPERATOR, 2025, 1, today=_dt.date(2025, 5, 1))
    rules_packs.import_pack(office, "admin", pack_bytes("9999.1", spm_services=own_bands))
    doc = achievement.as_json(achievement.achievement(office, 2025, 1))
    assert doc["approved"] is True and doc["rules_version"] == rules.built_in().version
    assert next(s for s in doc["services"] if s["code"] == "bencana")["band"] == approved_band
    assert doc["current"]["rules_version"] == "9999.1"
    assert next(s for s in doc["current"]["services"] if s["code"] == "bencana")["band"] == "Uji Bawah"
    # A quarter not approved follows the rules in force, and says which.
    q2 = achievement.as_json(achievement.achievement(office, 2025, 2))
    assert q2["approved"] is False and q2["rules_version"] == "9999.1" and "current" not in q2


def test_a_newer_release_uses_its_built_in_rules_and_an_older_never_downgrades(office, monkeypatch):
    rules_packs.import_pack(office, "admin", pack_bytes("9999.1", spm_services=own_bands))
    shipped = rules.built_in()
    newer_release = rules.RuleSet("9999.5", "2027-01-01", "Rilis baru.", rules.SOURCE_BUILT_IN, shipped.files)
    monkeypatch.setattr(rules, "built_in", lambda: newer_release)
    office.close()
    ws = Workspace.open(office.data_dir)
    assert rules.in_force().source == "built-in" and rules.version() == "9999.5"
    assert _bencana(ws)["band"] != "Uji Bawah"
    ws.close()
    monkeypatch.setattr(rules, "built_in", lambda: shipped)  # the older release again
    ws = Workspace.open(office.data_dir)
    assert rules.version() == "9999.1" and _bencana(ws)["band"] == "Uji Bawah"
    ws.close()


def test_reports_state_the_rules_version_and_an_approved_quarter_its_frozen_figures(office, tmp_path):
    import subprocess

    from openpyxl import load_workbook

    from kemensos_desk.services.spm import report, report_data, report_pdf

    built_in = rules.built_in().version
    quarters.approve(office, OPERATOR, 2025, 1, today=_dt.date(2025, 5, 1))
    rules_packs.import_pack(office, "admin", pack_bytes("9999.1", spm_services=own_bands))
    q1 = report_data.gather(office, 2025, 1)
    assert q1.rules_version == built_in and "dibekukan" in q1.frozen_note
    assert next(s for s in q1.services if s.code == "bencana").figures["band"] != "Uji Bawah"
    pdf = report_pdf.write_pdf(q1, tmp_path / "q1.pdf")
    text = subprocess.run(["pdftotext", "-layout", str(pdf), "-"], capture_output=True, text=True).stdout
    assert f"aturan versi {built_in}" in text and "dibekukan saat disetujui" in text
    q2 = report_data.gather(office, 2025, 2)
    assert q2.frozen_note is None
    book = load_workbook(report.write_xlsx(q2, tmp_path / "q2.xlsx"))
    assert book.properties.keywords == "aturan versi 9999.1"
    assert next(s for s in q2.services if s.code == "bencana").figures["band"] in ("Uji Bawah", "Uji Tengah")
