"""Issue 16: the daftar penerima (the list people sign or thumbprint when they receive goods)
printed from the SPM page: service, component, desa and date chosen in a dialog, the PDF in
the print preview, its text read back with pdftotext."""
from __future__ import annotations

import datetime as _dt
import subprocess

import pytest

from kemensos_desk.services.spm import register as reg
from kemensos_desk.ui import tasks
from test_spm_support import OPERATOR, make_office, nik_for

pytest.importorskip("PySide6")

BORN = _dt.date(1950, 3, 12)
PEOPLE = [("Siti Aminah", "P", "Sukamaju"), ("Ujang Suparman", "L", "Sukamaju"), ("Euis Komariah", "P", "Cibodas"),
          ("Asep Saepudin", "L", "sukamaju ")]  # the same desa written loosely


@pytest.fixture()
def ctx(tmp_path):
    from kemensos_desk.ui.context import AppContext

    ws = make_office(tmp_path)
    with ws.store.session("admin") as s:
        for i, (name, sex, desa) in enumerate(PEOPLE, start=1):
            b = reg.add_person(s, reg.PersonData(name=name, sex=sex, birth_date=BORN, kecamatan_code="32.10.01",
                                                 nik=nik_for("321001", BORN, sex, i), desa=desa))
            reg.entitle(s, b, "lansia", 2026)
    yield AppContext(ws, OPERATOR)
    ws.close()


def _pdf_text(path) -> str:
    return subprocess.run(["pdftotext", "-layout", str(path), "-"], capture_output=True, text=True,
                          check=True).stdout


def test_print_distribution_list_from_the_register(ctx, qtbot):
    from PySide6.QtCore import QDate

    from kemensos_desk.ui.pages.spm.register_view import RegisterView

    view = RegisterView(ctx)
    qtbot.addWidget(view)
    assert view.print_btn.isEnabled()
    view.print_btn.click()
    dialog = view.distribution_dialog
    qtbot.addWidget(dialog)
    dialog.service.setCurrentIndex(dialog.service.findData("lansia"))
    dialog.component.setCurrentIndex(dialog.component.findData("permakanan"))
    dialog.date.setDate(QDate(2026, 11, 23))
    desa = [dialog.desa.itemText(i) for i in range(dialog.desa.count())]
    assert desa == ["Semua desa/kelurahan", "Cibodas", "Sukamaju"]
    dialog.desa.setCurrentIndex(dialog.desa.findText("Sukamaju"))
    dialog.quantity.setText("10")
    dialog.preview_button.click()
    qtbot.waitUntil(lambda: not tasks.busy() and dialog.preview_dialog is not None, timeout=20000)
    path, n = dialog.written
    assert n == 3 and "3 penerima" in dialog.status.text()
    preview = dialog.preview_dialog
    assert preview.isVisible() and preview.preview.document.pageCount() >= 1
    text = _pdf_text(path)
    for name in ("Siti Aminah", "Ujang Suparman", "Asep Saepudin"):
        assert name in text
    assert "Euis Komariah" not in text
    assert "Daftar Penerima" in text or "DAFTAR PENERIMA" in text
    assert "Tanggal penyaluran 23 November 2026" in text and "Desa/Kelurahan Sukamaju" in text
    assert "permakanan" in text
    assert "Jumlah penerima: 3 orang" in text
    preview.close()


def test_nobody_to_list_says_so(ctx, qtbot):
    from PySide6.QtCore import QDate

    from kemensos_desk.ui.pages.spm.distribution_dialog import DistributionListDialog

    dialog = DistributionListDialog(ctx, "lansia")
    qtbot.addWidget(dialog)
    dialog.date.setDate(QDate(2025, 6, 1))  # nobody entitled in 2025
    dialog.preview_button.click()
    qtbot.waitUntil(lambda: not tasks.busy() and dialog.written is not None, timeout=20000)
    assert dialog.preview_dialog is None and "Tidak ada penerima" in dialog.status.text()
