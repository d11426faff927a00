"""guide/preview.py: the error page `make serve` shows when a rebuild fails (browser test:
tests/test_browser_preview.py)."""

from __future__ import annotations

from guide.errors import GuideError, Problem
from guide.preview import Preview, error_page


def test_not_serving_never_swallows_an_error():
    preview = Preview()
    preview.start("build")
    assert preview.record(GuideError(Problem("a.md", 1, "m", "f"))) is False
    assert not preview.failed


def test_serving_records_and_each_rebuild_starts_clean():
    preview = Preview()
    preview.start("serve")
    assert preview.record(GuideError([Problem("docs/a.md", 3, "bad", "fix it", field="cite")]))
    assert preview.failed and "docs/a.md:3: [cite] bad" in preview.report()
    preview.reset()
    assert not preview.failed and preview.serving


def test_error_page_escapes_the_editors_text():
    html = error_page([Problem("docs/a.md", 7, "link '<script>x</script>' is broken", "use \"b.md\" & c",
                               field="link"), Problem("references.bib", None, "missing", "add it")], "Guide")
    assert "<script>x" not in html and "&lt;script&gt;x&lt;/script&gt;" in html
    assert "<strong>docs/a.md:7</strong> [link]" in html and "<strong>references.bib</strong>:" in html
    assert "Fix: use &#34;b.md&#34; &amp; c" in html
    assert "<title>Preview: 2 problems to fix · Guide</title>" in html
    assert "</body>" in html, "mkdocs serve puts its live-reload script before </body>"
    assert "style=" not in html and "<script" not in html


def test_make_serve_watches_the_bibliography_checklists_and_overrides():
    import yaml

    from tests.support import ROOT

    config = yaml.safe_load((ROOT / "mkdocs.yml").read_text(encoding="utf-8"))
    assert {"references.bib", "evidence.yml", "docs/checklists", "docs/data", "overrides"} <= set(config["watch"])
    assert all((ROOT / path).exists() for path in config["watch"]), "MkDocs refuses a missing watch path"
