"""register open and search-as-you-type on the register of 1,000,000 people (GUI, offscreen).

- register open: the register view built, shown and its first rows painted; baseline
  ``SELECT ... ORDER BY name_key, id LIMIT 50`` on the same file with ``sqlite3``.
- NIK lookup / name prefix: per keystroke, the filter applied and the table repainted,
  95th percentile, from the text change to the repaint: the view's 0 ms timer (it coalesces a
  burst of keys) is counted; the 150 ms typing pause it takes only after a slow search never
  comes into play here.
  Baseline: the same indexed range queries in raw ``sqlite3`` (first 50 rows + the count,
  capped like the view's: it counts up to 1,001 matches and shows "more than 1,000").
"""
from __future__ import annotations

import os
import sqlite3
import time

from tests.bench import data, harness

COLS = "id, nik, name"
PEOPLE = 1_000_000
CAP = 1000  # the register counts a filter this far (RegisterModel.CAP)


def _app():
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from kemensos_desk.ui.app import make_application

    return make_application([])


def open_view(data_dir):
    """(seconds to first rows painted, view, workspace)."""
    from kemensos_desk.services.auth import Actor
    from kemensos_desk.services.workspace import Workspace
    from kemensos_desk.ui.context import AppContext
    from kemensos_desk.ui.pages.spm.register_view import RegisterView

    app = _app()
    ws = Workspace.open(data_dir)  # already open in the app when the user clicks the register
    ctx = AppContext(ws, Actor("admin", "Administrator Bench", "administrator"), data_dir)
    t0 = time.perf_counter()
    view = RegisterView(ctx)
    view.resize(1280, 800)
    view.show()
    view.table.viewport().repaint()
    app.processEvents()
    return time.perf_counter() - t0, view, ws


def raw_first_rows(db, where: str = "", params: tuple = (), count: bool = False):
    # The register's order: name then id; a NIK search lists in NIK order.
    order = "nik, id" if "nik >=" in where else "name_key, id"
    conn = sqlite3.connect(db)
    try:
        rows = conn.execute(f"SELECT {COLS} FROM spm_beneficiary WHERE deleted_at IS NULL {where} "
                            f"ORDER BY {order} LIMIT 50", params).fetchall()
        n = conn.execute(f"SELECT COUNT(*) FROM (SELECT 1 FROM spm_beneficiary WHERE deleted_at IS NULL {where} "
                         f"LIMIT {CAP + 1})", params).fetchone()[0] if count else None
        return rows, n
    finally:
        conn.close()


def _shown(view, n: int = 50) -> list[tuple]:
    out = []
    for r in range(min(n, view.model.rowCount())):
        d = view.model.row(r)
        out.append((d["id"], d["nik"], d["name"]))
    return out


# Typed as a user would: a name letter by letter, a NIK digit by digit.
TYPED = ["siti rahma", "joko sap", "3210014", "3210164501", "wawan", "ani lest"]


def _range(text: str):
    from kemensos_desk.services.spm.register import name_key

    digits = text.replace(" ", "")
    if digits.isdigit():
        return "AND nik >= ? AND nik < ?", (digits, digits + ":")
    key = name_key(text)
    return "AND name_key >= ? AND name_key < ?", (key, key + "\U0010ffff")


@harness.case("register open")
def register(bench: harness.Bench) -> list[harness.Result]:
    n = bench.size(PEOPLE, 5_000)
    data_dir = data.register_office(n)
    db = data_dir / "kemensos.sqlite"
    raw_first_rows(db)  # warm the file cache for both
    base, (expected, _) = harness.timed(raw_first_rows, db, repeat=3)
    opens = []
    for _ in range(3):
        dt, view, ws = open_view(data_dir)
        opens.append(dt)
        shown = _shown(view)
        view.close()
        view.deleteLater()
        ws.close()
    assert shown == expected, "baris pertama register berbeda dari SELECT ... LIMIT 50"
    value = min(opens)
    results = [harness.result("register open", value, base, "< 0,3 s", value < 0.3,
                              note=f"{n:,} orang; terbaik dari 3".replace(",", "."))]

    # Search as you type on a view that stays open.
    from PySide6.QtWidgets import QApplication

    _dt, view, ws = open_view(data_dir)
    ours, raw = [], []
    for word in TYPED:
        for k in range(1, len(word) + 1):
            text = word[:k]
            t0 = time.perf_counter()
            view.search.setText(text)
            QApplication.processEvents()  # the search runs from the event loop, as when typing
            while view._timer.isActive():
                time.sleep(0.001)
                QApplication.processEvents()
            view.table.viewport().repaint()
            ours.append(time.perf_counter() - t0)
            where, params = _range(text)
            t0 = time.perf_counter()
            rows, count = raw_first_rows(db, where, params, count=True)
            raw.append(time.perf_counter() - t0)
            assert (view.model.rowCount() == min(count, CAP) and view.model.canFetchMore() == (count > CAP)
                    and _shown(view) == rows), f"hasil cari '{text}' berbeda"
    view.close()
    ws.close()
    p95, b95 = harness.percentile(ours, 95), harness.percentile(raw, 95)
    results.append(harness.result("NIK lookup / name prefix (p95)", p95, b95, "< 50 ms", p95 < 0.05,
                                  note=f"{len(ours)} ketikan; terlama {max(ours):.3f} s"))
    return results
