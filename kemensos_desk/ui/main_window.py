"""The main window: navigation on the left, the module pages, and a status bar saying
which office, which user, and when the last sync bundle went out."""
from __future__ import annotations

import datetime as _dt

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QMainWindow, QStackedWidget, QToolButton, QVBoxLayout, QWidget

from kemensos_desk.core import formatting
from kemensos_desk.core.i18n import tr
from kemensos_desk.services.auth import role_label
from kemensos_desk.ui import common, fit, pages, theme
from kemensos_desk.ui.context import AppContext
from kemensos_desk.ui.sidebar import build_sidebar


def last_export_text(value) -> str:
    if not value:
        return tr("belum pernah")
    try:
        moment = _dt.datetime.fromisoformat(str(value))
    except ValueError:
        return str(value)
    if moment.tzinfo is not None:
        moment = moment.astimezone().replace(tzinfo=None)
    return formatting.tanggal_waktu(moment)


class MainWindow(QMainWindow):
    logout_requested = Signal()
    closed = Signal()

    def __init__(self, ctx: AppContext, parent=None):
        super().__init__(parent)
        self.ctx = ctx
        ctx.window = self
        self.setWindowIcon(theme.app_icon())
        self.setMinimumSize(fit.MIN_WINDOW)
        self._pages: dict[str, QWidget] = {}
        self._holders: dict[str, QWidget] = {}  # the scroll area each page sits in
        central = QWidget()
        central.setObjectName("central")
        outer = QVBoxLayout(central)
        outer.setContentsMargins(0, 0, 0, 0)
        outer.setSpacing(0)
        self.banner = common.DemoBanner()
        outer.addWidget(self.banner)
        row = QHBoxLayout()
        row.setContentsMargins(0, 0, 0, 0)
        row.setSpacing(0)
        row.addWidget(self._sidebar())
        self.stack = QStackedWidget()
        self.stack.setObjectName("pageStack")
        row.addWidget(self.stack, 1)
        outer.addLayout(row, 1)
        self.setCentralWidget(central)
        self._menus()
        self._status_bar()
        ctx.changed.connect(self._on_changed)
        ctx.navigate_requested.connect(self.show_page)
        self.refresh_chrome()
        self.show_page("dashboard")

    # -- building --------------------------------------------------------------------------------
    def _sidebar(self) -> QWidget:
        side, box, self.side_office, self.nav = build_sidebar(pages.PAGES)
        self.nav.currentRowChanged.connect(self._on_nav)
        user_box = QFrame()
        user_box.setObjectName("sideUser")
        ub = QVBoxLayout(user_box)
        ub.setContentsMargins(18, 12, 12, 4)
        ub.setSpacing(2)
        self.side_user = QLabel()
        self.side_user.setObjectName("sideUserName")
        self.side_user.setWordWrap(True)
        self.side_role = QLabel()
        self.side_role.setObjectName("sideUserRole")
        ub.addWidget(self.side_user)
        ub.addWidget(self.side_role)
        actions = QHBoxLayout()
        actions.setContentsMargins(0, 6, 0, 0)
        actions.setSpacing(4)
        self.password_button = self._side_button(tr("Sandi"), "kunci", tr("Ganti kata sandi"))
        self.password_button.clicked.connect(self.change_password)
        self.logout_button = self._side_button(tr("Keluar"), "keluar", tr("Keluar dan kembali ke layar masuk"))
        self.logout_button.clicked.connect(self.logout)
        actions.addWidget(self.password_button)
        actions.addWidget(self.logout_button)
        actions.addStretch(1)
        ub.addLayout(actions)
        box.addWidget(user_box)
        return side

    def _side_button(self, text: str, icon_name: str, tip: str) -> QToolButton:
        b = QToolButton()
        b.setText(text)
        b.setToolTip(tip)
        b.setIcon(theme.icon(icon_name, "#d9ecec"))
        b.setToolButtonStyle(Qt.ToolButtonTextBesideIcon)
        b.setObjectName("sideAction")
        b.setCursor(Qt.PointingHandCursor)
        return b

    def _menus(self) -> None:
        account = self.menuBar().addMenu(tr("&Akun"))
        self.action_password = QAction(theme.icon("kunci"), tr("Ganti kata sandi…"), self)
        self.action_password.triggered.connect(self.change_password)
        self.action_logout = QAction(theme.icon("keluar"), tr("Keluar (ganti pengguna)"), self)
        self.action_logout.setShortcut(QKeySequence("Ctrl+Shift+L"))
        self.action_logout.triggered.connect(self.logout)
        self.action_quit = QAction(tr("Tutup aplikasi"), self)
        self.action_quit.setShortcut(QKeySequence.Quit)
        self.action_quit.triggered.connect(self.close)
        for a in (self.action_password, self.action_logout):
            account.addAction(a)
        account.addSeparator()
        account.addAction(self.action_quit)
        go = self.menuBar().addMenu(tr("&Buka"))
        for i, p in enumerate(pages.PAGES, start=1):
            action = QAction(theme.icon(p.icon), tr(p.title), self)
            action.setShortcut(QKeySequence(f"Ctrl+{i}"))
            action.triggered.connect(lambda _=False, key=p.key: self.show_page(key))
            go.addAction(action)
        helpmenu = self.menuBar().addMenu(tr("Ba&ntuan"))
        self.action_about = QAction(theme.icon("tentang"), tr("Tentang Kemensos Desk"), self)
        self.action_about.triggered.connect(self.about)
        helpmenu.addAction(self.action_about)

    def _status_bar(self) -> None:
        bar = self.statusBar()
        bar.setObjectName("statusBar")
        self.status_office = QLabel()
        self.status_user = QLabel()
        self.status_sync = QLabel()
        for label in (self.status_office, self.status_user, self.status_sync):
            label.setObjectName("statusItem")
        bar.addWidget(self.status_office, 1)
        bar.addPermanentWidget(self.status_user)
        bar.addPermanentWidget(self.status_sync)

    # -- behaviour -------------------------------------------------------------------------------
    def refresh_chrome(self) -> None:
        office = self.ctx.office()
        demo = bool(office and office.is_demo)
        title = "Kemensos Desk"
        if office:
            title += f" — {office.name}"
        if demo:
            title += " — " + tr("CONTOH / DEMO")
        self.setWindowTitle(title)
        self.banner.setVisible(demo)
        self.side_office.setText(office.name if office else "")
        actor = self.ctx.actor
        self.side_user.setText(actor.full_name)
        self.side_role.setText(role_label(actor.role))
        self.status_office.setText(f"{office.name} · {office.region_name}" if office else "")
        self.status_user.setText(tr("Pengguna: {name} ({role})", name=actor.full_name, role=role_label(actor.role)))
        self.status_sync.setText(tr("Ekspor sinkronisasi terakhir: {when}",
                                    when=last_export_text(self.ctx.ws.setting("last_sync_export_at"))))

    def _on_changed(self, kinds) -> None:
        # Cheap (two small reads), so after any change: office, user and last export stay true.
        self.refresh_chrome()

    def _on_nav(self, row: int) -> None:
        if 0 <= row < len(pages.PAGES):
            self.show_page(pages.PAGES[row].key)

    def page(self, key: str) -> QWidget:
        """The page widget for ``key``, created on first use."""
        if key not in self._pages:
            widget = pages.create_page(key, self.ctx)
            widget.setProperty("pageKey", key)
            self._pages[key] = widget
            # On a short screen the page scrolls rather than squeezing its fields.
            holder = fit.scroll_page(widget)
            holder.setProperty("pageKey", key)
            self._holders[key] = holder
            self.stack.addWidget(holder)
        return self._pages[key]

    def current_page(self) -> QWidget:
        return self._pages[self.current_key()]

    def show_page(self, key: str) -> None:
        self.page(key)
        self.stack.setCurrentWidget(self._holders[key])
        row = next(i for i, p in enumerate(pages.PAGES) if p.key == key)
        if self.nav.currentRow() != row:
            self.nav.blockSignals(True)
            self.nav.setCurrentRow(row)
            self.nav.blockSignals(False)

    def current_key(self) -> str:
        return self.stack.currentWidget().property("pageKey")

    def change_password(self):
        from kemensos_desk.ui.password_dialogs import ChangePasswordDialog

        dialog = ChangePasswordDialog(self.ctx.ws, self.ctx.actor, parent=self)
        dialog.accepted.connect(lambda: self.statusBar().showMessage(tr("Kata sandi sudah diganti."), 5000))
        dialog.open()
        return dialog

    def logout(self) -> None:
        self.logout_requested.emit()

    def closeEvent(self, event) -> None:  # noqa: N802 (Qt's name)
        super().closeEvent(event)
        self.closed.emit()

    def about(self):
        """Tentang: version, data folder, and the database's record counts and schema version."""
        from kemensos_desk.ui.about import AboutDialog

        dialog = AboutDialog(self.ctx, parent=self)
        dialog.setAttribute(Qt.WA_DeleteOnClose)
        dialog.open()
        return dialog
