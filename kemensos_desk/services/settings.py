"""Installation settings that a user changes (language, paper size, e-mail limit ...)."""
from __future__ import annotations

from typing import Any

from kemensos_desk.core.errors import Refused
from kemensos_desk.core.i18n import LANGUAGES
from kemensos_desk.services.auth import Actor
from kemensos_desk.services.workspace import Workspace, put_setting

# Who may change what: language is personal comfort, the rest is the office's.
_CHECKS = {
    "language": lambda v: v in LANGUAGES,
    "paper": lambda v: v in ("a4", "f4"),
    "email_limit_mb": lambda v: isinstance(v, int) and 1 <= v <= 100,
}


def change(ws: Workspace, actor: Actor, key: str, value: Any) -> None:
    if key not in _CHECKS:
        raise Refused("Pengaturan {key} tidak dikenal.", key=key)
    if key != "language":
        actor.require("settings.edit")
    if not _CHECKS[key](value):
        raise Refused("Nilai {value} tidak sah untuk pengaturan {key}.", key=key, value=value)
    with ws.store.session(actor.username) as s:
        put_setting(s, key, value)
