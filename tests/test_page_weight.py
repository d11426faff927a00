"""Page-weight budgets. Byte sizes are deterministic, so unlike build time they are asserted here.

Run with -s to see the figures.
"""

from __future__ import annotations

import gzip
import re
from pathlib import Path
from urllib.parse import urljoin, urlparse

import pytest

from tests.test_site import built_pages

PAGE_BUDGET = 75 * 1024  # an article page, HTML + CSS + JS, each gzipped, summed
CHECKLIST_JS_BUDGET = 4 * 1024
EMBED_JS_BUDGET = 2 * 1024
IMAGE_BUDGET = 100 * 1024
IMAGES = {".png", ".jpg", ".jpeg", ".gif", ".webp", ".avif", ".svg", ".ico"}


def gz(data: bytes) -> int:
    return len(gzip.compress(data, compresslevel=9))


def page_weight(site: Path, page: Path) -> dict[str, int]:
    """Gzipped bytes of a page's HTML and of the CSS and JS it loads when it opens."""
    html = page.read_text(encoding="utf-8")
    base = "/" + page.relative_to(site).as_posix()
    weights = {"html": gz(html.encode()), "css": 0, "js": 0}
    seen = set()
    for kind, pattern in (("css", r'<link[^>]+rel="stylesheet"[^>]+href="([^"]+)"'),
                          ("js", r'<script[^>]+src="([^"]+)"')):
        for href in re.findall(pattern, html):
            path = urlparse(urljoin(base, href)).path
            if path in seen:
                continue
            seen.add(path)
            weights[kind] += gz((site / path.lstrip("/")).read_bytes())
    return weights


def test_every_page_is_within_budget(site_dir):
    rows, over = [], []
    for page in built_pages(site_dir):
        if page.name != "index.html":
            continue
        w = page_weight(site_dir, page)
        total = sum(w.values())
        name = page.relative_to(site_dir).parent.as_posix() or "(home)"
        rows.append(f"{name:40} html {w['html'] / 1024:5.1f} KB  css {w['css'] / 1024:5.1f} KB  "
                    f"js {w['js'] / 1024:5.1f} KB  total {total / 1024:5.1f} KB")
        if total > (DECIDE_PAGE_BUDGET if decide_page(name) else PAGE_BUDGET):
            over.append(rows[-1])
    print("\nPage weight, gzipped:\n" + "\n".join(rows))
    assert len(rows) >= 14
    assert not over, f"over {PAGE_BUDGET // 1024} KB ({DECIDE_PAGE_BUDGET // 1024} KB on the Decide pages):\n" + "\n".join(over)


@pytest.mark.parametrize("name, budget", [("assets/checklist.js", CHECKLIST_JS_BUDGET),
                                          ("embed.js", EMBED_JS_BUDGET)])
def test_script_budgets(site_dir, name, budget):
    path = site_dir / name
    assert path.is_file(), f"{name} is not in the built site"
    size = gz(path.read_bytes())
    print(f"\n{name}: {path.stat().st_size} bytes raw, {size} bytes gzipped (budget {budget})")
    assert size < budget


def test_no_image_over_budget(site_dir):
    images = [p for p in site_dir.rglob("*") if p.suffix.lower() in IMAGES]
    big = [f"{p.relative_to(site_dir)}: {p.stat().st_size // 1024} KB" for p in images
           if p.stat().st_size > IMAGE_BUDGET]
    assert not big, "\n".join(big)


def test_weight_counts_what_the_page_loads(tmp_path):
    """The measure itself: a page with one stylesheet and one script sums all three, once each."""
    (tmp_path / "a.css").write_text("body{color:red}" * 50)
    (tmp_path / "b.js").write_text("console.log(1);" * 50)
    page = tmp_path / "p" / "index.html"
    page.parent.mkdir()
    page.write_text('<link rel="stylesheet" href="../a.css"><link rel="stylesheet" href="../a.css">'
                    '<script src="../b.js"></script>')
    w = page_weight(tmp_path, page)
    assert w["css"] == gz((tmp_path / "a.css").read_bytes())
    assert w["js"] == gz((tmp_path / "b.js").read_bytes())
    assert w["html"] > 0


# The decision aid (issue #14): the Decide pages stay light, and the guide's own scripts on them,
# all together, stay small. Material's bundle (assets/javascripts/) is not ours.
DECISION_PAGES = ["decide/is-it-right-for-me/", "decide/weigh/", "decide/summary/"]
DECIDE_PAGE_BUDGET = 80 * 1024
FIRST_PARTY_JS_BUDGET = 8 * 1024
EDITIONS = ["", "es/"]  # English at the root, Spanish under es/ (guide/i18n.py)


def decide_page(name: str) -> bool:
    """Whether ``name`` (e.g. es/decide/weigh) is a Decide page, in any language."""
    return any(name.startswith(prefix) and f"{name[len(prefix):]}/" in DECISION_PAGES for prefix in EDITIONS)


def first_party_scripts(site: Path, page: Path, edition: str = "") -> set[str]:
    """The guide's own scripts on a page, relative to its edition's root (assets/checklist.js)."""
    html = page.read_text(encoding="utf-8")
    base = "/" + page.relative_to(site).as_posix()
    paths = {urlparse(urljoin(base, src)).path.lstrip("/") for src in re.findall(r'<script[^>]+src="([^"]+)"', html)}
    return {p[len(edition):] for p in paths if p.startswith(edition) and not p[len(edition):].startswith("assets/javascripts/")}


@pytest.mark.parametrize("edition", EDITIONS, ids=["en", "es"])
def test_decision_pages_are_within_budget(site_dir, edition):
    scripts: set[str] = set()
    rows = []
    for url in DECISION_PAGES:
        page = site_dir / edition / url / "index.html"
        w = page_weight(site_dir, page)
        rows.append(f"{url:30} total {sum(w.values()) / 1024:5.1f} KB (html {w['html'] / 1024:.1f}, "
                    f"css {w['css'] / 1024:.1f}, js {w['js'] / 1024:.1f})")
        assert sum(w.values()) <= DECIDE_PAGE_BUDGET, rows[-1]
        scripts |= first_party_scripts(site_dir, page, edition)
    assert {"assets/decision-aid.js", "assets/decision-summary.js", "assets/checklist.js"} <= scripts
    sizes = {s: gz((site_dir / edition / s).read_bytes()) for s in sorted(scripts)}
    print("\n" + "\n".join(rows) + "\nFirst-party JS on these pages, gzipped: "
          + ", ".join(f"{s} {n} B" for s, n in sizes.items()) + f"; total {sum(sizes.values())} B")
    assert sum(sizes.values()) <= FIRST_PARTY_JS_BUDGET
