"""The review cycle: which pages are overdue for review, or due soon, and who reviews them.

``python -m guide.reviews --body FILE`` writes the body of the one GitHub issue that
``.github/workflows/reviews.yml`` opens or updates every week, and prints how many pages it lists.
It reads the front matter of docs/*.md only: no MkDocs, no rendering, no network.

Text from front matter goes into a GitHub issue, which is Markdown: reviewer names are escaped so a
name cannot break the table, ping someone with ``@``, or add HTML.
"""

from __future__ import annotations

import argparse
import datetime as dt
import sys
from pathlib import Path

from guide import frontmatter

ISSUE_TITLE = "Pages due for review"
WITHIN_DAYS = frontmatter.DUE_SOON_DAYS


def read_pages(root: Path, docs: str = "docs") -> dict[str, dict]:
    """The front matter of every page in ``root/docs`` (shown path -> fields). Snippets are skipped."""
    root = Path(root)
    folder = root / docs
    pages = {}
    for path in sorted(folder.rglob("*.md")):
        if path.relative_to(folder).parts[0] == "snippets":
            continue
        shown = path.relative_to(root).as_posix()
        pages[shown] = frontmatter.split(path.read_text(encoding="utf-8"), shown).meta
    return pages


def escape_markdown(text: str) -> str:
    """Plain text that stays plain in a GitHub Markdown table cell."""
    text = " ".join(str(text).split())
    for char, safe in (("&", "&amp;"), ("<", "&lt;"), (">", "&gt;"), ("@", "&#64;"), ("|", "\\|"),
                       ("[", "\\["), ("]", "\\]"), ("`", "\\`"), ("*", "\\*"), ("_", "\\_")):
        text = text.replace(char, safe)
    return text


def issue_body(pages: dict[str, dict], *, on: dt.date, repo_url: str = "", branch: str = "main") -> str:
    """The issue's Markdown: one table row per page overdue or due within 60 days, oldest first."""
    due = frontmatter.review_status(pages, on=on, within=WITHIN_DAYS)
    lines = [f"Checked on {on.isoformat()} by the weekly review workflow. "
             "This issue is updated every week; do not edit it by hand.", ""]
    if not due:
        lines.append(f"No page is overdue for review or due in the next {WITHIN_DAYS} days.")
        return "\n".join(lines) + "\n"
    overdue = sum(1 for d in due if d[0] < on)
    lines += [f"{len(due)} page{'s' if len(due) != 1 else ''}: {overdue} overdue, "
              f"{len(due) - overdue} due in the next {WITHIN_DAYS} days. Overdue pages are still "
              "published, with a notice that says they are due for review.", "",
              "| Page | Next review | Status | Reviewers |", "| --- | --- | --- | --- |"]
    for next_review, path, meta in due:
        page = escape_markdown(path)
        if repo_url:
            page = f"[{page}]({repo_url.rstrip('/')}/blob/{branch}/{path})"
        reviewers = meta.get("reviewers")
        names = ", ".join(escape_markdown(r) for r in reviewers) if isinstance(reviewers, list) else ""
        lines.append(f"| {page} | {next_review.isoformat()} | {frontmatter.when_due(next_review, on)} "
                     f"| {names or 'none named'} |")
    lines += ["", "To review a page: check every fact against its sources, then set `reviewed` to the "
              "day of the review and `next_review` to a later date (see CONTRIBUTING.md, "
              "\"The review cycle\")."]
    return "\n".join(lines) + "\n"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m guide.reviews",
        description="Write the body of the 'Pages due for review' issue and print how many pages it lists.")
    parser.add_argument("--root", default=".", help="the project folder (default: the current folder)")
    parser.add_argument("--body", help="write the issue body to this file (default: print it)")
    parser.add_argument("--repo-url", default="", help="https://github.com/OWNER/REPO, to link each page")
    args = parser.parse_args(argv)
    on = frontmatter.today()
    pages = read_pages(Path(args.root))
    body = issue_body(pages, on=on, repo_url=args.repo_url)
    count = len(frontmatter.review_status(pages, on=on, within=WITHIN_DAYS))
    if args.body:
        Path(args.body).write_text(body, encoding="utf-8")
        print(count)
    else:
        sys.stdout.write(body)
    return 0


if __name__ == "__main__":
    sys.exit(main())
