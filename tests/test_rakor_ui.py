"""The Rakor page driven with pytest-qt: checklist and countdown, editing proposals with the
computed total and a cited gap, saving and coming back, approval, and the preview."""
from __future__ import annotations

import datetime as _dt
import shutil

import pytest

from kemensos_desk.services import demo
from kemensos_desk.services.auth import Actor
from kemensos_desk.services.rakor import drafts, material
from kemensos_desk.services.workspace import Workspace

pytest.importorskip("PySide6")

YEAR, RAKOR = 2026, 2027
TODAY = _dt.date(2027, 2, 10)


@pytest.fixture(scope="module")
def pristine(tmp_path_factory):
    folder = tmp_path_factory.mktemp("rakor_ui") / "data"
    ws = Workspace.open(folder)
    demo.create_demo(ws, "rahasia123", year=YEAR, size="small")
    ws.close()
    return folder


def _page(pristine, tmp_path, qtbot, role: str, username: str):
    from kemensos_desk.ui.context import AppContext
    from kemensos_desk.ui.pages.rakor.page import RakorPage

    folder = tmp_path / "data"
    shutil.copytree(pristine, folder)
    ws = Workspace.open(folder)
    ctx = AppContext(ws, Actor(username, username, role))
    page = RakorPage(ctx, today=TODAY)
    qtbot.addWidget(page)
    page.resize(1280, 760)
    return page


def test_checklist_countdown_and_proposal_editor(pristine, tmp_path, qtbot):
    page = _page(pristine, tmp_path, qtbot, "operator", "siti.rahmawati")
    assert page.year.value() == RAKOR
    assert page.countdown.text() == "25 hari lagi menuju batas Rakor (7 Maret 2027)"
    assert page.checklist.count() == 5 and page.checklist.item(0).text().startswith("✓")
    assert not page.approve_button.isVisible()

    page.checklist.setCurrentRow(3)
    editor = page.editors[3]
    assert page.stack.currentWidget() is editor
    table = editor.items.table
    before = len(material.live(page.ctx.ws, RAKOR)["proposals"])
    editor.items.add_button.click()
    r = table.rowCount() - 1
    for c, text in ((0, "Bimbingan Teknis Pendamping Lansia"), (1, "1.240"), (2, "orang"), (3, "2.700.000"),
                    (5, "Kabupaten Majalengka"), (6, "Tinggi")):
        table.item(r, c).setText(text)
    assert table.item(r, 4).text() == "3.348.000.000"  # computed, integer rupiah
    assert "Rp" in editor.total.text()
    table.setCurrentCell(r, 0)
    qtbot.keyClicks(editor.description, "Pendampingan lansia telantar")
    qtbot.keyClicks(editor.justification, "Kesenjangan SPM lansia")
    editor.gap.setCurrentIndex(editor.gap.findData("lansia"))
    assert page.save_current()

    # come back: a fresh page reads what was saved, totals recomputed by the service
    saved = material.live(page.ctx.ws, RAKOR)["proposals"]
    assert len(saved) == before + 1
    last = saved[-1]
    assert (last["volume"], last["unit_cost"], last["total"]) == (1240, 2_700_000, 3_348_000_000)
    assert last["description"] == "Pendampingan lansia telantar" and last["gap_service"] == "lansia"
    assert last["gap_text"].startswith("SPM Lanjut usia telantar: ")  # words, not the code (issue 16)
    assert table.rowCount() == before + 1  # the page reloaded after ctx.notify

    # a wrong number is refused with the row named, nothing written
    shown = []
    import kemensos_desk.ui.common as ui_common
    original = ui_common.show_error
    ui_common.show_error = lambda parent, exc: shown.append(exc)
    try:
        table.item(0, 1).setText("banyak")
        assert not page.save_current()
    finally:
        ui_common.show_error = original
    assert shown and shown[0].problems[0].row == 1


def test_verifikator_approves_and_editors_lock(pristine, tmp_path, qtbot, monkeypatch):
    from kemensos_desk.ui import common as ui_common

    page = _page(pristine, tmp_path, qtbot, "verifikator", "budi.santoso")
    page.show()
    assert page.approve_button.isVisible() and page.approve_button.isEnabled()
    assert not page.save_button.isEnabled()  # a verifikator does not edit
    monkeypatch.setattr(ui_common, "ask", lambda *a, **k: True)
    page.approve()
    assert material.status(page.ctx.ws, RAKOR, TODAY)["status"] == "approved"
    assert "Disetujui oleh budi.santoso" in page.state.text()
    assert not page.approve_button.isEnabled()
    assert page.editors[2].narrative.isReadOnly()
    with pytest.raises(Exception):
        drafts.save_narratives(page.ctx.ws, Actor("siti.rahmawati", "Siti", "operator"), RAKOR, spm="x")


def test_preview_opens_the_printed_material(pristine, tmp_path, qtbot):
    page = _page(pristine, tmp_path, qtbot, "operator", "siti.rahmawati")
    dialog = page.preview()
    qtbot.addWidget(dialog)
    preview = getattr(dialog, "preview", None) or dialog.findChild(__import__(
        "kemensos_desk.ui.widgets.pdf_preview", fromlist=["PdfPreview"]).PdfPreview)
    qtbot.waitUntil(lambda: preview.document.pageCount() > 5, timeout=5000)
    dialog.close()


def test_saving_one_part_keeps_unsaved_edits_in_another(pristine, tmp_path, qtbot):
    page = _page(pristine, tmp_path, qtbot, "operator", "siti.rahmawati")
    page.editors[4].items.table.item(0, 0).setText("Masalah yang belum disimpan")
    page.checklist.setCurrentRow(2)
    page.editors[2].narrative.setPlainText("Uraian SPM baru")
    assert page.save_current()
    assert drafts.draft(page.ctx.ws, RAKOR)["spm_narrative"] == "Uraian SPM baru"
    assert page.editors[4].items.text(0, 0) == "Masalah yang belum disimpan"


def test_dashboard_card(pristine, tmp_path, qtbot):
    from kemensos_desk.ui.pages import rakor

    page = _page(pristine, tmp_path, qtbot, "operator", "siti.rahmawati")
    from kemensos_desk.ui import tasks

    card = rakor.dashboard_card(page.ctx)
    qtbot.addWidget(card)
    qtbot.waitUntil(lambda: not tasks.busy())  # the card fills in off the GUI thread
    texts = [w.text() for w in card.findChildren(__import__("PySide6.QtWidgets", fromlist=["QLabel"]).QLabel)]
    assert any("batas Rakor" in t for t in texts)
