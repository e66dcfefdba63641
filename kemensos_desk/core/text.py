"""Control characters in what people type: refused on the way in, made visible on the way out.

ESC, BEL and the bidirectional overrides (RLO turns "exe.txt" around on screen) have no
place in a name, an address or a note: stored raw, they were echoed to a terminal, which
obeys them. Newlines (and tabs) are allowed only where a text is multi-line.
"""
from __future__ import annotations

import re

from kemensos_desk.core.i18n import Message

# C0 and C1 controls, DEL, the bidi embedding/override/isolate marks, and the line and
# paragraph separators, which behave as newlines in some viewers.
_BIDI = "\u200e\u200f\u202a-\u202e\u2066-\u2069\u2028\u2029"
_SINGLE_LINE = re.compile(f"[\x00-\x1f\x7f-\x9f{_BIDI}]")
_MULTI_LINE = re.compile(f"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f{_BIDI}]")


def control_chars(text: str, *, multiline: bool = False) -> list[str]:
    """The forbidden characters in ``text`` (each once, in order), as ``U+001B`` codes."""
    pattern = _MULTI_LINE if multiline else _SINGLE_LINE
    seen: list[str] = []
    for ch in pattern.findall(text):
        code = f"U+{ord(ch):04X}"
        if code not in seen:
            seen.append(code)
    return seen


def control_problem(label: str, text: str | None, *, multiline: bool = False) -> Message | None:
    """Why ``text`` is refused for the field ``label``, or None."""
    if not text:
        return None
    found = control_chars(text, multiline=multiline)
    if not found:
        return None
    return Message("{label} memuat karakter kendali yang tidak diizinkan ({codes}); ketik ulang tanpa karakter itu.",
                   label=label, codes=", ".join(found[:5]))


def visible(text: str) -> str:
    """``text`` safe to print on a terminal: controls other than newline and tab shown as ``\\x1b``."""
    return _MULTI_LINE.sub(lambda m: f"\\u{ord(m.group()):04x}" if ord(m.group()) > 0xff
                           else f"\\x{ord(m.group()):02x}", text)


_JSON_UNSAFE = re.compile(f"[\x7f-\x9f{_BIDI}]")


def json_safe(dumped: str) -> str:
    """JSON text (from ``json.dumps``) with DEL, C1 and bidi marks written as ``\\uXXXX``."""
    return _JSON_UNSAFE.sub(lambda m: f"\\u{ord(m.group()):04x}", dumped)
