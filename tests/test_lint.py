"""Content lint (guide/lint.py): every article passes, and each rule fails loudly on bad input.

Bad input goes through the real commands: the build (``build_fixture``) for the build checks,
``python -m guide.lint`` for the test-time checks (reading level, spelling).
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from guide import frontmatter, lint
from tests.support import ENV, MINIMAL_BIB, ROOT, build_fixture, page, stub_evidence

SITE_URL = "https://ogt-guide.github.io/online-group-therapy-guide/"
BIB = MINIMAL_BIB
PINNED = {"GUIDE_TODAY": "2026-11-28", "GUIDE_DRAFTS": ""}


def problems_in(body: str, site_url: str = SITE_URL) -> list[str]:
    """The build-check messages for a page with this body, as 'line: message'."""
    text = page("Test", body)
    return [f"{p.line}: {p.message}" for p in lint.check_page(text, "docs/t.md", site_url=site_url)]


BODY_LINE = 10  # page() puts the body on this line


# -- the real guide ---------------------------------------------------------------------------


def test_every_article_passes_the_lint():
    """Front matter, TODOs, HTML, images, links, reading level, long sentences and spelling."""
    problems, table = lint.lint_docs(ROOT)
    assert len(table) >= 13, [f.path for f in table]
    assert not problems, f"{len(problems)} problems:\n" + "\n".join(map(str, problems))


def test_lint_cli_on_the_guide():
    result = run_lint(ROOT, "--table")
    assert result.returncode == 0, result.stdout + result.stderr
    assert "articles checked: no problems." in result.stdout
    assert "docs/understand/research.md" in result.stdout and "grade" in result.stdout


# -- TODO -------------------------------------------------------------------------------------


def test_todo_anywhere_is_reported_with_its_line():
    text = "---\ntitle: Test\ndescription: TODO write it.\nreviewed: 2026-11-01\nnext_review: 2027-11-01\n---\n\n" \
           "# Test\n\nDone.\n\nTODO: finish this.\n\n```\nTODO in code too\n```\n"
    found = lint.check_page(text, "docs/t.md")
    assert [(p.line, p.message) for p in found] == [
        (3, "the page still has a TODO: it is not ready to publish"),
        (12, "the page still has a TODO: it is not ready to publish"),
        (15, "the page still has a TODO: it is not ready to publish"),
    ]
    assert "replace the TODO" in found[0].fix


def test_words_containing_todo_are_fine():
    assert problems_in("Todo lists, TODOs and mastodon are words here.") == []


# -- raw HTML ---------------------------------------------------------------------------------


@pytest.mark.parametrize("html,message", [
    ("<script>alert(1)</script>", "raw <script> is not allowed in a page"),
    ("<SCRIPT src=x.js></SCRIPT>", "raw <script> is not allowed in a page"),
    ('<iframe src="https://example.org"></iframe>', "raw <iframe> is not allowed in a page"),
    ('<object data="x.swf"></object>', "raw <object> is not allowed in a page"),
    ('<embed src="x">', "raw <embed> is not allowed in a page"),
    ('<a href="#" onclick="steal()">Hi</a>', "inline event handler 'onclick=' is not allowed in a page"),
    ('<img alt="A cat" src=x.png onerror=steal()>', "inline event handler 'onerror=' is not allowed in a page"),
    ('[Hi](a.md){ onmouseover="steal()" }', "inline event handler 'onmouseover=' is not allowed in a page"),
    ("[Hi](javascript:steal())", "a 'javascript:' link is not allowed in a page"),
    ('<a href="JavaScript:steal()">Hi</a>', "a 'javascript:' link is not allowed in a page"),
])
def test_raw_html_is_refused(html, message):
    assert problems_in(f"Some text.\n\n{html}\n") == [f"{BODY_LINE + 2}: {message}"]


def test_handler_on_a_later_line_of_a_tag_gets_that_line():
    assert problems_in('<a href="a.md"\n   onfocus="x()">Hi</a>\n') == \
        [f"{BODY_LINE + 1}: inline event handler 'onfocus=' is not allowed in a page"]


def test_html_shown_as_code_is_fine():
    body = "Write `<script>` never.\n\n```html\n<script>alert(1)</script>\n<iframe></iframe>\n```\n\n" \
           "~~~\n<a onclick=x>\n~~~\n"
    assert problems_in(body) == []


def test_harmless_html_and_addresses_are_fine():
    body = ('<abbr title="cognitive behavioural therapy">CBT</abbr> and <https://example.org/?online=1>.\n\n'
            "Turn the camera on = fine. Scores of 5 <10 are low.\n")
    assert problems_in(body) == []


# -- images -----------------------------------------------------------------------------------


@pytest.mark.parametrize("image,message", [
    ("![](pic.png)", "an image has no alt text"),
    ("![  ](pic.png)", "an image has no alt text"),
    ("![][pic]", "an image has no alt text"),
    ('<img src="pic.png">', "an <img> has no alt text"),
    ('<img src="pic.png" alt="">', "an <img> has no alt text"),
    ('<img\n  src="pic.png">', "an <img> has no alt text"),
])
def test_image_without_alt_text(image, message):
    found = lint.check_page(page("Test", image), "docs/t.md")
    assert [(p.line, p.message) for p in found] == [(BODY_LINE, message)]
    assert "describ" in found[0].fix


def test_images_with_alt_text_are_fine():
    assert problems_in('![Six faces on a video call](call.png) <img src="a.png" alt="A laptop">\n') == []


# -- links ------------------------------------------------------------------------------------


@pytest.mark.parametrize("link", [
    "[A site](http://example.org)", "<http://example.org>", '<a href="http://example.org">A</a>',
    "[A site][ref]\n\n[ref]: http://example.org",
])
def test_http_links_are_refused(link):
    found = problems_in(link)
    assert len(found) == 1 and found[0].endswith("link uses http://, not https://: http://example.org"), found


@pytest.mark.parametrize("url", [
    SITE_URL + "understand/formats/", SITE_URL.rstrip("/"), "http://ogt-guide.github.io/online-group-therapy-guide/",
    "//ogt-guide.github.io/online-group-therapy-guide/about/",
])
def test_links_to_the_guide_by_full_address_are_refused(url):
    found = problems_in(f"See [Formats]({url}).")
    assert found == [f"{BODY_LINE}: link to the guide's own page by its full address: {url}"]


def test_other_links_are_fine():
    body = ("[Formats](../understand/formats.md), [Help](https://example.org/help), "
            "[Mail](mailto:editors@example.org), [Top](#top), <https://ogt-guide.github.io/other-project/>.\n")
    assert problems_in(body) == []


def test_own_site_check_needs_a_site_url():
    assert problems_in(f"See [it]({SITE_URL}).", site_url="") == []


# -- front matter that reaches the HTML head ---------------------------------------------------


@pytest.mark.parametrize("field,value,chars", [
    ("title", 'Tips for "newcomers"', "'\"'"),
    ("description", "A page about <b>bold</b> choices.", "'<' '>'"),
])
def test_markup_in_title_or_description_is_refused(field, value, chars):
    text = page("Test").replace(f"{field}: ", f"{field}: '{value}'\nold_{field}: ", 1)
    found = [p for p in lint.check_page(text, "docs/t.md") if p.field == field]
    assert found and found[0].message == f"'{field}' contains {chars}, which would break the page's HTML"
    assert found[0].line == (2 if field == "title" else 3)


# -- reading level ----------------------------------------------------------------------------


def source_of(body: str) -> frontmatter.Source:
    return frontmatter.split(page("Test", body), "docs/t.md")


def test_hard_prose_fails_with_its_grade():
    body = ("Psychotherapeutic interventions administered synchronously via videoconferencing "
            "infrastructure demonstrate comparable effectiveness. ") * 3
    found = lint.check_prose(source_of(body))
    grade = next(p for p in found if p.message.startswith("reading grade"))
    assert grade.line == 7 and float(grade.message.split()[2]) > 8 and grade.message.endswith("> 8")
    assert "shorter sentences" in grade.fix


def test_long_sentences_are_listed_with_their_lines():
    long = " ".join(["word"] * 36) + "."
    body = f"A short one.\n\n{long}\n\nAnother short one.\n\n- {long}\n"
    found = [p for p in lint.check_prose(source_of(body)) if p.message.startswith("sentence of")]
    assert [(p.line, p.message[:30]) for p in found] == [
        (BODY_LINE + 2, "sentence of 36 words (over 35)"),
        (BODY_LINE + 6, "sentence of 36 words (over 35)"),
    ]
    assert found[0].fix == "split it into two or three sentences"


def test_high_average_sentence_length_fails():
    sentence = "The " + " ".join(["cat"] * 23) + "."
    found = lint.check_prose(source_of(f"{sentence} {sentence}"))
    assert any(p.message == "sentences average 24.0 words > 20" for p in found), found


def test_plain_prose_passes():
    assert lint.check_prose(source_of("You can join from home. The group meets once a week.")) == []


# -- spelling ---------------------------------------------------------------------------------


def test_misspelling_is_found_with_line_and_suggestion(tmp_path):
    (tmp_path / "docs").mkdir()
    (tmp_path / "docs" / "a.md").write_text("Fine line.\nYou will recieve a link.\n", encoding="utf-8")
    (tmp_path / "docs" / "list.yml").write_text("title: Teh list\n", encoding="utf-8")
    found = lint.check_spelling(lint.spelling_files(tmp_path / "docs"), tmp_path)
    assert [(p.file, p.line, p.message) for p in found] == [
        ("docs/a.md", 2, "spelling: 'recieve' should probably be 'receive'"),
        ("docs/list.yml", 1, "spelling: 'Teh' should probably be 'The'"),
    ]
    assert ".codespell-words.txt" in found[0].fix


def test_word_list_accepts_a_word(tmp_path):
    (tmp_path / "docs").mkdir()
    (tmp_path / "docs" / "a.md").write_text("You will recieve a link.\n", encoding="utf-8")
    (tmp_path / lint.WORDS_FILE).write_text("# Words codespell must accept\n\nrecieve  # a quoted typo\n",
                                            encoding="utf-8")
    assert lint.read_words(tmp_path / lint.WORDS_FILE) == ["recieve"]
    assert lint.check_spelling(lint.spelling_files(tmp_path / "docs"), tmp_path) == []


# -- the lint command on bad input -------------------------------------------------------------


def run_lint(root: Path, *args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "guide.lint", "--root", str(root), *args],
                          cwd=ROOT, env={**ENV, **PINNED}, capture_output=True, text=True, timeout=300)


def project(tmp_path: Path, pages: dict[str, str], bib: str = BIB) -> Path:
    (tmp_path / "mkdocs.yml").write_text(f"site_name: Test\nsite_url: {SITE_URL}\n", encoding="utf-8")
    (tmp_path / "references.bib").write_text(bib, encoding="utf-8")
    (tmp_path / "evidence.yml").write_text(stub_evidence(bib, pages), encoding="utf-8")
    for name, text in pages.items():
        path = tmp_path / "docs" / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
    return tmp_path


def test_lint_cli_reports_a_misspelling(tmp_path):
    root = project(tmp_path, {"index.md": page("Home", "You will recieve a link before the group.")})
    result = run_lint(root)
    assert result.returncode == 1
    assert "docs/index.md:10: spelling: 'recieve' should probably be 'receive'" in result.stdout
    assert "1 article checked: 1 problem." in result.stdout


def test_lint_cli_reports_hard_prose_with_its_figure(tmp_path):
    hard = ("Psychotherapeutic interventions administered synchronously via videoconferencing "
            "infrastructure demonstrate comparable effectiveness. ") * 3
    root = project(tmp_path, {"understand/hard.md": page("Hard", hard)})
    result = run_lint(root, "--table")
    assert result.returncode == 1
    assert "docs/understand/hard.md:7: reading grade" in result.stdout
    assert "docs/understand/hard.md" in result.stdout.splitlines()[1], "the table lists the article"


def test_lint_cli_checks_snippets_for_html_but_not_as_articles(tmp_path):
    root = project(tmp_path, {"index.md": page("Home", "Hello."),
                              "snippets/warning.md": "<script>alert(1)</script>\n"})
    result = run_lint(root)
    assert result.returncode == 1
    assert "docs/snippets/warning.md:1: raw <script> is not allowed in a page" in result.stdout
    assert "1 article checked:" in result.stdout


CITED_BIB = BIB + """
@article{banbury2018,
  author = {Banbury, Annie},
  title = {A trial},
  journal = {A journal},
  year = {2018},
  doi = {10.1000/test},
  keywords = {rct}
}
"""


def test_lint_catches_what_it_promises_with_lines(tmp_path):
    """The four mistakes a volunteer made that lint used to pass: a broken link, a broken anchor,
    a cite-key typo and a checklist mistake. Each is reported with its file, line and fix."""
    checklist = ("id: ready\ntitle: Ready\nintro: Tick each one.\nversion: 1\nsections:\n  - title: Space\n    items:\n"
                 "      - id: quiet\n        text: I have a quiet room.\n        priority: urgent\n")
    root = project(tmp_path, {
        "index.md": page("Home", "See [formats](understand/format.md).\n\n"
                                 "Read [care](understand/formats.md#cost).\n\n"
                                 "Groups help [@banbury2081].\n\n<!-- guide:checklist ready -->"),
        "understand/formats.md": page("Formats", "## Costs\n\nGroups help [@banbury2018]."),
        "checklists/ready.yml": checklist,
    }, bib=CITED_BIB)
    result = run_lint(root)
    out = result.stdout
    assert result.returncode == 1, out + result.stderr
    assert "docs/index.md:10: [link] link 'understand/format.md' points at docs/understand/format.md" in out
    assert "    fix: did you mean 'understand/formats.md'?" in out
    assert "docs/index.md:12: [link] link 'understand/formats.md#cost' points at '#cost'" in out
    assert "docs/index.md:14:" in out and "banbury2081" in out and "banbury2018" in out
    assert "docs/checklists/ready.yml:10:" in out and "is 'urgent', which is not one of" in out
    assert out.rstrip().endswith("2 articles checked: 4 problems."), out


def test_lint_lists_an_overdue_review_as_a_note_not_a_failure(tmp_path):
    root = project(tmp_path, {"index.md": page("Home", "You can join a group. It is fine to just listen.")})
    result = subprocess.run([sys.executable, "-m", "guide.lint", "--root", str(root)], cwd=ROOT,
                            env={**ENV, **PINNED, "GUIDE_TODAY": "2027-12-01"},
                            capture_output=True, text=True, timeout=300)
    assert result.returncode == 0, result.stdout
    assert "note: docs/index.md:5: [next_review] review overdue: 'next_review' was 2027-11-01" in result.stdout


def test_lint_reports_a_broken_bibliography(tmp_path):
    root = project(tmp_path, {"index.md": page("Home", "Hello.")}, bib="@misc{broken,\n  title = {x\n")
    result = run_lint(root)
    assert result.returncode == 1
    assert "references.bib:" in result.stdout


def test_lint_cli_needs_a_docs_folder(tmp_path):
    result = run_lint(tmp_path)
    assert result.returncode == 2 and "is not a folder" in result.stderr


# -- the build refuses the build-check failures -----------------------------------------------


def build(tmp_path, body: str):
    return build_fixture(tmp_path, {"index.md": page("Home", body)}, bib=BIB, env=PINNED)


def test_build_fails_on_a_script_tag(tmp_path):
    result = build(tmp_path, "Hello.\n\n<script>alert('hi')</script>\n")
    assert result.returncode != 0
    assert "docs/index.md:12: raw <script> is not allowed in a page" in result.stderr
    assert "fix: remove it: pages may not run scripts" in result.stderr


def test_build_fails_on_an_event_handler(tmp_path):
    result = build(tmp_path, '<p onmouseover="steal()">Hello.</p>\n')
    assert result.returncode != 0
    assert "docs/index.md:10: inline event handler 'onmouseover=' is not allowed in a page" in result.stderr


def test_build_fails_on_a_todo(tmp_path):
    result = build(tmp_path, "Hello.\n\nTODO: add the evidence.\n")
    assert result.returncode != 0
    assert "docs/index.md:12: the page still has a TODO: it is not ready to publish" in result.stderr


def test_make_serve_previews_a_draft_but_lists_its_todos(tmp_path):
    """`make serve` sets GUIDE_DRAFTS=1: TODOs become warnings there, and only there."""
    docs = {"index.md": page("Home", "Hello.\n\nTODO: add the evidence.\n")}
    result = build_fixture(tmp_path, docs, bib=BIB, env={**PINNED, "GUIDE_DRAFTS": "1"})
    assert result.returncode == 0, result.stderr
    assert "docs/index.md:12: the page still has a TODO: it is not ready to publish" in result.stderr
    result = build_fixture(tmp_path, {"index.md": page("Home", "TODO\n\n<script>x()</script>\n")},
                           bib=BIB, env={**PINNED, "GUIDE_DRAFTS": "1"})
    assert result.returncode != 0 and "1 problem found:" in result.stderr
    assert "docs/index.md:12: raw <script> is not allowed in a page" in result.stderr


def test_build_fails_on_an_image_without_alt_text(tmp_path):
    (tmp_path / "docs").mkdir()
    (tmp_path / "docs" / "call.png").write_bytes(b"\x89PNG\r\n\x1a\n")
    result = build(tmp_path, "![](call.png)\n")
    assert result.returncode != 0
    assert "docs/index.md:10: an image has no alt text" in result.stderr
    assert "fix: describe what the image shows" in result.stderr


def test_build_fails_on_an_http_link(tmp_path):
    result = build(tmp_path, "See [the service](http://example.org).\n")
    assert result.returncode != 0
    assert "docs/index.md:10: link uses http://, not https://: http://example.org" in result.stderr


def test_build_fails_on_a_full_address_of_our_own_page(tmp_path):
    result = build(tmp_path, f"See [Formats]({SITE_URL}understand/formats/).\n")
    assert result.returncode != 0
    assert (f"docs/index.md:10: link to the guide's own page by its full address: {SITE_URL}understand/formats/"
            in result.stderr)


def test_build_reports_every_problem_at_once(tmp_path):
    result = build(tmp_path, "TODO\n\n<iframe src=\"https://example.org\"></iframe>\n\n![](x.png)\n")
    assert result.returncode != 0
    assert "4 problems found:" in result.stderr
    assert "docs/index.md:14: [link] link 'x.png' points at docs/x.png, which does not exist" in result.stderr


def test_lint_checks_the_menu(tmp_path):
    root = project(tmp_path, {"index.md": page("Home", "You can join a group from home."),
                              "understand/new.md": page("New", "You can join a group from home.")})
    (root / "mkdocs.yml").write_text(f"site_name: Test\nsite_url: {SITE_URL}\nnav:\n  - Home: index.md\n"
                                     "  - Gone: understand/gone.md\n", encoding="utf-8")
    result = run_lint(root, "--no-spelling")
    assert result.returncode == 1
    assert "docs/understand/new.md:1: [nav] the page is not in the site menu (nav in mkdocs.yml)" in result.stdout
    assert "fix: add a line '      - Title: understand/new.md' under its section" in result.stdout
    assert "mkdocs.yml:5: [nav] the menu (nav) lists 'understand/gone.md', which is not a page in docs/" in result.stdout
