"""The ministry's dekon/TP recap (issue 7): per RO and province, from the offices' own figures.

Two kabupaten offices of one province (32) and one of another (33) record the dekon/TP demo
year; their bundles carry ``summaries.dekon``; the recap's sums match each office's own
``dekon realisasi`` figures, and show in ``ministry report`` (JSON, .xlsx) and the GUI.
"""
from __future__ import annotations

import json
import random
from decimal import Decimal

import openpyxl
import pytest

from kemensos_desk.cli.main import main
from kemensos_desk.core.formatting import round_half_up
from kemensos_desk.ministry import importer, recaps
from kemensos_desk.services.dekon import bundle_summary
from kemensos_desk.services.dekon.summary import realisasi
from kemensos_desk.services.demo_20_dekon import add_dekon_demo

from test_sync_support import export, make_office, ministry_for

YEAR = 2025  # a past year: every month has ended, so the demo fills the whole year
OFFICES = {"32.10": "Dinas Sosial Kabupaten Majalengka", "32.73": "Dinas Sosial Kota Bandung",
           "33.01": "Dinas Sosial Kabupaten Cilacap"}


@pytest.fixture(scope="module")
def ministry(tmp_path_factory):
    root = tmp_path_factory.mktemp("dekon")
    own: dict[str, dict] = {}
    for i, (code, name) in enumerate(OFFICES.items()):
        ws = make_office(root / code.replace(".", ""), region=code, name=name)
        try:
            add_dekon_demo(ws, YEAR, "small", random.Random(i))
            own[code] = {q: realisasi(ws, YEAR, q) for q in (None, 2)}
            export(ws, root / "kotak-masuk")
        finally:
            ws.close()
    url = str(root / "m.sqlite")
    store = ministry_for(url)
    outcomes = importer.import_paths(store, [root / "kotak-masuk"])
    assert all(o.status == "imported" for o in outcomes), [o.to_json() for o in outcomes]
    yield store, url, own
    store.dispose()


def _expected(own: dict, quarter) -> dict:
    out: dict[tuple[str, str], dict] = {}
    for code, docs in own.items():
        for o in docs[quarter]["outputs"]:
            e = out.setdefault((o["ro"], code[:2]), {"target": 0, "real": 0, "pagu": 0, "spent": 0, "n": 0})
            e["target"] += o["target_volume"]
            e["real"] += o["realised_volume"]
            e["pagu"] += o["pagu"]
            e["spent"] += o["spent"]
            e["n"] += 1
    return out


def test_summary_is_json_with_the_offices_own_figures(tmp_path):
    ws = make_office(tmp_path / "kantor")
    try:
        add_dekon_demo(ws, YEAR, "small", random.Random(7))
        data = json.loads(json.dumps(bundle_summary.summary(ws)))
        periods = {(p["year"], p["quarter"]): p for p in data["realisasi"]}
        assert set(periods) == {(YEAR, q) for q in (None, 1, 2, 3, 4)}
        own = realisasi(ws, YEAR, 3)
        sent = periods[(YEAR, 3)]["outputs"]
        assert [o["ro"] for o in sent] == [o["ro"] for o in own["outputs"]]
        for s_, o in zip(sent, own["outputs"]):
            assert (s_["pagu"], s_["spent"], s_["realised_volume"]) == (o["pagu"], o["spent"], o["realised_volume"])
            assert isinstance(s_["pagu"], int) and s_["financial_pct"] == float(o["financial_pct"])
    finally:
        ws.close()


@pytest.mark.parametrize("quarter", [None, 2])
def test_recap_sums_match_the_offices_figures(ministry, quarter):
    store, _url, own = ministry
    rows = recaps.dekon_by_ro_and_province(store, YEAR, quarter)
    expected = _expected(own, quarter)
    assert {(r["ro"], r["province_code"]) for r in rows} == set(expected)
    for r in rows:
        e = expected[(r["ro"], r["province_code"])]
        assert (r["target_volume"], r["realised_volume"], r["pagu"], r["spent"], r["offices"]) == (
            e["target"], e["real"], e["pagu"], e["spent"], e["n"])
        assert r["financial_pct"] == round_half_up(Decimal(e["spent"]) * 100 / e["pagu"], 2)
        assert r["physical_pct"] == round_half_up(Decimal(e["real"]) * 100 / e["target"], 2)
    two = [r for r in rows if r["province_code"] == "32"]
    assert two and all(r["offices"] == 2 and r["source"] == "TP" for r in two)
    assert recaps.dekon_by_ro_and_province(store, YEAR - 1) == []


def test_report_json_key_and_xlsx_sheet(ministry, tmp_path, capsys):
    store, url, _own = ministry
    out = tmp_path / "laporan.xlsx"
    assert main(["ministry", "report", "--db", url, "--year", str(YEAR), "--json", "--out", str(out)]) == 0
    data = json.loads(capsys.readouterr().out)
    rows = recaps.dekon_by_ro_and_province(store, YEAR)
    assert len(data["dekon"]) == len(rows) > 0
    first = data["dekon"][0]
    assert (first["ro"], first["province_code"], first["pagu"], first["spent"]) == (
        rows[0]["ro"], rows[0]["province_code"], rows[0]["pagu"], rows[0]["spent"])
    assert first["financial_pct"] == float(rows[0]["financial_pct"])
    wb = openpyxl.load_workbook(out)
    assert "Dekon-TP" in wb.sheetnames
    sheet = wb["Dekon-TP"]
    read = [row for row in sheet.iter_rows(min_row=4, values_only=True) if row[0]]
    assert len(read) == len(rows)
    assert (read[0][0], read[0][9], read[0][10], read[0][11]) == (
        rows[0]["ro"], rows[0]["pagu"], rows[0]["spent"], float(rows[0]["financial_pct"]))


def test_recap_page_tab_has_rows(ministry, qtbot):
    from kemensos_desk.ui.ministry.recap_page import RecapPage

    store, _url, _own = ministry
    page = RecapPage(store)
    qtbot.addWidget(page)
    page.resize(1400, 800)
    page.year.setValue(YEAR)
    page.refresh()
    titles = [page.tabs.tabText(i) for i in range(page.tabs.count())]
    assert "Dekon/TP per RO dan provinsi" in titles
    page.tabs.setCurrentIndex(titles.index("Dekon/TP per RO dan provinsi"))
    assert page.dekon_table.rowCount() == len(recaps.dekon_by_ro_and_province(store, YEAR)) > 0
    assert page.dekon_table.item(0, 0).text() == page.dekon[0]["ro"]
    page.show()
    page.grab().save("/tmp/ministry_dekon.png")
