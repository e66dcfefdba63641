"""English needs context (issue 16, item 14): "Sasaran" is an SPM service's target group but a
Renstra objective; the Renstra table's heads were left in Indonesian. ``tr_in(context, text)``
looks up "<context>|<text>" first; every head list of the screens has its English."""
from __future__ import annotations

import ast
from pathlib import Path

import pytest

from kemensos_desk.core import i18n
from kemensos_desk.core.i18n import tr, tr_in

UI = Path(__file__).resolve().parents[1] / "kemensos_desk" / "ui"


@pytest.fixture
def english():
    i18n.set_language("en")
    yield
    i18n.set_language("id")


def test_a_word_in_its_context(english):
    assert tr_in("renstra", "Sasaran") == "Objective"
    assert tr_in("spm", "Sasaran") == "Target group"
    assert tr("Sasaran") != "Entitled"
    assert tr_in("renstra", "Layanan") == tr("Layanan")  # no context entry: the plain one
    assert tr_in("nowhere", "Teks tanpa terjemahan") == "Teks tanpa terjemahan"
    i18n.set_language("id")
    assert tr_in("renstra", "Sasaran") == "Sasaran"


def test_renstra_and_spm_heads_in_english(english, qtbot):
    from kemensos_desk.ui.pages.rakor.editors import CapaianView, RenstraEditor

    renstra = RenstraEditor()
    qtbot.addWidget(renstra)
    table = renstra.targets.table
    heads = [table.horizontalHeaderItem(c).text() for c in range(table.columnCount())]
    assert heads == ["Goal", "Objective", "Indicator", "Unit", "Baseline", "Five-year target"]
    spm = CapaianView("spm")
    qtbot.addWidget(spm)
    heads = [spm.figures.horizontalHeaderItem(c).text() for c in range(spm.figures.columnCount())]
    assert "Berhak" not in heads and "Terlayani" not in heads and "Entitled" in heads


def _head_lists(path: Path):
    """Upper-case constants holding lists of words (a table's heads), as written in the code."""
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if (isinstance(node, ast.Assign) and isinstance(node.value, (ast.Tuple, ast.List))
                and any(isinstance(t, ast.Name) and t.id.isupper() and "HEAD" in t.id or
                        isinstance(t, ast.Name) and t.id in ("COLUMNS", "COLS", "EFF") for t in node.targets)):
            for el in node.value.elts:
                parts = el.elts if isinstance(el, (ast.Tuple, ast.List)) else [el]
                for part in parts:  # ("nik", "NIK"), ("Satuan", "text"): the word shown starts upper-case
                    if isinstance(part, ast.Constant) and isinstance(part.value, str) and part.value[:1].isupper():
                        yield part.value


def test_every_table_head_of_the_screens_has_english():
    catalogue = i18n.catalogue("en")
    missing = sorted({f"{p.relative_to(UI)}: {word}" for p in UI.rglob("*.py") for word in _head_lists(p)
                      if word not in catalogue})
    assert not missing, missing
