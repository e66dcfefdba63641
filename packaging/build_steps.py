"""Steps of ``make package`` around PyInstaller, run with the packaging virtualenv's Python.

    python packaging/build_steps.py prepare   # icons (from the SVG) and the bundle manifest
    python packaging/build_steps.py finish    # size check, .desktop + icon, Linux tarball
"""
from __future__ import annotations

import datetime as _dt
import json
import os
import platform
import subprocess
import sys
import tarfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
BUILD = ROOT / "build"
DIST = ROOT / "dist"
APP_DIR = DIST / "kemensos-desk"
LIMIT_MB = 150.0
ICON_SIZES = (16, 24, 32, 48, 64, 128, 256)


def version() -> str:
    from importlib import metadata

    return metadata.version("kemensos-desk")


def make_icons(out: Path) -> None:
    """PNG and ICO of resources/icons/kemensos-desk.svg, drawn by Qt (no extra tool)."""
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PySide6.QtCore import Qt
    from PySide6.QtGui import QGuiApplication, QImage, QPainter
    from PySide6.QtSvg import QSvgRenderer
    from PIL import Image

    _app = QGuiApplication.instance() or QGuiApplication([])
    out.mkdir(parents=True, exist_ok=True)
    renderer = QSvgRenderer(str(ROOT / "resources" / "icons" / "kemensos-desk.svg"))
    image = QImage(256, 256, QImage.Format.Format_ARGB32)
    image.fill(Qt.GlobalColor.transparent)
    painter = QPainter(image)
    renderer.render(painter)
    painter.end()
    png = out / "kemensos-desk.png"
    if not image.save(str(png)):
        raise SystemExit(f"ikon tidak bisa ditulis: {png}")
    Image.open(png).save(out / "kemensos-desk.ico", sizes=[(s, s) for s in ICON_SIZES])


def _git(*args: str) -> str | None:
    try:
        return subprocess.run(["git", *args], cwd=ROOT, capture_output=True, text=True, check=True).stdout.strip()
    except (OSError, subprocess.CalledProcessError):
        return None


def write_manifest(out: Path) -> dict:
    """What is in this build: shown to support staff, read by the smoke test."""
    import PySide6

    manifest = {
        "name": "Kemensos Desk",
        "version": version(),
        "commit": _git("rev-parse", "--short", "HEAD"),
        "built_at": _dt.datetime.now(_dt.timezone.utc).isoformat(timespec="seconds"),
        "platform": f"{sys.platform}-{platform.machine().lower()}",
        "python": platform.python_version(),
        "qt": PySide6.__version__,
    }
    out.mkdir(parents=True, exist_ok=True)
    (out / "kemensos-desk-manifest.json").write_text(json.dumps(manifest, indent=2) + "\n", encoding="utf-8")
    return manifest


def folder_size(path: Path) -> int:
    return sum(p.stat().st_size for p in path.rglob("*") if p.is_file() and not p.is_symlink())


def finish() -> None:
    size_mb = folder_size(APP_DIR) / 1e6
    print(f"Ukuran aplikasi (terurai): {size_mb:.1f} MB di {APP_DIR} (batas {LIMIT_MB:.0f} MB)")
    if size_mb > LIMIT_MB:
        raise SystemExit(f"GAGAL: aplikasi {size_mb:.1f} MB, lebih dari {LIMIT_MB:.0f} MB")
    if sys.platform != "linux":
        return
    share = APP_DIR / "share"
    (share / "applications").mkdir(parents=True, exist_ok=True)
    (share / "icons").mkdir(parents=True, exist_ok=True)
    desktop = (ROOT / "packaging" / "linux" / "kemensos-desk.desktop").read_text(encoding="utf-8")
    (share / "applications" / "kemensos-desk.desktop").write_text(desktop, encoding="utf-8")
    (share / "icons" / "kemensos-desk.png").write_bytes((BUILD / "icons" / "kemensos-desk.png").read_bytes())
    (APP_DIR / "install-desktop-entry.sh").write_text(
        (ROOT / "packaging" / "linux" / "install-desktop-entry.sh").read_text(encoding="utf-8"), encoding="utf-8")
    (APP_DIR / "install-desktop-entry.sh").chmod(0o755)
    tarball = DIST / f"kemensos-desk-{version()}-linux-x86_64.tar.gz"
    tmp = tarball.with_name(tarball.name + ".tmp")
    with tarfile.open(tmp, "w:gz", compresslevel=6) as tar:
        tar.add(APP_DIR, arcname=f"kemensos-desk-{version()}")
    tmp.replace(tarball)
    print(f"Paket: {tarball} ({tarball.stat().st_size / 1e6:.1f} MB)")


if __name__ == "__main__":
    step = sys.argv[1] if len(sys.argv) > 1 else ""
    if step == "prepare":
        make_icons(BUILD / "icons")
        print(json.dumps(write_manifest(BUILD / "manifest")))
    elif step == "finish":
        finish()
    else:
        raise SystemExit(__doc__)
