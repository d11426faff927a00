"""The built site: every page exists, carries the crisis bar, footer and review dates, and is private."""

from __future__ import annotations

import re
from pathlib import Path
from urllib.parse import urlparse

import pytest
import yaml

from tests.support import MINIMAL_BIB, ROOT, build_fixture, page

ABSOLUTE = re.compile(r"^(https?:)?//", re.IGNORECASE)


def nav_pages(nav=None) -> list[str]:
    if nav is None:
        nav = yaml.safe_load((ROOT / "mkdocs.yml").read_text(encoding="utf-8"))["nav"]
    out = []
    for item in nav:
        value = next(iter(item.values())) if isinstance(item, dict) else item
        out.extend(nav_pages(value) if isinstance(value, list) else [value])
    return out


def html_for(site: Path, src: str) -> Path:
    stem = src[:-3]
    if stem == "index" or stem.endswith("/index"):
        return site / stem[:-5] / "index.html"
    return site / stem / "index.html"


def built_pages(site: Path) -> list[Path]:
    # The Spanish edition's pages (es/...) are pages too; embed views (embed/, es/embed/) are not.
    return sorted(p for p in site.rglob("*.html")
                  if "embed" not in p.relative_to(site).parts[:1] and p.relative_to(site).parts[:2] != ("es", "embed"))


def test_every_nav_page_is_built(site_dir):
    missing = [src for src in nav_pages() if not html_for(site_dir, src).is_file()]
    assert not missing, f"pages in nav but not built: {missing}"
    assert len(nav_pages()) >= 14


def test_get_help_now_is_first_in_nav():
    assert nav_pages()[0] == "get-help-now.md"


@pytest.mark.parametrize("src", nav_pages())
def test_page_frame(site_dir, src):
    path = html_for(site_dir, src)
    html = path.read_text(encoding="utf-8")
    crisis = re.search(r'class="ogt-crisis".*?<a href="([^"]*)">Get help now</a>', html, re.S)
    assert crisis, f"{src}: no crisis bar"
    target = (path.parent / crisis.group(1)).resolve()
    assert target == (site_dir / "get-help-now").resolve(), f"{src}: crisis link goes to {target}"
    assert "information, not a diagnosis or treatment" in html, f"{src}: no medical disclaimer"
    policy = re.search(r'<a href="([^"]*)">Read our editorial policy</a>', html)
    assert policy and (path.parent / policy.group(1)).resolve() == (site_dir / "about").resolve(), \
        f"{src}: no link to the editorial policy"
    assert re.search(r'class="ogt-review">.*Last reviewed: <time datetime="\d{4}-\d{2}-\d{2}"', html), \
        f"{src}: no 'Last reviewed' date"
    assert "Next review:" in html
    assert re.search(r'<meta name="description" content="[^"]{20,160}"', html), f"{src}: no meta description"
    assert 'class="md-search" data-md-component="search" role="dialog" aria-label="Search"' in html, \
        f"{src}: the search dialog has no accessible name"
    assert re.search(r'rel="edit[ "]', html) and "/edit/main/docs/" + src in html, f"{src}: no 'Edit this page' link"


def test_no_third_party_resources(site_dir):
    """No src, stylesheet, preload, @import or url() points at another origin."""
    offenders = []
    for path in site_dir.rglob("*"):
        if path.suffix == ".html":
            text = path.read_text(encoding="utf-8")
            for tag in re.findall(r"<(?:script|img|iframe|audio|video|source|embed|link)\b[^>]*>", text, re.I):
                for attr in re.findall(r'\s(?:src|href|srcset)="([^"]*)"', tag):
                    is_resource = not tag.lower().startswith("<link") or re.search(
                        r'rel="(stylesheet|preload|prefetch|preconnect|dns-prefetch|modulepreload|icon|manifest)"',
                        tag)
                    if is_resource and ABSOLUTE.match(attr):
                        offenders.append(f"{path.relative_to(site_dir)}: {tag[:120]}")
        elif path.suffix == ".css":
            text = path.read_text(encoding="utf-8", errors="replace")
            for target in re.findall(r"@import\s+(?:url\()?['\"]?([^'\")\s;]+)", text) + \
                    re.findall(r"url\(\s*['\"]?([^'\")]+)", text):
                if ABSOLUTE.match(target.strip()):
                    offenders.append(f"{path.relative_to(site_dir)}: {target[:120]}")
    assert not offenders, "third-party resources:\n" + "\n".join(offenders)


def test_external_links_have_noopener(site_dir):
    missing = []
    for path in built_pages(site_dir):
        article = path.read_text(encoding="utf-8").split('<article', 1)[-1]
        for tag in re.findall(r"<a\s[^>]*>", article):
            href = re.search(r'href="([^"]*)"', tag)
            if href and urlparse(href.group(1)).scheme in ("http", "https") and "noopener" not in tag:
                missing.append(f"{path.relative_to(site_dir)}: {tag}")
    assert not missing, "\n".join(missing)


# -- bad input ---------------------------------------------------------------------------------

BIB = MINIMAL_BIB


def test_fixture_site_builds(tmp_path):
    result = build_fixture(tmp_path, {"index.md": page("Home", "Hello.")}, bib=BIB)
    assert result.returncode == 0, result.stderr
    assert (tmp_path / "site" / "index.html").is_file()


def test_broken_link_fails_and_names_the_file(tmp_path):
    docs = {"index.md": page("Home", "See [the missing page](nowhere.md).")}
    result = build_fixture(tmp_path, docs, bib=BIB)
    assert result.returncode != 0
    assert "index.md" in result.stderr and "nowhere.md" in result.stderr


def test_broken_anchor_fails_and_names_the_file(tmp_path):
    docs = {"index.md": page("Home", "See [other](other.md#no-such-part)."),
            "other.md": page("Other", "## A real part\n\nText.")}
    result = build_fixture(tmp_path, docs, bib=BIB, nav=[{"Home": "index.md"}, {"Other": "other.md"}])
    assert result.returncode != 0
    assert "index.md" in result.stderr and "no-such-part" in result.stderr


def test_page_missing_from_nav_is_flagged(tmp_path):
    docs = {"index.md": page("Home", "Hello."), "orphan.md": page("Orphan", "Nobody links here.")}
    result = build_fixture(tmp_path, docs, bib=BIB, nav=[{"Home": "index.md"}])
    assert result.returncode != 0
    assert "orphan.md" in result.stderr and "nav" in result.stderr


def test_missing_front_matter_fails_with_file_and_line(tmp_path):
    result = build_fixture(tmp_path, {"index.md": "# Home\n\nNo front matter.\n"}, bib=BIB)
    assert result.returncode != 0
    assert "docs/index.md:1:" in result.stderr and "no front matter" in result.stderr


def test_bad_front_matter_yaml_fails_with_line(tmp_path):
    text = "---\ntitle: Home\ndescription: [unclosed\nreviewed: 2026-11-01\n---\n\n# Home\n"
    result = build_fixture(tmp_path, {"index.md": text}, bib=BIB)
    assert result.returncode != 0
    assert re.search(r"docs/index\.md:\d+: the front matter is not valid YAML", result.stderr), result.stderr


def test_unknown_marker_fails_fast(tmp_path):
    docs = {"index.md": page("Home", "Text.\n\n<!-- guide:no-such-thing -->\n")}
    result = build_fixture(tmp_path, docs, bib=BIB)
    assert result.returncode != 0
    assert "docs/index.md:12: unknown marker 'guide:no-such-thing'" in result.stderr, result.stderr
