"""Grouped citation numbers are separated, through a parsed pass (guide/markup.py)."""

from __future__ import annotations

import re

import pytest

from guide import citations, markup

SEP = citations.SEPARATOR


def cite(key: str, n: int, again: int = 1) -> str:
    ref = "fnref" if again == 1 else f"fnref{again}"
    return f'<sup id="{ref}:{key}"><a class="footnote-ref" href="#fn:{key}">{n}</a></sup>'


def test_neighbours_get_a_comma_between_them():
    html = f"<p>advertisers {cite('a', 2)}{cite('b', 3)}{cite('c', 4)}. Next.</p>"
    assert citations.separate(html) == f"<p>advertisers {cite('a', 2)}{SEP}{cite('b', 3)}{SEP}{cite('c', 4)}. Next.</p>"


def test_spaces_between_still_count_as_a_group_and_are_kept():
    html = f"<p>x {cite('a', 1)} \n{cite('b', 2, again=2)}</p>"
    assert citations.separate(html) == f"<p>x {cite('a', 1)}{SEP} \n{cite('b', 2, again=2)}</p>"


@pytest.mark.parametrize("between", ["and", "<em>x</em>", "&amp;", "<br>"])
def test_citations_apart_are_left_alone(between):
    html = f"<p>{cite('a', 1)}{between}{cite('b', 2)}</p><p>{cite('c', 3)}</p>"
    assert citations.separate(html) == html


def test_other_superscripts_are_not_citations():
    html = f'<p>x<sup>2</sup>{cite("a", 1)}<sup id="note">n</sup></p>'
    assert citations.separate(html) == html


def test_a_page_without_citations_is_returned_as_is():
    html = "<p>Plain <b>text</b> &amp; more</p>"
    assert citations.separate(html) is html


@pytest.mark.parametrize("html", [
    "<p a='1>2'>x</p>", "<p>unclosed <b>bold", "<!-- c --><br/>&#8617;&para;<script>if (a<b) {}</script>",
    '<div\nclass="x"\n>y</div>', "<p>cut off <a href=\"x", "",
])
def test_tokens_join_back_to_the_same_text(html):
    assert markup.join(markup.tokens(html)) == html


def test_drop_removes_an_element_with_nested_children_of_the_same_tag():
    html = '<div><div class="x"><div>in</div>tail</div>after</div>'
    out = markup.join(markup.drop(markup.tokens(html), lambda t: "x" in t.classes()))
    assert out == "<div>after</div>"


def test_new_tags_escape_attribute_values():
    token = markup.start("a", [("href", '"><script>'), ("hidden", None)])
    assert token.raw == '<a href="&#34;&gt;&lt;script&gt;" hidden>'


def test_real_site_has_no_run_together_citations(site_dir):
    """On every page and embed view, two citation numbers never touch."""
    touching = re.compile(r"</a></sup>\s*<sup id=\"fnref")
    seps = 0
    for path in site_dir.rglob("*.html"):
        text = path.read_text(encoding="utf-8")
        assert not touching.search(text), path
        seps += text.count('class="ogt-cite-sep"')
    assert seps >= 6  # "advertisers 2, 3, 4" and the other groups, on pages and in embeds
