"""The app's one release number: ``version = "X.Y.Z"`` in pyproject.toml.

A source checkout reads pyproject.toml itself (an editable install's metadata keeps the
number it had when ``pip install -e`` last ran); an installed or frozen build reads the
package metadata (the PyInstaller spec copies it into the bundle).
"""
from __future__ import annotations

import re
from functools import lru_cache
from pathlib import Path

DISTRIBUTION = "kemensos-desk"
_VERSION_LINE = re.compile(r'^version\s*=\s*"([^"]+)"', re.MULTILINE)


def _from_pyproject() -> str | None:
    pyproject = Path(__file__).resolve().parents[1] / "pyproject.toml"
    try:
        text = pyproject.read_text(encoding="utf-8")
    except OSError:
        return None
    project = text.split("[project]", 1)[-1].split("\n[", 1)[0]
    found = _VERSION_LINE.search(project)
    return found.group(1) if found else None


def _from_metadata() -> str | None:
    from importlib import metadata

    try:
        return metadata.version(DISTRIBUTION)
    except metadata.PackageNotFoundError:
        return None


@lru_cache(maxsize=1)
def app_version() -> str:
    return _from_pyproject() or _from_metadata() or "0.0.0"


def release_tuple(version: str | None) -> tuple[int, ...]:
    """``"0.2.0"`` -> ``(0, 2, 0)``, for comparing releases; anything after the numbers is ignored."""
    numbers = re.match(r"\d+(?:\.\d+)*", version or "")
    return tuple(int(n) for n in numbers.group(0).split(".")) if numbers else ()
