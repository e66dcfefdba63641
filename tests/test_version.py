"""One release number, from pyproject.toml, everywhere it is shown."""
import re
from pathlib import Path

from cli_helpers import run
from kemensos_desk import __version__, version

PYPROJECT = Path(__file__).resolve().parents[1] / "pyproject.toml"


def test_the_version_is_the_one_in_pyproject():
    declared = re.search(r'^version = "([^"]+)"', PYPROJECT.read_text(encoding="utf-8"), re.MULTILINE).group(1)
    assert __version__ == version.app_version() == declared
    assert version.release_tuple(declared) >= (0, 2, 0)


def test_installed_metadata_is_the_fallback(monkeypatch):
    monkeypatch.setattr(version, "_from_pyproject", lambda: None)
    version.app_version.cache_clear()
    try:
        assert version.app_version() == (version._from_metadata() or "0.0.0")
    finally:
        version.app_version.cache_clear()


def test_release_numbers_compare_as_numbers():
    assert version.release_tuple("0.10.0") > version.release_tuple("0.9.3")
    assert version.release_tuple("1.2.3rc1") == (1, 2, 3)
    assert version.release_tuple(None) == ()


def test_cli_prints_the_version(tmp_path):
    result = run(tmp_path, "--version")
    assert result.code == 0 and result.out.strip() == f"kemensos-desk {__version__}"


def test_the_changelog_has_this_release():
    changelog = (PYPROJECT.parent / "CHANGELOG.md").read_text(encoding="utf-8")
    assert f"## {__version__}" in changelog and "## 0.1.0" in changelog
