"""The sanitiser (guide/sanitise.py): every route to live code is refused with file and line;
everything the guide itself writes passes unchanged."""

from __future__ import annotations

import re

import pytest

from guide import sanitise

HOSTILE = [
    ("script", "<script>alert(1)</script>", "element <script>"),
    ("entity scheme", '<a href="java&#115;cript:alert(1)">x</a>', "address 'javascript:alert(1)'"),
    ("colon entity", '<a href="javascript&colon;alert(1)">x</a>', "address 'javascript:alert(1)'"),
    ("tab in scheme", '<a href="java\tscript:alert(1)">x</a>', "address"),
    ("vbscript", '<a href="vbscript:msgbox(1)">x</a>', "address 'vbscript:"),
    ("data html", '<a href="data:text/html,&lt;script&gt;alert(1)&lt;/script&gt;">x</a>', "address 'data:"),
    ("http", '<a href="http://example.org/">x</a>', "address 'http:"),
    ("meta refresh", '<meta http-equiv="refresh" content="0;url=https://example.org/">', "element <meta>"),
    ("base", '<base href="https://example.org/">', "element <base>"),
    ("link stylesheet", '<link rel="stylesheet" href="https://example.org/x.css">', "element <link>"),
    ("style block", "<style>#a:checked + label { background-image: url(https://example.org/) }</style>",
     "element <style>"),
    ("svg animate", '<svg><a href="#"><animate attributeName="href" to="javascript:alert(1)"/>x</a></svg>',
     "element <svg>"),
    ("style attribute", '<p style="position:fixed;inset:0">x</p>', "style attribute"),
    ("handler", '<p onclick="alert(1)">x</p>', "attribute 'onclick'"),
    ("form action", '<form action="https://example.org/"><input type="checkbox"></form>', "attribute 'action'"),
    ("formaction", '<form><button formaction="https://example.org/">x</button></form>', "attribute 'formaction'"),
    ("iframe elsewhere", '<iframe src="https://example.org/"></iframe>', "iframe may show only"),
    ("object", '<object data="x.swf"></object>', "element <object>"),
    ("text input", '<form><input type="text" name="q"></form>', "<input type='text'>"),
    ("theme class", '<div class="md-dialog">x</div>', "class 'md-dialog'"),
    ("theme data", '<div data-md-component="search">x</div>', "data-md-*"),
    ("noscript differential", '<noscript><p title="</noscript><img src=x onerror=alert(1)>"></p></noscript>',
     "element <noscript>"),
    ("img onerror", '<img src="x.png" alt="" onerror="alert(1)">', "attribute 'onerror'"),
]


@pytest.mark.parametrize("name, html, fragment", HOSTILE, ids=[h[0] for h in HOSTILE])
def test_hostile_html_is_refused_and_removed(name, html, fragment):
    markdown = "# Title\n\nSome text.\n\n" + html + "\n"
    cleaned, problems = sanitise.check(f"<h1>Title</h1><p>Some text.</p>{html}", "docs/x.md", markdown, 10)
    assert problems, f"{name} passed the sanitiser"
    assert any(fragment in p.message for p in problems), [str(p) for p in problems]
    assert problems[0].file == "docs/x.md" and problems[0].fix
    assert problems[0].line == 14, "the line of the HTML in the Markdown (first_line 10 + 4)"
    low = cleaned.lower()
    assert "<script" not in low and "javascript:" not in low and "onerror" not in low and "<meta" not in low


GOOD = [
    '<p class="admonition note"><span class="admonition-title">Note</span>Text</p>',
    '<p>A <a href="https://example.org/" rel="noopener">link</a>, <a href="tel:116123">call</a>, '
    '<a href="sms:85258">text</a>, <a href="mailto:a@example.org">mail</a>, <a href="../x/#y">here</a>.</p>',
    '<div class="tabbed-set tabbed-alternate" data-tabs="1:2"><input checked="checked" id="__tabbed_1_1" '
    'name="__tabbed_1" type="radio"><div class="tabbed-labels"><label for="__tabbed_1_1">A</label></div></div>',
    '<details class="note"><summary>More</summary><p>x</p></details>',
    '<form class="ogt-checklist" id="c" data-ogt-checklist="c" aria-labelledby="c-t" autocomplete="off">'
    '<fieldset><legend>L</legend><input type="checkbox" id="i" name="i" value="yes" data-ogt-essential>'
    '<label for="i">I</label></fieldset><button type="button" data-ogt-print>Print</button></form>',
    '<sup id="fnref:k"><a class="footnote-ref" href="#fn:k">1</a></sup><div class="footnote"><hr /><ol>'
    '<li id="fn:k"><p>Ref&#160;<a class="footnote-backref" href="#fnref:k" title="Back">&#8617;</a></p></li></ol></div>',
    '<iframe src="../../embed/z/" title="Preview" loading="lazy"></iframe>',
    '<pre><code>if a &lt; b: &amp;x\n  y</code></pre><p>Text with &quot;quotes&quot; and &nbsp; space</p>',
]


@pytest.mark.parametrize("html", GOOD)
def test_what_the_guide_writes_passes(html):
    cleaned, problems = sanitise.check(html, "docs/x.md")
    assert problems == [], [str(p) for p in problems]
    assert sanitise.serialised_tokens(cleaned) == sanitise.tokens(html)


def test_serialised_reader_agrees_with_html_parser_on_every_real_page(site_dir):
    pages = [p for p in site_dir.rglob("*.html")]
    assert len(pages) > 20
    for path in pages:
        html = path.read_text(encoding="utf-8")
        match = re.search(r'<article class="md-content__inner md-typeset">(.*)</article>', html, re.S)
        if not match:
            continue
        cleaned = sanitise.clean(match.group(1))
        assert sanitise.serialised_tokens(cleaned) == sanitise.tokens(cleaned), path


def test_untraceable_content_has_no_line_but_names_the_file():
    _, [problem] = sanitise.check("<p onclick='x'>y</p>", "docs/x.md", "# Only prose here\n", 1)
    assert problem.file == "docs/x.md" and problem.line is None
