"""Keep Python alive under PySide6 builds that treat None, True and False as immortal.

PySide6 6.12 hands back None from every call that returns nothing (``setText``,
``postEvent``, ``processEvents`` ...) and True from every ``Signal.emit`` without taking a
reference: right on Python 3.12+, where those objects are immortal. On Python 3.11 each
call drops one reference, and after some tens of thousands of calls the interpreter aborts
("Fatal Python error: none_dealloc" / "bool_dealloc"), in the middle of a user's work.

``protect()`` gives the three objects a reserve of references so large that no session
can use it up, which is what 3.12 does for them. It runs when ``kemensos_desk.ui`` is
imported, before any widget exists.
"""
from __future__ import annotations

import ctypes
import sys

RESERVE = 1 << 40  # a million calls a second would need 35 years to use this up
_done = False


def protect() -> None:
    global _done
    if _done or sys.version_info >= (3, 12) or sys.implementation.name != "cpython":
        return
    for obj in (None, True, False):
        # ob_refcnt is the first field of every CPython object (Include/object.h).
        ctypes.c_ssize_t.from_address(id(obj)).value += RESERVE
    _done = True
