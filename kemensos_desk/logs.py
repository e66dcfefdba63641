"""Log file in the data directory: tracebacks go here, never to the user."""
from __future__ import annotations

import logging
import logging.handlers
from pathlib import Path

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
        path.parent.mkdir(parents=True, exist_ok=True)
        handler = logging.handlers.RotatingFileHandler(path, maxBytes=2_000_000, backupCount=3, encoding="utf-8")
    except OSError:
        return None
    handler.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(name)s: %(message)s"))
    log.addHandler(handler)
    log.setLevel(logging.INFO)
    return path
