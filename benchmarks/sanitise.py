"""The page sanitiser's share of a full build of the real guide (issue #11 budget: at most 10%).

    .venv/bin/python -m benchmarks.sanitise [RUNS]

Builds the real site in-process RUNS times (default 5), timing the whole build and, inside it,
every call of guide.sanitise.check. Prints each run and the medians.
"""

from __future__ import annotations

import logging
import statistics
import sys
import tempfile
import time
from pathlib import Path

from guide import sanitise

ROOT = Path(__file__).resolve().parent.parent


def main(runs: int = 5) -> None:
    from mkdocs.commands.build import build
    from mkdocs.config import load_config

    spent = [0.0]
    original = sanitise.check

    def timed(*args, **kwargs):
        start = time.perf_counter()
        try:
            return original(*args, **kwargs)
        finally:
            spent[0] += time.perf_counter() - start

    sanitise.check = timed
    logging.disable(logging.WARNING)
    rows = []
    with tempfile.TemporaryDirectory() as out:
        for _ in range(runs):
            spent[0] = 0.0
            config = load_config(str(ROOT / "mkdocs.yml"), site_dir=out, strict=True)
            start = time.perf_counter()
            build(config)
            rows.append((time.perf_counter() - start, spent[0]))
            print(f"build {rows[-1][0]:.3f} s, sanitiser {rows[-1][1]:.4f} s")
    whole = statistics.median(r[0] for r in rows)
    part = statistics.median(r[1] for r in rows)
    print(f"median of {runs}: build {whole:.3f} s, sanitiser {part:.4f} s = {100 * part / whole:.1f}% of the build")


if __name__ == "__main__":
    main(int(sys.argv[1]) if len(sys.argv) > 1 else 5)
