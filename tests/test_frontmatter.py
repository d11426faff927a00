"""Front matter: every rule of guide/frontmatter.py, alone and through the real build.

Dates are pinned with ``on=`` (unit tests) or GUIDE_TODAY (builds), so these tests never age.
"""

from __future__ import annotations

import datetime as dt
import re

import pytest

from guide import frontmatter
from guide.frontmatter import review_line_html, review_summary
from tests.support import MINIMAL_BIB, build_fixture

TODAY = dt.date(2026, 11, 28)
PINNED = {"GUIDE_TODAY": TODAY.isoformat()}
BIB = MINIMAL_BIB


def text(**fields) -> str:
    """A page whose front matter has the default fields, changed or removed (None) by ``fields``."""
    meta = {"title": "Formats", "description": "Compare the formats of online groups.",
            "reviewed": "2026-11-01", "next_review": "2027-11-01"}
    meta.update(fields)
    lines = [f"{k}: {v}" for k, v in meta.items() if v is not None]
    return "---\n" + "\n".join(lines) + "\n---\n\n# Formats\n\nText.\n"


def check(source_text: str, on: dt.date = TODAY):
    return frontmatter.check(frontmatter.split(source_text, "docs/understand/formats.md"), on=on)


def only_error(source_text: str, on: dt.date = TODAY):
    errors, _ = check(source_text, on)
    assert len(errors) == 1, [str(e) for e in errors]
    return errors[0]


# -- a good page ------------------------------------------------------------------------------


def test_a_complete_page_passes():
    errors, warnings = check(text())
    assert errors == [] and warnings == []


def test_body_starts_after_the_front_matter():
    source = frontmatter.split(text(), "docs/x.md")
    assert source.body.startswith("\n# Formats") and source.body_line == 7
    assert source.meta_lines == {"title": 2, "description": 3, "reviewed": 4, "next_review": 5}


def test_optional_and_theme_fields_are_allowed():
    page = text(reviewers="\n  - Dr Ann Lee, psychologist\n  - Sam Ng, editor", hide="\n  - toc")
    assert check(page) == ([], [])


# -- structure --------------------------------------------------------------------------------


def test_no_front_matter():
    problem = only_error("# Formats\n")
    assert (problem.line, problem.message) == (1, "the page has no front matter")
    assert "'---'" in problem.fix


def test_front_matter_never_closed():
    problem = only_error("---\ntitle: Formats\n\n# Formats\n")
    assert "never closed" in problem.message and "'---'" in problem.fix


def test_front_matter_is_not_yaml():
    problem = only_error("---\ntitle: Formats\ndescription: [oops\nreviewed: 2026-11-01\n---\n")
    assert problem.message.startswith("the front matter is not valid YAML")
    assert problem.line in (3, 4, 5) and "quote" in problem.fix


def test_front_matter_is_not_a_mapping():
    problem = only_error("---\n- a list\n---\n")
    assert "'name: value' fields" in problem.message


# -- required fields --------------------------------------------------------------------------


@pytest.mark.parametrize("name", frontmatter.REQUIRED)
def test_each_required_field(name):
    errors, _ = check(text(**{name: None}))
    mine = [e for e in errors if e.field == name]
    assert mine and mine[0].message == f"the front matter has no '{name}'"
    assert f"add '{name}:" in mine[0].fix


@pytest.mark.parametrize("name", frontmatter.REQUIRED)
def test_an_empty_required_field_counts_as_missing(name):
    errors, _ = check(text(**{name: '""'}))
    assert any(e.field == name and "has no" in e.message for e in errors)


def test_title_must_be_text():
    problem = only_error(text(title="[1, 2]"))
    assert (problem.field, problem.line, problem.message) == ("title", 2, "'title' must be text")


# -- description ------------------------------------------------------------------------------


def test_description_at_the_limit_passes():
    assert check(text(description="a" * 159 + "."))[0] == []


def test_description_too_long():
    problem = only_error(text(description="a" * 160 + "."))
    assert problem.field == "description" and problem.line == 3
    assert problem.message == "'description' is 161 characters; the limit is 160"
    assert "shorten" in problem.fix


def test_description_of_two_sentences():
    problem = only_error(text(description="One thing. Another thing."))
    assert problem.message == "'description' has more than one sentence"


def test_description_must_be_text():
    problem = only_error(text(description="42"))
    assert problem.message == "'description' must be text"


# -- dates ------------------------------------------------------------------------------------


@pytest.mark.parametrize("value", ["2026-13-01", "next year", "01/11/2026", "'2026-11-01'"])
def test_a_bad_date(value):
    errors, _ = check(text(reviewed=value))
    problem = next(e for e in errors if e.field == "reviewed")
    assert problem.message.startswith("'reviewed' is not a valid date") and problem.line == 4
    assert "YYYY-MM-DD" in problem.fix


def test_a_datetime_counts_as_its_date():
    assert check(text(reviewed="2026-11-01 10:30:00"))[0] == []


def test_next_review_must_be_after_reviewed():
    problem = only_error(text(next_review="2026-11-01"))
    assert problem.field == "next_review" and "is not after 'reviewed'" in problem.message
    assert "12 months" in problem.fix


def test_next_review_at_most_three_years_later():
    assert check(text(reviewed="2026-11-01", next_review="2029-11-01"))[0] == []
    problem = only_error(text(reviewed="2026-11-01", next_review="2029-11-03"))
    assert "more than 3 years after" in problem.message and "3 years" in problem.fix


def test_reviewed_cannot_be_in_the_future():
    problem = only_error(text(reviewed="2026-12-01", next_review="2027-12-01"))
    assert problem.field == "reviewed" and "in the future" in problem.message


# -- the review cycle -------------------------------------------------------------------------


def test_overdue_review_is_a_warning_not_an_error():
    """No review-date cliff: an overdue page still builds, so a fix can always be published."""
    errors, warnings = check(text(), on=dt.date(2027, 11, 2))
    assert errors == []
    [problem] = warnings
    assert problem.field == "next_review" and problem.line == 5
    assert problem.message == "review overdue: 'next_review' was 2027-11-01"
    assert "set 'reviewed' to today" in problem.fix


def test_overdue_page_with_another_error_still_reports_that_error():
    errors, _ = check(text(description=None), on=dt.date(2030, 1, 1))
    assert [e.field for e in errors] == ["description"]


@pytest.mark.parametrize("reviewed,next_review,message", [
    ("2026-11-01", "2026-10-01", "'next_review' (2026-10-01) is not after 'reviewed' (2026-11-01)"),
    ("2026-11-01", "2026-11-01", "'next_review' (2026-11-01) is not after 'reviewed' (2026-11-01)"),
    ("2026-11-01", "2030-11-01", "'next_review' (2030-11-01) is more than 3 years after 'reviewed' (2026-11-01)"),
])
def test_impossible_review_dates_stay_errors_even_when_overdue(reviewed, next_review, message):
    errors, _ = check(text(reviewed=reviewed, next_review=next_review), on=dt.date(2031, 1, 1))
    assert [e.message for e in errors] == [message]


@pytest.mark.parametrize("on", [dt.date(2027, 11, 1), dt.date(2027, 9, 2)])
def test_due_within_60_days_warns(on):
    errors, warnings = check(text(), on=on)
    assert errors == []
    assert [w.message for w in warnings] == ["review due soon: 'next_review' is 2027-11-01"]
    assert warnings[0].line == 5


def test_due_in_61_days_is_quiet():
    assert check(text(), on=dt.date(2027, 9, 1)) == ([], [])


def test_guide_today_pins_the_date(monkeypatch):
    monkeypatch.setenv("GUIDE_TODAY", "2027-11-02")
    assert frontmatter.today() == dt.date(2027, 11, 2)
    errors, warnings = frontmatter.check(frontmatter.split(text(), "docs/x.md"))
    assert errors == [] and any("overdue" in w.message for w in warnings)


# -- unknown fields ---------------------------------------------------------------------------


@pytest.mark.parametrize("typo,meant", [("reviewd", "reviewed"), ("next-review", "next_review"),
                                        ("Title", "title"), ("descripton", "description")])
def test_unknown_field_with_a_hint(typo, meant):
    errors, _ = check(text(**{typo: "x"}))
    problem = next(e for e in errors if e.field == typo)
    assert problem.message == f"unknown front-matter field '{typo}'"
    assert problem.fix.startswith(f"did you mean '{meant}'?")
    assert problem.line == 6


def test_unknown_field_without_a_close_match():
    problem = only_error(text(colour="blue"))
    assert problem.message == "unknown front-matter field 'colour'"
    assert not problem.fix.startswith("did you mean") and "the fields are: title" in problem.fix


# -- reviewers --------------------------------------------------------------------------------


@pytest.mark.parametrize("value", ["Dr Ann Lee", "\n  - 42", "\n  - ''"])
def test_reviewers_must_be_a_list_of_names(value):
    problem = only_error(text(reviewers=value))
    assert problem.field == "reviewers" and problem.message == "'reviewers' must be a list of names"


# -- what the page shows ----------------------------------------------------------------------


def test_review_line_shows_dates_and_escaped_reviewers():
    meta = {"reviewed": dt.date(2026, 11, 1), "next_review": dt.date(2027, 11, 1),
            "reviewers": ["Dr Ann Lee <b>PhD</b>", "Sam & Co"]}
    html = review_line_html(meta)
    assert 'Last reviewed: <time datetime="2026-11-01">1 November 2026</time>' in html
    assert 'Next review: <time datetime="2027-11-01">1 November 2027</time>' in html
    assert "Reviewed by: Dr Ann Lee &lt;b&gt;PhD&lt;/b&gt;, Sam &amp; Co" in html
    assert "<b>" not in html


def test_review_line_without_reviewers_or_dates():
    assert "Reviewed by" not in review_line_html({"reviewed": dt.date(2026, 11, 1),
                                                  "next_review": dt.date(2027, 11, 1)})
    assert review_line_html({"reviewed": "soon"}) == ""


def test_review_summary():
    pages = {"docs/b.md": {"next_review": dt.date(2027, 1, 10)},
             "docs/a.md": {"next_review": dt.date(2027, 1, 27)},
             "docs/c.md": {"next_review": dt.date(2027, 6, 1)},
             "docs/d.md": {}}
    summary = review_summary(pages, on=dt.date(2026, 11, 28))
    assert summary.splitlines() == [
        "Review summary: 2 articles due for review in the next 60 days:",
        "  docs/b.md: next review 2027-01-10 (in 43 days)",
        "  docs/a.md: next review 2027-01-27 (in 60 days)",
    ]
    assert review_summary(pages, on=dt.date(2026, 1, 1)) == \
        "Review summary: no reviews overdue or due in the next 60 days."


def test_review_summary_lists_overdue_pages_first():
    pages = {"docs/b.md": {"next_review": dt.date(2027, 1, 10)},
             "docs/a.md": {"next_review": dt.date(2027, 1, 27)},
             "docs/c.md": {"next_review": dt.date(2027, 6, 1)}}
    summary = review_summary(pages, on=dt.date(2027, 1, 11))
    assert summary.splitlines() == [
        "Review summary: 1 article overdue for review (published with a 'due for review' notice):",
        "  docs/b.md: next review was 2027-01-10 (overdue by 1 day)",
        "Review summary: 1 article due for review in the next 60 days:",
        "  docs/a.md: next review 2027-01-27 (in 16 days)",
    ]


def test_review_line_adds_the_overdue_notice_only_when_overdue():
    meta = {"reviewed": dt.date(2026, 11, 1), "next_review": dt.date(2027, 11, 1)}
    assert "ogt-review-overdue" not in review_line_html(meta, on=dt.date(2027, 11, 1))
    html = review_line_html(meta, on=dt.date(2027, 11, 2))
    assert ('<p class="ogt-review-overdue" role="note">This page was due for review on '
            '<time datetime="2027-11-01">1 November 2027</time>; we are working on it.</p>') in html


# -- through the real build -------------------------------------------------------------------


def build(tmp_path, page_text: str, env: dict | None = None):
    return build_fixture(tmp_path, {"index.md": page_text}, bib=BIB, env={**PINNED, **(env or {})})


def test_build_fails_on_missing_description(tmp_path):
    result = build(tmp_path, text(description=None))
    assert result.returncode != 0
    assert "docs/index.md:1: [description] the front matter has no 'description'" in result.stderr
    assert "fix: add 'description: ' with one sentence of at most 160 characters" in result.stderr


def test_build_fails_on_a_description_that_is_too_long(tmp_path):
    result = build(tmp_path, text(description="Long " * 40 + "words."))
    assert result.returncode != 0
    assert "docs/index.md:3: [description] 'description' is 206 characters; the limit is 160" in result.stderr


def test_build_fails_on_a_bad_date(tmp_path):
    result = build(tmp_path, text(reviewed="2026-02-30"))
    assert result.returncode != 0
    assert "docs/index.md:4: [reviewed] 'reviewed' is not a valid date: '2026-02-30'" in result.stderr
    assert "fix: write a real date as YYYY-MM-DD" in result.stderr
    assert "Traceback" not in result.stderr


def test_build_fails_on_a_date_that_is_not_a_date(tmp_path):
    result = build(tmp_path, text(next_review="next year"))
    assert result.returncode != 0
    assert "docs/index.md:5: [next_review] 'next_review' is not a valid date: 'next year'" in result.stderr
    assert "fix: write the date as YYYY-MM-DD" in result.stderr


def test_an_overdue_page_builds_shows_the_notice_and_is_in_the_summary(tmp_path):
    result = build(tmp_path, text(), env={"GUIDE_TODAY": "2027-11-02"})
    assert result.returncode == 0, result.stderr
    assert "docs/index.md:5: [next_review] review overdue: 'next_review' was 2027-11-01" in result.stderr
    lines = result.stderr.splitlines()
    at = next(i for i, line in enumerate(lines) if "Review summary: 1 article overdue for review" in line)
    assert "docs/index.md: next review was 2027-11-01 (overdue by 1 day)" in lines[at + 1]
    html = (tmp_path / "site" / "index.html").read_text(encoding="utf-8")
    notice = re.search(r'<p class="ogt-review-overdue" role="note">(.*?)</p>', html, re.S)
    assert notice, "readers see that the page is due for review"
    assert re.sub(r"<[^>]+>", "", notice.group(1)) == \
        "This page was due for review on 1 November 2027; we are working on it."
    # straight under the title: the review line, then the notice
    assert html.index("</h1>") < html.index('class="ogt-review"') < html.index("ogt-review-overdue")


def test_build_still_fails_when_next_review_is_before_reviewed(tmp_path):
    result = build(tmp_path, text(next_review="2026-10-01"), env={"GUIDE_TODAY": "2030-01-01"})
    assert result.returncode != 0
    assert "[next_review] 'next_review' (2026-10-01) is not after 'reviewed' (2026-11-01)" in result.stderr


def test_build_fails_on_an_unknown_field(tmp_path):
    result = build(tmp_path, text(reviewd="2026-11-01"))
    assert result.returncode != 0
    assert "docs/index.md:6: [reviewd] unknown front-matter field 'reviewd'" in result.stderr
    assert "fix: did you mean 'reviewed'?" in result.stderr


def test_build_lists_due_reviews_in_the_summary_at_the_end(tmp_path):
    result = build(tmp_path, text(), env={"GUIDE_TODAY": "2027-10-01"})
    assert result.returncode == 0, result.stderr
    lines = result.stderr.splitlines()
    at = next(i for i, line in enumerate(lines) if "Review summary: 1 article due for review" in line)
    assert "docs/index.md: next review 2027-11-01 (in 31 days)" in lines[at + 1]
    assert all("Review summary" not in line for line in lines[at + 2:]), "the summary comes last"


def test_build_says_when_no_review_is_due(tmp_path):
    result = build(tmp_path, text())
    assert result.returncode == 0, result.stderr
    assert "Review summary: no reviews overdue or due in the next 60 days." in result.stderr


def test_built_page_shows_review_dates_and_escaped_reviewers(tmp_path):
    page = text(reviewers='\n  - "Dr Ann Lee <script>alert(1)</script>"\n  - Sam Ng & Co')
    result = build(tmp_path, page)
    assert result.returncode != 0, "raw <script> in front matter is refused by the build"
    page = text(reviewers='\n  - "Dr Ann Lee <em>PhD</em>"\n  - Sam Ng & Co')
    result = build(tmp_path, page)
    assert result.returncode == 0, result.stderr
    html = (tmp_path / "site" / "index.html").read_text(encoding="utf-8")
    line = re.search(r'<p class="ogt-review">.*?</p>', html, re.S).group(0)
    assert "Last reviewed: <time datetime=\"2026-11-01\">1 November 2026</time>" in line
    assert "Next review: <time datetime=\"2027-11-01\">1 November 2027</time>" in line
    assert "Reviewed by: Dr Ann Lee &lt;em&gt;PhD&lt;/em&gt;, Sam Ng &amp; Co" in line
