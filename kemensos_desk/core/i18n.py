"""Interface language. Indonesian is the source text; English comes from a catalogue.

Messages are written in Indonesian in the code (``tr("Simpan")``); the catalogue
``resources/i18n/en.json`` maps each to its English text. Parameters are filled in
after the lookup, so one entry serves every value: ``tr("{n} orang", n=3)``.
The catalogue is data: it can be corrected without touching code. Each module keeps
its own file (``resources/i18n/en/<module>.json``); they are merged at load.
"""
from __future__ import annotations

import json
from functools import lru_cache

from kemensos_desk.core.locations import resources_dir

LANGUAGES = {"id": "Bahasa Indonesia", "en": "English"}
_current = "id"


def language() -> str:
    return _current


def set_language(code: str) -> None:
    global _current
    if code not in LANGUAGES:
        raise ValueError(f"bahasa tidak dikenal: {code}")
    _current = code


@lru_cache(maxsize=None)
def catalogue(code: str) -> dict[str, str]:
    if code == "id":
        return {}
    merged: dict[str, str] = {}
    for path in sorted((resources_dir() / "i18n" / code).glob("*.json")):
        with open(path, encoding="utf-8") as fh:
            merged.update(json.load(fh))
    return merged


def tr(text: str, /, **params) -> str:
    translated = catalogue(_current).get(text, text) if _current != "id" else text
    return translated.format(**params) if params else translated


CONTEXT_SEPARATOR = "|"


def tr_in(context: str, text: str, /, **params) -> str:
    """``tr`` for a word whose English depends on where it stands: "Sasaran" is the target
    group of an SPM service but an objective in a Renstra. The catalogue entry
    ``"<context>|<text>"`` is used when there is one, else the plain entry for ``text``."""
    if _current == "id":
        translated = text
    else:
        entries = catalogue(_current)
        translated = entries.get(f"{context}{CONTEXT_SEPARATOR}{text}") or entries.get(text, text)
    return translated.format(**params) if params else translated


class Message:
    """A message kept untranslated until shown, so it follows the language in force."""

    __slots__ = ("text", "params")

    def __init__(self, text: str, /, **params):
        self.text = text
        self.params = params

    def __str__(self) -> str:
        return tr(self.text, **self.params)

    def __repr__(self) -> str:
        return f"Message({self.text!r}, **{self.params!r})"
