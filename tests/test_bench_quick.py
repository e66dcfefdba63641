"""The bench code works: ``python -m tests.bench --quick`` in a subprocess, its JSON checked.

No timed assertion here (figures are the bench's business, not the tests'): only that every
case ran and the results file has the contract keys of issue 8.
"""
from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
KEYS = {"case", "value", "unit", "baseline", "ratio", "aim", "met"}


def test_quick_bench_runs_every_case_and_writes_the_contract_json(tmp_path):
    out = tmp_path / "bench-results-quick.json"
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen")
    proc = subprocess.run([sys.executable, "-m", "tests.bench", "--quick", "--out", str(out)], cwd=ROOT, env=env,
                          capture_output=True, text=True, timeout=600)
    assert proc.returncode == 0, proc.stderr[-3000:]
    doc = json.loads(out.read_text(encoding="utf-8"))
    assert doc["quick"] is True and doc["machine"]
    cases = doc["cases"]
    names = {c["case"] for c in cases}
    assert {"start-up", "register open", "NIK lookup / name prefix (p95)", "achievement", "Excel import",
            "bundle export", "ministry import (SQLite)", "national import", "Rakor PDF", "memory"} <= names
    for c in cases:
        assert KEYS <= set(c), c
        assert c["unit"] in ("s", "MiB")
        assert not c["note"].startswith("gagal"), c
        assert c["value"] is not None or "PostgreSQL" in c["case"], c
        if c["baseline"]:
            assert c["ratio"] == c["value"] / c["baseline"]
    assert "| case | value | baseline | ratio | aim | met | note |" in proc.stdout
