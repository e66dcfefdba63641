"""memory: peak RSS of the app with the register of 1,000,000 people open and scrolled
(top, bottom, middle, page by page), against a bare PySide6 window. Each runs in a process
of its own and reports its own peak: VmHWM of /proc/self/status (``ru_maxrss`` would keep
the peak of the forked bench process across exec, on Linux)."""
from __future__ import annotations

from tests.bench import data, harness

PEAK = """
def peak_mib():
    for line in open("/proc/self/status"):
        if line.startswith("VmHWM:"):
            return int(line.split()[1]) / 1024
"""

BARE = PEAK + """
import json
from PySide6.QtWidgets import QApplication, QMainWindow
app = QApplication([]); w = QMainWindow(); w.resize(1280, 800); w.show(); w.repaint(); app.processEvents()
print(json.dumps({"peak_mib": peak_mib()}))
"""

APP = PEAK + """
import json, sys
from pathlib import Path
from PySide6.QtWidgets import QMainWindow
from tests.bench.case_register import open_view, _app
app = _app()
seconds, view, ws = open_view(Path(sys.argv[1]))
table = view.table
bar = table.verticalScrollBar()
for value in (bar.maximum(), bar.maximum() // 2, 0):
    bar.setValue(value); table.viewport().repaint(); app.processEvents()
for step in range(200):  # page down 200 times from the middle
    bar.setValue(bar.maximum() // 2 + step * bar.pageStep()); table.viewport().repaint(); app.processEvents()
rows = view.model.rowCount()
print(json.dumps({"peak_mib": peak_mib(), "rows": rows}))
"""


@harness.case("memory")
def memory(bench: harness.Bench) -> list[harness.Result]:
    n = bench.size(1_000_000, 5_000)
    data_dir = data.register_office(n)
    base = harness.run_child(BARE)["peak_mib"]
    got = harness.run_child(APP, str(data_dir))
    assert got["rows"] == n, got
    value = got["peak_mib"]
    return [harness.result("memory", value, base, "≤ 300 MiB di atas jendela kosong", value - base <= 300,
                           unit="MiB", note=f"+{value - base:.0f} MiB; {n:,} orang".replace(",", "."))]
