"""Outlive the generator (guide/compare.py): the built site carries every hook output, a build
that skips our hooks fails loudly, and two builds compare equal only when they are equal.

The ProperDocs build itself runs in `make check-properdocs` and in .github/workflows/properdocs.yml
(it needs its own Python 3.13 venv)."""

from __future__ import annotations

import gzip
import shutil

import yaml

from guide import compare
from tests.support import ENV, ROOT, run_mkdocs


def test_the_real_site_has_every_hook_output(site_dir):
    assert compare.hook_output_problems(site_dir) == []


def test_a_generator_that_skips_our_hooks_fails_loudly(tmp_path):
    """The real guide built without hooks/site.py, as a generator that ignores `hooks:` would."""
    config = yaml.safe_load((ROOT / "mkdocs.yml").read_text(encoding="utf-8"))
    config.pop("hooks")
    config.pop("watch", None)
    config["docs_dir"] = str(ROOT / "docs")
    config["theme"]["custom_dir"] = str(ROOT / "overrides")
    for plugin in config["plugins"]:
        if isinstance(plugin, dict) and "bibtex" in plugin:
            plugin["bibtex"]["bib_file"] = str(ROOT / "references.bib")
    config["strict"] = False
    (tmp_path / "mkdocs.yml").write_text(yaml.safe_dump(config, sort_keys=False, allow_unicode=True), encoding="utf-8")
    result = run_mkdocs(tmp_path / "mkdocs.yml", tmp_path / "site")
    assert result.returncode == 0, result.stderr[-3000:]  # it "works": that is the danger
    problems = compare.hook_output_problems(tmp_path / "site")
    assert len(problems) == len(compare.HOOK_OUTPUT), problems
    assert any(p.startswith("_headers: missing") for p in problems)
    assert any("embed/understand/research/index.html: missing" in p for p in problems)
    assert any("the 'Sources' heading" in p for p in problems)
    assert any("the checklist on Choosing a platform" in p for p in problems)
    assert all("did the generator run hooks/site.py?" in p for p in problems)


def copy_site(site_dir, tmp_path, name):
    target = tmp_path / name
    shutil.copytree(site_dir, target)
    return target


def test_builds_that_differ_only_in_the_generator_tag_compare_equal(site_dir, tmp_path):
    a, b = copy_site(site_dir, tmp_path, "a"), copy_site(site_dir, tmp_path, "b")
    for page in b.rglob("*.html"):
        text = page.read_text(encoding="utf-8")
        page.write_text(text.replace('<meta name="generator" content="mkdocs-1.6.1',
                                     '<meta name="generator" content="mkdocs-ProperDocs 1.6.7'), encoding="utf-8")
    assert compare.compare(a, b) == []
    assert compare.main([str(a), str(b)]) == 0


def test_any_other_difference_fails(site_dir, tmp_path):
    a, b = copy_site(site_dir, tmp_path, "a"), copy_site(site_dir, tmp_path, "b")
    page = b / "understand" / "formats" / "index.html"
    page.write_text(page.read_text(encoding="utf-8").replace("</h1>", "</h1>\n<p>extra</p>", 1), encoding="utf-8")
    (b / "_headers").unlink()
    (b / "new.txt").write_text("x", encoding="utf-8")
    sitemap = b / "sitemap.xml.gz"
    sitemap.write_bytes(gzip.compress(gzip.decompress(sitemap.read_bytes()) + b"<!-- changed -->"))
    found = compare.compare(a, b)
    assert "_headers: only in the a build" in found
    assert "new.txt: only in the b build" in found
    assert any(f.startswith("understand/formats/index.html: differs: -") for f in found), found
    assert any(f.startswith("sitemap.xml.gz: differs") for f in found), found
    assert compare.main([str(a), str(b)]) == 1


def test_a_gzip_header_time_alone_is_no_difference(site_dir, tmp_path):
    a, b = copy_site(site_dir, tmp_path, "a"), copy_site(site_dir, tmp_path, "b")
    sitemap = b / "sitemap.xml.gz"
    sitemap.write_bytes(gzip.compress(gzip.decompress(sitemap.read_bytes()), mtime=123456))
    assert sitemap.read_bytes() != (a / "sitemap.xml.gz").read_bytes()
    assert compare.compare(a, b) == []


def test_properdocs_is_pinned_and_mkdocs_is_removed_from_its_venv():
    pins = (ROOT / "requirements-properdocs.txt").read_text(encoding="utf-8")
    assert "-c requirements.txt" in pins and "properdocs==1.6.7" in pins
    makefile = (ROOT / "Makefile").read_text(encoding="utf-8")
    target = makefile.split("check-properdocs: ", 1)[1]
    assert "properdocs build --strict" in target and "python -m guide.compare .site-mkdocs .site-properdocs" in target
    assert "pip uninstall --quiet --disable-pip-version-check -y mkdocs" in makefile
    assert ENV  # the same environment as every build test
