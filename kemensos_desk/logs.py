"""Log file in the data directory: tracebacks go here, never to the user."""
from __future__ import annotations

import logging
import logging.handlers
from pathlib import Path

from kemensos_desk.core.private_files import private_dir, private_file

LOG_NAME = "kemensos-desk.log"
log = logging.getLogger("kemensos_desk")
# A log that cannot be written (full disk, read-only folder) must not print its own
# traceback to the user's terminal.
logging.raiseExceptions = False
# Without a file (folder not writable) records go nowhere, never to stderr via logging.lastResort.
log.addHandler(logging.NullHandler())


def setup(logs_dir: Path) -> Path | None:
    path = Path(logs_dir) / LOG_NAME
    for h in list(log.handlers):
        if isinstance(h, logging.FileHandler):
            if Path(h.baseFilename) == path:
                return path
            log.removeHandler(h)
            h.close()
    try:
        # Owner-only: a log may quote names or NIK from a refused row (issue 13).
        private_dir(path.parent)
        private_file(path)
        handler = logging.handlers.RotatingFileHandler(path, maxBytes=2_000_000, backupCount=3, encoding="utf-8")
    except OSError:
        return None
    handler.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(name)s: %(message)s"))
    log.addHandler(handler)
    log.setLevel(logging.INFO)
    return path
