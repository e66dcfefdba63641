"""The monthly entry's activity panels driven with pytest-qt: participants (NIK checked as it
is typed), documentation (add, open, remove) and problems with follow-ups moving their status;
approved quarters refuse every write with the lock message. Screens rendered to /tmp/dekon_shots."""
from __future__ import annotations

from pathlib import Path

import pytest

from kemensos_desk.services.dekon import activity, attachments
from test_dekon_ui import YEAR, page  # noqa: F401  (the shared page fixture)

pytest.importorskip("PySide6")
SHOTS = Path("/tmp/dekon_shots")
NIK = "3210014507900003"  # Majalengka, born 5 July 1990, female


def shot(widget, name: str) -> None:
    SHOTS.mkdir(parents=True, exist_ok=True)
    widget.grab().save(str(SHOTS / f"{name}.png"))


def choose(view, ro: str, month: int, tab: int):
    view.ro.setCurrentIndex(view.ro.findData(ro))
    view.month.setCurrentIndex(month - 1)
    view.tabs.setCurrentIndex(tab)


def test_participants_add_check_and_remove(page):  # noqa: F811
    view = page.monthly
    panel = view.participants
    choose(view, "6288.QDB.001", 8, 2)
    before = panel.table.rowCount()
    assert before == len(activity.participants_of_month(page.ctx.ws, YEAR, "6288.QDB.001", 8)) > 0
    panel.nik.setText("32100145079")
    assert "16 angka" in panel.nik_feedback.text()
    panel.nik.setText(NIK)
    assert panel.nik_feedback.text().startswith("NIK sah") and "5 Juli 1990" in panel.nik_feedback.text()
    assert panel.kecamatan_code() == "32.10.01"  # proposed from the NIK
    panel.name.setText("Siti Aminah")
    panel.category.setCurrentIndex(panel.category.findData("tksk"))
    page.tabs.setCurrentIndex(1)
    page.resize(1300, 820)
    shot(page, "monthly_participants")
    assert panel.add()
    assert panel.table.rowCount() == before + 1
    row = next(r for r in range(panel.table.rowCount()) if panel.table.item(r, 1).text() == NIK)
    assert panel.table.item(row, 0).text() == "Siti Aminah" and "TKSK" in panel.table.item(row, 2).text()
    panel.name.setText("Siti Aminah")
    panel.nik.setText(NIK)
    assert not panel.add() and "sudah tercatat" in page.messages[-1][0]
    panel.table.selectRow(row)
    assert panel.remove_selected()
    assert panel.table.rowCount() == before
    assert all(p["nik"] != NIK for p in activity.participants(page.ctx.ws, YEAR, "6288.QDB.001"))
    panel.kecamatan.setEditText("Kecamatan Khayalan")
    panel.name.setText("Siti Aminah")
    panel.nik.setText(NIK)
    assert not panel.add() and "Kemendagri" in page.messages[-1][0]
    panel.kecamatan.setCurrentIndex(0)
    view.month.setCurrentIndex(2)  # Maret: Triwulan I is approved
    panel.table.selectRow(0)
    assert not panel.remove_selected() and "dikunci" in page.messages[-1][0]
    panel.name.setText("Siti Aminah")
    panel.nik.setText(NIK)
    assert not panel.add() and "dikunci" in page.messages[-1][0]


def test_documentation_add_open_remove(page, tmp_path, monkeypatch):  # noqa: F811
    from kemensos_desk.ui.pages.dekon import dialogs

    opened = []
    monkeypatch.setattr(dialogs, "open_file", lambda path: opened.append(Path(path)) or True)
    view = page.monthly
    panel = view.attachments
    choose(view, "6288.QDB.001", 8, 3)
    assert panel.table.rowCount() == 0
    photo = tmp_path / "pembukaan.jpg"
    photo.write_bytes(b"\xff\xd8\xff" + b"x" * 300_000)
    scan = tmp_path / "daftar-hadir.pdf"
    scan.write_bytes(b"%PDF-1.4\n" + b"y" * 2_000)
    panel.note.setText("Pembukaan bimtek")
    assert panel.add_file(photo) and panel.add_file(scan)
    assert panel.table.rowCount() == 2
    names = {panel.table.item(r, 0).text(): r for r in range(2)}
    assert panel.table.item(names["pembukaan.jpg"], 1).text() == "293 KB"
    assert panel.table.item(names["pembukaan.jpg"], 3).text() == "Pembukaan bimtek"
    assert panel.table.item(names["daftar-hadir.pdf"], 2).text() != "–"
    page.tabs.setCurrentIndex(1)
    page.resize(1300, 820)
    shot(page, "monthly_documentation")
    program = tmp_path / "virus.exe"
    program.write_bytes(b"MZ")
    assert not panel.add_file(program) and "tidak diterima" in page.messages[-1][0]
    panel.table.selectRow(names["pembukaan.jpg"])
    assert panel.open_selected()
    assert opened[0].is_file() and opened[0].read_bytes() == photo.read_bytes()
    assert panel.remove_selected()
    assert [a["name"] for a in attachments.list_for(page.ctx.ws, YEAR, "6288.QDB.001", 8)] == ["daftar-hadir.pdf"]
    view.month.setCurrentIndex(1)  # Februari: locked
    assert not panel.add_file(photo) and "dikunci" in page.messages[-1][0]


def test_problem_status_moves_with_follow_up(page):  # noqa: F811
    view = page.monthly
    panel = view.problems
    choose(view, "6288.QDB.002", 10, 1)
    assert panel.table.rowCount() == 1 and panel.table.item(0, 2).text() == "Terbuka"
    assert not panel.follow_up_button.isEnabled()  # nothing selected yet
    panel.table.selectRow(0)
    assert panel.follow_up_button.isEnabled()
    panel.action.setText("Kegiatan dilaksanakan ulang dengan narasumber pengganti")
    panel.action_status.setCurrentIndex(panel.action_status.findData("selesai"))
    panel.new_status.setCurrentIndex(panel.new_status.findData("selesai"))
    assert panel.add_follow_up()
    assert panel.table.item(0, 2).text() == "Selesai"
    assert "narasumber pengganti (Selesai, Oktober)" in panel.table.item(0, 3).text()
    (p,) = [p for p in activity.problems(page.ctx.ws, YEAR) if p["ro"] == "6288.QDB.002"]
    assert p["status"] == "selesai" and len(p["follow_ups"]) == 2
    page.tabs.setCurrentIndex(1)
    page.resize(1300, 820)
    shot(page, "monthly_problems")
    choose(view, "6288.QDB.001", 2, 1)  # Februari, Triwulan I approved
    panel.table.selectRow(0)
    panel.action.setText("Koreksi")
    assert not panel.add_follow_up() and "dikunci" in page.messages[-1][0]


def test_panel_change_keeps_unsaved_entry(page):  # noqa: F811
    view = page.monthly
    choose(view, "6288.QDB.001", 8, 2)
    view.spent.setText("12.345")
    view.participants.name.setText("Siti Aminah")
    view.participants.nik.setText(NIK)
    assert view.participants.add()
    assert view.spent.text() == "12.345"
