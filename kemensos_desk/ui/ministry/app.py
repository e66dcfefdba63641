"""Start of the ministry GUI: ``kemensos-desk ministry gui --db URL``.

The store is opened (and checked to be initialised) by the command before any window
exists, so a wrong ``--db`` is the usual one-line CLI error. KEMENSOS_DESK_BENCH_QUIT_AFTER_SHOWN=1
prints ``KEMENSOS_DESK_SHOWN`` once the window has painted, then quits (as the office GUI does).
"""
from __future__ import annotations

import os
from pathlib import Path

from PySide6.QtCore import QTimer

from kemensos_desk import logs
from kemensos_desk.ui import fit
from kemensos_desk.ui.app import _bench_shown, install_excepthook, make_application


def run_ministry_gui(store, log_dir: Path | None = None) -> int:
    if log_dir is not None:
        logs.setup(log_dir)
    app = make_application()
    install_excepthook()
    from kemensos_desk.ui.ministry.window import MinistryWindow

    window = MinistryWindow(store)
    fit.show_main_window(window)
    logs.log.info("mode kementerian dibuka: %s", window.status_db.text())
    if os.environ.get("KEMENSOS_DESK_BENCH_QUIT_AFTER_SHOWN") == "1":
        QTimer.singleShot(0, lambda: _bench_shown(window))
    return app.exec()
