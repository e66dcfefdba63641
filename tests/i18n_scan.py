"""Finding the Indonesian source strings in the code (shared by test_i18n.py and the catalogue tools)."""
from __future__ import annotations

import ast
import string
from dataclasses import dataclass
from pathlib import Path

PKG = Path(__file__).resolve().parents[1] / "kemensos_desk"
# Calls whose first argument is a message shown to a user.
MESSAGE_CALLS = {"tr", "Message", "KemensosError", "Refused", "AccessDenied", "EnvironmentProblem", "UsageError"}
FEATURES = ("spm", "dekon", "rakor", "sync", "ministry")


@dataclass(frozen=True)
class Found:
    path: Path
    line: int
    text: str | None  # None: not a literal (an f-string), which no catalogue can translate


def module_of(path: Path) -> str:
    """Which catalogue (resources/i18n/en/<module>.json) should translate a file's strings."""
    rel = path.relative_to(PKG)
    words = set(rel.parts[:-1]) | set(rel.stem.split("_"))
    for feature in FEATURES:
        if feature in words:  # services/spm/..., cli/commands_sync.py, ui/pages/dekon/...
            return feature
    return "ui" if rel.parts[0] == "ui" else "foundation"


def _name(func) -> str | None:
    if isinstance(func, ast.Name):
        return func.id
    if isinstance(func, ast.Attribute):
        return func.attr
    return None


def strings_in(path: Path) -> list[Found]:
    tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
    found = []
    for node in ast.walk(tree):
        if (isinstance(node, ast.Call) and _name(node.func) == "tr_in" and len(node.args) > 1
                and all(isinstance(a, ast.Constant) and isinstance(a.value, str) for a in node.args[:2])):
            # a word in its context: the catalogue needs "<context>|<text>"
            found.append(Found(path, node.lineno, f"{node.args[0].value}|{node.args[1].value}"))
            continue
        if not (isinstance(node, ast.Call) and _name(node.func) in MESSAGE_CALLS and node.args):
            continue
        first = node.args[0]
        if isinstance(first, ast.Constant) and isinstance(first.value, str):
            found.append(Found(path, node.lineno, first.value))
        elif isinstance(first, ast.JoinedStr):
            found.append(Found(path, node.lineno, None))
    return found


def all_strings() -> list[Found]:
    out = []
    for path in sorted(PKG.rglob("*.py")):
        out.extend(strings_in(path))
    return out


def placeholders(text: str) -> set[str]:
    return {name for _, name, _, _ in string.Formatter().parse(text) if name is not None}
