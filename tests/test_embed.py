"""Embed views and security headers, without a browser: guide/embed.py and guide/headers.py."""

from __future__ import annotations

import datetime as dt
import gzip
import re
from pathlib import Path

import pytest

from guide import embed, headers
from guide.errors import GuideError
from tests.support import MINIMAL_BIB, ROOT, build_fixture, page

SITE = "https://guide.example/ogt/"

BIB = MINIMAL_BIB


def anchors(html: str) -> list[str]:
    return re.findall(r"<a\b[^>]*>", html)


# -- names ------------------------------------------------------------------------------------

def test_names_and_paths():
    assert embed.name_for("choose/platform/") == "choose/platform"
    assert embed.embed_url("choose/platform/") == "embed/choose/platform/"
    assert embed.embed_file("choose/platform/") == "embed/choose/platform/index.html"
    assert embed.name_for("./") == embed.name_for("") == embed.name_for(".") == ""
    assert embed.NAME.match("choose/platform") and embed.NAME.match("get-help-now")
    for bad in ("../secret", "choose//platform", "Choose/Platform", "a b", "", "x/", "https://evil/x"):
        assert not embed.NAME.match(bad), bad


def test_nav_files_keeps_order_and_skips_links():
    nav = [{"Help": "get-help-now.md"}, "index.md",
           {"Understand": [{"A": "understand/a.md"}, {"Out": "https://example.org/"}, {"B": "understand/b.md"}]}]
    assert embed.nav_files(nav) == ["get-help-now.md", "index.md", "understand/a.md", "understand/b.md"]
    assert embed.nav_files(None) == []


# -- link rewriting ---------------------------------------------------------------------------

def test_relative_links_become_absolute_and_open_in_a_new_tab():
    html = ('<p><a href="../../understand/risks/#confidentiality">risks</a> '
            '<a href="../../get-help-now/">help</a> <a href="./">here</a></p>')
    out = embed.rewrite_links(html, "choose/platform/", SITE)
    assert anchors(out) == [
        f'<a href="{SITE}understand/risks/#confidentiality" target="_blank" rel="noopener">',
        f'<a href="{SITE}get-help-now/" target="_blank" rel="noopener">',
        f'<a href="{SITE}choose/platform/" target="_blank" rel="noopener">',
    ]


def test_in_page_anchors_stay_in_the_frame():
    html = ('<p>Text<sup id="fnref:a"><a class="footnote-ref" href="#fn:a" target="_blank">1</a></sup></p>'
            '<li id="fn:a"><a class="footnote-backref" href="#fnref:a" title="Back">&#8617;</a></li>')
    out = embed.rewrite_links(html, "choose/platform/", SITE)
    assert anchors(out) == ['<a class="footnote-ref" href="#fn:a">', '<a class="footnote-backref" href="#fnref:a" title="Back">']
    # A bare "#" is not an in-page anchor: it goes to the full page like other links.
    assert anchors(embed.rewrite_links('<a href="#">top</a>', "a/", SITE)) == \
        [f'<a href="{SITE}a/" target="_blank" rel="noopener">']


def test_embed_views_have_no_permalinks():
    html = ('<h2 id="s">S <em>x</em><a class="headerlink" href="#s" title="Link to this section">&para;</a></h2>'
            '<p><a class="other headerlink-ish" href="#s">keep</a> <a href="#s" class="x headerlink">'
            '<span>&para;</span></a></p>')
    out = embed.trim(html)
    assert out == '<h2 id="s">S <em>x</em></h2><p><a class="other headerlink-ish" href="#s">keep</a> </p>'
    assert embed.trim("<p>no links</p>") == "<p>no links</p>"


def test_external_links_keep_their_rel_and_lose_their_target():
    html = ('<a href="https://example.org/a?x=1&amp;y=2" rel="nofollow" target="_self">x</a>'
            '<a href="mailto:team@example.org">mail</a><a href="tel:+44111">call</a>')
    found = anchors(embed.rewrite_links(html, "a/", SITE))
    assert found[0] == '<a href="https://example.org/a?x=1&amp;y=2" target="_blank" rel="nofollow noopener">'
    assert found[1] == '<a href="mailto:team@example.org" target="_blank" rel="noopener">'
    assert found[2] == '<a href="tel:+44111" target="_blank" rel="noopener">'


def test_site_url_without_trailing_slash():
    out = embed.rewrite_links('<a href="../b/">b</a>', "a/", "https://guide.example/ogt")
    assert 'href="https://guide.example/ogt/b/"' in out


def test_unsafe_schemes_lose_their_href():
    html = ('<a href="javascript:alert(1)" title="t">x</a><a href=" JavaScript:alert(1)">y</a>'
            '<a href="data:text/html,hi">z</a>')
    out = embed.rewrite_links(html, "a/", SITE)
    assert "javascript" not in out.lower() and "data:" not in out
    assert anchors(out) == ['<a title="t">', "<a>", "<a>"]


def test_named_anchors_and_other_tags_are_left_alone():
    html = '<a id="top"></a><abbr title="x &amp; y">XY</abbr><input type="checkbox" id="c" name="c">'
    assert embed.rewrite_links(html, "a/", SITE) == html


def test_images_still_load_from_the_embed_path():
    html = ('<img alt="A" src="../../assets/images/a.png" srcset="../../assets/a.png 1x, ../../assets/b.png 2x">'
            '<img alt="B" src="pic.png"><img alt="C" src="data:image/png;base64,AAAA">')
    out = embed.rewrite_links(html, "choose/platform/", SITE)
    assert 'src="../../../assets/images/a.png"' in out
    assert 'srcset="../../../assets/a.png 1x, ../../../assets/b.png 2x"' in out
    assert 'src="../../../choose/platform/pic.png"' in out
    assert 'src="data:image/png;base64,AAAA"' in out


def test_attribute_values_stay_escaped():
    html = '<a href="../x/?q=&quot;a&quot;&amp;b=&lt;c&gt;" title="&quot;&lt;&gt;">x</a>'
    out = embed.rewrite_links(html, "a/", SITE)
    tag = anchors(out)[0]
    assert "<c>" not in tag
    assert 'title="&#34;&lt;&gt;"' in tag
    assert f'href="{SITE}x/?q=&#34;a&#34;&amp;b=&lt;c&gt;"' in tag


# -- assets and the page ----------------------------------------------------------------------

MATERIAL_PAGE = """<html><head>
<link rel="icon" href="../../assets/images/favicon.png">
<link rel="stylesheet" href="../../assets/stylesheets/main.1234.min.css">
<link rel="stylesheet" href="../../assets/stylesheets/palette.5678.min.css">
<link rel="stylesheet" href="https://fonts.example/css">
<link rel="stylesheet" href="../../assets/guide.css">
</head><body>
<script>var inline = 1</script>
<script src="../../assets/javascripts/bundle.abcd.min.js"></script>
<script src="../../assets/checklist.js"></script>
<script src="https://cdn.example/x.js"></script>
</body></html>"""


def test_page_assets_keeps_the_site_styles_and_scripts_but_not_the_bundle():
    styles, scripts, icon = embed.page_assets(MATERIAL_PAGE, "choose/platform/")
    assert icon == "assets/images/favicon.png"
    assert styles == ["assets/stylesheets/main.1234.min.css", "assets/stylesheets/palette.5678.min.css",
                      "assets/guide.css"]
    assert scripts == ["assets/checklist.js"]


def embed_page(**changes) -> str:
    values = dict(title="Choosing a platform", page_url="choose/platform/",
                  content='<h1 id="c">Choosing a platform</h1><p>See <a href="../../get-help-now/">help</a>.</p>',
                  meta={"reviewed": dt.date(2026, 11, 28), "next_review": dt.date(2027, 11, 28)},
                  site_url=SITE, site_name="The Guide",
                  stylesheets=("assets/stylesheets/main.1234.min.css", "assets/guide.css"),
                  scripts=("assets/checklist.js",), icon="assets/images/favicon.png")
    values.update(changes)
    return embed.render_page(embed.EmbedPage(**values))


def test_embed_page_carries_crisis_line_attribution_and_review_date():
    html = embed_page()
    assert re.search(rf'class="ogt-embed__crisis".*?<a href="{SITE}get-help-now/" target="_blank" '
                     r'rel="noopener">Get help now</a>', html, re.S)
    assert f'<a href="{SITE}choose/platform/" target="_blank" rel="noopener">Choosing a platform</a>' in html
    assert f'<a href="{SITE}" target="_blank" rel="noopener">The Guide</a>' in html
    assert 'Last reviewed: <time datetime="2026-11-28">28 November 2026</time>' in html  # under the title
    assert 'Last reviewed <time datetime="2026-11-28">' in html  # in the attribution
    assert f'<link rel="canonical" href="{SITE}choose/platform/">' in html
    assert '<meta name="robots" content="noindex">' in html
    # No site navigation, header or search.
    for absent in ("md-header", "md-nav", "md-search", "md-sidebar", "md-footer"):
        assert absent not in html, absent


def test_embed_page_assets_are_relative_and_scripts_are_files():
    html = embed_page()
    assert re.findall(r'<link rel="stylesheet" href="([^"]+)">', html) == [
        "../../../assets/stylesheets/main.1234.min.css", "../../../assets/guide.css", "../../../assets/embed.css"]
    assert re.findall(r'<script src="([^"]+)" defer></script>', html) == [
        "../../../assets/checklist.js", "../../../assets/embed-frame.js"]
    assert '<link rel="icon" href="../../../assets/images/favicon.png">' in html
    assert len(re.findall(r"<script\b", html)) == 2, "no inline script: the CSP needs no hash for embeds"
    assert not headers.inline_code(html).scripts


def test_embed_page_review_line_added_when_content_lacks_it():
    html = embed_page()
    assert html.count('class="ogt-review"') == 1
    already = '<h1>T</h1><p class="ogt-review">Last reviewed: x</p>'
    assert embed_page(content=already).count('class="ogt-review"') == 1


def test_embed_page_escapes_text_from_front_matter():
    html = embed_page(title='<script>alert("x")</script> & co', site_name="A <b>guide</b>")
    assert "<script>alert" not in html and "<b>guide" not in html
    assert "&lt;script&gt;alert(&#34;x&#34;)&lt;/script&gt; &amp; co" in html
    assert "A &lt;b&gt;guide&lt;/b&gt;" in html


# -- the snippet ------------------------------------------------------------------------------

def test_snippet_is_two_lines_with_a_fallback_link():
    text = embed.snippet("choose/platform", "Choosing a platform", SITE, "The Guide")
    assert text.splitlines() == [
        f'<div data-ogt-embed="choose/platform" data-region=""><a href="{SITE}choose/platform/">'
        "Choosing a platform (The Guide)</a></div>",
        f'<script src="{SITE}embed.js" async referrerpolicy="no-referrer"></script>',
    ]


def test_snippet_escapes_the_title():
    text = embed.snippet("a", 'Tips & <tricks> "quoted"', SITE, "G")
    assert "Tips &amp; &lt;tricks&gt; &#34;quoted&#34; (G)</a>" in text


# -- the loader's budget ----------------------------------------------------------------------

def test_loader_is_under_two_kilobytes_gzipped():
    loader = (ROOT / "overrides" / "embed.js").read_bytes()
    assert len(gzip.compress(loader, 9)) < 2048


def test_loader_and_frame_check_the_same_patterns_as_the_build():
    loader = (ROOT / "overrides" / "embed.js").read_text(encoding="utf-8")
    frame = (ROOT / "overrides" / "assets" / "embed-frame.js").read_text(encoding="utf-8")
    assert "/^[a-z0-9_-]+(\\/[a-z0-9_-]+)*$/" in loader  # embed.NAME
    accent = "/^#[0-9a-fA-F]{3}([0-9a-fA-F]{3})?$/"  # embed.ACCENT
    assert accent in loader and accent in frame
    assert '"allow-scripts allow-same-origin allow-popups allow-popups-to-escape-sandbox allow-modals"' in loader
    assert "event.source !== frame.contentWindow" in loader and "event.origin !== origin" in loader
    for good in ("#fff", "#1d5f8A"):
        assert embed.ACCENT.match(good)
    for bad in ("red", "#ffff", "#12345g", "#fff;background:url(x)", "#fff\n", "fff"):
        assert not embed.ACCENT.fullmatch(bad), bad


# -- headers ----------------------------------------------------------------------------------

def test_sha256_source():
    # echo -n 'alert(1)' | openssl dgst -sha256 -binary | base64
    assert headers.sha256("alert(1)") == "'sha256-bhHHL3z2vDgxUt0W3dWQOrprscmda2Y5pLsLg4GF+pI='"


def test_inline_code_finds_executable_inline_scripts_only():
    html = """<script>one()</script>
<script type="application/json" id="__config">{"a": 1}</script>
<script src="x.js"></script>
<script type="module">two()</script>
<script>if (a &amp;&amp; b < c) three()</script>
<p style="color: red" onclick="bad()">x</p>
<a href="javascript:void(0)">y</a>
<style>p { color: blue }</style>"""
    found = headers.inline_code(html)
    assert found.scripts == ["one()", "two()", "if (a &amp;&amp; b < c) three()"]
    assert found.styles == ["p { color: blue }"]
    assert found.style_attributes == ["color: red"]
    assert found.handlers == [(6, "onclick=...")]
    assert found.script_urls == [(7, "javascript:void(0)")]


def make_site(tmp_path: Path, pages: dict[str, str]) -> Path:
    for name, text in pages.items():
        path = tmp_path / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
    return tmp_path


def test_headers_file_sets_each_header_once_per_path(tmp_path):
    site = make_site(tmp_path, {
        "index.html": "<script>a()</script>",
        "404.html": "<p>Not found</p>",
        "choose/platform/index.html": "<script>b()</script><script src='x.js'></script>",
        "embed/choose/platform/index.html": "<script src='../../../assets/embed-frame.js'></script>",
        "assets/guide.css": "p{}",
        "embed.js": "//",
    })
    text = headers.headers_file(site)
    rules = headers.parse(text)
    for path in ["/", "/index.html", "/404.html", "/choose/platform/", "/assets/guide.css", "/embed.js",
                 "/embed/choose/platform/", "/embed/choose/platform/index.html?x=1"]:
        got = headers.headers_for(rules, path)  # raises if two rules set one header
        assert got["X-Content-Type-Options"] == "nosniff", path
        assert got["Referrer-Policy"] == "same-origin"
        assert "camera=()" in got["Permissions-Policy"] and "geolocation=()" in got["Permissions-Policy"]
        csp = got["Content-Security-Policy"]
        assert "'unsafe-inline'" not in csp and "'unsafe-eval'" not in csp
        if path.startswith("/embed/"):
            assert csp.endswith("frame-ancestors *"), path
            assert "script-src 'self';" in csp  # embed views have no inline script
        else:
            assert csp.endswith("frame-ancestors 'self'"), path
            assert f"script-src 'self' {' '.join(sorted([headers.sha256('a()'), headers.sha256('b()')]))};" in csp
    assert "default-src 'none'" in csp and "object-src 'none'" in csp


def test_headers_style_attributes_are_allowed_by_hash_only(tmp_path):
    site = make_site(tmp_path, {"index.html": '<td style="text-align: left;">x</td>'})
    csp = headers.headers_for(headers.parse(headers.headers_file(site)), "/")["Content-Security-Policy"]
    assert f"style-src 'self' 'unsafe-hashes' {headers.sha256('text-align: left;')};" in csp


def test_headers_refuse_inline_event_handlers(tmp_path):
    site = make_site(tmp_path, {"about/index.html": '<p>\n<button onclick="go()">Go</button></p>'})
    with pytest.raises(GuideError) as caught:
        headers.headers_file(site)
    message = str(caught.value)
    assert "about/index.html:2:" in message and "onclick" in message and "fix:" in message


def test_headers_parse_rejects_malformed_files():
    with pytest.raises(ValueError, match="_headers:1"):
        headers.parse("  X-Thing: 1\n")
    with pytest.raises(ValueError, match="_headers:2"):
        headers.parse("/*\n  no colon here\n")
    with pytest.raises(ValueError, match="more than one rule"):
        headers.headers_for(headers.parse("/*\n  A: 1\n/x/*\n  A: 2\n"), "/x/y")


def test_real_site_headers_match_its_inline_scripts(site_dir):
    """Every inline script of every built page is allowed by its hash, and by nothing looser."""
    rules = headers.parse((site_dir / "_headers").read_text(encoding="utf-8"))
    checked = 0
    for path in sorted(site_dir.rglob("*.html")):
        rel = path.relative_to(site_dir).as_posix()
        url = "/" + rel.removesuffix("index.html")
        csp = headers.headers_for(rules, url)["Content-Security-Policy"]
        script_src = re.search(r"script-src ([^;]+)", csp).group(1).split()
        assert "'unsafe-inline'" not in script_src
        for script in headers.inline_code(path.read_text(encoding="utf-8")).scripts:
            assert headers.sha256(script) in script_src, f"{rel}: inline script not in the CSP"
            checked += 1
        if rel.startswith("embed/"):
            assert script_src == ["'self'"] and csp.endswith("frame-ancestors *")
    assert checked >= 14  # Material's inline scripts on every page


# -- the build --------------------------------------------------------------------------------

CLINICS = page("For clinics", "Paste the code.\n\n<!-- guide:embed-catalogue -->\n")
NAV = [{"Home": "index.md"}, {"Help": "get-help-now.md"},
       {"Guide": [{"Zeta": "z/zeta.md"}, {"Alpha": "a/alpha.md"}]}, {"Clinics": "about/clinics.md"}]


def fixture_docs(**extra) -> dict[str, str]:
    docs = {"index.md": page("Home", "Hello."),
            "get-help-now.md": page("Get help now", "Call."),
            "z/zeta.md": page("Zeta", "See [alpha](../a/alpha.md#part) and ![pic](pic.webp)."),
            "z/pic.webp": "RIFF\x00\x00\x00\x00WEBPVP8 ",  # docs/ takes only real images (guide/docs_tree.py)
            "a/alpha.md": page("Alpha & Omega", "## Part\n\nText."),
            "about/clinics.md": CLINICS}
    docs.update(extra)
    return docs


def test_build_writes_embeds_catalogue_and_headers(tmp_path):
    docs = fixture_docs()
    result = build_fixture(tmp_path, docs, bib=BIB, nav=NAV)
    assert result.returncode == 0, result.stderr
    site = tmp_path / "site"
    made = sorted(p.relative_to(site).as_posix() for p in (site / "embed").rglob("index.html"))
    assert made == ["embed/a/alpha/index.html", "embed/get-help-now/index.html", "embed/z/zeta/index.html"]
    zeta = (site / "embed/z/zeta/index.html").read_text(encoding="utf-8")
    site_url = "https://ogt-guide.github.io/online-group-therapy-guide/"
    assert f'<a href="{site_url}a/alpha/#part" target="_blank" rel="noopener noreferrer">alpha</a>' in zeta
    assert 'src="../../../z/pic.webp"' in zeta  # docs/z/pic.webp
    clinics = (site / "about/clinics/index.html").read_text(encoding="utf-8")
    titles = re.findall(r'<h3 id="embed-[^"]+-title">([^<]+)</h3>', clinics)
    assert titles == ["Get help now", "Zeta", "Alpha &amp; Omega"]  # nav order; no home, no clinics page
    # The page carries the sanitiser's serialisation (guide/sanitise.py): '"' in text is plain.
    assert ('<pre class="ogt-embed-item__code"><code data-ogt-copy="">&lt;div data-ogt-embed="z/zeta" data-region=""&gt;'
            '&lt;a href="https://ogt-guide.github.io/online-group-therapy-guide/z/zeta/"&gt;Zeta (') in clinics
    assert 'src="../../embed/z/zeta/"' in clinics
    # The catalogue's style and copy script (loaded by overrides/main.html); other pages do not load them.
    assert '<link rel="stylesheet" href="../../assets/embed-catalogue.css">' in clinics
    assert '<script src="../../assets/embed-copy.js" defer></script>' in clinics
    zeta_page = (site / "z/zeta/index.html").read_text(encoding="utf-8")
    assert "embed-catalogue.css" not in zeta_page and "embed-copy.js" not in zeta_page
    rules = headers.parse((site / "_headers").read_text(encoding="utf-8"))
    assert headers.headers_for(rules, "/embed/z/zeta/")["Content-Security-Policy"].endswith("frame-ancestors *")


def test_catalogue_marker_takes_no_argument(tmp_path):
    docs = fixture_docs(**{"about/clinics.md": page("For clinics", "<!-- guide:embed-catalogue all -->")})
    result = build_fixture(tmp_path, docs, bib=BIB, nav=NAV)
    assert result.returncode != 0
    assert "docs/about/clinics.md:10: 'guide:embed-catalogue' takes no argument" in result.stderr, result.stderr


def test_catalogue_needs_site_url(tmp_path):
    result = build_fixture(tmp_path, fixture_docs(), bib=BIB, nav=NAV, extra_config={"site_url": None})
    assert result.returncode != 0
    assert "mkdocs.yml: site_url is not set" in result.stderr and "fix:" in result.stderr


def test_page_name_that_the_loader_would_refuse_fails_the_build(tmp_path):
    docs = fixture_docs(**{"a/Odd Name.md": page("Odd", "Text.")})
    nav = NAV + [{"Odd": "a/Odd Name.md"}]
    result = build_fixture(tmp_path, docs, bib=BIB, nav=nav)
    assert result.returncode != 0
    assert "docs/a/Odd Name.md: the page's address 'a/Odd%20Name' cannot be embedded" in result.stderr
