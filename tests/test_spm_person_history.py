"""Issue 16 item 13: the person form shows the person's services, assessments and deliveries
("Riwayat layanan"), and the register shows every service a person is in."""
from __future__ import annotations

import datetime as _dt

import pytest
from PySide6.QtCore import Qt

from kemensos_desk.services.spm import deliveries
from kemensos_desk.services.spm import register as reg
from kemensos_desk.services.spm.history import person_history
from test_spm_support import OPERATOR, make_office, nik_for

BORN = _dt.date(1950, 3, 12)


@pytest.fixture()
def ctx(tmp_path):
    from kemensos_desk.ui.context import AppContext

    ws = make_office(tmp_path)
    with ws.store.session("admin") as s:
        b = reg.add_person(s, reg.PersonData(name="Siti Aminah", sex="P", birth_date=BORN, kecamatan_code="32.10.01",
                                             nik=nik_for("321001", BORN, "P", 1), desa="Sukamaju"))
        for year in (2025, 2026):
            reg.entitle(s, b, "lansia", year)
        reg.entitle(s, b, "disabilitas", 2026)
        other = reg.add_person(s, reg.PersonData(name="Ujang Suparman", sex="L", birth_date=BORN,
                                                 kecamatan_code="32.10.01", nik=nik_for("321001", BORN, "L", 2)))
        reg.entitle(s, other, "lansia", 2026)
        pid = b.id
    deliveries.record_assessment(ws, OPERATOR, pid, "lansia", 2026, ["alat_bantu"], _dt.date(2026, 2, 3))
    deliveries.record_delivery(ws, OPERATOR, pid, "lansia", "permakanan", _dt.date(2026, 3, 10), 10, "paket")
    deliveries.record_delivery(ws, OPERATOR, pid, "lansia", "permakanan", _dt.date(2025, 11, 4), 10, "paket")
    ctx = AppContext(ws, OPERATOR)
    ctx.person_id = pid
    yield ctx
    ws.close()


def test_history_in_words_newest_first(ctx):
    h = person_history(ctx.ws, ctx.actor, ctx.person_id)
    assert [(e["service_name"], e["year"]) for e in h["services"]] == [
        ("Lanjut usia telantar", 2026), ("Penyandang disabilitas telantar", 2026), ("Lanjut usia telantar", 2025)]
    assert [a["component_name"] for a in h["assessments"]] and h["assessments"][0]["assessed_on"] == _dt.date(2026, 2, 3)
    assert [d["delivered_on"] for d in h["deliveries"]] == [_dt.date(2026, 3, 10), _dt.date(2025, 11, 4)]
    assert all("_" not in d["component_name"] for d in h["deliveries"])


def test_person_form_has_a_history_tab(ctx, qtbot):
    from kemensos_desk.ui.pages.spm.person_form import PersonDialog

    dialog = PersonDialog(ctx, ctx.person_id)
    qtbot.addWidget(dialog)
    dialog.show()
    tabs = dialog.tabs
    assert [tabs.tabText(i) for i in range(tabs.count())] == ["Data pribadi", "Riwayat layanan"]
    tabs.setCurrentIndex(1)
    history = dialog.history
    assert history.services.rowCount() == 3 and history.services.item(0, 0).text() == "Lanjut usia telantar"
    assert history.assessments.rowCount() == 1
    assert history.deliveries.rowCount() == 2
    assert history.deliveries.item(0, 0).text() == "10 Maret 2026" and history.deliveries.item(0, 3).text() == "10 paket"
    assert "3 hak layanan, 1 asesmen, 2 layanan diberikan" in history.summary.text()
    dialog.reject()  # nothing changed: closes without a question
    assert not dialog.isVisible()

    new = PersonDialog(ctx)  # a new person has no history yet: no tabs
    qtbot.addWidget(new)
    assert not hasattr(new, "tabs")


def test_register_row_lists_every_service(ctx, qtbot):
    from kemensos_desk.ui.pages.spm.register_view import RegisterView

    view = RegisterView(ctx)
    qtbot.addWidget(view)
    view.service.setCurrentIndex(view.service.findData("lansia"))  # filtered by one service ...
    model = view.model
    names = [model.data(model.index(r, 1)) for r in range(model.rowCount())]
    row = names.index("Siti Aminah")
    column = [model.headerData(c, Qt.Horizontal) for c in range(model.columnCount())].index("Layanan")
    services = model.data(model.index(row, column)).lower()
    # ... the row still names both services she is in (codes or names, whichever the register shows)
    assert ("lansia" in services or "lanjut usia" in services) and "disabilitas" in services
