"""Issue 16: the ministry files an office's Rakor proposals under the year the office wrote
them for. Office (demo, Rakor 2027: "usulan 2028") -> sync export -> ministry import ->
``ministry rakor --year 2027``: the same proposals, labelled "Usulan Tahun 2028"."""
from __future__ import annotations

import json
import re
import subprocess

import openpyxl

from kemensos_desk.cli.main import main
from kemensos_desk.ministry import importer
from kemensos_desk.services import demo
from kemensos_desk.services.rakor import drafts, pdf
from kemensos_desk.services.workspace import Workspace

from test_sync_support import PASSWORD, export, ministry_for

DATA_YEAR = 2026
RAKOR_YEAR = DATA_YEAR + 1  # the demo prepares the Rakor held after its data year


def test_office_proposals_reach_the_ministry_under_their_year(tmp_path, capsys):
    ws = Workspace.open(tmp_path / "kantor")
    try:
        demo.create_demo(ws, PASSWORD, year=DATA_YEAR, size="small")
        office_rows = drafts.draft(ws, RAKOR_YEAR)["proposals"]
        office_pdf = pdf.write_pdf(ws, RAKOR_YEAR, tmp_path / "rakor.pdf")
        sent = export(ws, tmp_path / "stick")
    finally:
        ws.close()
    assert office_rows
    text = subprocess.run(["pdftotext", "-layout", str(office_pdf), "-"], capture_output=True, text=True,
                          check=True).stdout
    assert re.search(rf"Usulan[^\n]*Tahun {RAKOR_YEAR + 1}", text)  # the office's own words

    db = str(tmp_path / "kementerian.sqlite")
    store = ministry_for(db)
    try:
        assert all(o.status == "imported" for o in importer.import_paths(store, sent.files))
    finally:
        store.dispose()

    out = tmp_path / "usulan.xlsx"
    assert main(["ministry", "rakor", "--db", db, "--year", str(RAKOR_YEAR), "--out", str(out), "--json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert (data["rakor_year"], data["proposal_year"]) == (RAKOR_YEAR, RAKOR_YEAR + 1)
    assert isinstance(data["proposals"], list) and data["proposal_count"] == len(office_rows)
    assert [p["description"] for p in data["proposals"]] == [p["description"] for p in office_rows]
    assert [p["total"] for p in data["proposals"]] == [p["total"] for p in office_rows]
    book = openpyxl.load_workbook(out)
    sheet = book.active
    assert sheet.title == f"Usulan Tahun {RAKOR_YEAR + 1}"
    assert f"Rakor {RAKOR_YEAR}" in sheet["A1"].value and f"Usulan Tahun {RAKOR_YEAR + 1}" in sheet["A1"].value
    assert [sheet.cell(r, 6).value for r in range(4, sheet.max_row + 1)] == [p["description"] for p in office_rows]

    # the proposal year is not a Rakor year: nothing is filed under it
    assert main(["ministry", "rakor", "--db", db, "--year", str(RAKOR_YEAR + 1), "--out", str(out), "--json"]) == 0
    assert json.loads(capsys.readouterr().out)["proposals"] == []
