"""A demo ministry: N generated demo offices (``demo --size small``) send bundles, some get
lost and some offices never send, so the completeness matrix shows its gaps."""
from __future__ import annotations

import datetime as _dt
from pathlib import Path

from kemensos_desk.core import regions
from kemensos_desk.ministry import importer
from kemensos_desk.ministry.store import MinistryStore
from kemensos_desk.services import demo
from kemensos_desk.services.auth import Actor
from kemensos_desk.services.sync.export import export_bundle
from kemensos_desk.services.workspace import Workspace

ADMIN = Actor("admin", "Administrator Contoh", "administrator")


def demo_regions(count: int) -> list[str]:
    """Kabupaten/kota spread over provinces (one per province first, then more)."""
    per_province = [[r.code for r in regions.kabkota(p.code)] for p in regions.provinces()]
    out, i = [], 0
    while len(out) < count and any(per_province):
        for codes in per_province:
            if i < len(codes) and len(out) < count:
                out.append(codes[i])
        i += 1
    return out


def run(store: MinistryStore, work_dir: Path, offices: int = 30, year: int | None = None,
        password: str = "contoh2026", progress=None) -> dict:
    year = year or _dt.date.today().year
    inbox = Path(work_dir) / "kotak-masuk"
    inbox.mkdir(parents=True, exist_ok=True)
    made, silent, lost = [], [], []
    for i, code in enumerate(demo_regions(offices)):
        if progress:
            progress(i, offices, code)
        ws = Workspace.open(Path(work_dir) / "kantor" / code.replace(".", ""))
        try:
            if not ws.is_initialised():
                demo.create_demo(ws, password, year=year, region_code=code, size="small", seed=2026 + i)
            if (offices - 1 - i) % 10 == 0:  # every tenth, from the last, never sends anything
                silent.append(code)
                continue
            export_bundle(ws, ADMIN, inbox)
            made.append(code)
            if i % 7 == 1:  # the stick with the next bundle is lost; the third carries it again
                lost_dir = Path(work_dir) / "hilang"
                export_bundle(ws, ADMIN, lost_dir)
                export_bundle(ws, ADMIN, inbox)
                lost.append(code)
        finally:
            ws.close()
    expected = sorted(set(store.config("expected_offices") or ()) | set(made + silent))
    with store.session() as s:  # so the matrix lists the silent offices too
        store.put_config(s, "expected_offices", expected)
    outcomes = importer.import_paths(store, [inbox])
    return {"offices": len(made) + len(silent), "sent": made, "silent": silent, "lost_bundle": lost,
            "bundles": [o.to_json() for o in outcomes]}
