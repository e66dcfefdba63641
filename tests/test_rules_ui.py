"""Pengaturan › Aturan and the SPM screen under a rules pack (pytest-qt, offscreen)."""
from __future__ import annotations

import datetime as _dt

import pytest

from kemensos_desk.core import rules
from kemensos_desk.services import auth, rules_packs
from kemensos_desk.services.spm import quarters
from kemensos_desk.ui import common
from kemensos_desk.ui.context import AppContext
from kemensos_desk.ui.pages.settings import SettingsPage
from test_rules_packs import OPERATOR, office, own_bands, pack_bytes  # noqa: F401 (fixtures)
from test_spm_support import PASSWORD


@pytest.fixture(autouse=True)
def _built_in_rules():
    rules.install(None)
    yield
    rules.install(None)


@pytest.fixture
def boxes(monkeypatch):
    shown = []
    monkeypatch.setattr(common, "_show_box", lambda box: shown.append(box.text()) or common.QMessageBox.Yes)
    return shown


def _page(qtbot, ws) -> SettingsPage:
    page = SettingsPage(AppContext(ws, auth.login(ws, "admin", PASSWORD)))
    qtbot.addWidget(page)
    page.resize(1100, 700)
    page.show()
    return page


def test_rules_tab_imports_a_pack_and_refuses_a_bad_one(qtbot, office, tmp_path, boxes):  # noqa: F811
    page = _page(qtbot, office)
    tab = page.show_tab("rules")
    assert rules.built_in().version in tab.version_label.text() and tab.table.isHidden()
    good, foreign = tmp_path / "baru.kdrules", tmp_path / "asing.kdrules"
    good.write_bytes(pack_bytes("9999.1", spm_services=own_bands))
    from test_rules_packs import OTHER

    foreign.write_bytes(pack_bytes("9999.2", signer=OTHER))
    assert not tab.import_from(foreign)
    assert boxes and "kunci lain" in boxes[-1] and rules.version() == rules.built_in().version
    assert tab.import_from(good)
    assert "9999.1" in tab.version_label.text() and "paket kementerian" in tab.version_label.text()
    assert tab.table.rowCount() == 1 and tab.table.item(0, 0).text().startswith("9999.1")
    assert tab.import_from(good) and "sudah berlaku" in tab.status.text()


def test_spm_screen_shows_frozen_and_current_figures(qtbot, office):  # noqa: F811
    from kemensos_desk.ui.pages.spm.achievement_view import AchievementView

    quarters.approve(office, OPERATOR, 2025, 1, today=_dt.date(2025, 5, 1))
    rules_packs.import_pack(office, "admin", pack_bytes("9999.1", spm_services=own_bands))
    view = AchievementView(AppContext(office, auth.login(office, "admin", PASSWORD)))
    qtbot.addWidget(view)
    view.show()
    view.year.setValue(2025)
    view.period.setCurrentIndex(0)
    text = view.frozen_note.text()
    assert view.frozen_note.isVisible() and rules.built_in().version in text and "9999.1" in text
    assert "Uji Bawah" in text
