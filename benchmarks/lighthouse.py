"""Lighthouse scores for the home page, one article and one checklist page: `make lighthouse`.

Builds the site, serves it on loopback and runs the `lighthouse` npm package (pinned in
benchmarks/lighthouse/package.json) against Debian's Chromium. Goals: 100 for accessibility,
best practices and SEO, at least 95 for performance. Lighthouse's performance score simulates a
slow phone and varies from run to run; it is reported here, never asserted in `make test`.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import tempfile
from pathlib import Path

from tests.support import ROOT, run_mkdocs, serve

PAGES = {"Home": "", "Article": "understand/research/", "Checklist": "choose/platform/"}
CATEGORIES = ("performance", "accessibility", "best-practices", "seo")
GOALS = {"performance": 95, "accessibility": 100, "best-practices": 100, "seo": 100}
LIGHTHOUSE = ROOT / "benchmarks" / "lighthouse" / "node_modules" / ".bin" / "lighthouse"
FLAGS = ("--headless=new --no-sandbox --disable-gpu --disable-background-networking "
         "--disable-component-update --no-first-run --disable-sync")


def scores(url: str, out: Path) -> dict[str, int]:
    subprocess.run([str(LIGHTHOUSE), url, "--quiet", f"--chrome-flags={FLAGS}", "--output=json",
                    f"--output-path={out}", f"--only-categories={','.join(CATEGORIES)}"],
                   check=True, env={**os.environ, "CHROME_PATH": os.environ.get("CHROMIUM", "/usr/bin/chromium")},
                   timeout=300)
    report = json.loads(out.read_text(encoding="utf-8"))
    return {k: round(100 * report["categories"][k]["score"]) for k in CATEGORIES}


def main() -> int:
    if not LIGHTHOUSE.exists():
        raise SystemExit("lighthouse is not installed: run `make lighthouse`, which installs it with npm ci")
    with tempfile.TemporaryDirectory() as tmp:
        site = Path(tmp) / "site"
        result = run_mkdocs(ROOT / "mkdocs.yml", site)
        if result.returncode:
            raise SystemExit(result.stderr[-3000:])
        base, server = serve(site)
        try:
            rows = {name: scores(base + path, Path(tmp) / f"{name}.json") for name, path in PAGES.items()}
        finally:
            server.shutdown()
    print("| Page | " + " | ".join(CATEGORIES) + " |")
    print("| --- |" + " ---: |" * len(CATEGORIES))
    for name, row in rows.items():
        print(f"| {name} ({PAGES[name] or '/'}) | " + " | ".join(str(row[k]) for k in CATEGORIES) + " |")
    misses = [f"{name} {k} {row[k]} < {GOALS[k]}" for name, row in rows.items() for k in CATEGORIES
              if row[k] < GOALS[k]]
    print("\nGoals met." if not misses else "\nBelow the goals: " + "; ".join(misses))
    return 0 if not misses else 1


if __name__ == "__main__":
    sys.exit(main())
