"""The fault campaign (issue 13, ``make fault``): a fast sample under ``make test``, the full
scale with ``KEMENSOS_FAULT=full``. Each test adds its figures to one table, printed at
the end: trials, crashes (an exception or exit code nobody chose), hostile files
accepted, partial writes (a half or orphan file, a temporary file left, a store changed
by a refused write)."""
from __future__ import annotations

import os
import sys
from collections import defaultdict
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
sys.path.insert(0, str(Path(__file__).resolve().parent))

FULL = os.environ.get("KEMENSOS_FAULT", "").lower() == "full"
RESULTS: dict[str, dict[str, int]] = defaultdict(lambda: {"trials": 0, "crashes": 0, "accepted": 0, "partial": 0})


def scale(fast: int, full: int) -> int:
    """How many trials: ``fast`` in ``make test``, ``full`` in ``make fault``."""
    return full if FULL else fast


def record(campaign: str, *, trials: int = 0, crashes: int = 0, accepted: int = 0, partial: int = 0) -> None:
    row = RESULTS[campaign]
    row["trials"] += trials
    row["crashes"] += crashes
    row["accepted"] += accepted
    row["partial"] += partial


@pytest.fixture
def results():
    return record


def pytest_terminal_summary(terminalreporter):
    if not RESULTS:
        return
    tr = terminalreporter
    tr.section("fault campaign" + (" (full scale)" if FULL else " (sample; full: make fault)"))
    tr.write_line(f"{'campaign':<44} {'trials':>8} {'crashes':>8} {'accepted':>9} {'partial':>8}")
    total = {"trials": 0, "crashes": 0, "accepted": 0, "partial": 0}
    for name, row in sorted(RESULTS.items()):
        tr.write_line(f"{name:<44} {row['trials']:>8} {row['crashes']:>8} {row['accepted']:>9} {row['partial']:>8}")
        for k in total:
            total[k] += row[k]
    tr.write_line(f"{'total':<44} {total['trials']:>8} {total['crashes']:>8} {total['accepted']:>9} {total['partial']:>8}")
