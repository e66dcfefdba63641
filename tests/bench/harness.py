"""Case registry, timing helpers and the results file.

Each case measures our figure and, in the same run, the baseline that marks the limit;
both compute the same figures and the case asserts they are equal before reporting.
"""
from __future__ import annotations

import json
import os
import platform
import subprocess
import time
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Callable

ROOT = Path(__file__).resolve().parents[2]


@dataclass
class Result:
    case: str
    value: float | None
    unit: str  # "s" or "MiB"
    baseline: float | None
    ratio: float | None
    aim: str
    met: bool | None
    note: str = ""

    def row(self) -> str:
        def f(x):
            return "–" if x is None else (f"{x:.3f}" if x < 100 else f"{x:.0f}")
        met = {True: "ya", False: "TIDAK", None: "–"}[self.met]
        return (f"| {self.case} | {f(self.value)} {self.unit} | {f(self.baseline)} {self.unit} | {f(self.ratio)} "
                f"| {self.aim} | {met} | {self.note} |")


@dataclass
class Bench:
    quick: bool
    workdir: Path
    results: list[Result] = field(default_factory=list)
    fraction: float | None = None  # --fraction: a share of the full sizes, for profiling a case

    def size(self, full: int, quick: int) -> int:
        if self.fraction is not None:
            return max(quick, round(full * self.fraction))
        return quick if self.quick else full

    def dir(self, name: str) -> Path:
        """A fresh directory of the run's temp dir for a case."""
        path = self.workdir / name
        path.mkdir(parents=True, exist_ok=True)
        return path


def result(case: str, value: float | None, baseline: float | None, aim: str, met: bool | None, unit: str = "s",
           note: str = "") -> Result:
    return Result(case, value, unit, baseline, ratio(value, baseline), aim, met, note)


def child_env(**extra) -> dict:
    env = dict(os.environ)
    env.setdefault("QT_QPA_PLATFORM", "offscreen")
    env["PYTHONPATH"] = str(ROOT) + os.pathsep + env.get("PYTHONPATH", "")
    env.update({k: str(v) for k, v in extra.items()})
    return env


CASES: list[tuple[str, Callable[[Bench], list[Result]]]] = []


def case(name: str):
    def wrap(fn):
        CASES.append((name, fn))
        return fn
    return wrap


def timed(fn, *args, repeat: int = 1, **kwargs):
    """Best of ``repeat`` runs: (seconds, result of the last run)."""
    best, out = None, None
    for _ in range(repeat):
        t0 = time.perf_counter()
        out = fn(*args, **kwargs)
        dt = time.perf_counter() - t0
        best = dt if best is None else min(best, dt)
    return best, out


def percentile(values: list[float], p: float) -> float:
    s = sorted(values)
    k = max(0, min(len(s) - 1, int(round(p / 100 * (len(s) - 1)))))
    return s[k]


HEADER = "| case | value | baseline | ratio | aim | met | note |\n|---|---|---|---|---|---|---|"


def ratio(value: float | None, baseline: float | None) -> float | None:
    if value is None or not baseline:
        return None
    return value / baseline


def machine() -> str:
    cpu = ""
    try:
        for line in open("/proc/cpuinfo"):
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    mem = os.sysconf("SC_PAGE_SIZE") * os.sysconf("SC_PHYS_PAGES") / 2**30
    return f"{platform.system()} {platform.machine()}, {os.cpu_count()} cores, {mem:.0f} GiB, {cpu}, Python {platform.python_version()}"


def write(results: list[Result], quick: bool, out: str | None = None) -> Path:
    path = Path(out) if out else ROOT / ("bench-results-quick.json" if quick else "bench-results.json")
    payload = {"machine": machine(), "quick": quick, "cases": [asdict(r) for r in results]}
    tmp = path.with_suffix(".tmp")
    tmp.write_text(json.dumps(payload, indent=2, ensure_ascii=False), encoding="utf-8")
    os.replace(tmp, path)
    return path


def run_child(code: str, *args: str, env: dict | None = None, timeout: float = 600) -> dict:
    """Run ``python -c code args`` and return the JSON its last stdout line prints.

    Peak RSS is measured by the child itself (VmHWM in /proc/self/status): RUSAGE_CHILDREN
    would give the largest of all children so far, and even RUSAGE_SELF keeps the forked
    parent's peak across exec.
    """
    import sys

    out = subprocess.run([sys.executable, "-c", code, *args], env=env or child_env(), capture_output=True,
                         text=True, timeout=timeout)
    if out.returncode != 0:
        raise RuntimeError(f"proses anak gagal ({out.returncode}): {out.stderr[-2000:]}")
    return json.loads(out.stdout.strip().splitlines()[-1])
