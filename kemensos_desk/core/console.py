"""Console output that never fails on a character: UTF-8 on every platform.

On Windows, output redirected to a file or pipe uses the ANSI code page (cp1252), which
has no ✓ or −; printing one would end the command with an encoding error. A windowed
program (the frozen ``KemensosDesk.exe``) has no console at all: ``sys.stdout`` is None.
"""
from __future__ import annotations

import os
import sys


def ensure_utf8_console() -> None:
    for name in ("stdout", "stderr"):
        stream = getattr(sys, name)
        if stream is None:  # no console: what would be printed goes nowhere, quietly
            setattr(sys, name, open(os.devnull, "w", encoding="utf-8"))
            continue
        encoding = (getattr(stream, "encoding", None) or "").lower().replace("-", "").replace("_", "")
        if encoding != "utf8" and hasattr(stream, "reconfigure"):
            try:
                stream.reconfigure(encoding="utf-8", errors="replace")
            except (ValueError, OSError):  # a stream that cannot change: keep it as it is
                pass
