"""What every command needs: the workspace, the signed-in user, and output in text or JSON."""
from __future__ import annotations

import datetime as _dt
import decimal
import json
import logging
import os
import sys
from pathlib import Path

from kemensos_desk import logs
from kemensos_desk.core import i18n, labels
from kemensos_desk.core.text import json_safe, visible
from kemensos_desk.core.errors import AccessDenied, EnvironmentProblem, KemensosError, Refused, UsageError
from kemensos_desk.services import auth
from kemensos_desk.services.workspace import Workspace, default_data_dir

PASSWORD_ENV = "KEMENSOS_DESK_PASSWORD"


def _json_default(value):
    if isinstance(value, (_dt.date, _dt.datetime)):
        return value.isoformat()
    if isinstance(value, decimal.Decimal):
        return float(value) if value != value.to_integral() else int(value)
    if isinstance(value, Path):
        return str(value)
    return str(value)


def dumps(data) -> str:
    # json escapes C0 controls itself; DEL, C1 and the bidi marks are escaped here, so a name
    # stored before they were refused cannot steer the terminal that shows the JSON.
    return json_safe(json.dumps(data, ensure_ascii=False, indent=2, default=_json_default))


class CliContext:
    def __init__(self):
        self.args = None
        self._ws: Workspace | None = None
        self._stdin_lines: list[str] | None = None

    @property
    def json(self) -> bool:
        return bool(getattr(self.args, "json", False))

    @property
    def data_dir(self) -> Path:
        given = getattr(self.args, "data_dir", None)
        return Path(given).expanduser() if given else default_data_dir()

    def workspace(self, *, must_exist: bool = True) -> Workspace:
        if self._ws is None:
            logs.setup(self.data_dir / "logs")
            self._ws = Workspace.open(self.data_dir)
            if not getattr(self.args, "lang", None) and not os.environ.get("KEMENSOS_DESK_LANG"):
                lang = self._ws.setting("language")
                if lang in i18n.LANGUAGES:
                    i18n.set_language(lang)
        if must_exist and not self._ws.is_initialised():
            raise UsageError("Folder data {dir} belum disiapkan. Jalankan 'kemensos-desk init' atau 'kemensos-desk demo' dahulu.",
                             dir=str(self.data_dir))
        return self._ws

    def replace_workspace(self, ws: Workspace) -> None:
        self._ws = ws

    def stdin_line(self) -> str:
        """Lines of standard input, handed out in order (password first, then a new one)."""
        if self._stdin_lines is None:
            self._stdin_lines = sys.stdin.read().splitlines()
        if not self._stdin_lines:
            raise UsageError("Masukan standar kosong: kata sandi tidak terbaca.")
        return self._stdin_lines.pop(0)

    def password(self) -> str:
        if getattr(self.args, "password_stdin", False):
            return self.stdin_line()
        value = os.environ.get(PASSWORD_ENV)
        if not value:
            raise UsageError("Kata sandi tidak diberikan: isi variabel {env} atau pakai --password-stdin.", env=PASSWORD_ENV)
        return value

    def actor(self, permission: str | None = None) -> auth.Actor:
        """Sign in ``--user`` (exit 4 when refused, counted toward the lock-out) and check the permission.

        Every command that changes data or reads personal data (NIK, KK, names, birth dates)
        comes through here; the README's table "which commands read what" lists them.
        """
        if not getattr(self.args, "user", None):
            if permission == "data.read":
                raise AccessDenied("Perintah ini menampilkan data pribadi: sebutkan pengguna dengan --user NAMA.")
            raise AccessDenied("Perintah ini mengubah data: sebutkan pengguna dengan --user NAMA.")
        ws = self.workspace()
        actor = auth.login(ws, self.args.user, self.password())
        if permission:
            actor.require(permission)
        return actor

    def emit(self, data, text: str | list[str] | None = None) -> None:
        if self.json:
            print(dumps(data))
        elif text is not None:
            print(visible(text if isinstance(text, str) else "\n".join(text)))

    def log_unexpected(self, exc: BaseException) -> str:
        path = logs.setup(self.data_dir / "logs") if self.args is not None else None
        if path is None:
            import tempfile

            path = logs.setup(Path(tempfile.gettempdir()) / "kemensos-desk-logs")
        logs.log.error("kesalahan tak terduga", exc_info=exc)
        return str(path)

    def close(self) -> None:
        if self._ws is not None:
            self._ws.close()
            self._ws = None


def print_error(ctx: CliContext, exc: KemensosError) -> None:
    problems = [
        {"row": p.row, "field": p.field, "value": p.value, "reason": str(p.message)}
        for p in getattr(exc, "problems", [])
    ]
    if ctx.json:
        print(dumps({"error": str(exc), "exit_code": exc.exit_code, "problems": problems}))
    print(visible(f"{i18n.tr('Galat')}: {exc}"), file=sys.stderr)
    for p in problems:
        if p["row"] is None and p["reason"] and p["reason"] in str(exc):
            continue  # the sentence above already says it
        where = f"{i18n.tr('baris')} {p['row']}, " if p["row"] is not None else ""
        name = labels.field(p["field"]) if p["field"] else ""  # the field in words, never its code
        print(visible(f"  - {where}{name}: {p['reason']}" if name else f"  - {where}{p['reason']}"),
              file=sys.stderr)
    if isinstance(exc, Refused) or isinstance(exc, AccessDenied):
        logging.getLogger("kemensos_desk").info("ditolak: %s", exc)
    elif isinstance(exc, EnvironmentProblem) and exc.__cause__ is not None:
        # The user read a sentence; IT staff find the underlying error in the log.
        logging.getLogger("kemensos_desk").warning("%s", exc, exc_info=exc.__cause__)
