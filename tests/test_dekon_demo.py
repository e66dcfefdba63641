"""The demo year of dekon/TP activities: DK for a province, late ROs, one open problem."""
from __future__ import annotations

import random

from kemensos_desk.services import demo
from kemensos_desk.services.dekon import activity, approval, summary
from kemensos_desk.services.demo_20_dekon import add_dekon_demo
from test_dekon_support import make_office


def test_province_demo_year(tmp_path):
    assert add_dekon_demo in demo.DEMO_STEPS
    ws = make_office(tmp_path)
    add_dekon_demo(ws, 2025, "small", random.Random(2026))
    doc = summary.realisasi(ws, 2025)
    assert {o["source"] for o in doc["outputs"]} == {"DK"}
    names = " ".join(o["name"] for o in doc["outputs"])
    assert "TKSK" in names and "Tali Asih" in names and "Pekerja Sosial Masyarakat" in names
    assert 0 < doc["totals"]["spent"] < doc["totals"]["pagu"]
    late = [p["ro"] for p in summary.monthly_plan(ws, 2025, 12) if p["late"]]
    assert len(late) == 2
    problems = activity.problems(ws, 2025)
    assert [p["status"] for p in problems].count("terbuka") == 1
    assert [q["status"] for q in approval.status(ws, 2025)] == ["approved", "approved", "open", "open"]
    assert activity.participants(ws, 2025, "6288.QDB.001")


def test_kabupaten_demo_is_tugas_pembantuan(tmp_path):
    ws = make_office(tmp_path, level="kabupaten", region="32.10")
    add_dekon_demo(ws, 2025, "small", random.Random(2026))
    assert {o["source"] for o in summary.realisasi(ws, 2025)["outputs"]} == {"TP"}
