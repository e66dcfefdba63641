"""The ministry window (issue 7, "At the ministry"): import a folder of bundles through the
page, the completeness matrix, the IKK 3.1 figures, the Rakor workbook, receipts, conflicts.

Two small demo offices send bundles; a third is expected but silent; three more regions
carry SPM scores for 2025 and 2026 (two improved) so the IKK figures are known.
"""
from __future__ import annotations

import json
import shutil
from pathlib import Path

import openpyxl
import pytest
from PySide6.QtGui import QColor

from kemensos_desk.core import bundle_format as bf
from kemensos_desk.core import formatting, regions
from kemensos_desk.ministry import importer, recaps
from kemensos_desk.ministry.models import MinistryConflict, MinistryOffice, MinistrySummary
from kemensos_desk.services import demo
from kemensos_desk.services.workspace import Workspace
from kemensos_desk.ui.ministry import completeness_page, widgets
from kemensos_desk.ui.ministry.window import PAGES, MinistryWindow

from test_sync_support import PASSWORD, export, ministry_for

YEAR = 2026
SENDERS = ["32.10", "33.01"]
SILENT = "73.71"
SCORED = {"35.01": (60.0, 61.5), "35.02": (70.0, 70.25), "35.03": (65.0, 64.0)}  # 2025, 2026: two improve


@pytest.fixture(scope="module")
def inbox(tmp_path_factory):
    root = tmp_path_factory.mktemp("kantor")
    folder = root / "kotak-masuk"
    for i, code in enumerate(SENDERS):
        ws = Workspace.open(root / code.replace(".", ""))
        try:
            demo.create_demo(ws, PASSWORD, year=YEAR, region_code=code, size="small", seed=2026 + i)
            export(ws, folder)
        finally:
            ws.close()
    first = sorted(folder.iterdir())[0]
    (folder / "rusak.kdsync").write_bytes(first.read_bytes()[:500])  # a truncated copy: refused
    return folder


def _seed(store) -> None:
    with store.session() as s:
        store.put_config(s, "expected_offices", SENDERS + [SILENT])
        for code, (before, now) in SCORED.items():
            rows = [{"year": y, "service": "lansia", "index": v, "entitled": 10}
                    for y, v in ((2025, before), (2026, now))]
            s.add(MinistryOffice(code=code, name=regions.get(code).name, level="kabupaten", public_key="x"))
            s.add(MinistrySummary(office_code=code, module="spm", data=json.dumps({"year_end_index": rows}),
                                  bundle_created_at="2027-01-10T00:00:00Z"))
        s.add(MinistryConflict(office_code="32.10", kind="beneficiaries", uuid="u-1", revision=3,
                               device_a="aaaaaaaa", device_b="bbbbbbbb"))


@pytest.fixture(scope="module")
def ministry(inbox, tmp_path_factory):
    store = ministry_for(str(tmp_path_factory.mktemp("kementerian") / "m.sqlite"))
    importer.import_paths(store, [inbox])
    _seed(store)
    yield store
    store.dispose()


@pytest.fixture
def window(ministry, qtbot):
    w = MinistryWindow(ministry)
    qtbot.addWidget(w)
    w.resize(1366, 820)
    return w


def _texts(table, col: int) -> list[str]:
    return [table.item(r, col).text() if table.item(r, col) else "" for r in range(table.rowCount())]


def test_import_page_imports_a_folder_and_shows_a_row_per_bundle(inbox, tmp_path, qtbot):
    folder = tmp_path / "masuk"
    shutil.copytree(inbox, folder)
    store = ministry_for(str(tmp_path / "m.sqlite"))
    try:
        w = MinistryWindow(store)
        qtbot.addWidget(w)
        page = w.show_page("import")
        page.start_import([folder], show_dialog=False)
        qtbot.waitUntil(lambda: len(page.outcomes) == 3)
        statuses = dict(zip(_texts(page.table, 0), _texts(page.table, 3)))
        assert statuses["rusak.kdsync"] == "ditolak"
        assert sorted(v for k, v in statuses.items() if k != "rusak.kdsync") == ["diimpor", "diimpor"]
        row = _texts(page.table, 0).index("rusak.kdsync")
        assert page.table.item(row, 4).text()  # the reason is shown
        assert sorted(_texts(page.table, 1)) == ["32.10", "33.01", "–"]
        imported = next(o for o in page.outcomes if o.status == "imported")
        r = _texts(page.table, 0).index(imported.file)
        assert page.table.item(r, 5).text() == formatting.angka(imported.new) and imported.new > 0
        assert "2 diimpor" in page.summary.text() and "1 ditolak" in page.summary.text()

        page.start_import([folder], show_dialog=False)  # the same bundles again: unchanged
        qtbot.waitUntil(lambda: "2 tidak berubah" in page.summary.text())
        assert _texts(page.table, 3).count("tidak berubah") == 2
    finally:
        store.dispose()


def test_every_page_opens_from_the_navigation(window):
    for row, info in enumerate(PAGES):
        window.nav.setCurrentRow(row)
        assert window.stack.currentWidget() is window.holders[info.key]
    assert "m.sqlite" in window.status_db.text()


def test_completeness_matrix_cells(window, ministry):
    page = window.show_page("completeness")
    page.year.setValue(YEAR)
    codes = _texts(page.table, 0)
    assert {"32", "33", "73"} <= set(codes)  # province rows
    matrix = recaps.completeness(ministry, YEAR)
    offices = {o["code"]: o for p in matrix["provinces"] for o in p["offices"]}
    for code in SENDERS + [SILENT]:
        row = codes.index(code)
        for q in offices[code]["quarters"]:
            item = page.table.item(row, 1 + q["quarter"])
            assert item.text() == completeness_page.quarter_text(q)
            assert item.background().color() == QColor(widgets.STATUS_COLOURS[q["status"]])
    silent = codes.index(SILENT)
    assert all(page.table.item(silent, c).text() in ("Belum ada", "Belum jatuh tempo") for c in range(2, 6))
    assert any(q["status"] in ("received", "late") for q in offices["32.10"]["quarters"])
    conflicts = offices["32.10"]["open_conflicts"]
    assert page.table.item(codes.index("32.10"), 7).text() == (str(conflicts) if conflicts else "–")


def test_completeness_exports_the_report_workbook(window, tmp_path):
    page = window.show_page("completeness")
    page.year.setValue(YEAR)
    path = page.export_xlsx(tmp_path / "kelengkapan.xlsx", quiet=True)
    wb = openpyxl.load_workbook(path)
    assert "IKK 3.1" in wb.sheetnames and len(wb.sheetnames) >= 2


def test_recap_shows_the_ikk_figures_and_regions(window, tmp_path):
    page = window.show_page("recap")
    page.year.setValue(YEAR)
    assert page.figures["spm_improved_pct"].text() == "66,67%"
    assert page.figures["regions_assessed"].text() == "3"
    assert page.figures["regions_improved"].text() == "2"
    assert page.figures["target"].text() == formatting.persen(page.indicator["target"])
    assert page.figures["achievement_pct"].text() == formatting.persen(page.indicator["achievement_pct"])
    assert _texts(page.ikk_table, 0) == sorted(SCORED)
    assert _texts(page.ikk_table, 4) == ["Ya", "Ya", "Tidak"]
    assert set(SENDERS) <= set(_texts(page.region_table, 0))  # the demo offices' SPM indexes
    assert page.province_table.rowCount() >= 3
    wb = openpyxl.load_workbook(page.export_xlsx(tmp_path / "rekap.xlsx", quiet=True))
    values = [c.value for row in wb["IKK 3.1"].iter_rows() for c in row]
    assert 66.67 in values


def test_rakor_page_exports_the_compiled_proposals(window, tmp_path):
    page = window.show_page("rakor")
    page.year.setValue(YEAR + 1)  # the Rakor year, as the offices name it; proposals for the year after
    assert page.rows and {r["office"] for r in page.rows} == set(SENDERS)
    assert page.title.text() == f"Usulan Tahun {YEAR + 2}"
    assert page.table.rowCount() == len(page.rows)
    path = page.export_xlsx(tmp_path / "usulan.xlsx", quiet=True)
    ws = openpyxl.load_workbook(path).active
    assert ws.title == f"Usulan Tahun {YEAR + 2}"
    codes = [ws.cell(r, 1).value for r in range(4, ws.max_row + 1)]
    assert len(codes) == len(page.rows) and set(codes) == set(SENDERS)
    # priority and draft status in words, on screen and in the workbook, as the offices see them
    words = {"Tinggi", "Sedang", "Rendah"}
    assert {ws.cell(r, 12).value for r in range(4, ws.max_row + 1)} <= words
    assert {page.table.item(r, 7).text() for r in range(page.table.rowCount())} <= words
    assert {ws.cell(r, 3).value for r in range(4, ws.max_row + 1)} <= {"Rancangan", "Disetujui"}


def test_receipts_written_per_office(window, tmp_path):
    page = window.show_page("receipts")
    written = page.write_to(tmp_path / "tt", quiet=True)
    names = {p.name for p in written}
    assert {f"tanda-terima-{c.replace('.', '')}{bf.RECEIPT_SUFFIX}" for c in SENDERS} <= names
    assert all(p.is_file() and p.stat().st_size > 0 for p in written)
    assert page.table.rowCount() == len(written)


def test_conflicts_are_listed_and_settled(window, ministry):
    page = window.show_page("conflicts")
    open_ids = [c["id"] for c in page.rows if c["settled_at"] is None]
    assert open_ids and page.table.item(0, 1).text() == "32.10"
    page.table.selectRow(0)
    assert page.settle_button.isEnabled()
    page.settle_selected()
    assert page.rows == [] and "Tidak ada konflik" in page.summary.text()
    page.show_all.setChecked(True)
    assert page.rows[0]["settled_by"] == "kementerian"


def test_gui_command_refuses_an_uninitialised_database(tmp_path, capsys):
    from kemensos_desk.cli.main import main

    assert main(["ministry", "gui", "--db", str(tmp_path / "kosong.sqlite")]) != 0
    assert "ministry init" in capsys.readouterr().err


def test_import_stops_when_cancelled(inbox, tmp_path):
    store = ministry_for(str(tmp_path / "m.sqlite"))
    try:
        seen = []
        outcomes = importer.import_paths(store, [inbox],
                                         progress=lambda done, total, name: seen.append(name) or done >= 1)
        assert len(outcomes) == 1 and len(seen) == 2  # Batal after the first bundle: it stays imported
        assert outcomes[0].status in ("imported", "refused")
    finally:
        store.dispose()


def test_gui_command_opens_the_window(tmp_path):
    # In a process of its own: the command runs a whole application (event loop,
    # exception hook), which must not linger into the other tests of this session.
    import os
    import subprocess
    import sys

    db = str(tmp_path / "m.sqlite")
    ministry_for(db).dispose()
    env = dict(os.environ, KEMENSOS_DESK_BENCH_QUIT_AFTER_SHOWN="1", QT_QPA_PLATFORM="offscreen")
    done = subprocess.run([sys.executable, "-m", "kemensos_desk", "--data-dir", str(tmp_path / "data"),
                           "ministry", "gui", "--db", db], env=env, capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr
    assert "KEMENSOS_DESK_SHOWN" in done.stdout


def test_every_ministry_window_text_has_english_in_its_catalogue():
    import ast

    from kemensos_desk.core.locations import resources_dir
    from kemensos_desk.ui.ministry import completeness_page as cp, import_page, recap_page, window as mw

    catalogue = {}
    for path in sorted((resources_dir() / "i18n" / "en").glob("*.json")):
        catalogue.update(json.loads(path.read_text(encoding="utf-8")))
    texts = [p.title for p in mw.PAGES] + list(import_page.COLUMNS) + [s for s, _ in import_page.STATUS.values()]
    texts += list(cp.LABELS.values()) + list(recap_page.SHORT_NAMES.values()) + list(recap_page.SERVICE_NAMES.values())
    for path in sorted(Path(mw.__file__).parent.glob("*.py")):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if (isinstance(node, ast.Call) and getattr(node.func, "id", None) == "tr" and node.args
                    and isinstance(node.args[0], ast.Constant)):
                texts.append(node.args[0].value)
    assert not sorted({t for t in texts if t not in catalogue})
