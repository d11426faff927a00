"""The CSP trusts only the theme (guide/headers.py): inline code not written by the theme's own
templates fails the build and never gets a hash; every page carries the policy as <meta>."""

from __future__ import annotations

import re
from html.parser import HTMLParser

import pytest

from guide import headers
from guide.errors import GuideError
from tests.support import ROOT

THEME_DIRS = [ROOT / "overrides", ROOT / ".venv/lib/python3.11/site-packages/material/templates"]


def theme_of(*templates: str) -> headers.ThemeCode:
    theme = headers.ThemeCode()
    for text in templates:
        theme.add_template(text)
    return theme


def test_theme_patterns_allow_rendered_theme_code_only():
    theme = theme_of('<script>__x=new URL("{{ base_url }}",location)</script>'
                     '<script id="__config" type="application/json">{{ x | tojson }}</script>'
                     '<script src="{{ y }}"></script><style>:root{--f:"{{ font }}"}</style>')
    assert len(theme.scripts) == 1 and len(theme.styles) == 1
    assert theme.allows("scripts", '__x=new URL("../..",location)')
    assert theme.allows("styles", ':root{--f:"Inter"}')
    # The wildcard cannot close the string: no code rides in on a template value.
    assert not theme.allows("scripts", '__x=new URL(""+alert(1)+"",location)')
    assert not theme.allows("scripts", "alert(1)")
    assert not theme.allows("styles", "p{background:url(https://example.org/)}")


def test_site_code_refuses_code_the_theme_does_not_write_and_gives_it_no_hash():
    code = headers.SiteCode(theme=theme_of("<script>ok()</script>"))
    out = code.secure("a/index.html", "<html><head><meta charset=\"utf-8\">\n<script>ok()</script>\n"
                      "<script>alert(1)</script><style>p{}</style></head><body><p style=\"color:red\">x</p></body></html>")
    assert [(p.file, p.line) for p in code.problems] == [("a/index.html", 3)] * 3
    assert "not the theme's" in code.problems[0].message and "overrides/assets" in code.problems[0].fix
    assert code.pages.scripts == ["ok()"] and code.pages.styles == [] and code.pages.style_attributes == []
    meta = re.search(r'<meta http-equiv="Content-Security-Policy" content="([^"]+)">', out).group(1)
    policy = meta.replace("&#39;", "'")
    assert headers.sha256("ok()") in policy and headers.sha256("alert(1)") not in policy
    assert "frame-ancestors" not in policy and "'unsafe-inline'" not in policy
    assert '<meta name="referrer" content="same-origin">' in out
    assert out.index("Content-Security-Policy") < out.index("<script>")
    with pytest.raises(GuideError):
        headers.headers_file(ROOT, code)


def test_real_theme_templates_yield_patterns():
    theme = headers.ThemeCode.read(THEME_DIRS)
    assert len(theme.scripts) >= 5  # __md_scope, palette, tabs, announce, outdated, consent...


class _Heads(HTMLParser):
    def __init__(self):
        super().__init__()
        self.metas = []
        self.scripts_before_csp = 0

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "meta" and (attrs.get("http-equiv") or attrs.get("name")):
            self.metas.append((attrs.get("http-equiv") or attrs.get("name"), attrs.get("content")))
        if tag in ("script", "link") and not any(m[0] == "Content-Security-Policy" for m in self.metas):
            self.scripts_before_csp += 1


def test_every_built_page_carries_the_policy_and_only_theme_hashes(site_dir):
    rules = headers.parse((site_dir / "_headers").read_text(encoding="utf-8"))
    theme = headers.ThemeCode.read(THEME_DIRS)
    allowed = set()
    pages = sorted(site_dir.rglob("*.html"))
    assert len(pages) > 20
    for path in pages:
        rel = path.relative_to(site_dir).as_posix()
        html = path.read_text(encoding="utf-8")
        heads = _Heads()
        heads.feed(html)
        metas = dict(heads.metas)
        assert "Content-Security-Policy" in metas and metas["referrer"] == "same-origin", rel
        assert heads.scripts_before_csp == 0, f"{rel}: a script or stylesheet before the CSP <meta>"
        found = headers.inline_code(html)
        for script in found.scripts:
            assert theme.allows("scripts", script), rel
            assert headers.sha256(script) in metas["Content-Security-Policy"], rel
            allowed.add(headers.sha256(script))
        assert not found.styles and not found.style_attributes, rel
    in_headers = set()
    for _, values in rules:
        csp = values.get("Content-Security-Policy", "")
        in_headers |= set(re.findall(r"'sha256-[^']+'", csp))
    assert in_headers == allowed, "_headers carries exactly the theme's hashes"
