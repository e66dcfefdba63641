"""Pure rules of the Rakor material: deadline and countdown, totals, the cited gap, completeness."""
import datetime as _dt

from kemensos_desk.core import rakor


def test_deadline_is_the_end_of_the_first_week_of_march():
    assert rakor.deadline(2027) == _dt.date(2027, 3, 7)
    assert rakor.days_left(2027, _dt.date(2027, 3, 1)) == 6
    assert rakor.days_left(2027, _dt.date(2027, 3, 7)) == 0
    assert rakor.days_left(2027, _dt.date(2027, 3, 9)) == -2


def test_countdown_text_in_indonesian():
    assert rakor.countdown_text(2027, _dt.date(2026, 11, 23)) == "104 hari lagi menuju batas Rakor (7 Maret 2027)"
    assert rakor.countdown_text(2027, _dt.date(2027, 3, 7)) == "Hari ini batas Rakor (7 Maret 2027)"
    assert rakor.countdown_text(2027, _dt.date(2027, 3, 10)) == "Batas Rakor (7 Maret 2027) sudah lewat 3 hari"
    assert "1.200 hari" in rakor.countdown_text(2030, _dt.date(2026, 11, 23))


def test_totals_are_exact_integer_rupiah():
    assert rakor.proposal_total(1240, 2_700_000) == 3_348_000_000
    assert rakor.proposal_total(3, 3_333_333_333_333) == 9_999_999_999_999
    assert rakor.proposals_total([{"volume": 2, "unit_cost": 5}, {"volume": 0, "unit_cost": 9}]) == 10


def test_gap_text_cites_the_live_figure():
    assert rakor.gap_text({"code": "lansia", "entitled": 3000, "served": 1760}) == \
        "SPM Lanjut usia telantar: 1.240 orang belum terlayani"
    assert rakor.gap_text({"code": "bencana", "entitled": 10, "served": 12}) == "SPM Korban bencana: 0 jiwa belum terlayani"
    assert rakor.gap_text(None) is None


RENSTRA = {"vision": "Visi", "missions": ["Misi"], "goals": [
    {"goal": "Tujuan", "targets": [{"target": "S", "indicator": "I", "target_5y": "100"}]}]}
DRAFT = {"dekon_narrative": "x", "spm_narrative": "y",
         "proposals": [{"ro": "RO", "description": "d", "unit": "orang", "location": "L", "justification": "j",
                        "volume": 1, "unit_cost": 5}],
         "issues": [{"problem": "p", "recommendation": "r"}]}


def test_completeness_of_each_part():
    parts = rakor.completeness(2027, RENSTRA, DRAFT, [{"ro": "x"}], [{"code": "lansia", "entitled": 3}])
    assert [p.key for p in parts] == ["renstra", "capaian_dekon", "capaian_spm", "usulan", "permasalahan"]
    assert all(p.complete and p.percent == 100 for p in parts)
    assert parts[1].title == "Capaian Dekonsentrasi/Tugas Pembantuan Tahun 2026"
    assert parts[3].title.endswith("Tahun 2028")


def test_missing_items_are_named():
    draft = {**DRAFT, "spm_narrative": "", "proposals": [{**DRAFT["proposals"][0], "unit_cost": 0}], "issues": []}
    parts = {p.key: p for p in rakor.completeness(2027, None, draft, [], [{"code": "lansia", "entitled": 0}])}
    assert parts["renstra"].percent == 0 and parts["renstra"].missing == ["Renstra yang mencakup tahun 2027 belum diisi"]
    assert parts["capaian_dekon"].missing[0] == "Belum ada data realisasi dekon/TP tahun 2026"
    assert parts["capaian_spm"].missing == ["Belum ada data capaian SPM tahun 2026", "Uraian naratif belum diisi"]
    assert parts["usulan"].percent == 50 and parts["usulan"].missing == ["Usulan ke-1 belum lengkap"]
    assert not parts["permasalahan"].complete
    assert parts["usulan"].as_dict()["percent"] == 50
