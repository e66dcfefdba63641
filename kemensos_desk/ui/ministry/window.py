"""The ministry window: navigation on the left like the office window, the ministry pages,
and a status bar naming the database and the ministry key. Every figure comes from the
ministry services (kemensos_desk.ministry); no SQL here."""
from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import Signal
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QHBoxLayout, QLabel, QMainWindow, QStackedWidget, QWidget

from kemensos_desk import __version__
from kemensos_desk.core.i18n import tr
from kemensos_desk.ui import common, fit, theme
from kemensos_desk.ui.ministry.completeness_page import CompletenessPage
from kemensos_desk.ui.sidebar import build_sidebar
from kemensos_desk.ui.ministry.import_page import ImportPage
from kemensos_desk.ui.ministry.recap_page import RecapPage
from kemensos_desk.ui.ministry.tools_pages import ConflictsPage, RakorPage, ReceiptsPage


@dataclass(frozen=True)
class MinistryPageInfo:
    key: str
    title: str  # Indonesian source text; shown through tr()
    icon: str
    factory: type


PAGES = (
    MinistryPageInfo("import", "Impor paket", "sinkronisasi", ImportPage),
    MinistryPageInfo("completeness", "Kelengkapan", "centang", CompletenessPage),
    MinistryPageInfo("recap", "Rekap nasional", "spm", RecapPage),
    MinistryPageInfo("rakor", "Usulan Rakor", "rakor", RakorPage),
    MinistryPageInfo("receipts", "Tanda terima", "perisai", ReceiptsPage),
    MinistryPageInfo("conflicts", "Konflik", "peringatan", ConflictsPage),
)


def database_label(url: str) -> str:
    """The database as people can read it: the file name, or the server without a password."""
    if url.startswith("sqlite:///"):
        return url[len("sqlite:///"):]
    return url.split("@")[-1]


class MinistryWindow(QMainWindow):
    closed = Signal()

    def __init__(self, store, parent=None):
        super().__init__(parent)
        self.store = store
        self.setWindowIcon(theme.app_icon())
        self.setWindowTitle(tr("Kemensos Desk — Kementerian Sosial"))
        self.setMinimumSize(fit.MIN_WINDOW)
        self.pages: dict[str, QWidget] = {}
        self.holders: dict[str, QWidget] = {}  # the scroll area each page sits in
        central = QWidget()
        central.setObjectName("central")
        row = QHBoxLayout(central)
        row.setContentsMargins(0, 0, 0, 0)
        row.setSpacing(0)
        row.addWidget(self._sidebar())
        self.stack = QStackedWidget()
        self.stack.setObjectName("pageStack")
        for info in PAGES:
            page = info.factory(store)
            self.pages[info.key] = page
            self.holders[info.key] = fit.scroll_page(page)  # a short screen scrolls the page
            self.stack.addWidget(self.holders[info.key])
        row.addWidget(self.stack, 1)
        self.setCentralWidget(central)
        import_page = self.pages["import"]
        import_page.imported.connect(lambda: self.statusBar().showMessage(import_page.summary.text(), 15000))
        self._menus()
        bar = self.statusBar()
        bar.setObjectName("statusBar")
        self.status_db = QLabel(tr("Basis data: {db}", db=database_label(store.url)))
        self.status_key = QLabel(tr("Kunci kementerian: {key}", key=store.keys().public.key_id))
        for label in (self.status_db, self.status_key):
            label.setObjectName("statusItem")
        bar.addWidget(self.status_db, 1)
        bar.addPermanentWidget(self.status_key)
        self.show_page("import")

    def _sidebar(self) -> QWidget:
        side, box, office, self.nav = build_sidebar(PAGES)
        office.setText(tr("Kementerian Sosial — Biro Perencanaan"))
        self.nav.currentRowChanged.connect(self._on_nav)
        foot = QLabel(tr("Mode kementerian · versi {v}", v=__version__))
        foot.setObjectName("sideUserRole")
        foot.setContentsMargins(18, 8, 12, 4)
        box.addWidget(foot)
        return side

    def _menus(self) -> None:
        app_menu = self.menuBar().addMenu(tr("&Berkas"))
        quit_action = QAction(tr("Tutup aplikasi"), self)
        quit_action.setShortcut(QKeySequence.Quit)
        quit_action.triggered.connect(self.close)
        app_menu.addAction(quit_action)
        go = self.menuBar().addMenu(tr("&Buka"))
        for i, info in enumerate(PAGES, start=1):
            action = QAction(theme.icon(info.icon), tr(info.title), self)
            action.setShortcut(QKeySequence(f"Ctrl+{i}"))
            action.triggered.connect(lambda _=False, key=info.key: self.show_page(key))
            go.addAction(action)

    def _on_nav(self, row: int) -> None:
        if 0 <= row < len(PAGES):
            self.show_page(PAGES[row].key)

    def show_page(self, key: str) -> QWidget:
        keys = [p.key for p in PAGES]
        page = self.pages[key]
        if self.nav.currentRow() != keys.index(key):
            self.nav.blockSignals(True)
            self.nav.setCurrentRow(keys.index(key))
            self.nav.blockSignals(False)
        self.stack.setCurrentWidget(self.holders[key])
        refresh = getattr(page, "refresh", None)
        if refresh is not None:
            try:  # figures are recomputed on every visit: an import may have changed them
                refresh()
            except Exception as exc:  # noqa: BLE001 (shown in words, logged)
                common.show_error(self, exc)
        return page

    def closeEvent(self, event) -> None:
        self.closed.emit()
        super().closeEvent(event)
