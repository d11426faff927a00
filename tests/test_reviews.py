"""The review cycle's GitHub issue: its body is rendered from fixture pages, and the workflow that
posts it has least privilege."""

from __future__ import annotations

import datetime as dt
import json
import re
import subprocess
import sys

import yaml

from guide import frontmatter, reviews
from tests.support import ROOT

ON = dt.date(2027, 11, 2)
WORKFLOW = ROOT / ".github" / "workflows" / "reviews.yml"


def page(next_review: str, reviewers: list[str] | None = None, reviewed: str = "2026-11-01") -> str:
    extra = "".join("\n  - " + json.dumps(r) for r in reviewers or [])
    return (f"---\ntitle: T\ndescription: One sentence.\nreviewed: {reviewed}\nnext_review: {next_review}\n"
            + (f"reviewers:{extra}\n" if reviewers else "") + "---\n\n# T\n\nText.\n")


def fixture(tmp_path):
    docs = tmp_path / "docs"
    (docs / "understand").mkdir(parents=True)
    (docs / "snippets").mkdir()
    (docs / "understand" / "overdue.md").write_text(
        page("2027-11-01", ["Dr Ann Lee, psychologist", "@sam | <b>Sam</b>"]), encoding="utf-8")
    (docs / "soon.md").write_text(page("2027-12-31"), encoding="utf-8")  # 59 days
    (docs / "later.md").write_text(page("2028-01-02"), encoding="utf-8")  # 61 days: not listed
    (docs / "snippets" / "x.md").write_text(page("2020-01-02", reviewed="2019-01-01"), encoding="utf-8")
    return tmp_path


def test_issue_body_lists_overdue_and_due_soon_pages_with_reviewers(tmp_path):
    pages = reviews.read_pages(fixture(tmp_path))
    body = reviews.issue_body(pages, on=ON, repo_url="https://github.com/o/r")
    rows = [line for line in body.splitlines() if line.startswith("| ") and "---" not in line]
    assert rows == [
        "| Page | Next review | Status | Reviewers |",
        "| [docs/understand/overdue.md](https://github.com/o/r/blob/main/docs/understand/overdue.md) "
        "| 2027-11-01 | overdue by 1 day | Dr Ann Lee, psychologist, &#64;sam \\| &lt;b&gt;Sam&lt;/b&gt; |",
        "| [docs/soon.md](https://github.com/o/r/blob/main/docs/soon.md) | 2027-12-31 | in 59 days | none named |",
    ]
    assert "2 pages: 1 overdue, 1 due in the next 60 days." in body
    assert "later.md" not in body and "snippets" not in body
    assert body.startswith("Checked on 2027-11-02 ")


def test_issue_body_when_nothing_is_due(tmp_path):
    pages = reviews.read_pages(fixture(tmp_path))
    body = reviews.issue_body(pages, on=dt.date(2026, 12, 1))
    assert "No page is overdue for review or due in the next 60 days." in body
    assert "|" not in body


def test_escape_markdown_keeps_names_plain():
    assert reviews.escape_markdown("a|b @c <i>d</i> [e](f) `g` *h* _i_\nj") == \
        "a\\|b &#64;c &lt;i&gt;d&lt;/i&gt; \\[e\\](f) \\`g\\` \\*h\\* \\_i\\_ j"


def test_command_writes_the_body_and_prints_the_count(tmp_path):
    root = fixture(tmp_path)
    out = tmp_path / "body.md"
    result = subprocess.run([sys.executable, "-m", "guide.reviews", "--root", str(root), "--body", str(out)],
                            cwd=ROOT, capture_output=True, text=True, timeout=60,
                            env={"GUIDE_TODAY": ON.isoformat(), "PATH": "/usr/bin:/bin"})
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "2"
    assert "overdue by 1 day" in out.read_text(encoding="utf-8")


def test_real_guide_pages_all_have_review_dates():
    pages = reviews.read_pages(ROOT)
    assert len(pages) >= 10
    for path, meta in pages.items():
        assert isinstance(meta.get("next_review"), dt.date), path
    # far in the future, every page is listed as overdue (and none is dropped)
    assert len(frontmatter.review_status(pages, on=dt.date(2100, 1, 1))) == len(pages)


def test_workflow_runs_weekly_with_least_privilege():
    text = WORKFLOW.read_text(encoding="utf-8")
    data = yaml.safe_load(text)
    on = data.get("on", data.get(True))
    assert re.fullmatch(r"\d+ \d+ \* \* [0-6]", on["schedule"][0]["cron"]), "once a week"
    assert data["permissions"] == {"contents": "read", "issues": "write"}
    job = data["jobs"]["issue"]
    assert "permissions" not in job
    runs = "\n".join(s.get("run", "") for s in job["steps"])
    assert "python -m guide.reviews --body review-issue.md" in runs
    assert f'TITLE: {reviews.ISSUE_TITLE}' in text
    env = next(s["env"] for s in job["steps"] if "GH_TOKEN" in s.get("env", {}))
    assert env["GH_TOKEN"] == "${{ github.token }}", "the workflow's own token, no personal secret"
    assert "secrets." not in text
