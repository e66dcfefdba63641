"""kill -9 at chosen and random points of the writers (issue 13 items 6 and "keep it proved").

Export: a crash at any point leaves no visible bundle or one whose number is never used
again for other content, so the ministry imports every bundle ever made, none refused
as a replay. Ministry import: all or nothing per bundle, whatever the moment of the kill.
"""
from __future__ import annotations

import os
import random
import signal
from pathlib import Path

from sqlalchemy import func, select

from conftest import scale
import killing
from killing import EXPORT_POINTS, IMPORT_POINTS
from kemensos_desk.ministry import importer
from kemensos_desk.ministry.models import MinistryBundle, MinistryRevision
from kemensos_desk.services.workspace import Workspace
from test_sync_support import edit_person, make_office, ministry_for

def _run(kind: str, *args) -> int:
    """The writer in a forked child (cheap: nothing to import again), which kills itself
    at the point; returns what ``subprocess`` would: -9 for the kill, else the exit code."""
    pid = os.fork()
    if pid == 0:  # the child: never returns into pytest
        code = 0
        try:
            devnull = os.open(os.devnull, os.O_WRONLY)
            os.dup2(devnull, 1)
            os.dup2(devnull, 2)
            {"export": killing.export, "import": killing.ministry_import}[kind](*map(str, args))
        except BaseException:  # noqa: BLE001 (reported as the exit code)
            code = 2
        os._exit(code)
    _, status = os.waitpid(pid, 0)
    return -os.WTERMSIG(status) if os.WIFSIGNALED(status) else os.WEXITSTATUS(status)


def _leftovers(folder: Path) -> list[Path]:
    return [p for p in folder.rglob("*") if p.is_file() and p.name.endswith(".tmp")]


def test_export_killed_at_every_point_never_reuses_a_sequence(tmp_path, results):
    ws = make_office(tmp_path / "kantor")
    rng = random.Random(13)
    points = [p for p in EXPORT_POINTS if p != "none"]
    trials = scale(len(points), 600)
    ws.close()
    outs, crashes, partial = [], 0, 0
    for i in range(trials):
        ws = Workspace.open(tmp_path / "kantor")
        edit_person(ws, name=f"Sumiyati {i}")  # every bundle has other content
        ws.close()
        point = points[i] if i < len(points) else rng.choice(points + ["none"])
        out = tmp_path / f"usb{i}"
        # later trials: several parts, killed after a random one of them
        nth, part = (1, 0) if i < len(points) else (rng.randint(1, 3), rng.choice([0, 1024, 2048]))
        code = _run("export", tmp_path / "kantor", out, point, nth, part)
        if code not in (-signal.SIGKILL, 0):
            crashes += 1
        partial += len(_leftovers(out))
        outs.append(out)
    # every file ever made, by name (office, device, sequence): one content per name
    seen: dict[str, bytes] = {}
    reused = 0
    for out in outs:
        for f in sorted(out.glob("*.kdsync")) if out.exists() else []:
            data = f.read_bytes()
            if seen.setdefault(f.name, data) != data:
                reused += 1
    store = ministry_for(str(tmp_path / "kementerian.sqlite"))
    try:
        refused = [o for out in outs if out.exists() for o in importer.import_paths(store, [out])
                   if o.status not in ("imported", "unchanged")]
    finally:
        store.dispose()
    results("kill -9: sync export", trials=trials, crashes=crashes, partial=partial + reused + len(refused))
    assert reused == 0 and refused == [] and crashes == 0 and partial == 0


def test_ministry_import_killed_is_all_or_nothing(tmp_path, results):
    ws = make_office(tmp_path / "kantor")
    from test_sync_support import export

    bundle = export(ws, tmp_path / "usb").files[0]
    ws.close()
    db = tmp_path / "kementerian.sqlite"
    ministry_for(str(db)).dispose()
    rng = random.Random(6)
    points = [p for p in IMPORT_POINTS if p != "none"]
    trials = scale(len(points), 400)
    crashes = partial = 0
    from kemensos_desk.ministry import store as mstore

    for i in range(trials):
        point = points[i] if i < len(points) else rng.choice(points)
        code = _run("import", db, bundle, point)
        if code != -signal.SIGKILL:
            crashes += 1
        store = mstore.open_store(str(db))
        with store.session() as s:
            bundles = s.scalar(select(func.count()).select_from(MinistryBundle))
            revisions = s.scalar(select(func.count()).select_from(MinistryRevision))
        store.dispose()
        if bundles or revisions:  # a kill before the commit must leave nothing
            partial += 1
    assert _run("import", db, bundle, "none") == 0
    results("kill -9: ministry import", trials=trials, crashes=crashes, partial=partial)
    assert crashes == 0 and partial == 0
