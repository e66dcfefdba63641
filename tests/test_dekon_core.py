"""The pure dekon computations: percentages, achievement (incl. lower-is-better, > 100%),
aggregation, pagu in force, lateness, efficiency."""
from __future__ import annotations

import datetime as _dt
from decimal import Decimal

from kemensos_desk.core import dekon as c

D = Decimal


def test_percent_rounds_half_up_and_handles_zero():
    assert c.percent(1, 8) == D("12.50")
    assert c.percent(1, 3) == D("33.33")
    assert c.percent(2, 3) == D("66.67")
    assert c.percent(1, 800) == D("0.13")  # 0.125 -> 0.13, never banker's 0.12
    assert c.percent(5, 0) is None
    assert c.percent(None, 5) is None


def test_achievement_uncapped_and_lower_is_better():
    # seed 003: Indeks Kualitas Kebijakan target 70, realisasi 96,64 -> 138,06%
    assert c.achievement(D("70"), D("96.64")) == D("138.06")
    assert c.achievement(D("69"), D("69.31")) == D("100.45")
    assert c.achievement(D("10"), D("8"), "lower") == D("125.00")
    assert c.achievement(D("10"), D("20"), "lower") == D("50.00")
    assert c.achievement(D("10"), D("0"), "lower") is None
    assert c.achievement(D("10"), None) is None


def test_aggregate_sum_and_last():
    values = {1: D("10"), 2: D("5"), 4: D("7.5")}
    assert c.aggregate(values, "sum", 3) == D("15")
    assert c.aggregate(values, "sum", 12) == D("22.5")
    assert c.aggregate(values, "last", 3) == D("5")
    assert c.aggregate(values, "last", 12) == D("7.5")
    assert c.aggregate({}, "sum", 12) is None


def test_pagu_in_force_follows_dated_revisions():
    revs = [(_dt.date(2025, 7, 10), 450), (_dt.date(2025, 4, 1), 600)]
    assert c.pagu_in_force(500, revs, _dt.date(2025, 3, 31)) == 500
    assert c.pagu_in_force(500, revs, _dt.date(2025, 6, 30)) == 600
    assert c.pagu_in_force(500, revs, _dt.date(2025, 9, 30)) == 450


def test_lateness_against_rpd():
    rpd = {3: 100, 6: 200}
    assert not c.is_late(rpd, {}, 2)
    assert c.is_late(rpd, {3: 50}, 3)
    assert not c.is_late(rpd, {2: 60, 3: 40}, 3)


def test_efficiency_seed_003():
    # seed 003: capaian kinerja 106,51% beside realisasi anggaran 99,89% -> 6,62 points
    eff = c.Efficiency(D("106.51"), D("99.89"))
    assert eff.gap == D("6.62") and eff.verdict == "efisien"
    assert c.Efficiency(D("80"), D("95")).verdict == "kurang efisien"
    assert c.performance(D("50"), [D("100"), D("120")]) == D("110.00")
    assert c.performance(D("50"), [None]) == D("50")


def test_ro_code_shape():
    assert c.parse_ro_code("6288.QDB.001") == ("6288", "QDB", "001")
    assert c.parse_ro_code("6288.QD.001") is None
    assert c.parse_ro_code("628.QDB.001") is None


def test_lateness_threshold():
    assert not c.is_late({3: 100}, {3: 95}, 3, threshold_pct=90)
    assert c.is_late({3: 100}, {3: 89}, 3, threshold_pct=90)
