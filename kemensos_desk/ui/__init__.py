"""The office window (PySide6). See ``qt_refcounts`` for why it runs first."""
from kemensos_desk.ui import qt_refcounts

qt_refcounts.protect()
