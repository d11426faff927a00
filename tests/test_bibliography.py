"""The bibliography: every check on references.bib and on citations, with file and line."""

from __future__ import annotations

import re

import pytest

from guide import bibliography as b
from tests.support import ROOT, build_fixture, page

GOOD = """% a comment line
@article{smith2020,
  author   = {Smith, Jane A. and Are{\\'a}n, Patricia and van der Berg, Piet},
  title    = {Group therapy by video: a trial},
  journal  = {Journal of Tests},
  year     = {2020},
  volume   = {3},
  number   = {2},
  pages    = {10--20},
  doi      = {10.1000/test.1},
  keywords = {rct}
}

@misc{body2021,
  author       = {{Federal Trade Commission}},
  title        = {A press release},
  howpublished = {Federal Trade Commission},
  year         = 2021,
  date         = {2021-03-02},
  url          = {https://example.org/release},
  keywords     = {regulator, background}
}
"""


def parse(text: str) -> b.Bibliography:
    bib = b.parse(text, "refs.bib")
    bib.problems.extend(b.check_entries(bib))
    return bib


def messages(bib: b.Bibliography) -> list[str]:
    return [str(p) for p in bib.problems]


# -- parsing -----------------------------------------------------------------------------------

def test_parses_good_entries_with_lines():
    bib = parse(GOOD)
    assert messages(bib) == []
    assert list(bib.entries) == ["smith2020", "body2021"]
    assert bib.entries["smith2020"].line == 2
    assert bib.entries["body2021"].line == 14
    assert bib.entries["smith2020"].field_lines["doi"] == 10
    assert bib.entries["body2021"].fields["year"] == "2021"
    assert bib.entries["smith2020"].kind.slug == "rct"
    assert bib.entries["body2021"].background


def test_string_macros_concatenation_and_months():
    bib = parse('@string{jt = "Journal of Tests"}\n@article{a1, author={A, B}, title="T " # {x},'
                " journal=jt, year={2001}, month=mar, doi={10.1000/x}, keywords={rct}}")
    assert messages(bib) == []
    assert bib.entries["a1"].fields["journal"] == "Journal of Tests"
    assert bib.entries["a1"].fields["title"] == "T x"
    assert bib.entries["a1"].fields["month"] == "March"


@pytest.mark.parametrize("text, line, fragment", [
    ("@article{k1,\n  title = {Unclosed,\n  year = {2020}\n}\n", 2, "runs into the next field"),
    ("@article{k1,\n  title = {Unclosed,\n", 2, "never closed"),
    ("@article{k1,\n  title = {T}\n  year = {2020}\n}\n", 3, "expected ',' or '}'"),
    ("@article{k1,\n  title {T},\n}\n", 2, "has no '='"),
    ("@article{,\n  title = {T},\n}\n", 1, "has no key"),
    ("@article{k1,\n  title = ,\n}\n", 2, "has no value"),
    ("@article{k1,\n  title = nomacro,\n}\n", 2, "unknown name 'nomacro'"),
    ("@article{k1,\n  title = {A},\n  title = {B},\n}\n", 3, "appears twice"),
    ("@ {k1, title={T}}\n", 1, "not followed by an entry type"),
    ('@article{k1,\n  title = "open,\n}\n', 2, "never closed"),
])
def test_syntax_errors_name_the_line(text, line, fragment):
    bib = b.parse(text, "refs.bib")
    assert bib.problems, "no problem reported"
    first = bib.problems[0]
    assert first.file == "refs.bib" and first.line == line, str(first)
    assert fragment in first.message
    assert first.fix


def test_a_syntax_error_does_not_hide_later_entries():
    text = "@article{bad,\n  title {T},\n}\n\n" + GOOD
    bib = b.parse(text, "refs.bib")
    assert len(bib.problems) == 1
    assert "smith2020" in bib.entries and "body2021" in bib.entries


def test_duplicate_key_names_both_lines():
    bib = parse(GOOD + "\n@article{smith2020,\n  author={X, Y}, title={T}, year={2000}, doi={10.1000/y}, keywords={rct}\n}\n")
    [problem] = bib.problems
    assert problem.line == 24
    assert "duplicate key 'smith2020' (first defined on line 2)" in problem.message


# -- entry checks ------------------------------------------------------------------------------

def entry(fields: str, key: str = "k1", kind: str = "article") -> str:
    return f"@{kind}{{{key},\n{fields}\n}}\n"


BASE = "  author = {A, B},\n  title = {T},\n  year = {2020},\n  doi = {10.1000/x},\n  keywords = {rct}"


@pytest.mark.parametrize("drop", ["author", "title", "year"])
def test_missing_required_field(drop):
    fields = "\n".join(line for line in BASE.split("\n") if not line.strip().startswith(drop))
    [problem] = parse(entry(fields)).problems
    assert f"entry 'k1': no '{drop}' field" in problem.message
    assert problem.line == 1


def test_research_entry_needs_doi_or_url():
    fields = BASE.replace("  doi = {10.1000/x},\n", "")
    [problem] = parse(entry(fields)).problems
    assert "needs a 'doi' or 'url'" in problem.message


def test_web_article_may_have_neither_doi_nor_url():
    fields = BASE.replace("  doi = {10.1000/x},\n", "").replace("{rct}", "{web-article}")
    assert messages(parse(entry(fields, kind="misc"))) == []


@pytest.mark.parametrize("key, chars", [("smith:2020", "':'"), ("smith.2020", "'.'"), ("smith2020!", "'!'")])
def test_keys_mkdocs_bibtex_would_cut(key, chars):
    [problem] = parse(entry(BASE, key=key)).problems
    assert chars in problem.message and "mkdocs-bibtex cuts keys" in problem.message


def test_missing_and_unknown_kind():
    no_kind = BASE.replace(",\n  keywords = {rct}", "")
    assert "no 'keywords' field" in messages(parse(entry(no_kind)))[0]
    unknown = BASE.replace("{rct}", "{blog}")
    problem = parse(entry(unknown)).problems[0]
    assert "not 'blog'" in problem.message and problem.field == "keywords" and problem.line == 6
    assert "systematic-review" in problem.fix


@pytest.mark.parametrize("field, value, fragment", [
    ("year", "{20}", "not a four-digit year"),
    ("doi", "{doi.org/10.1000/x}", "is not a DOI"),
])
def test_bad_values(field, value, fragment):
    fields = re.sub(rf"  {field} = \{{[^}}]*\}}", f"  {field} = {value}", BASE)
    assert fragment in messages(parse(entry(fields)))[0]


def test_http_url_is_refused():
    fields = BASE.replace("doi = {10.1000/x}", "url = {http://example.org}")
    assert "not an https address" in messages(parse(entry(fields)))[0]


def test_real_references_bib_is_clean():
    bib = b.load(str(ROOT / "references.bib"), "references.bib")
    assert messages(bib) == []
    assert len(bib.entries) >= 15
    research = [e for e in bib.entries.values() if e.kind.research]
    assert research and all(e.fields.get("doi") for e in research), "each research entry carries its DOI"


# -- citations in pages ------------------------------------------------------------------------

KNOWN = {"gentry2019", "renn2019", "lopez2020"}


def cite(markdown: str):
    return b.find_citations(markdown, "docs/p.md", KNOWN, first_line=10)


def test_finds_single_and_multiple_citations_with_lines():
    found, problems = cite("Text [@gentry2019].\n\nMore [@renn2019; @lopez2020] here.")
    assert problems == []
    assert [(c.key, c.line) for c in found] == [("gentry2019", 10), ("renn2019", 12), ("lopez2020", 12)]


def test_unknown_key_suggests_a_close_one():
    _, [problem] = cite("A claim [@gentry2091].")
    assert problem.file == "docs/p.md" and problem.line == 10
    assert "cite key 'gentry2091' is not in references.bib" in problem.message
    assert "gentry2019" in problem.fix


@pytest.mark.parametrize("text, fragment", [
    ("[@gentry2019.extra]", "would cut it to 'gentry2019'"),
    ("[@gentry2019:5]", "would cut it to 'gentry2019'"),
    ("[see @gentry2019]", "text before the key"),
    ("[@gentry2019, p. 4]", "text after the key"),
    ("[@renn2019; see @gentry2019]", "text before the key"),
])
def test_citations_mkdocs_bibtex_would_mangle(text, fragment):
    found, problems = cite(text)
    assert problems, f"{text} passed"
    assert fragment in problems[0].message, problems[0].message


def test_text_mkdocs_bibtex_would_swallow_is_caught():
    """'[contact help@x.org today]' would be eaten by mkdocs-bibtex as a citation of 'x'."""
    _, problems = cite("Write [contact us at help@x.org today] now.")
    assert problems


def test_email_only_brackets_and_plain_text_are_left_alone():
    found, problems = cite("Mail [help@example.org](mailto:help@example.org). A [link](x.md). user@host.org")
    assert found == [] and problems == []


def test_coverage_requires_citation_or_background():
    bib = parse(GOOD)
    assert b.check_coverage(bib, {"smith2020"}) == []
    [problem] = b.check_coverage(bib, set())
    assert problem.line == 2 and "'smith2020' is cited on no page" in problem.message
    assert "background" in problem.fix


# -- formatting ------------------------------------------------------------------------------

def test_apa_article():
    text = b.to_markdown(b.format_entry(parse(GOOD).entries["smith2020"]))
    assert text == ("Smith, J. A., Areán, P., &amp; van der Berg, P. (2020). Group therapy by video: a trial. "
                    "*Journal of Tests*, *3*(2), 10–20. <https://doi.org/10.1000/test.1>")


def test_apa_web_page_with_organisation_author_and_date():
    html = b.to_html(b.format_entry(parse(GOOD).entries["body2021"]))
    assert html.startswith("Federal Trade Commission. (2021, March 2). <em>A press release.</em>")
    assert 'href="https://example.org/release"' in html
    assert "Federal Trade Commission. https" not in html  # the publisher is not repeated


def test_et_al_and_long_author_lists():
    assert b.format_authors("Laurito, Luana D. and others") == "Laurito, L. D., et al."
    many = " and ".join(f"Name{i}, A." for i in range(22))
    assert b.format_authors(many).endswith(", . . . Name21, A.")


@pytest.mark.parametrize("hostile", ["<script>alert(1)</script>", '<img src=x onerror="alert(1)">', "[@x](y) *z*"])
def test_text_is_escaped_in_html_and_markdown(hostile):
    bib = parse(entry(BASE.replace("title = {T}", "title = {" + hostile + "}")))
    html = b.to_html(b.format_entry(bib.entries["k1"]))
    assert "<script" not in html and "<img" not in html
    md = b.to_markdown(b.format_entry(bib.entries["k1"]))
    assert "<script" not in md and "<img" not in md and "[@" not in md


HOSTILE_ADDRESSES = [
    ("doi", '10.1000/x"><script>alert(1)</script>'),
    ("doi", "10.1000/x'onmouseover='alert(1)"),
    ("doi", "10.1000/x>\x01"),
    ("url", 'https://example.org/"><script>alert(1)</script>'),
    ("url", "https://example.org/a b"),
    ("url", "javascript:alert(1)//https://x"),
    ("url", "https://"),
]


@pytest.mark.parametrize("name, value", HOSTILE_ADDRESSES)
def test_hostile_doi_or_url_is_refused_with_its_line(name, value):
    fields = BASE.replace("  doi = {10.1000/x},\n", "") + f",\n  {name} = {{{value}}}"
    problems = [p for p in parse(entry(fields)).problems if p.field == name]
    assert problems, f"{name} {value!r} was accepted"
    assert problems[0].line == 6 and problems[0].file == "refs.bib"


@pytest.mark.parametrize("name, value", HOSTILE_ADDRESSES)
def test_hostile_address_is_inert_in_html_and_markdown_even_unchecked(name, value):
    """Escaping at the point of rendering does not rely on the check above having run."""
    import markdown
    from html.parser import HTMLParser

    fields = BASE.replace("  doi = {10.1000/x},\n", "") + f",\n  {name} = {{{value}}}"
    segments = b.format_entry(b.parse(entry(fields), "refs.bib").entries["k1"])

    class Tags(HTMLParser):
        def __init__(self):
            super().__init__()
            self.seen = []

        def handle_starttag(self, tag, attrs):
            self.seen.append((tag, dict(attrs)))

    for html in (b.to_html(segments), markdown.markdown(b.to_markdown(segments))):
        tags = Tags()
        tags.feed(html)
        assert {t for t, _ in tags.seen} <= {"a", "em", "p"}, html
        for tag, attrs in tags.seen:
            assert set(attrs) <= {"href", "rel"}, html
            if "href" in attrs:
                assert attrs["href"].startswith("https://") and not set(attrs["href"]) & set("<>\"' "), html


@pytest.mark.parametrize("date, ok", [("2014-00-25", False), ("2014-13-01", False), ("2021-02-30", False),
                                      ("2021-02-28", True)])
def test_impossible_dates_are_refused_not_printed_as_december(date, ok):
    fields = BASE.replace("{rct}", "{web-article}") + f",\n  date = {{{date}}}"
    problems = [p for p in parse(entry(fields, kind="misc")).problems if p.field == "date"]
    assert (problems == []) == ok
    if not ok:
        assert problems[0].line == 7 and "not a real date" in problems[0].message


def test_non_utf8_or_control_bytes_in_the_bib_are_a_problem_with_line_and_column(tmp_path):
    path = tmp_path / "references.bib"
    path.write_bytes(b"@misc{a,\n  title = {caf\xe9},\n}\n")
    bib = b.load(str(path), "references.bib")
    assert [(p.file, p.line) for p in bib.problems] == [("references.bib", 2)]
    assert "column 15" in bib.problems[0].message and "UTF-8" in bib.problems[0].fix
    path.write_bytes(b"@misc{a,\n  title = {a\x00b},\n}\n")
    [problem] = b.load(str(path), "references.bib").problems
    assert problem.line == 2 and "NUL" in problem.message


# -- through the real build ------------------------------------------------------------------

CITED_BIB = GOOD


def test_build_renders_footnotes_and_references(tmp_path):
    docs = {
        "index.md": page("Home", "A claim [@smith2020]. [References](refs.md)"),
        "refs.md": page("Refs", "<!-- guide:references -->"),
    }
    result = build_fixture(tmp_path, docs, bib=CITED_BIB)
    assert result.returncode == 0, result.stderr
    home = (tmp_path / "site" / "index.html").read_text(encoding="utf-8")
    assert re.search(r'<h2 id="sources">Sources', home)
    assert 'href="#fn:smith2020"' in home
    expected = b.to_html(b.format_entry(parse(GOOD).entries["smith2020"]))
    # The footnote uses our APA text (mkdocs-bibtex's pybtex style is replaced).
    assert "Smith, J. A., Areán, P., &amp; van der Berg, P. (2020)." in home
    assert "<em>Journal of Tests</em>" in home and expected.split("<a")[0] in home
    refs = (tmp_path / "site" / "refs" / "index.html").read_text(encoding="utf-8")
    assert 'id="ref-smith2020"' in refs and 'id="ref-body2021"' in refs
    assert re.search(r'Cited on:\s*<a href="\.\./">Home</a>', refs)
    assert 'id="kind-rct"' in refs and 'id="kind-regulator"' in refs


BAD_INPUTS = [
    ("unknown key", {"index.md": page("Home", "Claim [@nobody2020].")}, GOOD,
     r"docs/index\.md:10: cite key 'nobody2020' is not in references\.bib"),
    ("truncated key", {"index.md": page("Home", "Claim [@smith2020.extra].")}, GOOD,
     r"docs/index\.md:10: cite key 'smith2020\.extra'.*would cut it to 'smith2020'"),
    ("affix", {"index.md": page("Home", "Claim [@smith2020, p. 3].")}, GOOD,
     r"docs/index\.md:10: citation \[@smith2020, p\. 3\] has text after the key"),
    ("bib syntax", {"index.md": page("Home", "Claim.")}, "@article{k1,\n  title {T},\n}\n",
     r"references\.bib:2: entry 'k1': field 'title' has no '='"),
    ("missing field", {"index.md": page("Home", "Claim [@k1].")},
     "@article{k1,\n  title = {T},\n  year = {2020},\n  doi = {10.1000/x},\n  keywords = {rct}\n}\n",
     r"references\.bib:1: entry 'k1': no 'author' field"),
    ("no doi", {"index.md": page("Home", "Claim [@k1].")},
     "@article{k1,\n  author = {A, B},\n  title = {T},\n  year = {2020},\n  keywords = {rct}\n}\n",
     r"references\.bib:1: entry 'k1': a randomised controlled trial needs a 'doi' or 'url'"),
    ("duplicate", {"index.md": page("Home", "Claim [@smith2020].")}, GOOD + GOOD.split("\n\n")[0].split("\n", 1)[1],
     r"references\.bib:\d+: duplicate key 'smith2020' \(first defined on line 2\)"),
    ("uncited", {"index.md": page("Home", "No citation here.")}, GOOD,
     r"references\.bib:2: entry 'smith2020' is cited on no page"),
]


@pytest.mark.parametrize("name, docs, bib, pattern", BAD_INPUTS, ids=[x[0] for x in BAD_INPUTS])
def test_bad_input_fails_the_build(tmp_path, name, docs, bib, pattern):
    result = build_fixture(tmp_path, docs, bib=bib)
    assert result.returncode != 0, f"{name}: the build passed"
    assert re.search(pattern, result.stderr), result.stderr[-3000:]
    assert "fix:" in result.stderr


# -- the real site -------------------------------------------------------------------------

def test_real_references_page_lists_every_key_with_back_links(site_dir):
    bib = b.load(str(ROOT / "references.bib"), "references.bib")
    html = (site_dir / "about" / "references" / "index.html").read_text(encoding="utf-8")
    for key, item in bib.entries.items():
        match = re.search(rf'<li id="ref-{re.escape(key)}" class="ogt-ref">(.*?)</li>', html, re.S)
        assert match, f"{key} is not on the References page"
        links = re.findall(r'Cited on:.*?((?:<a href="[^"]+">[^<]+</a>,?\s*)+)', match.group(1), re.S)
        if item.background and not links:
            continue
        assert links, f"{key}: no 'Cited on' links"
        for href in re.findall(r'href="([^"]+)"', links[0]):
            target = (site_dir / "about" / "references" / href).resolve() / "index.html"
            assert target.is_file(), f"{key}: back-link {href} goes nowhere"
            cited = target.read_text(encoding="utf-8")
            # A page cites a key in its text (a footnote) or in a checklist (a link to the entry).
            assert f'href="#fn:{key}"' in cited or re.search(rf'href="[^"]*#ref-{re.escape(key)}"', cited), \
                f"{key}: {href} does not cite it"
    headings = re.findall(r'<h2 id="kind-([\w-]+)"', html)
    assert headings == [k for k in b.KINDS if k in headings], "groups are not in the fixed order"


def test_citations_become_footnotes_in_one_pass_exactly_as_mkdocs_bibtex_writes_them():
    from mkdocs_bibtex.citation import CitationBlock

    md = "A [@a]. B [@b; @a]. Mail [x@y.org]. Plain [not a cite]. Again [@b].\n\n///Sources///\n"
    ours = b.replace_citations(md, lambda key: f"text of {key}")
    theirs = md  # mkdocs-bibtex's on_page_markdown, steps 1 to 4, with our footnote text
    blocks = CitationBlock.from_markdown(md)
    for block in blocks:
        theirs = theirs.replace(str(block), "".join(f"[^{c.key}]" for c in block.citations))
    keys = dict.fromkeys(c.key for block in blocks for c in block.citations)
    theirs += "\n" + "\n".join(f"[^{key}]: text of {key}" for key in keys)
    assert ours == theirs
    assert CitationBlock.from_markdown(ours) == []  # nothing left for mkdocs-bibtex to do
    assert b.replace_citations("No citations [here].", str) == "No citations [here]."


def test_citation_blocks_are_found_in_linear_time_exactly_as_the_pattern_finds_them():
    from hypothesis import given, settings, strategies as st

    @settings(max_examples=300, deadline=None)
    @given(st.text(alphabet="[]a@;\n x.", max_size=60))
    def same(text):
        assert list(b._blocks(text)) == [(m.start(), m.end(), m.group(1)) for m in b._BLOCK.finditer(text)]

    same()
    found, _ = b.find_citations("[" * 200_000 + "\n[@a]", "p.md", {"a"})  # quadratic with the pattern
    assert [(c.key, c.line) for c in found] == [("a", 2)]
