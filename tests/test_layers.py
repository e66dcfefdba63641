"""Dependencies point down only: core is pure Python, the store knows no services, no UI."""
import ast
import subprocess
import sys
from pathlib import Path

import pytest

PKG = Path(__file__).resolve().parents[1] / "kemensos_desk"


def imported_modules(path: Path) -> set[str]:
    """Every module a file imports, at any depth (function-level imports count too)."""
    tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
    found = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            found.update(a.name for a in node.names)
        elif isinstance(node, ast.ImportFrom):
            if node.level:  # relative: resolve against the file's package
                base = path.relative_to(PKG.parent).with_suffix("").parts[:-node.level]
                mod = ".".join(base + ((node.module,) if node.module else ()))
            else:
                mod = node.module or ""
            found.add(mod)
            found.update(f"{mod}.{a.name}" for a in node.names)
    return found


def offences(layer: str, forbidden: tuple[str, ...]) -> list[str]:
    out = []
    for path in sorted((PKG / layer).rglob("*.py")):
        for mod in imported_modules(path):
            if any(mod == f or mod.startswith(f + ".") for f in forbidden):
                out.append(f"{path.relative_to(PKG.parent)} imports {mod}")
    return out


def test_core_is_pure_python():
    assert list((PKG / "core").glob("*.py")), "core has no modules?"
    assert offences("core", ("PySide6", "shiboken6", "sqlalchemy", "alembic", "kemensos_desk.store",
                             "kemensos_desk.services", "kemensos_desk.ui", "kemensos_desk.cli")) == []


def test_store_knows_nothing_above_it():
    assert offences("store", ("PySide6", "shiboken6", "kemensos_desk.services", "kemensos_desk.ui",
                              "kemensos_desk.cli")) == []


def test_services_never_reach_for_ui_or_cli():
    assert offences("services", ("PySide6", "shiboken6", "kemensos_desk.ui", "kemensos_desk.cli")) == []


def test_the_checker_sees_nested_and_relative_imports(tmp_path, monkeypatch):
    fake = tmp_path / "kemensos_desk" / "core"
    fake.mkdir(parents=True)
    (fake / "bad.py").write_text("def f():\n    from PySide6 import QtCore\nfrom ..ui import app\n")
    monkeypatch.setattr(sys.modules[__name__], "PKG", tmp_path / "kemensos_desk")
    found = offences("core", ("PySide6", "kemensos_desk.ui"))
    assert {f.split(" imports ")[1] for f in found} >= {"PySide6", "kemensos_desk.ui.app"}


def test_importing_core_does_not_load_qt():
    modules = sorted(p.stem for p in (PKG / "core").glob("*.py") if p.stem != "__init__")
    code = (
        "import importlib, sys\n"
        f"for m in {modules!r}: importlib.import_module('kemensos_desk.core.' + m)\n"
        "bad = sorted(m for m in sys.modules if m.split('.')[0] in ('PySide6', 'shiboken6', 'sqlalchemy'))\n"
        "print(','.join(bad))\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=60)
    assert out.returncode == 0, out.stderr
    assert out.stdout.strip() == ""
