"""Pausing Python's cyclic garbage collector around bulk work (imports, bundle export).

Reading or writing a million rows makes millions of small objects that form no cycles;
the collector would walk them again and again (measured: a fifth to a quarter of an
import's CPU). Reference counting still frees them; the collector is switched back on
(if it was on) when the step ends, however it ends.
"""
from __future__ import annotations

import gc
from contextlib import contextmanager


@contextmanager
def gc_paused():
    was = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was:
            gc.enable()
