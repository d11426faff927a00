"""The build benchmark: `make bench`.

For guides of 100, 500 and 1,000 synthetic articles it times a full `mkdocs build`
with all our hooks and plugins, and with the same Markdown and theme but our hooks,
citations and checklists off. It reports the median of several runs, ms per page,
peak memory, the hooks' share of build time, how time per page grows from 100 to 1,000
articles, and the time `mkdocs serve` takes to rebuild after one article is edited.

Budgets (printed as PASS or FAIL; this is not part of `make test`, which stays
independent of timing):

* our hooks add at most 15% to build time at 1,000 articles;
* build time per page at 1,000 articles is at most 1.2 times that at 100.

Usage: python -m benchmarks.run [--sizes 100,500,1000] [--runs 3] [--out DIR]
"""

from __future__ import annotations

import argparse
import json
import os
import re
import socket
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from benchmarks.generate import generate

ROOT = Path(__file__).resolve().parent.parent
ENV = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "PYTHONWARNINGS": "ignore"}
HOOK_BUDGET = 0.15
GROWTH_BUDGET = 1.2

# Runs one build in a fresh interpreter and reports the build's own time and the peak memory.
_ONE_BUILD = """
import json, logging, resource, sys, time
logging.basicConfig(level=logging.WARNING, format="%(levelname)s %(message)s")
from mkdocs.config import load_config
from mkdocs.commands.build import build
config = load_config(sys.argv[1], site_dir=sys.argv[2])
config.plugins.on_startup(command="build", dirty=False)
start = time.perf_counter()
build(config)
seconds = time.perf_counter() - start
print(json.dumps({"seconds": seconds, "peak_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024}))
"""


def one_build(config: Path, site: Path) -> dict:
    result = subprocess.run([sys.executable, "-c", _ONE_BUILD, str(config), str(site)],
                            cwd=config.parent, env=ENV, capture_output=True, text=True)
    if result.returncode != 0:
        raise SystemExit(f"build of {config} failed:\n{result.stderr[-4000:]}")
    return json.loads(result.stdout.strip().splitlines()[-1])


def timed_pair(full: Path, plain: Path, runs: int) -> tuple[dict, dict]:
    """Median times of the two builds, run alternately so that machine noise hits both alike."""
    samples: dict[Path, list[dict]] = {full: [], plain: []}
    for _ in range(runs):
        for config in (full, plain):
            samples[config].append(one_build(config, config.parent / "site"))

    def summary(items: list[dict]) -> dict:
        return {"seconds": statistics.median(s["seconds"] for s in items),
                "peak_mb": max(s["peak_mb"] for s in items)}

    return summary(samples[full]), summary(samples[plain])


def serve_rebuild(folder: Path, timeout: float = 300) -> float:
    """Seconds `mkdocs serve` reports for the rebuild after one article changes."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    log = tempfile.TemporaryFile(mode="w+")
    proc = subprocess.Popen([sys.executable, "-m", "mkdocs", "serve", "--dev-addr", f"127.0.0.1:{port}",
                             "--livereload"],
                            cwd=folder, env=ENV, stdout=log, stderr=subprocess.STDOUT, text=True)
    try:
        def built_times() -> list[float]:
            log.seek(0)
            return [float(x) for x in re.findall(r"Documentation built in ([\d.]+) seconds", log.read())]

        deadline = time.monotonic() + timeout
        while not built_times():
            if time.monotonic() > deadline or proc.poll() is not None:
                log.seek(0)
                raise SystemExit("mkdocs serve did not start:\n" + log.read()[-3000:])
            time.sleep(0.2)
        time.sleep(1.5)  # let the file watcher settle
        article = next((folder / "docs" / "synthetic").glob("*/a1.md"))
        article.write_text(article.read_text(encoding="utf-8") + "\nOne more sentence.\n", encoding="utf-8")
        while len(built_times()) < 2:
            if time.monotonic() > deadline or proc.poll() is not None:
                raise SystemExit("mkdocs serve did not rebuild after the edit")
            time.sleep(0.2)
        return built_times()[1]
    finally:
        proc.terminate()
        proc.wait(timeout=30)
        log.close()


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sizes", default="100,500,1000")
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--out", default=str(ROOT / "benchmarks" / "out"))
    args = parser.parse_args(argv)
    sizes = [int(s) for s in args.sizes.split(",")]
    out = Path(args.out)
    rows = []
    started = time.monotonic()
    for size in sizes:
        folder = generate(size, out / f"guide-{size}")
        pages = size + sum(1 for _ in (ROOT / "docs").rglob("*.md")) - sum(
            1 for _ in (ROOT / "docs" / "snippets").rglob("*.md"))
        full, plain = timed_pair(folder / "mkdocs.yml", folder / "mkdocs-plain.yml", args.runs)
        rows.append({"size": size, "pages": pages, "full": full, "plain": plain,
                     "overhead": full["seconds"] / plain["seconds"] - 1})
        print(f"  measured {size} articles", file=sys.stderr)
    rebuild = serve_rebuild(out / f"guide-{sizes[-1]}")

    print(f"## Build benchmark ({os.cpu_count()} cores, median of {args.runs} runs)\n")
    print("| Articles | Full build (s) | ms/page | Peak MB | Hooks off (s) | ms/page | Hooks' share |")
    print("| ---: | ---: | ---: | ---: | ---: | ---: | ---: |")
    for r in rows:
        print(f"| {r['size']} | {r['full']['seconds']:.2f} | {1000 * r['full']['seconds'] / r['pages']:.1f} "
              f"| {r['full']['peak_mb']:.0f} | {r['plain']['seconds']:.2f} "
              f"| {1000 * r['plain']['seconds'] / r['pages']:.1f} | {100 * r['overhead']:+.1f}% |")
    first, last = rows[0], rows[-1]
    growth = (last["full"]["seconds"] / last["pages"]) / (first["full"]["seconds"] / first["pages"])
    hooks_ok = last["overhead"] <= HOOK_BUDGET
    growth_ok = growth <= GROWTH_BUDGET
    print()
    print(f"- Hooks' share at {last['size']} articles: {100 * last['overhead']:+.1f}% "
          f"(budget {100 * HOOK_BUDGET:.0f}%): {'PASS' if hooks_ok else 'FAIL'}")
    print(f"- Time per page at {last['size']} vs {first['size']} articles: {growth:.2f}x "
          f"(budget {GROWTH_BUDGET}x): {'PASS' if growth_ok else 'FAIL'}")
    print(f"- `mkdocs serve` rebuild after editing one article, {last['size']} articles: {rebuild:.2f} s")
    print(f"- Benchmark wall time: {time.monotonic() - started:.0f} s")
    return 0 if hooks_ok and growth_ok else 1


if __name__ == "__main__":
    sys.exit(main())
