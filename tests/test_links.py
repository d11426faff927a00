"""Links between pages and their #anchors (guide/links.py): found with their lines, checked without
rendering, and reported with our own message and fix, in lint and in the build."""

from __future__ import annotations

import pytest

from guide import links
from tests.support import MINIMAL_BIB, build_fixture, page

PINNED = {"GUIDE_TODAY": "2026-11-28", "GUIDE_DRAFTS": ""}


def pages(**texts: str) -> dict[str, links.LinkPage]:
    return {src.replace("__", "/").replace("_md", ".md"): links.LinkPage(
        "docs/" + src.replace("__", "/").replace("_md", ".md"), text) for src, text in texts.items()}


def problems(found: dict[str, links.LinkPage], files=frozenset()) -> list[str]:
    return [f"{p.file}:{p.line}: {p.message} | {p.fix}" for p in links.check(found, set(files))]


RISKS = page("Risks", "## Crisis care\n\nText.\n\n## Is it safe? Yes, *mostly*\n\n## Costs {#money}\n\n"
             "## Costs\n\n<div id=\"raw-id\">x</div>\n")


def test_good_links_and_anchors_pass():
    body = ("[a](risks.md) [b](risks.md#crisis-care) [c](risks.md#is-it-safe-yes-mostly) "
            "[d](risks.md#money) [e](risks.md#costs) [f](risks.md#raw-id) [g](#top-part)\n\n"
            "## Top part\n\n[h](../index.md) [i](https://example.org/x.md) [j](tel:988) "
            "[k](mailto:a@b.org) ![Chart](chart.png)\n\n[ref]: risks.md#crisis-care\n")
    found = pages(understand__risks_md=RISKS, understand__formats_md=page("Formats", body),
                  index_md=page("Home"))
    assert problems(found, {"understand/chart.png"}) == []


def test_python_markdown_gives_a_repeated_heading_a_suffix():
    found = pages(a_md=page("A", "## Costs\n\n## Costs\n\n[x](#costs_1) [y](#costs_2)"))
    assert [p.split(": ", 1)[1].split(" |")[0] for p in problems(found)] == [
        "link '#costs_2' points at '#costs_2', but this page has no heading or id 'costs_2'"]


def test_broken_page_link_has_line_and_did_you_mean():
    found = pages(understand__risks_md=RISKS,
                  understand__formats_md=page("Formats", "Line one.\n\nSee [risks](risk.md)."))
    [problem] = problems(found)
    assert problem.startswith("docs/understand/formats.md:12: link 'risk.md' points at "
                              "docs/understand/risk.md, which does not exist | did you mean 'risks.md'?")


def test_broken_anchor_has_line_and_did_you_mean():
    found = pages(understand__risks_md=RISKS,
                  choose__platform_md=page("Platform", "See [care](../understand/risks.md#crisis-car)."))
    [problem] = problems(found)
    assert problem.startswith(
        "docs/choose/platform.md:10: link '../understand/risks.md#crisis-car' points at '#crisis-car', "
        "but docs/understand/risks.md has no heading or id 'crisis-car' | did you mean '#crisis-care'?")
    assert "#money" in problem, "the fix lists the anchors there"


def test_attr_list_id_replaces_the_slug():
    found = pages(a_md=page("A", "## Costs and fees {#money}\n\n[x](#costs-and-fees)"))
    [problem] = problems(found)
    assert "no heading or id 'costs-and-fees'" in problem


@pytest.mark.parametrize("url,message,fix", [
    ("/about/privacy/", "starts with '/'", "'../about/privacy.md'"),
    ("../about/", "points at a folder, not a page", "'../about/index.md'"),
    ("../about/privacy.html", "points at the built .html file", "'../about/privacy.md'"),
    ("../../outside.md", "points outside the docs/ folder", "by its .md file"),
])
def test_links_the_site_cannot_follow(url, message, fix):
    found = pages(about__index_md=page("About"), about__privacy_md=page("Privacy"),
                  understand__a_md=page("A", f"[x]({url})"))
    [problem] = problems(found)
    assert message in problem and fix in problem


def test_links_in_code_and_footnotes_are_not_links():
    body = ("`[x](nowhere.md)`\n\n```\n[y](nowhere.md)\n```\n\n[^1]: A footnote, not a link.\n\n"
            "Text[^1].\n")
    assert problems(pages(a_md=page("A", body))) == []


def test_html_and_reference_links_are_checked():
    body = '<a href="nowhere.md">x</a>\n\n[ref]: gone.md\n'
    assert [p.split(":")[1] for p in problems(pages(a_md=page("A", body)))] == ["10", "12"]


def test_unknown_anchors_on_pages_with_generated_content_are_not_guessed():
    found = pages(a_md=page("A", "[x](b.md#ref-smith2020)"), b_md=page("B"))
    found["b.md"].open_anchors = True  # e.g. the References page: its ids come from references.bib
    assert problems(found) == []


def test_the_sources_heading_the_build_adds_is_an_anchor():
    found = pages(a_md=page("A", "[x](b.md#sources)"), b_md=page("B"))
    assert problems(found) != []
    found["b.md"].extra_anchors = {"sources"}
    assert problems(found) == []


def test_build_stops_on_a_broken_link_with_our_message(tmp_path):
    docs = {"index.md": page("Home", "See [formats](understand/format.md) and [care](understand/formats.md#cost)."),
            "understand/formats.md": page("Formats", "## Costs\n\nText.")}
    result = build_fixture(tmp_path, docs, bib=MINIMAL_BIB, env=PINNED)
    assert result.returncode != 0
    assert ("docs/index.md:10: [link] link 'understand/format.md' points at docs/understand/format.md, "
            "which does not exist") in result.stderr
    assert "fix: did you mean 'understand/formats.md'?" in result.stderr
    assert ("docs/index.md:10: [link] link 'understand/formats.md#cost' points at '#cost', "
            "but docs/understand/formats.md has no heading or id 'cost'") in result.stderr
    assert "Traceback" not in result.stderr
