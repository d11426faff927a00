"""rel="noopener noreferrer" on every link that leaves the site or opens a new tab (guide/html.py),
applied by a parsed pass: single quotes, no quotes and upper case included."""

from __future__ import annotations

from html.parser import HTMLParser
from urllib.parse import urlparse

import pytest

from guide import html


@pytest.mark.parametrize("tag, rel", [
    ('<a href="https://example.org/">', "noopener noreferrer"),
    ("<a href='https://example.org/' target='_blank'>", "noopener noreferrer"),
    ("<a href=https://example.org/>", "noopener noreferrer"),
    ('<A HREF="HTTPS://EXAMPLE.ORG/">', "noopener noreferrer"),
    ('<a href="//example.org/">', "noopener noreferrer"),
    ("<a href='../page/' target='_blank'>", "noopener noreferrer"),
    ('<a href="https://example.org/" rel="nofollow">', "nofollow noopener noreferrer"),
    ('<a href="https://example.org/" rel="noopener">', "noopener noreferrer"),
    ('<a href="../page/">', None),
    ('<a href="#top">', None),
    ('<a href="tel:116123">', None),
])
def test_rel_is_added_where_a_link_leaves_or_opens_a_tab(tag, rel):
    out = html.mark_external_links(f"<p>{tag}x</a></p>")

    class Rel(HTMLParser):
        value = "missing"

        def handle_starttag(self, t, attrs):
            if t == "a":
                Rel.value = dict(attrs).get("rel")

    Rel().feed(out)
    assert Rel.value == rel, out


def test_values_stay_escaped_and_other_text_untouched():
    page = ('<script>var s = "<a href=\'https://x\'>";</script>\n<p title="a &amp; b">'
            '<a href="https://example.org/?a=1&amp;b=&quot;2&quot;">x</a></p>')
    out = html.mark_external_links(page)
    assert out.startswith('<script>var s = "<a href=\'https://x\'>";</script>')
    assert '<a href="https://example.org/?a=1&amp;b=&#34;2&#34;" rel="noopener noreferrer">x</a>' in out


def test_a_link_written_inside_another_tags_attribute_is_left_alone():
    page = ('<p><img alt="<a href=\'https://x\' target=_blank>" src="i.png"><!-- <a href="https://y"> -->'
            '<style>a[href^="https"]::after{content:"<a href=https://z>"}</style>'
            '<a title=\'1 > 0\' href="https://example.org/">x</a></p>')
    out = html.mark_external_links(page)
    assert out == page.replace('href="https://example.org/">', 'href="https://example.org/" rel="noopener noreferrer">'
                               ).replace("<a title='1 > 0' ", '<a title="1 &gt; 0" ')


def test_every_external_link_of_the_real_site_has_noopener_noreferrer(site_dir):
    missing = []

    class Links(HTMLParser):
        def handle_starttag(self, tag, attrs):
            values = dict(attrs)
            href = values.get("href") or ""
            if tag == "a" and (urlparse(href).scheme in ("http", "https") or values.get("target")):
                rel = (values.get("rel") or "").split()
                if "noopener" not in rel or "noreferrer" not in rel:
                    missing.append(href)

    count = 0
    for path in site_dir.rglob("*.html"):
        links = Links()
        links.feed(path.read_text(encoding="utf-8"))
        count += 1
    assert count > 20 and missing == []
