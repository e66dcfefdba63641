"""Every text the foundation's screens show has its English in resources/i18n/en/ui.json."""
from __future__ import annotations

import ast
import json
from pathlib import Path

from kemensos_desk.core.locations import resources_dir

UI = Path(__file__).resolve().parents[1] / "kemensos_desk" / "ui"
OTHER_MODULES = ("spm", "dekon", "rakor", "sync")  # their pages keep their own catalogues


def _tr_literals(path: Path) -> list[str]:
    found = []
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if (isinstance(node, ast.Call) and getattr(node.func, "id", getattr(node.func, "attr", None)) == "tr"
                and node.args and isinstance(node.args[0], ast.Constant) and isinstance(node.args[0].value, str)):
            found.append(node.args[0].value)
    return found


def test_every_ui_text_has_english():
    catalogue = json.loads((resources_dir() / "i18n" / "en" / "ui.json").read_text(encoding="utf-8"))
    from kemensos_desk.ui import pages
    from kemensos_desk.ui.pages import dashboard
    from kemensos_desk.ui.pages.settings import audit, users

    texts = [t for p in pages.PAGES for t in (p.title, p.purpose)]
    texts += list(dashboard.KIND_LABELS.values())  # audit kinds and actions: tests/test_core_labels_formats.py
    texts += list(audit.COLUMNS) + list(users.COLUMNS)
    for path in UI.rglob("*.py"):
        parts = path.relative_to(UI).parts
        if parts[0] == "pages" and len(parts) > 1 and parts[1].removesuffix(".py") in OTHER_MODULES:
            continue
        if parts[-1] == "pdf_preview.py":
            continue
        if parts[0] == "ministry":  # the ministry window keeps its own catalogue, ministry_ui.json
            continue
        texts += _tr_literals(path)
    missing = sorted({t for t in texts if t not in catalogue})
    assert not missing, missing
    for source, english in catalogue.items():
        assert set(_fields(source)) == set(_fields(english)), source


def _fields(text: str) -> list[str]:
    import string

    return [name for _, name, _, _ in string.Formatter().parse(text) if name]
