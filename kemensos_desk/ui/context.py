"""What every page of the main window shares: the workspace, the signed-in user, and a
signal telling views which kinds of records changed (in the spirit of Anki's operations
layer: a change is announced once, every view that shows those kinds refreshes itself).
"""
from __future__ import annotations

from pathlib import Path
from typing import Any, Callable, Iterable

from PySide6.QtCore import QObject, Signal

from kemensos_desk.services.auth import Actor
from kemensos_desk.services.workspace import Workspace
from kemensos_desk.ui import tasks


class AppContext(QObject):
    # A set of record-kind names ("office", "users", "settings", "spm_delivery", ...);
    # the name "*" means everything (after a restore, for example).
    changed = Signal(object)
    # Asks the main window to show a page ("dashboard", "spm", ...).
    navigate_requested = Signal(str)

    def __init__(self, ws: Workspace, actor: Actor, data_dir: Path | str | None = None, parent=None):
        super().__init__(parent)
        self.ws = ws
        self.actor = actor
        self.data_dir = Path(data_dir) if data_dir else ws.data_dir
        self.window = None  # the main window, once it exists (parent for dialogs)
        # Set by the application: rebuilds the main window (a new language, say); None in tests.
        self.rebuild: Callable[[], None] | None = None

    def office(self):
        return self.ws.office()

    def is_demo(self) -> bool:
        office = self.office()
        return bool(office and office.is_demo)

    def notify(self, kinds: Iterable[str] | str) -> None:
        """Tell every view that records of ``kinds`` changed."""
        self.changed.emit({kinds} if isinstance(kinds, str) else set(kinds))

    def navigate(self, key: str) -> None:
        self.navigate_requested.emit(key)

    def apply_language(self, code: str) -> bool:
        """Switch the interface language now; False if only a restart can show it."""
        if self.rebuild is None:
            return False
        from kemensos_desk.core import i18n

        i18n.set_language(code)
        self.rebuild()
        return True

    def replace_workspace(self, ws: Workspace) -> None:
        """After a restore the store is a different file: every view reloads."""
        self.ws = ws
        self.notify("*")

    def run_in_background(self, title: str, fn: Callable[[tasks.Progress], Any], on_done: Callable[[Any], None] | None,
                          on_error: Callable[[BaseException], None] | None = None) -> tasks.Progress:
        """Run ``fn(progress)`` on a worker thread behind a modal progress dialog.

        ``on_done(result)`` / ``on_error(exc)`` run on the GUI thread; without ``on_error``
        a KemensosError is shown in its Indonesian words and anything else is logged.
        """
        return tasks.run_in_background(self.window, title, fn, on_done, on_error)
