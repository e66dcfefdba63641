"""Running the real ``kemensos-desk`` console script in subprocesses (shared by tests/test_cli_*.py)."""
from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

PASSWORD = "rahasia123"
NEW_PASSWORD = "kuat12345"
HEAD_NIP = "196803121990031002"
_SCRIPT = Path(sys.executable).parent / "kemensos-desk"
COMMAND = [str(_SCRIPT)] if _SCRIPT.exists() else [sys.executable, "-m", "kemensos_desk"]
INIT_ARGS = ["init", "--level", "kabupaten", "--region", "3210", "--office-name", "Dinas Sosial Kabupaten Majalengka",
             "--head-name", "Drs. H. Agus Setiawan, M.Si.", "--head-nip", HEAD_NIP, "--admin", "admin"]


@dataclass
class Result:
    code: int
    out: str
    err: str

    def json(self):
        return json.loads(self.out)


def environment(**extra) -> dict:
    env = {k: v for k, v in os.environ.items() if not k.startswith("KEMENSOS_DESK_")}
    env.update({"KEMENSOS_DESK_PASSWORD": PASSWORD, "KEMENSOS_DESK_NEW_PASSWORD": NEW_PASSWORD,
                "QT_QPA_PLATFORM": "offscreen", "PYTHONDONTWRITEBYTECODE": "1"})
    env.update({k: v for k, v in extra.items() if v is not None})
    for k, v in extra.items():
        if v is None:
            env.pop(k, None)
    return env


def start(data_dir, *args, stdin: str | None = None, env: dict | None = None, **popen):
    cmd = COMMAND + (["--data-dir", str(data_dir)] if data_dir is not None else []) + [str(a) for a in args]
    proc = subprocess.Popen(cmd, stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                            text=True, env=env or environment(), **popen)
    return proc, stdin


def finish(started) -> Result:
    proc, stdin = started
    out, err = proc.communicate(stdin or "", timeout=60)
    # The promise to users: whatever happens, no stack trace on their terminal.
    assert "Traceback" not in err and "Traceback" not in out, err
    return Result(proc.returncode, out, err)


def run(data_dir, *args, **kw) -> Result:
    return finish(start(data_dir, *args, **kw))


def run_all(*calls) -> list[Result]:
    """Independent commands side by side: each costs a second of start-up, mostly imports."""
    started = [start(*c[0], **(c[1] if len(c) > 1 else {})) for c in calls]
    return [finish(s) for s in started]


def copy_office(template: Path, dest: Path) -> Path:
    shutil.copytree(template, dest)
    return dest
