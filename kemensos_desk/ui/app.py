"""Start of the GUI: the application object, then wizard or login, then the main window.

Environment hooks (additive, for ``make bench``): KEMENSOS_DESK_USER + KEMENSOS_DESK_PASSWORD
log in without the dialog; KEMENSOS_DESK_BENCH_QUIT_AFTER_SHOWN=1 prints ``KEMENSOS_DESK_SHOWN``
once the main window has painted, then quits.

``run_gui(data_dir)`` is what ``kemensos-desk`` with no command calls. Errors opening
the data directory are shown as an Indonesian message; tracebacks only go to the log
file in the data directory (``kemensos_desk.logs``), never to the user.
"""
from __future__ import annotations

import os
import sys
import traceback
from pathlib import Path

from PySide6.QtCore import QObject, QTimer
from PySide6.QtWidgets import QApplication

from kemensos_desk import __version__, logs
from kemensos_desk.core import i18n
from kemensos_desk.core.errors import KemensosError
from kemensos_desk.core.i18n import tr
from kemensos_desk.services.workspace import Workspace, default_data_dir
from kemensos_desk.ui import common, fit, theme


def make_application(argv: list[str] | None = None) -> QApplication:
    app = QApplication.instance() or QApplication(argv if argv is not None else sys.argv[:1])
    app.setApplicationName("Kemensos Desk")
    app.setApplicationDisplayName("Kemensos Desk")
    app.setApplicationVersion(__version__)
    app.setOrganizationName("Kemensos Desk")
    app.setWindowIcon(theme.app_icon())
    theme.apply(app)
    return app


def install_excepthook() -> None:
    """A bug in a slot must not kill the app silently nor show a traceback: log it, say so."""
    showing = []

    def hook(exc_type, exc, tb):
        if issubclass(exc_type, KeyboardInterrupt):
            sys.__excepthook__(exc_type, exc, tb)
            return
        logs.log.error("kesalahan tak terduga:\n%s", "".join(traceback.format_exception(exc_type, exc, tb)))
        if showing:  # an error while a message is open (a paint loop, say): the log is enough
            return
        showing.append(True)
        try:
            parent = QApplication.activeWindow()
            if isinstance(exc, KemensosError):
                common.show_error(parent, exc)
            else:
                common.warn(parent, tr("Terjadi kesalahan tak terduga. Pekerjaan Anda yang sudah tersimpan aman."),
                            tr("Rinciannya dicatat di berkas log pada folder data."), title=tr("Kesalahan"))
        except Exception:  # the message itself failed: the log has it
            pass
        finally:
            showing.clear()

    sys.excepthook = hook


def _apply_language(ws: Workspace) -> None:
    try:
        lang = ws.setting("language")
    except KemensosError:
        return
    if lang in i18n.LANGUAGES:
        i18n.set_language(lang)


class Controller(QObject):
    """Walks the user from wizard or login to the main window, and back on log-out."""

    def __init__(self, data_dir: Path, ws: Workspace):
        super().__init__()
        self.data_dir = data_dir
        self.ws = ws
        self.window = None
        self.dialog = None

    def start(self) -> None:
        if self.ws.is_initialised():
            if not self._env_login():
                self.show_login()
        else:
            self.show_wizard()

    def _env_login(self) -> bool:
        """Log in from KEMENSOS_DESK_USER / KEMENSOS_DESK_PASSWORD when both are set (the
        benchmark's start-up case, kiosk scripts); on any refusal the login dialog shows as usual."""
        from kemensos_desk.services import quick_start

        creds = quick_start.env_credentials()
        if creds is None:
            return False
        user, password = creds
        from kemensos_desk.services.auth import login

        try:
            actor = login(self.ws, user, password)
        except KemensosError as exc:
            logs.log.warning("masuk otomatis gagal: %s", exc)
            return False
        self.after_login(actor)
        return True

    def show_wizard(self) -> None:
        from kemensos_desk.ui.setup_wizard import SetupWizard

        wizard = SetupWizard(self.ws, self.data_dir)
        wizard.completed.connect(self._setup_done)
        wizard.rejected.connect(self._quit_unless_window)
        self.dialog = wizard
        wizard.show()

    def _setup_done(self, ws: Workspace, actor) -> None:
        if ws is not self.ws:  # the demo office, in its own data directory
            self.ws.close()
            self.ws = ws
            _apply_language(ws)
        if actor is None:
            self.show_login()
        else:
            self.after_login(actor)

    def show_login(self) -> None:
        from kemensos_desk.ui.login import LoginDialog

        dialog = LoginDialog(self.ws)
        dialog.logged_in.connect(self.after_login)
        dialog.rejected.connect(self._quit_unless_window)
        self.dialog = dialog
        dialog.show()

    def after_login(self, actor) -> None:
        if actor.must_change_password:
            from kemensos_desk.ui.password_dialogs import ChangePasswordDialog

            dialog = ChangePasswordDialog(self.ws, actor, forced=True)
            dialog.accepted.connect(lambda: self.show_main(actor))
            dialog.rejected.connect(self.show_login)
            self.dialog = dialog
            dialog.show()
            return
        self.show_main(actor)

    def show_main(self, actor):
        from kemensos_desk.ui.context import AppContext
        from kemensos_desk.ui.main_window import MainWindow

        ctx = AppContext(self.ws, actor, self.data_dir)
        ctx.rebuild = lambda: QTimer.singleShot(0, lambda: self.rebuild(actor))
        window = MainWindow(ctx)
        window.logout_requested.connect(self.logout)
        window.closed.connect(lambda: self._window_closed(window))
        old, self.window = self.window, window
        self.dialog = None
        fit.show_main_window(window, previous=old.geometry() if old is not None else None)
        if os.environ.get("KEMENSOS_DESK_BENCH_QUIT_AFTER_SHOWN") == "1":
            # `make bench` start-up case: once the first paint is done, say so and end.
            QTimer.singleShot(0, lambda: _bench_shown(window))
        return window

    def rebuild(self, actor) -> None:
        """A fresh main window (and context) in place of the current one, e.g. after a language change.

        Pages connect to their context's signals; a new context leaves the old pages nothing to react to.
        """
        old = self.window
        if old is None:
            return
        self.ws = old.ctx.ws
        key = old.current_key()
        window = self.show_main(actor)
        window.show_page(key)
        if key == "settings":
            window.page("settings").show_tab("general")
        old.close()
        old.deleteLater()

    def logout(self) -> None:
        window, self.window = self.window, None
        if window is not None:
            # A restore may have replaced the workspace: keep the one the window ended with.
            self.ws = window.ctx.ws
        self.show_login()
        if window is not None:
            window.close()
            window.deleteLater()

    def _window_closed(self, window) -> None:
        if self.window is window:  # closed by the user, not by log-out: the application ends
            self.window = None
            QTimer.singleShot(0, QApplication.instance().quit)

    def _quit_unless_window(self) -> None:
        if self.window is None:
            QTimer.singleShot(0, QApplication.instance().quit)


def _bench_shown(window) -> None:
    window.repaint()
    print("KEMENSOS_DESK_SHOWN", flush=True)
    QApplication.instance().quit()


def run_gui(data_dir: str | Path | None = None) -> int:
    data_dir = Path(data_dir).expanduser() if data_dir else default_data_dir()
    logs.setup(data_dir / "logs")
    app = make_application()
    install_excepthook()
    try:
        ws = Workspace.open(data_dir)
    except KemensosError as exc:
        logs.log.error("folder data tidak dapat dibuka: %s", exc)
        common.warn(None, tr("Kemensos Desk tidak dapat dibuka."), str(exc), title=tr("Kemensos Desk"))
        return exc.exit_code
    except Exception as exc:
        logs.log.error("folder data tidak dapat dibuka", exc_info=exc)
        common.warn(None, tr("Kemensos Desk tidak dapat dibuka."),
                    tr("Rinciannya dicatat di {path}.", path=str(data_dir / "logs" / logs.LOG_NAME)))
        return 3
    _apply_language(ws)
    logs.log.info("aplikasi dibuka, folder data %s", data_dir)
    app.setQuitOnLastWindowClosed(False)
    controller = Controller(data_dir, ws)
    controller.start()
    try:
        return app.exec()
    finally:
        from kemensos_desk.ui import tasks

        tasks.shutdown()
        controller.ws.close()
