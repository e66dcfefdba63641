"""The rules in force: the reference files built into the release, or a newer ministry pack.

The regulatory parameters (SPM services, weights, bands, disaster types, dekon thresholds,
retired region codes, the ministry's defaults) live in ``db/reference/*.json``; the files
that are rules, their version and effective date are listed in ``db/reference/rules.json``.
An office may import a signed rules pack from the ministry (``services/rules_packs.py``);
the store's newest pack is handed here with :func:`install`. Whichever of the built-in
rules and the pack has the higher version is in force: a new release with newer built-in
rules uses them, an older release never downgrades a newer pack.

Every loader reads reference files through :func:`reference`. Loaders that derive
something costly keep it with ``@rules.cached``: those caches are emptied whenever the
rules in force change, so a pack takes effect at once. Pure Python; never Qt, never the store.
"""
from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from functools import lru_cache, wraps
from typing import Any, Callable, TypeVar

from kemensos_desk.core.locations import reference_dir

MANIFEST = "rules.json"
SOURCE_BUILT_IN = "built-in"
SOURCE_MINISTRY = "ministry"

F = TypeVar("F", bound=Callable[..., Any])


@dataclass(frozen=True)
class RuleSet:
    version: str  # "2026.1": year.sequence, compared numerically (see version_key)
    effective: str  # ISO date the rules apply from
    note: str  # the change note, Indonesian
    source: str  # built-in | ministry
    files: dict[str, Any] = field(default_factory=dict)  # name without ".json" -> parsed content

    def as_json(self) -> dict[str, Any]:
        return {"version": self.version, "effective": self.effective, "note": self.note,
                "source": self.source, "files": self.files}


def version_key(version: str) -> tuple[int, ...]:
    """``"2026.10"`` -> ``(2026, 10)``: numeric parts, so 2026.2 < 2026.10."""
    text = str(version or "").strip()
    if not re.fullmatch(r"\d+(\.\d+)*", text):
        raise ValueError(f"versi aturan tidak sah: {version!r}")
    return tuple(int(p) for p in text.split("."))


def newer(a: str, b: str) -> bool:
    """True when version ``a`` is greater than ``b``."""
    return version_key(a) > version_key(b)


def file_name(name: str) -> str:
    """``"spm_services.json"`` or ``"spm_services"`` -> ``"spm_services"``."""
    return name[:-5] if name.endswith(".json") else name


def _read(name: str) -> Any:
    with open(reference_dir() / f"{file_name(name)}.json", encoding="utf-8") as fh:
        return json.load(fh)


@lru_cache(maxsize=1)
def built_in() -> RuleSet:
    """The rules shipped with this release (the manifest names the files that are rules)."""
    manifest = _read(MANIFEST)
    files = {file_name(n): _read(n) for n in manifest["files"]}
    return RuleSet(str(manifest["version"]), str(manifest.get("effective", "")), str(manifest.get("note", "")),
                   SOURCE_BUILT_IN, files)


def rule_files() -> tuple[str, ...]:
    """The names (without ".json") of the reference files that are rules, as packs carry them."""
    return tuple(built_in().files)


_pack: RuleSet | None = None
_caches: list[Callable[[], None]] = []


def cached(fn: F) -> F:
    """``functools.lru_cache`` whose contents are dropped whenever the rules in force change."""
    wrapped = lru_cache(maxsize=None)(fn)
    _caches.append(wrapped.cache_clear)
    return wraps(fn)(wrapped)  # type: ignore[return-value]


def on_change(callback: Callable[[], None]) -> None:
    """Run ``callback`` (no arguments) whenever the rules in force change."""
    _caches.append(callback)


def invalidate() -> None:
    for clear in list(_caches):
        clear()


def install(pack: RuleSet | None) -> None:
    """Hand over the office's newest imported pack (None: none); derived caches follow."""
    global _pack
    before = in_force()
    _pack = pack
    after = in_force()
    if before is not after:
        invalidate()


def installed_pack() -> RuleSet | None:
    return _pack


def in_force() -> RuleSet:
    base = built_in()
    if _pack is not None and newer(_pack.version, base.version):
        return _pack
    return base


def version() -> str:
    return in_force().version


def reference(name: str) -> Any:
    """The parsed content of reference file ``name`` under the rules in force.

    Files that are not rules (settings, roles) always come from the release. Callers
    must not change what they get: it is shared.
    """
    key = file_name(name)
    rules = in_force()
    if key in rules.files:
        return rules.files[key]
    base = built_in()
    if key in base.files:  # a pack missing a file the release has: the release's copy
        return base.files[key]
    return _other(key)


@lru_cache(maxsize=16)
def _other(key: str) -> Any:
    return _read(key)
