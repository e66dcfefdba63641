"""The Sinkronisasi page (pytest-qt, offscreen): make a bundle, the list, import a receipt."""
from __future__ import annotations

import json

import pytest

from kemensos_desk.ministry import importer, receipts as mreceipts
from kemensos_desk.services import auth
from kemensos_desk.ui import common, tasks
from kemensos_desk.ui.context import AppContext
from kemensos_desk.ui.pages import create_page

from test_sync_support import PASSWORD, make_office, ministry_for


@pytest.fixture
def boxes(monkeypatch):
    shown = []
    monkeypatch.setattr(common, "_show_box", lambda box: shown.append(box.text()) or common.QMessageBox.Yes)
    return shown


def test_make_bundle_and_import_receipt(qtbot, tmp_path, boxes):
    ws = make_office(tmp_path / "kantor")
    try:
        from PySide6.QtWidgets import QApplication

        from kemensos_desk.ui import theme

        theme.apply(QApplication.instance())
        page = create_page("sync", AppContext(ws, auth.login(ws, "admin", PASSWORD)))
        qtbot.addWidget(page)
        page.resize(1180, 720)
        page.show()
        assert "4 rekaman belum dikirim ke kementerian" in page.pending_label.text()
        assert page.table.rowCount() == 0
        page.make_bundle(tmp_path / "usb")
        qtbot.waitUntil(lambda: not tasks.busy())
        assert page.table.rowCount() == 1
        # issue 16: what was sent (in words), where, and what to do next; no "next bundle" after sending
        sent = page.result_label.text()
        assert "Paket nomor 1" in sent and str(tmp_path / "usb") in sent and ".kdsync" in sent
        assert "Isinya: 4 rekaman" in sent and "Langkah berikutnya" in sent
        assert "flashdisk" in sent and "surel" in sent and "tanda terima" in sent
        assert "_" not in sent.split("Isinya")[1].split("</p>")[0]  # kinds in words, not internal names
        pending = page.pending_label.text()
        assert "menunggu tanda terima" in pending and "akan masuk paket berikutnya" not in pending
        assert page.table.item(0, 6).text() == "Menunggu tanda terima"
        store = ministry_for(str(tmp_path / "m.sqlite"))
        importer.import_paths(store, [tmp_path / "usb"])
        [receipt] = mreceipts.write_receipts(store, tmp_path / "tt")
        store.dispose()
        page.make_bundle(tmp_path / "usb")  # a second, still unconfirmed
        qtbot.waitUntil(lambda: not tasks.busy())
        assert page.import_receipt(receipt)
        assert "1 paket dikonfirmasi" in page.receipt_label.text()
        statuses = sorted(page.table.item(r, 6).text() for r in range(page.table.rowCount()))
        assert statuses[0].startswith("Diterima") and statuses[1] == "Menunggu tanda terima"
        page.grab().save(str(tmp_path.parent / "sync-page.png"))
        (tmp_path / "rusak.kdreceipt").write_text("{}")
        assert not page.import_receipt(tmp_path / "rusak.kdreceipt")
        assert boxes and "bukan tanda terima" in boxes[-1]
        from kemensos_desk.services.sync import crypto

        other = tmp_path / "kementerian.pub"
        other.write_text(json.dumps(crypto.MinistryKeys.generate().public.to_json()))
        assert page.set_ministry_key(other)
        assert "diatur" in boxes[-1] and "CONTOH" not in page.key_label.text()
    finally:
        ws.close()


def test_real_office_takes_its_enrolment_file_on_the_page(qtbot, tmp_path, boxes):
    """Issue 13: without a file the page says the first bundle waits (with the key's
    fingerprint to read on the phone); with the ministry's file it says enrolled."""
    import json as _json

    from PySide6.QtWidgets import QApplication

    from bundle_forge import ministry_key_file
    from kemensos_desk.ministry import enrolment
    from kemensos_desk.ui import theme

    key_file, _keys = ministry_key_file(tmp_path / "kunci")
    store = ministry_for(str(tmp_path / "m.sqlite"), key_file)
    enrol_file = tmp_path / "3210.kdenrol"
    enrol_file.write_text(_json.dumps(enrolment.issue(store, "32.10")))
    other = tmp_path / "3211.kdenrol"
    other.write_text(_json.dumps(enrolment.issue(store, "32.11")))
    store.dispose()
    ws = make_office(tmp_path / "kantor", demo=False)
    try:
        theme.apply(QApplication.instance())
        page = create_page("sync", AppContext(ws, auth.login(ws, "admin", PASSWORD)))
        qtbot.addWidget(page)
        page.resize(1024, 600)
        page.show()
        assert "menunggu verifikasi" in page.key_label.text() and "sidik jari" in page.key_label.text()
        assert not page.take_enrolment(other) and "bukan kantor ini" in boxes[-1]
        assert page.take_enrolment(enrol_file)
        assert "Terdaftar di kementerian" in page.key_label.text() and "terdaftar" in boxes[-1]
        page.grab().save(str(tmp_path.parent / "sync-page-enrolled.png"))
    finally:
        ws.close()
