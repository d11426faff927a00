"""Build time of the real guide in one language and in both: part of `make bench`.

Times `mkdocs build --strict` of the real guide, English only (GUIDE_EDITIONS=en) and English
plus the Spanish edition (the default), in a fresh interpreter each run, and prints the median
wall time and CPU time. Budget: both languages in at most 3 s wall time (issue #17). On a shared
machine wall time depends on load; CPU time shows the work itself.

Usage: python -m benchmarks.languages [--runs 5]
"""

from __future__ import annotations

import argparse
import os
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
ENV = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "PYTHONWARNINGS": "ignore"}
BUDGET_SECONDS = 3.0


def one_build(editions: str | None) -> tuple[float, float]:
    env = dict(ENV)
    if editions:
        env["GUIDE_EDITIONS"] = editions
    with tempfile.TemporaryDirectory() as out:
        before = resource.getrusage(resource.RUSAGE_CHILDREN)
        start = time.perf_counter()
        result = subprocess.run([sys.executable, "-m", "mkdocs", "build", "--strict", "--quiet", "--site-dir", out],
                                cwd=ROOT, env=env, capture_output=True, text=True)
        wall = time.perf_counter() - start
        after = resource.getrusage(resource.RUSAGE_CHILDREN)
    if result.returncode != 0:
        raise SystemExit(f"the build failed:\n{result.stderr[-3000:]}")
    return wall, (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m benchmarks.languages")
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args(argv)
    rows = {}
    for label, editions in (("English only", "en"), ("English + Spanish", None)):
        runs = [one_build(editions) for _ in range(args.runs)]
        rows[label] = (statistics.median(w for w, _ in runs), statistics.median(c for _, c in runs))
        print(f"{label:<18}  wall {rows[label][0]:.2f} s  cpu {rows[label][1]:.2f} s  (median of {args.runs})")
    both = rows["English + Spanish"][0]
    print(f"{'PASS' if both <= BUDGET_SECONDS else 'FAIL'}: both languages in {both:.2f} s wall "
          f"(budget {BUDGET_SECONDS:g} s)")
    return 0 if both <= BUDGET_SECONDS else 1


if __name__ == "__main__":
    sys.exit(main())
