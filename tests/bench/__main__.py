"""`python -m tests.bench [--quick] [--only CASE]`: run every case, print the table, write the JSON."""
from __future__ import annotations

import argparse
import importlib
import pkgutil
import sys
import tempfile
import traceback
from pathlib import Path

from tests.bench import harness


def _load_cases() -> None:
    import tests.bench as pkg

    for info in sorted(pkgutil.iter_modules(pkg.__path__), key=lambda i: i.name):
        if info.name.startswith("case_"):
            importlib.import_module(f"tests.bench.{info.name}")


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(prog="make bench")
    ap.add_argument("--quick", action="store_true", help="small sizes, a minute or two")
    ap.add_argument("--only", action="append", default=[], help="run only this case (repeatable)")
    ap.add_argument("--fraction", type=float, help="this share of the full sizes (profiling; writes nothing unless --out)")
    ap.add_argument("--out", help="write the JSON here instead of bench-results[-quick].json at the root")
    args = ap.parse_args(argv)
    _load_cases()
    results: list[harness.Result] = []
    with tempfile.TemporaryDirectory(prefix="kemensos-bench-") as tmp:
        bench = harness.Bench(quick=args.quick, workdir=Path(tmp), fraction=args.fraction)
        for name, fn in harness.CASES:
            if args.only and name not in args.only:
                continue
            print(f"… {name}", file=sys.stderr, flush=True)
            try:
                results.extend(fn(bench))
            except Exception as exc:  # a failing case is reported, the others still run
                traceback.print_exc()
                results.append(harness.Result(name, None, "s", None, None, "", False, f"gagal: {exc}"))
    print(f"\nMesin: {harness.machine()}\n")
    print(harness.HEADER)
    for r in results:
        print(r.row())
    if args.fraction is None or args.out:
        path = harness.write(results, args.quick, args.out)
        print(f"\n{path.name} ditulis.")
    # A missed aim is a figure to explain, not a crash; only a case that failed to run fails.
    return 1 if any(r.note.startswith("gagal") for r in results) else 0


if __name__ == "__main__":
    raise SystemExit(main())
