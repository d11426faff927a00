"""The guide's articles meet its editorial standards (issue 4): valid front matter, plain language,
the crisis link on every built page, citations on every evidence page, enough distinct sources.

Every failure names the article and its measured figure, e.g. "docs/understand/research.md:
grade 9.3 > 8". Run ``pytest tests/test_content.py -s -k table`` to see every article's figures.
"""

from __future__ import annotations

import re
from urllib.parse import urljoin

import pytest
import yaml

from guide import frontmatter, lint, readability
from tests.support import ROOT
from tests.test_site import html_for

DOCS = ROOT / "docs"
ARTICLES = [p.relative_to(DOCS).as_posix() for p in lint.articles(DOCS)]
EVIDENCE_PAGES = [
    "understand/research.md", "understand/benefits.md", "understand/risks.md", "understand/formats.md",
    "decide/is-it-right-for-me.md", "choose/platform.md",
]
MIN_SOURCES = 12
CRISIS_LINK = re.compile(r'class="ogt-crisis".*?<a href="(?P<href>[^"]*)">Get help now</a>', re.S)


def source(src: str) -> frontmatter.Source:
    return frontmatter.split((DOCS / src).read_text(encoding="utf-8"), f"docs/{src}")


def test_the_guide_has_its_articles():
    assert len(ARTICLES) >= 13, ARTICLES
    assert not [a for a in ARTICLES if a.startswith("snippets/")]
    missing = [p for p in EVIDENCE_PAGES if p not in ARTICLES]
    assert not missing, f"evidence pages missing from docs/: {missing}"


@pytest.mark.parametrize("src", ARTICLES)
def test_front_matter_is_valid(src):
    errors, _warnings = frontmatter.check(source(src))
    assert not errors, "\n".join(map(str, errors))


def reading_failures(page: frontmatter.Source) -> list[str]:
    measure = readability.measure(page.body, page.body_line)
    failures = []
    if measure.grade > readability.GRADE_MAX:
        failures.append(f"{page.path}: grade {measure.grade} > {readability.GRADE_MAX:g}")
    if measure.average_words > readability.AVERAGE_WORDS_MAX:
        failures.append(f"{page.path}: average sentence {measure.average_words} words "
                        f"> {readability.AVERAGE_WORDS_MAX:g}")
    return failures


@pytest.mark.parametrize("src", ARTICLES)
def test_reading_level(src):
    failures = reading_failures(source(src))
    assert not failures, "\n".join(failures)


def test_reading_level_failure_names_the_article_and_its_figures():
    hard = ("Psychotherapeutic interventions administered synchronously through videoconferencing "
            "infrastructure demonstrate effectiveness comparable to conventional face-to-face modalities "
            "across heterogeneous populations of adults with depression and anxiety. ") * 2
    page = frontmatter.split(f"---\ntitle: T\n---\n\n{hard}\n", "docs/understand/hard.md")
    failures = reading_failures(page)
    assert len(failures) == 2, failures
    assert re.fullmatch(r"docs/understand/hard\.md: grade \d+\.\d > 8", failures[0]), failures[0]
    assert failures[1] == "docs/understand/hard.md: average sentence 23.0 words > 20"


@pytest.mark.parametrize("src", ARTICLES)
def test_built_page_links_to_crisis_help(site_dir, src):
    built = html_for(site_dir, src)
    assert built.is_file(), f"docs/{src}: no built page at {built.relative_to(site_dir)}"
    match = CRISIS_LINK.search(built.read_text(encoding="utf-8"))
    assert match, f"docs/{src}: the built page has no crisis bar with a 'Get help now' link"
    page_url = "https://guide.test/" + built.parent.relative_to(site_dir).as_posix() + "/"
    target = urljoin(page_url.replace("/./", "/"), match.group("href"))
    assert target == "https://guide.test/get-help-now/", \
        f"docs/{src}: 'Get help now' points to {match.group('href')}, not get-help-now/"


@pytest.mark.parametrize("src", ARTICLES)
def test_built_page_has_an_edit_link_to_its_source_on_github(site_dir, src):
    html = html_for(site_dir, src).read_text(encoding="utf-8")
    config = yaml.safe_load((ROOT / "mkdocs.yml").read_text(encoding="utf-8").split("\nnav:")[0])
    expected = f"{config['repo_url'].rstrip('/')}/{config['edit_uri']}{src}"
    assert re.search(rf'<a href="{re.escape(expected)}"[^>]*rel="edit\b', html), \
        f"docs/{src}: no 'Edit this page' link to {expected}"


@pytest.mark.parametrize("src", EVIDENCE_PAGES)
def test_evidence_page_cites_its_sources(src):
    count = len(lint.cited_keys(source(src).body))
    assert count >= 1, f"docs/{src}: 0 citations; an evidence page cites at least 1 source"


def test_enough_distinct_sources_across_the_guide():
    cited = {key for src in ARTICLES for key in lint.cited_keys(source(src).body)}
    assert len(cited) >= MIN_SOURCES, f"{len(cited)} distinct sources cited across the guide < {MIN_SOURCES}"


def test_table_of_figures(capsys):
    """Prints grade, words, average sentence and citations per article (see with -s)."""
    problems, table = lint.lint_docs(ROOT, spelling=False)
    text = lint.format_table(table)
    with capsys.disabled():
        print("\n" + text)
    assert [row.path for row in table] == [f"docs/{src}" for src in ARTICLES]
    assert len(text.splitlines()) == len(ARTICLES) + 1
