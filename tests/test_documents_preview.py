"""The in-app PDF preview: pages, navigation, printing into a PDF printer, saving a copy."""
import pypdf
import pytest
from PySide6.QtPrintSupport import QPrinter

from kemensos_desk.documents import sample
from kemensos_desk.ui.widgets import pdf_preview
from kemensos_desk.ui.widgets.pdf_preview import PdfPreview, PdfPreviewDialog


@pytest.fixture(scope="module")
def pdf(tmp_path_factory):
    return sample.build_pdf(tmp_path_factory.mktemp("prev") / "contoh-f4.pdf", "f4")


def test_preview_shows_pages_and_navigates(qtbot, pdf):
    view = PdfPreview(pdf)
    qtbot.addWidget(view)
    view.resize(800, 700)
    view.show()
    assert view.page_count == 2
    assert view.page_label.text() == "Halaman 1 dari 2"
    assert not view.prev_button.isEnabled() and view.next_button.isEnabled()
    view.next_button.click()
    assert view.current_page == 1 and view.page_label.text() == "Halaman 2 dari 2"
    assert not view.next_button.isEnabled()
    view.zoom_in_button.click()
    assert view.zoom_label.text() == "125%" or view.zoom_label.text().endswith("%")
    view.fit_button.click()
    assert not view.zoom_label.isVisible()


def test_print_to_a_pdf_printer_keeps_pages_and_paper(qtbot, pdf, tmp_path):
    view = PdfPreview(pdf)
    qtbot.addWidget(view)
    printer = view.printer_for_document()
    printer.setOutputFormat(QPrinter.PdfFormat)
    printer.setOutputFileName(str(tmp_path / "printed.pdf"))
    printer.setResolution(72)  # keeps the test fast; real printers get up to PRINT_DPI_CAP
    assert view.print_to(printer) == 2
    pages = pypdf.PdfReader(tmp_path / "printed.pdf").pages
    assert len(pages) == 2
    w, h = float(pages[0].mediabox.width), float(pages[0].mediabox.height)
    assert abs(w - 609.45) < 4 and abs(h - 935.43) < 4  # F4 (the driver's Folio: 612 × 936)


def test_print_dialog_path_and_cancel(qtbot, pdf, tmp_path, monkeypatch):
    view = PdfPreview(pdf)
    qtbot.addWidget(view)
    monkeypatch.setattr(pdf_preview, "_exec_dialog", lambda dialog: False)
    assert view.print_with_dialog() is False
    out = tmp_path / "via-dialog.pdf"

    def accept(dialog):
        dialog.printer().setOutputFormat(QPrinter.PdfFormat)
        dialog.printer().setOutputFileName(str(out))
        dialog.printer().setResolution(72)
        return True

    monkeypatch.setattr(pdf_preview, "_exec_dialog", accept)
    assert view.print_with_dialog() is True
    assert len(pypdf.PdfReader(out).pages) == 2


def test_save_as_copies_the_file(qtbot, pdf, tmp_path, monkeypatch):
    dialog = PdfPreviewDialog(pdf, "Contoh")
    qtbot.addWidget(dialog)
    monkeypatch.setattr(pdf_preview, "_ask_save_path", lambda parent, suggested: str(tmp_path / "salinan"))
    saved = dialog.preview.save_with_dialog()
    assert saved == tmp_path / "salinan.pdf" and saved.read_bytes() == pdf.read_bytes()


def test_unreadable_file_is_reported_not_raised(qtbot, tmp_path):
    bad = tmp_path / "rusak.pdf"
    bad.write_bytes(b"bukan pdf")
    view = PdfPreview()
    qtbot.addWidget(view)
    assert view.load(bad) == 0
    assert view.page_label.text() == "Berkas PDF tidak dapat dibuka."
    assert not view.print_button.isEnabled()


def test_closing_the_window_releases_the_file(qtbot, pdf):
    dialog = PdfPreviewDialog(pdf, "Contoh")
    qtbot.addWidget(dialog)
    assert dialog.preview.page_count == 2
    dialog.accept()
    assert dialog.preview.page_count == 0
