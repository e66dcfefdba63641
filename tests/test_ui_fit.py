"""Every page of the office and the ministry window fits the screens offices have (issue 16,
items 6-7): 1366×768 and 1024×600. Geometry is read off real widgets: nothing of the
window's frame outside it, no page wider than its window (pages scroll down, never sideways),
no tab label cut, the Sandi/Keluar buttons and the status bar on screen, name columns wide
enough for their names (or stretching), column widths remembered.
"""
from __future__ import annotations

import pytest
from PySide6.QtCore import QPoint, QRect, Qt
from PySide6.QtWidgets import QAbstractScrollArea, QApplication, QListWidget, QScrollArea, QTableView, QTableWidget, QTabWidget, QWidget

from kemensos_desk.services import auth, demo
from kemensos_desk.services.workspace import Workspace
from kemensos_desk.ui import common, fit, pages, table_columns
from kemensos_desk.ui.context import AppContext
from kemensos_desk.ui.main_window import MainWindow

SIZES = [(1366, 768), (1024, 600)]
PASSWORD = "contoh2026"


@pytest.fixture(autouse=True)
def quick_hashing(monkeypatch):
    from kemensos_desk.core import passwords

    real = passwords.hash_password
    monkeypatch.setattr(passwords, "hash_password", lambda password, n=2**10: real(password, n=n))


@pytest.fixture(autouse=True)
def own_settings(tmp_path):
    """Remembered column widths go to a folder of the test, never to the tester's home."""
    from PySide6.QtCore import QSettings

    QSettings.setPath(QSettings.IniFormat, QSettings.UserScope, str(tmp_path / "pengaturan-qt"))


@pytest.fixture(autouse=True)
def themed(qapp):
    from kemensos_desk.ui import theme

    theme.apply(qapp)  # the app's fonts and paddings: what users see, not Qt's defaults


@pytest.fixture(autouse=True)
def boxes(monkeypatch):
    shown = []
    monkeypatch.setattr(common, "_show_box", lambda box: shown.append(box.text()) or 0)
    return shown


@pytest.fixture
def office(tmp_path):
    ws = Workspace.open(tmp_path / "demo")
    demo.create_demo(ws, PASSWORD, size="small")
    yield ws
    ws.close()


def _settle(qtbot) -> None:
    QApplication.processEvents()
    QApplication.processEvents()


def _rect_in(widget: QWidget, ancestor: QWidget) -> QRect:
    return QRect(widget.mapTo(ancestor, QPoint(0, 0)), widget.size())


def _inside_inner_scroll(widget: QWidget, holder: QWidget) -> bool:
    """True when ``widget`` sits in a scroll area of its own (a table's cells), below ``holder``."""
    p = widget.parentWidget()
    while p is not None and p is not holder:
        if isinstance(p, QAbstractScrollArea):
            return True
        p = p.parentWidget()
    return False


def _all_tab_states(page: QWidget):
    """Yield once per combination of visible tabs, walking nested tab widgets."""
    yield None
    for tabs in page.findChildren(QTabWidget):
        for i in range(tabs.count()):
            tabs.setCurrentIndex(i)
            yield f"{tabs.objectName()}[{tabs.tabText(i)}]"
        tabs.setCurrentIndex(0)
    for parts in page.findChildren(QListWidget, "rakorChecklist"):  # the Rakor parts: one editor each
        for i in range(parts.count()):
            parts.setCurrentRow(i)
            yield f"rakor part {i + 1}"


def check_fits(window: QWidget, holder, where: str) -> None:
    """The window's contents stay in the window; the page in ``holder`` never needs sideways scrolling."""
    full = window.rect()
    problems = []
    for w in window.findChildren(QWidget):
        if not w.isVisible() or w.isWindow() or w.width() == 0:
            continue
        if holder.isAncestorOf(w):
            continue
        r = _rect_in(w, window)
        if not full.adjusted(-1, -1, 1, 1).contains(r):
            problems.append(f"{type(w).__name__}:{w.objectName()} at {r.getRect()} outside {full.getRect()}")
    viewport = holder.viewport()
    for area in [holder] + holder.widget().findChildren(QScrollArea):
        if area.isVisible() and area.horizontalScrollBar().maximum() > 0:
            problems.append(f"{area.objectName() or 'page'} scrolls sideways by {area.horizontalScrollBar().maximum()} px")
    for w in holder.widget().findChildren(QWidget):
        if not w.isVisible() or _inside_inner_scroll(w, holder.widget()):
            continue
        r = _rect_in(w, viewport)
        if r.left() < -1 or r.right() > viewport.width() + 1:
            problems.append(f"{type(w).__name__}:{w.objectName()} x {r.left()}..{r.right()} beyond {viewport.width()}")
    for table in holder.widget().findChildren(QTableView):
        if table.isVisible():
            problems += check_columns(table)
    for tabs in holder.widget().findChildren(QTabWidget):
        if not tabs.isVisible():
            continue
        bar = tabs.tabBar()
        for i in range(bar.count()):
            needed = bar.fontMetrics().horizontalAdvance(bar.tabText(i).replace("&", ""))
            if bar.tabRect(i).width() < needed:
                problems.append(f"tab '{bar.tabText(i)}' is {bar.tabRect(i).width()} px for {needed} px of text")
    assert not problems, f"{where}: " + "; ".join(problems[:8])


def check_columns(table: QTableView) -> list[str]:
    """Every table is sized by table_columns.fit_columns; its name columns show their names whole
    (up to NAME_MAX; longer ones wrap or have a tooltip)."""
    fitter = getattr(table, "_column_fitter", None)
    if fitter is None:
        return [f"table {table.objectName() or type(table.parentWidget()).__name__} not sized by fit_columns"]
    model, found = table.model(), []
    metrics = table.fontMetrics()
    for c in fitter.names:
        if c >= model.columnCount() or table.isColumnHidden(c):
            continue
        head = str(model.headerData(c, Qt.Horizontal, Qt.DisplayRole) or "")
        texts = [head] + [str(model.index(r, c).data() or "") for r in range(min(model.rowCount(), 30))]
        widest = max(metrics.horizontalAdvance(line) for t in texts for line in (t.splitlines() or [""]))
        full = sum(table.columnWidth(k) for k in range(model.columnCount())) >= table.viewport().width() - 2
        # whole names, or (a full table) at least NAME_MIN with the rest in the tooltip
        enough = min(widest, table_columns.NAME_MIN if full else table_columns.NAME_MAX)
        if table.columnWidth(c) < enough and not fitter.wrap:
            found.append(f"column '{head}' {table.columnWidth(c)} px for {widest} px of names")
    return found


@pytest.mark.parametrize("size", SIZES, ids=lambda s: f"{s[0]}x{s[1]}")
def test_every_office_page_fits(office, qtbot, size):
    ctx = AppContext(office, auth.login(office, "admin", PASSWORD), office.data_dir)
    window = MainWindow(ctx)
    qtbot.addWidget(window)
    window.resize(*size)
    window.show()
    qtbot.waitExposed(window)
    assert (window.width(), window.height()) == size  # the minimum size fits a 1024×600 screen
    for info in pages.PAGES:
        window.show_page(info.key)
        _settle(qtbot)
        holder = window.stack.currentWidget()
        for state in _all_tab_states(window.page(info.key)):
            _settle(qtbot)
            check_fits(window, holder, f"{size} {info.key} {state or ''}")
        for button in (window.password_button, window.logout_button, window.statusBar()):
            assert button.isVisible()
            assert window.rect().contains(_rect_in(button, window)), f"{button.objectName()} off screen at {size}"


@pytest.mark.parametrize("size", SIZES, ids=lambda s: f"{s[0]}x{s[1]}")
def test_every_ministry_page_fits(ministry_store, qtbot, size):
    from kemensos_desk.ui.ministry.window import PAGES, MinistryWindow

    window = MinistryWindow(ministry_store)
    qtbot.addWidget(window)
    window.resize(*size)
    window.show()
    qtbot.waitExposed(window)
    assert (window.width(), window.height()) == size
    for info in PAGES:
        window.show_page(info.key)
        _settle(qtbot)
        holder = window.holders[info.key]
        for state in _all_tab_states(window.pages[info.key]):
            _settle(qtbot)
            check_fits(window, holder, f"{size} ministry {info.key} {state or ''}")


@pytest.fixture(scope="module")
def ministry_store(tmp_path_factory):
    from kemensos_desk.ministry import demo as ministry_demo, store as mstore
    from kemensos_desk.services.sync import crypto

    root = tmp_path_factory.mktemp("kementerian")
    url = f"sqlite:///{root / 'kementerian.sqlite'}"
    mstore.init(url, crypto.demo_key_file())
    store = mstore.open_store(url)
    ministry_demo.run(store, root / "kerja", offices=3)
    yield store
    store.dispose()


def test_main_window_opens_to_the_screen(qtbot):
    small = QRect(0, 0, 1024, 600)
    assert fit.is_small_screen(small) and fit.is_small_screen(QRect(0, 0, 1366, 728))
    assert not fit.is_small_screen(QRect(0, 0, 1920, 1040))
    minimum = fit.main_window_minimum(small)
    assert minimum.width() <= 1024 and minimum.height() <= 600 - 40  # room for a task bar
    window = QWidget()
    qtbot.addWidget(window)
    fit.show_main_window(window)
    area = fit.available_geometry(window)
    assert window.width() <= area.width() and window.height() <= area.height()


def test_a_dragged_column_width_is_remembered_per_table(qtbot, monkeypatch):
    def make() -> QTableWidget:
        t = QTableWidget(3, 3)
        t.setHorizontalHeaderLabels(["Kode", "Nama kantor", "Jumlah"])
        t.setItem(0, 1, __import__("PySide6.QtWidgets").QtWidgets.QTableWidgetItem("Dinas Sosial Kabupaten Majalengka"))
        qtbot.addWidget(t)
        t.resize(700, 300)
        t.show()
        table_columns.fit_columns(t, "uji/kantor", names=(1,))
        return t

    first = make()
    assert first.columnWidth(1) >= first.fontMetrics().horizontalAdvance("Dinas Sosial Kabupaten Majalengka")
    monkeypatch.setattr(table_columns.QApplication, "mouseButtons", staticmethod(lambda: Qt.LeftButton))
    first.horizontalHeader().resizeSection(0, 155)  # as a drag by the user
    monkeypatch.undo()
    qtbot.waitUntil(lambda: table_columns.remembered_widths("uji/kantor") == {0: 155})
    second = make()
    assert second.columnWidth(0) == 155
    table_columns.forget_widths(second)
    assert table_columns.remembered_widths("uji/kantor") == {}


@pytest.mark.parametrize("size", SIZES, ids=lambda s: f"{s[0]}x{s[1]}")
def test_dialogs_fit_the_screen_with_their_buttons_on_it(office, qtbot, monkeypatch, tmp_path, size):
    """Print preview, person form, RO allocation, Excel import, Tentang and the set-up wizard on a
    laptop screen (a task bar of 40 px): the whole dialog and its buttons are on the screen."""
    from PySide6.QtWidgets import QAbstractButton

    from kemensos_desk.ui.about import AboutDialog
    from kemensos_desk.ui.pages.dekon.allocation_form import AllocationForm
    from kemensos_desk.ui.pages.spm.import_dialog import ImportDialog
    from kemensos_desk.ui.pages.spm.person_form import PersonDialog
    from kemensos_desk.ui.setup_wizard import SetupWizard
    from kemensos_desk.ui.widgets.pdf_preview import PdfPreviewDialog

    area = QRect(0, 0, size[0], size[1] - 40)
    monkeypatch.setattr(fit, "available_geometry", lambda widget=None: area)
    ctx = AppContext(office, auth.login(office, "admin", PASSWORD), office.data_dir)
    pdf = tmp_path / "contoh.pdf"
    from kemensos_desk.cli.main import main as cli  # a real, long document to preview: the Rakor PDF

    monkeypatch.setenv("KEMENSOS_DESK_PASSWORD", PASSWORD)
    assert cli(["--data-dir", str(office.data_dir), "--user", "admin", "rakor", "pdf", "--year", "2027",
                "--out", str(pdf)]) == 0
    fresh = Workspace.open(tmp_path / "baru")
    dialogs = {"preview": PdfPreviewDialog(pdf), "about": AboutDialog(ctx), "person": PersonDialog(ctx),
               "allocation": AllocationForm(ctx, 2026), "import": ImportDialog(ctx),
               "wizard": SetupWizard(fresh, fresh.data_dir)}
    try:
        for name, dialog in dialogs.items():
            qtbot.addWidget(dialog)
            dialog.show()
            _settle(qtbot)
            assert dialog.width() <= area.width() and dialog.height() <= area.height(), (name, dialog.size())
            for button in dialog.findChildren(QAbstractButton):
                if button.isVisible() and button.text() in ("Tutup", "Simpan", "Batal", "Lanjut"):
                    assert dialog.rect().contains(_rect_in(button, dialog)), (name, button.text())
            dialog.close()
    finally:
        fresh.close()
