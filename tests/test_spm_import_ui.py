"""The import preview dialog driven with pytest-qt: file → background check → N new / N updated /
N refused with reasons → nothing saved until confirmed → background save."""
from __future__ import annotations

from pathlib import Path

import pytest
from sqlalchemy import func, select

from kemensos_desk.store.models_spm import Beneficiary
from test_spm_support import OPERATOR, make_office

pytest.importorskip("PySide6")
DATA = Path(__file__).parent / "data" / "spm"


def _count(ws) -> int:
    with ws.store.session() as s:
        return s.scalar(select(func.count()).select_from(Beneficiary))


def test_preview_then_confirm_saves_valid_rows(tmp_path, qtbot, monkeypatch):
    from kemensos_desk.ui import common as ui_common, tasks
    from kemensos_desk.ui.context import AppContext
    from kemensos_desk.ui.pages.spm.import_dialog import ImportDialog

    ws = make_office(tmp_path, region="73.02")
    asked, told = [], []
    monkeypatch.setattr(ui_common, "ask", lambda parent, text, detail="", title="": asked.append(text) or True)
    monkeypatch.setattr(ui_common, "inform", lambda parent, text, detail="", title="": told.append(text))
    ctx = AppContext(ws, OPERATOR)
    changed = []
    ctx.changed.connect(changed.append)
    dlg = ImportDialog(ctx, "beneficiaries", service="lansia", year=2026)
    qtbot.addWidget(dlg)
    assert not dlg.save_button.isEnabled()
    dlg.path.setText(str(DATA / "lansia_bulukumba_2026.xlsx"))
    dlg.check()
    qtbot.waitUntil(lambda: not tasks.busy() and dlg.preview is not None, timeout=20000)
    p = dlg.preview
    # the two people the service tests register beforehand are not here: those rows are new
    assert (p.new, p.updated) == (8, 0) and dlg.problems.rowCount() == len(p.refused) + len(p.warnings)
    assert "8 baru" in dlg.summary.text() and _count(ws) == 0
    assert dlg.problems.item(0, 0).text() == "12" and "15 angka" in dlg.problems.item(0, 3).text()
    assert not dlg.save_button.isEnabled() and not dlg.accept_valid.isHidden()
    dlg.show()
    dlg.resize(1000, 620)
    dlg.grab().save("/tmp/spm_import_dialog.png")
    dlg.accept_valid.setChecked(True)
    assert dlg.save_button.isEnabled()
    dlg.save()
    qtbot.waitUntil(lambda: not tasks.busy() and dlg.saved is not None, timeout=20000)
    assert asked and told and dlg.saved.new == 8 and _count(ws) == 8
    assert any("spm_beneficiary" in kinds for kinds in changed)
    ws.close()
