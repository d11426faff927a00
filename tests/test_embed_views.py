"""The smaller embed views, the loader's names and the import rules, without a browser:
guide/compact.py and the view parts of guide/embed.py."""

from __future__ import annotations

import ast
import json
import re
from pathlib import Path

import pytest

from guide import compact, embed
from guide.errors import GuideError
from tests.support import ROOT, build_fixture, page
from tests.test_embed import BIB, NAV, fixture_docs

SITE = "https://guide.example/ogt/"
HEAD = '<h1 id="t">Title</h1><p class="ogt-review"><span>Last reviewed: 1 May 2026</span></p>\n'
DANGER = '<div class="admonition danger">\n<p class="admonition-title">In crisis?</p>\n<p>Call.</p>\n</div>\n'
IN_SHORT = '<div class="admonition abstract">\n<p class="admonition-title">In short</p>\n<p>Short.</p>\n</div>\n'
FORM = ('<form class="ogt-checklist" id="ogt-c1" data-ogt-checklist="c1"><h3>List</h3>'
        '<form-ish></form-ish><input type="checkbox" id="i1"><label for="i1">One</label></form>')


def test_summary_keeps_head_in_short_crisis_and_closes_every_section():
    content = (HEAD + "<p>Opening text.</p>\n" + IN_SHORT + DANGER
               + '<h2 id="a">First <em>part</em></h2>\n<p>A text.</p>\n'
               + '<h2 id="b">Your checklist</h2>\n<p>Use it.</p>\n' + FORM + "\n")
    out = compact.summary(content, "A description.")
    assert out.startswith(HEAD.strip())
    assert "Opening text" not in out
    assert IN_SHORT.strip() in out and DANGER.strip() in out
    assert out.index("In short") < out.index("In crisis?") < out.index("<details")
    sections = re.findall(r'<details class="ogt-embed__section" id="(\w)">\n<summary><h2>(.*?)</h2></summary>', out)
    assert sections == [("a", "First <em>part</em>"), ("b", "Your checklist")]
    assert FORM in out  # the checklist whole, inside its section
    assert "A description." not in out  # the page has its own In short box


def test_summary_without_in_short_uses_the_description_escaped():
    out = compact.summary(HEAD + "<p>Text.</p>\n<h2>Only</h2>\n<p>x</p>", 'Tom & "Jerry" <b>')
    assert '<p class="admonition-title">In short</p><p>Tom &amp; &#34;Jerry&#34; &lt;b&gt;</p>' in out
    assert '<details class="ogt-embed__section">' in out  # a heading without id gets none


def test_summary_of_a_page_without_sections_or_description():
    assert compact.summary(HEAD + "<p>Text.</p>", "") == HEAD.strip()


def test_find_part_and_head():
    content = HEAD + "<p>x</p>" + FORM + '<form data-ogt-checklist="c2"></form>'
    assert compact.find_part(content, "data-ogt-checklist", "c1") == FORM
    assert compact.find_part(content, "data-ogt-checklist", "c2") == '<form data-ogt-checklist="c2"></form>'
    assert compact.find_part(content, "data-ogt-checklist", "nope") == ""
    assert compact.head(content) == HEAD.strip()


ARTICLES = [
    embed.Article("z/zeta.md", "z/zeta/", "Zeta", parts=(("checklist", "c1", "List one"), ("unknown-kind", "x", "X"))),
    embed.Article("a/alpha.md", "a/alpha/", "Alpha", description="About alpha"),
    embed.Article("index.md", "./", "Home"),
    embed.Article("about/clinics.md", "about/clinics/", "Clinics", lists_embeds=True),
]
ORDER = ["index.md", "z/zeta.md", "a/alpha.md"]


def test_names_are_pages_in_nav_order_then_checklists():
    assert embed.names(ARTICLES, ORDER) == ["z/zeta", "a/alpha", "checklists/c1"]


def test_catalogue_items_include_each_checklist_with_its_place_on_the_page():
    items = embed.catalogue_items(ARTICLES, ORDER, SITE, "Guide", "about/clinics/")
    assert [(i["name"], i["kind"]) for i in items] == [("z/zeta", "page"), ("a/alpha", "page"),
                                                        ("checklists/c1", "checklist")]
    checklist = items[2]
    assert checklist["page"] == "../../z/zeta/#ogt-c1" and checklist["preview"] == "../../embed/checklists/c1/"
    assert checklist["handout"] == "../../checklists/c1/" and items[0]["handout"] == ""
    assert f'<a href="{SITE}z/zeta/#ogt-c1">List one (Guide)</a>' in checklist["snippet"]


def test_snippet_options_are_escaped():
    text = embed.snippet("a", "A", SITE, "G", options={"view": "summary", "accent": '#fff"><x'})
    assert text.startswith('<div data-ogt-embed="a" data-region="" data-view="summary" '
                           'data-accent="#fff&#34;&gt;&lt;x">')


REGION_SELECT = re.compile(r'<select id="ogt-builder-region" name="region">(.*?)</select>', re.S)


def region_options(html_text: str) -> list[tuple[str, str]]:
    selects = REGION_SELECT.findall(html_text)
    assert len(selects) == 1, "the builder has one country choice"
    return re.findall(r'<option value="([^"]*)">([^<]*)</option>', selects[0])


def test_builder_offers_general_then_each_country_escaped():
    out = embed.render_builder(ARTICLES, ORDER, SITE, "Guide", "about/clinics/",
                               [("gb", "United Kingdom"), ("zz", 'Land <b>"x"</b> & co')])
    assert '<label for="ogt-builder-region">Country for the crisis numbers</label>' in out
    assert region_options(out) == [("", "General (any country)"), ("gb", "United Kingdom"),
                                   ("zz", "Land &lt;b&gt;&#34;x&#34;&lt;/b&gt; &amp; co")]
    assert region_options(embed.render_builder(ARTICLES, ORDER, SITE, "Guide", "about/clinics/")) == [
        ("", "General (any country)")]


def test_real_builder_lists_every_country_in_the_crisis_data(site_dir):
    from guide import crisis

    data, problems = crisis.load(ROOT / "docs")
    assert data is not None and not problems
    shown = region_options((site_dir / "about" / "clinics" / "index.html").read_text(encoding="utf-8"))
    assert shown == [("", "General (any country)")] + [(c.code, c.name) for c in data.countries]
    assert len(shown) > 5 and ("gb", "United Kingdom") in shown


def test_bake_names_puts_the_list_in_once_and_refuses_a_loader_without_the_line():
    loader = "var A = 1;\n  var NAMES = null; // here\n"
    out = embed.bake_names(loader, ["a/b", "checklists/c", "Bad Name"])
    assert 'var NAMES = ["a/b","checklists/c"]; // here' in out  # a name the loader refuses is left out
    with pytest.raises(GuideError, match="overrides/embed.js: the loader must hold 'var NAMES = null;' once"):
        embed.bake_names("var A = 1;", ["a"])


def test_real_loader_has_the_placeholder_once():
    text = (ROOT / "overrides" / "embed.js").read_text(encoding="utf-8")
    assert text.count(embed.NAMES_PLACEHOLDER) == 1


def test_embeds_for_writes_both_views_and_each_checklist_alone():
    article = ARTICLES[0]
    content = HEAD + '<h2 id="s">S<a class="headerlink" href="#s">&para;</a></h2>\n' + FORM
    output = '<link rel="stylesheet" href="../../assets/guide.css"><script src="../../assets/checklist.js"></script>'
    made = dict(embed.embeds_for(article, content, output, site_url=SITE, site_name="Guide"))
    assert sorted(made) == ["checklists/c1/index.html",  # the printable page
                            "embed/checklists/c1/index.html", "embed/checklists/c1/oembed.json",
                            "embed/checklists/c1/summary.html",
                            "embed/z/zeta/index.html", "embed/z/zeta/oembed.json", "embed/z/zeta/summary.html"]
    handout = made.pop("checklists/c1/index.html")
    assert "ogt-embed__skip" not in handout and "embed-frame.js" not in handout and FORM in handout
    assert 'href="../../assets/guide.css"' in handout
    assert json.loads(made.pop("embed/checklists/c1/oembed.json"))["title"] == "List one"
    assert json.loads(made.pop("embed/z/zeta/oembed.json"))["type"] == "rich"
    full, summary, alone = (made["embed/z/zeta/index.html"], made["embed/z/zeta/summary.html"],
                            made["embed/checklists/c1/index.html"])
    for html in made.values():
        assert "headerlink" not in html
        assert html.index('class="ogt-embed__skip"') < html.index("<main")
        assert 'href="../../../assets/guide.css"' in html  # every view sits two folders down
        assert f'type="application/json+oembed" href="{SITE}embed/' in html
    assert "<details" not in full and '<details class="ogt-embed__section" id="s">' in summary
    assert "Read the full page" in summary and "Read the full page" not in full
    assert FORM in alone and "<h2" not in alone
    assert f'<link rel="canonical" href="{SITE}z/zeta/#ogt-c1">' in alone
    assert embed.embeds_for(ARTICLES[3], content, output, site_url=SITE, site_name="G") == []


def test_embed_module_does_not_import_the_build():
    """guide/embed.py, guide/compact.py and the data modules (decision aid, IPDAS, crisis lines,
    evidence) get plain data: no import of guide.site, even for types, so no import cycle."""
    for name in ("embed", "compact", "markup", "citations", "decision_aid", "ipdas", "crisis", "evidence"):
        tree = ast.parse((ROOT / "guide" / f"{name}.py").read_text(encoding="utf-8"))
        imported = {n.module for n in ast.walk(tree) if isinstance(n, ast.ImportFrom)}
        imported |= {a.name for n in ast.walk(tree) if isinstance(n, ast.Import) for a in n.names}
        imported |= {f"guide.{a.name}" for n in ast.walk(tree) if isinstance(n, ast.ImportFrom)
                     and n.module == "guide" for a in n.names}
        assert "guide.site" not in imported and "mkdocs" not in {m.split(".")[0] for m in imported if m}, name


def test_page_in_a_checklists_folder_fails_the_build(tmp_path):
    docs = fixture_docs(**{"checklists/odd.md": page("Odd", "Text.")})
    result = build_fixture(tmp_path, docs, bib=BIB, nav=NAV + [{"Odd": "checklists/odd.md"}])
    assert result.returncode != 0
    assert "docs/checklists/odd.md: the page's address 'checklists/odd' is kept for checklists embeds" in result.stderr


def test_built_loader_knows_every_embed(site_dir):
    loader = (site_dir / "embed.js").read_text(encoding="utf-8")
    names = json.loads(re.search(r"var NAMES = (\[.*?\]);", loader).group(1))
    on_disk = sorted(p.parent.relative_to(site_dir / "embed").as_posix()
                     for p in (site_dir / "embed").rglob("index.html"))
    assert sorted(names) == on_disk
    assert all((site_dir / "embed" / n / "summary.html").is_file() for n in names)


def test_clinics_page_example_of_a_plain_frame_is_the_builds_own():
    """The clinics page shows one plain-frame snippet by hand: it must be what the build makes."""
    import yaml

    config = yaml.safe_load((ROOT / "mkdocs.yml").read_text(encoding="utf-8").split("\ntheme:")[0])
    text = (ROOT / "docs" / "about" / "clinics.md").read_text(encoding="utf-8")
    made = embed.iframe_snippet("choose/platform", "Choosing a platform and a facilitator",
                                config["site_url"], config["site_name"])
    assert made in text
